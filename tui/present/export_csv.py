"""``storybrowse export --format csv``: the story as tidy CSV tables.

One table per call, chosen by name (:data:`TABLES`): ``statements`` (the
default: one row per claim and per response), ``incidents``, ``actors``,
``quotes`` or ``sources``.  RFC 4180 as Python's :mod:`csv` writes it: a
header row, fields separated by commas, quoted when they hold a comma, a
quote or a line break, records ended by CRLF; the caller encodes it as
UTF-8.  Every text field is the story's text exactly (line breaks
included) unless the caller passes a *clean* function (the CLI does when
stdout is a terminal).  Dates come twice: as storybrowse shows them
(:meth:`EdtfDate.display`) and as the EDTF text of the file.  A list
(aliases, ``via``, ``about``) is one field, its items joined by ``"; "``.
Never imports textual.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from typing import Protocol

from tui.story.dates import EdtfDate
from tui.story.model import (
    Actor,
    Claim,
    Incident,
    Inference,
    Place,
    Quote,
    Response,
    Source,
    Story,
    Withdrawn,
)

from .describe import actor_counts, response_summary

LIST_SEPARATOR = "; "


class TextSink(Protocol):
    """Where CSV goes: anything with ``write(str)`` (a file opened with
    ``newline=""``, :class:`io.StringIO`, the CLI's UTF-8 stdout)."""

    def write(self, text: str, /) -> int: ...


Row = list[str]

STATEMENT_COLUMNS = (
    "incident_id",
    "incident_date",
    "incident_date_edtf",
    "incident_title",
    "role",
    "statement_id",
    "responds_to",
    "actor_id",
    "actor_name",
    "actor_kind",
    "speaker_id",
    "speaker_name",
    "stance",
    "date",
    "date_edtf",
    "date_reported",
    "form",
    "verb",
    "text",
    "source_id",
    "source_name",
    "source_url",
    "via_ids",
    "via_names",
    "withdrawn",
    "withdrawn_date",
    "withdrawn_date_edtf",
    "note",
)
INCIDENT_COLUMNS = (
    "id",
    "date",
    "date_edtf",
    "date_reported",
    "date_inferred_note",
    "date_inferred_source_ids",
    "title",
    "kind",
    "place",
    "from",
    "to",
    "summary",
    "claims",
    "claimed_by_ids",
    "claimed_by_names",
    "responses",
    "positions",
    "note",
)
ACTOR_COLUMNS = (
    "id",
    "name",
    "kind",
    "aliases",
    "affiliation_id",
    "affiliation_name",
    "role",
    "description",
    "incidents",
    "context_events",
    "quotes",
)
QUOTE_COLUMNS = (
    "id",
    "speaker_id",
    "speaker_name",
    "form",
    "verb",
    "text",
    "via_ids",
    "via_names",
    "about_ids",
    "source_id",
    "source_name",
    "source_url",
    "date",
    "date_edtf",
    "note",
)
SOURCE_COLUMNS = ("id", "name", "outlet", "published", "published_edtf", "url", "note")


def _date(date: EdtfDate | None) -> Row:
    """(as shown, EDTF text); empty strings for no date."""
    return ["", ""] if date is None else [date.display(), date.text]


def _name(story: Story, record_id: str | None) -> str:
    if record_id is None:
        return ""
    rec = story.get(record_id)
    if isinstance(rec, (Actor, Source)):
        return rec.name
    return record_id


def _names(story: Story, ids: tuple[str, ...]) -> str:
    return LIST_SEPARATOR.join(_name(story, i) for i in ids)


def _source(story: Story, source_id: str | None) -> Row:
    rec = story.get(source_id) if source_id is not None else None
    if not isinstance(rec, Source):
        return [source_id or "", "", ""]
    return [rec.id, rec.name, rec.url or ""]


def _withdrawn(value: Withdrawn) -> Row:
    """(``yes``/``no``, date as shown, EDTF text)."""
    if value is None:
        return ["no", "", ""]
    if value is True:
        return ["yes", "", ""]
    return ["yes", *_date(value)]


def _place(place: Place | None) -> str:
    return "" if place is None else place.label


def _statement_row(story: Story, inc: Incident, st: Claim | Response) -> Row:
    actor = story.get(st.by)
    response = isinstance(st, Response)
    return [
        inc.id,
        *_date(inc.date),
        inc.title,
        "response" if response else "claim",
        st.id or "",
        (st.responds_to or "") if isinstance(st, Response) else "",
        st.by,
        _name(story, st.by),
        actor.kind if isinstance(actor, Actor) else "",
        st.speaker or "",
        _name(story, st.speaker),
        st.stance if isinstance(st, Response) else "",
        *_date(st.date),
        st.date_reported or "",
        st.form,
        st.verb or "",
        st.text,
        *_source(story, st.source),
        LIST_SEPARATOR.join(st.via),
        _names(story, st.via),
        *_withdrawn(st.withdrawn),
        st.note or "",
    ]


def statement_rows(story: Story) -> Iterator[Row]:
    """One row per claim, then per response, of each incident in file order."""
    for inc in story.incidents:
        for st in inc.statements():
            yield _statement_row(story, inc, st)


def _inference(inf: Inference | None) -> Row:
    return ["", ""] if inf is None else [inf.note, LIST_SEPARATOR.join(inf.sources)]


def incident_rows(story: Story) -> Iterator[Row]:
    """One row per incident; ``positions`` is the timeline's wording
    (``claimed · 1 denied · 1 investigating``)."""
    for inc in story.incidents:
        by = tuple(dict.fromkeys(c.by for c in inc.claims))
        yield [
            inc.id,
            *_date(inc.date),
            inc.date_reported or "",
            *_inference(inc.date_inferred),
            inc.title,
            inc.kind or "",
            _place(inc.place),
            _place(inc.from_),
            _place(inc.to),
            inc.summary or "",
            str(len(inc.claims)),
            LIST_SEPARATOR.join(by),
            _names(story, by),
            str(len(inc.responses)),
            response_summary(inc),
            inc.note or "",
        ]


def actor_rows(story: Story) -> Iterator[Row]:
    """One row per actor, with the counts the actors list shows."""
    for actor in story.actors:
        counts = actor_counts(story, actor.id)
        yield [
            actor.id,
            actor.name,
            actor.kind,
            LIST_SEPARATOR.join(actor.aliases),
            actor.affiliation or "",
            _name(story, actor.affiliation),
            actor.role or "",
            actor.description or "",
            str(counts.incidents),
            str(counts.context),
            str(counts.quotes),
        ]


def quote_rows(story: Story) -> Iterator[Row]:
    for q in story.quotes:
        yield _quote_row(story, q)


def _quote_row(story: Story, q: Quote) -> Row:
    return [
        q.id,
        q.speaker,
        _name(story, q.speaker),
        q.form,
        q.verb,
        q.text,
        LIST_SEPARATOR.join(q.via),
        _names(story, q.via),
        LIST_SEPARATOR.join(q.about),
        *_source(story, q.source),
        *_date(q.date),
        q.note or "",
    ]


def source_rows(story: Story) -> Iterator[Row]:
    for s in story.sources:
        yield [s.id, s.name, s.outlet or "", *_date(s.published), s.url or "", s.note or ""]


TABLES: dict[str, tuple[tuple[str, ...], Callable[[Story], Iterator[Row]]]] = {
    "statements": (STATEMENT_COLUMNS, statement_rows),
    "incidents": (INCIDENT_COLUMNS, incident_rows),
    "actors": (ACTOR_COLUMNS, actor_rows),
    "quotes": (QUOTE_COLUMNS, quote_rows),
    "sources": (SOURCE_COLUMNS, source_rows),
}


def write_csv(
    story: Story,
    out: TextSink,
    table: str = "statements",
    clean: Callable[[str], str] | None = None,
) -> int:
    """Write *table* (a key of :data:`TABLES`) of *story* to *out* as CSV,
    row by row; return the number of data rows.  *out* must be opened with
    ``newline=""`` (the writer ends records with CRLF itself).  *clean*, if
    given, is applied to every field (e.g. the sanitiser, for a terminal).
    KeyError for an unknown table."""
    columns, rows = TABLES[table]
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    n = 0
    for row in rows(story):
        assert len(row) == len(columns), (table, len(row), len(columns))
        writer.writerow(row if clean is None else [clean(f) for f in row])
        n += 1
    return n
