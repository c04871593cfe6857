"""AIRIMP free-text conventions: e-mail addresses and phone numbers in SSR/OSI text."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"\d+")


def decode_email(text: str) -> str | None:
    """An AIRIMP-encoded e-mail address as a normal one, upper case, or None when there is no ``@``.

    ``//`` → ``@``, ``..`` → ``_``, ``./`` → ``-`` (``..`` is decoded before a single ``.``,
    which stays a dot). Type-B wrap spaces are removed: ``REUBEN..SERIO//GMAIL.COM`` →
    ``REUBEN_SERIO@GMAIL.COM``. Text already using ``@`` is accepted as is.
    """
    t = "".join(text.upper().split())
    t = t.replace("//", "@").replace("..", "_").replace("./", "-")
    if t.count("@") != 1 or t.startswith("@") or t.endswith("@"):
        return None
    return t


def encode_email(email: str) -> str:
    """The inverse of ``decode_email``: ``A_B-C@X.COM`` → ``A..B./C//X.COM``."""
    return email.upper().replace("-", "./").replace("_", "..").replace("@", "//")


def phone_digits(text: str) -> str | None:
    """The digits of a phone number written with city codes, blanks and suffix letters
    (``MEX01 81 8336 6900 H`` → ``018183366900``); None when there are fewer than 5."""
    digits = "".join(_DIGITS.findall(text))
    return digits if len(digits) >= 5 else None


_CONTACT = re.compile(r"^(?:[A-Z0-9]{2}\s+)?CTC([A-Z])\b\s*(.*)$", re.DOTALL)


def contact_from_text(text: str) -> tuple[str, str] | None:
    """An OSI/SSR contact line as ``("email", address)`` or ``("phone", digits)``, else None.

    Accepts ``CTCE …`` (e-mail) and ``CTCM/CTCH/CTCB/CTCP/CTCT/CTCR/CTCF …`` (phones), with an
    optional leading carrier code (``AM CTCP MEX52 55 4446 0000 FAX``).
    """
    m = _CONTACT.match(" ".join(text.upper().split()))
    if m is None:
        return None
    kind, rest = m.group(1), m.group(2)
    if kind == "E":
        email = decode_email(rest)
        return ("email", email) if email else None
    phone = phone_digits(rest)
    return ("phone", phone) if phone else None
