"""PNRGOV parsing speed: PNRs parsed per second, against pydifact tokenizing the same text, one run.

Input is built in the run from a seed with ``write_pnrgov`` (the parser's inverse): pushes of
one PNR and of 50 PNRs, each PNR with 1–4 travellers, DOCS, contacts, a ticket with payment,
two legs, check-in with bags and a history line, under the default UNA and a custom one
(``UNA:*.? $``-style), plus the corpus PNRGOV files read in place when ``../shared/corpus``
exists (reported as one group; pydifact rejects some of them, see messages.md §8).

Contenders, each on the same decoded text (or its bytes):

* ``pydifact tok``   — ``pydifact.tokenizer.Tokenizer().get_tokens`` (tokens only: the floor)
* ``pydifact parse`` — ``pydifact.parser.Parser().parse`` (UNA + tokens + segments)
* ``ours parse``     — ``pipeline.ingest.parse_payload``: decode, UNA check, tokenize, split per
  PNR, full PNR parse into the booking record and travellers

Reported per group: PNRs per CPU second (process time, single thread; median of ``--repeat``
rounds, each contender running every case until at least ``--min-seconds`` of CPU time; the
contenders take turns within a round), and ``time ours/tok`` = the median over rounds of the
CPU time of our full parse divided by pydifact's bare tokenizing of the same text (< 1: our
complete PNR parse is faster than pydifact only cutting tokens). The
machine is shared and noisy: compare the ratios within one run.

Run from the repository root: ``python bench/bench_pnrgov.py [--pushes N] [--repeat R]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from pydifact.control import Characters
from pydifact.parser import Parser
from pydifact.tokenizer import Tokenizer

from pipeline.edifact.reader import read_payload
from pipeline.edifact.separators import DEFAULT, Separators, find_interchange_start, read_service_string
from pipeline.ingest import parse_payload
from pipeline.model import Flight, Message, TravelDocument, Traveller
from pipeline.pnrgov.model import Agency, BagInfo, CheckIn, HistoryEntry, Leg, Payment, Pnr, SeatRequest, Ticket
from pipeline.pnrgov.writer import write_pnrgov

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CUSTOM = Separators(component=":", element="*", decimal=".", release="?", repetition=" ", terminator="$")
_SURNAMES = ["SMITH", "NGUYEN", "GARCIA", "O'BRIEN", "ROSSI", "KOWALSKI", "SILVA", "HANSEN", "OKAFOR", "TANAKA"]
_GIVEN = ["JOHN", "MARIA", "WEI", "FATIMA", "OLGA", "JAMES", "AMINA", "LUCA", "SOFIA", "KENJI"]


@dataclass(frozen=True)
class Case:
    group: str
    text: str
    seps: Separators
    pnrs: int

    @property
    def raw(self) -> bytes:
        return self.text.encode("utf-8")


def _record(rng: random.Random, i: int, flight: Flight) -> tuple[Pnr, tuple[Traveller, ...]]:
    people = []
    for k in range(rng.randint(1, 4)):
        surname, given = rng.choice(_SURNAMES), rng.choice(_GIVEN)
        dob = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randint(0, 20000))
        people.append(Traveller(
            surname=surname, given_names=given, date_of_birth=dob.isoformat(), gender=rng.choice("MF"),
            nationality="GBR", documents=(TravelDocument("P", f"P{rng.randint(10**7, 10**8)}", "GBR", "2031-01-01"),),
            emails=(f"{given}.{surname.replace(chr(39), '')}@EXAMPLE.TEST",), frequent_flyer=(f"ZZ {rng.randint(10**5, 10**8)}",),
            references=(("PAX_TYPE", "A"), ("TID", str(k + 1)), ("TIF_GIVEN", given), ("TIF_SURNAME", surname),
                        ("TITLE", "MR")),
        ))
    back = Flight("ZZ", "2", flight.destination, flight.origin, "2026-07-09T10:00", "2026-07-09T12:00")
    pnr = Pnr(
        locator=f"B{i:05d}", carrier="ZZ", created="2026-06-01T10:00", last_modified="2026-06-30T08:00",
        agency=Agency("1A", "MUC", "12345678", None, "MUC", None, None, "T", "DE", "EUR"),
        payment=(Payment("CC", "VI", "XXXXXXXXXXXX1234", "100.00", "0130", "PAYER NAME", ticket="9990000000001"),),
        tickets=(Ticket("9990000000001", "T", "1", "1", "80.00", "100.00", "EUR", (("YQ", "20.00"),),
                        "2026-06-01", "ZZ", "LON", "NR"),),
        itinerary=(Leg(flight, "Y", status="HK", party_size=len(people)), Leg(back, "Y", status="HK")),
        seats=tuple(SeatRequest(0, str(k + 1), f"{k + 10}A") for k in range(len(people))),
        checkins=(CheckIn(0, "1", "2026-07-01T08:00", "ZZ:LHR", "LHR-001", "10A", "Y"),),
        bags=(BagInfo(0, "1", 2, 30.0, "700", "HP", ("0999000100", "0999000101"), ("JFK",)),),
        history=(HistoryEntry("LTS", text="0/O/SS ZZ 1 Y 01JUL 1 LHRJFK HK1"),),
    )
    return pnr, tuple(people)


def build_cases(pushes: int, seed: int) -> list[Case]:
    rng = random.Random(seed)
    flight = Flight("ZZ", "1", "LHR", "JFK", "2026-07-01T10:00", "2026-07-01T13:00")
    cases = []
    for size in (1, 50):
        for label, seps in (("default UNA", DEFAULT), ("custom UNA", CUSTOM)):
            count = pushes if size == 1 else max(1, pushes // 25)
            for p in range(count):
                records = [_record(rng, p * size + i, flight) for i in range(size)]
                text = write_pnrgov(records, flight, seps=seps, sent=("260630", "1200"), interchange_ref=str(p))
                cases.append(Case(f"{size} PNR/push, {label}", text, seps, size))
    return cases


def corpus_cases() -> list[Case]:
    if not CORPUS.is_dir():
        return []
    cases = []
    for path in sorted(CORPUS.glob("pnrgov_*.edi")):
        raw = path.read_bytes()
        pnrs = sum(1 for r in parse_payload(raw, path.name) if isinstance(r, Message))
        text = read_payload(raw).messages[0].text
        cases.append(Case("corpus PNRGOV files", text, _separators(text), pnrs))
    return cases


def _separators(text: str) -> Separators:
    seps, _, _ = read_service_string(text, max(find_interchange_start(text, 0), 0))
    return seps


def pydifact_tok(case: Case) -> None:
    body = max(find_interchange_start(case.text, 0), 0)
    s = case.seps
    text = case.text[body + 9:] if case.text[body:body + 3] == "UNA" else case.text[body:]
    for _ in Tokenizer().get_tokens(text, Characters(s.component, s.element, s.decimal, s.release, s.repetition,
                                                     s.terminator)):
        pass


def pydifact_parse(case: Case) -> None:
    list(Parser().parse(case.text))


def ours_parse(case: Case) -> None:
    parse_payload(case.raw)


CONTENDERS: dict[str, Callable[[Case], None]] = {
    "pydifact tok": pydifact_tok, "pydifact parse": pydifact_parse, "ours parse": ours_parse,
}


def _accepts(fn: Callable[[Case], None], case: Case) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fn(case)
        return True
    except Exception:  # noqa: BLE001 - pydifact rejects some real-world files
        return False


def _round(fn: Callable[[Case], None], cases: list[Case], min_seconds: float) -> float:
    """PNRs per CPU second for one timed round."""
    pnrs, start = 0, time.process_time()
    while True:
        for case in cases:
            fn(case)
            pnrs += case.pnrs
        elapsed = time.process_time() - start
        if elapsed >= min_seconds:
            return pnrs / elapsed


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pushes", type=int, default=100, help="one-PNR pushes per variant (50-PNR pushes: N/25)")
    ap.add_argument("--repeat", type=int, default=5, help="timed rounds per contender and group (median reported)")
    ap.add_argument("--min-seconds", type=float, default=0.3, help="minimum duration of one timed round")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    cases = build_cases(args.pushes, args.seed) + corpus_cases()
    groups: dict[str, list[Case]] = {}
    for case in cases:
        groups.setdefault(case.group, []).append(case)
    print(f"# python {platform.python_version()}, pydifact {version('pydifact')}, {os.cpu_count()} CPUs, "
          f"{len(cases)} inputs, seed {args.seed}")
    header = f"{'group':32} {'PNRs':>5} " + " ".join(f"{name + ' PNR/s':>20}" for name in CONTENDERS) + \
        f" {'time ours/tok':>14}"
    print(header)
    print("-" * len(header))
    for group, members in groups.items():
        usable = [n for n, fn in CONTENDERS.items() if all(_accepts(fn, c) for c in members)]
        rates: dict[str, list[float]] = {n: [] for n in usable}
        ratios: list[float] = []
        for _ in range(args.repeat):  # contenders interleaved per round: a noisy spell hits all of them
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for name in usable:
                    rates[name].append(_round(CONTENDERS[name], members, args.min_seconds))
            if "pydifact tok" in rates and "ours parse" in rates:
                ratios.append(rates["pydifact tok"][-1] / rates["ours parse"][-1])
        pnrs = sum(c.pnrs for c in members)
        cells = " ".join(f"{statistics.median(rates[n]):>20,.0f}" if n in rates else f"{'rejects input':>20}"
                         for n in CONTENDERS)
        ratio = f"{statistics.median(ratios):.2f}" if ratios else "n/a"
        print(f"{group:32} {pnrs:>5} {cells} {ratio:>14}")
    print(f"\nreproduce: python bench/bench_pnrgov.py --pushes {args.pushes} --repeat {args.repeat} "
          f"--min-seconds {args.min_seconds} --seed {args.seed}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
