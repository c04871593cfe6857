"""Regenerate the golden files: ``tests/golden/<subdir>/<stem>.jsonl`` for ``fixtures/<subdir>/<stem>.edi|.xml``.

Run manually from the repository root, then review every changed line before committing
(``git diff tests/golden``) — a golden file is a reviewed statement of what the parser must
produce, not a snapshot to bless::

    python tests/golden/regenerate.py                  # every fixture
    python tests/golden/regenerate.py fixtures/paxlst  # one folder
    python tests/golden/regenerate.py fixtures/paxlst/escaped_names.edi

Each golden file holds exactly what ``prescreen parse --json fixtures/<subdir>/<file>`` prints
(JSON Lines, one message or dead letter per line, paths relative to the repository root).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pipeline.ingest import parse_payload

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path("fixtures")
GOLDEN = Path("tests/golden")
SUFFIXES = (".edi", ".xml")


def fixture_files(root: Path = ROOT) -> list[Path]:
    """Every fixture, relative to ``root``: ``fixtures/<subdir>/*.edi|*.xml``."""
    return sorted(p.relative_to(root) for p in (root / FIXTURES).glob("*/*") if p.suffix in SUFFIXES)


def golden_path(fixture: Path) -> Path:
    """``fixtures/paxlst/a.edi`` → ``tests/golden/paxlst/a.jsonl`` (both relative to the root)."""
    return GOLDEN / fixture.parent.name / (fixture.stem + ".jsonl")


def render(fixture: Path, root: Path = ROOT) -> str:
    """The ``prescreen parse --json`` output for ``fixture`` (a path relative to ``root``)."""
    raw = (root / fixture).read_bytes()
    results = parse_payload(raw, fixture.as_posix())
    return "".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in results)


def main(argv: list[str]) -> int:
    chosen = fixture_files()
    if argv:
        wanted = [Path(a) for a in argv]
        chosen = [f for f in chosen if any(f == w or w in f.parents for w in wanted)]
    for fixture in chosen:
        target = ROOT / golden_path(fixture)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = render(fixture)
        changed = not target.exists() or target.read_text(encoding="utf-8") != text
        target.write_text(text, encoding="utf-8")
        print(f"{'updated ' if changed else 'same    '} {golden_path(fixture)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
