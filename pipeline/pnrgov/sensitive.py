"""The EU PNR Directive Art. 13(4) filter: special categories of data never leave the parser.

Data revealing racial or ethnic origin, religion or belief, political opinion, trade-union
membership, health or sex life is removed at parse time: SSRs whose code is in ``codes``
(special meals reveal belief or health, medical and mobility SSRs reveal health) and any free
text (OSI, remarks, history lines, SSR text) that contains one of ``codes`` or ``words`` as a
whole word. The parser counts each removal in ``Pnr.sensitive_removed``; nothing removed is
kept anywhere in the output.

Configuration: a YAML file ``{codes: [...], words: [...], replace_defaults: false}`` named by
the environment variable ``PRESCREEN_PNR_SENSITIVE`` (or passed to ``load_filter``) extends the
defaults (or replaces them with ``replace_defaults: true``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

SPECIAL_MEALS = frozenset({
    "AVML", "BBML", "BLML", "CHML", "DBML", "FPML", "GFML", "HFML", "HNML", "JNML", "JPML", "KSML", "LCML",
    "LFML", "LPML", "LSML", "MOML", "NFML", "NLML", "ORML", "PFML", "PRML", "RFML", "RVML", "SFML", "SPML",
    "VGML", "VJML", "VLML", "VOML",
})
MEDICAL = frozenset({
    "MEDA", "MEDIF", "OXYG", "STCR", "WCHR", "WCHS", "WCHC", "WCBD", "WCBW", "WCMP", "WCLB", "WCOB", "BLND",
    "DEAF", "DPNA", "SVAN", "ESAN", "PPOC", "POC", "LEGL", "LEGR", "MAAS",
})
WORDS = frozenset({
    "MUSLIM", "HALAL", "KOSHER", "HINDU", "JEWISH", "JAIN", "VEGETARIAN", "VEGAN", "DIABETIC", "PREGNANT",
    "PREGNANCY", "WHEELCHAIR", "STRETCHER", "OXYGEN", "BLIND", "DEAF", "DISABLED", "DISABILITY", "MEDICAL",
    "ILLNESS", "HIV", "UNION", "RELIGION", "RELIGIOUS", "ETHNIC",
})
_WORD = re.compile(r"[A-Z0-9]+")


@dataclass(frozen=True, slots=True)
class SensitiveFilter:
    """Which SSR codes and free-text words count as Art. 13(4) special-category data."""

    codes: frozenset[str] = SPECIAL_MEALS | MEDICAL
    words: frozenset[str] = WORDS

    def code_is_sensitive(self, code: str) -> bool:
        """True for an SSR code in the list (``MOML``, ``MEDA`` …)."""
        return code.strip().upper() in self.codes

    def text_is_sensitive(self, text: str) -> bool:
        """True when ``text`` holds a listed code or word as a whole word (case-insensitive)."""
        return any(w in self.codes or w in self.words for w in _WORD.findall(text.upper()))


class SensitiveConfigError(ValueError):
    """A sensitive-data configuration file that cannot be used."""


def load_filter(path: str) -> SensitiveFilter:
    """Read a filter from a YAML file (safe loader). Raises ``SensitiveConfigError``."""
    if not os.path.isfile(path):
        raise SensitiveConfigError(f"{path}: sensitive-data configuration file not found")
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    if not isinstance(data, dict):
        raise SensitiveConfigError(f"{path}: expected a mapping with 'codes' and/or 'words'")
    values: dict[str, frozenset[str]] = {}
    for key in ("codes", "words"):
        items = data.get(key, [])
        if not isinstance(items, list) or not all(isinstance(i, str) and _WORD.fullmatch(i.upper()) for i in items):
            raise SensitiveConfigError(f"{path}: '{key}' must be a list of words (letters and digits)")
        values[key] = frozenset(i.upper() for i in items)
    if data.get("replace_defaults") is True:
        return SensitiveFilter(values["codes"], values["words"])
    default = SensitiveFilter()
    return SensitiveFilter(default.codes | values["codes"], default.words | values["words"])


@lru_cache(maxsize=1)
def _configured(path: str) -> SensitiveFilter:
    return load_filter(path) if path else SensitiveFilter()


def active_filter() -> SensitiveFilter:
    """The filter named by ``PRESCREEN_PNR_SENSITIVE``, or the default one."""
    return _configured(os.environ.get("PRESCREEN_PNR_SENSITIVE", ""))
