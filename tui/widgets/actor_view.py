"""The actor view: who it is, and everything in the story that involves it.

Sections (only the non-empty ones): affiliation and members, claims,
responses (each with its stance word), context events, quotes by the actor,
quotes relayed by it (``via``) and quotes about it.  Every row is a link.
A section lists at most ``SECTION_LIMIT`` rows and then says how many more
there are: ``f`` filters the timeline and quotes to the actor instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from textual.containers import VerticalGroup
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from tui.story.model import Actor, Incident, Quote, Response, Story
from tui.widgets.detail_parts import (
    MUTED,
    SECTION_LIMIT,
    Lines,
    Link,
    excerpt_line,
    heading,
    record_line,
    record_link,
    stance_content,
)
from tui.widgets.text import literal, literal_line

T = TypeVar("T")

FILTER_HINT = "press f to filter the timeline and quotes by this actor"


def _head(story: Story, actor: Actor) -> Static:
    lines = Lines()
    lines.add(literal_line(actor.name, "bold"))
    meta: list[Content] = [literal_line(actor.kind)]
    if actor.role:
        meta.append(literal_line(actor.role))
    lines.add(Content.styled(" · ", MUTED).join(meta))
    if actor.aliases:
        lines.field("Also known as", Content(", ").join(literal_line(a) for a in actor.aliases))
    if actor.description:
        lines.blank()
        lines.add(literal(actor.description))
    lines.blank()
    lines.add(("Press f to filter the timeline and quotes by this actor.", "italic " + MUTED))
    return Static(lines.build(), classes="view-head")


def _section(title: str, items: Sequence[T], row: Callable[[T], Widget | None]) -> list[Widget]:
    """A heading with the count, at most SECTION_LIMIT rows (widgets are
    only made for those), and how many more there are."""
    if not items:
        return []
    rows = [w for w in (row(item) for item in items[:SECTION_LIMIT]) if w is not None]
    out: list[Widget] = [heading(title, len(items)), *rows]
    hidden = len(items) - SECTION_LIMIT
    if hidden > 0:
        out.append(
            Static(Content.styled(f"… and {hidden} more; {FILTER_HINT}", "italic"), classes="more")
        )
    return out


def _quote_row(story: Story, quote: Quote, show_speaker: bool) -> Link:
    if show_speaker:
        content = Content.assemble("▸ ", record_line(story, quote.id))
    else:
        content = Content.assemble("▸ ", excerpt_line(quote))
    return Link("quote", quote.id, content, classes="link-row")


def actor_view(story: Story, actor: Actor, *, ansi16: bool = False) -> Widget:
    """*ansi16*: pick stance colours that survive a 16-colour terminal."""
    children: list[Widget] = [_head(story, actor)]

    def link(record_id: str) -> Widget | None:
        return record_link(story, record_id)

    def response_row(item: tuple[Incident, Response]) -> Widget:
        incident, response = item
        content = Content.assemble(
            "▸ ",
            stance_content(response.stance, ansi16=ansi16),
            " ",
            record_line(story, incident.id),
        )
        return Link("incident", incident.id, content, classes="link-row")

    if actor.affiliation:
        children.extend(_section("Part of", [actor.affiliation], link))
    members = [a.id for a in story.actors if a.affiliation == actor.id]
    children.extend(_section("Members", members, link))

    claims: list[str] = []
    responses: list[tuple[Incident, Response]] = []
    context: list[str] = []
    for entry in story.timeline():
        if isinstance(entry, Incident):
            if entry.claim.by == actor.id:
                claims.append(entry.id)
            responses.extend((entry, r) for r in entry.responses if r.by == actor.id)
        elif actor.id in entry.actors:
            context.append(entry.id)
    # Entries the actor only figures in through its quotes about them: the
    # timeline filter and the actors pane's counts include these too.
    listed = {*claims, *(i.id for i, _ in responses), *context}
    quoted_on = [
        e.id for e in story.timeline() if e.id not in listed and story.involves(e, actor.id)
    ]
    children.extend(_section("Claims", claims, link))
    children.extend(_section("Responses", responses, response_row))
    children.extend(_section("On the timeline", context, link))
    children.extend(_section("Quoted on", quoted_on, link))

    said = [q for q in story.quotes if q.speaker == actor.id]
    relayed = [q for q in story.quotes if actor.id in q.via]
    about = [q for q in story.quotes_about(actor.id) if q.speaker != actor.id]
    children.extend(_section("Quotes", said, lambda q: _quote_row(story, q, False)))
    children.extend(_section("Quotes relayed", relayed, lambda q: _quote_row(story, q, True)))
    children.extend(_section("Quotes about", about, lambda q: _quote_row(story, q, True)))
    if len(children) == 1:
        children.append(
            Static(Content("Nothing else in the story involves this actor."), classes="view-note")
        )
    return VerticalGroup(*children, classes="detail-view actor-view")
