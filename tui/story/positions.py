"""Positions over time: who said what, when, and how it changed.

The computations the views and the export share, with no wording in them:

* :func:`in_order`: statements (claims or responses) by date, with the
  date's precision (``2020-01`` before ``2020-01-10``), then in file order;
  statements whose year is unknown come after the dated ones, undated ones
  last.
* :func:`positions`: per incident, one :class:`Position` per responding
  actor (in the order of its first response in the file): its responses in
  date order, its latest stance, whether it changed.
* :func:`stance_counts`: the incident's responding actors counted by their
  latest stance.
* :func:`members`: the actors that belong to an actor (``affiliation``).
* :func:`actor_statements`: what an actor (and its members) claimed or
  responded, grouped by incident, each group in date order.
* :func:`as_of` and :func:`statement_dates`: the story as it stood on a
  date, and the dates on which statements were made or withdrawn.

Never imports textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TypeVar

from .dates import EdtfDate
from .model import Claim, ContextEvent, Incident, Quote, Response, Story
from .vocab import STANCES

S = TypeVar("S", Claim, Response, Claim | Response)

# The key of a stance count for an actor whose every statement is withdrawn.
WITHDRAWN = "withdrawn"

_UNDATED = (2, 0, 0, 0)


def date_key(date: EdtfDate | None) -> tuple[int, int, int, int]:
    """The sort key of a statement's date: calendar order, a coarser date
    before a finer one in the same period, an unknown year after every
    known one, no date last."""
    return _UNDATED if date is None else date.sort_key()


def in_order(statements: Iterable[S]) -> tuple[S, ...]:
    """*statements* by date (see :func:`date_key`), then in the given order."""
    items = list(statements)
    order = sorted(range(len(items)), key=lambda i: (date_key(items[i].date), i))
    return tuple(items[i] for i in order)


def stands(statement: Claim | Response) -> bool:
    """True if the statement has not been withdrawn."""
    return statement.withdrawn is None


@dataclass(frozen=True, slots=True)
class Position:
    """One responding actor's position on an incident.

    ``responses``: its responses in date order; ``latest``: the stance of
    the last one that was not withdrawn (None if all were); ``changed``:
    True if its stance changed along the way or a response was withdrawn.
    """

    actor: str
    responses: tuple[Response, ...]
    latest: str | None
    changed: bool

    @property
    def latest_key(self) -> str:
        """:attr:`latest`, or :data:`WITHDRAWN` when every response was withdrawn."""
        return self.latest if self.latest is not None else WITHDRAWN


def positions(incident: Incident) -> tuple[Position, ...]:
    """One :class:`Position` per actor that responds to *incident*, in the
    order of each actor's first response in the file."""
    by_actor: dict[str, list[Response]] = {}
    for r in incident.responses:
        by_actor.setdefault(r.by, []).append(r)
    out = []
    for actor, said in by_actor.items():
        ordered = in_order(said)
        standing = [r for r in ordered if stands(r)]
        latest = standing[-1].stance if standing else None
        stances = [r.stance for r in ordered]
        changed = len(standing) != len(ordered) or any(a != b for a, b in pairwise(stances))
        out.append(Position(actor, ordered, latest, changed))
    return tuple(out)


def stance_counts(incident: Incident) -> tuple[tuple[str, int, int], ...]:
    """``(stance, actors, of whom changed)`` for every latest stance of the
    incident's responding actors, in the order of :data:`STANCES`, then
    :data:`WITHDRAWN`; stances no actor holds are left out."""
    counts: dict[str, list[int]] = {}
    for p in positions(incident):
        slot = counts.setdefault(p.latest_key, [0, 0])
        slot[0] += 1
        slot[1] += p.changed
    return tuple(
        (stance, counts[stance][0], counts[stance][1])
        for stance in (*STANCES, WITHDRAWN)
        if stance in counts
    )


def members(story: Story, actor_id: str) -> tuple[str, ...]:
    """Ids of the actors that belong to *actor_id*: those whose
    ``affiliation`` is it, and theirs in turn (a ministry's spokesman
    belongs to the government), in file order, the actor itself left out."""
    children = story.actor_index().members
    found: dict[str, None] = {}
    todo = [actor_id]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child != actor_id and child not in found:
                found[child] = None
                todo.append(child)
    order = {a.id: i for i, a in enumerate(story.actors)}
    return tuple(sorted(found, key=order.__getitem__))


def _speaks(statement: Claim | Response, ids: frozenset[str]) -> bool:
    return statement.by in ids or statement.speaker in ids


def actor_statements(
    story: Story, actor_id: str, *, with_members: bool = False
) -> tuple[tuple[Incident, tuple[Claim | Response, ...]], ...]:
    """What *actor_id* claimed or responded (as ``by`` or as ``speaker``),
    and with *with_members* what its :func:`members` did: ``(incident,
    statements in date order)`` for each incident, the incidents in the
    order of their first statement's date, then timeline order."""
    ids = frozenset((actor_id, *(members(story, actor_id) if with_members else ())))
    groups: list[tuple[Incident, tuple[Claim | Response, ...]]] = []
    # Only the entries that involve them (the story's per-actor index): an
    # actor who speaks on an incident is one it involves.
    for entry in story.entries_involving(ids):
        if isinstance(entry, Incident):
            said = [s for s in entry.statements() if _speaks(s, ids)]
            if said:
                groups.append((entry, in_order(said)))
    order = sorted(range(len(groups)), key=lambda i: (date_key(groups[i][1][0].date), i))
    return tuple(groups[i] for i in order)


# -- the story as it stood on a date ----------------------------------------


def after(date: EdtfDate | None, cutoff: EdtfDate) -> bool:
    """True if *date* certainly falls after *cutoff*: its first possible
    day is after the cutoff's last (``--as-of 2020-01`` keeps all of
    January).  An undated or year-unknown date is never after."""
    if date is None:
        return False
    first, last = date.earliest(), cutoff.latest()
    return first is not None and last is not None and first > last


def _as_of_statement(statement: S, cutoff: EdtfDate) -> S:
    """A withdrawal dated after the cutoff had not happened yet."""
    w = statement.withdrawn
    if isinstance(w, EdtfDate) and after(w, cutoff):
        return replace(statement, withdrawn=None)
    return statement


def _incident_as_of(inc: Incident, cutoff: EdtfDate) -> Incident | None:
    """*inc* as it stood on *cutoff*: the claims and responses made by
    then; None if none of its claims had been made.  A response dated
    before the claim it answers (a warning when loading) stays if it is
    dated by then; the claim, not yet made, is kept in ``later_claims``
    only so that the response can name it."""
    claims = tuple(_as_of_statement(c, cutoff) for c in inc.claims if not after(c.date, cutoff))
    if not claims:
        return None
    responses = tuple(
        _as_of_statement(r, cutoff) for r in inc.responses if not after(r.date, cutoff)
    )
    if claims == inc.claims and responses == inc.responses:
        return inc
    answered = {id(inc.claim_for(r)) for r in responses}
    later = tuple(c for c in inc.claims if after(c.date, cutoff) and id(c) in answered)
    return replace(inc, claim=claims[0], claims=claims, responses=responses, later_claims=later)


def as_of(story: Story, cutoff: EdtfDate) -> Story:
    """The story as it stood on *cutoff*.

    Left out: claims, responses, quotes, incidents and context events dated
    after it (see :func:`after`), and an incident none of whose claims had
    been made; a response made before the claim it answers stays (see
    :func:`_incident_as_of`).  A
    withdrawal dated after the cutoff is undone.  Undated statements stay
    (the views mark them).  Every summary computed from the result counts
    only what remains.
    """
    incidents = []
    for inc in story.incidents:
        if after(inc.date, cutoff):
            continue
        kept = _incident_as_of(inc, cutoff)
        if kept is not None:
            incidents.append(kept)
    context: list[ContextEvent] = [e for e in story.context if not after(e.date, cutoff)]
    kept_ids = {i.id for i in incidents} | {e.id for e in context}
    dropped = {i.id for i in story.incidents} | {e.id for e in story.context}
    dropped -= kept_ids
    quotes: list[Quote] = []
    for q in story.quotes:
        if after(q.date, cutoff):
            continue
        if q.about and all(a in dropped for a in q.about):
            continue  # about nothing that had happened yet
        if any(a in dropped for a in q.about):
            q = replace(q, about=tuple(a for a in q.about if a not in dropped))
        quotes.append(q)
    return Story(
        meta=story.meta,
        sources=story.sources,
        actors=story.actors,
        incidents=tuple(incidents),
        quotes=tuple(quotes),
        context=tuple(context),
        as_of=cutoff,
    )


def statement_dates(story: Story) -> tuple[EdtfDate, ...]:
    """The distinct dates (by their text) on which the story's claims and
    responses were made or withdrawn (a position changed on each), in order
    (see :func:`date_key`); dates with an unknown year are left out, as
    they cannot be placed."""
    seen: dict[str, EdtfDate] = {}
    for inc in story.incidents:
        for s in inc.statements():
            for d in (s.date, s.withdrawn):
                if isinstance(d, EdtfDate) and d.earliest() is not None:
                    seen.setdefault(d.text, d)
    return tuple(sorted(seen.values(), key=date_key))


def undated(statements: Sequence[Claim | Response]) -> int:
    """How many of *statements* have no date."""
    return sum(1 for s in statements if s.date is None)
