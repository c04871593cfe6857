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
#include <string.h>

#define MAX_TOKENS 64

typedef struct {
    const char *s;
    Py_ssize_t n;
} Str;

typedef struct {
    Str text, comp, root, folded, stripped, phon;
    int nickname, unknown;
    double weight;
} Tok;

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

/* features._token_pair's score; -1 on memory error. */
static double pair_score(const Tok *a, const Tok *b) {
    if (same(a->comp, b->comp))
        return 1.0;
    if (same(a->root, b->root))
        return (a->nickname || b->nickname) ? 0.9 : 0.96;
    if (a->comp.n == 1 || b->comp.n == 1)
        return a->comp.s[0] == b->comp.s[0] ? 0.85 : 0.0;
    if (same(a->folded, b->folded))
        return 0.98;
    if (same(a->stripped, b->stripped))
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
    double jw = jaro_winkler(a->comp, b->comp);
    double jw_text = jaro_winkler(a->text, b->text);
    if (jw < 0 || jw_text < 0)
        return -1.0;
    if (jw_text > jw)
        jw = jw_text;
    if (sh.n >= 3 && same(a->phon, b->phon) && jw < 0.9)
        jw = 0.9;
    if (jw < 0.85)
        return pow(jw, 3.0);
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
    Pair *pairs = PyMem_Malloc(sizeof(Pair) * (size_t)(nt * nl > 0 ? nt * nl : 1));
    if (pairs == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t np = 0;
    for (int i = 0; i < nt; i++) {
        for (int j = 0; j < nl; j++) {
            double s = pair_score(&tt[i], &lt[j]);
            if (s < 0) {
                PyMem_Free(pairs);
                PyErr_NoMemory();
                goto done;
            }
            if (s >= 0.5) {
                pairs[np].s = s;
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
    result = PyFloat_FromDouble(den != 0.0 ? num / den : 0.0);
done:
    Py_DECREF(ts);
    Py_DECREF(ls);
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
