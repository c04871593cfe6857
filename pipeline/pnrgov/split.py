"""Cut one PNRGOV message into its PNRs, the units of accounting.

Each unit is a view of the message holding the level-0 header (UNH, MSG, ORG, TVL, EQN —
every segment before the first SRC) followed by one Gr1 (an SRC and everything up to the next
SRC). A message without SRC stays one unit (the parser dead-letters it: it holds no PNR).
"""

from __future__ import annotations

from pipeline.edifact.reader import RawMessage

TRAILER = frozenset({"UNT", "UNE", "UNZ"})


def _single_part(msg: RawMessage) -> bool:
    part, first_last = msg.unh.get(3, 0), msg.unh.code(3, 1)
    return part.lstrip("0") in ("", "1") and first_last in ("", "F")


def split_pnrs(msg: RawMessage) -> list[RawMessage]:
    """One view per PNR (SRC). The level-0 EQN (PNRs in the whole push) is checked against the
    SRC count: a mismatch in a one-part message, or more PNRs than declared in any part, adds a
    warning to the first unit."""
    body = [s for s in msg.segments if s.tag not in TRAILER]
    starts = [i for i, s in enumerate(body) if s.tag == "SRC"]
    if not starts:
        return [msg]
    header = body[: starts[0]]
    units = [
        msg.view(header + body[start : starts[k + 1] if k + 1 < len(starts) else len(body)])
        for k, start in enumerate(starts)
    ]
    eqn = next((s for s in header if s.tag == "EQN"), None)
    declared = eqn.get(0) if eqn is not None else ""
    if eqn is None:
        units[0].warnings.append("no level-0 EQN segment: the push total is unknown")
    elif not (declared.isascii() and declared.isdigit()):
        units[0].warnings.append(f"{msg.where(eqn)}: field 1: expected the number of PNRs in the push")
    elif (int(declared) != len(starts) and _single_part(msg)) or int(declared) < len(starts):
        units[0].warnings.append(
            f"{msg.where(eqn)}: EQN declares {int(declared)} PNRs, the message holds {len(starts)}"
        )
    return units
