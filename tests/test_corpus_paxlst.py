"""The public PAXLST samples in ``../shared/corpus`` (read in place, never copied) yield their
travellers and record their known anomalies as warnings. Skipped when the corpus is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import parse_payload
from pipeline.model import Message

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

# file → (function, roles and how many, number of legs, a warning fragment the file must raise)
EXPECTED = {
    "paxlst_gtas_Test1_crew_d02b.edi": ("250:C", {"crew": 8}, 1, "UNT counts 152 segments, message has 107"),
    "paxlst_gtas_Test3_pax_d02b.edi": ("745:C", {"passenger": 260}, 1, "decoded as cp1252"),
    "paxlst_gtas_airline2_customseps_d02b.edi": ("745", {"passenger": 10}, 1, "CNT 42 declares 136 passengers"),
    "paxlst_gtas_multiple_flight_leg_d05b.edi": ("745", {"passenger": 2}, 3, "after the interchange trailer"),
    "paxlst_minelytics_sample02_d05b.edi": ("745", {"passenger": 1}, 2, "UNT counts 35 segments, message has 37"),
}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus not present")
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_paxlst_file_yields_its_travellers(name: str) -> None:
    function, roles, legs, warning = EXPECTED[name]
    [msg] = parse_payload((CORPUS / name).read_bytes(), name)
    assert isinstance(msg, Message)
    assert msg.source.function == function
    found: dict[str, int] = {}
    for t in msg.travellers:
        found[t.role] = found.get(t.role, 0) + 1
    assert found == roles
    assert len(msg.flights) == legs
    assert all(t.surname for t in msg.travellers)
    assert any(warning in w for w in msg.warnings)
