"""The quote view: the full text, who said it and how it reached the story.

The attribution sentence ("Andrew Mines, research fellow, Program on
Extremism at George Washington University, told RFE/RL") is built by the pure
function :func:`tui.story.attribution.attribution`.

Links, in order: the speaker, the speaker's affiliation, each outlet in the
``via`` chain, then what the quote is about.
"""

from __future__ import annotations

from textual.containers import VerticalGroup
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from tui.story.attribution import attribution
from tui.story.model import Actor, Quote, Story
from tui.widgets.detail_parts import (
    LABEL,
    MUTED,
    Lines,
    Link,
    actor_label,
    heading,
    quoted,
    record_link,
    source_name,
)
from tui.widgets.text import literal, literal_line


def quote_view(story: Story, quote: Quote) -> Widget:
    form = "QUOTE" if quote.form == "quote" else "PARAPHRASE"
    lines = Lines()
    lines.add((form, f"bold {'$text-primary' if quote.form == 'quote' else '$text-secondary'}"))
    lines.add(quoted(quote.text, quote.form))
    lines.blank()
    lines.add(("— ", MUTED), literal_line(attribution(story, quote)))
    lines.blank()
    if quote.date:
        lines.field("Date", literal_line(quote.date.display()))
    src = source_name(story, quote.source)
    if src is not None:
        lines.field("Source", src)
    if quote.note:
        lines.add(("Note: ", LABEL), literal(quote.note))
    children: list[Widget] = [Static(lines.build(), classes="view-head")]

    people: list[tuple[str, str]] = [("speaker", quote.speaker)]
    speaker = story.get(quote.speaker)
    if isinstance(speaker, Actor) and speaker.affiliation:
        people.append(("affiliation", speaker.affiliation))
    people.extend(("via", v) for v in quote.via)
    who: list[Widget] = []
    seen: set[str] = set()
    for role, actor_id in people:
        if actor_id in seen or story.kind_of(actor_id) != "actor":
            continue
        seen.add(actor_id)
        content = Content.assemble(
            "▸ ", (f"{role}: ", MUTED), literal_line(actor_label(story, actor_id))
        )
        who.append(Link("actor", actor_id, content, classes="link-row"))
    if who:
        children.append(heading("Who"))
        children.extend(who)
    about = [
        link
        for link in (record_link(story, i, with_kind=True) for i in quote.about)
        if link is not None
    ]
    if about:
        children.append(heading("About", len(about)))
        children.extend(about)
    return VerticalGroup(*children, classes="detail-view quote-view")
