"""The story's own views: the overview (what the story is, where it comes
from, what it holds) and a source (its facts and everything that cites it);
and the ``Source:`` lines of every other view, each a link to its source.

Blocks for :mod:`tui.present.view` (which every surface renders); the rows
of the browser's sources list (:func:`source_rows`).  Text in the blocks is
the story's own, unsanitised.  Never imports textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.story.model import Actor, Claim, ContextEvent, Incident, Quote, Response, Source, Story

from .blocks import Block, Field, Item, Line, Meta, Node, Ref, Section, Text, Title
from .citations import Citation, citation_counts, cited_by
from .describe import SEPARATOR, actor_name, one_line, plural, stance_word, withdrawn_word

# -- Source: lines ---------------------------------------------------------------


def source_field(story: Story, source_id: str | None, label: str = "Source") -> Field | None:
    """``Source: <name>``, the name a link to the source; None without one."""
    return sources_field(story, (source_id,) if source_id else (), label)


def sources_field(story: Story, source_ids: Sequence[str], label: str = "Sources") -> Field | None:
    """``Sources: <name>; <name>``, each name a link to its source (an id
    the story lacks is shown as the id, not linked); None for none."""
    refs: list[Ref] = []
    names: list[str] = []
    for source_id in source_ids:
        rec = story.get(source_id)
        if isinstance(rec, Source):
            refs.append(Ref(rec.name, "source", rec.id))
            names.append(rec.name)
        else:
            names.append(source_id)
    if not names:
        return None
    if len(refs) != len(names):  # never drop a name for the sake of a link
        return Field(label, "; ".join(names))
    return Field(label, "; ".join(names), refs=tuple(refs))


# -- the sources and what cites them ----------------------------------------------------

CITING_SECTIONS: tuple[tuple[str, str], ...] = (
    ("claim", "Claims citing it"),
    ("response", "Responses citing it"),
    ("quote", "Quotes citing it"),
    ("inference", "Dates inferred from it"),
    ("event", "Context events citing it"),
)


def citation_count(story: Story, source_id: str) -> str:
    """``3 citations``, ``1 citation``, ``0 citations``."""
    return plural(citation_counts(story).get(source_id, 0), "citation")


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A row of the sources list: name, outlet, date, how often it is cited."""

    record_id: str
    name: str
    outlet: str  # "" when not recorded
    date: str  # "" when not recorded
    cited: str  # "3 citations"


def source_rows(story: Story) -> list[SourceRow]:
    """The sources in file order (one line each, story text unsanitised)."""
    return [
        SourceRow(
            src.id,
            one_line(src.name),
            one_line(src.outlet or ""),
            src.published.display() if src.published else "",
            citation_count(story, src.id),
        )
        for src in story.sources
    ]


def _who(story: Story, actor_id: str) -> str:
    rec = story.get(actor_id)
    return rec.label if isinstance(rec, Actor) else actor_id


def _statement_text(story: Story, statement: Claim | Response, incident: Incident) -> str:
    """``Government of Demoland, 4 May 2033, on <incident>``: who, when
    (if dated), and about what; a withdrawal is in the item's tag."""
    when = f", {statement.date.display()}" if statement.date is not None else ""
    return f"{_who(story, statement.by)}{when}, on {one_line(incident.title)}"


def _citation_item(story: Story, cite: Citation) -> Item:
    """One citing place as a list row that opens its record: ``DENIED
    Government of Tajikistan (Dushanbe), on <incident>``, ``<speaker>:
    <quote>``, or ``<date>  <title>`` for an inferred date or an event."""
    rec = story.get(cite.record_id)
    if isinstance(rec, Incident) and cite.kind == "claim" and cite.index < len(rec.claims):
        claim = rec.claims[cite.index]
        tag = SEPARATOR.join(w for w in ("CLAIMED", withdrawn_word(claim.withdrawn)) if w)
        return Item(_statement_text(story, claim, rec), rec.id, tag, None, "incident")
    if isinstance(rec, Incident) and cite.kind == "response" and cite.index < len(rec.responses):
        resp = rec.responses[cite.index]
        tag = SEPARATOR.join(
            w for w in (stance_word(resp.stance), withdrawn_word(resp.withdrawn)) if w
        )
        return Item(_statement_text(story, resp, rec), rec.id, tag, resp.stance, "incident")
    if isinstance(rec, Quote):
        text = f"{actor_name(story, rec.speaker)}: {one_line(rec.text)}"
        return Item(text, rec.id, kind="quote")
    if isinstance(rec, (Incident, ContextEvent)):
        text = f"{rec.date.display()}  {one_line(rec.title)}"
        return Item(text, rec.id, kind=cite.record_kind)
    return Item(f"{cite.record_id} (not found)", None)


def _not_recorded(missing: list[str]) -> list[Line]:
    return [Text(f"Not recorded: {', '.join(missing)}.", "muted")] if missing else []


def source_view(story: Story, src: Source) -> list[Node]:
    """A source: its outlet, date, URL and note (what is not recorded is
    said), then everything that cites it, by kind, each a link."""
    nodes: list[Node] = [Title("SOURCE", src.name, src.id)]
    cites = cited_by(story, src.id)
    nodes.append(Meta((plural(len(cites), "citation"),)))
    lines: list[Line] = []
    missing: list[str] = []
    for label, value, name in (
        ("Outlet", src.outlet, "outlet"),
        ("Published", src.published.display() if src.published else None, "publication date"),
        ("URL", src.url, "URL"),
    ):
        if value:
            lines.append(Field(label, value))
        else:
            missing.append(name)
    nodes.append(Block((*lines, *_not_recorded(missing))))
    if src.note:
        nodes.append(Block((Text(src.note),)))
    for kind, title in CITING_SECTIONS:
        items = tuple(_citation_item(story, c) for c in cites if c.kind == kind)
        if items:
            nodes.append(Section(title, len(items), items))
    if not cites:
        nodes.append(Block((Text("Nothing in the story cites this source.", "muted"),)))
    return nodes


# -- the overview ----------------------------------------------------------------


def story_counts(story: Story) -> tuple[str, ...]:
    """``4 incidents``, ``2 context events`` (only when there are some),
    ``9 actors``, ``8 quotes``, ``5 sources``, ``10 statements`` (the claims
    and responses)."""
    statements = sum(len(inc.claims) + len(inc.responses) for inc in story.incidents)
    counts = [plural(len(story.incidents), "incident")]
    if story.context:
        counts.append(plural(len(story.context), "context event"))
    counts += [
        plural(len(story.actors), "actor"),
        plural(len(story.quotes), "quote"),
        plural(len(story.sources), "source"),
        plural(statements, "statement"),
    ]
    return tuple(counts)


def overview_view(story: Story) -> list[Node]:
    """The story at a glance: the headline, what it holds (counts), where it
    was published (outlet, byline, date, URL; what the file does not record
    is said), the summary, and every source as a link with its citations."""
    meta = story.meta
    nodes: list[Node] = [Title("STORY", meta.headline, ""), Meta(story_counts(story))]
    lines: list[Line] = []
    missing: list[str] = []
    for label, value, name in (
        ("Outlet", meta.outlet, "outlet"),
        ("Byline", meta.byline, "byline"),
        ("Published", meta.published.display() if meta.published else None, "publication date"),
        ("URL", meta.url, "URL"),
    ):
        if value:
            lines.append(Field(label, value))
        else:
            missing.append(name)
    nodes.append(Block((*lines, *_not_recorded(missing))))
    if meta.summary:
        nodes.append(Block((Text(meta.summary),)))
    items = tuple(
        Item(
            SEPARATOR.join(p for p in (row.name, row.outlet, row.date, row.cited) if p),
            row.record_id,
            kind="source",
        )
        for row in source_rows(story)
    )
    if items:
        nodes.append(Section("Sources", len(items), items))
    else:
        nodes.append(Block((Text("The story lists no sources.", "muted"),)))
    return nodes
