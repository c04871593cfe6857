/*
 * C implementation of pipeline.edifact.tokenizer's segment loop (same results, ~5-10x faster).
 *
 * tokenize(text, start, end, element, component, release, terminator, first_number, segment_type)
 *   -> (segments, bad, unterminated)
 *   segments: list of segment_type (a 5-field tuple subclass) (tag, elements, number, offset, end)
 *   bad: list of (number, tag length) for pieces whose tag is not 3 letters/digits
 *   unterminated: True when the last kept segment has no terminator
 *
 * Semantics (kept identical to the Python fallback, checked by tests/test_tokenizer_speedups.py):
 * pieces are cut at the terminator unless the release character escapes it (release escapes
 * exactly the next character, CR and LF included); a piece is stripped of leading blanks and
 * control characters; CR and LF are then removed; elements and components are split at
 * unescaped separators and unescaped. A release character that is also a separator escapes
 * nothing (release = -1). A release character with nothing after it is kept.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static int is_leading_junk(Py_UCS4 c) {
    switch (c) {
    case ' ': case '\t': case '\r': case '\n': case 0x00: case 0x01: case 0x02: case 0x03: case 0x04:
    case 0x1a: case 0x1c: case 0x1d: case 0x1e: case 0x1f:
        return 1;
    default:
        return 0;
    }
}

#define CACHE_SIZE 1024 /* direct-mapped cache of element tuples: codes and dates repeat a lot */

typedef struct {
    PyObject *value;
    Py_ssize_t start, length;
} CacheEntry;

typedef struct {
    int kind;
    const void *data;
    Py_UCS4 element, component, release, terminator;
    int has_release;
    Py_UCS4 *buf;
    Py_ssize_t bufcap;
    CacheEntry cache[CACHE_SIZE];
} Ctx;

/* Hash of the raw span [a, b), or -1 when it holds a release character or CR/LF (not cached). */
static Py_ssize_t span_hash(Ctx *c, Py_ssize_t a, Py_ssize_t b) {
    size_t h = 2166136261u;
    for (Py_ssize_t i = a; i < b; i++) {
        Py_UCS4 ch = PyUnicode_READ(c->kind, c->data, i);
        if (ch == '\r' || ch == '\n' || (c->has_release && ch == c->release))
            return -1;
        h = (h ^ ch) * 16777619u;
    }
    return (Py_ssize_t)(h & (CACHE_SIZE - 1));
}

static int same_span(Ctx *c, CacheEntry *e, Py_ssize_t a, Py_ssize_t b) {
    if (e->value == NULL || e->length != b - a)
        return 0;
    return memcmp((const char *)c->data + e->start * c->kind, (const char *)c->data + a * c->kind,
                  (size_t)(b - a) * c->kind) == 0;
}

/* Index of the character escaped by the release character at i (CR/LF in between are skipped),
 * or b when nothing follows it before b. */
static Py_ssize_t escaped_index(Ctx *c, Py_ssize_t i, Py_ssize_t b) {
    Py_ssize_t j = i + 1;
    while (j < b) {
        Py_UCS4 nx = PyUnicode_READ(c->kind, c->data, j);
        if (nx != '\r' && nx != '\n')
            break;
        j++;
    }
    return j;
}

/* One component from raw positions [a, b): CR/LF dropped, escapes resolved. */
static PyObject *make_component(Ctx *c, PyObject *text, Py_ssize_t a, Py_ssize_t b) {
    Py_ssize_t i;
    int plain = 1;
    for (i = a; i < b; i++) {
        Py_UCS4 ch = PyUnicode_READ(c->kind, c->data, i);
        if (ch == '\r' || ch == '\n' || (c->has_release && ch == c->release)) {
            plain = 0;
            break;
        }
    }
    if (plain)
        return PyUnicode_Substring(text, a, b);
    if (b - a > c->bufcap) {
        Py_UCS4 *nb = PyMem_Realloc(c->buf, (size_t)(b - a) * sizeof(Py_UCS4));
        if (nb == NULL)
            return PyErr_NoMemory();
        c->buf = nb;
        c->bufcap = b - a;
    }
    Py_ssize_t n = 0;
    for (i = a; i < b; i++) {
        Py_UCS4 ch = PyUnicode_READ(c->kind, c->data, i);
        if (ch == '\r' || ch == '\n')
            continue;
        if (c->has_release && ch == c->release) {
            Py_ssize_t j = escaped_index(c, i, b);
            if (j < b) {
                c->buf[n++] = PyUnicode_READ(c->kind, c->data, j);
                i = j;
                continue;
            }
            c->buf[n++] = ch; /* dangling release: kept */
            continue;
        }
        c->buf[n++] = ch;
    }
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, c->buf, n);
}

/* Separator positions in the body [a, b): kind 1 = element, 0 = component. Escapes are
 * skipped (CR/LF between a release character and what it escapes are ignored). */
typedef struct {
    Py_ssize_t *pos;
    char *kind;
    Py_ssize_t n, cap;
} Cuts;

static int find_cuts(Ctx *c, Py_ssize_t a, Py_ssize_t b, Cuts *cuts) {
    cuts->n = 0;
    for (Py_ssize_t i = a; i < b; i++) {
        Py_UCS4 ch = PyUnicode_READ(c->kind, c->data, i);
        if (c->has_release && ch == c->release) {
            Py_ssize_t j = escaped_index(c, i, b);
            i = j; /* the loop's i++ steps past the escaped character */
            continue;
        }
        if (ch == c->element || ch == c->component) {
            if (cuts->n == cuts->cap) {
                Py_ssize_t cap = cuts->cap ? cuts->cap * 2 : 64;
                Py_ssize_t *np = PyMem_Realloc(cuts->pos, (size_t)cap * sizeof(Py_ssize_t));
                if (np == NULL)
                    return -1;
                cuts->pos = np;
                char *nk = PyMem_Realloc(cuts->kind, (size_t)cap);
                if (nk == NULL)
                    return -1;
                cuts->kind = nk;
                cuts->cap = cap;
            }
            cuts->pos[cuts->n] = i;
            cuts->kind[cuts->n] = (ch == c->element);
            cuts->n++;
        }
    }
    return 0;
}

/* The elements after the tag element, as a tuple of tuples of str; *tag gets the raw tag. */
static PyObject *make_values(Ctx *c, PyObject *text, Py_ssize_t a, Py_ssize_t b, Cuts *cuts, PyObject **tag) {
    Py_ssize_t n_elements = 1, k;
    for (k = 0; k < cuts->n; k++)
        n_elements += cuts->kind[k];
    PyObject *values = PyTuple_New(n_elements - 1);
    if (values == NULL)
        return NULL;
    *tag = NULL;
    Py_ssize_t comp_start = a, element = 0, first_cut = 0;
    for (k = 0; k <= cuts->n; k++) {
        int at_end = (k == cuts->n);
        if (!at_end && !cuts->kind[k])
            continue;
        Py_ssize_t stop = at_end ? b : cuts->pos[k];
        /* the element spans cuts first_cut .. k-1 (components) */
        Py_ssize_t n_comps = k - first_cut + 1;
        if (element == 0) {
            Py_ssize_t tag_end = (n_comps > 1) ? cuts->pos[first_cut] : stop;
            *tag = make_component(c, text, comp_start, tag_end);
            if (*tag == NULL)
                goto fail;
        } else {
            Py_ssize_t slot = span_hash(c, comp_start, stop);
            if (slot >= 0 && same_span(c, &c->cache[slot], comp_start, stop)) {
                Py_INCREF(c->cache[slot].value);
                PyTuple_SET_ITEM(values, element - 1, c->cache[slot].value);
                element++;
                comp_start = stop + 1;
                first_cut = k + 1;
                continue;
            }
            PyObject *tup = PyTuple_New(n_comps);
            if (tup == NULL)
                goto fail;
            Py_ssize_t cs = comp_start;
            for (Py_ssize_t m = 0; m < n_comps; m++) {
                Py_ssize_t ce = (first_cut + m < k) ? cuts->pos[first_cut + m] : stop;
                PyObject *comp = make_component(c, text, cs, ce);
                if (comp == NULL) {
                    Py_DECREF(tup);
                    goto fail;
                }
                PyTuple_SET_ITEM(tup, m, comp);
                cs = ce + 1;
            }
            PyObject_GC_UnTrack(tup); /* holds only str: can never be part of a cycle */
            PyTuple_SET_ITEM(values, element - 1, tup);
            if (slot >= 0) {
                Py_XDECREF(c->cache[slot].value);
                Py_INCREF(tup);
                c->cache[slot].value = tup;
                c->cache[slot].start = comp_start;
                c->cache[slot].length = stop - comp_start;
            }
        }
        element++;
        comp_start = stop + 1;
        first_cut = k + 1;
    }
    PyObject_GC_UnTrack(values); /* holds only untracked tuples */
    return values;
fail:
    Py_XDECREF(*tag);
    *tag = NULL;
    Py_DECREF(values);
    return NULL;
}

/* Upper-cased, stripped tag (new reference), or NULL with *length = its length when it is not
 * 3 letters/digits (no exception set). Three ASCII letters/digits take a fast path. */
static PyObject *normal_tag(PyObject *raw, Py_ssize_t *length) {
    if (PyUnicode_GET_LENGTH(raw) == 3 && PyUnicode_IS_ASCII(raw)) {
        const Py_UCS1 *d = PyUnicode_1BYTE_DATA(raw);
        int upper = 1, alnum = 1;
        for (int k = 0; k < 3; k++) {
            Py_UCS1 ch = d[k];
            if (ch >= 'a' && ch <= 'z')
                upper = 0;
            else if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')))
                alnum = 0;
        }
        if (alnum && upper) {
            Py_INCREF(raw);
            return raw;
        }
        if (alnum) {
            char buf[3];
            for (int k = 0; k < 3; k++)
                buf[k] = (d[k] >= 'a' && d[k] <= 'z') ? (char)(d[k] - 32) : (char)d[k];
            return PyUnicode_FromStringAndSize(buf, 3);
        }
    }
    PyObject *stripped = PyObject_CallMethod(raw, "strip", NULL);
    if (stripped == NULL)
        return NULL;
    PyObject *upper = PyObject_CallMethod(stripped, "upper", NULL);
    Py_DECREF(stripped);
    if (upper == NULL)
        return NULL;
    *length = PyUnicode_GET_LENGTH(upper);
    if (*length == 3) {
        PyObject *ok = PyObject_CallMethod(upper, "isalnum", NULL);
        if (ok == NULL) {
            Py_DECREF(upper);
            return NULL;
        }
        int good = PyObject_IsTrue(ok);
        Py_DECREF(ok);
        if (good)
            return upper;
    }
    Py_DECREF(upper);
    return NULL;
}

static Py_UCS4 one_char(PyObject *s, const char *what, int *ok) {
    if (!PyUnicode_Check(s) || PyUnicode_GET_LENGTH(s) != 1) {
        PyErr_Format(PyExc_ValueError, "%s must be one character", what);
        *ok = 0;
        return 0;
    }
    return PyUnicode_READ_CHAR(s, 0);
}

static void clear_cache(Ctx *c) {
    for (int k = 0; k < CACHE_SIZE; k++)
        Py_CLEAR(c->cache[k].value);
}

static PyObject *tokenize(PyObject *self, PyObject *args) {
    PyObject *text, *el, *co, *re, *te;
    PyTypeObject *segtype;
    Py_ssize_t start, end, number;
    if (!PyArg_ParseTuple(args, "UnnUUUUnO!", &text, &start, &end, &el, &co, &re, &te, &number, &PyType_Type,
                          &segtype))
        return NULL;
    if (!PyType_IsSubtype(segtype, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "segment type must be a tuple subclass");
        return NULL;
    }
    Cuts cuts = {NULL, NULL, 0, 0};
    Ctx c;
    int ok = 1;
    c.element = one_char(el, "element", &ok);
    c.component = one_char(co, "component", &ok);
    c.release = one_char(re, "release", &ok);
    c.terminator = one_char(te, "terminator", &ok);
    if (!ok)
        return NULL;
    c.has_release = !(c.release == c.element || c.release == c.component || c.release == c.terminator);
    c.kind = PyUnicode_KIND(text);
    c.data = PyUnicode_DATA(text);
    c.buf = NULL;
    c.bufcap = 0;
    memset(c.cache, 0, sizeof(c.cache));
    Py_ssize_t len = PyUnicode_GET_LENGTH(text);
    if (end > len)
        end = len;
    if (start < 0)
        start = 0;

    PyObject *segments = PyList_New(0), *bad = PyList_New(0);
    int unterminated = 0;
    if (segments == NULL || bad == NULL)
        goto fail;
    Py_ssize_t piece = start, i = start;
    while (piece <= end) {
        /* find the end of this piece */
        i = piece;
        while (i < end) {
            Py_UCS4 ch = PyUnicode_READ(c.kind, c.data, i);
            if (c.has_release && ch == c.release) {
                i += 2;
                continue;
            }
            if (ch == c.terminator)
                break;
            i++;
        }
        if (i > end)
            i = end;
        int terminated = (i < end);
        Py_ssize_t body = piece;
        while (body < i && is_leading_junk(PyUnicode_READ(c.kind, c.data, body)))
            body++;
        if (body < i) {
            if (find_cuts(&c, body, i, &cuts) < 0) {
                PyErr_NoMemory();
                goto fail;
            }
            PyObject *rawtag = NULL;
            PyObject *values = make_values(&c, text, body, i, &cuts, &rawtag);
            if (values == NULL)
                goto fail;
            Py_ssize_t taglen = 0;
            PyObject *tag = normal_tag(rawtag, &taglen);
            Py_DECREF(rawtag);
            if (tag == NULL) {
                Py_DECREF(values);
                if (PyErr_Occurred())
                    goto fail;
                PyObject *w = Py_BuildValue("(nn)", number, taglen);
                if (w == NULL || PyList_Append(bad, w) < 0) {
                    Py_XDECREF(w);
                    goto fail;
                }
                Py_DECREF(w);
                number++;
            } else {
                PyObject *seg = segtype->tp_alloc(segtype, 5);
                PyObject *num = PyLong_FromSsize_t(number);
                PyObject *off = PyLong_FromSsize_t(body);
                PyObject *stop = PyLong_FromSsize_t(terminated ? i + 1 : end);
                if (seg == NULL || num == NULL || off == NULL || stop == NULL) {
                    Py_XDECREF(seg); Py_XDECREF(num); Py_XDECREF(off); Py_XDECREF(stop);
                    Py_DECREF(tag); Py_DECREF(values);
                    goto fail;
                }
                PyTuple_SET_ITEM(seg, 0, tag);
                PyTuple_SET_ITEM(seg, 1, values);
                PyTuple_SET_ITEM(seg, 2, num);
                PyTuple_SET_ITEM(seg, 3, off);
                PyTuple_SET_ITEM(seg, 4, stop);
                /* str, int and untracked tuples only: untrack it as CPython untracks such tuples,
                 * so that the cyclic GC does not walk every segment of a large list */
                PyObject_GC_UnTrack(seg);
                int rc = PyList_Append(segments, seg);
                Py_DECREF(seg);
                if (rc < 0)
                    goto fail;
                if (!terminated)
                    unterminated = 1;
                number++;
            }
        }
        piece = i + 1;
    }
    clear_cache(&c);
    PyMem_Free(c.buf);
    PyMem_Free(cuts.pos);
    PyMem_Free(cuts.kind);
    return Py_BuildValue("(NNO)", segments, bad, unterminated ? Py_True : Py_False);
fail:
    clear_cache(&c);
    PyMem_Free(c.buf);
    PyMem_Free(cuts.pos);
    PyMem_Free(cuts.kind);
    Py_XDECREF(segments);
    Py_XDECREF(bad);
    return NULL;
}

static PyMethodDef methods[] = {
    {"tokenize", tokenize, METH_VARARGS, "Segment loop of pipeline.edifact.tokenizer.tokenize, in C."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_speedups", NULL, -1, methods};

PyMODINIT_FUNC PyInit__speedups(void) { return PyModule_Create(&module); }
