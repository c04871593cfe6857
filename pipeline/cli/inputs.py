"""Expanding command-line inputs (files, directories, globs) into a sorted list of files."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable

MESSAGE_SUFFIXES = (".edi", ".edifact", ".txt", ".xml", ".paxlst", ".pnrgov", ".pnr", ".api")


class InputError(ValueError):
    """An input path that does not exist or matches nothing."""


def expand_inputs(paths: Iterable[str], suffixes: tuple[str, ...] = MESSAGE_SUFFIXES) -> list[str]:
    """Files named by ``paths``: a file as is, a directory recursively (message suffixes only),
    a glob by its matches. Raises ``InputError`` naming the first path that yields nothing."""
    files: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            found = [
                os.path.join(root, name)
                for root, _, names in os.walk(path)
                for name in names
                if name.lower().endswith(suffixes)
            ]
            if not found:
                raise InputError(f"{path}: directory holds no message files ({', '.join(suffixes)})")
            files.extend(sorted(found))
        elif os.path.isfile(path):
            files.append(path)
        elif glob.has_magic(path):
            matches = sorted(p for p in glob.glob(path, recursive=True) if os.path.isfile(p))
            if not matches:
                raise InputError(f"{path}: pattern matches no file")
            files.extend(matches)
        else:
            raise InputError(f"{path}: no such file or directory")
    seen: set[str] = set()
    return [f for f in files if not (f in seen or seen.add(f))]
