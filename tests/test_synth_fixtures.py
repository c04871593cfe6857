"""The committed generated set (``fixtures/generated``) and the bundled watchlists made from it."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.ingest import parse_payload
from pipeline.model import DeadLetter, Message

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "fixtures" / "generated"


def test_committed_set_reads_as_its_truth_says() -> None:
    truth = [json.loads(line) for line in (SET / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    quirks = {t["file"]: t["expected"] for t in truth if t["type"] == "quirk"}
    files = sorted(p for p in SET.rglob("*") if p.suffix in (".edi", ".xml"))
    kinds = set()
    people = set()
    for path in files:
        rel = str(path.relative_to(SET))
        results = parse_payload(path.read_bytes(), rel)
        dead = [r for r in results if isinstance(r, DeadLetter)]
        expected = quirks.get(rel, "parsed")
        assert bool(dead) == (expected == "dead_letter"), rel
        for r in results:
            if isinstance(r, Message):
                kinds.add(r.kind)
                people.update(dict(t.references).get("ABO") for t in r.travellers)
    assert kinds == {"api", "pnr"}
    assert {t["person_id"] for t in truth if t["type"] == "watchlist_match"} <= people


def test_bundled_watchlists_are_the_committed_sets_lists() -> None:
    assert (ROOT / "watchlists" / "synthetic.csv").read_bytes() == (SET / "watchlists" / "synthetic.csv").read_bytes()
    assert (ROOT / "watchlists" / "synthetic-opensanctions.simple.csv").read_bytes() == \
        (SET / "watchlists" / "opensanctions.simple.csv").read_bytes()
    manifest = json.loads((SET / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["flights"] == len(list((SET / "api").iterdir()))
