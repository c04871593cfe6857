"""EDIFACT reader and PAXLST parser speed, side by side with pydifact 0.2.3 in one run.

Input is built in the run from a seed: synthetic PAXLST interchanges of two sizes (one
traveller, ~40 segments; a 300-traveller list, ~3,300 segments) in three variants (plain;
release characters in names and addresses; a custom UNA ``UNA:*.? $``), plus the real
corpus PAXLST files when ``../shared/corpus`` exists (read in place, reported separately).

Every input is measured as the same decoded string by:

* ``pydifact tok``  — ``pydifact.tokenizer.Tokenizer().get_tokens`` (tokens only, no segments)
* ``pydifact parse`` — ``pydifact.parser.Parser().parse`` (UNA + tokens + segments)
* ``ours tok``      — ``pipeline.edifact.tokenizer.tokenize`` (segments with elements/components)
* ``ours read``     — ``pipeline.edifact.read_payload`` on the bytes (decode + UNA check +
  tokenize + envelope split into messages)
* ``ours parse``    — ``pipeline.ingest.parse_payload`` (all of the above + PAXLST parser)

Before timing, the run checks that our tokenizer and pydifact's parser give the same segments
(tag + elements, trailing empty components ignored). pydifact is strict (messages.md §8): it
rejects whitespace before UNA or a missing final terminator and keeps line breaks inside
segments, so the synthetic input is written the way it accepts (one segment per line, no wrap
inside a segment); corpus files it rejects are reported as such and compared without it.

Run from the repository root: ``python bench/bench_reader.py [--messages N] [--repeat R]``.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
from importlib.metadata import version
import random
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydifact.control import Characters
from pydifact.parser import Parser
from pydifact.tokenizer import Tokenizer

from pipeline.edifact.reader import read_payload
from pipeline.edifact.separators import DEFAULT, Separators, find_interchange_start, read_service_string
from pipeline.edifact.tokenizer import tokenize
from pipeline.edifact.writer import format_segment, write_interchange
from pipeline.ingest import parse_payload
from pipeline.model import Message

TARGET = 20.0
PYDIFACT_VERSION = version("pydifact")
LIST_SIZE = 300
CUSTOM = Separators(component=":", element="*", decimal=".", release="?", repetition=" ", terminator="$")
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

_SURNAMES = ["SMITH", "NGUYEN", "GARCIA", "MUELLER", "ROSSI", "KOWALSKI", "SILVA", "HANSEN", "ABDULLAH",
             "TANAKA", "MARTIN", "PETROV", "OKAFOR", "LINDQVIST", "VAN DER BERG", "DE LA CRUZ"]
_RELEASED_SURNAMES = ["O'BRIEN", "D'ANGELO", "N'DIAYE", "O'NEILL"]
_GIVEN = ["JOHN", "MARIA", "WEI", "FATIMA", "OLGA", "JAMES", "AMINA", "LUCA", "SOFIA", "KENJI", "ANNA",
          "PIOTR", "CHIDI", "INGRID", "JOSE", "LEILA"]
_AIRPORTS = ["FRA", "JFK", "LHR", "CDG", "SIN", "DXB", "YVR", "ATL", "IAD", "AMS", "MAD", "NRT"]
_COUNTRIES = ["USA", "CAN", "GBR", "DEU", "FRA", "ESP", "ITA", "POL", "NGA", "JPN", "VNM", "BRA"]


# --- input ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One benchmark input: a label, its payload text, and how many travellers it holds."""

    group: str
    text: str
    seps: Separators
    travellers: int
    messages: int = 1

    @property
    def raw(self) -> bytes:
        return self.text.encode("utf-8")


def _traveller(rng: random.Random, released: bool) -> list[tuple[str, list]]:
    surname = rng.choice(_RELEASED_SURNAMES if released and rng.random() < 0.3 else _SURNAMES)
    given = rng.choice(_GIVEN), rng.choice(_GIVEN)
    street = f"{rng.randint(1, 999)} {rng.choice(['MAIN', 'HIGH', 'PARK', 'OAK'])} ST"
    if released and rng.random() < 0.2:
        street += rng.choice([" APT 4+5", " UNIT 2:B"])
    birth = f"{rng.randint(40, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    expiry = f"{rng.randint(27, 35):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    nationality = rng.choice(_COUNTRIES)
    document = f"{rng.choice('ABCDEFGHJK')}{rng.randint(10_000_000, 99_999_999)}"
    return [
        ("NAD", ["FL", "", "", [surname, *given], street, "ANYCITY", "VA", f"{rng.randint(10000, 99999)}",
                 nationality]),
        ("ATT", ["2", "", rng.choice("MF")]),
        ("DTM", [["329", birth]]),
        ("LOC", ["22", rng.choice(_AIRPORTS)]),
        ("LOC", ["178", rng.choice(_AIRPORTS)]),
        ("LOC", ["179", rng.choice(_AIRPORTS)]),
        ("NAT", ["2", nationality]),
        ("RFF", [["AVF", f"{rng.randint(100000, 999999):X}"]]),
        ("DOC", [["P", "110", "111"], document]),
        ("DTM", [["36", expiry]]),
        ("LOC", ["91", nationality]),
    ]


def _message(rng: random.Random, ref: str, travellers: int, released: bool) -> list[tuple[str, list]]:
    carrier = rng.choice(["UA", "LH", "BA", "AF", "SQ", "QQ"])
    number = str(rng.randint(1, 9999))
    origin, destination = rng.sample(_AIRPORTS, 2)
    day = f"26{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    segments: list[tuple[str, list]] = [
        ("UNH", [ref, ["PAXLST", "D", "05B", "UN", "IATA"], f"{carrier}{number}/{day}/1200", "01"]),
        ("BGM", ["745"]),
        ("RFF", [["TN", f"BA{rng.randint(10**8, 10**9 - 1)}", "", "", "1"]]),
        ("NAD", ["MS", "", "", "API DESK"]),
        ("COM", [["703-555-1234", "TE"], ["703-555-9876", "FX"]]),
        ("TDT", ["20", f"{carrier}{number}", "", "", carrier]),
        ("LOC", ["125", origin]),
        ("DTM", [["189", f"{day}1230", "201"]]),
        ("LOC", ["87", destination]),
        ("DTM", [["232", f"{day}1600", "201"]]),
    ]
    for _ in range(travellers):
        segments.extend(_traveller(rng, released))
    segments.append(("CNT", [["42", str(travellers)]]))
    return segments


def build_cases(messages: int, seed: int) -> list[Case]:
    """``messages`` one-traveller interchanges and ``max(1, messages // 50)`` 300-traveller lists
    per variant, and one payload holding all plain one-traveller interchanges (a batch file);
    deterministic for a given seed."""
    rng = random.Random(seed)
    variants = {"plain": (DEFAULT, False), "release": (DEFAULT, True), "custom UNA": (CUSTOM, False)}
    cases: list[Case] = []
    for size, count, travellers in (("1 pax", messages, 1), (f"{LIST_SIZE} pax", max(1, messages // 50), LIST_SIZE)):
        for variant, (seps, released) in variants.items():
            for i in range(count):
                ref = f"{seed % 1000:03d}{i:06d}"
                msg = _message(rng, ref, travellers, released)
                if released and not any("?" in format_segment(t, e, seps) for t, e in msg):
                    msg.append(("FTX", ["AAI", "", "", "REMARK: SEE DESK?"]))  # every 'release' case escapes
                text = write_interchange(
                    [msg], sender="APIS*ABE" if seps == DEFAULT else "SDT", recipient="USADHS", interchange_ref=ref, sent=("261129", "0600"),
                    seps=seps, group=("PAXLST", "UN", "D:05B"),
                )
                cases.append(Case(f"{size}, {variant}", text, seps, travellers))
    singles = [c for c in cases if c.group == "1 pax, plain"]
    cases.append(Case(f"batch: {len(singles)} × 1 pax in one payload", "".join(c.text for c in singles), DEFAULT,
                      len(singles), len(singles)))
    return cases


def corpus_cases() -> list[Case]:
    """The public PAXLST samples, read in place (never copied); empty when the corpus is absent."""
    if not CORPUS.is_dir():
        return []
    cases = []
    for path in sorted(CORPUS.glob("paxlst_*.edi")):
        raw = path.read_bytes()
        results = parse_payload(raw, path.name)
        travellers = sum(len(r.travellers) for r in results if isinstance(r, Message))
        text = read_payload(raw).messages[0].text
        messages = sum(1 for r in results if isinstance(r, Message))
        cases.append(Case(f"corpus {path.stem}", text, _separators(text)[0], travellers, messages))
    return cases


# --- the five contenders ---------------------------------------------------------------------


def _separators(text: str) -> tuple[Separators, int]:
    seps, body, _ = read_service_string(text, max(find_interchange_start(text, 0), 0))
    return seps, body


def _characters(seps: Separators) -> Characters:
    return Characters(seps.component, seps.element, seps.decimal, seps.release, seps.repetition, seps.terminator)


def pydifact_tokens(case: Case, body: int) -> int:
    return sum(1 for _ in Tokenizer().get_tokens(case.text[body:], _characters(case.seps)))


def pydifact_segments(case: Case) -> list:
    return list(Parser().parse(case.text))


def split_floor(case: Case, body: int) -> int:
    """Not a contender: the bare ``str.split`` fast path of messages.md §1.3 (no offsets, no
    checks, no release characters), the floor for any tokenizer written in Python."""
    seps = case.seps
    out = []
    for raw in case.text[body:].replace("\r", "").replace("\n", "").split(seps.terminator):
        raw = raw.strip()
        if raw:
            els = raw.split(seps.element)
            out.append((els[0].strip(), [e.split(seps.component) for e in els[1:]]))
    return len(out)


def ours_tokens(case: Case, body: int) -> int:
    return len(tokenize(case.text, case.seps, body).segments)


def ours_read(case: Case) -> int:
    return len(read_payload(case.raw).messages)


def ours_parse(case: Case) -> int:
    return sum(len(r.travellers) for r in parse_payload(case.raw) if isinstance(r, Message))


def _normal(elements) -> tuple:
    """Elements as tuples of components without trailing empty components or elements."""
    out = []
    for element in elements:
        comps = [element] if isinstance(element, str) else list(element)
        while comps and comps[-1] == "":
            comps.pop()
        out.append(tuple(comps))
    while out and not out[-1]:
        out.pop()
    return tuple(out)


def same_segments(case: Case, body: int) -> str:
    """``"same"`` when pydifact and our tokenizer agree on every segment, else why not."""
    try:
        theirs = [(s.tag, _normal(s.elements)) for s in pydifact_segments(case) if s.tag != "UNA"]
    except Exception as exc:  # noqa: BLE001 - pydifact's strictness is part of the result
        return f"pydifact rejects it ({type(exc).__name__})"
    ours = [(s.tag, _normal(s.elements)) for s in tokenize(case.text, case.seps, body).segments]
    if theirs == ours:
        return "same"
    differ = sum(1 for a, b in zip(theirs, ours) if a != b) + abs(len(theirs) - len(ours))
    return f"DIFFERENT: {differ} of {max(len(theirs), len(ours))} segments"


# --- timing ---------------------------------------------------------------------------------


@dataclass
class Row:
    group: str
    inputs: int
    segments: int
    travellers: int
    messages: int
    kb: float
    agree: str
    samples: dict[str, list[float]]  # CPU seconds for the whole group, one per round, per contender

    @property
    def seconds(self) -> dict[str, float]:
        """Median CPU seconds per contender."""
        return {name: statistics.median(values) for name, values in self.samples.items()}

    def ratio(self, theirs: str, ours: str) -> float | None:
        """Median over rounds of ``theirs / ours`` (both timed in the same round), or None."""
        if theirs not in self.samples:
            return None
        return statistics.median(t / o for t, o in zip(self.samples[theirs], self.samples[ours]))


def time_group(cases: list[Case], contenders: dict[str, Callable[[Case, int], object]],
               repeat: int, min_seconds: float = 0.05) -> dict[str, list[float]]:
    """The CPU time each contender takes for all ``cases``, in each of ``repeat`` rounds.

    CPU time of this process (``time.process_time``), not wall time, so that other jobs on the
    shared cores inflate it less; the contenders alternate inside each round so what noise is
    left (caches, clock) hits them alike. A pass over the cases is repeated until the fastest
    contender runs for at least ``min_seconds`` (a single call of a few microseconds says more
    about the clock than about the code); samples are per pass."""
    bodies = [_separators(c.text)[1] for c in cases]

    def one_pass(fn: Callable[[Case, int], object]) -> None:
        for case, body in zip(cases, bodies):
            fn(case, body)

    start = time.process_time()
    one_pass(contenders["ours tok"])
    single = max(time.process_time() - start, 1e-6)
    passes = max(1, int(min_seconds / single))
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeat):
        for name, fn in contenders.items():
            gc.collect()
            start = time.process_time()
            for _ in range(passes):
                one_pass(fn)
            samples[name].append((time.process_time() - start) / passes)
    return samples


CONTENDERS: dict[str, Callable[[Case, int], object]] = {
    "pydifact tok": pydifact_tokens,
    "pydifact parse": lambda case, body: pydifact_segments(case),
    "ours tok": ours_tokens,
    "ours read": lambda case, body: ours_read(case),
    "ours parse": lambda case, body: ours_parse(case),
    "split floor": split_floor,
}


def measure(cases: list[Case], repeat: int) -> list[Row]:
    groups: dict[str, list[Case]] = {}
    for case in cases:
        groups.setdefault(case.group, []).append(case)
    rows = []
    for group, members in groups.items():
        verdicts = {same_segments(c, _separators(c.text)[1]) for c in members}
        agree = "same" if verdicts == {"same"} else "; ".join(sorted(verdicts))
        if any(ours_parse(c) != c.travellers for c in members):
            agree += "; PARSE MISMATCH (travellers lost)"
        contenders = CONTENDERS if "rejects" not in agree else {
            k: v for k, v in CONTENDERS.items() if not k.startswith("pydifact")}
        segments = sum(len(tokenize(c.text, c.seps, _separators(c.text)[1]).segments) for c in members)
        rows.append(Row(group, len(members), segments, sum(c.travellers for c in members),
                        sum(c.messages for c in members),
                        sum(len(c.raw) for c in members) / 1024, agree, time_group(members, contenders, repeat)))
    return rows


# --- report ---------------------------------------------------------------------------------


def _ms(seconds: float | None, n: int) -> str:
    return "—" if seconds is None else f"{seconds / n * 1000:.3f}"


def _ratio(ratio: float | None) -> str:
    if ratio is None:
        return "—"
    return f"{ratio:.1f}× {'PASS' if ratio >= TARGET else 'MISS'}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    align = ["---"] + ["---:"] * (len(header) - 1)
    return ["| " + " | ".join(r) + " |" for r in [header, align, *rows]]


def report(rows: list[Row], args: argparse.Namespace) -> str:
    """Three markdown tables (times, ratios against the 20× target, PAXLST throughput) and the
    command that reproduces them."""
    times = [[r.group, str(r.inputs), str(r.segments // r.inputs), f"{r.kb / r.inputs:.1f}", r.agree,
              _ms(r.seconds.get("pydifact tok"), r.inputs), _ms(r.seconds.get("pydifact parse"), r.inputs),
              _ms(r.seconds["ours tok"], r.inputs), _ms(r.seconds["ours read"], r.inputs),
              _ms(r.seconds["ours parse"], r.inputs), _ms(r.seconds["split floor"], r.inputs)] for r in rows]
    ratios = [[r.group, _ratio(r.ratio("pydifact tok", "ours tok")), _ratio(r.ratio("pydifact parse", "ours tok")),
               _ratio(r.ratio("pydifact parse", "ours read")), _ratio(r.ratio("pydifact tok", "split floor"))]
              for r in rows]
    throughput = [[r.group, f"{r.travellers / r.messages:g}", f"{r.messages / r.seconds['ours parse']:,.0f}",
                   f"{r.travellers / r.seconds['ours parse']:,.0f}",
                   f"{r.segments / r.seconds['ours tok'] / 1000:,.0f}"] for r in rows]
    command = "python bench/bench_reader.py " + " ".join(
        f"--{k} {v}" for k, v in (("messages", args.messages), ("repeat", args.repeat), ("seed", args.seed)))
    return "\n".join([
        f"bench_reader — python {platform.python_version()}, pydifact {PYDIFACT_VERSION}, {platform.machine()}, "
        f"{os.cpu_count()} cores; median CPU time of {args.repeat} rounds; seed {args.seed}",
        "",
        "ms per input (median); 'agree' = our tokenizer and pydifact give the same segments",
        *_table(["input", "n", "segments", "KB", "agree", "pydifact tok", "pydifact parse", "ours tok",
                 "ours read", "ours parse", "split floor"], times),
        "",
        f"speed-up = pydifact time / our time on the same strings, median of the per-round ratios "
        f"(target ≥ {TARGET:g}×)",
        *_table(["input", "tok vs pydifact tok", "tok vs pydifact parse", "read vs pydifact parse",
                 "(split floor vs pydifact tok)"], ratios),
        "",
        "PAXLST parse (parse_payload: decode, reader, parser) and tokenizer throughput",
        *_table(["input", "travellers/msg", "messages/s", "travellers/s", "k segments/s tok"], throughput),
        "",
        f"reproduce: {command}",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=100,
                        help="one-traveller interchanges per variant; lists of 300 = messages // 50 (default 100)")
    parser.add_argument("--repeat", type=int, default=5, help="timing rounds; medians are reported (default 5)")
    parser.add_argument("--seed", type=int, default=2026, help="input generator seed (default 2026)")
    parser.add_argument("--no-corpus", action="store_true", help="skip the real corpus files")
    args = parser.parse_args(argv)
    if args.messages < 1 or args.repeat < 1:
        parser.error("--messages and --repeat must be at least 1")
    warnings.simplefilter("ignore")  # pydifact warns once per segment tag that it has no UN directory
    cases = build_cases(args.messages, args.seed)
    if not args.no_corpus:
        cases += corpus_cases()
    print(report(measure(cases, args.repeat), args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
