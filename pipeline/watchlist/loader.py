"""Loading watchlists: one file in any supported format, or several from spec strings.

A spec is ``PATH`` or ``PATH:key=value,key=value`` with keys ``name``, ``category``,
``severity`` (low|medium|high|critical), ``threshold`` (0..1), ``skip_bad_rows``
(true|false) and ``format`` (see ``FORMATS``), e.g.
``watchlists/un.xml:name=UN,severity=critical,threshold=0.9``. A directory loads every list
file directly in it (sorted by name). See docs/watchlists.md.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.watchlist.collect import ListSettings
from pipeline.watchlist.errors import WatchlistError
from pipeline.watchlist.fields import SEVERITY_FORM, severity_level
from pipeline.watchlist.model import Watchlist
from pipeline.watchlist.native_csv import read_native_csv
from pipeline.watchlist.opensanctions import read_ftm_jsonl, read_simple_csv
from pipeline.watchlist.un_xml import read_un_xml
from pipeline.watchlist.yaml_list import read_yaml_list

Reader = Callable[[str, ListSettings, bool], Watchlist]

FORMATS: dict[str, Reader] = {
    "native": read_native_csv,
    "yaml": read_yaml_list,
    "opensanctions": read_simple_csv,
    "ftm": read_ftm_jsonl,
    "un-xml": read_un_xml,
}

LIST_SUFFIXES = (".csv", ".yaml", ".yml", ".json", ".jsonl", ".ndjson", ".xml")
SPEC_KEYS = ("name", "category", "severity", "threshold", "skip_bad_rows", "format")
_SNIFF_BYTES = 4096


def _sniff(path: str) -> str:
    """The format of a file by its suffix, else by its first bytes."""
    suffix = Path(path).suffix.lower()
    with open(path, "rb") as fh:
        head = fh.read(_SNIFF_BYTES).lstrip(b"\xef\xbb\xbf \t\r\n")
    if suffix in (".yaml", ".yml"):
        return "yaml"
    if suffix in (".json", ".jsonl", ".ndjson") or head.startswith(b"{"):
        return "ftm"
    if suffix == ".xml" or head.startswith(b"<"):
        return "un-xml"
    first_line = head.split(b"\n", 1)[0].decode("utf-8", "replace").lower()
    header = {c.strip().strip('"') for c in first_line.split(",")}
    if "schema" in header and "name" in header and "list" not in header:
        return "opensanctions"
    return "native"


def load_watchlist(path: str | os.PathLike[str], *, name: str | None = None, category: str | None = None,
                   severity: str | None = None, threshold: float | None = None,
                   skip_bad_rows: bool = False, fmt: str | None = None) -> Watchlist:
    """Load one list file. ``fmt`` (a ``FORMATS`` key) overrides detection by suffix and content.

    Raises ``WatchlistError`` for a missing file, bad settings or bad rows (all of them, unless
    ``skip_bad_rows``: then the good rows load and ``skipped_rows`` counts the others).
    """
    file = os.fspath(path)
    if "\x00" in file or not os.path.isfile(file):
        raise WatchlistError.at(file, None, None, "an existing watchlist file")
    level = None
    if severity is not None:
        level = severity_level(severity)
        if level is None:
            raise WatchlistError.at(file, None, "severity", SEVERITY_FORM, severity)
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise WatchlistError.at(file, None, "threshold", "a score between 0 and 1", str(threshold))
    kind = fmt or _sniff(file)
    reader = FORMATS.get(kind)
    if reader is None:
        raise WatchlistError.at(file, None, "format", f"one of {', '.join(FORMATS)}", kind)
    return reader(file, ListSettings(name=name, category=category, severity=level, threshold=threshold),
                  skip_bad_rows)


@dataclass(frozen=True, slots=True)
class WatchlistSpec:
    """A parsed spec string: the path and its ``key=value`` options."""

    path: str
    options: dict[str, str] = field(default_factory=dict)


def parse_spec(spec: str) -> WatchlistSpec:
    """Split ``PATH:key=value,...``. A colon starts options only when what follows is a list of
    known ``key=value`` pairs, so paths containing colons still work."""
    cut = spec.rfind(":")
    if cut > 0:
        tail = spec[cut + 1:]
        pairs = [p.split("=", 1) for p in tail.split(",")]
        if all(len(p) == 2 for p in pairs) and tail:
            keys = [k.strip() for k, _ in pairs]
            unknown = [k for k in keys if k not in SPEC_KEYS]
            if unknown:
                raise WatchlistError.at(spec[:cut], None, None, f"spec options among {', '.join(SPEC_KEYS)}",
                                        unknown[0])
            return WatchlistSpec(spec[:cut], {k.strip(): v.strip() for k, v in pairs})
    return WatchlistSpec(spec)


def _bool(path: str, key: str, value: str) -> bool:
    v = value.strip().lower()
    if v in ("true", "yes", "1"):
        return True
    if v in ("false", "no", "0"):
        return False
    raise WatchlistError.at(path, None, key, "true or false", value)


def _float(path: str, key: str, value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise WatchlistError.at(path, None, key, "a score between 0 and 1", value) from None


def list_files(directory: str) -> list[str]:
    """The list files directly in ``directory`` (by suffix, hidden files left out), sorted."""
    return sorted(
        os.path.join(directory, n) for n in os.listdir(directory)
        if not n.startswith(".") and n.lower().endswith(LIST_SUFFIXES)
        and os.path.isfile(os.path.join(directory, n))
    )


def load_spec(spec: str | WatchlistSpec) -> list[Watchlist]:
    """The list(s) one spec names: a file gives one, a directory one per list file in it."""
    s = parse_spec(spec) if isinstance(spec, str) else spec
    o = s.options
    kwargs = {
        "name": o.get("name") or None,
        "category": o.get("category") or None,
        "severity": o.get("severity") or None,
        "threshold": _float(s.path, "threshold", o["threshold"]) if "threshold" in o else None,
        "skip_bad_rows": _bool(s.path, "skip_bad_rows", o["skip_bad_rows"]) if "skip_bad_rows" in o else False,
        "fmt": o.get("format") or None,
    }
    if os.path.isdir(s.path):
        if kwargs["name"] is not None:
            raise WatchlistError.at(s.path, None, "name", "a file path (a directory holds lists with their own names)")
        files = list_files(s.path)
        if not files:
            raise WatchlistError.at(s.path, None, None, f"a directory holding list files ({', '.join(LIST_SUFFIXES)})")
        return [load_watchlist(f, **kwargs) for f in files]  # type: ignore[arg-type]
    return [load_watchlist(s.path, **kwargs)]  # type: ignore[arg-type]


def load_watchlists(specs: Iterable[str]) -> list[Watchlist]:
    """Every list the specs name, in order. The first list that fails raises its ``WatchlistError``."""
    return [wl for spec in specs for wl in load_spec(spec)]
