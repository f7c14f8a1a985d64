"""Convert a loaded :class:`~tui.story.model.Story` to plain JSON data.

The shape (documented in README.md, "Export"):

* Every record keeps its fields under the names used in the story file
  (``from`` rather than the model's ``from_``); an absent optional field is
  ``null`` and an absent list is ``[]``, so every record of a kind has the
  same keys.
* Every field that holds an id keeps the id as written, and a sibling field
  with the suffix ``_ref`` holds the resolved record: ``by`` -> ``by_ref``,
  ``speaker`` -> ``speaker_ref``, ``source`` -> ``source_ref``, ``via`` ->
  ``via_ref`` (a list), ``about`` -> ``about_ref``, ``affiliation`` ->
  ``affiliation_ref``, ``actors`` -> ``actors_ref``, and in ``date_inferred``
  ``sources`` -> ``sources_ref``.  A ref is ``{"id", "type", "name"}``
  (``type`` is the record type: actor, source, incident, context or quote;
  ``name`` is an actor's or source's name, or an incident's or context
  event's title), plus ``kind`` and ``aliases`` for actors.
* Dates are objects: ``{"text", "display", "year", "month", "day",
  "precision", "uncertain", "approximate"}``; ``text`` is exactly what the
  story file says.
* ``timeline`` lists incidents and context events in the order the browser
  shows them: ``{"type", "id", "title", "date"}``.

Text is kept exactly.  :func:`to_json` escapes, besides what JSON requires,
every character of a class :mod:`tui.story.characters` shows as a symbol
(controls, bidi controls, invisible characters), so the JSON text is safe
to print and still decodes to the exact story text.  Never imports textual.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .characters import ESCAPED_IN_EXPORT_RE
from .dates import EdtfDate
from .model import (
    Actor,
    Claim,
    ContextEvent,
    Incident,
    Inference,
    Place,
    Quote,
    Record,
    Response,
    Source,
    Story,
)

EXPORT_VERSION = 1

JSON = dict[str, Any]


def date_json(date: EdtfDate | None) -> JSON | None:
    if date is None:
        return None
    return {
        "text": date.text,
        "display": date.display(),
        "year": date.year,
        "month": date.month,
        "day": date.day,
        "precision": date.precision,
        "uncertain": date.uncertain,
        "approximate": date.approximate,
    }


def _type_of(story: Story, record_id: str) -> str:
    kind = story.kind_of(record_id)
    return kind if kind is not None else "unknown"


def ref_json(story: Story, record_id: str | None) -> JSON | None:
    """A short summary of the record *record_id* refers to."""
    if record_id is None:
        return None
    rec: Record | None = story.get(record_id)
    out: JSON = {"id": record_id, "type": _type_of(story, record_id), "name": None}
    if isinstance(rec, Actor):
        out["name"] = rec.name
        out["kind"] = rec.kind
        out["aliases"] = list(rec.aliases)
    elif isinstance(rec, Source):
        out["name"] = rec.name
    elif isinstance(rec, (Incident, ContextEvent)):
        out["name"] = rec.title
    elif isinstance(rec, Quote):
        out["name"] = rec.text
    return out


def _refs(story: Story, ids: tuple[str, ...]) -> list[JSON]:
    return [r for r in (ref_json(story, i) for i in ids) if r is not None]


def place_json(place: Place | None) -> JSON | None:
    if place is None:
        return None
    return {"name": place.name, "region": place.region, "country": place.country}


def inference_json(story: Story, inf: Inference | None) -> JSON | None:
    if inf is None:
        return None
    return {
        "note": inf.note,
        "sources": list(inf.sources),
        "sources_ref": _refs(story, inf.sources),
    }


def source_json(src: Source) -> JSON:
    return {
        "id": src.id,
        "name": src.name,
        "outlet": src.outlet,
        "published": date_json(src.published),
        "url": src.url,
        "note": src.note,
    }


def actor_json(story: Story, actor: Actor) -> JSON:
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "aliases": list(actor.aliases),
        "label": actor.label,
        "affiliation": actor.affiliation,
        "affiliation_ref": ref_json(story, actor.affiliation),
        "role": actor.role,
        "description": actor.description,
    }


def _statement(story: Story, st: Claim | Response) -> JSON:
    out: JSON = {
        "by": st.by,
        "by_ref": ref_json(story, st.by),
    }
    if isinstance(st, Response):
        out["stance"] = st.stance
    out.update(
        {
            "text": st.text,
            "form": st.form,
            "verb": st.verb,
            "source": st.source,
            "source_ref": ref_json(story, st.source),
            "date": date_json(st.date),
            "note": st.note,
        }
    )
    return out


def incident_json(story: Story, inc: Incident) -> JSON:
    return {
        "id": inc.id,
        "title": inc.title,
        "date": date_json(inc.date),
        "date_reported": inc.date_reported,
        "date_inferred": inference_json(story, inc.date_inferred),
        "kind": inc.kind,
        "place": place_json(inc.place),
        "from": place_json(inc.from_),
        "to": place_json(inc.to),
        "summary": inc.summary,
        "note": inc.note,
        "claim": _statement(story, inc.claim),
        "responses": [_statement(story, r) for r in inc.responses],
    }


def quote_json(story: Story, quote: Quote) -> JSON:
    return {
        "id": quote.id,
        "speaker": quote.speaker,
        "speaker_ref": ref_json(story, quote.speaker),
        "text": quote.text,
        "form": quote.form,
        "verb": quote.verb,
        "via": list(quote.via),
        "via_ref": _refs(story, quote.via),
        "about": list(quote.about),
        "about_ref": _refs(story, quote.about),
        "source": quote.source,
        "source_ref": ref_json(story, quote.source),
        "date": date_json(quote.date),
        "note": quote.note,
    }


def context_json(story: Story, ev: ContextEvent) -> JSON:
    return {
        "id": ev.id,
        "title": ev.title,
        "date": date_json(ev.date),
        "date_reported": ev.date_reported,
        "date_inferred": inference_json(story, ev.date_inferred),
        "text": ev.text,
        "actors": list(ev.actors),
        "actors_ref": _refs(story, ev.actors),
        "source": ev.source,
        "source_ref": ref_json(story, ev.source),
    }


def story_json(story: Story) -> JSON:
    """The whole story as JSON-ready data (dicts, lists, str, int, bool, None)."""
    meta = story.meta
    return {
        "export_version": EXPORT_VERSION,
        "story": {
            "headline": meta.headline,
            "outlet": meta.outlet,
            "published": date_json(meta.published),
            "url": meta.url,
            "summary": meta.summary,
            "byline": meta.byline,
        },
        "sources": [source_json(s) for s in story.sources],
        "actors": [actor_json(story, a) for a in story.actors],
        "incidents": [incident_json(story, i) for i in story.incidents],
        "quotes": [quote_json(story, q) for q in story.quotes],
        "context": [context_json(story, c) for c in story.context],
        "timeline": [
            {
                "type": "incident" if isinstance(e, Incident) else "context",
                "id": e.id,
                "title": e.title,
                "date": date_json(e.date),
            }
            for e in story.timeline()
        ],
    }


# Characters JSON allows raw inside strings but a terminal may act on, or
# that would be invisible: every character of a class the character table
# shows as a symbol.  (C0 controls are always escaped by json.dumps.)  They
# can only occur inside JSON strings, so escaping them keeps the JSON valid
# and exact; characters beyond U+FFFF become surrogate pairs, as JSON wants.
_TERMINAL_UNSAFE_RE = ESCAPED_IN_EXPORT_RE


def _escape(m: re.Match[str]) -> str:
    return json.dumps(m.group())[1:-1]


def dumps(data: Any, *, indent: int | None = 2) -> str:
    """``json.dumps`` with UTF-8 text kept readable and terminal controls escaped."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _TERMINAL_UNSAFE_RE.sub(_escape, text)


def to_json(story: Story, *, indent: int | None = 2) -> str:
    """The story as a JSON document (see the module docstring for the shape)."""
    return dumps(story_json(story), indent=indent)
