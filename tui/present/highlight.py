"""Search highlights in a laid-out view: which characters a match covers.

:func:`tui.present.layout.layout` takes a :class:`Marker` and passes every
piece of story text through :meth:`Marker.spans` BEFORE wrapping it, so a
match keeps its highlight across a line break and in a column of the claim
and the responses; each character carries its style through the wrapping,
so the highlight lands on the cells the characters land on, whatever their
width (CJK, combining marks, ``İ`` whose folded form is longer).

A highlighted span's style is the span's own style name with ``+match``
(any occurrence of the query) or ``+match-current`` (the one ``n``/``N`` is
on) appended: renderers split it with :func:`split_style`.  Only story text
is marked, never our own words (labels, headings).  Pure; never imports
textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.present.search import Match, record_fields
from tui.story.matching import find_all
from tui.story.model import Story
from tui.story.sanitize import display_line, display_text

MATCH = "match"
CURRENT = "match-current"

Span = tuple[str, str, int]  # tui.present.layout.Span


def split_style(name: str) -> tuple[str, str]:
    """``("claim", "match")`` for ``"claim+match"``; ``(name, "")`` unmarked."""
    base, _, mark = name.partition("+")
    return base, mark


@dataclass(frozen=True, slots=True)
class Marks:
    """What to highlight in the record shown: every occurrence of *query*
    in its story text, and *current* (the occurrence ``n``/``N`` is on,
    if it is in this record) more strongly."""

    query: str
    current: Match | None = None
    # Earlier fields of the record holding the current field's text (the
    # view shows them first): how many shown pieces to pass over.
    skip: int = 0


def marks_for(story: Story, query: str, current: Match | None) -> Marks:
    """:class:`Marks` for *query* with *current* in the record shown."""
    if current is None:
        return Marks(query)
    skip = 0
    for name, text in record_fields(story, current.kind, current.record_id):
        if name == current.field:
            break
        if current.text in text:
            skip += 1
    return Marks(query, current, skip)


class Marker:
    """Splits story text into marked and unmarked spans (see the module
    doc); one per layout, as it remembers whether the current match has
    been placed."""

    def __init__(self, marks: Marks) -> None:
        self.marks = marks
        self.placed = False
        self._skip = marks.skip
        current = marks.current
        self._forms: tuple[str, ...] = ()
        if current is not None and current.text:
            clean = display_text(current.text).replace("\t", " ")
            self._forms = tuple(dict.fromkeys((clean, display_line(current.text))))

    def spans(self, text: str, style: str, link: int) -> list[Span]:
        """*text* (shown as it is, already sanitised) as spans, the
        occurrences of the query marked."""
        query = self.marks.query
        found = find_all(text, query) if query and text else []
        if not found:
            return [(text, style, link)]
        current = self._current(text, found)
        out: list[Span] = []
        at = 0
        for n, (start, end) in enumerate(found):
            if start > at:
                out.append((text[at:start], style, link))
            mark = CURRENT if n == current else MATCH
            out.append((text[start:end], f"{style}+{mark}", link))
            at = end
        if at < len(text):
            out.append((text[at:], style, link))
        return out

    def _current(self, text: str, found: Sequence[tuple[int, int]]) -> int:
        """Which of *found* is the current match (-1: none of them)."""
        current = self.marks.current
        if self.placed or current is None:
            return -1
        for form in self._forms:
            at = text.find(form)
            if at < 0:
                continue
            if self._skip:
                self._skip -= 1
                return -1
            inside = [n for n, (s, e) in enumerate(found) if at <= s and e <= at + len(form)]
            if current.occurrence < len(inside):
                self.placed = True
                return inside[current.occurrence]
            return -1
        return -1


def marked_row(lines: Sequence[Sequence[Span]], mark: str = CURRENT) -> int | None:
    """The first line holding a span marked *mark*, if any."""
    suffix = f"+{mark}"
    for y, line in enumerate(lines):
        if any(style.endswith(suffix) for _, style, _ in line):
            return y
    return None
