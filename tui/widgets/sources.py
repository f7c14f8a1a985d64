"""The sources pane: each source with its outlet, date and citations."""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content

from tui.present.story_view import source_rows
from tui.widgets.listpane import MUTED, Column, ListPane, Row, cell, plain_cell


class SourcesPane(ListPane):
    """``RFE/RL report relayed by the article  RFE/RL  10 May 2022  4
    citations``: the name takes what is left; the outlet and the date are
    empty when the story does not record them; the count is never cut.
    Not filtered by an actor (a source is not about anyone)."""

    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column(minimum=16, flex=True),  # name
        Column(cap=30, minimum=4, share=0.35),  # outlet
        Column(cap=24, minimum=6),  # date
        Column(cap=14, minimum=12),  # "12 citations": never cut
    )

    def build_rows(self) -> list[Row]:
        return [
            Row(
                "source",
                r.record_id,
                (cell(r.name), cell(r.outlet, MUTED), cell(r.date), plain_cell(r.cited, MUTED)),
            )
            for r in source_rows(self.story)
        ]

    def unfiltered_count(self) -> int:
        return len(self.story.sources)

    def empty_message(self) -> Content:
        return Content("This story lists no sources.")
