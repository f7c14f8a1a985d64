"""The browser's search: the query, its matches, the match n/N is on.

:class:`Search` holds the state and says it in words; the browser screen
(:mod:`tui.screens.search_keys`) opens the search bar, moves to the
matches and puts the reader back where they were (:class:`SearchOrigin`)
when the search is cancelled.

The index (:class:`tui.present.search.SearchIndex`) takes half a second at
10,000 incidents, so the screen builds it in a thread worker after the
first paint and hands it over with :meth:`Search.index_built`; until then
a query waits (``indexing…``) and is run as soon as the index is there.
A small story is indexed at once, on the first key.  Each key then costs
one ``str.find`` for the first occurrence; the occurrences are counted in
slices (``1/…`` until then), a few milliseconds at a time.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from textual.content import Content
from textual.style import Style

from tui.present.search import Hits, Match, SearchIndex, normalise
from tui.present.search_where import TITLE_CELLS, where
from tui.story.cells import cell_width
from tui.story.model import RecordKind, Story
from tui.widgets.text import literal_line

if TYPE_CHECKING:
    from textual.widget import Widget

BOLD = Style(bold=True)

Hidden = Callable[[str, str], bool]  # (kind, record id) -> its list exists but hides it


@dataclass
class SearchOrigin:
    """Where the reader was when the search bar opened (escape goes back)."""

    pane: str
    selected: str | None
    target: tuple[RecordKind, str] | None
    focused: Widget | None  # None: the pane


class Search:
    """A search over all the text of one story."""

    # Stories with at most this many records are indexed on the first key,
    # in a few milliseconds; larger ones by the screen's worker.
    INLINE_RECORDS: ClassVar[int] = 400
    # Counting the occurrences goes on after a key for at most this long;
    # the rest is counted a slice at a time (count_more).
    COUNT_NOW_S: ClassVar[float] = 0.004

    def __init__(self, story: Story) -> None:
        self._story = story
        self._index: SearchIndex | None = None
        self.query = ""
        self.hits: Hits | None = None  # the query's occurrences (None: no query or no index)
        self.hit: Match | None = None  # the occurrence n/N is on
        self._pos: int | None = None  # ... as an offset in the index's text
        self.ordinal = 0  # its number, from 1
        self.pending = False  # the query waits for the index
        self._resume: Match | None = None  # land near this once indexed (a new version)
        self.origin: SearchOrigin | None = None

    # -- the index -----------------------------------------------------------------
    @property
    def story(self) -> Story:
        return self._story

    @property
    def ready(self) -> bool:
        """The index is built."""
        return self._index is not None

    @property
    def small(self) -> bool:
        """Small enough to index at once on the first key."""
        story = self._story
        records = len(story.incidents) + len(story.context) + len(story.actors)
        return records + len(story.quotes) + len(story.sources) <= self.INLINE_RECORDS

    @property
    def resuming(self) -> bool:
        """The query waits to find its match again in a new version."""
        return self._resume is not None

    def index_built(self, story: Story, index: SearchIndex) -> bool:
        """Take *index*, built by a worker for *story*.  False if it is
        stale (the story was replaced since) or an index is already there.
        A query that was waiting is run by the caller (see ``pending``)."""
        if story is not self._story or self._index is not None:
            return False
        self._index = index
        return True

    def _usable(self) -> SearchIndex | None:
        if self._index is None and self.small:
            self._index = SearchIndex(self._story)
        return self._index

    # -- searching -----------------------------------------------------------------
    def run(self, query: str) -> Match | None:
        """Search for *query*; its first occurrence (now the current one),
        or None (no match, or the index is not built yet: ``pending``)."""
        self.query = query
        self._land(None, None, 0)
        self.pending = False
        if not normalise(query):
            return None
        index = self._usable()
        if index is None:
            self.pending = True
            return None
        hits = self.hits = index.hits(query)
        deadline = time.perf_counter() + self.COUNT_NOW_S
        while not hits.count_some(Hits.SLICE // 4) and time.perf_counter() < deadline:
            pass
        resume, self._resume = self._resume, None
        pos = index.locate(resume, hits) if resume is not None else None
        if pos is not None:
            self._land(hits, pos, index.count_before(hits.needle, pos) + 1)
        else:
            first = hits.first_pos()
            self._land(hits, first, 1 if first is not None else 0)
        return self.hit

    def _land(self, hits: Hits | None, pos: int | None, ordinal: int) -> None:
        self.hits = hits
        self._pos = pos
        self.ordinal = ordinal
        self.hit = hits.match(pos) if hits is not None and pos is not None else None

    def count_more(self) -> bool:
        """Count another slice of the occurrences; True once all are counted."""
        return self.hits is None or self.hits.count_some()

    def step(self, step: int) -> Match | None:
        """Move *step* occurrences on (1: the next, -1: the previous),
        wrapping around; the one now current, or None when there is none."""
        for _ in range(abs(step) - 1):
            self._step(step)
        return self._step(step)

    def _step(self, step: int) -> Match | None:
        hits, pos = self.hits, self._pos
        if hits is None or pos is None:
            return None
        if step > 0:
            nxt, ordinal = hits.next_pos(pos), self.ordinal + 1
            if nxt is None:
                nxt, ordinal = hits.first_pos(), 1
        else:
            nxt, ordinal = hits.prev_pos(pos), self.ordinal - 1
            if nxt is None:
                nxt, ordinal = hits.last_pos(), hits.count_all()
        self._land(hits, nxt, ordinal)
        return self.hit

    def clear(self) -> None:
        """Forget the query and its matches (not the origin)."""
        self.query = ""
        self.pending = False
        self._resume = None
        self._land(None, None, 0)

    def replace_story(self, story: Story) -> None:
        """Search *story*, a new version of the file: the same query over
        the new text, on the same field of the same record if it still
        matches; an origin whose record is gone forgets it."""
        resume = self.hit
        self._story = story
        self._index = None
        if self.query:
            self._resume = resume
            self.run(self.query)  # pending until the index is built, unless small
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
    def status(self, hidden: Hidden, *, bar_open: bool, width: int = 0) -> Content | None:
        """``Search “Termez”: 1/6 in the claim of “Claimed rocket…”``;
        None when there is no query.  With the bar open (which shows the
        query) only what was found: ``1/6 in …``.  *hidden* tells
        whether the actor filter hides a record from its list.
        *width*: the cells the line has (0: any), less *reserve* for what
        follows it; the record's title is cut to fit first."""
        if not self.query.strip():
            return None
        if bar_open:
            return Content(self.found(hidden, width))
        head = Content.assemble(("Search ", BOLD), "“", literal_line(self.query), "”: ")
        room = width - head.cell_length - cell_width(NEXT_HINT) if width else 0
        return Content.assemble(head, literal_line(self.found(hidden, max(room, 1))))

    def found(self, hidden: Hidden, room: int = 0) -> str:
        """``3/57 in Tajikistan's response to “…”``, ``1/… in …`` while
        counting, ``indexing…``, ``no matches``; ``, hidden by the filter``
        when the actor filter hides the record from its list.  *room*: the
        cells it may take (0: any), by cutting the record's title."""
        if self.pending:
            return "indexing…"
        hit, hits = self.hit, self.hits
        if hit is None or hits is None:
            return "no matches"
        total = hits.total
        at = f"{self.ordinal:,}/{total:,}" if total is not None else f"{self.ordinal:,}/…"
        note = ", hidden by the filter" if hidden(hit.kind, hit.record_id) else ""
        found = f"{at} {where(self._story, hit)}{note}"
        over = cell_width(found) - room
        if room and over > 0:
            found = f"{at} {where(self._story, hit, cells=max(8, TITLE_CELLS - over))}{note}"
        return found


NEXT_HINT = " — n/N"  # after the search line when a search is kept
