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

The browser searches as the user types, in stories of tens of thousands of
records, so :class:`SearchIndex` keeps the folded text of every field in
ONE string (fields separated by a newline, which folded text never holds)
and answers with :class:`Hits`: the occurrences of a query, found one at a
time with ``str.find`` (C speed) and counted in slices (:meth:`Hits.count_some`),
so a keystroke's work is finding the first occurrence, not making an
object per match.  An occurrence is its offset in that string; only the
ones shown become a :class:`Match`.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterator
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
    occurrence: int = 0  # which occurrence of the query in the field (0: the first)

    @property
    def navigable(self) -> bool:
        return self.kind in NAVIGABLE

    def spans(self) -> list[tuple[int, int]]:
        """Where the query occurs in :attr:`text`: ``(start, end)`` offsets
        into the text as the story has it (not the folded copy), so a
        highlight lands on the right characters."""
        return find_all(self.text, self.query)

    @property
    def span(self) -> tuple[int, int] | None:
        """``(start, end)`` of this occurrence in :attr:`text`; None if the
        field holds fewer occurrences (never, for a match from an index)."""
        spans = self.spans()
        return spans[self.occurrence] if 0 <= self.occurrence < len(spans) else None


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


def story_fields(story: Story) -> Iterator[tuple[str, str]]:
    meta = story.meta
    yield from _opt(
        ("headline", meta.headline),
        ("summary", meta.summary),
        ("outlet", meta.outlet),
        ("byline", meta.byline),
        ("url", meta.url),
    )


def record_fields(story: Story, kind: MatchKind, record_id: str) -> Iterator[tuple[str, str]]:
    """(field, text) of one record (``"story"``: the story's metadata), in
    reading order; nothing for an id the story does not have."""
    if kind == "story":
        yield from story_fields(story)
        return
    rec = story.get(record_id)
    if isinstance(rec, Incident):
        yield from incident_fields(rec)
    elif isinstance(rec, ContextEvent):
        yield from context_fields(rec)
    elif isinstance(rec, Actor):
        yield from actor_fields(rec)
    elif isinstance(rec, Quote):
        yield from quote_fields(rec)
    elif isinstance(rec, Source):
        yield from source_fields(rec)


def records(story: Story) -> Iterator[tuple[MatchKind, str]]:
    """(kind, record id) of every record, in the order search visits them:
    the timeline, actors by kind, quotes, sources, then the story itself
    (``("story", "")``)."""
    for entry in story.timeline():
        yield ("incident" if isinstance(entry, Incident) else "context"), entry.id
    for _kind, actors in actor_groups(story):
        for actor in actors:
            yield "actor", actor.id
    for quote in story.quotes:
        yield "quote", quote.id
    for src in story.sources:
        yield "source", src.id
    yield "story", ""


def all_fields(story: Story) -> Iterator[tuple[MatchKind, str, str, str]]:
    """(kind, record id, field, text) for every piece of text, in reading order."""
    for kind, record_id in records(story):
        for name, text in record_fields(story, kind, record_id):
            yield kind, record_id, name, text


class SearchIndex:
    """The story's text, folded once, for searching as the user types.

    Built from the immutable story only, so it may be built in another
    thread; *pause* (if given) is called every few hundred fields while
    building (a thread passes ``time.sleep(0)`` to let the user interface
    run).  About 0.5 s and 10 MB for 10,000 incidents (150,000 fields).
    """

    PAUSE_EVERY = 500  # fields

    def __init__(self, story: Story, *, pause: Callable[[], None] | None = None) -> None:
        self.story = story
        self._records: list[tuple[MatchKind, str]] = []
        self._first_field = array("l")  # per record: the index of its first field
        self._field_record = array("l")  # per field: its record
        self._starts = array("q")  # per field: where its folded text starts in _text
        folded: list[str] = []
        at = 0
        for kind, record_id in records(story):
            self._first_field.append(len(self._field_record))
            record = len(self._records)
            self._records.append((kind, record_id))
            for _name, text in record_fields(story, kind, record_id):
                piece = fold(text)
                folded.append(piece)
                self._field_record.append(record)
                self._starts.append(at)
                at += len(piece) + 1
                if pause is not None and len(folded) % self.PAUSE_EVERY == 0:
                    pause()
        self._text = "\n".join(folded)
        self._record_of: dict[tuple[MatchKind, str], int] | None = None  # built by locate()

    @property
    def fields(self) -> int:
        """How many fields of text the index holds."""
        return len(self._starts)

    def hits(self, query: str) -> Hits:
        """The occurrences of *query* (found lazily; see :class:`Hits`)."""
        return Hits(self, query)

    def search(self, query: str) -> list[Match]:
        """Every field that contains *query*, one :class:`Match` each (its
        first occurrence), in reading order.  Linear in the hits: for tools
        and tests; the browser uses :meth:`hits`."""
        hits = self.hits(query)
        out: list[Match] = []
        last = -1
        pos = hits.first_pos()
        while pos is not None:
            field = self.field_of(pos)
            if field != last:
                out.append(self.match(pos, hits.needle, query))
                last = field
            pos = hits.next_pos(pos)
        return out

    # -- occurrences: offsets into the folded text ----------------------------
    def field_of(self, pos: int) -> int:
        """The field the folded text at *pos* belongs to."""
        return bisect_right(self._starts, pos) - 1

    def field_bounds(self, field: int) -> tuple[int, int]:
        """Start and end (exclusive) of *field* in the folded text."""
        start = self._starts[field]
        end = self._starts[field + 1] - 1 if field + 1 < len(self._starts) else len(self._text)
        return start, end

    def count_before(self, needle: str, pos: int) -> int:
        """How many occurrences of *needle* come before *pos* (an occurrence)."""
        return self._text.count(needle, 0, pos)

    def locate(self, match: Match, hits: Hits) -> int | None:
        """The occurrence of *hits* at *match*'s place (from another version
        of the story): the same occurrence in the field of the same name of
        the same record, else the record's first; None if the record is
        gone or holds none."""
        if self._record_of is None:
            self._record_of = {rec: n for n, rec in enumerate(self._records)}
        record = self._record_of.get((match.kind, match.record_id))
        if record is None or not hits.needle:
            return None
        first = self._first_field[record]
        ends = self._first_field[record + 1] if record + 1 < len(self._records) else self.fields
        if first >= ends:
            return None
        fields = record_fields(self.story, match.kind, match.record_id)
        for n, (name, _text) in enumerate(fields):
            if name == match.field:
                start, end = self.field_bounds(first + n)
                found = hits.walk(start, end)
                if found:
                    return found[min(match.occurrence, len(found) - 1)]
                break
        pos = self._text.find(hits.needle, self._starts[first], self.field_bounds(ends - 1)[1])
        return pos if pos >= 0 else None

    def match(self, pos: int, needle: str, query: str) -> Match:
        """The occurrence of *needle* (folded *query*) at *pos*, as a Match."""
        field = self.field_of(pos)
        record = self._field_record[field]
        kind, record_id = self._records[record]
        nth = field - self._first_field[record]
        start, _end = self.field_bounds(field)
        occurrence = self._text.count(needle, start, pos)
        for n, (name, text) in enumerate(record_fields(self.story, kind, record_id)):
            if n == nth:
                return Match(kind, record_id, name, text, query, occurrence)
        raise LookupError(f"field {nth} of {kind} {record_id!r} is gone")  # never: immutable


class Hits:
    """The occurrences of one query in a :class:`SearchIndex`, in reading
    order, found lazily.  An occurrence is its offset in the index's folded
    text; :meth:`SearchIndex.match` turns one into a :class:`Match`.

    Occurrences do not overlap within a field (``aa`` occurs once in
    ``aaa``), as :func:`tui.story.matching.find_all` finds them.
    """

    SLICE = 1 << 20  # characters counted per call of count_some (a few ms)

    def __init__(self, index: SearchIndex, query: str) -> None:
        self.index = index
        self.query = query
        self.needle = normalise(query)
        self._text = index._text
        self._counted_to = 0 if self.needle else len(self._text)
        self._count = 0

    # -- walking -----------------------------------------------------------
    def first_pos(self) -> int | None:
        if not self.needle:
            return None
        pos = self._text.find(self.needle)
        return pos if pos >= 0 else None

    def last_pos(self) -> int | None:
        if not self.needle:
            return None
        pos = self._text.rfind(self.needle)
        return None if pos < 0 else self._greedy_before(pos + 1)

    def next_pos(self, pos: int) -> int | None:
        """The occurrence after the one at *pos*; None after the last."""
        nxt = self._text.find(self.needle, pos + len(self.needle))
        return nxt if nxt >= 0 else None

    def prev_pos(self, pos: int) -> int | None:
        """The occurrence before the one at *pos*; None before the first."""
        found = self._text.rfind(self.needle, 0, pos)
        return None if found < 0 else self._greedy_before(min(pos, found + len(self.needle)))

    def walk(self, start: int, end: int) -> list[int]:
        """The occurrences between *start* and *end* (one field's bounds)."""
        out: list[int] = []
        at = self._text.find(self.needle, start, end) if self.needle else -1
        while at >= 0:
            out.append(at)
            at = self._text.find(self.needle, at + len(self.needle), end)
        return out

    def _greedy_before(self, limit: int) -> int:
        """The last occurrence starting before *limit* that a left-to-right
        walk of its field meets (rfind may find one that overlaps it)."""
        index = self.index
        start, end = index.field_bounds(index.field_of(limit - 1))
        best = at = self._text.find(self.needle, start, end)
        while 0 <= at < limit:
            best = at
            at = self._text.find(self.needle, at + len(self.needle), end)
        return best

    def match(self, pos: int) -> Match:
        return self.index.match(pos, self.needle, self.query)

    # -- counting ----------------------------------------------------------
    @property
    def total(self) -> int | None:
        """How many occurrences there are; None until counted."""
        return self._count if self._counted_to >= len(self._text) else None

    def count_some(self, size: int = SLICE) -> bool:
        """Count the occurrences in the next *size* characters or so (cut at
        the end of a field).  True once all are counted."""
        text = self._text
        start = self._counted_to
        if start >= len(text):
            return True
        end = text.find("\n", start + size)
        end = len(text) if end < 0 else end
        self._count += text.count(self.needle, start, end)
        self._counted_to = end
        return end >= len(text)

    def count_all(self) -> int:
        while not self.count_some():
            pass
        return self._count


def search(story: Story, query: str) -> list[Match]:
    """Every field of *story* that contains *query* (see the module doc).

    A query of only whitespace matches nothing.
    """
    return SearchIndex(story).search(query)
