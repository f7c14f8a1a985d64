"""What cites each source: the reverse index behind a source's view, the
sources list's counts and the overview.

Built once per story, in one pass (:func:`citations`): every claim,
response, quote, date inference and context event that names a source, in
the order a reader meets them (the timeline, then the quotes).  Never
imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tui.story.model import ContextEvent, Incident, Inference, RecordKind, Story

CitingKind = Literal["claim", "response", "quote", "inference", "event"]


@dataclass(frozen=True, slots=True)
class Citation:
    """One place that cites a source.

    ``kind``: what cites it (a claim, a response, a quote, a date inference,
    a context event); ``record_kind`` and ``record_id``: the record to open
    for it (the incident of a claim or response, the quote, the incident or
    context event whose date was inferred, the context event); ``index``:
    which claim or response of the incident (0-based, in file order)."""

    kind: CitingKind
    record_kind: RecordKind
    record_id: str
    index: int = 0


Index = dict[str, tuple[Citation, ...]]

# The last stories indexed, by identity (a Story is frozen and compared by
# value, which would walk the whole story): (story, index).  The story is
# kept so that its id cannot be reused while it is cached.
_CACHE: list[tuple[Story, Index]] = []
_CACHE_SIZE = 4


def _inferred(
    lists: dict[str, list[Citation]], inf: Inference | None, kind: RecordKind, record_id: str
) -> None:
    if inf is not None:
        for source_id in dict.fromkeys(inf.sources):
            lists.setdefault(source_id, []).append(Citation("inference", kind, record_id))


def _build(story: Story) -> Index:
    lists: dict[str, list[Citation]] = {}
    for entry in story.timeline():
        if isinstance(entry, Incident):
            _inferred(lists, entry.date_inferred, "incident", entry.id)
            for n, claim in enumerate(entry.claims):
                if claim.source:
                    lists.setdefault(claim.source, []).append(
                        Citation("claim", "incident", entry.id, n)
                    )
            for n, response in enumerate(entry.responses):
                if response.source:
                    lists.setdefault(response.source, []).append(
                        Citation("response", "incident", entry.id, n)
                    )
        elif isinstance(entry, ContextEvent):
            if entry.source:
                lists.setdefault(entry.source, []).append(Citation("event", "context", entry.id))
            _inferred(lists, entry.date_inferred, "context", entry.id)
    for quote in story.quotes:
        if quote.source:
            lists.setdefault(quote.source, []).append(Citation("quote", "quote", quote.id))
    return {k: tuple(v) for k, v in lists.items()}


def citations(story: Story) -> Index:
    """Source id -> every :class:`Citation` of it, in reading order (the
    timeline: an incident's date inference, claims, responses; a context
    event and its inference; then the quotes in file order).  A source
    nothing cites has no key.  Built once per story object."""
    for cached, index in _CACHE:
        if cached is story:
            return index
    index = _build(story)
    _CACHE.insert(0, (story, index))
    del _CACHE[_CACHE_SIZE:]
    return index


_COUNTS: list[tuple[Story, dict[str, int]]] = []


def citation_counts(story: Story) -> dict[str, int]:
    """Source id -> how many citations it has (as :func:`citations` would
    list them), without building the index: the sources list and the
    overview need only the counts.  Built once per story object."""
    for cached, counts in _COUNTS:
        if cached is story:
            return counts
    found: dict[str, int] = {}
    for entry in story.timeline():
        inf = entry.date_inferred
        if inf is not None:
            for source_id in set(inf.sources):
                found[source_id] = found.get(source_id, 0) + 1
        if isinstance(entry, Incident):
            for st in entry.statements():
                if st.source:
                    found[st.source] = found.get(st.source, 0) + 1
        elif entry.source:
            found[entry.source] = found.get(entry.source, 0) + 1
    for quote in story.quotes:
        if quote.source:
            found[quote.source] = found.get(quote.source, 0) + 1
    _COUNTS.insert(0, (story, found))
    del _COUNTS[_CACHE_SIZE:]
    return found


def cited_by(story: Story, source_id: str) -> tuple[Citation, ...]:
    """Every citation of the source *source_id* (empty if nothing cites it)."""
    return citations(story).get(source_id, ())
