"""The view model: what every surface shows of a record, in what order.

A view is a short list of blocks built from the story (:func:`build_view`):

* an incident: its title and facts, the claim and every response side by
  side (:class:`Columns`), the date inference, and the quotes about it;
* an actor, a quote, a context event or a source: its detail;
* no record: the story's overview (:mod:`tui.present.story_view`: the
  browser's detail when it opens), then (``show``) the timeline, one entry
  per line.

``storybrowse show`` (text and Markdown) and the browser's detail pane are
all rendered from these blocks (:mod:`tui.present.layout`,
:mod:`tui.present.markdown`, ``tui.widgets.detail``), so which sections a
record has, their order and their wording are decided here once.  Text in
the blocks is the story's own, unsanitised: the renderers sanitise it.
Labels and kickers are our own words.  Also here: the JSON of one record
(:func:`record_json`, ``storybrowse export``'s shape) and "did you mean" for
an unknown id.  Never imports textual.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.story.dates import EdtfDate
from tui.story.export import (
    actor_json,
    context_json,
    dumps,
    incident_json,
    quote_json,
    source_json,
    story_json,
)
from tui.story.model import (
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
from tui.story.positions import actor_statements
from tui.story.suggest import close_matches

from .attribution import attribution
from .blocks import (
    Block,
    Column,
    Columns,
    Field,
    Item,
    Line,
    Meta,
    Node,
    QuoteItem,
    Section,
    Text,
    Timeline,
    TimelineLine,
    Title,
)
from .describe import actor_name, actor_quotes, one_line, plural, timeline_rows, withdrawn_word
from .positions_view import (
    actor_statement_sections,
    positions_strip,
    response_columns,
    speaker_words,
    statement_date,
)
from .story_view import overview_view, source_field, source_view, sources_field

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


def _form_label(verb: str | None, form: str) -> str:
    """``claimed (paraphrase):``, ``told:``, ``(paraphrase)`` or ``""``."""
    text = verb or ""
    if form != "quote":
        text += " (paraphrase)" if text else "(paraphrase)"
    return f"{text}:" if verb else text


def record_line(story: Story, record_id: str, *, with_kind: bool = False) -> str:
    """Any record on one line, as list rows show it: an incident or context
    event as ``18 Apr 2022?  Claimed rocket attack ...``, an actor by its
    label, a quote as ``Speaker: text``, a source by its name, an unknown id
    as ``id (not found)``; *with_kind* puts ``incident: `` in front."""
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


def _item(
    story: Story, record_id: str, *, with_kind: bool = False, tag: str = "", stance: str = ""
) -> Item:
    """A list row that links to *record_id* (no link if the story has no
    such record: the row then says "not found")."""
    text = record_line(story, record_id, with_kind=with_kind)
    return Item(text, record_id, tag, stance or None, story.kind_of(record_id))


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
    # "inferred" is said once, beside the date; "How the date was inferred"
    # follows below the columns.
    lines: list[Line] = [Field(label, f"{date} (inferred)" if inferred else date)]
    if reported:
        lines.append(Field("as reported", reported, muted=True))
    return lines


def _inference(story: Story, inf: Inference | None) -> list[Node]:
    """Why the date was inferred (the date itself is in the When line)."""
    if inf is None:
        return []
    lines: list[Line] = [Field("How the date was inferred", inf.note)]
    sources = sources_field(story, inf.sources)
    if sources is not None:
        lines.append(sources)
    return [Block(tuple(lines))]


def _claim_column(story: Story, inc: Incident, claim: Claim, first: bool) -> Column:
    """A claim: the statement, then (for the first claim) the incident's
    place and date, and the claim's own date, speaker, via and source."""
    facts: list[Line] = []
    if first:
        if inc.from_:
            facts.append(Field("From", inc.from_.label))
        if inc.to:
            facts.append(Field("To", inc.to.label))
        if not inc.from_ and not inc.to and inc.place:
            facts.append(Field("Where", inc.place.label))
        facts.extend(
            _when("When", inc.date.display(), inc.date_reported, inc.date_inferred is not None)
        )
    if len(inc.claims) > 1 and claim.id:
        facts.append(Field("Claim", claim.id))
    if claim.date or story.as_of is not None:
        # As of a date, an undated claim stays, marked.
        facts.append(Field("Claimed", statement_date(claim.date)))
    if claim.date_reported:
        facts.append(Field("as reported", claim.date_reported, muted=True))
    mark = withdrawn_word(claim.withdrawn)
    if mark:
        facts.append(Text(mark))
    if claim.speaker is not None:
        facts.append(Field("Speaker", speaker_words(story, claim.speaker)))
    if claim.via:
        facts.append(Field("Via", ", ".join(_actor_label(story, v) for v in claim.via)))
    src = source_field(story, claim.source)
    if src is not None:
        facts.append(src)
    blocks = [_statement(claim), Block(tuple(facts))]
    if claim.note:
        blocks.append(Block((Field("Note", claim.note),)))
    return Column("CLAIM", None, _actor_label(story, claim.by), tuple(blocks), claim.by)


def incident_view(story: Story, inc: Incident) -> list[Node]:
    """The claims first, the positions strip (one line per responding actor
    with its trail), then one column per claim and per responding actor
    (its latest stance in the heading, its statements in date order)."""
    nodes: list[Node] = [Title("INCIDENT", inc.title, inc.id)]
    facts = [p for p in (inc.kind, inc.date.display(), inc.place and inc.place.label) if p]
    nodes.append(Meta(tuple(facts)))
    nodes += _block(Text(inc.summary) if inc.summary else None)
    nodes += positions_strip(story, inc)
    columns = [_claim_column(story, inc, c, i == 0) for i, c in enumerate(inc.claims)]
    columns += response_columns(story, inc)
    nodes.append(Columns(tuple(columns)))
    if not inc.responses:
        nodes += _block(Text("No response is recorded for this claim.", "muted"))
    nodes += _inference(story, inc.date_inferred)
    nodes += _block(Field("Note", inc.note) if inc.note else None)
    quotes = [_quote_item(story, q) for q in story.quotes_about(inc.id)]
    nodes += _section("Quotes about this incident", quotes)
    return nodes


def context_view(story: Story, ev: ContextEvent) -> list[Node]:
    nodes: list[Node] = [Title("CONTEXT", ev.title, ev.id)]
    lines = _when("When", ev.date.display(), ev.date_reported, ev.date_inferred is not None)
    src = source_field(story, ev.source)
    if src is not None:
        lines.append(src)
    nodes += _block(*lines)
    nodes += _block(Text(ev.text) if ev.text else None)
    nodes += _inference(story, ev.date_inferred)
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
    # The story's per-actor index: what involves the actor, without
    # scanning the whole story (an actor view at 10,000 incidents).
    index = story.actor_index()
    nodes += _section("Members", [_item(story, a) for a in index.members.get(actor.id, ())])
    statements = actor_statement_sections(story, actor)
    context: list[Item] = []
    listed: set[str | None] = {inc.id for inc, _said in actor_statements(story, actor.id)}
    involving = story.entries_involving((actor.id,))
    for entry in involving:
        if isinstance(entry, ContextEvent) and actor.id in entry.actors:
            context.append(_item(story, entry.id))
            listed.add(entry.id)
    # Entries the actor only figures in through quotes about them, or as an
    # outlet a statement came through: the filter and counts include these.
    quoted_on = [_item(story, e.id) for e in involving if e.id not in listed]
    nodes += statements
    nodes += _section("On the timeline", context)
    nodes += _section("Quoted on", quoted_on)

    # Each quote in one section, so the sections add up to the actors
    # list's "N quotes" (describe.actor_quotes).
    quotes = actor_quotes(story, actor.id)
    nodes += _section("Quotes", [_quote_item(story, q) for q in quotes.said])
    nodes += _section("Quotes relayed", [_quote_item(story, q) for q in quotes.relayed])
    nodes += _section("Quotes about", [_quote_item(story, q) for q in quotes.about])
    if not any(isinstance(n, Section) for n in nodes):
        nodes += _block(Text("Nothing else in the story involves this actor.", "muted"))
    return nodes


def quote_view(story: Story, quote: Quote) -> list[Node]:
    kicker = "QUOTE" if quote.form == "quote" else "PARAPHRASE"
    nodes: list[Node] = [Title(kicker, actor_name(story, quote.speaker), quote.id)]
    nodes.append(Block((Text(quote.text, quoted=quote.form == "quote"),)))
    nodes.append(Block((Text(attribution(story, quote), "attribution"),)))
    nodes += _block(
        Field("Date", quote.date.display()) if quote.date else None,
        source_field(story, quote.source),
        Field("Note", quote.note) if quote.note else None,
    )
    people: list[tuple[str, str]] = [("speaker:", quote.speaker)]
    speaker = story.get(quote.speaker)
    if isinstance(speaker, Actor) and speaker.affiliation:
        people.append(("affiliation:", speaker.affiliation))
    people += [("via:", v) for v in quote.via]
    who: list[Item] = []
    seen: set[str] = set()
    for role, actor_id in people:  # each actor once, in its first role
        if actor_id not in seen:
            seen.add(actor_id)
            who.append(_item(story, actor_id, tag=role))
    nodes += _section("Who", who)
    nodes += _section("About", [_item(story, a, with_kind=True) for a in quote.about])
    return nodes


def timeline_view(story: Story, as_of: EdtfDate | None = None) -> list[Node]:
    """The timeline; *as_of*: the story is as it stood on that date."""
    entries = tuple(
        TimelineLine(row.date, row.record_id, row.short_summary, row.title)
        for row in timeline_rows(story)
    )
    footer = "storybrowse show [FILE] ID shows any record by its id"
    heading = f"Timeline ({plural(len(entries), 'entry', 'entries')})"
    nodes: list[Node] = [Timeline(heading, entries, footer)]
    if not entries and as_of is not None:
        empty = f"Nothing in the story is dated on or before {as_of.display()}."
        nodes += _block(Text(empty, "muted"))
    elif not entries:
        nodes += _block(Text("The story has no incidents or context events.", "muted"))
    return nodes


def not_found_view(record_id: str) -> list[Node]:
    """What is shown for an id the story does not have (never an error)."""
    return [
        Title("NOT FOUND", "", record_id),
        Block((Text("There is no record with this id in the story.", "muted"),)),
    ]


def build_view(
    story: Story, record_id: str | None, as_of: EdtfDate | None = None
) -> list[Node] | None:
    """The view of *record_id* (the overview and the timeline if None);
    None if no such id.

    *as_of*: *story* is the story as it stood on that date, which the view
    says first (``as of 10 Mar 2031``), so that a copy of it is not taken
    for the whole story."""
    nodes = _record_view(story, record_id, as_of)
    if nodes is None or as_of is None:
        return nodes
    return [Block((Text(as_of_words(as_of), "muted"),)), *nodes]


def as_of_words(date: EdtfDate) -> str:
    """``as of 10 Mar 2031``: how every surface names an as-of view."""
    return f"as of {date.display()}"


def _record_view(story: Story, record_id: str | None, as_of: EdtfDate | None) -> list[Node] | None:
    if record_id is None:  # the story: its overview, then the timeline
        return [*overview_view(story), *timeline_view(story, as_of)]
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
