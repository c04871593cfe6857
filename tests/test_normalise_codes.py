"""Flight designators, country codes and document-form names: one form on both sides."""

from __future__ import annotations

import pycountry
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalise.countries import country_alpha3, is_known_country
from pipeline.normalise.flights import flight_number, split_designator
from pipeline.normalise.names import clean_name, given_names_from_parts, strip_title_tokens


@pytest.mark.parametrize(
    ("value", "carrier", "expected"),
    [
        ("UA0989", None, ("UA", "989")),
        ("UA0989", "UA", ("UA", "989")),
        ("0989", "UA", ("UA", "989")),  # number only, carrier from TDT C040
        ("123", None, (None, "123")),  # never a made-up carrier '12'
        ("9W0123", None, ("9W", "123")),
        ("U21234", None, ("U2", "1234")),
        ("BAW123", None, ("BAW", "123")),
        ("BA123A", None, ("BA", "123A")),
        ("ua 989", None, ("UA", "989")),
        ("", "UA", ("UA", None)),
        ("", None, (None, None)),
    ],
)
def test_split_designator(value: str, carrier: str | None, expected: tuple[str | None, str | None]) -> None:
    assert split_designator(value, carrier) == expected


@pytest.mark.parametrize(("number", "expected"), [("0989", "989"), ("0012A", "12A"), (" 7 ", "7"), ("", None),
                                                  (None, None), ("ABC", "ABC")])
def test_flight_number(number: str | None, expected: str | None) -> None:
    assert flight_number(number) == expected


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["UA", "LH", "9W", "U2", "BAW", None]), st.integers(1, 99999), st.sampled_from(["", "A"]),
       st.integers(0, 3))
def test_designator_written_any_way_splits_back(carrier: str | None, number: int, suffix: str, zeros: int) -> None:
    text = "0" * zeros + str(number) + suffix
    expected = (carrier, str(number) + suffix)
    assert split_designator((carrier or "") + text, carrier) == expected
    if carrier is not None:
        assert split_designator(carrier + text) == expected
        assert split_designator(text, carrier) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [("KR", "KOR"), ("kor", "KOR"), ("D", "DEU"), ("GBD", "GBD"), ("XXA", "XXA"), (" fr ", "FRA"), ("", None),
     (None, None), ("ZZZ", "ZZZ")],
)
def test_country_alpha3(code: str | None, expected: str | None) -> None:
    assert country_alpha3(code) == expected


def test_unknown_countries_are_kept_but_not_known() -> None:
    assert is_known_country("D") and is_known_country("KR") and not is_known_country("ZZZ")


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(c.alpha_2 for c in pycountry.countries) + sorted(c.alpha_3 for c in pycountry.countries)))
def test_country_alpha3_is_idempotent(code: str) -> None:
    once = country_alpha3(code)
    assert once is not None and len(once) == 3 and country_alpha3(once) == once


def test_names_in_document_form() -> None:
    assert clean_name("  van der\tBerg ") == "VAN DER BERG"
    assert clean_name("   ") is None
    assert strip_title_tokens("John Mr") == "JOHN"
    assert strip_title_tokens("Drew") == "DREW"
    assert strip_title_tokens("MR") is None
    assert given_names_from_parts(["Anna", "", " Maria ", "MRS"]) == "ANNA MARIA"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_name_normalisers_are_idempotent(text: str) -> None:
    for normalise in (clean_name, strip_title_tokens):
        once = normalise(text)
        assert normalise(once) == once
        assert once is None or (once == once.strip() and "  " not in once)
