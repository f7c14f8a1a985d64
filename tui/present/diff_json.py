"""``storybrowse diff --format json``: the changes of
:func:`tui.story.compare.compare` as JSON data.

The shape (``diff_version`` 1; documented in README.md, "diff"):

* The document: ``{"diff_version": 1, "old": NAME, "new": NAME,
  "changed": BOOL, "changes": [CHANGE, ...]}``; ``old`` and ``new`` name
  the two versions as the command line gave them (``REV:PATH`` for a git
  revision).  The changes are in reading order: metadata, the timeline,
  actors, quotes, sources.
* A record added, removed or changed: ``{"type": "story" | "incident" |
  "context" | "actor" | "quote" | "source", "action": "added" | "removed" |
  "changed", "id": ID (null for "story"), "fields": [FIELD, ...],
  "record": RECORD}``; ``record`` is the record as ``storybrowse export``
  writes it, as it now is (as it was, when removed); ``fields`` is empty
  unless ``changed``.  An incident's claims and responses are not in its
  ``fields``: see the statement changes.
* A position that changed: ``{"type": "stance", "incident": ID, "actor":
  ID, "actor_ref": REF, "old": POSITION, "new": POSITION}``; a position is
  ``{"stance": STANCE, "withdrawn": BOOL}`` (the latest standing stance;
  when every response was withdrawn, the last one's stance and ``true``),
  or null when the actor made no response in that version.
* A claim or response: ``{"type": "statement", "incident": ID, "role":
  "claim" | "response", "action": "added" | "removed" | "changed" |
  "withdrawn" | "reinstated", "id": ID or null, "by": ID, "fields":
  [FIELD, ...], "statement": STATEMENT}``, the statement as the export
  writes it, as it now is (as it was, when removed).
* A field: ``{"field": NAME, "type": TYPE, "old": VALUE, "new": VALUE}``,
  NAME as in the story file, TYPE as in the format table (``text``,
  ``date``, ``choice``, ``ref``, ``refs``, ``texts``, ``place``,
  ``record``, ``withdrawn``), each VALUE as the export writes that field
  (a date is a date object); a ``text`` field also has ``"words"``: the
  word diff, ``[{"op": "equal" | "delete" | "insert", "text": ...}]``.

Story text is kept exactly; :func:`tui.story.export.dumps` escapes
terminal controls.  Never imports textual.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from tui.story.compare import (
    Change,
    FieldChange,
    RecordChange,
    StanceChange,
    StatementChange,
    Value,
    word_runs,
)
from tui.story.dates import EdtfDate
from tui.story.export import (
    date_json,
    dumps,
    incident_json,
    inference_json,
    place_json,
    record_json,
    ref_json,
    withdrawn_json,
)
from tui.story.format import (
    ACTOR,
    CLAIM,
    CONTEXT,
    QUOTE,
    RESPONSE,
    SOURCE,
    STORY_META,
    RecordType,
)
from tui.story.model import Claim, Incident, Inference, Place, Story

DIFF_VERSION = 1

JSON = dict[str, Any]

_RECORD_TYPES: dict[str, RecordType] = {
    "story": STORY_META,
    "context": CONTEXT,
    "actor": ACTOR,
    "quote": QUOTE,
    "source": SOURCE,
}


def words_json(old: str, new: str) -> list[JSON]:
    """The word diff of two texts (:func:`tui.story.compare.word_runs`):
    ``[{"op": "equal" | "delete" | "insert", "text": WORDS}]``, the words of
    a run joined by one space."""
    return [{"op": op, "text": " ".join(words)} for op, words in word_runs(old, new)]


def _value(story: Story, change: FieldChange, value: Value) -> Any:
    if value is None or value is True:
        return value
    if change.type == "withdrawn":
        return withdrawn_json(value) if isinstance(value, EdtfDate) else value
    if isinstance(value, EdtfDate):
        return date_json(value)
    if isinstance(value, Place):
        return place_json(value)
    if isinstance(value, Inference):
        return inference_json(story, value)
    if isinstance(value, tuple):
        return list(value)
    return value


def field_json(old: Story, new: Story, change: FieldChange) -> JSON:
    out: JSON = {
        "field": change.field,
        "type": change.type,
        "old": _value(old, change, change.old),
        "new": _value(new, change, change.new),
    }
    if change.type == "text":
        a, b = change.old, change.new
        out["words"] = words_json(a if isinstance(a, str) else "", b if isinstance(b, str) else "")
    return out


def _record(story: Story, change: RecordChange) -> JSON:
    rec = change.new if change.new is not None else change.old
    if isinstance(rec, Incident):
        return incident_json(story, rec)
    return record_json(story, _RECORD_TYPES[change.kind], rec)


def _position(stance: str | None, withdrawn: bool) -> JSON | None:
    return None if stance is None else {"stance": stance, "withdrawn": withdrawn}


def change_json(old: Story, new: Story, change: Change) -> JSON:
    """One change as JSON data (see the module docstring)."""
    if isinstance(change, StanceChange):
        return {
            "type": "stance",
            "incident": change.incident,
            "actor": change.actor,
            "actor_ref": ref_json(new if new.get(change.actor) else old, change.actor),
            "old": _position(change.old, change.old_withdrawn),
            "new": _position(change.new, change.new_withdrawn),
        }
    story = old if change.new is None else new
    fields = [field_json(old, new, f) for f in change.fields]
    if isinstance(change, StatementChange):
        st = change.statement
        rtype = CLAIM if isinstance(st, Claim) else RESPONSE
        return {
            "type": "statement",
            "incident": change.incident,
            "role": change.role,
            "action": change.action,
            "id": st.id,
            "by": st.by,
            "fields": fields,
            "statement": record_json(story, rtype, st),
        }
    return {
        "type": change.kind,
        "action": change.action,
        "id": change.id,
        "fields": fields,
        "record": _record(story, change),
    }


def diff_json(
    old: Story, new: Story, changes: Sequence[Change], old_name: str, new_name: str
) -> JSON:
    """The whole document (see the module docstring)."""
    return {
        "diff_version": DIFF_VERSION,
        "old": old_name,
        "new": new_name,
        "changed": bool(changes),
        "changes": [change_json(old, new, c) for c in changes],
    }


def iter_diff_json(
    old: Story, new: Story, changes: Sequence[Change], old_name: str, new_name: str
) -> Iterator[str]:
    """The text of :func:`diff_json`'s document, indented by two spaces as
    :func:`tui.story.export.dumps` writes it, in pieces: one change at a
    time, so that two very different large stories never have their whole
    JSON in memory at once.  No final newline."""
    head = diff_json(old, new, (), old_name, new_name)
    head["changed"] = bool(changes)
    text = dumps(head)
    if not changes:
        yield text
        return
    yield text.removesuffix("[]\n}") + "[\n"
    for i, change in enumerate(changes):
        piece = dumps(change_json(old, new, change)).replace("\n", "\n    ")
        yield ("    " if i == 0 else ",\n    ") + piece
    yield "\n  ]\n}"
