"""Watchlists written in YAML: list settings plus ``entries:`` with the native columns as keys.

```yaml
name: National Watchlist      # optional, default: the file name
category: terrorism           # optional default for entries
severity: high                # optional default for entries
threshold: 0.9                # optional alert score for this list
entries:
  - id: NAT-1
    surname: KOVALENKO
    given_names: Oleksandr
    aliases: [Aleksandr Kovalenko]       # a sequence, or one text with | separators
    date_of_birth: 1971-03-14
    nationality: [UKR, RU]
    documents: ["P:UKR:FX482913"]
```

Values are read as the text written (``1971-03-14`` stays text, ``NO`` stays ``NO``): the
document is composed into nodes with a safe loader that refuses aliases, and walked here,
so duplicate keys are errors and every error carries the line of the entry or setting.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from pipeline.watchlist.collect import EntryCollector, ListSettings
from pipeline.watchlist.errors import WatchlistError, WatchlistIssue
from pipeline.watchlist.fields import SEVERITY_FORM, build_entry, severity_level, split_multi
from pipeline.watchlist.model import Watchlist
from pipeline.watchlist.native_csv import COLUMNS

SETTINGS_KEYS = ("name", "category", "severity", "threshold", "entries")
MULTI_VALUED = ("aliases", "date_of_birth", "nationality", "documents")
_NULL = "tag:yaml.org,2002:null"


class _NoAliasLoader(yaml.SafeLoader):
    """A safe loader that refuses ``*alias`` references (no exponential expansion)."""

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed", mark)
        return super().compose_node(parent, index)  # type: ignore[no-any-return]


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


class _Walker:
    """Turns composed nodes into plain values, recording issues with their lines."""

    def __init__(self, file: str, issues: list[WatchlistIssue]) -> None:
        self.file = file
        self.issues = issues

    def bad(self, node: yaml.Node, column: str | None, expected: str, got: str | None = None) -> None:
        self.issues.append(WatchlistIssue(self.file, _line(node), column, expected, got))

    def mapping(self, node: yaml.Node, allowed: tuple[str, ...], what: str) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.bad(node, None, f"{what} as a mapping of key: value")
            return None
        out: dict[str, yaml.Node] = {}
        ok = True
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key not in allowed:
                self.bad(key_node, key if isinstance(key, str) else None, f"a key among {', '.join(allowed)}")
                ok = False
            elif key in out:
                self.bad(key_node, key, f"each key once (first on line {_line(out[key])})")
                ok = False
            else:
                out[key] = value_node
        return out if ok else None

    def text(self, node: yaml.Node | None, column: str) -> str | None:
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == _NULL):
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.bad(node, column, "a single value")
            return None
        return str(node.value)

    def texts(self, node: yaml.Node | None, column: str) -> list[str]:
        if isinstance(node, yaml.SequenceNode):
            out = []
            for item in node.value:
                value = self.text(item, column)
                out.extend(split_multi(value))
            return out
        return split_multi(self.text(node, column))


def read_yaml_list(path: str | os.PathLike[str], settings: ListSettings = ListSettings(),
                   skip_bad_rows: bool = False) -> Watchlist:
    """Load a YAML list. Settings given by the caller win over those in the file."""
    file = str(path)
    try:
        with open(path, encoding="utf-8-sig") as fh:
            root = yaml.compose(fh, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = int(mark.line) + 1 if mark is not None else None
        raise WatchlistError.at(file, line, None, f"well-formed YAML ({exc.problem or exc.context})") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise WatchlistError.at(file, None, None, f"UTF-8 YAML text ({type(exc).__name__})") from None
    if root is None:
        raise WatchlistError.at(file, 1, None, "a mapping with list settings and 'entries:'")
    fatal: list[WatchlistIssue] = []
    walk = _Walker(file, fatal)
    top = walk.mapping(root, SETTINGS_KEYS, "the list")
    if top is not None and "entries" not in top:
        walk.bad(root, "entries", "a key 'entries:' holding the list's entries")
    file_settings = {k: walk.text(top.get(k), k) for k in ("name", "category", "severity", "threshold")} if top else {}
    threshold = None
    if file_settings.get("threshold") is not None:
        try:
            threshold = float(file_settings["threshold"] or "")
            if not 0.0 <= threshold <= 1.0:
                raise ValueError
        except ValueError:
            walk.bad(top["threshold"], "threshold", "a score between 0 and 1", file_settings["threshold"])  # type: ignore[index]
    severity = settings.severity
    if severity is None and file_settings.get("severity") is not None:
        severity = severity_level(file_settings["severity"] or "")
        if severity is None:
            walk.bad(top["severity"], "severity", SEVERITY_FORM, file_settings["severity"])  # type: ignore[index]
    entries_node = top.get("entries") if top else None
    if entries_node is not None and not isinstance(entries_node, yaml.SequenceNode):
        walk.bad(entries_node, "entries", "a sequence of entries (- id: …)")
    if fatal:
        raise WatchlistError(fatal, skippable=False)
    assert top is not None and isinstance(entries_node, yaml.SequenceNode)
    merged = ListSettings(
        name=settings.name or file_settings.get("name"),
        category=settings.category or file_settings.get("category"),
        severity=severity,
        threshold=settings.threshold if settings.threshold is not None else threshold,
    )
    list_name = merged.name or Path(file).stem
    collector = EntryCollector(file, merged, skip_bad_rows)
    rows = _Walker(file, collector.issues)
    for node in entries_node.value:
        before = len(collector.issues)
        fields = rows.mapping(node, COLUMNS, "an entry")
        if fields is None:
            collector.add(None, _line(node), None, None)
            continue
        one = {k: rows.text(fields.get(k), k) for k in COLUMNS if k not in MULTI_VALUED}
        many = {k: rows.texts(fields.get(k), k) for k in MULTI_VALUED}
        entry_list = settings.name or one["list"] or list_name
        entry = build_entry(
            collector.issues, file=file, line=_line(node),
            id=one["id"], list_name=entry_list, name=one["name"], surname=one["surname"],
            given_names=one["given_names"], aliases=many["aliases"], dates_of_birth=many["date_of_birth"],
            nationalities=many["nationality"], gender=one["gender"], documents=many["documents"],
            notes=one["notes"], category=one["category"] or merged.category, severity=one["severity"],
            default_severity=merged.severity or "high",
        )
        collector.add(entry if len(collector.issues) == before else None, _line(node), entry_list, one["id"])
    return collector.finish(list_name)
