"""Names and documents prepared for comparison, and the blocking keys the index is built on.

``prepare_name`` turns a structured or full name into a ``PreparedName`` (tokens in written
order, their comparable forms, variant roots and roles); ``name_keys`` gives its blocking keys
(``t:`` variant root of a token, its form without particles, or two adjacent tokens written as
one; ``p:`` phonetic key; ``e:`` the token and its one-letter deletions, for typing errors);
``document_keys`` gives ``d:`` keys (the number's OCR-folded forms, ``document_forms``).
Travellers and list entries go through the same functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

from pipeline.normalise.documents import document_forms, document_key
from pipeline.normalise.name_forms import PARTICLES, comparable, fold_digraphs, name_tokens, strip_particles
from pipeline.normalise.name_variants import Relation, variant_root

NameRole = Literal["surname", "given", "unknown"]

_PHON_DIGRAPHS = (("PH", "F"), ("KH", "H"), ("GH", "G"), ("SH", "S"), ("CH", "S"), ("TH", "T"), ("CK", "K"),
                  ("DJ", "J"), ("DZ", "J"), ("TS", "S"), ("KS", "S"), ("X", "S"), ("Q", "K"))
_PHON_CLASS = str.maketrans({"P": "B", "V": "F", "W": "F", "C": "K", "G": "K", "Z": "S", "D": "T", "M": "N"})
_VOWELS = re.compile(r"[AEIOUYH]")
_REPEAT = re.compile(r"(.)\1+")


@lru_cache(maxsize=400_000)
def phonetic_key(token: str) -> str:
    """A compact consonant skeleton: digraphs simplified (PH→F, KH→H, SH/CH→S…), then the first
    sound kept as a letter (a vowel becomes ``A``, ``Y`` ``J``, ``C`` ``K``: PHILIP and FILIP both
    start ``F``, CATHERINE and KATHERINE ``K``, but MANSEUR and NASSER differ, as in Soundex), the
    other consonants in sound classes (B/P, F/V/W, C/K/G/Q, S/Z/X, D/T, M/N), vowels, H and Y
    dropped, repeats collapsed. MOHAMMED, MUHAMMAD and MOHAMED all give ``MNT``; YUSUF and YOUSSEF
    give ``JSF``.
    """
    t = comparable(token)
    for a, b in _PHON_DIGRAPHS:
        t = t.replace(a, b)
    if not t:
        return ""
    first = t[0]
    if first in "AEIOU":
        first = "A"
    elif first in "YJ":
        first = "J"
    elif first == "C":
        first = "K"
    rest = _VOWELS.sub("", t[1:]).translate(_PHON_CLASS)
    return _REPEAT.sub(r"\1", first + rest)


@dataclass(frozen=True, slots=True)
class Token:
    """One name token: as written (``text``), comparable form, variant root and its relation, role,
    and the forms the similarity compares (computed once per distinct token, never per pair):
    ``folded`` (ICAO digraphs folded), ``stripped`` (leading particles removed), ``phon``
    (phonetic key); ``keys``: its blocking keys; ``edits``: its edit keys (``edit_keys``)."""

    text: str
    comp: str
    root: str
    relation: Relation
    role: NameRole
    folded: str
    stripped: str
    phon: str
    keys: tuple[str, ...]
    edits: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PreparedName:
    """A name ready for comparison: tokens in written order (given names first when known)."""

    tokens: tuple[Token, ...]
    structured: bool = False
    """True when the name's parts have roles (surname / given names known)."""
    root_string: str = ""
    """Variant roots sorted and joined by blanks: an order-free, spelling-free form for ranking."""
    compact: str = ""
    """All comparable forms joined without blanks, in written order."""


EDIT_MIN = 5
"""Tokens this long or longer get edit keys."""


def edit_keys(comp: str) -> tuple[str, ...]:
    """``e:`` keys of a comparable form of ``EDIT_MIN`` letters or more: the form itself and the
    form with each one letter deleted, so that two spellings one typing error apart share a
    key (TELLEZ and TESLEZ share ``e:TELEZ``, HADDAD and HADDND ``e:HADD``)."""
    if len(comp) < EDIT_MIN:
        return ()
    return tuple(dict.fromkeys(["e:" + comp] + ["e:" + comp[:i] + comp[i + 1:] for i in range(len(comp))]))


@lru_cache(maxsize=400_000)
def name_token(text: str, role: NameRole) -> Token:
    """One token (already folded by ``name_tokens``) with its comparable form and variant root."""
    comp = comparable(text)
    root, relation = variant_root(comp)
    stripped = strip_particles(comp)
    phon = phonetic_key(comp)
    if len(comp) < 2:
        keys: tuple[str, ...] = ()
    elif stripped != comp:
        keys = ("t:" + root, "p:" + phon, "t:" + stripped)
    else:
        keys = ("t:" + root, "p:" + phon)
    return Token(text, comp, root, relation, role, fold_digraphs(comp), stripped, phon, keys, edit_keys(comp))


class _Part(NamedTuple):
    """One part of a name (``name_tokens`` of one value, one role) with the pieces of the
    ``PreparedName`` forms: variant roots sorted, comparable forms joined."""

    tokens: tuple[Token, ...]
    roots: tuple[str, ...]
    compact: str


@lru_cache(maxsize=200_000)
def _part(value: str | None, role: NameRole) -> _Part:
    """``name_tokens(value)`` as ``Token``s of ``role``, with their sorted roots and joined forms.

    Words of ASCII letters and digits separated by blanks, none a particle, are their own tokens
    (titles and placeholders dropped, nothing glued): the part is then joined from the parts of
    its words, each computed once, instead of tokenising every new combination of words.
    """
    if value and " " in value and value.isascii() and value.replace(" ", "").isalnum():
        words = value.upper().split()
        if PARTICLES.isdisjoint(words):
            tokens, roots, compact = _part(words[0], role)
            for w in words[1:]:
                more_tokens, more_roots, more_compact = _part(w, role)
                tokens += more_tokens
                roots += more_roots
                compact += more_compact
            return _Part(tokens, tuple(sorted(roots)), compact)
    tokens = tuple([name_token(t, role) for t in name_tokens(value)])
    return _Part(tokens, tuple(sorted([t.root for t in tokens])), "".join([t.comp for t in tokens]))


def prepare_name(full: str | None, surname: str | None = None, given_names: str | None = None) -> PreparedName:
    """Structured parts when given (given names first, then surname), else the full name with
    roles unknown. Titles, placeholders and punctuation are removed by ``name_tokens``.
    Each part's tokens and forms are computed once per value (``_part``) and joined."""
    giv_tokens, giv_roots, giv_compact = _part(given_names, "given")
    sur_tokens, sur_roots, sur_compact = _part(surname, "surname")
    if sur_tokens or giv_tokens:
        return PreparedName(giv_tokens + sur_tokens, True, " ".join(sorted(giv_roots + sur_roots)),
                            giv_compact + sur_compact)
    tokens, roots, compact = _part(full, "unknown")
    return PreparedName(tokens, False, " ".join(roots), compact)


def token_keys(token: Token) -> tuple[str, ...]:
    """The keys a traveller's token is looked up by: its own (``t:`` variant root first, ``p:``
    phonetic key, ``t:`` form without particles when it differs) and its ``e:`` edit keys;
    initials (one letter) have none."""
    return token.keys + token.edits


def _merged(a: str, b: str) -> str:
    """``comparable(a + b)`` of two tokens' comparable forms (letters and digits, no character
    doubled): only the junction can double one."""
    return a + b[1:] if a[-1:] == b[:1] else a + b


def merged_keys(name: PreparedName) -> tuple[str, ...]:
    """Keys of adjacent tokens written as one (``OMAR FAROUK`` → ``t:OMARFAROUK``), so a name
    merged on one side meets the same name split on the other."""
    t = name.tokens
    return tuple("t:" + _merged(a.comp, b.comp) for a, b in zip(t, t[1:]))


def listed_token_keys(token: Token) -> tuple[str, ...]:
    """The keys a listed name's token is indexed by: its own keys, and its edit keys when it is
    a surname or has no role (typing errors matter in the rare part of a name; the edit keys of
    common given names would only be long postings)."""
    return token.keys if token.role == "given" else token.keys + token.edits


def name_keys(name: PreparedName) -> set[str]:
    """Blocking keys a listed name is indexed by: ``listed_token_keys`` of its tokens and its
    merged-token keys."""
    keys = set(merged_keys(name))
    for t in name.tokens:
        keys.update(listed_token_keys(t))
    return keys


def document_keys(number: str | None) -> set[str]:
    """Blocking keys of a document number: ``d:`` and each of its ``document_forms``."""
    return form_keys(document_forms(document_key(number)))


def form_keys(forms: Iterable[str]) -> set[str]:
    """Blocking keys of a number's ``document_forms`` (already computed)."""
    return {"d:" + f for f in forms}
