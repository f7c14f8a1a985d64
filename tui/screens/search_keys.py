"""The browser screen's search keys: ``/`` opens the bar, every keystroke
searches, enter keeps the matches for ``n``/``N``, escape (or ctrl+c) in the
bar cancels and puts the reader back where they were.

A mixin of :class:`tui.screens.browser.BrowserScreen`, which keeps the
search's state in :class:`tui.screens.search.Search` (``self.search``) and
owns the two ``@on`` handlers that call :meth:`SearchKeys.run_search` and
:meth:`SearchKeys.keep_search`.  Textual finds the ``action_*`` and
``on_*`` methods here by name, through the screen's class.

What a search shows: the list selects the record of the current match and
highlights the query in its rows (:meth:`tui.widgets.listpane.ListPane.mark`),
the detail shows the record with every occurrence highlighted and the
current one in view (:meth:`tui.widgets.detail.DetailPane.show_marks`), and
the search line says where the match is in words.  The index is built by
a thread worker started after the first paint (:meth:`SearchKeys.start_search_index`).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, cast

from textual.content import Content
from textual.message import Message

from tui.present.highlight import marks_for
from tui.present.search import Match, SearchIndex
from tui.screens.panes import KIND_PANE, PANES, PaneName
from tui.screens.search import NEXT_HINT, Search, SearchOrigin
from tui.story.model import RecordKind, Story
from tui.widgets.search import SearchBar, SearchRow
from tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widget import Widget
    from typing_extensions import Self

    from tui.screens.preview import PreviewPacer
    from tui.widgets.detail import DetailPane
    from tui.widgets.listpane import ListPane

Focus = Literal["detail", "list", "keep"]


@dataclass
class SearchIndexed(Message):
    """The search index of *story*, built by the worker (posted from its thread)."""

    story: Story
    index: SearchIndex


def _let_others_run() -> None:
    """Give the interpreter lock away for a moment (the index builder's
    pause: keys are read and answered while it builds)."""
    time.sleep(0)


class SearchKeys:
    """What the search's keys do (see the module's docstring)."""

    if TYPE_CHECKING:  # what the screen provides
        search: Search
        hint: str
        preview: PreviewPacer
        current_pane: PaneName
        focused: Widget | None
        story: Story

        @property
        def detail(self) -> DetailPane: ...
        @property
        def search_bar(self) -> SearchBar: ...
        @property
        def searching(self) -> bool: ...

        def pane(self, name: PaneName) -> ListPane: ...
        def flush_preview(self) -> None: ...
        def update_status(self) -> None: ...
        def _update_label(self) -> None: ...
        def listed(self, kind: str, record_id: str) -> bool: ...
        def add_class(self, *class_names: str, update: bool = True) -> Self: ...
        def remove_class(self, *class_names: str, update: bool = True) -> Self: ...
        def post_message(self, message: Message) -> bool: ...
        def set_focus(
            self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
        ) -> None: ...
        def _set_target(self, target: tuple[RecordKind, str] | None) -> None: ...
        def navigate(
            self,
            kind: RecordKind,
            record_id: str,
            *,
            focus: Focus = "detail",
            keep_filter: bool = False,
        ) -> bool: ...

    @property
    def _screen(self) -> Screen[None]:
        return cast("Screen[None]", self)

    @property
    def _search_row(self) -> SearchRow:
        return self._screen.query_one("#search-row", SearchRow)

    # -- the index -------------------------------------------------------------------
    def start_search_index(self) -> None:
        """Build the search index in a thread worker, unless the story is
        small enough to index on the first key (or already indexed).  Call
        it after the first paint, and after the story was replaced."""
        search = self.search
        if search.ready or search.small:
            return
        story = search.story

        def build() -> None:
            index = SearchIndex(story, pause=_let_others_run)
            self.post_message(SearchIndexed(story, index))

        self._screen.run_worker(build, thread=True, group="search-index", exclusive=True)

    def on_search_indexed(self, message: SearchIndexed) -> None:
        """The index is there: run the query that waited for it.  A query
        kept over a new version of the story (``--watch``, ``[``/``]``)
        finds its match again without moving the reader."""
        message.stop()
        search = self.search
        if not (search.index_built(message.story, message.index) and search.pending):
            return
        if search.resuming:
            search.run(search.query)
            self._show_marks(search.hit)
            self._count_in_background()
            self.update_status()
        else:
            self.run_search(search.query, waited=True)

    # -- keys -----------------------------------------------------------------------
    def action_search(self) -> None:
        self.flush_preview()
        focused = self.focused
        self.search.origin = SearchOrigin(
            self.current_pane,
            self.pane(self.current_pane).selected_id,
            self.detail.target,
            focused if focused is not self.search_bar else None,
        )
        bar = self.search_bar
        bar.value = ""
        self._search_row.open = True
        self.set_focus(bar)
        self.update_status()

    def run_search(self, query: str, *, waited: bool = False) -> None:
        """Search as the user types: show the first match.  A keystroke
        whose query is no longer the bar's (more keys were read in the
        meantime) is skipped: only the last one is searched."""
        if self.searching and not waited and query != self.search_bar.value:
            return
        self.hint = ""
        hit = self.search.run(query)
        self._show(hit, focus="keep")
        self._count_in_background()
        self.update_status()

    def keep_search(self) -> None:
        """Close the search bar, keep the matches for n/N, focus the list
        (the detail when no list shows the match: a source, the story's own
        text, a record the filter hides)."""
        self._search_row.open = False
        origin, self.search.origin = self.search.origin, None
        hit = self.search.hit
        if hit is not None and self.listed(hit.kind, hit.record_id):
            self.set_focus(self.pane(self.current_pane))
        elif hit is not None:
            self.set_focus(self.detail)
        elif origin is not None and origin.focused is not None:
            self.set_focus(origin.focused)
        else:
            self.set_focus(self.pane(self.current_pane))
        self.update_status()

    def on_search_bar_cancelled(self, message: SearchBar.Cancelled) -> None:
        """Escape or ctrl+c in the bar: no search, back where the reader was."""
        message.stop()
        self._search_row.open = False
        self.clear_search()
        origin, self.search.origin = self.search.origin, None
        if origin is None:
            self.set_focus(self.pane(self.current_pane))
            return
        name = cast(PaneName, origin.pane)
        self.current_pane = name
        pane = self.pane(name)
        if origin.selected is not None:
            pane.select(origin.selected)
        self._set_target(pane.selected or origin.target)
        self.set_focus(origin.focused or pane)

    def clear_search(self) -> None:
        self.search.clear()
        self._show_marks(None)
        self.update_status()

    def action_search_step(self, step: int) -> None:
        search = self.search
        hit = search.step(step)
        if hit is None:
            if search.pending:
                self.hint = ""
            elif search.query:
                self.hint = "no matches"
            else:
                self.hint = "no search yet: press / to search"
        else:
            self.hint = ""
            self._show(hit, focus="detail" if self.detail.has_focus_within else "list")
        self.update_status()

    # -- showing a match ----------------------------------------------------------------
    def _show(self, hit: Match | None, *, focus: Focus) -> None:
        """Go to *hit*'s record (its list row, else the detail alone), then
        highlight the query there and in the lists."""
        if hit is not None and not (
            hit.kind != "story"
            and self.navigate(hit.kind, hit.record_id, focus=focus, keep_filter=True)
        ):
            # No list shows it (the story's own text, a source while sources
            # have no list): the detail does.
            self.preview.cancel()  # a preview still to come would replace it
            target = None if hit.kind == "story" else (hit.kind, hit.record_id)
            self.detail.target = target
            self._update_label()
        self._show_marks(hit)

    def _show_marks(self, hit: Match | None) -> None:
        query = self.search.query
        self.detail.show_marks(marks_for(self.story, query, hit) if query.strip() else None)
        for name in PANES:
            self.pane(name).mark(query if query.strip() else "")

    def _count_in_background(self) -> None:
        """Count the rest of the occurrences a slice at a time, keys first."""
        search = self.search
        if search.hits is not None and search.hits.total is None:
            self._screen.run_worker(self._count(search), group="search-count", exclusive=True)

    async def _count(self, search: Search) -> None:
        hits = search.hits
        while search.hits is hits and not search.count_more():
            await asyncio.sleep(0)
        if search.hits is hits:
            self.update_status()

    # -- the search's lines ---------------------------------------------------------------
    def _hidden(self, kind: str, record_id: str) -> bool:
        """Does the actor filter hide the record from its list?"""
        name = KIND_PANE.get(kind)
        return name is not None and not self.pane(name).has(record_id)

    def update_search_status(self, hint: str) -> None:
        """What the search found: beside the bar while it is open, else on
        the search line (with *hint*, a one-off remark); the ``n``/``N``
        hint is never cut off."""
        search = self.search
        bar_open = self.searching
        width = self._screen.size.width - 2  # the lines' padding
        if bar_open:  # beside the bar: 3/5 of the row (browser.tcss)
            width = self._screen.size.width * 3 // 5 - 2
        found = search.status(self._hidden, bar_open=bar_open, width=max(width, 0))
        line = self._screen.query_one("#search-line", StatusLine)
        row = self._search_row
        if bar_open:
            row.found.show(found or Content(""))
            line.say(Content(hint) if hint else None)
            return
        row.found.show(Content(""))
        parts = [found] if found is not None else []
        if hint:
            parts.append(Content(hint))
        tail = NEXT_HINT if found is not None and search.hit is not None else ""
        line.say(Content(" · ").join(parts), tail)
