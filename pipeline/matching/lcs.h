/*
 * Indel similarity (rapidfuzz Indel.normalized_similarity and fuzz.ratio) of one query string
 * against many ASCII strings: longest common subsequence, bit-parallel (Hyyrö) for queries of up
 * to 64 characters, else by dynamic programming. Included by _postings.c and _align.c.
 */
#ifndef PRESCREEN_LCS_H
#define PRESCREEN_LCS_H
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* Longest common subsequence of ``a`` (at most 64 characters) and ``b``: bit-parallel (Hyyrö). */
static inline Py_ssize_t lcs64(const uint64_t *masks, Py_ssize_t la, const unsigned char *b, Py_ssize_t lb) {
    uint64_t S = ~(uint64_t)0;
    for (Py_ssize_t j = 0; j < lb; j++) {
        uint64_t u = S & masks[b[j]];
        S = (S + u) | (S - u);
    }
    uint64_t used = la == 64 ? ~(uint64_t)0 : (((uint64_t)1 << la) - 1);
    return (Py_ssize_t)__builtin_popcountll(~S & used);
}

/* Longest common subsequence by dynamic programming (any length); -1 on memory error. */
static inline Py_ssize_t lcs_dp(const unsigned char *a, Py_ssize_t la, const unsigned char *b, Py_ssize_t lb) {
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

static inline void query_init(Query *q, const char *s, Py_ssize_t n) {
    q->s = (const unsigned char *)s;
    q->n = n;
    memset(q->masks, 0, sizeof(q->masks));
    if (n <= 64)
        for (Py_ssize_t i = 0; i < n; i++)
            q->masks[q->s[i]] |= (uint64_t)1 << i;
}

/* Longest common subsequence of the query and ``b``; -1 on memory error. */
static inline Py_ssize_t lcs_length(const Query *q, const unsigned char *b, Py_ssize_t lb) {
    return q->n <= 64 ? lcs64(q->masks, q->n, b, lb) : lcs_dp(q->s, q->n, b, lb);
}

/* rapidfuzz Indel.normalized_similarity of the query and ``b``; -1 on memory error. */
static inline double indel_similarity(const Query *q, const unsigned char *b, Py_ssize_t lb) {
    Py_ssize_t total = q->n + lb;
    if (total == 0)
        return 1.0;
    Py_ssize_t l = lcs_length(q, b, lb);
    if (l < 0)
        return -1.0;
    return 1.0 - (double)(total - 2 * l) / (double)total;
}

/* rapidfuzz fuzz.ratio: 100 * normalized Indel similarity; -1 on memory error. */
static inline double ratio(const Query *q, const unsigned char *b, Py_ssize_t lb) {
    double s = indel_similarity(q, b, lb);
    return s < 0 ? s : s * 100.0;
}

#endif
