"""The search bar: a one-line input that the screen shows on ``/``.

It only edits the query: the screen runs the search as the text changes
(``Input.Changed``), keeps it on enter (``Input.Submitted``) and drops it on
escape (:class:`SearchBar.Cancelled`).  What the user types is shown by
``Input`` literally.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


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
