"""Public list formats: OpenSanctions simple CSV, FollowTheMoney JSON lines, UN consolidated XML."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.watchlist.country_names import country_from_name
from pipeline.watchlist.errors import WatchlistError
from pipeline.watchlist.loader import load_watchlist
from pipeline.watchlist.model import ListedDocument, ListedName

DATA = Path(__file__).parent / "data" / "watchlists"


def test_opensanctions_simple_csv_reads_persons_only() -> None:
    wl = load_watchlist(DATA / "targets.simple.csv", skip_bad_rows=True)
    assert wl.name == "OpenSanctions"
    assert [e.id for e in wl.entries] == ["NK-synth-0001", "NK-synth-0003"]  # the Company is passed over
    viktor, leila = wl.entries
    assert [n.full for n in viktor.names] == ["Viktor Andreevich Morozov", "Wiktor Morosow", "Виктор Андреевич Морозов"]
    assert viktor.dates_of_birth == ("1966-08-02", "1966")
    assert viktor.nationalities == ("RUS",)  # "su" is not an ISO country: dropped, counted
    assert viktor.documents == (ListedDocument("4509123456"), ListedDocument("FX4411"))
    assert leila.nationalities == ("LBN", "RKS")  # xk → ICAO Kosovo
    assert wl.skipped_rows == 2 and wl.dropped_values == 1


def test_opensanctions_rows_without_id_or_name_are_errors() -> None:
    f = str(DATA / "targets.simple.csv")
    with pytest.raises(WatchlistError) as info:
        load_watchlist(f)
    assert [str(i) for i in info.value.issues] == [
        f"{f}:5: column 'id': expected a non-empty entity id",
        f"{f}:6: column 'name': expected at least one name of the person",
    ]


def test_followthemoney_persons_with_structured_names_and_documents() -> None:
    wl = load_watchlist(DATA / "persons.ftm.jsonl", skip_bad_rows=True, name="OS-Sanctions")
    assert wl.name == "OS-Sanctions" and {e.list for e in wl.entries} == {"OS-Sanctions"}
    viktor, leila = wl.entries
    assert viktor.names == (ListedName("Viktor Andreevich Morozov", "Morozov", "Viktor Andreevich"),
                            ListedName("Wiktor Morosow"))
    assert (viktor.gender, viktor.category, viktor.notes) == ("M", "sanction", "Synthetic test person")
    assert viktor.nationalities == ("RUS", "CYP")
    assert viktor.documents == (ListedDocument("45 09 123456", "P"), ListedDocument("FX-4411", "I"))
    assert leila.names == (ListedName("Leila Haddad", "Haddad", "Leila"),)
    assert leila.dates_of_birth == ("1980-02",) and leila.nationalities == ("LBN",)
    assert leila.category == "sanction;crime.terror"
    assert wl.skipped_rows == 2 and wl.dropped_values == 2  # 1980-02-31 and zz


def test_followthemoney_bad_lines_have_line_numbers() -> None:
    f = str(DATA / "persons.ftm.jsonl")
    with pytest.raises(WatchlistError) as info:
        load_watchlist(f)
    assert [(i.line, i.column) for i in info.value.issues] == [(4, None), (5, "id")]
    assert f"{f}:4: expected a JSON object per line, a FollowTheMoney entity" in str(info.value)


def test_un_consolidated_list_individuals() -> None:
    wl = load_watchlist(DATA / "un_consolidated.xml", skip_bad_rows=True, severity="critical")
    assert (wl.name, wl.severity, wl.skipped_rows) == ("UN-SC", "critical", 1)
    hamid, pak = wl.entries
    assert hamid.id == "SYi.001" and hamid.severity == "critical"
    assert [n.full for n in hamid.names] == ["HAMID YUSUF AL-QASIMI", "Hamed Yousef al-Qassimi"]  # Low alias left out
    assert hamid.dates_of_birth == ("1968-04-21", "1966", "1967", "1968", "1969")
    assert hamid.nationalities == ("IRN",)  # Atlantis dropped
    assert hamid.documents == (ListedDocument("Q 7712034", "P", "IRN"), ListedDocument("0071234567", "I", None))
    assert (hamid.gender, hamid.category) == ("M", "Synthetic-Terrorism")
    assert pak.nationalities == ("PRK",) and pak.dates_of_birth == ("1975",) and pak.gender is None
    assert wl.dropped_values == 1


def test_un_individual_without_reference_is_an_error_at_its_line() -> None:
    f = str(DATA / "un_consolidated.xml")
    with pytest.raises(WatchlistError, match=rf"^{f}:61: column 'REFERENCE_NUMBER': expected a reference number"):
        load_watchlist(f)


def test_un_xml_refuses_entity_declarations_and_names_malformed_lines(tmp_path: Path) -> None:
    with pytest.raises(WatchlistError, match="expected XML without DTD or entity declarations"):
        load_watchlist(DATA / "un_entities.xml", skip_bad_rows=True)
    broken = tmp_path / "un.xml"
    broken.write_text("<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n<INDIVIDUAL>\n</INDIVIDUALS>\n")
    with pytest.raises(WatchlistError, match=r"un.xml:4: expected well-formed XML"):
        load_watchlist(broken)
    other = tmp_path / "sdn.xml"
    other.write_text("<sdnList><sdnEntry/></sdnList>")
    with pytest.raises(WatchlistError, match=r"expected a UN consolidated list \(root element CONSOLIDATED_LIST\), got 'sdnList'"):
        load_watchlist(other)


@pytest.mark.parametrize(("name", "code"), [
    ("Iran (Islamic Republic of)", "IRN"),
    ("Democratic People's Republic of Korea", "PRK"),
    ("Republic of Korea", "KOR"),
    ("Indonesia (as at Dec. 2003)", "IDN"),
    ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
    ("Pakistan.", "PAK"),
    ("Kosovo", "RKS"),
    ("Atlantis", None),
    ("GB", None),  # codes are not names
])
def test_country_names(name: str, code: str | None) -> None:
    assert country_from_name(name) == code
