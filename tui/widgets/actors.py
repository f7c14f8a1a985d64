"""The actors pane: actors grouped by kind, with what involves each."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content

from tui import messages
from tui.present.describe import actor_groups, actor_summary, kind_heading
from tui.widgets.listpane import (
    MUTED,
    STRONG,
    Column,
    ListPane,
    Row,
    cell,
    header_row,
    plain_cell,
)


class ActorsPane(ListPane):
    """Group headers (``Governments · 3``) the cursor skips, then
    ``name (alias)  2 incidents · 1 quote``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "f",
            "filter",
            "Filter",
            id="actors.filter",
            tooltip="Filter the timeline and quotes to what involves this actor",
        ),
    ]
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column(minimum=18, flex=True),  # name (alias)
        Column(cap=36, minimum=11, share=0.5),  # counts
    )

    def build_rows(self) -> list[Row]:
        rows: list[Row] = []
        for kind, members in actor_groups(self.story):
            heading = plain_cell(f"{kind_heading(kind)} · {len(members)}", STRONG)
            rows.append(header_row(heading))
            for actor in members:
                rows.append(
                    Row(
                        "actor",
                        actor.id,
                        (
                            cell(actor.label),
                            plain_cell(actor_summary(self.story, actor.id), MUTED),
                        ),
                    )
                )
        return rows

    def unfiltered_count(self) -> int:
        return len(self.story.actors)

    def empty_message(self) -> Content:
        return Content("This story names no actors.")

    def action_filter(self) -> None:
        """Filter the timeline and quotes to what involves this actor."""
        actor_id = self.selected_id
        if actor_id is not None:
            self.post_message(messages.FilterByActor(actor_id))
