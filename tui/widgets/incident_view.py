"""The incident view: the claim and every response side by side.

Layout (see detail.tcss): a title block, then one column for the claim and
one per response in a :class:`~tui.widgets.detail_parts.Columns` row (equal
widths, top-aligned, dividers between them; stacked on narrow terminals and
wrapped into a grid when the columns would be too thin), then the date
inference, the incident's note and the quotes about the incident.

Links, in order: the claimant, each responding actor, each quote.
"""

from __future__ import annotations

from textual.containers import VerticalGroup
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from tui.story.attribution import stance_word
from tui.story.model import Claim, Incident, Response, Story
from tui.widgets.detail_parts import (
    LABEL,
    MUTED,
    Columns,
    Lines,
    Link,
    actor_label,
    date_lines,
    form_label,
    heading,
    inference_block,
    quote_block,
    quoted,
    source_name,
    stance_class,
)
from tui.widgets.text import literal, literal_line


def _head(incident: Incident) -> Static:
    lines = Lines()
    lines.add(literal_line(incident.title, "bold"))
    meta: list[Content] = []
    if incident.kind:
        meta.append(literal_line(incident.kind))
    meta.append(literal_line(incident.date.display()))
    if incident.place:
        meta.append(literal_line(incident.place.label))
    lines.add(Content.styled(" · ", MUTED).join(meta))
    if incident.summary:
        lines.add(literal(incident.summary))
    return Static(lines.build(), classes="view-head")


def _claim_column(story: Story, incident: Incident, claim: Claim) -> VerticalGroup:
    body = Lines()
    body.add(form_label(claim.verb, claim.form))
    body.add(quoted(claim.text, claim.form))
    body.blank()
    if incident.from_:
        body.field("From", literal_line(incident.from_.label))
    if incident.to:
        body.field("To", literal_line(incident.to.label))
    if not incident.from_ and not incident.to and incident.place:
        body.field("Where", literal_line(incident.place.label))
    date_lines(
        body,
        "When",
        incident.date.display(),
        incident.date_reported,
        incident.date_inferred is not None,
    )
    if claim.date:
        body.field("Claimed", literal_line(claim.date.display()))
    src = source_name(story, claim.source)
    if src is not None:
        body.field("Source", src)
    if claim.note:
        body.blank()
        body.field("Note", literal(claim.note))
    return VerticalGroup(
        Static(Content("CLAIM"), classes="column-kind claim-kind"),
        Link("actor", claim.by, literal(actor_label(story, claim.by)), classes="column-actor"),
        Static(body.build(), classes="column-body"),
        classes="column claim-column",
    )


def _response_column(story: Story, response: Response) -> VerticalGroup:
    body = Lines()
    label = form_label(response.verb, response.form)
    if label.plain:
        body.add(label)
    body.add(quoted(response.text, response.form))
    body.blank()
    if response.date:
        body.field("When", literal_line(response.date.display()))
    src = source_name(story, response.source)
    if src is not None:
        body.field("Source", src)
    if response.note:
        body.blank()
        body.field("Note", literal(response.note))
    return VerticalGroup(
        Static(
            literal_line(stance_word(response.stance)),
            classes=f"column-kind stance {stance_class(response.stance)}",
        ),
        Link(
            "actor", response.by, literal(actor_label(story, response.by)), classes="column-actor"
        ),
        Static(body.build(), classes="column-body"),
        classes="column response-column",
    )


def incident_view(story: Story, incident: Incident) -> Widget:
    children: list[Widget] = [_head(incident)]
    columns = [_claim_column(story, incident, incident.claim)]
    columns.extend(_response_column(story, r) for r in incident.responses)
    children.append(Columns(*columns, classes="claim-columns"))
    if not incident.responses:
        children.append(
            Static(Content("No response is recorded for this claim."), classes="view-note")
        )

    after = Lines()
    if incident.date_inferred is not None:
        inference_block(
            after,
            story,
            incident.date.display(),
            incident.date_inferred.note,
            incident.date_inferred.sources,
        )
    if incident.note:
        after.blank()
        after.add(("Note: ", LABEL), literal(incident.note))
    if after:
        children.append(Static(after.build(), classes="view-section"))

    quotes = story.quotes_about(incident.id)
    if quotes:
        children.append(heading("Quotes about this incident", len(quotes)))
        children.extend(quote_block(story, q) for q in quotes)
    return VerticalGroup(*children, classes="detail-view incident-view")
