"""The detail pane (STUB: being written by the detail-view helper).

Contract:
- ``DetailPane(story, id="detail")``; focusable.
- reactive ``target: tuple[RecordKind, str] | None``: the screen sets it;
  the pane shows the incident, context event, actor or quote with that id.
- posts ``messages.Navigate`` to follow a cross-link and
  ``messages.FilterByActor`` to filter the lists by an actor.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from tui.story.model import RecordKind, Story
from tui.widgets.text import literal


class DetailPane(VerticalScroll, can_focus=True):
    target: reactive[tuple[RecordKind, str] | None] = reactive(None)

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body")

    def watch_target(self, target: tuple[RecordKind, str] | None) -> None:
        body = self.query_one("#detail-body", Static)
        body.update(literal("" if target is None else f"{target[0]}: {target[1]}"))
