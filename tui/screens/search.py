"""The browser's search: the query, its matches, the match n/N is on.

:class:`Search` holds the state and says it in words; the browser screen
opens the search bar, moves to the matches and puts the reader back where
they were (:class:`SearchOrigin`) when the search is cancelled.  The index
is built on the first search, not with the screen: at 10,000 incidents it
takes most of a second, which first paint should not wait for.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual.content import Content
from textual.style import Style

from tui.present.describe import plural
from tui.present.search import Match, RecordMatches, SearchIndex, by_record
from tui.story.model import RecordKind, Story
from tui.widgets.text import literal_line

if TYPE_CHECKING:
    from textual.widget import Widget

BOLD = Style(bold=True)

Listed = Callable[[str, str], bool]  # (kind, record id) -> shown in its pane's list


@dataclass
class SearchOrigin:
    """Where the reader was when the search bar opened (escape goes back)."""

    pane: str
    selected: str | None
    target: tuple[RecordKind, str] | None
    focused: Widget | None  # None: the pane


class Search:
    """A search over all the text of one story."""

    def __init__(self, story: Story) -> None:
        self._story = story
        self._index: SearchIndex | None = None
        self.query = ""
        self.matches: list[Match] = []  # every field that matches
        self.hits: list[RecordMatches] = []  # the matches by record: what n/N visit
        self.hit_index = -1
        self.origin: SearchOrigin | None = None

    @property
    def index(self) -> SearchIndex:
        """The story's search index, built when first needed."""
        if self._index is None:
            self._index = SearchIndex(self._story)
        return self._index

    @property
    def hit(self) -> RecordMatches | None:
        """The record n/N is on, if any."""
        return self.hits[self.hit_index] if 0 <= self.hit_index < len(self.hits) else None

    def run(self, query: str) -> RecordMatches | None:
        """Search for *query*; the first record that matches (now the
        current hit), or None."""
        self.query = query
        self.matches = self.index.search(query)
        self.hits = by_record(self.matches)
        self.hit_index = 0 if self.hits else -1
        return self.hit

    def step(self, step: int) -> RecordMatches | None:
        """Move *step* records along the matches (wrapping around); the
        record now current, or None when there are no matches."""
        if not self.hits:
            return None
        self.hit_index = (self.hit_index + step) % len(self.hits)
        return self.hit

    def clear(self) -> None:
        """Forget the query and its matches (not the origin)."""
        self.query = ""
        self.matches = []
        self.hits = []
        self.hit_index = -1

    def replace_story(self, story: Story) -> None:
        """Search *story*, a new version of the file: the same query over
        the new text, on the same record if it still matches; an origin
        whose record is gone forgets it."""
        hit = self.hit
        old_hit = hit.record_id if hit is not None else None
        self._story = story
        self._index = None
        if self.query:
            self.matches = self.index.search(self.query)
            self.hits = by_record(self.matches)
            self.hit_index = next(
                (i for i, hit in enumerate(self.hits) if hit.record_id == old_hit), -1
            )
        origin = self.origin
        if origin is not None and origin.target and story.get(origin.target[1]) is None:
            self.origin = replace(origin, target=None)

    def forget_focus_in(self, widgets: Collection[object]) -> None:
        """The origin's focused widget is among *widgets*, which are going
        away: cancelling the search then goes back to the pane."""
        origin = self.origin
        if origin is not None and origin.focused in widgets:
            self.origin = replace(origin, focused=None)

    # -- words --------------------------------------------------------------------
    def status(self, listed: Listed, *, bar_open: bool) -> Content | None:
        """``Search “Termez”: 1/2 (5 matches) incident title +3 — n/N``;
        None when there is no query.  *listed* tells whether a record is
        shown in its list (not hidden by the actor filter)."""
        if not self.query.strip():
            return None
        return Content.assemble(
            ("Search ", BOLD),
            "“",
            literal_line(self.query),
            "”: ",
            self.found(listed, bar_open=bar_open),
        )

    def found(self, listed: Listed, *, bar_open: bool) -> str:
        """``1/2 (5 matches) context title +3, hidden by the filter — n/N``."""
        if not self.hits:
            return "no matches"
        n, records = len(self.matches), len(self.hits)
        found = plural(n, "match", "matches")
        hit = self.hit
        if hit is not None:
            where = f"{hit.kind} {hit.fields[0]}"
            if len(hit.fields) > 1:
                where += f" +{len(hit.fields) - 1}"
            if not hit.navigable:
                where += ", not in a list"
            elif not listed(hit.kind, hit.record_id):
                where += ", hidden by the filter"
            found = f"{self.hit_index + 1}/{records} ({found}) {where}"
        if not bar_open:
            found += " — n/N"
        return found
