"""The listed names as the C name scorer reads them (``_align.c``, ``name_scores``).

``token_table`` turns the distinct tokens of every listed name into flat arrays: strings in one
ASCII buffer, each compared form as a number (equal strings, equal numbers; a traveller's forms
are numbered through the same dictionary, -1 for a string no listed token has), and each name
as a run of token numbers.
"""

from __future__ import annotations

from array import array

import numpy as np

from pipeline.matching.keys import Token

_ROLE_CODES = {"surname": 0, "given": 1, "unknown": 2}


def token_forms(token: Token) -> tuple[str, str, str, str, str]:
    """The forms of a token the pair scorer tests for equality: comp, root, folded, stripped, phon."""
    return token.comp, token.root, token.folded, token.stripped, token.phon


def token_table(tokens: list[Token], name_tokens: array, name_ends: array, first_name: np.ndarray,
                 ranking: tuple[bytes, np.ndarray, bytes, np.ndarray] | None) -> tuple[tuple, dict[str, int]] | None:
    """The C name scorer's view of the names (``_align.c``, ``name_scores``) and the numbers
    of the forms it compares: ``((strings, offsets, forms, name tokens, name ends, first
    name, compacts, compact offsets), form numbers)``. Each distinct token's text, comp and
    folded forms in one ASCII buffer; its ``token_forms`` as numbers (equal strings, equal numbers), nickname
    flag and role code (int32, 7 per token); each name's token numbers; each entry's first
    name; each name's blank-free form. None when a form is not ASCII."""
    if ranking is None:
        return None
    texts = [f for t in tokens for f in (t.text, t.comp, t.folded)]
    try:
        strings = "".join(texts).encode("ascii")
    except UnicodeEncodeError:
        return None
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)), out=offsets[1:])
    numbers: dict[str, int] = {}
    number = numbers.setdefault
    forms = array("i")
    for t in tokens:
        forms.extend([number(f, len(numbers)) for f in token_forms(t)])
        forms.extend((t.relation == "nickname", _ROLE_CODES[t.role]))
    _, _, compacts, compact_offsets = ranking
    table = (strings, offsets, np.frombuffer(forms, dtype=np.int32) if forms else np.zeros(0, np.int32),
             np.frombuffer(name_tokens, dtype=np.int32) if name_tokens else np.zeros(0, np.int32),
             np.frombuffer(name_ends, dtype=np.int64), first_name, compacts, compact_offsets)
    return table, numbers
