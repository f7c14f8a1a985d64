"""The timeline pane: incidents and context events in date order."""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content

from tui.present.describe import actor_name, timeline_rows
from tui.present.rows import TIMELINE_DATE, TIMELINE_SUMMARY, TIMELINE_TITLE
from tui.widgets.listpane import MUTED, Column, ListPane, Row, cell, plain_cell
from tui.widgets.text import literal_line


class TimelinePane(ListPane):
    """``date  title  response summary``; context events say ``context``."""

    # The date (precision visible), the title, "claimed · 2 denied" /
    # "context": the same columns as ``show``'s timeline (tui.present.rows).
    COLUMNS: ClassVar[tuple[Column, ...]] = (TIMELINE_DATE, TIMELINE_TITLE, TIMELINE_SUMMARY)

    def build_rows(self) -> list[Row]:
        rows = []
        for r in timeline_rows(self.story, self.filter_actor):
            style = MUTED if r.kind == "context" else ""
            date, title = cell(r.date), cell(r.title, style)
            rows.append(
                Row(
                    r.kind,
                    r.record_id,
                    (date, title, plain_cell(r.summary, style)),
                    (date, title, plain_cell(r.short_summary, style)),
                )
            )
        return rows

    def unfiltered_count(self) -> int:
        return len(self.story.timeline())

    def empty_message(self) -> Content:
        if self.filter_actor is not None:
            name = actor_name(self.story, self.filter_actor)
            return Content.assemble(
                "Nothing on the timeline involves ",
                literal_line(name),
                " (esc clears the filter).",
            )
        return Content("This story has no incidents or context events.")
