"""Messages that panes post upwards; the screen handles them.

Attributes go down (the screen sets reactives on the panes), messages go up.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from tui.story.model import RecordKind


@dataclass
class Highlighted(Message):
    """The cursor in a list pane moved onto a record (preview it)."""

    kind: RecordKind
    record_id: str


@dataclass
class Opened(Message):
    """The user pressed enter on a record in a list pane (open it)."""

    kind: RecordKind
    record_id: str


@dataclass
class Navigate(Message):
    """Follow a cross-link: show this record (and select it in its pane)."""

    kind: RecordKind
    record_id: str


@dataclass
class FilterByActor(Message):
    """Restrict the timeline and quotes to what involves this actor."""

    actor_id: str


@dataclass
class JumpTo(Message):
    """The command palette chose a record: show it, selected in its list."""

    kind: RecordKind
    record_id: str


@dataclass
class ShowOverview(Message):
    """The command palette chose the story's overview: show it in the detail."""
