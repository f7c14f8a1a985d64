"""The quotes pane: speaker, quote-or-paraphrase mark, one-line excerpt."""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content

from tui.present.describe import actor_name, quote_rows
from tui.widgets.listpane import Column, ListPane, Row, cell, plain_cell
from tui.widgets.text import literal_line


class QuotesPane(ListPane):
    """``Andrew Mines  “Q  (IS-K) wants to showcase…``; ``≈P`` marks a
    paraphrase."""

    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column(cap=22, minimum=8),  # speaker
        Column(cap=2, minimum=2),  # “Q / ≈P
        Column(minimum=10, flex=True),  # excerpt
    )

    def build_rows(self) -> list[Row]:
        return [
            Row(
                "quote",
                r.record_id,
                (cell(r.speaker), plain_cell(r.mark), cell(r.excerpt)),
            )
            for r in quote_rows(self.story, self.filter_actor)
        ]

    def unfiltered_count(self) -> int:
        return len(self.story.quotes)

    def empty_message(self) -> Content:
        if self.filter_actor is not None:
            name = actor_name(self.story, self.filter_actor)
            return Content.assemble(
                "No quotes involve ", literal_line(name), " (esc clears the filter)."
            )
        return Content("This story has no quotes.")
