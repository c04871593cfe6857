"""Travel-document numbers in comparable forms, the same for travellers and list entries.

- ``document_key``: upper-case ``[A-Z0-9]`` only (``"ab 12-345"`` → ``"AB12345"``).
- ``ocr_key``: ``document_key`` with the letters OCR and keying confuse folded to digits
  (O→0, Q→0, D→0, I→1, L→1, S→5, B→8, Z→2, G→6) and leading zeros dropped.
- ``without_check_digit``: the key without a trailing ICAO 9303 check digit, if it has one.
- ``document_forms``: every OCR-folded form a number may also be read as (itself, without its
  check digit, TD1-truncated); two numbers "match up to OCR" when their forms meet. The
  watchlist index keys documents by these forms, so a shared form is always found.
"""

from __future__ import annotations

import re

_NOT_ALNUM = re.compile(r"[^A-Z0-9]")
_OCR = str.maketrans({"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "S": "5", "B": "8", "Z": "2", "G": "6"})
_INVALID_MRZ = "invalid MRZ character {!r} (expected 0-9, A-Z or <)"
MIN_DOCUMENT_KEY = 5
"""Shorter numbers (after ``document_key``) are not compared: too many people share them."""


def document_key(number: str | None) -> str:
    """Upper-case letters and digits only; ``""`` for nothing usable."""
    if not number:
        return ""
    if number.isascii() and number.isalnum():
        return number.upper()
    return _NOT_ALNUM.sub("", number.upper())


def ocr_key(number: str | None) -> str:
    """``document_key`` folded for OCR/keying confusions, leading zeros dropped."""
    return document_key(number).translate(_OCR).lstrip("0")


def mrz_value(ch: str) -> int:
    """The Doc 9303 value of one MRZ character: digits as such, A=10 … Z=35, ``<`` = 0."""
    if "0" <= ch <= "9":
        return ord(ch) - 48
    if "A" <= ch <= "Z":
        return ord(ch) - 55
    if ch == "<":
        return 0
    raise ValueError(_INVALID_MRZ.format(ch))


_MRZ_VALUES = {ch: mrz_value(ch) for ch in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<"}
_MRZ_BYTES = bytes(mrz_value(chr(b)) if chr(b) in _MRZ_VALUES else 255 for b in range(256))
"""Each MRZ character's value at its byte (255: not an MRZ character), for ``bytes.translate``."""


def _weighted_check(values: bytes) -> int:
    """The Doc 9303 check digit of MRZ character values: weights 7, 3, 1 repeating, sum modulo 10."""
    return (7 * sum(values[0::3]) + 3 * sum(values[1::3]) + sum(values[2::3])) % 10


def mrz_check_digit(field: str) -> int:
    """Doc 9303 check digit of an MRZ field: weights 7, 3, 1 repeating, sum modulo 10.

    Raises ``ValueError`` naming the first character outside ``0-9``, ``A-Z`` and ``<``.
    """
    values = field.encode("ascii").translate(_MRZ_BYTES) if field.isascii() else b"\xff"
    if 255 in values:
        raise ValueError(_INVALID_MRZ.format(next(ch for ch in field if ch not in _MRZ_VALUES)))
    return _weighted_check(values)


def check_digit(value: str) -> str:
    """The ICAO 9303 check digit of an MRZ field as a character (``"L898902C3"`` → ``"6"``)."""
    return str(mrz_check_digit(value))


def without_check_digit(key: str) -> str | None:
    """``key`` without its last character when that is the check digit of the rest, else None."""
    if len(key) < 6 or not key[-1].isdigit():
        return None
    body = key[:-1]
    return body if check_digit(body) == key[-1] else None


def document_forms(key: str) -> frozenset[str]:
    """The OCR-folded forms of a ``document_key`` (see ``ocr_key``): the key, the key without
    its check digit, and its first 9 characters (TD1 cards carry 9 in the number field);
    empty for keys shorter than ``MIN_DOCUMENT_KEY``."""
    if len(key) < MIN_DOCUMENT_KEY:
        return frozenset()
    folded = key.translate(_OCR)  # ocr_key of the key and of its prefixes (a key is its own document_key)
    forms = {folded.lstrip("0")}
    if len(key) >= 6 and key[-1].isdigit():  # without_check_digit on a key ([A-Z0-9]: valid MRZ, no checks)
        values = key.encode("ascii").translate(_MRZ_BYTES)
        if _weighted_check(values[:-1]) == values[-1]:
            forms.add(folded[:-1].lstrip("0"))
    if len(key) > 9:
        forms.add(folded[:9].lstrip("0"))
    forms.discard("")
    return frozenset(forms)
