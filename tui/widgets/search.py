"""The search bar's row: a one-line input and what the search found.

The row takes the footer's place while it is open (``browser.tcss``), so
opening the search moves no other row of the screen.  The bar only edits
the query: the screen runs the search as the text changes
(``Input.Changed``), keeps it on enter (``Input.Submitted``) and drops it on
escape (:class:`SearchBar.Cancelled`), and says what it found in the line
to the right of the bar (``#search-found``).  What the user types is shown
by ``Input`` literally.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input

from tui.widgets.status import Line


class SearchBar(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "submit",
            "Keep",
            id="search.keep",
            tooltip="Keep the search and go to the list (then n/N: next/previous match)",
        ),
        Binding("escape", "cancel", "Cancel", id="search.cancel", tooltip="Cancel the search"),
        # Everywhere else ctrl+c quits; here it closes the search, as escape does.
        Binding("ctrl+c", "cancel", "Cancel", show=False, id="search.cancel_ctrl_c"),
    ]

    class Cancelled(Message):
        """The user pressed escape in the search bar."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            placeholder="Search all the story's text (enter: keep, esc: cancel)",
            id=id,
            select_on_focus=False,
        )

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())


class SearchRow(Horizontal):
    """The bar (``#search``) and, right of it, what was found (``#search-found``).

    Shown while ``open`` (the class ``-open``).  Set on the row, not on the
    screen: a class on the screen would restyle, and repaint, every widget.
    """

    @property
    def open(self) -> bool:
        return self.has_class("-open")

    @open.setter
    def open(self, value: bool) -> None:
        self.set_class(value, "-open")

    def compose(self) -> ComposeResult:
        yield SearchBar(id="search")
        yield Line(id="search-found")

    @property
    def found(self) -> Line:
        return self.query_one("#search-found", Line)
