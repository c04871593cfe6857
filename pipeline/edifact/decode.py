"""Bytes to text for EDIFACT payloads: UTF-8, then cp1252, then Latin-1 — never fails."""

from __future__ import annotations

_CHAIN = ("utf-8", "cp1252", "latin-1")


def decode_payload(raw: bytes) -> tuple[str, str]:
    """Decode ``raw`` with the first codec of the fallback chain that accepts it.

    Returns ``(text, encoding)``. A UTF-8 byte-order mark is dropped. Latin-1 maps every
    byte, so the chain always ends with a result; the caller records a warning when the
    encoding is not UTF-8.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    for codec in _CHAIN:
        try:
            return raw.decode(codec), codec
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def encode_like(text: str, encoding: str) -> bytes:
    """Encode ``text`` back to the bytes it was decoded from (exact for the chain above)."""
    return text.encode(encoding, errors="replace")
