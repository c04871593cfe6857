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
 * prescore(...) -> bytes: the shortlist's prescore (rapidfuzz fuzz.ratio, bit-parallel LCS) of each
 *   found entry against the traveller's ranking forms; see prescore below.
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

/* Longest common subsequence of ``a`` (at most 64 characters) and ``b``: bit-parallel (Hyyrö). */
static Py_ssize_t lcs64(const uint64_t *masks, Py_ssize_t la, const unsigned char *b, Py_ssize_t lb) {
    uint64_t S = ~(uint64_t)0;
    for (Py_ssize_t j = 0; j < lb; j++) {
        uint64_t u = S & masks[b[j]];
        S = (S + u) | (S - u);
    }
    uint64_t used = la == 64 ? ~(uint64_t)0 : (((uint64_t)1 << la) - 1);
    return (Py_ssize_t)__builtin_popcountll(~S & used);
}

/* Longest common subsequence by dynamic programming (any length); -1 on memory error. */
static Py_ssize_t lcs_dp(const unsigned char *a, Py_ssize_t la, const unsigned char *b, Py_ssize_t lb) {
    Py_ssize_t *row = PyMem_Calloc((size_t)lb + 1, sizeof(Py_ssize_t));
    if (row == NULL)
        return -1;
    for (Py_ssize_t i = 0; i < la; i++) {
        Py_ssize_t diag = 0;
        for (Py_ssize_t j = 0; j < lb; j++) {
            Py_ssize_t up = row[j + 1];
            row[j + 1] = a[i] == b[j] ? diag + 1 : (row[j] > up ? row[j] : up);
            diag = up;
        }
    }
    Py_ssize_t r = row[lb];
    PyMem_Free(row);
    return r;
}

typedef struct {
    const unsigned char *s;
    Py_ssize_t n;
    uint64_t masks[256];
} Query;

static void query_init(Query *q, const char *s, Py_ssize_t n) {
    q->s = (const unsigned char *)s;
    q->n = n;
    memset(q->masks, 0, sizeof(q->masks));
    if (n <= 64)
        for (Py_ssize_t i = 0; i < n; i++)
            q->masks[q->s[i]] |= (uint64_t)1 << i;
}

/* rapidfuzz fuzz.ratio: 100 * normalized Indel similarity; -1 on memory error. */
static double ratio(const Query *q, const unsigned char *b, Py_ssize_t lb) {
    Py_ssize_t total = q->n + lb;
    if (total == 0)
        return 100.0;
    Py_ssize_t l = q->n <= 64 ? lcs64(q->masks, q->n, b, lb) : lcs_dp(q->s, q->n, b, lb);
    if (l < 0)
        return -1.0;
    return (1.0 - (double)(total - 2 * l) / (double)total) * 100.0;
}

/* prescore(root, compact, roots, root_offsets, compacts, compact_offsets, first_name, found) -> bytes
 *   For each entry number of ``found`` (int32): the best over its names k in
 *   [first_name[e], first_name[e + 1]) of max(ratio(root, roots[k]), ratio(compact, compacts[k])),
 *   as native float32; names are slices of the ASCII buffers ``roots``/``compacts`` at int64
 *   offsets. The same as the shortlist's two rapidfuzz cdist calls with fuzz.ratio. */
static PyObject *prescore(PyObject *self, PyObject *args) {
    const char *root, *compact;
    Py_ssize_t lr, lc;
    Py_buffer roots, roff, comps, coff, first, found;
    if (!PyArg_ParseTuple(args, "s#s#y*y*y*y*y*y*", &root, &lr, &compact, &lc, &roots, &roff, &comps, &coff, &first,
                          &found))
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
            double a = ratio(qr, (const unsigned char *)roots.buf + ro[k], (Py_ssize_t)(ro[k + 1] - ro[k]));
            double b = ratio(qc, (const unsigned char *)comps.buf + co[k], (Py_ssize_t)(co[k + 1] - co[k]));
            if (a < 0 || b < 0) {
                Py_CLEAR(result);
                PyErr_NoMemory();
                goto done;
            }
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

static PyMethodDef methods[] = {
    {"prescore", prescore, METH_VARARGS, "The shortlist's name prescore of each found entry, as float32 bytes."},
    {"intersect", intersect, METH_VARARGS, "The common entries of two sorted int32 postings, as int32 bytes."},
    {"rank", rank, METH_VARARGS, "index.rank_candidates in C: the chosen entry numbers as int32 bytes."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_postings", NULL, -1, methods};

PyMODINIT_FUNC PyInit__postings(void) { return PyModule_Create(&module); }
