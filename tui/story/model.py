"""The story model: frozen dataclasses, no UI.

A story file is loaded into these by :mod:`tui.story.load`.  Every text field
holds exactly what the author wrote; nothing here is sanitised (that happens
on the way out, see :mod:`tui.story.sanitize`).  References between records
are kept as ids and resolved through the lookup methods on :class:`Story`;
the loader guarantees that every id resolves to a record of the right kind.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from .dates import EdtfDate
from .format import RecordKind as RecordKind
from .vocab import ACTOR_KINDS as ACTOR_KINDS
from .vocab import FORMS as FORMS
from .vocab import STANCES as STANCES

# The closed vocabularies (STANCES, ACTOR_KINDS, FORMS) and RecordKind are
# declared, with their meanings, with the format table (tui.story.vocab) and
# named here too, so the rest of the code can take them from the model.

Form = Literal["quote", "paraphrase"]
# A statement's ``withdrawn``: the date it was withdrawn, True when that date
# is not known, None when it stands.
Withdrawn = EdtfDate | Literal[True] | None


@dataclass(frozen=True, slots=True)
class Inference:
    """Why a value that the story's own text does not state was recorded.

    ``note`` explains the inference; ``sources`` are ids of :class:`Source`
    records that support it.
    """

    note: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StoryMeta:
    headline: str
    outlet: str | None = None
    published: EdtfDate | None = None
    url: str | None = None
    summary: str | None = None
    byline: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """A report that items are attributed to (the article itself, or the
    outlet it relays, or a document an inference rests on)."""

    id: str
    name: str
    outlet: str | None = None
    published: EdtfDate | None = None
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: str  # one of ACTOR_KINDS
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None  # id of another actor (an organisation, a government)
    role: str | None = None  # e.g. "research fellow"
    description: str | None = None

    @property
    def label(self) -> str:
        """Name with the first alias: ``Government of Tajikistan (Dushanbe)``."""
        if self.aliases:
            return f"{self.name} ({self.aliases[0]})"
        return self.name


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    region: str | None = None  # province, oblast...
    country: str | None = None

    @property
    def label(self) -> str:
        return ", ".join(p for p in (self.name, self.region, self.country) if p)


@dataclass(frozen=True, slots=True)
class Claim:
    """Who claims what, as reported (a statement, like a response)."""

    by: str  # actor id
    text: str
    form: Form = "paraphrase"
    verb: str = "claimed"
    source: str | None = None  # source id
    date: EdtfDate | None = None
    note: str | None = None
    id: str | None = None  # format 2: responses name it in responds_to
    speaker: str | None = None  # actor id of the person who spoke for `by`
    via: tuple[str, ...] = ()  # actor ids, nearest first
    date_reported: str | None = None
    withdrawn: Withdrawn = None


@dataclass(frozen=True, slots=True)
class Response:
    """One responding actor's answer to an incident's claim."""

    by: str  # actor id
    stance: str  # one of STANCES
    text: str
    form: Form = "paraphrase"
    verb: str | None = None
    source: str | None = None
    date: EdtfDate | None = None
    note: str | None = None
    id: str | None = None
    speaker: str | None = None  # actor id of the person who spoke for `by`
    via: tuple[str, ...] = ()  # actor ids, nearest first
    date_reported: str | None = None
    withdrawn: Withdrawn = None
    responds_to: str | None = None  # claim id; None: the incident's only claim


@dataclass(frozen=True, slots=True)
class Incident:
    """An event on the timeline.  ``claims`` holds every claim in file order
    (one or more); ``claim`` is the first (a version-1 file's only claim)."""

    id: str
    title: str
    date: EdtfDate
    claim: Claim
    responses: tuple[Response, ...] = ()
    date_reported: str | None = None  # the wording of the source, e.g. "April 18"
    date_inferred: Inference | None = None  # set when the date is not the source's own
    kind: str | None = None  # free text, e.g. "rocket attack"
    place: Place | None = None
    from_: Place | None = None  # cross-border: where it was launched from
    to: Place | None = None  # cross-border: where it landed
    summary: str | None = None
    note: str | None = None
    claims: tuple[Claim, ...] = ()
    # Only in a story as of a date: claims made after it that a remaining
    # response (dated before its claim) answers, so it can still name them.
    later_claims: tuple[Claim, ...] = ()

    def __post_init__(self) -> None:
        if not self.claims:
            object.__setattr__(self, "claims", (self.claim,))

    def statements(self) -> tuple[Claim | Response, ...]:
        """The claims, then the responses, in file order."""
        out: tuple[Claim | Response, ...] = (*self.claims, *self.responses)
        return out

    def claim_for(self, response: Response) -> Claim:
        """The claim *response* answers: the one its ``responds_to`` names,
        else the first claim.  In a story as of a date it may be one of
        :attr:`later_claims`, not yet made."""
        if response.responds_to is not None:
            for c in (*self.claims, *self.later_claims):
                if c.id == response.responds_to:
                    return c
        return self.claim


@dataclass(frozen=True, slots=True)
class ContextEvent:
    """Background shown on the timeline: an agreement, a change of power."""

    id: str
    title: str
    date: EdtfDate
    text: str | None = None
    date_reported: str | None = None
    date_inferred: Inference | None = None
    actors: tuple[str, ...] = ()  # actor ids
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    speaker: str  # actor id
    text: str
    form: Form = "quote"
    verb: str = "said"
    via: tuple[str, ...] = ()  # actor ids, nearest first: "told RFE/RL" -> ("rferl",)
    about: tuple[str, ...] = ()  # ids of incidents, context events or actors
    source: str | None = None
    date: EdtfDate | None = None
    note: str | None = None


TimelineEntry = Incident | ContextEvent
Record = Incident | ContextEvent | Actor | Quote | Source


@dataclass(frozen=True, slots=True)
class ActorIndex:
    """What involves each actor, built once per story in one pass (see
    :meth:`Story.actor_index`): the actor view, the actor filter and Tab
    to the actors pane read it instead of scanning the whole story."""

    entries: dict[str, tuple[TimelineEntry, ...]]  # by Story.involves, timeline order
    quotes: dict[str, tuple[Quote, ...]]  # by Story.quote_involves, file order
    members: dict[str, tuple[str, ...]]  # actor ids whose affiliation it is, file order
    position: dict[str, int]  # a timeline entry's id -> its index in Story.timeline()


@dataclass(frozen=True, slots=True)
class Story:
    meta: StoryMeta
    sources: tuple[Source, ...] = ()
    actors: tuple[Actor, ...] = ()
    incidents: tuple[Incident, ...] = ()
    quotes: tuple[Quote, ...] = ()
    context: tuple[ContextEvent, ...] = ()
    # Only in the story as it stood on a date (tui.story.positions.as_of):
    # that date; the views mark what stays undated.  Never in a file.
    as_of: EdtfDate | None = field(default=None, compare=False)
    # Lookup tables, built once.
    _by_id: dict[str, Record] = field(init=False, repr=False, compare=False)
    _timeline: tuple[TimelineEntry, ...] = field(init=False, repr=False, compare=False)
    # Built on first use (see _index()): quotes by what they are about, and
    # the actors each timeline entry involves.
    _about: dict[str, tuple[Quote, ...]] | None = field(
        init=False, repr=False, compare=False, default=None
    )
    _involved: dict[str, frozenset[str]] | None = field(
        init=False, repr=False, compare=False, default=None
    )
    _counts: dict[str, tuple[int, int, int]] | None = field(
        init=False, repr=False, compare=False, default=None
    )
    _by_actor: ActorIndex | None = field(init=False, repr=False, compare=False, default=None)
    # Format 2: claims and responses with an id, and the incident they are in.
    _statements: dict[str, tuple[Incident, Claim | Response]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        by_id: dict[str, Record] = {}
        for group in (self.sources, self.actors, self.incidents, self.quotes, self.context):
            for rec in group:
                by_id.setdefault(rec.id, rec)
        object.__setattr__(self, "_by_id", by_id)
        statements: dict[str, tuple[Incident, Claim | Response]] = {}
        for inc in self.incidents:
            for st in inc.statements():
                if st.id is not None:
                    statements.setdefault(st.id, (inc, st))
        object.__setattr__(self, "_statements", statements)
        entries: list[TimelineEntry] = [*self.incidents, *self.context]
        order = {id(e): i for i, e in enumerate(entries)}
        # Stable: same date -> context before incidents, then file order.
        entries.sort(
            key=lambda e: (e.date.sort_key(), 0 if isinstance(e, ContextEvent) else 1, order[id(e)])
        )
        object.__setattr__(self, "_timeline", tuple(entries))

    # -- lookups ---------------------------------------------------------
    def get(self, record_id: str) -> Record | None:
        return self._by_id.get(record_id)

    def actor(self, actor_id: str) -> Actor:
        rec = self._by_id[actor_id]
        assert isinstance(rec, Actor)
        return rec

    def incident(self, incident_id: str) -> Incident:
        rec = self._by_id[incident_id]
        assert isinstance(rec, Incident)
        return rec

    def quote(self, quote_id: str) -> Quote:
        rec = self._by_id[quote_id]
        assert isinstance(rec, Quote)
        return rec

    def statement(self, statement_id: str) -> tuple[Incident, Claim | Response] | None:
        """The claim or response with id *statement_id* and its incident, or None."""
        return self._statements.get(statement_id)

    def kind_of(self, record_id: str) -> RecordKind | None:
        rec = self._by_id.get(record_id)
        if rec is None:
            found = self._statements.get(record_id)
            if found is None:
                return None
            return "claim" if isinstance(found[1], Claim) else "response"
        return _KIND[type(rec)]

    # -- derived views ---------------------------------------------------
    def timeline(self) -> tuple[TimelineEntry, ...]:
        """Incidents and context events in date order."""
        return self._timeline

    def quotes_about(self, record_id: str) -> tuple[Quote, ...]:
        """The quotes whose ``about`` names *record_id*, in file order."""
        return self._index()[0].get(record_id, ())

    def _index(self) -> tuple[dict[str, tuple[Quote, ...]], dict[str, frozenset[str]]]:
        """Build the reverse indexes once, in one pass over the story: large
        stories ask "what involves this actor?" for every actor."""
        about, involved = self._about, self._involved
        if about is None or involved is None:
            lists: dict[str, list[Quote]] = {}
            for q in self.quotes:
                for target in dict.fromkeys(q.about):
                    lists.setdefault(target, []).append(q)
            about = {k: tuple(v) for k, v in lists.items()}
            involved = {}
            for entry in self._timeline:
                ids = set(self.actors_in(entry))
                ids.update(q.speaker for q in about.get(entry.id, ()))
                involved[entry.id] = frozenset(ids)
            object.__setattr__(self, "_about", about)
            object.__setattr__(self, "_involved", involved)
        return about, involved

    def actors_in(self, entry: TimelineEntry) -> tuple[str, ...]:
        """Ids of the actors an incident or context event involves, in order."""
        ids: list[str] = []
        if isinstance(entry, Incident):
            for st in entry.statements():
                ids.append(st.by)
                if st.speaker is not None:
                    ids.append(st.speaker)
                ids.extend(st.via)
        else:
            ids.extend(entry.actors)
        return tuple(dict.fromkeys(ids))

    def involves(self, entry: TimelineEntry, actor_id: str) -> bool:
        """True if the actor claims, responds to or figures in the entry, or
        speaks in a quote about it."""
        involved = self._index()[1].get(entry.id)
        if involved is None:  # an entry from another story
            return actor_id in self.actors_in(entry) or any(
                q.speaker == actor_id for q in self.quotes_about(entry.id)
            )
        return actor_id in involved

    def involvement_counts(self) -> dict[str, tuple[int, int, int]]:
        """For every actor id: (incidents, context events, quotes) that
        involve it, by the rules of :meth:`involves` and
        :meth:`quote_involves` (from :meth:`actor_index`)."""
        if self._counts is not None:
            return self._counts
        index = self.actor_index()
        result: dict[str, tuple[int, int, int]] = {}
        for a in self.actors:
            entries = index.entries.get(a.id, ())
            incidents = sum(1 for e in entries if isinstance(e, Incident))
            result[a.id] = (incidents, len(entries) - incidents, len(index.quotes.get(a.id, ())))
        object.__setattr__(self, "_counts", result)
        return result

    def actor_index(self) -> ActorIndex:
        """The per-actor index (:class:`ActorIndex`), built on first use in
        one pass over the timeline, the quotes and the actors."""
        if self._by_actor is not None:
            return self._by_actor
        involved = self._index()[1]
        entries: dict[str, list[TimelineEntry]] = {}
        for entry in self._timeline:
            for actor_id in involved[entry.id]:
                entries.setdefault(actor_id, []).append(entry)
        quotes: dict[str, list[Quote]] = {}
        for q in self.quotes:
            for actor_id in dict.fromkeys((q.speaker, *q.via, *q.about)):
                quotes.setdefault(actor_id, []).append(q)
        members: dict[str, list[str]] = {}
        for a in self.actors:
            if a.affiliation is not None:
                members.setdefault(a.affiliation, []).append(a.id)
        index = ActorIndex(
            {k: tuple(v) for k, v in entries.items()},
            {k: tuple(v) for k, v in quotes.items()},
            {k: tuple(v) for k, v in members.items()},
            {e.id: i for i, e in enumerate(self._timeline)},
        )
        object.__setattr__(self, "_by_actor", index)
        return index

    def entries_involving(self, actor_ids: Iterable[str]) -> tuple[TimelineEntry, ...]:
        """The timeline entries that involve any of *actor_ids* (by the
        rules of :meth:`involves`), each once, in timeline order."""
        index = self.actor_index()
        found: dict[str, TimelineEntry] = {}
        for actor_id in actor_ids:
            for entry in index.entries.get(actor_id, ()):
                found[entry.id] = entry
        if len(found) < 2:
            return tuple(found.values())
        return tuple(sorted(found.values(), key=lambda e: index.position[e.id]))

    def quotes_involving(self, actor_ids: Iterable[str]) -> tuple[Quote, ...]:
        """The quotes that involve any of *actor_ids* (by the rules of
        :meth:`quote_involves`), each once, in file order."""
        index = self.actor_index()
        lists = [index.quotes.get(a, ()) for a in actor_ids]
        if len(lists) == 1:
            return lists[0]
        wanted = {id(q) for found in lists for q in found}
        return tuple(q for q in self.quotes if id(q) in wanted)

    def quote_involves(self, quote: Quote, actor_id: str) -> bool:
        return quote.speaker == actor_id or actor_id in quote.via or actor_id in quote.about


_KIND: dict[type, RecordKind] = {
    Incident: "incident",
    ContextEvent: "context",
    Actor: "actor",
    Quote: "quote",
    Source: "source",
}
