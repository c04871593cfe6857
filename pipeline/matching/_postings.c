/*
 * C implementation of the candidate ranking of pipeline.matching.index (same results, several
 * times faster than the NumPy calls it replaces on postings of a few thousand entries).
 *
 * rank(postings, weights, frequent, frequent_weights, limit) -> bytes
 *   postings: sorted int32 postings (buffers) with their weights; frequent: sorted int32 postings
 *   counted only on a tie at the cut, with their weights. Returns the chosen entry numbers
 *   as native int32, best first; see index.rank_candidates for the rule (kept identical,
 *   checked by tests/test_postings_speedups.py).
 *
 * window_sizes(groups, offsets, keys, first, last) -> bytes: for several keys, how many of their
 *   postings are in birth-year group 0 or first..last (int64; see index.WatchlistIndex._window).
 * window(by_year, groups, spans, offsets, key, first, last, born) -> bytes: the entries of one
 *   key in those groups that are born within reach (int32, ascending).
 *
 * prescore(...) -> bytes: the shortlist's prescore (an Indel similarity weighed as the name score
 *   weighs unpaired tokens, and fuzz.ratio; bit-parallel LCS) of each found entry against the
 *   traveller's ranking forms; see prescore below.
 * intersect((a, b)) -> bytes: the common entries of two sorted int32 postings (galloping search).
 *
 * Scores are summed in the order the postings are given, as numpy.bincount sums them, so both
 * implementations add the same floats in the same order.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lcs.h"

typedef struct {
    Py_buffer view;
    const int32_t *data;
    Py_ssize_t n;
    double weight;
} Posting;

static void release(Posting *p, Py_ssize_t n) {
    for (Py_ssize_t i = 0; i < n; i++)
        PyBuffer_Release(&p[i].view);
}

/* Buffers of a list of int32 arrays (and their weights when ``weights`` is not NULL). */
static int load(PyObject *list, PyObject *weights, Posting **out, Py_ssize_t *count) {
    PyObject *seq = PySequence_Fast(list, "postings must be a sequence");
    if (seq == NULL)
        return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    Posting *p = PyMem_Calloc((size_t)(n > 0 ? n : 1), sizeof(Posting));
    if (p == NULL) {
        Py_DECREF(seq);
        PyErr_NoMemory();
        return -1;
    }
    PyObject *wseq = NULL;
    if (weights != NULL) {
        wseq = PySequence_Fast(weights, "weights must be a sequence");
        if (wseq == NULL || PySequence_Fast_GET_SIZE(wseq) != n) {
            if (wseq != NULL)
                PyErr_SetString(PyExc_ValueError, "one weight per posting");
            Py_XDECREF(wseq);
            Py_DECREF(seq);
            PyMem_Free(p);
            return -1;
        }
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyObject_GetBuffer(PySequence_Fast_GET_ITEM(seq, i), &p[i].view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
            goto fail_at;
        if (p[i].view.itemsize != 4 || p[i].view.format == NULL ||
            (strcmp(p[i].view.format, "i") != 0 && strcmp(p[i].view.format, "<i") != 0 &&
             strcmp(p[i].view.format, "=i") != 0)) {
            PyBuffer_Release(&p[i].view);
            PyErr_SetString(PyExc_TypeError, "postings must be int32 arrays");
            goto fail_at;
        }
        p[i].data = (const int32_t *)p[i].view.buf;
        p[i].n = p[i].view.len / 4;
        if (wseq != NULL) {
            p[i].weight = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(wseq, i));
            if (p[i].weight == -1.0 && PyErr_Occurred()) {
                PyBuffer_Release(&p[i].view);
                goto fail_at;
            }
        }
        continue;
    fail_at:
        release(p, i);
        PyMem_Free(p);
        Py_XDECREF(wseq);
        Py_DECREF(seq);
        return -1;
    }
    Py_XDECREF(wseq);
    Py_DECREF(seq);
    *out = p;
    *count = n;
    return 0;
}

/* k-way merge heap of cursors, ordered by (current entry, posting position). */
typedef struct {
    int32_t value;
    Py_ssize_t source, at;
} Cursor;

static int before(const Cursor *a, const Cursor *b) {
    return a->value < b->value || (a->value == b->value && a->source < b->source);
}

static void sift_down(Cursor *h, Py_ssize_t n, Py_ssize_t i) {
    for (;;) {
        Py_ssize_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && before(&h[l], &h[m]))
            m = l;
        if (r < n && before(&h[r], &h[m]))
            m = r;
        if (m == i)
            return;
        Cursor t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
    }
}

/* The first position at or after ``from`` in sorted ``data[0..n)`` whose value is >= ``v``:
 * galloping, then binary search, so that walking a posting with increasing values costs
 * about log(distance) per step. */
static Py_ssize_t seek(const int32_t *data, Py_ssize_t n, Py_ssize_t from, int32_t v) {
    Py_ssize_t step = 1, lo = from, hi = from;
    while (hi < n && data[hi] < v) {
        lo = hi + 1;
        hi += step;
        step *= 2;
    }
    if (hi > n)
        hi = n;
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        if (data[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

typedef struct {
    double score;
    int32_t entry;
} Scored;

/* best first: higher score, then lower entry number */
static int by_rank(const void *x, const void *y) {
    const Scored *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return (a->entry > b->entry) - (a->entry < b->entry);
}

/* The k-th smallest of v[0..n) (0-based), reordering v: quickselect, median of three. */
static double kth_smallest(double *v, Py_ssize_t n, Py_ssize_t k) {
    Py_ssize_t lo = 0, hi = n - 1;
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        double a = v[lo], b = v[mid], c = v[hi];
        double pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
        Py_ssize_t i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i <= j) {
                double t = v[i];
                v[i] = v[j];
                v[j] = t;
                i++;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return v[k];
    }
    return v[k];
}

/* Birth years of the entries and the window an entry must fall in to be read (window); ``active``:
 * the buffers are held. */
typedef struct {
    Py_buffer earliest, latest;
    const int16_t *lo, *hi;
    Py_ssize_t n;
    long year, reach;
    int active;
} Born;

static int born_load(PyObject *arg, Born *b) {
    memset(b, 0, sizeof(*b));
    if (!PyArg_ParseTuple(arg, "y*y*ll;born must be (earliest, latest, year, reach)", &b->earliest, &b->latest,
                          &b->year, &b->reach))
        return -1;
    b->active = 1;
    if (b->earliest.len != b->latest.len || b->earliest.len % 2 != 0) {
        PyErr_SetString(PyExc_ValueError, "earliest and latest must be int16 arrays of one length");
        return -1;
    }
    b->lo = b->earliest.buf;
    b->hi = b->latest.buf;
    b->n = b->earliest.len / 2;
    return 0;
}

static void born_release(Born *b) {
    if (b->active) {
        PyBuffer_Release(&b->earliest);
        PyBuffer_Release(&b->latest);
    }
}

/* 1 when entry e, of birth-year group g with years spanning ``span``, may be born within reach of
 * the year (or its year is unknown), else 0; -1 (exception set) when e is outside the arrays.
 * A group from 2 to 254 is the earliest year itself (birth_years.year_group): no array look-up. */
static int born_within(const Born *b, int32_t e, uint8_t g, uint8_t span) {
    long lo, hi;
    if (g >= 2 && g <= 254) {
        lo = (long)g + 1899;
        hi = lo + span;
    } else {
        if (e < 0 || e >= b->n) {
            PyErr_SetString(PyExc_ValueError, "entry number outside the birth-year arrays");
            return -1;
        }
        lo = b->lo[e];
        hi = b->hi[e];
    }
    return lo == 0 || (lo - b->reach <= b->year && b->year <= hi + b->reach);
}

static PyObject *rank(PyObject *self, PyObject *args) {
    PyObject *rare_l, *rare_w, *freq_l, *freq_w;
    Py_ssize_t limit;
    if (!PyArg_ParseTuple(args, "OOOOn", &rare_l, &rare_w, &freq_l, &freq_w, &limit))
        return NULL;
    Posting *rare = NULL, *freq = NULL;
    Py_ssize_t nr = 0, nf = 0;
    PyObject *result = NULL;
    Cursor *heap = NULL;
    Scored *cand = NULL;
    double *values = NULL;
    if (load(rare_l, rare_w, &rare, &nr) < 0)
        return NULL;
    if (load(freq_l, freq_w, &freq, &nf) < 0)
        goto done;
    Py_ssize_t k = nr, total = 0;
    heap = PyMem_Malloc(sizeof(Cursor) * (size_t)(k > 0 ? k : 1));
    if (heap == NULL)
        goto nomem;
    Py_ssize_t h = 0;
    for (Py_ssize_t s = 0; s < k; s++) {
        const Posting *p = &rare[s];
        total += p->n;
        if (p->n > 0) {
            heap[h].value = p->data[0];
            heap[h].source = s;
            heap[h].at = 0;
            h++;
        }
    }
    for (Py_ssize_t i = h / 2 - 1; i >= 0; i--)
        sift_down(heap, h, i);
    cand = PyMem_Malloc(sizeof(Scored) * (size_t)(total > 0 ? total : 1));
    if (cand == NULL)
        goto nomem;
    Py_ssize_t u = 0;
    while (h > 0) {
        Cursor *c = &heap[0];
        const Posting *p = &rare[c->source];
        double w = p->weight;
        if (u == 0 || cand[u - 1].entry != c->value) {
            cand[u].entry = c->value;
            cand[u].score = 0.0;
            u++;
        }
        cand[u - 1].score += w;
        if (++c->at < p->n) {
            c->value = p->data[c->at];
        } else {
            heap[0] = heap[--h];
        }
        sift_down(heap, h, 0);
    }
    Py_ssize_t chosen = u;
    if (u > limit) {
        values = PyMem_Malloc(sizeof(double) * (size_t)u);
        if (values == NULL)
            goto nomem;
        for (Py_ssize_t i = 0; i < u; i++)
            values[i] = cand[i].score;
        double kth = kth_smallest(values, u, u - limit);
        Py_ssize_t c = 0;
        for (Py_ssize_t i = 0; i < u; i++)
            if (cand[i].score >= kth)
                cand[c++] = cand[i];
        if (c > limit) { /* candidates are in ascending entry order: walk each posting once */
            for (Py_ssize_t f = 0; f < nf; f++) {
                Py_ssize_t at = 0;
                for (Py_ssize_t i = 0; i < c; i++) {
                    at = seek(freq[f].data, freq[f].n, at, cand[i].entry);
                    cand[i].score += (at < freq[f].n && freq[f].data[at] == cand[i].entry) ? freq[f].weight : 0.0;
                }
            }
        }
        chosen = c;
    }
    if (chosen > limit) { /* keep the best limit (ties: lower entry numbers, met first) before sorting */
        for (Py_ssize_t i = 0; i < chosen; i++)
            values[i] = cand[i].score;
        double cut = kth_smallest(values, chosen, chosen - limit);
        Py_ssize_t above = 0, kept = 0;
        for (Py_ssize_t i = 0; i < chosen; i++)
            above += cand[i].score > cut;
        Py_ssize_t at_cut = limit - above;
        for (Py_ssize_t i = 0; i < chosen; i++) {
            if (cand[i].score > cut || (cand[i].score == cut && at_cut-- > 0))
                cand[kept++] = cand[i];
        }
        chosen = kept;
    }
    qsort(cand, (size_t)chosen, sizeof(Scored), by_rank);
    result = PyBytes_FromStringAndSize(NULL, chosen * 4);
    if (result == NULL)
        goto done;
    int32_t *out = (int32_t *)PyBytes_AS_STRING(result);
    for (Py_ssize_t i = 0; i < chosen; i++)
        out[i] = cand[i].entry;
    goto done;
nomem:
    PyErr_NoMemory();
done:
    if (rare != NULL) {
        release(rare, nr);
        PyMem_Free(rare);
    }
    if (freq != NULL) {
        release(freq, nf);
        PyMem_Free(freq);
    }
    PyMem_Free(heap);
    PyMem_Free(cand);
    PyMem_Free(values);
    return result;
}

/* intersect(a, b) -> bytes: the common entries of two sorted int32 postings, as int32. */
static PyObject *intersect(PyObject *self, PyObject *args) {
    PyObject *pair;
    if (!PyArg_ParseTuple(args, "O", &pair))
        return NULL;
    Posting *p = NULL;
    Py_ssize_t n = 0;
    if (load(pair, NULL, &p, &n) < 0)
        return NULL;
    PyObject *result = NULL;
    if (n != 2) {
        PyErr_SetString(PyExc_ValueError, "two postings expected");
        goto done;
    }
    const Posting *a = &p[0], *b = &p[1];
    if (a->n > b->n) {
        const Posting *t = a;
        a = b;
        b = t;
    }
    result = PyBytes_FromStringAndSize(NULL, a->n * 4);
    if (result == NULL)
        goto done;
    int32_t *out = (int32_t *)PyBytes_AS_STRING(result);
    Py_ssize_t m = 0, j = 0;
    for (Py_ssize_t i = 0; i < a->n && j < b->n; i++) {
        j = seek(b->data, b->n, j, a->data[i]);
        if (j < b->n && b->data[j] == a->data[i])
            out[m++] = a->data[i];
    }
    if (_PyBytes_Resize(&result, m * 4) < 0)
        result = NULL;
done:
    release(p, n);
    PyMem_Free(p);
    return result;
}

/* prescore(root, compact, extra_traveller, extra_listed, roots, root_offsets, compacts, compact_offsets,
 *          first_name, found) -> bytes
 *   For each entry number of ``found`` (int32): the best over its names k in
 *   [first_name[e], first_name[e + 1]) of max(lenient(root, roots[k]), ratio(compact, compacts[k])),
 *   as native float32. ratio is rapidfuzz fuzz.ratio; lenient is the Indel similarity with the
 *   letters outside the longest common subsequence weighed as the name score weighs unpaired
 *   tokens: as many on both sides count in full, the rest of the traveller's ``extra_traveller``,
 *   the rest of the listed name's ``extra_listed``:
 *     100 * 2l / (2l + 2 min(ua, ub) + wt (ua - min) + wl (ub - min)), ua = len(root) - l, ub = len(listed) - l
 *   (fuzz.ratio itself when both have as many left). Names are slices of the ASCII buffers
 *   ``roots``/``compacts`` at int64 offsets. index.WatchlistIndex.prescores is the reference. */
static PyObject *prescore(PyObject *self, PyObject *args) {
    const char *root, *compact;
    Py_ssize_t lr, lc;
    double wt, wl;
    Py_buffer roots, roff, comps, coff, first, found;
    if (!PyArg_ParseTuple(args, "s#s#ddy*y*y*y*y*y*", &root, &lr, &compact, &lc, &wt, &wl, &roots, &roff, &comps,
                          &coff, &first, &found))
        return NULL;
    PyObject *result = NULL;
    Query *qr = PyMem_Malloc(sizeof(Query)), *qc = PyMem_Malloc(sizeof(Query));
    if (qr == NULL || qc == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    query_init(qr, root, lr);
    query_init(qc, compact, lc);
    const int64_t *ro = roff.buf, *co = coff.buf;
    const int32_t *fn = first.buf, *fe = found.buf;
    Py_ssize_t n = found.len / 4;
    result = PyBytes_FromStringAndSize(NULL, n * 4);
    if (result == NULL)
        goto done;
    float *out = (float *)PyBytes_AS_STRING(result);
    /* The entries are scattered over a large index: ask for every cache line the loop will read
     * before reading any, so that the memory fetches overlap instead of following each other. */
    for (Py_ssize_t i = 0; i < n; i++)
        __builtin_prefetch(&fn[fe[i]]);
    for (Py_ssize_t i = 0; i < n; i++) {
        __builtin_prefetch(&ro[fn[fe[i]]]);
        __builtin_prefetch(&co[fn[fe[i]]]);
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        int32_t k = fn[fe[i]];
        __builtin_prefetch((const char *)roots.buf + ro[k]);
        __builtin_prefetch((const char *)comps.buf + co[k]);
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        double best = 0.0;
        for (int32_t k = fn[fe[i]]; k < fn[fe[i] + 1]; k++) {
            Py_ssize_t lb = (Py_ssize_t)(ro[k + 1] - ro[k]);
            Py_ssize_t l = lcs_length(qr, (const unsigned char *)roots.buf + ro[k], lb);
            double b = ratio(qc, (const unsigned char *)comps.buf + co[k], (Py_ssize_t)(co[k + 1] - co[k]));
            if (l < 0 || b < 0) {
                Py_CLEAR(result);
                PyErr_NoMemory();
                goto done;
            }
            Py_ssize_t ua = lr - l, ub = lb - l, both = ua < ub ? ua : ub;
            double den = 2.0 * (double)l + (2.0 * (double)both + (double)(ua - both) * wt + (double)(ub - both) * wl);
            double a = den > 0.0 ? 100.0 * (2.0 * (double)l) / den : 100.0;
            float fa = (float)a, fb = (float)b;
            float s = fa > fb ? fa : fb;
            if (s > best)
                best = s;
        }
        out[i] = (float)best;
    }
done:
    PyMem_Free(qr);
    PyMem_Free(qc);
    PyBuffer_Release(&roots);
    PyBuffer_Release(&roff);
    PyBuffer_Release(&comps);
    PyBuffer_Release(&coff);
    PyBuffer_Release(&first);
    PyBuffer_Release(&found);
    return result;
}

/* The first position in [from, to) of the sorted uint8 ``groups`` whose group is >= g. */
static Py_ssize_t group_start(const uint8_t *groups, Py_ssize_t from, Py_ssize_t to, long g) {
    while (from < to) {
        Py_ssize_t mid = from + (to - from) / 2;
        if (groups[mid] < g)
            from = mid + 1;
        else
            to = mid;
    }
    return from;
}

/* A key's postings in birth-year order, [start, end): group 0 is [start, a), groups first..last [b, c). */
static void window_bounds(const uint8_t *groups, Py_ssize_t start, Py_ssize_t end, long first, long last,
                          Py_ssize_t *a, Py_ssize_t *b, Py_ssize_t *c) {
    *a = group_start(groups, start, end, 1);
    *b = group_start(groups, *a, end, first > 1 ? first : 1);
    *c = group_start(groups, *b, end, last + 1);
}

static int offsets_check(const Py_buffer *groups, int64_t start, int64_t end) {
    if (start < 0 || end < start || end > groups->len) {
        PyErr_SetString(PyExc_ValueError, "offsets outside the postings");
        return -1;
    }
    return 0;
}

/* window_sizes(groups, offsets, keys, first, last) -> bytes: for each key (int64) of ``keys``,
 * how many of its postings [offsets[key], offsets[key + 1]) are in group 0 or first..last. */
static PyObject *window_sizes(PyObject *self, PyObject *args) {
    Py_buffer groups, offsets, keys;
    long first, last;
    if (!PyArg_ParseTuple(args, "y*y*y*ll", &groups, &offsets, &keys, &first, &last))
        return NULL;
    PyObject *result = NULL;
    const int64_t *off = offsets.buf, *kk = keys.buf;
    Py_ssize_t nk = keys.len / 8, noff = offsets.len / 8;
    result = PyBytes_FromStringAndSize(NULL, nk * 8);
    if (result == NULL)
        goto done;
    int64_t *out = (int64_t *)PyBytes_AS_STRING(result);
    for (Py_ssize_t i = 0; i < nk; i++) {
        if (kk[i] < 0 || kk[i] + 1 >= noff || offsets_check(&groups, off[kk[i]], off[kk[i] + 1]) < 0) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_ValueError, "key outside the offsets");
            Py_CLEAR(result);
            goto done;
        }
        Py_ssize_t a, b, c;
        window_bounds(groups.buf, off[kk[i]], off[kk[i] + 1], first, last, &a, &b, &c);
        out[i] = (a - off[kk[i]]) + (c - b);
    }
done:
    PyBuffer_Release(&groups);
    PyBuffer_Release(&offsets);
    PyBuffer_Release(&keys);
    return result;
}

/* window(by_year, groups, offsets, key, first, last) -> bytes: the entries (int32, ascending) of
 * the key's postings in group 0 or first..last; ``by_year`` holds each key's entries ordered by
 * (group, entry), so the window is a few ascending runs, merged here. */
static PyObject *window(PyObject *self, PyObject *args) {
    Py_buffer by_year, groups, spans, offsets;
    Py_ssize_t key;
    long first, last;
    PyObject *born_arg;
    if (!PyArg_ParseTuple(args, "y*y*y*y*nllO", &by_year, &groups, &spans, &offsets, &key, &first, &last, &born_arg))
        return NULL;
    PyObject *result = NULL;
    Born born;
    Py_ssize_t runs_at[258], runs_end[258], nruns = 0;
    const int64_t *off = offsets.buf;
    const int32_t *entries = by_year.buf;
    const uint8_t *gr = groups.buf, *sp = spans.buf;
    if (born_load(born_arg, &born) < 0)
        goto done;
    if (key < 0 || key + 1 >= offsets.len / 8 || by_year.len / 4 != groups.len || spans.len != groups.len ||
        offsets_check(&groups, off[key], off[key + 1]) < 0) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "key outside the offsets");
        goto done;
    }
    Py_ssize_t a, b, c;
    window_bounds(gr, off[key], off[key + 1], first, last, &a, &b, &c);
    if (a > off[key]) {
        runs_at[nruns] = off[key];
        runs_end[nruns++] = a;
    }
    for (Py_ssize_t i = b; i < c; i = runs_end[nruns++]) { /* one run per group */
        runs_at[nruns] = i;
        runs_end[nruns] = group_start(gr, i, c, (long)gr[i] + 1);
    }
    Py_ssize_t total = (a - off[key]) + (c - b), kept = 0;
    result = PyBytes_FromStringAndSize(NULL, total * 4);
    if (result == NULL)
        goto done;
    int32_t *out = (int32_t *)PyBytes_AS_STRING(result);
    for (Py_ssize_t k = 0; k < total; k++) { /* few runs: pick the smallest head each time */
        Py_ssize_t best = -1;
        for (Py_ssize_t r = 0; r < nruns; r++)
            if (runs_at[r] < runs_end[r] && (best < 0 || entries[runs_at[r]] < entries[runs_at[best]]))
                best = r;
        Py_ssize_t at = runs_at[best]++;
        int within = born_within(&born, entries[at], gr[at], sp[at]);
        if (within < 0) {
            Py_CLEAR(result);
            goto done;
        }
        if (within)
            out[kept++] = entries[at];
    }
    if (_PyBytes_Resize(&result, kept * 4) < 0)
        result = NULL;
done:
    born_release(&born);
    PyBuffer_Release(&by_year);
    PyBuffer_Release(&groups);
    PyBuffer_Release(&spans);
    PyBuffer_Release(&offsets);
    return result;
}

static PyMethodDef methods[] = {
    {"window_sizes", window_sizes, METH_VARARGS, "Sizes of several keys' postings in a birth-year window (int64)."},
    {"window", window, METH_VARARGS, "A key's postings in a birth-year window, ascending (int32 bytes)."},
    {"prescore", prescore, METH_VARARGS, "The shortlist's name prescore of each found entry, as float32 bytes."},
    {"intersect", intersect, METH_VARARGS, "The common entries of two sorted int32 postings, as int32 bytes."},
    {"rank", rank, METH_VARARGS, "index.rank_candidates in C: the chosen entry numbers as int32 bytes."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_postings", NULL, -1, methods};

PyMODINIT_FUNC PyInit__postings(void) { return PyModule_Create(&module); }
