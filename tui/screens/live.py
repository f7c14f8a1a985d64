"""The browser of ``storybrowse --watch``: live reload.

The app loads each new version of the file and calls
:meth:`LiveBrowserScreen.replace_story` (the reader keeps their place) or
:meth:`LiveBrowserScreen.show_problems` (the error panel, over the last good
version).  The screen adds the key that dismisses the panel (shown in the
footer only while the panel is), so that the plain browser's keys, footer
and help stay as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType

from tui.screens.browser import BrowserScreen
from tui.screens.panes import PANES
from tui.story.errors import Problem
from tui.story.model import Actor, RecordKind, Story
from tui.widgets.detail import DetailPane
from tui.widgets.listpane import ListPane
from tui.widgets.problems import ProblemsPanel
from tui.widgets.status import Line


class LiveBrowserScreen(BrowserScreen):
    """The browser, plus the error panel and the reload that keeps the
    reader's place."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "x",
            "dismiss_problems",
            "Dismiss",
            id="problems.dismiss",
            tooltip="Live reload: hide the panel listing the story file's errors "
            "(a later save with errors shows it again; a good save removes it)",
            priority=True,
        ),
    ]

    def __init__(self, story: Story) -> None:
        super().__init__(story)
        self._problems: ProblemsPanel | None = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "dismiss_problems" and self._problems is None:
            return False
        return super().check_action(action, parameters)

    # -- the error panel ---------------------------------------------------------------
    @property
    def problems_panel(self) -> ProblemsPanel | None:
        """The error panel, if a reload failed and it was not dismissed, once
        it is mounted: its parts (the list tab moves to) exist from then on."""
        panel = self._problems
        return panel if panel is not None and panel.is_mounted else None

    def show_problems(self, file_label: str, problems: Sequence[Problem]) -> None:
        """Show the panel listing *problems* (the view stays as it is)."""
        if self._problems is None:
            self._problems = ProblemsPanel(file_label, problems)
            self.mount(self._problems, before=self.query_one("#filter-line"))
        else:
            self._problems.show(file_label, problems)
        self.refresh_bindings()

    def dismiss_problems(self) -> bool:
        """Remove the error panel; False if there was none."""
        panel, self._problems = self._problems, None
        if panel is None:
            return False
        if panel.has_focus_within:
            self.set_focus(self.pane(self.current_pane))
        # Escape in a search opened from the panel then goes back to the pane.
        self.search.forget_focus_in(set(panel.walk_children(with_self=True)))
        panel.remove()
        self.refresh_bindings()
        return True

    def action_dismiss_problems(self) -> None:
        self.dismiss_problems()

    def action_back(self) -> None:
        """Escape in the error panel dismisses it; elsewhere as in the browser."""
        panel = self.problems_panel
        if panel is None or not panel.has_focus_within:
            super().action_back()
            return
        self.hint = ""
        self.dismiss_problems()
        self.update_status()

    # -- tab reaches the panel too ------------------------------------------------------
    def focus_cycle(self) -> list[str]:
        return [*super().focus_cycle(), *(["problems"] if self.problems_panel else [])]

    def focus_stop(self) -> str:
        panel = self.problems_panel
        if panel is not None and panel.has_focus_within:
            return "problems"
        return super().focus_stop()

    def focus_on(self, stop: str) -> None:
        panel = self.problems_panel
        if stop == "problems" and panel is not None:
            self.set_focus(panel.list)
        else:
            super().focus_on(stop)

    # -- a new version of the file ----------------------------------------------------------
    async def replace_story(self, story: Story) -> None:
        """Show *story*, a new version of the file, keeping the reader's place.

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
        self.query_one("#title", Line).show(self._title())
        self.update_tabs()
        self.update_status()
        self.refresh_bindings()

        # The detail: rebuilt from the new story, on the same record if it
        # is still there.  Its watcher is awaited here (rather than run by
        # setting the reactive) because the target may be unchanged, and so
        # that the scroll position can be put back once the view is built.
        new_target = self._surviving(target) or self.pane(self.current_pane).selected
        detail = self.detail
        detail.story = story
        detail.set_reactive(DetailPane.target, new_target)
        self._update_label()
        await detail.watch_target(new_target)
        # Nothing but the scroll position after the await: the app may have
        # been closed meanwhile.
        if detail.is_attached and new_target is not None and new_target == target and detail_y:
            detail.call_after_refresh(detail.scroll_to, y=detail_y, animate=False, immediate=True)

    def _surviving(self, target: tuple[RecordKind, str] | None) -> tuple[RecordKind, str] | None:
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
