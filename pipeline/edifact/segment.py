"""A tokenized EDIFACT segment with never-raising accessors."""

from __future__ import annotations

from typing import NamedTuple


class Segment(NamedTuple):
    """One segment: ``tag`` (upper case) and its data elements, each a tuple of components.

    Elements are numbered from 0 after the tag: in ``NAD+FL+++DOE:JOHN`` element 0 is
    ``("FL",)`` and element 3 is ``("DOE", "JOHN")``. Values are unescaped. ``number`` is the
    segment's position in its interchange (1 = UNB) and ``offset``/``end`` its span in the
    decoded text (``end`` is past the terminator), used for raw slices and ``file:line``.

    Immutable like the model's frozen dataclasses, but a named tuple: the tokenizer makes one
    per segment, and a tuple is built about five times faster than a frozen dataclass
    (``bench/bench_reader.py``).
    """

    tag: str
    elements: tuple[tuple[str, ...], ...] = ()
    number: int = 0
    offset: int = 0
    end: int = 0

    def get(self, element: int, component: int = 0, default: str = "") -> str:
        """The value at ``element``/``component`` stripped of surrounding blanks, or ``default``."""
        if element < len(self.elements):
            comps = self.elements[element]
            if component < len(comps):
                value = comps[component].strip()
                return value if value else default
        return default

    def components(self, element: int) -> tuple[str, ...]:
        """All components of ``element`` (empty tuple when absent)."""
        return self.elements[element] if element < len(self.elements) else ()

    def code(self, element: int, component: int = 0) -> str:
        """A coded value: stripped and upper-cased (feeds send lower case too)."""
        return self.get(element, component).upper()
