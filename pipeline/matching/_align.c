/*
 * C implementation of the name score of pipeline.matching.features (same results, several
 * times faster): the token pair similarity (features._token_pair, without its notes) and the
 * greedy one-to-one token alignment (features._align, score only).
 *
 * align_score(traveller_tokens, listed_tokens, role_weights, extra_traveller, extra_listed)
 *   -> float, or None when a token holds a non-ASCII string (the caller then uses Python)
 *   tokens: sequences of pipeline.matching.keys.Token (text, comp, root, relation, role,
 *           folded, stripped, phon); role_weights: {"surname": w, "given": w, "unknown": w}.
 *
 * Jaro-Winkler is computed as rapidfuzz.distance.JaroWinkler.normalized_similarity does
 * (window max(len)/2 - 1, prefix up to 4 letters weighted 0.1, applied above 0.7).
 * tests/test_align_speedups.py checks that both implementations agree on any tokens.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "lcs.h"

#define MAX_TOKENS 64

typedef struct {
    const char *s;
    Py_ssize_t n;
} Str;

/* A token's forms; ``id`` holds the index's numbers of comp, root, folded, stripped and phon
 * (interned: equal numbers, equal strings; -1 a string the index does not have; NO_IDS: compare
 * the strings) and ``mask`` the characters of text and comp (jaro_winkler_bound). */
#define NO_IDS (-2)
enum { COMP, ROOT, FOLDED, STRIPPED, PHON, FORMS };

typedef struct {
    Str text, comp, root, folded, stripped, phon;
    int32_t id[FORMS];
    uint64_t mask_text, mask_comp;
    int nickname, unknown;
    double weight;
} Tok;

static uint64_t char_mask(Str s) {
    uint64_t m = 0;
    for (Py_ssize_t i = 0; i < s.n; i++)
        m |= 1ULL << (s.s[i] & 63);
    return m;
}

static PyObject *a_text, *a_comp, *a_root, *a_relation, *a_role, *a_folded, *a_stripped, *a_phon;

/* An ASCII str attribute of a token; 0 ok, 1 not ASCII, -1 error. */
static int get_str(PyObject *tok, PyObject *attr, Str *out) {
    PyObject *v = PyObject_GetAttr(tok, attr);
    if (v == NULL)
        return -1;
    if (!PyUnicode_Check(v)) {
        Py_DECREF(v);
        PyErr_SetString(PyExc_TypeError, "token attribute is not a str");
        return -1;
    }
    if (!PyUnicode_IS_ASCII(v)) {
        Py_DECREF(v);
        return 1;
    }
    out->s = (const char *)PyUnicode_DATA(v);
    out->n = PyUnicode_GET_LENGTH(v);
    Py_DECREF(v); /* the token keeps the string alive */
    return 0;
}

static int load_token(PyObject *tok, PyObject *weights, Tok *t) {
    int rc;
    if ((rc = get_str(tok, a_text, &t->text)) || (rc = get_str(tok, a_comp, &t->comp)) ||
        (rc = get_str(tok, a_root, &t->root)) || (rc = get_str(tok, a_folded, &t->folded)) ||
        (rc = get_str(tok, a_stripped, &t->stripped)) || (rc = get_str(tok, a_phon, &t->phon)))
        return rc;
    PyObject *rel = PyObject_GetAttr(tok, a_relation);
    if (rel == NULL)
        return -1;
    t->nickname = PyUnicode_Check(rel) && PyUnicode_CompareWithASCIIString(rel, "nickname") == 0;
    Py_DECREF(rel);
    PyObject *role = PyObject_GetAttr(tok, a_role);
    if (role == NULL)
        return -1;
    t->unknown = PyUnicode_Check(role) && PyUnicode_CompareWithASCIIString(role, "unknown") == 0;
    PyObject *w = PyDict_GetItemWithError(weights, role);
    Py_DECREF(role);
    if (w == NULL) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_KeyError, "role without a weight");
        return -1;
    }
    t->weight = PyFloat_AsDouble(w);
    if (t->weight == -1.0 && PyErr_Occurred())
        return -1;
    for (int f = 0; f < FORMS; f++)
        t->id[f] = NO_IDS;
    t->mask_text = char_mask(t->text);
    t->mask_comp = char_mask(t->comp);
    return 0;
}

/* load_token for each of the ``n`` items of a PySequence_Fast; stops at the first non-zero. */
static int load_tokens(PyObject *seq, Py_ssize_t n, PyObject *weights, Tok *out) {
    for (Py_ssize_t i = 0; i < n; i++) {
        int rc = load_token(PySequence_Fast_GET_ITEM(seq, i), weights, &out[i]);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int same(Str a, Str b) { return a.n == b.n && memcmp(a.s, b.s, (size_t)a.n) == 0; }

/* rapidfuzz's Jaro-Winkler normalized similarity of two ASCII strings. */
static double jaro_winkler(Str a, Str b) {
    Py_ssize_t p = a.n, t = b.n;
    if (p == 0 && t == 0)
        return 1.0;
    if (p == 0 || t == 0)
        return 0.0;
    double sim;
    if (p == 1 && t == 1) {
        sim = a.s[0] == b.s[0] ? 1.0 : 0.0;
    } else {
        Py_ssize_t bound = (t > p ? t : p) / 2 - 1;
        if (bound < 0)
            bound = 0;
        unsigned char fa[256], fb[256];
        unsigned char *flag_a = p <= 256 ? fa : PyMem_Calloc((size_t)p, 1);
        unsigned char *flag_b = t <= 256 ? fb : PyMem_Calloc((size_t)t, 1);
        if (flag_a == NULL || flag_b == NULL) {
            if (flag_a != fa)
                PyMem_Free(flag_a);
            if (flag_b != fb)
                PyMem_Free(flag_b);
            return -1.0;
        }
        if (p <= 256)
            memset(fa, 0, (size_t)p);
        if (t <= 256)
            memset(fb, 0, (size_t)t);
        Py_ssize_t common = 0;
        for (Py_ssize_t i = 0; i < p; i++) {
            Py_ssize_t lo = i - bound > 0 ? i - bound : 0;
            Py_ssize_t hi = i + bound < t - 1 ? i + bound : t - 1;
            for (Py_ssize_t j = lo; j <= hi; j++) {
                if (!flag_b[j] && b.s[j] == a.s[i]) {
                    flag_a[i] = flag_b[j] = 1;
                    common++;
                    break;
                }
            }
        }
        if (common == 0) {
            sim = 0.0;
        } else {
            Py_ssize_t k = 0, trans = 0;
            for (Py_ssize_t i = 0; i < p; i++) {
                if (!flag_a[i])
                    continue;
                Py_ssize_t j = k;
                while (j < t && !flag_b[j])
                    j++;
                k = j + 1;
                if (a.s[i] != b.s[j])
                    trans++;
            }
            trans /= 2;
            sim = 0.0;
            sim += (double)common / (double)p;
            sim += (double)common / (double)t;
            sim += (double)(common - trans) / (double)common;
            sim = sim / 3.0;
        }
        if (flag_a != fa)
            PyMem_Free(flag_a);
        if (flag_b != fb)
            PyMem_Free(flag_b);
    }
    Py_ssize_t prefix = 0, max_prefix = p < t ? p : t;
    if (max_prefix > 4)
        max_prefix = 4;
    while (prefix < max_prefix && a.s[prefix] == b.s[prefix])
        prefix++;
    if (sim > 0.7) {
        sim += prefix * 0.1 * (1.0 - sim);
        if (sim > 1.0)
            sim = 1.0;
    }
    return sim;
}

static int starts_with(Str s, Str prefix) { return s.n >= prefix.n && memcmp(s.s, prefix.s, (size_t)prefix.n) == 0; }

static int ends_with(Str s, Str suffix) {
    return s.n >= suffix.n && memcmp(s.s + s.n - suffix.n, suffix.s, (size_t)suffix.n) == 0;
}

/* Below this Jaro-Winkler similarity a pair scores under 0.5 (jw cubed), which the alignment
 * never counts (0.5 ** (1/3) = 0.7937..., with a margin). */
#define JW_COUNTED 0.79

/* An upper bound of jaro_winkler(a, b) from the strings' lengths and character masks: at most
 * the distinct characters in common plus the fewer repeated ones can match, and the prefix
 * bonus is at most 0.4 of what is left. */
static double jaro_winkler_bound(Py_ssize_t na, uint64_t ma, Py_ssize_t nb, uint64_t mb) {
    if (na == 0 || nb == 0)
        return 1.0; /* jaro_winkler decides these */
    Py_ssize_t repeat_a = na - __builtin_popcountll(ma), repeat_b = nb - __builtin_popcountll(mb);
    double m = (double)__builtin_popcountll(ma & mb) + (double)(repeat_a < repeat_b ? repeat_a : repeat_b);
    if (m > (double)na)
        m = (double)na;
    if (m > (double)nb)
        m = (double)nb;
    double jaro = (m / (double)na + m / (double)nb + 1.0) / 3.0;
    return jaro + 0.4 * (1.0 - jaro);
}

/* features.few_edits: ``a`` and ``b`` at most one edit per LETTERS_PER_EDIT letters of the
 * shorter (at least one) apart, by optimal string alignment distance (insertions, deletions,
 * substitutions, swaps of neighbours); 1 yes, 0 no, -1 on memory error. */
#define LETTERS_PER_EDIT 5
#define STACK_ROW 64
static int few_edits(Str a, Str b) {
    Py_ssize_t n = a.n, m = b.n;
    Py_ssize_t limit = ((n < m ? n : m) + LETTERS_PER_EDIT - 1) / LETTERS_PER_EDIT;
    if (limit < 1)
        limit = 1;
    if (n - m > limit || m - n > limit)
        return 0;
    Py_ssize_t stack[3 * STACK_ROW], *heap = NULL;
    if (m + 1 > STACK_ROW && (heap = PyMem_Malloc(sizeof(Py_ssize_t) * 3 * (size_t)(m + 1))) == NULL)
        return -1;
    Py_ssize_t width = heap ? m + 1 : STACK_ROW, *rows = heap ? heap : stack;
    Py_ssize_t *before = rows, *prev = rows + width, *cur = rows + 2 * width;
    for (Py_ssize_t j = 0; j <= m; j++)
        prev[j] = j;
    int within = 1;
    for (Py_ssize_t i = 1; i <= n && within; i++) {
        cur[0] = i;
        Py_ssize_t lowest = i;
        for (Py_ssize_t j = 1; j <= m; j++) {
            Py_ssize_t d = prev[j - 1] + (a.s[i - 1] != b.s[j - 1]);
            if (prev[j] + 1 < d)
                d = prev[j] + 1;
            if (cur[j - 1] + 1 < d)
                d = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a.s[i - 1] == b.s[j - 2] && a.s[i - 2] == b.s[j - 1] && before[j - 2] + 1 < d)
                d = before[j - 2] + 1;
            cur[j] = d;
            if (d < lowest)
                lowest = d;
        }
        within = lowest <= limit; /* every later row is at least this row's lowest */
        Py_ssize_t *t = before;
        before = prev;
        prev = cur;
        cur = t;
    }
    within = within && prev[m] <= limit;
    PyMem_Free(heap);
    return within;
}

/* features._token_pair's score (0 for a pair under 0.5, which the alignment ignores); -1 on
 * memory error. */
static int same_form(const Tok *a, const Tok *b, int f, Str sa, Str sb) {
    if (a->id[f] == NO_IDS || b->id[f] == NO_IDS)
        return same(sa, sb);
    return a->id[f] >= 0 && a->id[f] == b->id[f];
}

static double pair_score(const Tok *a, const Tok *b) {
    if (same_form(a, b, COMP, a->comp, b->comp))
        return 1.0;
    if (same_form(a, b, ROOT, a->root, b->root))
        return (a->nickname || b->nickname) ? 0.9 : 0.96;
    if (a->comp.n == 1 || b->comp.n == 1)
        return a->comp.s[0] == b->comp.s[0] ? 0.85 : 0.0;
    if (same_form(a, b, FOLDED, a->folded, b->folded))
        return 0.98;
    if (same_form(a, b, STRIPPED, a->stripped, b->stripped))
        return 0.93;
    Str sh = a->comp, lo = b->comp;
    if (a->comp.n > b->comp.n) {
        sh = b->comp;
        lo = a->comp;
    }
    if (sh.n >= 4 && starts_with(lo, sh))
        return 0.9;
    if (sh.n >= 4 && lo.n >= sh.n + 3 && ends_with(lo, sh))
        return 0.85;
    /* sounding alike counts only for tokens a few edits apart (features._token_pair); then a
     * sound-alike pair is scored as any other */
    int few = -2; /* not yet known */
    int sounds_alike = sh.n >= 3 && same_form(a, b, PHON, a->phon, b->phon);
    if (sounds_alike && (few = few_edits(a->folded, b->folded)) < 1) {
        if (few < 0)
            return -1.0;
        sounds_alike = 0;
    }
    /* most pairs share too few characters to come near: skip Jaro-Winkler when its bound cannot
     * reach a counted pair (0.5 after cubing) or, for tokens that sound alike, 0.9 */
    double floor = sounds_alike ? 0.9 : JW_COUNTED;
    if (jaro_winkler_bound(a->comp.n, a->mask_comp, b->comp.n, b->mask_comp) < floor &&
        jaro_winkler_bound(a->text.n, a->mask_text, b->text.n, b->mask_text) < floor)
        return sounds_alike ? 0.9 : 0.0;
    double jw = jaro_winkler(a->comp, b->comp);
    /* written as compared on both sides (no hyphen, blank or digraph): the same value again */
    double jw_text = same(a->text, a->comp) && same(b->text, b->comp) ? jw : jaro_winkler(a->text, b->text);
    if (jw < 0 || jw_text < 0)
        return -1.0;
    if (jw_text > jw)
        jw = jw_text;
    if (sounds_alike && jw < 0.9)
        jw = 0.9;
    if (jw < 0.85)
        return pow(jw, 3.0);
    if (!sounds_alike && few == -2 && (few = few_edits(a->folded, b->folded)) < 0)
        return -1.0;
    if (!sounds_alike && few == 0)
        return pow(0.85, 3.0); /* alike by Jaro-Winkler only, too many edits apart */
    return jw;
}

typedef struct {
    double s;
    int i, j;
} Pair;

/* best pairs first; ties in written order (traveller token, then listed token) */
static int by_score(const void *x, const void *y) {
    const Pair *a = x, *b = y;
    if (a->s != b->s)
        return a->s > b->s ? -1 : 1;
    if (a->i != b->i)
        return a->i - b->i;
    return a->j - b->j;
}

/* The greedy one-to-one alignment's score (features._align) from the pair scores ``s`` (row i:
 * traveller token i, column j: listed token j; row-major, nt x nl, each >= 0); -1 on memory error. */
static double align_from(const double *s, const Tok *tt, int nt, const Tok *lt, int nl, double extra_t,
                         double extra_l) {
    Pair local[256];
    Pair *pairs = nt * nl <= 256 ? local : PyMem_Malloc(sizeof(Pair) * (size_t)(nt * nl));
    if (pairs == NULL)
        return -1.0;
    Py_ssize_t np = 0;
    for (int i = 0; i < nt; i++) {
        for (int j = 0; j < nl; j++) {
            double v = s[i * nl + j];
            if (v >= 0.5) {
                pairs[np].s = v;
                pairs[np].i = i;
                pairs[np].j = j;
                np++;
            }
        }
    }
    qsort(pairs, (size_t)np, sizeof(Pair), by_score);
    unsigned long long used_t = 0, used_l = 0;
    double num = 0.0, den = 0.0;
    for (Py_ssize_t k = 0; k < np; k++) {
        int i = pairs[k].i, j = pairs[k].j;
        if ((used_t >> i & 1) || (used_l >> j & 1))
            continue;
        used_t |= 1ULL << i;
        used_l |= 1ULL << j;
        double w = tt[i].unknown ? lt[j].weight : tt[i].weight;
        num += w * pairs[k].s;
        den += w;
    }
    if (pairs != local)
        PyMem_Free(pairs);
    Py_ssize_t left_t = 0, left_l = 0;
    for (int i = 0; i < nt; i++)
        left_t += !(used_t >> i & 1);
    for (int j = 0; j < nl; j++)
        left_l += !(used_l >> j & 1);
    Py_ssize_t differ = left_t < left_l ? left_t : left_l;
    Py_ssize_t k = 0;
    for (int i = 0; i < nt; i++) {
        if (used_t >> i & 1)
            continue;
        den += tt[i].weight * (k < differ ? 1.0 : extra_t);
        k++;
    }
    k = 0;
    for (int j = 0; j < nl; j++) {
        if (used_l >> j & 1)
            continue;
        if (k >= differ)
            den += lt[j].weight * extra_l;
        k++;
    }
    return den != 0.0 ? num / den : 0.0;
}

static PyObject *align_score(PyObject *self, PyObject *args) {
    PyObject *trav, *listed, *weights;
    double extra_t, extra_l;
    if (!PyArg_ParseTuple(args, "OOO!dd", &trav, &listed, &PyDict_Type, &weights, &extra_t, &extra_l))
        return NULL;
    PyObject *ts = PySequence_Fast(trav, "traveller tokens must be a sequence");
    if (ts == NULL)
        return NULL;
    PyObject *ls = PySequence_Fast(listed, "listed tokens must be a sequence");
    if (ls == NULL) {
        Py_DECREF(ts);
        return NULL;
    }
    Py_ssize_t nt = PySequence_Fast_GET_SIZE(ts), nl = PySequence_Fast_GET_SIZE(ls);
    PyObject *result = NULL;
    if (nt > MAX_TOKENS || nl > MAX_TOKENS) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    Tok tt[MAX_TOKENS], lt[MAX_TOKENS];
    int rc = load_tokens(ts, nt, weights, tt);
    if (rc == 0)
        rc = load_tokens(ls, nl, weights, lt);
    if (rc < 0)
        goto done;
    if (rc > 0) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    double *scores = PyMem_Malloc(sizeof(double) * (size_t)(nt * nl > 0 ? nt * nl : 1));
    if (scores == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (int i = 0; i < nt; i++) {
        for (int j = 0; j < nl; j++) {
            double v = pair_score(&tt[i], &lt[j]);
            if (v < 0) {
                PyMem_Free(scores);
                PyErr_NoMemory();
                goto done;
            }
            scores[i * nl + j] = v;
        }
    }
    double score = align_from(scores, tt, (int)nt, lt, (int)nl, extra_t, extra_l);
    PyMem_Free(scores);
    result = score < 0 ? PyErr_NoMemory() : PyFloat_FromDouble(score);
done:
    Py_DECREF(ts);
    Py_DECREF(ls);
    return result;
}

/* A listed token of the index's token table: its text, comp and folded forms are strings[offsets[3t] ..
 * offsets[3t+1]), [offsets[3t+1] .. offsets[3t+2]) and [.. offsets[3t+3]); forms[7t ..] hold its form numbers (comp,
 * root, folded, stripped, phon), its nickname flag and its role (0 surname, 1 given, 2 unknown). */
static void table_token(const char *strings, const int64_t *offsets, const int32_t *forms, const double *role_weight,
                        int32_t t, Tok *out) {
    const int64_t *at = &offsets[3 * (int64_t)t];
    const int32_t *rec = &forms[7 * (int64_t)t];
    out->text.s = strings + at[0];
    out->text.n = (Py_ssize_t)(at[1] - at[0]);
    out->comp.s = strings + at[1];
    out->comp.n = (Py_ssize_t)(at[2] - at[1]);
    out->folded.s = strings + at[2];
    out->folded.n = (Py_ssize_t)(at[3] - at[2]);
    out->root = out->stripped = out->phon = (Str){"", 0}; /* compared by number */
    for (int f = 0; f < FORMS; f++)
        out->id[f] = rec[f];
    out->mask_text = char_mask(out->text);
    out->mask_comp = char_mask(out->comp);
    out->nickname = rec[5];
    out->unknown = rec[6] == 2;
    out->weight = role_weight[rec[6]];
}

/* name_scores(traveller_tokens, traveller_forms, traveller_compact, role_weights, extra_traveller,
 *             extra_listed, merged_min, merged_factor, table, found) -> bytes or None
 *   For each entry number of ``found`` (int32): features.best_name_score of the traveller's
 *   name against the entry's names, as native float64. ``traveller_forms``: the index's numbers
 *   of each traveller token's comp, root, folded, stripped and phon (int32, -1 when the index
 *   has no such string). ``table`` is the index's (strings, offsets, forms, name_tokens,
 *   name_offsets, first_name, compacts, compact_offsets): the tokens (see table_token), each
 *   name's token numbers (int32, at int64 offsets), each entry's first name (int32), each
 *   name's blank-free form (ASCII, int64 offsets). Token pair scores are computed once per
 *   call and listed token. None when a traveller token is not ASCII or a name has more than
 *   MAX_TOKENS tokens. */
static PyObject *name_scores(PyObject *self, PyObject *args) {
    PyObject *trav, *weights, *table;
    const char *tcompact;
    Py_ssize_t ltc;
    double extra_t, extra_l, merged_min, merged_factor;
    Py_buffer found, tforms;
    if (!PyArg_ParseTuple(args, "Oy*s#O!ddddO!y*", &trav, &tforms, &tcompact, &ltc, &PyDict_Type, &weights, &extra_t,
                          &extra_l, &merged_min, &merged_factor, &PyTuple_Type, &table, &found))
        return NULL;
    PyObject *result = NULL, *ts = NULL;
    Py_buffer bufs[8];
    int loaded = 0;
    double *cache = NULL, *matrix = NULL;
    int32_t *slot_token = NULL;
    Query *q = NULL;
    if (PyTuple_GET_SIZE(table) != 8) {
        PyErr_SetString(PyExc_ValueError, "the token table has 8 parts");
        goto done;
    }
    for (; loaded < 8; loaded++)
        if (PyObject_GetBuffer(PyTuple_GET_ITEM(table, loaded), &bufs[loaded], PyBUF_SIMPLE) < 0)
            goto done;
    const char *strings = bufs[0].buf, *compacts = bufs[6].buf;
    const int64_t *offsets = bufs[1].buf, *name_off = bufs[4].buf, *comp_off = bufs[7].buf;
    const int32_t *forms = bufs[2].buf, *name_tokens = bufs[3].buf, *first_name = bufs[5].buf, *fe = found.buf;
    const int32_t *trav_forms = tforms.buf;
    Py_ssize_t ntok = bufs[2].len / (7 * 4), nfound = found.len / 4, nentries = bufs[5].len / 4 - 1;
    double role_weight[3];
    const char *roles[3] = {"surname", "given", "unknown"};
    for (int r = 0; r < 3; r++) {
        PyObject *w = PyDict_GetItemString(weights, roles[r]);
        if (w == NULL) {
            PyErr_SetString(PyExc_KeyError, "role without a weight");
            goto done;
        }
        if ((role_weight[r] = PyFloat_AsDouble(w)) == -1.0 && PyErr_Occurred())
            goto done;
    }
    ts = PySequence_Fast(trav, "traveller tokens must be a sequence");
    if (ts == NULL)
        goto done;
    Py_ssize_t nt = PySequence_Fast_GET_SIZE(ts);
    if (nt > MAX_TOKENS) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    Tok tt[MAX_TOKENS], lt[MAX_TOKENS];
    int rc = load_tokens(ts, nt, weights, tt);
    if (rc < 0)
        goto done;
    if (rc > 0) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    if (tforms.len != nt * FORMS * 4) {
        PyErr_SetString(PyExc_ValueError, "five form numbers per traveller token");
        goto done;
    }
    for (Py_ssize_t i = 0; i < nt; i++)
        for (int f = 0; f < FORMS; f++)
            tt[i].id[f] = trav_forms[i * FORMS + f] >= 0 ? trav_forms[i * FORMS + f] : -1;
    /* pair scores per listed token, remembered in an open-addressing table sized for every
     * token occurrence of the found entries' names */
    Py_ssize_t occurrences = 0;
    for (Py_ssize_t f = 0; f < nfound; f++) {
        if (fe[f] < 0 || fe[f] >= nentries) {
            PyErr_SetString(PyExc_ValueError, "entry number outside the table");
            goto done;
        }
        for (int32_t k = first_name[fe[f]]; k < first_name[fe[f] + 1]; k++) {
            Py_ssize_t n = (Py_ssize_t)(name_off[k + 1] - name_off[k]);
            if (n > MAX_TOKENS) {
                result = Py_NewRef(Py_None);
                goto done;
            }
            occurrences += n;
        }
    }
    Py_ssize_t cap = 16;
    while (cap < 2 * occurrences)
        cap *= 2;
    slot_token = PyMem_Malloc(sizeof(int32_t) * (size_t)cap);
    cache = PyMem_Malloc(sizeof(double) * (size_t)(cap * (nt > 0 ? nt : 1)));
    matrix = PyMem_Malloc(sizeof(double) * (size_t)(MAX_TOKENS * MAX_TOKENS));
    q = PyMem_Malloc(sizeof(Query));
    result = PyBytes_FromStringAndSize(NULL, nfound * 8);
    if (slot_token == NULL || cache == NULL || matrix == NULL || q == NULL || result == NULL)
        goto nomem;
    memset(slot_token, 0xff, sizeof(int32_t) * (size_t)cap);
    query_init(q, tcompact, ltc);
    /* The entries are scattered over a large index: ask for each level of what the loop below
     * reads (names, their tokens, the tokens' forms) before reading it, so that the memory
     * fetches overlap instead of following each other. */
    for (Py_ssize_t f = 0; f < nfound; f++)
        for (int32_t k = first_name[fe[f]]; k < first_name[fe[f] + 1]; k++) {
            __builtin_prefetch(&name_tokens[name_off[k]]);
            __builtin_prefetch(compacts + comp_off[k]);
        }
    for (Py_ssize_t f = 0; f < nfound; f++)
        for (int32_t k = first_name[fe[f]]; k < first_name[fe[f] + 1]; k++)
            for (int64_t j = name_off[k]; j < name_off[k + 1]; j++)
                if (name_tokens[j] >= 0 && name_tokens[j] < ntok) {
                    __builtin_prefetch(&offsets[3 * (int64_t)name_tokens[j]]);
                    __builtin_prefetch(&forms[7 * (int64_t)name_tokens[j]]);
                }
    for (Py_ssize_t f = 0; f < nfound; f++)
        for (int32_t k = first_name[fe[f]]; k < first_name[fe[f] + 1]; k++)
            for (int64_t j = name_off[k]; j < name_off[k + 1]; j++)
                if (name_tokens[j] >= 0 && name_tokens[j] < ntok)
                    __builtin_prefetch(strings + offsets[3 * (int64_t)name_tokens[j]]);
    double *out = (double *)PyBytes_AS_STRING(result);
    for (Py_ssize_t f = 0; f < nfound; f++) {
        double best = 0.0;
        for (int32_t k = first_name[fe[f]]; k < first_name[fe[f] + 1] && best < 1.0; k++) {
            int nl = (int)(name_off[k + 1] - name_off[k]);
            if (nt == 0 || nl == 0)
                continue; /* no name to compare: 0 */
            for (int j = 0; j < nl; j++) {
                int32_t t = name_tokens[name_off[k] + j];
                if (t < 0 || t >= ntok) {
                    PyErr_SetString(PyExc_ValueError, "token number outside the table");
                    Py_CLEAR(result);
                    goto done;
                }
                /* the alignment needs only the listed token's weight; its forms are read (and
                 * their character masks computed) once per call, when its pair scores are */
                lt[j].unknown = forms[7 * (int64_t)t + 6] == 2;
                lt[j].weight = role_weight[forms[7 * (int64_t)t + 6]];
                Py_ssize_t slot = ((uint32_t)t * 2654435761u) & (cap - 1);
                while (slot_token[slot] != -1 && slot_token[slot] != t)
                    slot = (slot + 1) & (cap - 1);
                double *row = &cache[slot * nt];
                if (slot_token[slot] == -1) {
                    Tok listed;
                    table_token(strings, offsets, forms, role_weight, t, &listed);
                    slot_token[slot] = t;
                    for (int i = 0; i < nt; i++)
                        if ((row[i] = pair_score(&tt[i], &listed)) < 0)
                            goto nomem;
                }
                for (int i = 0; i < nt; i++)
                    matrix[i * nl + j] = row[i];
            }
            double score = align_from(matrix, tt, (int)nt, lt, nl, extra_t, extra_l);
            if (score < 0)
                goto nomem;
            if (nl != nt) { /* merged or split tokens: the blank-free forms (features._merged) */
                double merged = indel_similarity(q, (const unsigned char *)compacts + comp_off[k],
                                                 (Py_ssize_t)(comp_off[k + 1] - comp_off[k]));
                if (merged < 0)
                    goto nomem;
                if (merged >= merged_min && merged * merged_factor > score)
                    score = merged * merged_factor;
            }
            if (score > best)
                best = score;
        }
        out[f] = best;
    }
    goto done;
nomem:
    Py_CLEAR(result);
    PyErr_NoMemory();
done:
    for (int i = 0; i < loaded; i++)
        PyBuffer_Release(&bufs[i]);
    PyBuffer_Release(&found);
    PyBuffer_Release(&tforms);
    Py_XDECREF(ts);
    PyMem_Free(slot_token);
    PyMem_Free(cache);
    PyMem_Free(matrix);
    PyMem_Free(q);
    return result;
}

static PyObject *jaro_winkler_py(PyObject *self, PyObject *args) {
    PyObject *a, *b;
    if (!PyArg_ParseTuple(args, "UU", &a, &b))
        return NULL;
    if (!PyUnicode_IS_ASCII(a) || !PyUnicode_IS_ASCII(b)) {
        PyErr_SetString(PyExc_ValueError, "ASCII strings only");
        return NULL;
    }
    Str sa = {(const char *)PyUnicode_DATA(a), PyUnicode_GET_LENGTH(a)};
    Str sb = {(const char *)PyUnicode_DATA(b), PyUnicode_GET_LENGTH(b)};
    double r = jaro_winkler(sa, sb);
    if (r < 0)
        return PyErr_NoMemory();
    return PyFloat_FromDouble(r);
}

static PyMethodDef methods[] = {
    {"align_score", align_score, METH_VARARGS, "features._align(...).score in C (None: use Python)."},
    {"name_scores", name_scores, METH_VARARGS, "features.best_name_score against many entries (float64 bytes)."},
    {"jaro_winkler", jaro_winkler_py, METH_VARARGS, "rapidfuzz JaroWinkler.normalized_similarity on ASCII."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_align", NULL, -1, methods};

PyMODINIT_FUNC PyInit__align(void) {
    if (!(a_text = PyUnicode_InternFromString("text")) || !(a_comp = PyUnicode_InternFromString("comp")) ||
        !(a_root = PyUnicode_InternFromString("root")) || !(a_relation = PyUnicode_InternFromString("relation")) ||
        !(a_role = PyUnicode_InternFromString("role")) || !(a_folded = PyUnicode_InternFromString("folded")) ||
        !(a_stripped = PyUnicode_InternFromString("stripped")) || !(a_phon = PyUnicode_InternFromString("phon")))
        return NULL;
    return PyModule_Create(&module);
}
