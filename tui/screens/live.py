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
from tui.screens.restory import show_story
from tui.story.dates import EdtfDate
from tui.story.errors import Problem
from tui.story.model import Story
from tui.widgets.problems import ProblemsPanel


class LiveBrowserScreen(BrowserScreen):
    """The browser, plus the error panel and the reload that keeps the
    reader's place."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "x",
            "dismiss_problems",
            "Dismiss",
            id="problems.dismiss",
            tooltip="Hide the panel listing the story file's errors after --watch or e "
            "(a later save with errors shows it again; a good save removes it)",
            priority=True,
        ),
    ]

    def __init__(self, story: Story, as_of: EdtfDate | None = None) -> None:
        super().__init__(story, as_of)
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
        """Show *story*, a new version of the file, keeping the reader's
        place (see :func:`tui.screens.restory.show_story`) and the as-of
        date."""
        self.as_of.whole = story
        await show_story(self, self.as_of.story())
