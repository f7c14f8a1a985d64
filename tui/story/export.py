"""Convert a loaded :class:`~tui.story.model.Story` to plain JSON data.

The shape (documented in README.md, "Export"):

* Every record keeps its fields under the names used in the story file
  (``from`` rather than the model's ``from_``), in the order of the format
  table (:mod:`tui.story.format`); an absent optional field is
  ``null`` and an absent list is ``[]``, so every record of a kind has the
  same keys.
* Every field that holds an id keeps the id as written, and a sibling field
  with the suffix ``_ref`` holds the resolved record: ``by`` -> ``by_ref``,
  ``speaker`` -> ``speaker_ref``, ``source`` -> ``source_ref``, ``via`` ->
  ``via_ref`` (a list), ``about`` -> ``about_ref``, ``affiliation`` ->
  ``affiliation_ref``, ``actors`` -> ``actors_ref``, and in ``date_inferred``
  ``sources`` -> ``sources_ref``.  A ref is ``{"id", "type", "name"}``
  (``type`` is the record type: actor, source, incident, context, quote
  or claim; ``name`` is an actor's or source's name, an incident's or
  context event's title, or a claim's text), plus ``kind`` and
  ``aliases`` for actors and ``not_yet_made`` for claims (true only in an
  export ``--as-of`` a date before the claim was made, for a response
  dated before the claim it answers).
* Dates are objects: ``{"text", "display", "year", "month", "day",
  "precision", "uncertain", "approximate"}``; ``text`` is exactly what the
  story file says.
* ``timeline`` lists incidents and context events in the order the browser
  shows them: ``{"type", "id", "title", "date"}``.
* Since ``export_version`` 2: an incident's ``claims`` is always a list (its
  ``claim`` is the first, as in version 1); a claim's or response's
  ``speaker``, ``via`` and ``responds_to`` have ``_ref`` siblings (a claim
  ref has ``type`` "claim" and the claim's text as ``name``); ``withdrawn``
  is null, true, or a date object; each incident has ``positions``: per
  responding actor ``{"actor", "actor_ref", "latest_stance", "changed",
  "trail"}``, the trail its responses in date order as ``{"index", "id",
  "stance", "date", "withdrawn"}`` (``index`` in the incident's
  ``responses``); the document has ``as_of``: null, or the date object of
  ``--as-of``.

Text is kept exactly.  :func:`to_json` escapes, besides what JSON requires,
every character of a class :mod:`tui.story.characters` shows as a symbol
(controls, bidi controls, invisible characters), so the JSON text is safe
to print and still decodes to the exact story text.  Never imports textual.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from .characters import ESCAPED_IN_EXPORT_RE
from .dates import EdtfDate
from .format import (
    ACTOR,
    CONTEXT,
    DOCUMENT,
    INCIDENT,
    INFERENCE,
    PLACE,
    QUOTE,
    RECORD_TYPES,
    SOURCE,
    RecordType,
)
from .model import (
    Actor,
    Claim,
    ContextEvent,
    Incident,
    Inference,
    Place,
    Quote,
    Record,
    Source,
    Story,
    Withdrawn,
)
from .positions import as_of as story_as_of
from .positions import positions

EXPORT_VERSION = 2

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


def withdrawn_json(value: Withdrawn) -> JSON | bool | None:
    """A statement's ``withdrawn``: null, true, or a date object."""
    if value is None or value is True:
        return value
    return date_json(value)


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
    elif rec is None:
        found = story.statement(record_id)
        if found is not None:
            out["name"] = found[1].text
            if isinstance(found[1], Claim):
                out["not_yet_made"] = False
        else:
            later = _later_claim(story, record_id)
            if later is not None:
                # As of a date, a response made before the claim it answers
                # (a warning when loading) names a claim not yet made.
                out.update(type="claim", name=later.text, not_yet_made=True)
    return out


def _later_claim(story: Story, claim_id: str) -> Claim | None:
    """In a story as of a date: the claim *claim_id* made after that date,
    kept only because a remaining response answers it; else None."""
    if story.as_of is None:
        return None
    for inc in story.incidents:
        for claim in inc.later_claims:
            if claim.id == claim_id:
                return claim
    return None


def _refs(story: Story, ids: tuple[str, ...]) -> list[JSON]:
    return [r for r in (ref_json(story, i) for i in ids) if r is not None]


# What the export adds to a record besides its fields: (record type, the
# field it follows) -> (key, value).
_DERIVED: dict[tuple[str, str], tuple[str, Callable[[Any], Any]]] = {
    ("actor", "aliases"): ("label", lambda actor: actor.label),
}


def record_json(story: Story | None, record: RecordType, rec: Any) -> JSON:
    """One record as JSON data: its fields in the order of the format table
    (:mod:`tui.story.format`), under the names the story file uses, each
    reference followed by its resolved ``_ref`` sibling.

    *story* resolves the references; it may be None for a record type that
    has none (a source, a place): ValueError if one is met.
    """
    out: JSON = {}
    for f in record.fields:
        name = f.name
        value = getattr(rec, f.model_attr)
        kind = f.type
        if kind == "date":
            out[name] = date_json(value)
        elif kind == "withdrawn":
            out[name] = withdrawn_json(value)
        elif kind == "ref" or kind == "refs":
            if story is None:
                raise ValueError(f"{record.name}.{name}: a reference needs the story")
            if kind == "ref":
                out[name] = value
                out[name + "_ref"] = ref_json(story, value)
            else:
                out[name] = list(value)
                out[name + "_ref"] = _refs(story, value)
        elif kind == "texts":
            out[name] = list(value)
        elif kind in ("record", "place"):
            out[name] = None if value is None else record_json(story, RECORD_TYPES[f.record], value)
        elif kind == "records":
            nested = RECORD_TYPES[f.record]
            out[name] = [record_json(story, nested, v) for v in value]
        else:  # text, choice, id
            out[name] = value
        derived = _DERIVED.get((record.name, name))
        if derived is not None:
            out[derived[0]] = derived[1](rec)
    return out


def place_json(place: Place | None) -> JSON | None:
    return None if place is None else record_json(None, PLACE, place)


def inference_json(story: Story, inf: Inference | None) -> JSON | None:
    return None if inf is None else record_json(story, INFERENCE, inf)


def source_json(src: Source) -> JSON:
    return record_json(None, SOURCE, src)


def actor_json(story: Story, actor: Actor) -> JSON:
    return record_json(story, ACTOR, actor)


def positions_json(story: Story, inc: Incident) -> list[JSON]:
    """The incident's ``positions`` (see the module docstring)."""
    index = {id(r): i for i, r in enumerate(inc.responses)}
    return [
        {
            "actor": p.actor,
            "actor_ref": ref_json(story, p.actor),
            "latest_stance": p.latest,
            "changed": p.changed,
            "trail": [
                {
                    "index": index[id(r)],
                    "id": r.id,
                    "stance": r.stance,
                    "date": date_json(r.date),
                    "withdrawn": withdrawn_json(r.withdrawn),
                }
                for r in p.responses
            ],
        }
        for p in positions(inc)
    ]


def incident_json(story: Story, inc: Incident) -> JSON:
    out = record_json(story, INCIDENT, inc)
    out["positions"] = positions_json(story, inc)
    return out


def quote_json(story: Story, quote: Quote) -> JSON:
    return record_json(story, QUOTE, quote)


def context_json(story: Story, ev: ContextEvent) -> JSON:
    return record_json(story, CONTEXT, ev)


def story_json(story: Story, as_of: EdtfDate | None = None) -> JSON:
    """The whole story as JSON-ready data (dicts, lists, str, int, bool, None).

    *as_of*: the story as it stood on that date (see
    :func:`tui.story.positions.as_of`), which ``as_of`` records."""
    if as_of is not None:
        story = story_as_of(story, as_of)
    out: JSON = {"export_version": EXPORT_VERSION, "as_of": date_json(as_of)}
    for f in DOCUMENT.fields:
        if f.type == "version":
            continue
        value = getattr(story, f.model_attr)
        record = RECORD_TYPES[f.record]
        if f.name == "incidents":
            out[f.name] = [incident_json(story, rec) for rec in value]
        elif f.type == "records":
            out[f.name] = [record_json(story, record, rec) for rec in value]
        else:
            out[f.name] = record_json(story, record, value)
    out["timeline"] = [
        {
            "type": "incident" if isinstance(e, Incident) else "context",
            "id": e.id,
            "title": e.title,
            "date": date_json(e.date),
        }
        for e in story.timeline()
    ]
    return out


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


def to_json(story: Story, *, indent: int | None = 2, as_of: EdtfDate | None = None) -> str:
    """The story as a JSON document (see the module docstring for the shape)."""
    return dumps(story_json(story, as_of), indent=indent)


def _records(story: Story, record: RecordType, values: Any) -> Iterator[JSON]:
    if record is INCIDENT:
        return (incident_json(story, rec) for rec in values)
    return (record_json(story, record, rec) for rec in values)


def _timeline(story: Story) -> Iterator[JSON]:
    return (
        {
            "type": "incident" if isinstance(e, Incident) else "context",
            "id": e.id,
            "title": e.title,
            "date": date_json(e.date),
        }
        for e in story.timeline()
    )


def iter_json(story: Story, *, as_of: EdtfDate | None = None) -> Iterator[str]:
    """:func:`to_json` (``indent=2``) in pieces, one record at a time: the
    same text, exactly (``"".join(iter_json(s)) == to_json(s)``), but the
    whole document (and its dict tree) is never held in memory at once.

    ``storybrowse export`` writes the pieces as they come, so its peak
    memory is the loaded story plus one record, not the story plus its JSON
    tree, plus the JSON text, plus its UTF-8 bytes (~25x the file at 32 MiB
    before; see BENCHMARKS.md, "Memory").  *as_of*: as in :func:`story_json`."""
    if as_of is not None:
        story = story_as_of(story, as_of)
    # (key, value, whether value is an iterator of records)
    parts: list[tuple[str, Any, bool]] = [
        ("export_version", EXPORT_VERSION, False),
        ("as_of", date_json(as_of), False),
    ]
    for f in DOCUMENT.fields:
        if f.type == "version":
            continue
        value = getattr(story, f.model_attr)
        record = RECORD_TYPES[f.record]
        if f.type == "records":
            parts.append((f.name, _records(story, record, value), True))
        else:
            parts.append((f.name, record_json(story, record, value), False))
    parts.append(("timeline", _timeline(story), True))
    yield "{"
    for i, (key, value, streamed) in enumerate(parts):
        head = ("\n" if i == 0 else ",\n") + f"  {dumps(key)}: "
        if not streamed:
            yield head + _nested(value, "  ")
            continue
        yield head + "["
        empty = True
        for item in value:
            yield ("\n" if empty else ",\n") + "    " + _nested(item, "    ")
            empty = False
        yield "]" if empty else "\n  ]"
    yield "\n}"


def _nested(value: Any, prefix: str) -> str:
    """*value* as ``dumps(indent=2)`` writes it *prefix* deep in a document
    (a JSON text has no raw newline but those between its lines)."""
    return dumps(value).replace("\n", "\n" + prefix)
