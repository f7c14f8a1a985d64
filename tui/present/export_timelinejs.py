"""``storybrowse export --format timelinejs`` and ``timelinejs-csv``: the
story as Knight Lab's TimelineJS3 reads it.

The JSON (TimelineJS3's "JSON data format"): ``{"title": slide, "events":
[slide, ...]}``, a slide being ``{"unique_id", "start_date": {"year",
"month", "day"}, "display_date", "text": {"headline", "text"}, "group"}``.
One event per incident and per context event, in timeline order.
``start_date`` holds the date's known parts only (TimelineJS needs the
year: an entry whose year is not known, ``XXXX-04-18`` or ``201X``, is left
out and returned in ``skipped``); ``display_date`` is the date as
storybrowse writes it (``7 May 2022?``), so the uncertainty is kept.
``group`` is ``Incidents`` or ``Context``.  Headline and text are HTML in
which every piece of story text is escaped (:func:`html.escape`); links are
made only from ``http``/``https`` URLs (:func:`tui.story.urls.is_web_url`);
another URL is shown as text.  The slide's text is the record as ``show``
words it (:mod:`tui.present.export_html`).  For a story as of a date
the title slide says so first (``As of 24 May 2031``).  TimelineJS3
refuses a timeline without events: :func:`timelinejs` returns an empty
list then, and the CLI writes nothing and exits 1.

The CSV has the columns of Knight Lab's Google Sheets template
(:data:`SHEET_COLUMNS`), a ``title`` row first, so the rows can be pasted
into a copy of the template.  Never imports textual.
"""

from __future__ import annotations

import csv
import html
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from tui.story.export import dumps
from tui.story.model import (
    ContextEvent,
    Incident,
    Source,
    Story,
    TimelineEntry,
)
from tui.story.urls import is_web_url

from .describe import response_summary
from .export_csv import TextSink, cell_filter
from .export_html import nodes_html
from .view import context_view, incident_view

# The title slide's unique_id: a story id starts with a letter, so no
# record's slide can share it.
TITLE_ID = "_title"
GROUP_INCIDENT = "Incidents"
GROUP_CONTEXT = "Context"

# Knight Lab's Google Sheets template, in its order (TimelineJS3 reads the
# sheet by these headers).
SHEET_COLUMNS = (
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
)

JSON = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Skipped:
    """An entry left out because TimelineJS needs a year it does not have."""

    record_id: str
    title: str
    date: str  # as displayed

    def message(self) -> str:
        return f"{self.record_id}: left out of the timeline, its year is not known ({self.date})"


def _esc(text: str) -> str:
    """Story text as HTML: escaped, paragraphs and line breaks kept."""
    paragraphs = [p for p in text.strip().split("\n\n") if p.strip()]
    escaped = (html.escape(p.strip(), quote=False).replace("\n", "<br>") for p in paragraphs)
    return "</p><p>".join(escaped)


def _p(text: str) -> str:
    return f"<p>{text}</p>"


def _link(source: Source) -> str:
    """The source's name, a link when its URL is http(s); any other URL is
    shown as text after the name, never as a link."""
    name = html.escape(source.name)
    url = source.url or ""
    if is_web_url(url):
        return f'<a href="{html.escape(url, quote=True)}">{name}</a>'
    return f"{name} ({html.escape(url)})" if url else name


def _sources(story: Story, ids: Iterable[str | None]) -> str:
    """``Sources: <a>The Example Gazette</a>, ...``: each source once, in
    order of first use; empty when none is a source of the story."""
    found = [story.get(i) for i in dict.fromkeys(i for i in ids if i)]
    links = [_link(s) for s in found if isinstance(s, Source)]
    return _p(f"<small>Sources: {', '.join(links)}</small>") if links else ""


def incident_html(story: Story, inc: Incident) -> str:
    """The incident as ``show`` words it (:func:`tui.present.view.incident_view`
    as HTML): summary, positions over time, each claim, then each
    responding actor under its latest stance with every statement (form,
    verb, quote marks, speaker, via, WITHDRAWN and its date, source); then
    the sources as links and the timeline's summary line."""
    cited = [st.source for st in inc.statements()]
    if inc.date_inferred is not None:
        cited += list(inc.date_inferred.sources)
    return "".join(
        (
            nodes_html(incident_view(story, inc)),
            _sources(story, cited),
            _p(f"<small>{html.escape(response_summary(inc))}</small>"),
        )
    )


def context_html(story: Story, ev: ContextEvent) -> str:
    """The context event as ``show`` words it, then its sources as links."""
    cited = [ev.source, *(ev.date_inferred.sources if ev.date_inferred else ())]
    return nodes_html(context_view(story, ev)) + _sources(story, cited)


def _start(entry: TimelineEntry) -> JSON | None:
    d = entry.date
    if d.year is None:
        return None
    out: JSON = {"year": d.year}
    if d.month is not None:
        out["month"] = d.month
        if d.day is not None:
            out["day"] = d.day
    return out


def _slide(story: Story, entry: TimelineEntry, start: JSON) -> JSON:
    incident = isinstance(entry, Incident)
    return {
        "unique_id": entry.id,
        "start_date": start,
        "display_date": entry.date.display(),
        "text": {
            "headline": html.escape(entry.title, quote=False),
            "text": incident_html(story, entry)
            if isinstance(entry, Incident)
            else context_html(story, entry),
        },
        "group": GROUP_INCIDENT if incident else GROUP_CONTEXT,
    }


def _title(story: Story) -> JSON:
    """The title slide: headline, summary, outlet and byline; for a story
    as of a date, ``As of 24 May 2031: ...`` first."""
    meta = story.meta
    bits = [_esc(meta.summary)] if meta.summary else []
    if story.as_of is not None:
        when = html.escape(story.as_of.display())
        bits.insert(0, f"<strong>As of {when}</strong>: the story as it stood on that date")
    byline = " · ".join(html.escape(b) for b in (meta.outlet, meta.byline) if b)
    if meta.published is not None:
        byline = " · ".join(b for b in (byline, html.escape(meta.published.display())) if b)
    if byline:
        bits.append(f"<small>{byline}</small>")
    text = "".join(_p(b) for b in bits)
    headline = html.escape(meta.headline, quote=False)
    return {"unique_id": TITLE_ID, "text": {"headline": headline, "text": text}}


def events(story: Story, skipped: list[Skipped]) -> Iterator[JSON]:
    """The event slides in timeline order; an entry without a known year
    is appended to *skipped* instead."""
    for entry in story.timeline():
        start = _start(entry)
        if start is None:
            skipped.append(Skipped(entry.id, entry.title, entry.date.display()))
            continue
        yield _slide(story, entry, start)


def timelinejs(story: Story) -> tuple[JSON, list[Skipped]]:
    """The TimelineJS3 JSON document of *story* and the entries left out
    (no known year), both in timeline order."""
    skipped: list[Skipped] = []
    doc = {"title": _title(story), "events": list(events(story, skipped))}
    return doc, skipped


def iter_timelinejs(story: Story, skipped: list[Skipped]) -> Iterator[str]:
    """``dumps(timelinejs(story)[0])`` in pieces, one event at a time (the
    same text), appending the entries left out to *skipped* as it goes."""
    title = dumps(_title(story)).replace("\n", "\n  ")
    yield "{\n" + f'  "title": {title},\n  "events": ['
    empty = True
    for slide in events(story, skipped):
        yield ("\n" if empty else ",\n") + "    " + dumps(slide).replace("\n", "\n    ")
        empty = False
    yield "]\n}" if empty else "\n  ]\n}"


def write_sheet_csv(
    story: Story,
    out: TextSink,
    clean: Callable[[str], str] | None = None,
    *,
    safe: bool = False,
) -> list[Skipped]:
    """Write the Google Sheets template's rows (:data:`SHEET_COLUMNS`) to
    *out* (opened with ``newline=""``): the title row, then one row per
    event of :func:`timelinejs`.  Returns the entries left out.  *clean* is
    applied to every field if given; *safe* puts a ``'`` before a field a
    spreadsheet would read as a formula
    (:func:`tui.present.export_csv.spreadsheet_safe`)."""
    doc, skipped = timelinejs(story)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(SHEET_COLUMNS)
    cell = cell_filter(clean, safe)

    def row(**cells: str) -> list[str]:
        values = [cells.get(c.lower().replace(" ", "_"), "") for c in SHEET_COLUMNS]
        return values if cell is None else [cell(v) for v in values]

    title = doc["title"]["text"]
    writer.writerow(row(headline=title["headline"], text=title["text"], type="title"))
    for ev in doc["events"]:
        start = ev["start_date"]
        writer.writerow(
            row(
                year=str(start["year"]),
                month=str(start.get("month", "")),
                day=str(start.get("day", "")),
                display_date=ev["display_date"],
                headline=ev["text"]["headline"],
                text=ev["text"]["text"],
                group=ev["group"],
            )
        )
    return skipped
