"""Write EDIFACT with correct escaping; used by tests and the traffic generator."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pipeline.edifact.separators import DEFAULT, Separators

Element = str | Sequence[str]


def escape(value: str, seps: Separators) -> str:
    """Precede every service character in ``value`` with the release character.

    The repetition separator is not escaped: readers never split on it.
    """
    if (seps.release not in value and seps.component not in value and seps.element not in value
            and seps.terminator not in value):
        return value
    specials = {seps.release, seps.component, seps.element, seps.terminator}
    return "".join(seps.release + ch if ch in specials else ch for ch in value)


def format_segment(tag: str, elements: Iterable[Element], seps: Separators = DEFAULT) -> str:
    """One segment with its terminator. An element is a string or a sequence of components;
    trailing empty elements are dropped."""
    rel, comp, sep, term = seps.release, seps.component, seps.element, seps.terminator
    parts = [tag]
    for element in elements:
        if isinstance(element, str):
            clean = rel not in element and comp not in element and sep not in element and term not in element
            parts.append(element if clean else escape(element, seps))
        else:
            joined = comp.join(element)  # fast path: no service character inside any component
            if rel in joined or sep in joined or term in joined or joined.count(comp) != len(element) - 1:
                joined = comp.join([escape(c, seps) for c in element])
            parts.append(joined)
    while len(parts) > 1 and parts[-1] == "":
        parts.pop()
    return seps.element.join(parts) + seps.terminator


def write_interchange(
    messages: Iterable[Sequence[tuple[str, Sequence[Element]]]],
    *,
    sender: str,
    recipient: str,
    interchange_ref: str,
    sent: tuple[str, str],
    syntax: Sequence[str] = ("UNOA", "4"),
    seps: Separators = DEFAULT,
    with_una: bool = True,
    group: tuple[str, str, str] | None = None,
    line_break: str = "\n",
) -> str:
    """A complete interchange around ``messages``.

    Each message is a list of ``(tag, elements)`` from UNH up to, not including, UNT; the
    UNT with its correct count and reference is added. ``sent`` is (YYMMDD, HHMM).
    ``group`` is ``(group id, controlling agency, version)`` such as
    ``("PAXLST", "UN", "D:05B")`` to wrap the messages in UNG/UNE.
    """
    out: list[str] = []
    if with_una:
        out.append(seps.una())
    out.append(format_segment("UNB", [list(syntax), sender, recipient, list(sent), interchange_ref], seps))
    if group is not None:
        gid, agency, version = group
        out.append(
            format_segment(
                "UNG", [gid, sender, recipient, list(sent), interchange_ref, agency, version.split(":")], seps
            )
        )
    count = 0
    for message in messages:
        count += 1
        ref = message[0][1][0] if message and message[0][0] == "UNH" else str(count)
        for tag, elements in message:
            out.append(format_segment(tag, elements, seps))
        ref_text = ref if isinstance(ref, str) else ref[0]
        out.append(format_segment("UNT", [str(len(message) + 1), ref_text], seps))
    if group is not None:
        out.append(format_segment("UNE", [str(count), interchange_ref], seps))
        out.append(format_segment("UNZ", ["1", interchange_ref], seps))
    else:
        out.append(format_segment("UNZ", [str(count), interchange_ref], seps))
    return line_break.join(out) + line_break
