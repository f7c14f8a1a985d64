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
made only from ``http``/``https`` URLs.

The CSV has the columns of Knight Lab's Google Sheets template
(:data:`SHEET_COLUMNS`), a ``title`` row first, so the rows can be pasted
into a copy of the template.  Never imports textual.
"""

from __future__ import annotations

import csv
import html
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from tui.story.export import dumps
from tui.story.model import (
    Actor,
    ContextEvent,
    Incident,
    Source,
    Story,
    TimelineEntry,
)
from tui.story.positions import positions

from .describe import response_summary, stance_word
from .export_csv import TextSink
from .positions_view import speaker_words, trail, withdrawn_word

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
    name = html.escape(source.name)
    url = source.url or ""
    if url.startswith(("http://", "https://")):
        return f'<a href="{html.escape(url, quote=True)}">{name}</a>'
    return name


def _actor(story: Story, actor_id: str) -> str:
    rec = story.get(actor_id)
    return html.escape(rec.name if isinstance(rec, Actor) else actor_id)


def _speaker(story: Story, speaker_id: str | None) -> str:
    """``<em>Darin Vell, spokesman:</em> `` when the story names who spoke."""
    if speaker_id is None:
        return ""
    return f"<em>{html.escape(speaker_words(story, speaker_id), quote=False)}:</em> "


def _source_line(story: Story, source_id: str | None) -> str:
    rec = story.get(source_id) if source_id is not None else None
    return f" <small>(Source: {_link(rec)})</small>" if isinstance(rec, Source) else ""


def incident_html(story: Story, inc: Incident) -> str:
    """The incident as HTML: its summary, each claim (who, verb, text,
    source), then each responding actor's latest stance with its trail and
    latest statement."""
    parts: list[str] = []
    if inc.summary:
        parts.append(_p(_esc(inc.summary)))
    for claim in inc.claims:
        mark = withdrawn_word(claim.withdrawn)
        head = f"<strong>CLAIM</strong> · {_actor(story, claim.by)} ({html.escape(claim.verb)})"
        if mark:
            head += f" · {html.escape(mark)}"
        text = f"{_speaker(story, claim.speaker)}{_esc(claim.text)}"
        parts.append(_p(f"{head}: {text}{_source_line(story, claim.source)}"))
    year = inc.date.year
    items: list[str] = []
    for pos in positions(inc):
        standing = [r for r in pos.responses if r.withdrawn is None]
        latest = (standing or list(pos.responses))[-1]
        word = stance_word(pos.latest) if pos.latest is not None else "WITHDRAWN"
        line = f"<strong>{html.escape(word)}</strong> · {_actor(story, pos.actor)}"
        if pos.changed or len(pos.responses) > 1:
            line += f" ({html.escape(trail(pos, year))})"
        line += f": {_speaker(story, latest.speaker)}{_esc(latest.text)}"
        line += _source_line(story, latest.source)
        items.append(f"<li>{line}</li>")
    if items:
        parts.append("<ul>" + "".join(items) + "</ul>")
    else:
        parts.append(_p("<em>No response is recorded.</em>"))
    parts.append(_p(f"<small>{html.escape(response_summary(inc))}</small>"))
    return "".join(parts)


def context_html(story: Story, ev: ContextEvent) -> str:
    parts: list[str] = []
    if ev.text:
        parts.append(_p(_esc(ev.text)))
    if ev.actors:
        parts.append(_p("Actors: " + ", ".join(_actor(story, a) for a in ev.actors)))
    source = _source_line(story, ev.source)
    if source:
        parts.append(_p(source.strip()))
    return "".join(parts)


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
    meta = story.meta
    bits = [_esc(meta.summary)] if meta.summary else []
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
    story: Story, out: TextSink, clean: Callable[[str], str] | None = None
) -> list[Skipped]:
    """Write the Google Sheets template's rows (:data:`SHEET_COLUMNS`) to
    *out* (opened with ``newline=""``): the title row, then one row per
    event of :func:`timelinejs`.  Returns the entries left out.  *clean* is
    applied to every field if given."""
    doc, skipped = timelinejs(story)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(SHEET_COLUMNS)

    def row(**cells: str) -> list[str]:
        values = [cells.get(c.lower().replace(" ", "_"), "") for c in SHEET_COLUMNS]
        return values if clean is None else [clean(v) for v in values]

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
