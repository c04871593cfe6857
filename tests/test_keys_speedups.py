"""The fast paths of the key builders give exactly what the general forms give, on any input."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.matching.keys import (
    PreparedName, _merged, edit_keys, merged_keys, name_keys, name_token, prepare_name,
)
from pipeline.normalise.documents import (
    _INVALID_MRZ, document_forms, document_key, mrz_check_digit, mrz_value, ocr_key, without_check_digit,
)
from pipeline.normalise.name_forms import (
    _ASCII_LATIN, _ICAO_LATIN, PARTICLES, PLACEHOLDERS, _fold, _fold_chars, comparable, glue_particles, name_tokens,
)
from pipeline.normalise.names import TITLES

# Few letters, so that doubles, particles and junction doubles are frequent.
TOKEN = st.text(st.sampled_from("ABEL019"), min_size=1, max_size=8)
# Upper-casing turns some non-ASCII characters into ASCII (ı → I, ſ → S, ﬀ → FF).
FOLD_TEXT = st.text(st.sampled_from(list("abzAZ09 -'`ıſßﬀÄäÖøŁłЖжЩ名é\u0301\u00a0")), max_size=20)
WORDS = st.lists(st.sampled_from(["ABD", "AL", "EL", "UL", "ABDEL", "ABOU", "VAN", "DER", "BIN", "MR", "FNU",
                                  "OMAR", "RAHMAN", "SMITH", "LEE", "O'NEIL", "MÜLLER", "ANNA-MARIA"]), max_size=5)
PART = st.lists(st.sampled_from(["anna", "MARIA", "Lee", "O2", "AL", "VAN", "DER", "Mr", "FNU", "X", "JOSÉ",
                                  "O'NEIL", "", " ", "ST"]), max_size=4).map(" ".join)
MRZ = st.text(st.sampled_from("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<"), max_size=30)


def _old_check_digit(field: str) -> int:
    return sum(mrz_value(ch) * (7, 3, 1)[i % 3] for i, ch in enumerate(field)) % 10


def _old_document_forms(key: str) -> frozenset[str]:
    if len(key) < 5:
        return frozenset()
    forms = {ocr_key(key)}
    body = without_check_digit(key)
    if body:
        forms.add(ocr_key(body))
    if len(key) > 9:
        forms.add(ocr_key(key[:9]))
    forms.discard("")
    return frozenset(forms)


def _old_name_keys(name) -> set[str]:
    keys = {"t:" + comparable(a.comp + b.comp) for a, b in zip(name.tokens, name.tokens[1:])}
    for t in name.tokens:
        if len(t.comp) >= 2:
            keys.update(("t:" + t.root, "p:" + t.phon))
            if t.role != "given":
                keys.update(edit_keys(t.comp))
            if t.stripped != t.comp:
                keys.add("t:" + t.stripped)
    return keys


@settings(max_examples=500, deadline=None)
@given(a=TOKEN, b=TOKEN)
def test_junction_rule_equals_collapsing_the_joined_forms(a: str, b: str) -> None:
    ca, cb = comparable(a), comparable(b)
    assert _merged(ca, cb) == comparable(ca + cb)


@settings(max_examples=300, deadline=None)
@given(full=st.lists(TOKEN, max_size=5).map(" ".join), surname=st.one_of(st.none(), WORDS.map(" ".join)),
       given_names=st.one_of(st.none(), WORDS.map(" ".join)))
def test_name_keys_equal_the_per_occurrence_computation(full: str, surname: str | None,
                                                        given_names: str | None) -> None:
    name = prepare_name(full, surname, given_names)
    assert name_keys(name) == _old_name_keys(name)
    assert merged_keys(name) == tuple("t:" + comparable(a.comp + b.comp) for a, b in zip(name.tokens, name.tokens[1:]))


def _prepared(tokens: tuple) -> PreparedName:
    """A prepared name's derived forms computed from its tokens directly."""
    return PreparedName(tokens, any(t.role != "unknown" for t in tokens), " ".join(sorted(t.root for t in tokens)),
                        "".join(t.comp for t in tokens))


def _old_prepare_name(full: str | None, surname: str | None, given_names: str | None) -> PreparedName:
    sur, giv = name_tokens(surname), name_tokens(given_names)
    if sur or giv:
        return _prepared(tuple(name_token(t, "given") for t in giv) + tuple(name_token(t, "surname") for t in sur))
    return _prepared(tuple(name_token(t, "unknown") for t in name_tokens(full)))


@settings(max_examples=500, deadline=None)
@given(full=st.one_of(st.none(), PART), surname=st.one_of(st.none(), PART), given_names=st.one_of(st.none(), PART))
def test_prepared_name_joined_from_words_equals_the_tokenised_name(full: str | None, surname: str | None,
                                                                  given_names: str | None) -> None:
    assert prepare_name(full, surname, given_names) == _old_prepare_name(full, surname, given_names)


@settings(max_examples=500, deadline=None)
@given(text=FOLD_TEXT)
def test_fold_fast_path_equals_the_per_character_fold(text: str) -> None:
    for table in (_ICAO_LATIN, _ASCII_LATIN):
        assert _fold(text, table) == _fold_chars(text.upper(), table)


@settings(max_examples=300, deadline=None)
@given(tokens=WORDS)
def test_tokens_without_particles_are_not_glued(tokens: list[str]) -> None:
    if PARTICLES.isdisjoint(tokens):
        assert glue_particles(tokens) == tokens
    text = " ".join(tokens)
    raw = re.split(r"[^A-Z0-9]+", _fold_chars(text.upper(), _ASCII_LATIN).replace("'", "").replace("`", ""))
    assert name_tokens.__wrapped__(text) == tuple(glue_particles([t for t in raw if t and t not in TITLES
                                                                  and t not in PLACEHOLDERS]))


@settings(max_examples=500, deadline=None)
@given(field=MRZ)
def test_table_check_digit_equals_the_per_character_sum(field: str) -> None:
    assert mrz_check_digit(field) == _old_check_digit(field)


@settings(max_examples=300, deadline=None)
@given(field=st.text(st.sampled_from("09AZ<az-é٣ "), max_size=12))
def test_check_digit_rejects_what_the_per_character_sum_rejects_with_the_same_message(field: str) -> None:
    try:
        expected: int | str = _old_check_digit(field)
    except ValueError as e:
        expected = str(e)
    if isinstance(expected, int):
        assert mrz_check_digit(field) == expected
    else:
        with pytest.raises(ValueError) as raised:
            mrz_check_digit(field)
        assert str(raised.value) == expected


def test_invalid_character_message() -> None:
    with pytest.raises(ValueError, match=r"invalid MRZ character 'a' \(expected 0-9, A-Z or <\)"):
        mrz_check_digit("AB1a")
    assert _INVALID_MRZ.format("a") == "invalid MRZ character 'a' (expected 0-9, A-Z or <)"


@settings(max_examples=500, deadline=None)
@given(number=st.text(st.sampled_from("0123456789OQDILSBZGAX -"), max_size=14))
def test_document_forms_equal_the_ocr_key_of_each_form(number: str) -> None:
    key = document_key(number)
    assert document_forms(key) == _old_document_forms(key)


@settings(max_examples=500, deadline=None)
@given(number=st.text(st.sampled_from("azAZ09 -/.ßéı٣²"), max_size=12))
def test_document_key_fast_path_equals_the_regex(number: str) -> None:
    assert document_key(number) == re.sub(r"[^A-Z0-9]", "", number.upper())
