"""The context event view: a background event on the timeline.

Links, in order: the actors it involves, then the quotes about it.
"""

from __future__ import annotations

from textual.containers import VerticalGroup
from textual.widget import Widget
from textual.widgets import Static

from tui.story.model import ContextEvent, Story
from tui.widgets.detail_parts import (
    MUTED,
    Lines,
    date_lines,
    heading,
    inference_block,
    quote_block,
    record_link,
    source_name,
)
from tui.widgets.text import literal, literal_line


def context_view(story: Story, event: ContextEvent) -> Widget:
    lines = Lines()
    lines.add(("CONTEXT", "bold " + MUTED))
    lines.add(literal_line(event.title, "bold"))
    date_lines(
        lines, "When", event.date.display(), event.date_reported, event.date_inferred is not None
    )
    src = source_name(story, event.source)
    if src is not None:
        lines.field("Source", src)
    if event.text:
        lines.blank()
        lines.add(literal(event.text))
    if event.date_inferred is not None:
        lines.blank()
        inference_block(
            lines,
            story,
            event.date.display(),
            event.date_inferred.note,
            event.date_inferred.sources,
        )
    children: list[Widget] = [Static(lines.build(), classes="view-head")]

    actors = [link for link in (record_link(story, a) for a in event.actors) if link is not None]
    if actors:
        children.append(heading("Actors", len(actors)))
        children.extend(actors)
    quotes = story.quotes_about(event.id)
    if quotes:
        children.append(heading("Quotes about this event", len(quotes)))
        children.extend(quote_block(story, q) for q in quotes)
    return VerticalGroup(*children, classes="detail-view context-view")
