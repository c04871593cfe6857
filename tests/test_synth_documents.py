"""ICAO Doc 9303 check digits against the specimen values (messages.md §7.1), document validity,
OCR confusions and the MRZ name field."""

from __future__ import annotations

import random
import string
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.synth.documents import (OCR_CONFUSIONS, add_years, document_number, make_document, mrz_check_digit,
                                      mrz_name_field, names_from_mrz, ocr_confuse, td3_line2)

SPECIMEN_TD3_LINE2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"


def test_check_digits_of_the_icao_specimens() -> None:
    assert mrz_check_digit("L898902C3") == 6
    assert mrz_check_digit("740812") == 2
    assert mrz_check_digit("120415") == 9
    assert mrz_check_digit("ZE184226B<<<<<") == 1
    assert mrz_check_digit("D23145890") == 7


def test_td3_line2_reproduces_the_specimen() -> None:
    line = td3_line2("L898902C3", "UTO", date(1974, 8, 12), "F", date(2012, 4, 15), "ZE184226B")
    assert line == SPECIMEN_TD3_LINE2 and len(line) == 44


def test_invalid_mrz_character_is_named() -> None:
    with pytest.raises(ValueError, match="invalid MRZ character 'a'"):
        mrz_check_digit("a1")


@given(st.text(alphabet=string.ascii_uppercase + string.digits, min_size=1, max_size=9))
def test_a_single_changed_digit_changes_the_check_digit(field: str) -> None:
    for i, ch in enumerate(field):
        if ch.isdigit():
            other = str((int(ch) + 1) % 10)
            assert mrz_check_digit(field[:i] + other + field[i + 1:]) != mrz_check_digit(field)


@given(st.integers(0, 2**32), st.sampled_from(["USA", "GBR", "DEU", "FRA", "CHN", "NGA", "XYZ"]),
       st.dates(date(1935, 1, 1), date(2025, 12, 31)))
def test_documents_are_valid_on_the_travel_date(seed: int, country: str, birth: date) -> None:
    rng = random.Random(seed)
    on = date(2026, 3, 2)
    doc = make_document(rng, country, birth, on)
    assert doc.issued > birth and doc.issued < on < doc.expiry
    assert doc.expiry in (add_years(doc.issued, 5), add_years(doc.issued, 10))
    assert doc.number.isalnum() and doc.number.isupper() or doc.number.isdigit()
    line = doc.mrz_line2(country, birth, "M")
    assert line[9] == str(mrz_check_digit(line[:9]))
    assert line[-1] == str(mrz_check_digit(line[0:10] + line[13:20] + line[21:43]))


@given(st.integers(0, 2**32))
def test_ocr_confusion_swaps_one_character_for_its_look_alike(seed: int) -> None:
    rng = random.Random(seed)
    number = document_number(rng, "FRA")
    confused = ocr_confuse(rng, number)
    if not any(ch in OCR_CONFUSIONS for ch in number):  # e.g. seed 1168: nothing to confuse
        assert confused is None
        return
    assert confused is not None and len(confused) == len(number)
    diffs = [(a, b) for a, b in zip(number, confused) if a != b]
    assert len(diffs) == 1 and OCR_CONFUSIONS[diffs[0][0]] == diffs[0][1]
    assert ocr_confuse(rng, "ACDEFH") is None


def test_mrz_name_field_truncates_given_names_and_reads_back() -> None:
    field = mrz_name_field("ERIKSSON", "ANNA MARIA")
    assert field == "ERIKSSON<<ANNA<MARIA" + "<" * 19
    assert names_from_mrz(field) == ("ERIKSSON", "ANNA MARIA")
    long = mrz_name_field("PAGES", "GUY AIME ALPHONSE NICOLAS EMMANUEL JULIEN")
    assert len(long) == 39 and names_from_mrz(long) == ("PAGES", "GUY AIME ALPHONSE NICOLAS EMMANU")
