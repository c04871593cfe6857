"""Planted variations: each cause turns the listed name into the sent one as labelled."""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from pipeline.synth.names import NamePools, nicknames
from pipeline.synth.people import make_person
from pipeline.synth.watchlist import NAME_CAUSES, Planter, apply_name_cause, typo

POOLS = NamePools(1)
ON = date(2026, 3, 2)


@given(st.integers(0, 2**32), st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=4, max_size=12))
def test_typo_is_one_edit(seed: int, token: str) -> None:
    out = typo(random.Random(seed), token)
    assert out != token and Levenshtein.distance(out, token) <= 2


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32), st.sampled_from(NAME_CAUSES))
def test_every_cause_can_be_planted_and_is_recorded(seed: int, cause: str) -> None:
    rng = random.Random(seed)
    planted = Planter(POOLS).plant(rng, "P1", ["GBR", "EGY"], ON, cause=cause)
    assert planted.causes[0] == cause
    entry, person = planted.entry, planted.person
    listed, sent = (entry.surname, entry.given_names), (person.sent_surname, person.sent_given)
    assert (listed == sent) == (cause == "exact")
    assert sent[0] and sent[1] and sent[0].isascii() and sent[1].isascii()


def test_causes_that_do_not_fit_a_name_say_so() -> None:
    rng = random.Random(3)
    person = make_person(rng, POOLS, "P1", "GBR", ON, source="table:chinese")
    person = person.with_name("LI", "NA")
    assert apply_name_cause(rng, POOLS, person, "diacritics") is None
    assert apply_name_cause(rng, POOLS, person.with_name("LI", ""), "initial") is None
    (_, listed_given), (_, sent_given) = apply_name_cause(rng, POOLS, person, "nickname")  # type: ignore[misc]
    assert sent_given in nicknames()[listed_given]  # a name without nicknames is replaced by one that has some
    with pytest.raises(ValueError, match="unknown variation cause"):
        apply_name_cause(rng, POOLS, person, "spelling")


def test_hard_negatives_differ_in_birth_date_and_nationality() -> None:
    rng = random.Random(4)
    planter = Planter(POOLS)
    person = make_person(rng, POOLS, "P1", "FRA", ON)
    for cause in ("same_surname", "same_given", "same_name_other_dob_nat"):
        entry = planter.hard_negative(rng, person, cause, ON)
        assert entry.date_of_birth[0] != person.sent_birth and entry.nationality[0] != person.nationality
        assert (entry.surname == person.sent_surname) == (cause != "same_given")
        assert (entry.given_names == person.sent_given) == (cause != "same_surname")
