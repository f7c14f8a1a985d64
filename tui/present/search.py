"""Full-text search over everything a story says.  Pure; never imports textual.

:func:`search` looks for a plain substring, folded by
:func:`tui.story.matching.fold` (Unicode case folding, accents and other
combining marks ignored, any run of whitespace as one space), in every
piece of text of the story: the headline and metadata, timeline entries
(titles, dates as reported, places, claims, responses, notes), actors
(names, aliases, roles, descriptions), quotes and sources.  It returns one
:class:`Match` per field that contains the query, in the order a reader
meets them in the browser: timeline, then actors grouped by kind, then
quotes, then sources and the story's metadata.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from tui.present.describe import actor_groups, stance_label
from tui.story.matching import find_all, fold
from tui.story.model import (
    Actor,
    ContextEvent,
    Incident,
    Inference,
    Place,
    Quote,
    RecordKind,
    Source,
    Story,
)

MatchKind = RecordKind | Literal["story"]

# Kinds n/N can show in the browser: records with a list pane, and the story.
# "story": the story's metadata, shown in its overview.
NAVIGABLE: frozenset[str] = frozenset({"incident", "context", "actor", "quote", "source", "story"})


@dataclass(frozen=True, slots=True)
class Match:
    kind: MatchKind  # "story" for the story's own metadata
    record_id: str  # "" for the story's metadata
    field: str  # e.g. "claim.text", "responses[1].text", "aliases[0]"
    text: str  # the whole field, as the story has it
    query: str = ""  # what was searched for

    @property
    def navigable(self) -> bool:
        return self.kind in NAVIGABLE

    def spans(self) -> list[tuple[int, int]]:
        """Where the query occurs in :attr:`text`: ``(start, end)`` offsets
        into the text as the story has it (not the folded copy), so a
        highlight lands on the right characters."""
        return find_all(self.text, self.query)


def normalise(text: str) -> str:
    """Folded for search (:func:`tui.story.matching.fold`: case folded,
    accents and other combining marks ignored, runs of whitespace as one
    space)."""
    return fold(text)


def _place(name: str, place: Place | None) -> Iterator[tuple[str, str]]:
    if place is not None:
        yield name, place.label


def _inference(name: str, inf: Inference | None) -> Iterator[tuple[str, str]]:
    if inf is not None:
        yield f"{name}.note", inf.note


def _opt(*pairs: tuple[str, str | None]) -> Iterator[tuple[str, str]]:
    for name, value in pairs:
        if value:
            yield name, value


def incident_fields(inc: Incident) -> Iterator[tuple[str, str]]:
    yield "title", inc.title
    yield "date", inc.date.display()
    yield from _opt(("date_reported", inc.date_reported), ("kind", inc.kind))
    yield from _inference("date_inferred", inc.date_inferred)
    yield from _place("place", inc.place)
    yield from _place("from", inc.from_)
    yield from _place("to", inc.to)
    yield from _opt(("summary", inc.summary), ("note", inc.note))
    several = len(inc.claims) > 1
    for n, claim in enumerate(inc.claims):
        at = f"claims[{n}]" if several else "claim"
        yield f"{at}.text", claim.text
        yield from _opt(
            (f"{at}.verb", claim.verb),
            (f"{at}.note", claim.note),
            (f"{at}.date_reported", claim.date_reported),
        )
    for n, r in enumerate(inc.responses):
        yield f"responses[{n}].stance", stance_label(r.stance)
        yield f"responses[{n}].text", r.text
        yield from _opt(
            (f"responses[{n}].verb", r.verb),
            (f"responses[{n}].note", r.note),
            (f"responses[{n}].date_reported", r.date_reported),
        )


def context_fields(ev: ContextEvent) -> Iterator[tuple[str, str]]:
    yield "title", ev.title
    yield "date", ev.date.display()
    yield from _opt(("date_reported", ev.date_reported))
    yield from _inference("date_inferred", ev.date_inferred)
    yield from _opt(("text", ev.text))


def actor_fields(actor: Actor) -> Iterator[tuple[str, str]]:
    yield "name", actor.name
    for n, alias in enumerate(actor.aliases):
        yield f"aliases[{n}]", alias
    yield "kind", actor.kind
    yield from _opt(("role", actor.role), ("description", actor.description))


def quote_fields(quote: Quote) -> Iterator[tuple[str, str]]:
    yield "text", quote.text
    yield from _opt(("verb", quote.verb), ("note", quote.note))


def source_fields(src: Source) -> Iterator[tuple[str, str]]:
    yield "name", src.name
    yield from _opt(("outlet", src.outlet), ("url", src.url), ("note", src.note))


def all_fields(story: Story) -> Iterator[tuple[MatchKind, str, str, str]]:
    """(kind, record id, field, text) for every piece of text, in reading order."""
    for entry in story.timeline():
        if isinstance(entry, Incident):
            for name, text in incident_fields(entry):
                yield "incident", entry.id, name, text
        else:
            for name, text in context_fields(entry):
                yield "context", entry.id, name, text
    for _kind, actors in actor_groups(story):
        for actor in actors:
            for name, text in actor_fields(actor):
                yield "actor", actor.id, name, text
    for quote in story.quotes:
        for name, text in quote_fields(quote):
            yield "quote", quote.id, name, text
    for src in story.sources:
        for name, text in source_fields(src):
            yield "source", src.id, name, text
    meta = story.meta
    for name, value in (
        ("headline", meta.headline),
        ("summary", meta.summary),
        ("outlet", meta.outlet),
        ("byline", meta.byline),
        ("url", meta.url),
    ):
        if value:
            yield "story", "", name, value


@dataclass(frozen=True, slots=True)
class RecordMatches:
    """All the matches in one record (or in the story's metadata)."""

    kind: MatchKind
    record_id: str
    fields: tuple[str, ...]

    @property
    def navigable(self) -> bool:
        return self.kind in NAVIGABLE


def by_record(matches: list[Match]) -> list[RecordMatches]:
    """Group *matches* by record, keeping their order (one entry per record,
    at the place of its first match)."""
    fields: dict[tuple[MatchKind, str], list[str]] = {}
    for m in matches:
        fields.setdefault((m.kind, m.record_id), []).append(m.field)
    return [RecordMatches(kind, rid, tuple(names)) for (kind, rid), names in fields.items()]


class SearchIndex:
    """The story's text, normalised once, for repeated (incremental) search."""

    def __init__(self, story: Story) -> None:
        self._fields = [
            (kind, record_id, name, text, normalise(text))
            for kind, record_id, name, text in all_fields(story)
        ]

    def search(self, query: str) -> list[Match]:
        needle = normalise(query)
        if not needle:
            return []
        return [
            Match(kind, record_id, name, text, query)
            for kind, record_id, name, text, folded in self._fields
            if needle in folded
        ]


def search(story: Story, query: str) -> list[Match]:
    """Every field of *story* that contains *query* (see the module doc).

    A query of only whitespace matches nothing.
    """
    return SearchIndex(story).search(query)
