"""What ``storybrowse show`` shows of a record, independent of the format.

A view is a short list of blocks built from the story (:func:`build_view`):

* an incident: its title and facts, the claim and every response side by
  side (:class:`Columns`), the date inference, and the quotes about it;
* an actor, a quote, a context event or a source: its detail;
* no record: the timeline, one entry per line.

:mod:`tui.story.render` prints a view as plain text or Markdown, so both show
the same things.  Text in the blocks is the story's own, unsanitised: the
renderers sanitise it.  Labels and kickers are our own words.  Also here:
the JSON of one record (:func:`record_json`, ``storybrowse export``'s shape)
and "did you mean" for an unknown id.  Never imports textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .attribution import attribution, stance_word
from .describe import actor_name, one_line, plural, timeline_rows
from .export import (
    actor_json,
    context_json,
    dumps,
    incident_json,
    quote_json,
    source_json,
    story_json,
)
from .model import (
    Actor,
    Claim,
    ContextEvent,
    Incident,
    Inference,
    Quote,
    Response,
    Source,
    Story,
)
from .suggest import close_matches

# -- the blocks a view is made of ------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    """A paragraph of text (newlines kept)."""

    text: str
    style: str = ""  # "", "muted", or "attribution" (shown after a dash)
    quoted: bool = False  # a direct quote: shown between quote marks


@dataclass(frozen=True, slots=True)
class Field:
    """``Label: value``."""

    label: str
    value: str
    muted: bool = False  # a secondary line ("as reported: ...")


Line = Text | Field


@dataclass(frozen=True, slots=True)
class Block:
    """Lines shown together (no blank line between them)."""

    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Title:
    kicker: str  # INCIDENT, ACTOR, QUOTE, ...
    text: str  # story text: the title or name ("" for none)
    record_id: str


@dataclass(frozen=True, slots=True)
class Meta:
    """Short facts on one line: ``rocket attack · 7 May 2022? · Termez``."""

    parts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Column:
    kind: str  # "CLAIM" or a stance word ("DENIED")
    stance: str | None  # the stance, for its colour; None for the claim
    who: str  # the actor's label
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Columns:
    """The claim and the responses, side by side."""

    columns: tuple[Column, ...]


@dataclass(frozen=True, slots=True)
class Item:
    """One row of a list: a record, with its id."""

    text: str
    record_id: str | None = None
    tag: str = ""  # a word before the text, e.g. a stance word
    stance: str | None = None  # colours the tag


@dataclass(frozen=True, slots=True)
class QuoteItem:
    """A quote in full with its attribution."""

    text: str
    quoted: bool
    attribution: str
    record_id: str


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    count: int | None
    items: tuple[Item | QuoteItem, ...]


@dataclass(frozen=True, slots=True)
class TimelineLine:
    date: str
    record_id: str
    summary: str
    title: str


@dataclass(frozen=True, slots=True)
class Timeline:
    headline: str
    entries: tuple[TimelineLine, ...]
    footer: str = ""  # a hint for the text rendering only


Node = Title | Meta | Block | Columns | Section | Timeline

# -- building the views --------------------------------------------------------


def all_ids(story: Story) -> list[str]:
    """Every record id in the story, in file order by kind."""
    return [
        rec.id
        for group in (story.incidents, story.context, story.actors, story.quotes, story.sources)
        for rec in group
    ]


def suggest_ids(story: Story, wanted: str, n: int = 3) -> list[str]:
    """Ids that look like *wanted* (for "did you mean"); see
    :func:`tui.story.suggest.close_matches`."""
    return close_matches(wanted, all_ids(story), n)


def _actor_label(story: Story, actor_id: str) -> str:
    rec = story.get(actor_id)
    return rec.label if isinstance(rec, Actor) else actor_id


def _source_name(story: Story, source_id: str | None) -> str | None:
    if not source_id:
        return None
    rec = story.get(source_id)
    return rec.name if isinstance(rec, Source) else source_id


def _form_label(verb: str | None, form: str) -> str:
    """``claimed (paraphrase):``, ``told:``, ``(paraphrase)`` or ``""``."""
    text = verb or ""
    if form != "quote":
        text += " (paraphrase)" if text else "(paraphrase)"
    return f"{text}:" if verb else text


def _record_text(story: Story, record_id: str, *, with_kind: bool = False) -> str:
    """A record on one line: ``18 Apr 2022?  Claimed rocket attack ...``."""
    rec = story.get(record_id)
    kind = story.kind_of(record_id)
    if isinstance(rec, (Incident, ContextEvent)):
        text = f"{rec.date.display()}  {one_line(rec.title)}"
    elif isinstance(rec, Actor):
        text = one_line(rec.label)
    elif isinstance(rec, Quote):
        text = f"{actor_name(story, rec.speaker)}: {one_line(rec.text)}"
    elif isinstance(rec, Source):
        text = one_line(rec.name)
    else:
        return f"{record_id} (not found)"
    return f"{kind}: {text}" if with_kind and kind else text


def _item(story: Story, record_id: str, *, with_kind: bool = False) -> Item:
    return Item(_record_text(story, record_id, with_kind=with_kind), record_id)


def _quote_item(story: Story, quote: Quote) -> QuoteItem:
    return QuoteItem(quote.text, quote.form == "quote", attribution(story, quote), quote.id)


def _section(title: str, items: Sequence[Item | QuoteItem]) -> list[Node]:
    return [Section(title, len(items), tuple(items))] if items else []


def _block(*lines: Line | None) -> list[Node]:
    kept = tuple(x for x in lines if x is not None)
    return [Block(kept)] if kept else []


def _statement(st: Claim | Response) -> Block:
    label = _form_label(st.verb, st.form)
    lines: list[Line] = [Text(label, "muted")] if label else []
    lines.append(Text(st.text, quoted=st.form == "quote"))
    return Block(tuple(lines))


def _when(label: str, date: str, reported: str | None, inferred: bool) -> list[Line]:
    lines: list[Line] = [Field(label, date)]
    if reported:
        lines.append(Field("as reported", reported, muted=True))
    if inferred:
        lines.append(Text("inferred: see Date below", "muted"))
    return lines


def _inference(story: Story, date: str, inf: Inference | None) -> list[Node]:
    if inf is None:
        return []
    lines: list[Line] = [Field("Date", f"{date} (inferred)"), Text(inf.note)]
    names = [n for n in (_source_name(story, s) for s in inf.sources) if n]
    if names:
        lines.append(Field("Sources", "; ".join(names)))
    return [Block(tuple(lines))]


def _claim_column(story: Story, inc: Incident) -> Column:
    claim = inc.claim
    facts: list[Line] = []
    if inc.from_:
        facts.append(Field("From", inc.from_.label))
    if inc.to:
        facts.append(Field("To", inc.to.label))
    if not inc.from_ and not inc.to and inc.place:
        facts.append(Field("Where", inc.place.label))
    facts.extend(
        _when("When", inc.date.display(), inc.date_reported, inc.date_inferred is not None)
    )
    if claim.date:
        facts.append(Field("Claimed", claim.date.display()))
    src = _source_name(story, claim.source)
    if src is not None:
        facts.append(Field("Source", src))
    blocks = [_statement(claim), Block(tuple(facts))]
    if claim.note:
        blocks.append(Block((Field("Note", claim.note),)))
    return Column("CLAIM", None, _actor_label(story, claim.by), tuple(blocks))


def _response_column(story: Story, response: Response) -> Column:
    blocks = [_statement(response)]
    facts: list[Line] = []
    if response.date:
        facts.append(Field("When", response.date.display()))
    src = _source_name(story, response.source)
    if src is not None:
        facts.append(Field("Source", src))
    if facts:
        blocks.append(Block(tuple(facts)))
    if response.note:
        blocks.append(Block((Field("Note", response.note),)))
    return Column(
        stance_word(response.stance),
        response.stance,
        _actor_label(story, response.by),
        tuple(blocks),
    )


def incident_view(story: Story, inc: Incident) -> list[Node]:
    nodes: list[Node] = [Title("INCIDENT", inc.title, inc.id)]
    facts = [p for p in (inc.kind, inc.date.display(), inc.place and inc.place.label) if p]
    nodes.append(Meta(tuple(facts)))
    nodes += _block(Text(inc.summary) if inc.summary else None)
    columns = [_claim_column(story, inc)]
    columns += [_response_column(story, r) for r in inc.responses]
    nodes.append(Columns(tuple(columns)))
    if not inc.responses:
        nodes += _block(Text("No response is recorded for this claim.", "muted"))
    nodes += _inference(story, inc.date.display(), inc.date_inferred)
    nodes += _block(Field("Note", inc.note) if inc.note else None)
    quotes = [_quote_item(story, q) for q in story.quotes_about(inc.id)]
    nodes += _section("Quotes about this incident", quotes)
    return nodes


def context_view(story: Story, ev: ContextEvent) -> list[Node]:
    nodes: list[Node] = [Title("CONTEXT", ev.title, ev.id)]
    lines = _when("When", ev.date.display(), ev.date_reported, ev.date_inferred is not None)
    src = _source_name(story, ev.source)
    if src is not None:
        lines.append(Field("Source", src))
    nodes += _block(*lines)
    nodes += _block(Text(ev.text) if ev.text else None)
    nodes += _inference(story, ev.date.display(), ev.date_inferred)
    nodes += _section("Actors", [_item(story, a) for a in ev.actors])
    quotes = [_quote_item(story, q) for q in story.quotes_about(ev.id)]
    nodes += _section("Quotes about this event", quotes)
    return nodes


def actor_view(story: Story, actor: Actor) -> list[Node]:
    nodes: list[Node] = [Title("ACTOR", actor.name, actor.id)]
    nodes.append(Meta(tuple(p for p in (actor.kind, actor.role) if p)))
    nodes += _block(
        Field("Also known as", ", ".join(actor.aliases)) if actor.aliases else None,
    )
    nodes += _block(Text(actor.description) if actor.description else None)

    if actor.affiliation:
        nodes += _section("Part of", [_item(story, actor.affiliation)])
    nodes += _section(
        "Members", [_item(story, a.id) for a in story.actors if a.affiliation == actor.id]
    )
    claims: list[Item] = []
    responses: list[Item] = []
    context: list[Item] = []
    for entry in story.timeline():
        if isinstance(entry, Incident):
            if entry.claim.by == actor.id:
                claims.append(_item(story, entry.id))
            responses.extend(
                Item(_record_text(story, entry.id), entry.id, stance_word(r.stance), r.stance)
                for r in entry.responses
                if r.by == actor.id
            )
        elif actor.id in entry.actors:
            context.append(_item(story, entry.id))
    nodes += _section("Claims", claims)
    nodes += _section("Responses", responses)
    nodes += _section("On the timeline", context)

    said = [_quote_item(story, q) for q in story.quotes if q.speaker == actor.id]
    relayed = [_quote_item(story, q) for q in story.quotes if actor.id in q.via]
    about = [_quote_item(story, q) for q in story.quotes_about(actor.id) if q.speaker != actor.id]
    nodes += _section("Quotes", said)
    nodes += _section("Quotes relayed", relayed)
    nodes += _section("Quotes about", about)
    return nodes


def quote_view(story: Story, quote: Quote) -> list[Node]:
    kicker = "QUOTE" if quote.form == "quote" else "PARAPHRASE"
    nodes: list[Node] = [Title(kicker, actor_name(story, quote.speaker), quote.id)]
    nodes.append(Block((Text(quote.text, quoted=quote.form == "quote"),)))
    nodes.append(Block((Text(attribution(story, quote), "attribution"),)))
    src = _source_name(story, quote.source)
    nodes += _block(
        Field("Date", quote.date.display()) if quote.date else None,
        Field("Source", src) if src is not None else None,
        Field("Note", quote.note) if quote.note else None,
    )
    who: list[Item] = [Item(_record_text(story, quote.speaker), quote.speaker, "speaker:")]
    speaker = story.get(quote.speaker)
    if isinstance(speaker, Actor) and speaker.affiliation:
        aff = speaker.affiliation
        who.append(Item(_record_text(story, aff), aff, "affiliation:"))
    who += [Item(_record_text(story, v), v, "via:") for v in quote.via]
    nodes += _section("Who", who)
    nodes += _section("About", [_item(story, a, with_kind=True) for a in quote.about])
    return nodes


def source_view(story: Story, src: Source) -> list[Node]:
    nodes: list[Node] = [Title("SOURCE", src.name, src.id)]
    nodes += _block(
        Field("Outlet", src.outlet) if src.outlet else None,
        Field("Published", src.published.display()) if src.published else None,
        Field("URL", src.url) if src.url else None,
    )
    nodes += _block(Text(src.note) if src.note else None)
    return nodes


def timeline_view(story: Story) -> list[Node]:
    entries = tuple(
        TimelineLine(row.date, row.record_id, row.short_summary, row.title)
        for row in timeline_rows(story)
    )
    counts = [plural(len(story.actors), "actor"), plural(len(story.quotes), "quote")]
    footer = f"{', '.join(counts)}: storybrowse show [FILE] ID shows any record by its id"
    nodes: list[Node] = [Timeline(story.meta.headline, entries, footer)]
    if not entries:
        nodes += _block(Text("The story has no incidents or context events.", "muted"))
    return nodes


def build_view(story: Story, record_id: str | None) -> list[Node] | None:
    """The view of *record_id* (the timeline if None); None if no such id."""
    if record_id is None:
        return timeline_view(story)
    rec = story.get(record_id)
    if isinstance(rec, Incident):
        return incident_view(story, rec)
    if isinstance(rec, ContextEvent):
        return context_view(story, rec)
    if isinstance(rec, Actor):
        return actor_view(story, rec)
    if isinstance(rec, Quote):
        return quote_view(story, rec)
    if isinstance(rec, Source):
        return source_view(story, rec)
    return None


# -- JSON ----------------------------------------------------------------------


def record_json(story: Story, record_id: str | None) -> str | None:
    """The record as in ``storybrowse export`` (the whole export if None)."""
    if record_id is None:
        return dumps(story_json(story))
    rec = story.get(record_id)
    if isinstance(rec, Incident):
        return dumps(incident_json(story, rec))
    if isinstance(rec, ContextEvent):
        return dumps(context_json(story, rec))
    if isinstance(rec, Actor):
        return dumps(actor_json(story, rec))
    if isinstance(rec, Quote):
        return dumps(quote_json(story, rec))
    if isinstance(rec, Source):
        return dumps(source_json(rec))
    return None
