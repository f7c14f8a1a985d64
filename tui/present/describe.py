"""The words storybrowse uses about records: counts, stances, list rows.

Pure functions over the model, shared by the browser's list panes, the
detail view model (:mod:`tui.present.view`) and the non-interactive
commands.  Every wording decision of that kind lives here once: the one
pluraliser (:func:`plural`), the stance words (:func:`stance_label`,
:func:`stance_word`), summaries and headings.  They return the story's own
text unchanged (never sanitised, never truncated): whoever prints the result
passes it through :mod:`tui.story.sanitize` (the UI through
``tui.widgets.text``) and truncates it to fit.  Never imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.story.characters import PLAIN_SPACES_RE
from tui.story.model import (
    ACTOR_KINDS,
    STANCES,
    Actor,
    Incident,
    Quote,
    RecordKind,
    Story,
    TimelineEntry,
    Withdrawn,
)
from tui.story.positions import WITHDRAWN, members, positions
from tui.story.positions import stance_counts as actor_stance_counts

SEPARATOR = " · "

KIND_HEADINGS: dict[str, str] = {
    "government": "Governments",
    "political-group": "Political groups",
    "armed-group": "Armed groups",
    "organisation": "Organisations",
    "media": "Media",
    "person": "People",
    "analyst": "Analysts",
    "other": "Other",
}

# A glyph and a letter, so the form is never told by a glyph (or colour) alone.
FORM_MARKS: dict[str, str] = {"quote": "“Q", "paraphrase": "≈P"}

# Runs of whitespace, but not the controls the character table shows.
_SPACES = PLAIN_SPACES_RE


def one_line(text: str) -> str:
    """Collapse every run of whitespace (newlines included) to one space;
    controls such as a vertical tab or U+2028 are kept, for the sanitiser
    to show."""
    return _SPACES.sub(" ", text).strip(" ")


def plural(count: int, word: str, words: str | None = None) -> str:
    """``1 incident``, ``2 incidents``, ``0 quotes``; *words* for an
    irregular plural (``plural(2, "person", "people")``)."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def stance_label(stance: str) -> str:
    """The stance as words in a sentence: ``declined-to-comment`` ->
    ``declined to comment``."""
    return stance.replace("-", " ")


def stance_word(stance: str) -> str:
    """The stance as the word shown beside its colour (a column heading, a
    tag): ``declined-to-comment`` -> ``DECLINED TO COMMENT``."""
    return stance_label(stance).upper()


# A confirmation is the rarest and most telling answer to a contested claim,
# so summaries name it first, where a narrow list cannot cut it off; an
# actor whose every statement was withdrawn comes last.
SUMMARY_ORDER: tuple[str, ...] = (
    "confirmed",
    *(s for s in STANCES if s != "confirmed"),
    WITHDRAWN,
)


def _withdrawn_parts(incident: Incident) -> list[str]:
    """The actors whose every statement was withdrawn, counted by the stance
    they withdrew: ``1 disputed (withdrawn)``; the stance stays visible."""
    counts: dict[str, int] = {}
    for p in positions(incident):
        if p.latest is None and p.responses:
            stance = p.responses[-1].stance
            counts[stance] = counts.get(stance, 0) + 1
    order = {s: i for i, s in enumerate(SUMMARY_ORDER)}
    return [
        f"{n} {stance_label(stance)} (withdrawn)"
        for stance, n in sorted(counts.items(), key=lambda c: order.get(c[0], len(order)))
    ]


def response_summary(incident: Incident, *, compact: bool = False) -> str:
    """The responding actors counted by their latest stance, changes marked:
    ``claimed · 2 confirmed (1 changed) · 1 investigating`` (confirmed
    always first); ``claimed · no responses`` when the story records none;
    ``3 claims · ...`` for an incident with several claims.

    *compact* leaves out ``claimed · `` (every incident is a claim) when
    there are responses: ``1 denied · 1 investigating``; for narrow lists.
    """
    full, short = response_summaries(incident)
    return short if compact else full


def response_summaries(incident: Incident) -> tuple[str, str]:
    """:func:`response_summary` and its *compact* form, counted once."""
    order = {s: i for i, s in enumerate(SUMMARY_ORDER)}
    counts = sorted(actor_stance_counts(incident), key=lambda c: order.get(c[0], len(order)))
    parts = []
    for stance, actors, changed in counts:
        if stance == WITHDRAWN:
            parts += _withdrawn_parts(incident)
            continue
        part = f"{actors} {stance_label(stance)}"
        parts.append(f"{part} ({changed} changed)" if changed else part)
    n = len(incident.claims)
    lead = "claimed" if n == 1 else plural(n, "claim")
    full = SEPARATOR.join([lead, *(parts or ["no responses"])])
    if parts:
        return full, SEPARATOR.join(parts if n == 1 else [lead, *parts])
    return full, full


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One timeline line: ``date  title  summary``."""

    kind: RecordKind  # "incident" or "context"
    record_id: str
    date: str  # EdtfDate.display(): precision and qualifiers visible
    title: str
    summary: str  # response summary, or "context" for a context event
    short_summary: str  # the compact response summary, or "context"


CONTEXT_LABEL = "context"


def timeline_row(entry: TimelineEntry) -> TimelineRow:
    if isinstance(entry, Incident):
        return TimelineRow(
            "incident",
            entry.id,
            entry.date.display(),
            one_line(entry.title),
            *response_summaries(entry),
        )
    return TimelineRow(
        "context",
        entry.id,
        entry.date.display(),
        one_line(entry.title),
        CONTEXT_LABEL,
        CONTEXT_LABEL,
    )


def filter_ids(story: Story, actor_id: str) -> tuple[str, ...]:
    """The actor filter's actors: *actor_id* and its members
    (:func:`tui.story.positions.members`)."""
    return (actor_id, *members(story, actor_id))


def timeline_rows(story: Story, actor_id: str | None = None) -> list[TimelineRow]:
    """The timeline in date order, optionally only what involves *actor_id*
    or one of its members."""
    if actor_id is None:
        return [timeline_row(e) for e in story.timeline()]
    ids = filter_ids(story, actor_id)
    return [timeline_row(e) for e in story.entries_involving(ids)]


@dataclass(frozen=True, slots=True)
class ActorCounts:
    incidents: int
    context: int
    quotes: int


def actor_counts(story: Story, actor_id: str) -> ActorCounts:
    """How many incidents, context events and quotes involve the actor (with
    the same rules the timeline and quote filters use)."""
    incidents, context, quotes = story.involvement_counts().get(actor_id, (0, 0, 0))
    return ActorCounts(incidents, context, quotes)


@dataclass(frozen=True, slots=True)
class ActorQuotes:
    """The quotes that involve an actor, each in exactly one group: those it
    said, those it relayed (in ``via``) but did not say, and those about it
    that it neither said nor relayed.  ``total`` is the count every surface
    shows as ``N quotes`` (the actors list, the actor's view, ``show``)."""

    said: tuple[Quote, ...]
    relayed: tuple[Quote, ...]
    about: tuple[Quote, ...]

    @property
    def total(self) -> int:
        return len(self.said) + len(self.relayed) + len(self.about)


def actor_quotes(story: Story, actor_id: str) -> ActorQuotes:
    """The quotes involving *actor_id* by the rule of
    :meth:`tui.story.model.Story.quote_involves`, grouped (file order
    within a group); ``total`` equals :func:`actor_counts`' ``quotes``."""
    said: list[Quote] = []
    relayed: list[Quote] = []
    about: list[Quote] = []
    for q in story.quotes_involving((actor_id,)):  # the per-actor index: no scan
        if q.speaker == actor_id:
            said.append(q)
        elif actor_id in q.via:
            relayed.append(q)
        elif actor_id in q.about:
            about.append(q)
    return ActorQuotes(tuple(said), tuple(relayed), tuple(about))


def actor_summary(story: Story, actor_id: str) -> str:
    """``2 incidents · 3 quotes``, plus `` · 1 context`` when it figures in
    context events."""
    c = actor_counts(story, actor_id)
    parts = [plural(c.incidents, "incident"), plural(c.quotes, "quote")]
    if c.context:
        parts.append(f"{c.context} context")
    return SEPARATOR.join(parts)


def kind_heading(kind: str) -> str:
    return KIND_HEADINGS.get(kind, kind.replace("-", " ").capitalize())


def actor_groups(story: Story) -> list[tuple[str, tuple[Actor, ...]]]:
    """Actors grouped by kind, in the order of ACTOR_KINDS (then any other
    kind in order of appearance); file order within a group.  Empty groups
    are left out."""
    kinds = list(ACTOR_KINDS)
    kinds += [k for k in dict.fromkeys(a.kind for a in story.actors) if k not in kinds]
    groups = []
    for kind in kinds:
        members = tuple(a for a in story.actors if a.kind == kind)
        if members:
            groups.append((kind, members))
    return groups


def actor_name(story: Story, actor_id: str) -> str:
    """The actor's name, or the id itself if the story has no such actor."""
    rec = story.get(actor_id)
    return rec.name if isinstance(rec, Actor) else actor_id


@dataclass(frozen=True, slots=True)
class QuoteRow:
    record_id: str
    speaker: str
    mark: str  # FORM_MARKS: "“Q" or "≈P"
    excerpt: str  # the whole text on one line; the caller truncates


def quote_row(story: Story, quote: Quote) -> QuoteRow:
    return QuoteRow(
        quote.id,
        actor_name(story, quote.speaker),
        FORM_MARKS.get(quote.form, "?"),
        one_line(quote.text),
    )


def quote_rows(story: Story, actor_id: str | None = None) -> list[QuoteRow]:
    """The quotes in file order, optionally only those that involve
    *actor_id* or one of its members."""
    if actor_id is None:
        return [quote_row(story, q) for q in story.quotes]
    ids = filter_ids(story, actor_id)
    return [quote_row(story, q) for q in story.quotes_involving(ids)]


def withdrawn_word(withdrawn: Withdrawn) -> str:
    """``WITHDRAWN 9 Mar 2031``, ``WITHDRAWN`` (date not known) or ``""``."""
    if withdrawn is None:
        return ""
    if withdrawn is True:
        return "WITHDRAWN"
    return f"WITHDRAWN {withdrawn.display()}"
