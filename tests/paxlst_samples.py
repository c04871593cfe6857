"""Tiny PAXLST payloads built with the project's writer, shared by tests."""

from __future__ import annotations

from pipeline.edifact.writer import write_interchange


def paxlst_payload(ref: str = "M1", surnames: tuple[str, ...] = ("ALPHA", "BRAVO"), function: str = "745") -> bytes:
    """A one-message PAXLST interchange with one traveller per surname on flight XY101 LHR→JFK."""
    segments: list[tuple[str, list]] = [
        ("UNH", [ref, ["PAXLST", "D", "05B", "UN", "IATA"], "XY101/250101/0900", ["01", "F"]]),
        ("BGM", [function]),
        ("NAD", ["MS", "", "", "OPS DESK"]),
        ("TDT", ["20", "XY101", "", "", "XY"]),
        ("LOC", ["125", "LHR"]),
        ("DTM", [["189", "2501010900", "201"]]),
        ("LOC", ["87", "JFK"]),
        ("DTM", [["232", "2501011200", "201"]]),
    ]
    for i, surname in enumerate(surnames):
        segments += [
            ("NAD", ["FL", "", "", [surname, "SAM"]]),
            ("ATT", ["2", "", "F"]),
            ("DTM", [["329", "800101"]]),
            ("NAT", ["2", "GBR"]),
            ("DOC", [["P", "110", "111"], f"X{i:07d}"]),
            ("DTM", [["36", "300101"]]),
            ("LOC", ["91", "GBR"]),
        ]
    segments.append(("CNT", [["42", str(len(surnames))]]))
    text = write_interchange([segments], sender="XY", recipient="GOV", interchange_ref=f"IC{ref}",
                             sent=("250101", "0800"), group=("PAXLST", "UN", "D:05B"))
    return text.encode("ascii")


def unsupported_payload() -> bytes:
    """A CUSRES response: valid EDIFACT, a message type prescreen does not screen."""
    segments = [("UNH", ["R1", ["CUSRES", "D", "05B", "UN", "IATA"]]), ("BGM", ["962"])]
    return write_interchange([segments], sender="GOV", recipient="XY", interchange_ref="R1",
                             sent=("250101", "0801")).encode("ascii")
