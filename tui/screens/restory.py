"""Showing another story on the browser screen, keeping the reader's place:
a new version of the file (``--watch``) or the story as of another date
(``[`` / ``]``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.screens.panes import PANES
from tui.story.model import Actor, RecordKind, Story
from tui.widgets.detail import DetailPane
from tui.widgets.listpane import ListPane
from tui.widgets.status import Line

if TYPE_CHECKING:
    from tui.screens.browser import BrowserScreen


async def show_story(self: BrowserScreen, story: Story) -> None:
    """Show *story* (a new version of the file, or the story as of another
    date) on the browser screen *self*, keeping the reader's place.

    Kept when their ids still exist: the current pane and the focus, the
    selected row of every pane, the detail's record (and its scroll
    position when the record is the same), the actor filter, the search
    query and the match n/N is on.  A selected row whose record is gone
    gives way to the row now at its place (else the nearest one); a gone
    filter actor clears the filter; a gone detail record gives way to the
    current pane's selection.
    """
    self.preview.cancel()
    target = self.detail.target
    detail_y = self.detail.scroll_y
    before = {name: (self.pane(name).selected_id, self.pane(name).cursor) for name in PANES}

    self.story = story
    for name in PANES:
        self.pane(name).story = story
    if self.filter_actor is not None and not isinstance(story.get(self.filter_actor), Actor):
        self.filter_actor = None  # the panes are bound to it: they reload
        self.hint = "filter cleared: that actor is no longer in the story"
    for name in PANES:
        pane = self.pane(name)
        pane.reload()
        kept, cursor = before[name]
        if kept is not None and not pane.has(kept):
            nearest = nearest_record(pane, cursor)
            if nearest is not None:
                pane.select(nearest)

    self.search.replace_story(story)  # the same query over the new text
    self.start_search_index()
    self.query_one("#title", Line).show(self._title())
    self.update_tabs()
    self.update_status()
    self.refresh_bindings()

    # The detail: rebuilt from the new story, on the same record if it
    # is still there.  Its watcher is awaited here (rather than run by
    # setting the reactive) because the target may be unchanged, and so
    # that the scroll position can be put back once the view is built.
    # The overview (no target) stays the overview.
    new_target = target and (_surviving(self, target) or self.pane(self.current_pane).selected)
    detail = self.detail
    detail.story = story
    detail.set_reactive(DetailPane.target, new_target)
    self._update_label()
    await detail.watch_target(new_target)
    # Nothing but the scroll position after the await: the app may have
    # been closed meanwhile.
    if detail.is_attached and new_target is not None and new_target == target and detail_y:
        detail.call_after_refresh(detail.scroll_to, y=detail_y, animate=False, immediate=True)


def _surviving(
    self: BrowserScreen, target: tuple[RecordKind, str] | None
) -> tuple[RecordKind, str] | None:
    """*target* if its record is still in the story (with its kind now)."""
    if target is None:
        return None
    kind = self.story.kind_of(target[1])
    return (kind, target[1]) if kind is not None else None


def nearest_record(pane: ListPane, cursor: int) -> str | None:
    """The record of the selectable row nearest to row *cursor*: the row now
    at that place first (the one after a removed record), then the rows
    before it, then the rows after."""
    rows = pane.rows
    if not rows:
        return None
    start = min(max(cursor, 0), len(rows) - 1)
    for distance in range(len(rows)):
        for index in (start + distance, start - distance):
            if 0 <= index < len(rows) and rows[index].selectable:
                return rows[index].record_id
    return None
