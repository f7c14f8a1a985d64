"""The error panel of live reload (``storybrowse --watch``).

When a save leaves the story file invalid, the browser keeps showing the
last good version and mounts this panel above the status lines: a heading
(how many errors, that the view is the last good version, the key that
dismisses the panel), then every problem as the loader formats it,
``file:line:column: path: message``, one per line (long ones wrap), in a
scrollable list.  The screen removes the panel when a later save loads, or
when the reader dismisses it (``x``, or escape in the panel).

Problem messages quote story text, so every line reaches the screen through
:func:`tui.widgets.text.literal_line`, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.style import Style
from textual.widgets import Static

from tui.present.describe import plural
from tui.story.errors import Problem
from tui.widgets.text import literal_line

BOLD = Style(bold=True)


def heading(file_label: str, problems: Sequence[Problem]) -> Content:
    """``story.yaml: 2 errors — showing the last good version · x: dismiss``."""
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    counts = plural(errors, "error")
    if warnings:
        counts += ", " + plural(warnings, "warning")
    return Content.assemble(
        literal_line(file_label, BOLD),
        (f": {counts}", BOLD),
        " — showing the last good version · x: dismiss",
    )


def body(problems: Sequence[Problem]) -> Content:
    """Every problem on its own line, as ``storybrowse check`` prints it."""
    return Content("\n").join(literal_line(p.format()) for p in problems)


class ProblemList(VerticalScroll, can_focus=True):
    """The scrollable list of problems (tab moves here when it is shown)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_down", "Scroll down", show=False, id="problems.down"),
        Binding("up,k", "scroll_up", "Scroll up", show=False, id="problems.up"),
    ]


class ProblemsPanel(Vertical):
    """Heading plus the scrollable problems; :meth:`show` replaces them."""

    def __init__(
        self, file_label: str, problems: Sequence[Problem], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.file_label = file_label
        self.problems: list[Problem] = list(problems)

    def compose(self) -> ComposeResult:
        yield Static(heading(self.file_label, self.problems), id="problems-heading")
        with ProblemList(id="problems-list"):
            yield Static(body(self.problems), id="problems-body")

    def show(self, file_label: str, problems: Sequence[Problem]) -> None:
        """Show another failed version's problems (scrolled to the top)."""
        self.file_label = file_label
        self.problems = list(problems)
        # Not composed yet: compose() will use the new problems.
        for head in self.query("#problems-heading").results(Static):
            head.update(heading(file_label, self.problems))
        for text in self.query("#problems-body").results(Static):
            text.update(body(self.problems))
        for scroll in self.query(ProblemList):
            scroll.scroll_home(animate=False)

    @property
    def list(self) -> ProblemList:
        return self.query_one("#problems-list", ProblemList)

    @property
    def text(self) -> str:
        """The problems as plain text (for tests and tools)."""
        return body(self.problems).plain
