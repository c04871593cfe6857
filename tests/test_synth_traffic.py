"""Generated traffic over a few hundred small flights: every file reads as its truth record says,
planted travellers arrive with their recorded variation, risk patterns are in the PNRs, the
watchlists load."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from pipeline.ingest import parse_payload
from pipeline.model import DeadLetter, Message
from pipeline.normalise.name_forms import fold_ascii, fold_icao
from pipeline.synth.documents import OCR_CONFUSIONS, mrz_name_field, names_from_mrz
from pipeline.synth.generate import GenerateConfig, generate
from pipeline.synth.names import nicknames, transliteration_groups
from pipeline.watchlist.loader import load_watchlist

FLIGHTS = 200


@pytest.fixture(scope="module")
def traffic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("traffic")
    generate(GenerateConfig(flights=FLIGHTS, seed=11, max_seats=16, listed_rate=0.05, hard_negative_rate=0.02,
                            risk_rate=0.15, quirk_rate=0.25, garbage_rate=0.05, watchlist_size=200, part_size=8),
             out)
    return out


@pytest.fixture(scope="module")
def truth(traffic: Path) -> list[dict]:
    return [json.loads(line) for line in (traffic / "truth.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def parsed(traffic: Path) -> dict[str, list]:
    files = sorted(p for p in traffic.rglob("*") if p.suffix in (".edi", ".xml"))
    return {str(p.relative_to(traffic)): parse_payload(p.read_bytes(), str(p.relative_to(traffic))) for p in files}


def _travellers(parsed: dict[str, list], kind: str) -> dict[str, list]:
    key = "ABO" if kind == "api" else "REF"
    out: dict[str, list] = {}
    for results in parsed.values():
        for r in results:
            if isinstance(r, Message) and r.kind == kind:
                for t in r.travellers:
                    out.setdefault(dict(t.references).get(key), []).append((r, t))
    return out


def test_every_file_reads_as_its_truth_record_says(parsed: dict[str, list], truth: list[dict]) -> None:
    quirks = {t["file"]: t for t in truth if t["type"] == "quirk"}
    assert len(parsed) > FLIGHTS * 5
    assert {q["quirk"] for q in quirks.values()} >= {"custom_una", "crlf", "typeb_wrap", "latin1", "wrong_unt",
                                                     "truncated_tail", "truncated_head", "garbage"}
    for file, results in parsed.items():
        assert results, file
        dead = [r for r in results if isinstance(r, DeadLetter)]
        warnings = [w for r in results if isinstance(r, Message) for w in r.warnings]
        expected = quirks[file]["expected"] if file in quirks else "parsed"
        if expected == "dead_letter":
            assert len(dead) == len(results), file
        else:
            assert not dead, (file, [d.reason for d in dead])
            assert bool(warnings) == (expected == "parsed_with_warning"), (file, warnings[:3])


def test_both_message_kinds_and_the_api_life_cycle_are_present(parsed: dict[str, list]) -> None:
    functions = {r.source.function for rs in parsed.values() for r in rs if isinstance(r, Message) and r.kind == "api"}
    assert functions >= {"250:C", "745", "745:CP", "745:XR", "266:CLOB", "266:CLNB"}
    versions = {r.source.version for rs in parsed.values() for r in rs if isinstance(r, Message)}
    assert {"D:02B", "D:05B"} <= versions and {"11:1", "13:1"} & versions
    pnrs = [r for rs in parsed.values() for r in rs if isinstance(r, Message) and r.kind == "pnr"]
    assert any(r.pnr.cancelled for r in pnrs) and any(not r.pnr.cancelled for r in pnrs)
    parts = [r.source for rs in parsed.values() for r in rs if isinstance(r, Message) and r.source.part]
    assert any(s.part == 1 and s.final is False for s in parts) and any(s.final for s in parts)


def _relation_holds(cause: str, listed: dict, sent: dict) -> bool:
    ls, lg, ss, sg = listed["surname"], listed["given_names"], sent["surname"], sent["given_names"]
    if cause == "exact":
        return (ls, lg) == (ss, sg)
    if cause == "typo":
        return 1 <= Levenshtein.distance(ls + " " + lg, ss + " " + sg) <= 2
    if cause == "order_swap":
        return (ls, lg) == (sg, ss)
    if cause == "dropped_middle":
        return ls == ss and lg.split()[0] == sg and len(lg.split()) > 1
    if cause == "initial":
        return ls == ss and sg == lg[0]
    if cause == "transliteration":
        groups = transliteration_groups()
        changed = [(a, b) for a, b in zip((ls + " " + lg).split(), (ss + " " + sg).split()) if a != b]
        return (ls, lg) != (ss, sg) and any(b in groups.get(a, ()) or b in groups.get(" ".join([a]), ())
                                           for a, b in changed) or any(
            sg.replace(x, y) == lg or ss.replace(x, y) == ls for x in groups for y in groups[x])
    if cause == "merged_split":
        return (ls.replace(" ", ""), lg.replace(" ", "")) == (ss.replace(" ", ""), sg.replace(" ", "")) and \
            (ls, lg) != (ss, sg)
    if cause == "nickname":
        return ls == ss and sg.split()[0] in nicknames().get(lg.split()[0], ())
    if cause == "extra_token":
        return ls == ss and sg.startswith(lg + " ")
    if cause == "mrz_truncation":
        return ls == ss and lg.startswith(sg) and names_from_mrz(mrz_name_field(ls, lg)) == (ss, sg)
    if cause == "diacritics":
        return not (ls + lg).isascii() and (ss, sg) in {(fold_icao(ls), fold_icao(lg)), (fold_ascii(ls), fold_ascii(lg))}
    if cause == "dob_partial":
        return sent["date_of_birth"].startswith(listed["date_of_birth"][0]) and len(listed["date_of_birth"][0]) < 10
    if cause == "dob_swapped":
        y, m, d = sent["date_of_birth"].split("-")
        return listed["date_of_birth"][0] == f"{y}-{d}-{m}" and d != m
    if cause == "doc_ocr":
        listed_number = listed["documents"][0].rsplit(":", 1)[-1]
        sent_number = sent["document"].rsplit(":", 1)[-1]
        diffs = [(a, b) for a, b in zip(listed_number, sent_number) if a != b]
        return len(listed_number) == len(sent_number) and len(diffs) == 1 and OCR_CONFUSIONS[diffs[0][0]] == diffs[0][1]
    raise AssertionError(cause)


def test_planted_travellers_arrive_in_api_with_their_recorded_variation(parsed: dict[str, list],
                                                                       truth: list[dict]) -> None:
    api = _travellers(parsed, "api")
    pnr = _travellers(parsed, "pnr")
    matches = [t for t in truth if t["type"] == "watchlist_match"]
    causes = {c for m in matches for c in m["causes"]}
    assert causes >= {"exact", "typo", "order_swap", "dropped_middle", "initial", "transliteration", "merged_split",
                      "nickname", "extra_token", "mrz_truncation", "diacritics", "dob_partial", "dob_swapped",
                      "doc_ocr"}
    for m in matches:
        assert m["person_id"] in api, m["person_id"]
        assert m["person_id"] in pnr, m["person_id"]
        message, t = api[m["person_id"]][0]
        sent = m["sent"]
        assert (t.surname, t.given_names or "", t.date_of_birth) == (sent["surname"], sent["given_names"],
                                                                     sent["date_of_birth"])
        assert t.documents[0].number == sent["document"].rsplit(":", 1)[-1]
        assert f"{message.primary_flight.carrier}{message.primary_flight.number}" == m["flight"].split("/")[0]
        for cause in m["causes"]:
            assert _relation_holds(cause, m["listed"], sent), (cause, m["listed"], sent)


def test_truth_entries_are_in_the_watchlists_as_listed(traffic: Path, truth: list[dict]) -> None:
    native = load_watchlist(traffic / "watchlists" / "synthetic.csv")
    public = load_watchlist(traffic / "watchlists" / "opensanctions.simple.csv")
    assert native.skipped_rows == 0 and public.skipped_rows == 0
    entries = {e.id: e for e in native.entries + public.entries}
    assert len(entries) == len(native.entries) + len(public.entries) >= 200
    rows = {r["id"]: r for r in csv.DictReader((traffic / "watchlists" / "synthetic.csv").open(encoding="utf-8"))}
    for record in truth:
        if record["type"] in ("watchlist_match", "hard_negative"):
            entry = entries[record["entry_id"]]
            assert entry.list == record["list"]
        if record["type"] == "watchlist_match" and record["entry_id"] in rows:
            row = rows[record["entry_id"]]
            assert (row["surname"], row["given_names"]) == (record["listed"]["surname"],
                                                            record["listed"]["given_names"])


def test_hard_negatives_resemble_their_traveller_without_being_them(parsed: dict[str, list], truth: list[dict],
                                                                   traffic: Path) -> None:
    api = _travellers(parsed, "api")
    rows = {r["id"]: r for r in csv.DictReader((traffic / "watchlists" / "synthetic.csv").open(encoding="utf-8"))}
    negatives = [t for t in truth if t["type"] == "hard_negative" and t["entry_id"] in rows]
    assert negatives
    for n in negatives:
        _, t = api[n["person_id"]][0]
        row = rows[n["entry_id"]]
        assert row["date_of_birth"] != t.date_of_birth and row["nationality"] != t.nationality
        if n["cause"] == "same_surname":
            assert row["surname"] == t.surname and row["given_names"] != t.given_names
        elif n["cause"] == "same_given":
            assert row["given_names"] == t.given_names and row["surname"] != t.surname
        else:
            assert (row["surname"], row["given_names"]) == (t.surname, t.given_names)


def test_risk_patterns_are_in_the_pnrs(parsed: dict[str, list], truth: list[dict]) -> None:
    pnr = _travellers(parsed, "pnr")
    patterns = [t for t in truth if t["type"] == "risk_pattern"]
    assert {p["pattern"] for p in patterns} == {"one_way_cash_late_booking", "shared_contact_with_listed",
                                                "watched_transit_hub"}
    for p in patterns:
        message, _ = pnr[p["person_id"]][0]
        booking = message.pnr
        assert booking.locator == p["details"]["locator"]
        if p["pattern"] == "one_way_cash_late_booking":
            assert booking.payment[0].type == "CA" and len(booking.itinerary) == 1
        elif p["pattern"] == "watched_transit_hub":
            assert booking.itinerary[0].flight.origin == p["details"]["hub"]
        else:
            listed, _ = pnr[p["details"]["listed_person_id"]][0]
            if p["details"]["shared"] == "phone":
                assert set(booking.phones) & set(listed.pnr.phones)
            else:
                assert booking.payment[0].card_number == listed.pnr.payment[0].card_number


def test_departure_push_carries_check_in_and_checked_bags(parsed: dict[str, list]) -> None:
    pnrs = [m for path, results in parsed.items() if "/03_t0_update" in path
            for m in results if isinstance(m, Message) and m.kind == "pnr" and not m.pnr.cancelled]
    assert pnrs, "no departure push in the generated traffic"
    assert all(m.pnr.checkins for m in pnrs)
    with_bags = [m for m in pnrs if m.pnr.bags]
    assert with_bags
    for m in with_bags:
        for bag in m.pnr.bags:
            assert bag.count == len(bag.tags) and bag.weight and bag.weight > 0
            assert all(tag.startswith(m.pnr.carrier) for tag in bag.tags)
    # earlier pushes are sent before check-in: no departure-control data
    early = [m for path, results in parsed.items() if "/01_t72_full" in path
             for m in results if isinstance(m, Message) and m.kind == "pnr"]
    assert early and not any(m.pnr.bags or m.pnr.checkins for m in early)
