"""Records whose id appears to have been renamed between two versions.

:func:`tui.story.compare.compare` matches records by id, so a renamed id is
one record removed and one added.  :func:`likely_renames` pairs such a
removed record with an added one of the same kind when

* they are the same record but for the id (``same record``);
* an actor or source has the same name, an incident or context event the
  same title, a quote the same text (``same name``, compared ignoring case
  and runs of spaces);
* for actors only: most of the statements the removed actor made (claims,
  responses and quotes, by text) are made by the added one in the new
  version (``same statements``), as when both the id and the name changed.

Only one-to-one pairs are given: a removed record with two candidates (or
a candidate claimed by two) is not guessed at.  These are hints for the
reader; the changes themselves stay as they are (removed and added).
Never imports textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from .compare import Change, RecordChange, RecordKindName
from .model import Actor, ContextEvent, Incident, Quote, Source, Story

__all__ = ["Rename", "likely_renames"]

Reason = Literal["same record", "same name", "same statements"]

# Of the statements the removed actor made, at least this share must be
# the added actor's in the new version.
MOVED = 0.5


@dataclass(frozen=True, slots=True)
class Rename:
    """``kind`` record ``old`` (an id of the old version, removed) appears
    to be ``new`` (an id of the new version, added), because of ``reason``."""

    kind: RecordKindName
    old: str
    new: str
    reason: Reason


def _key(rec: object) -> str:
    """The words a record is known by, lower-cased, spaces collapsed."""
    if isinstance(rec, Actor | Source):
        text = rec.name
    elif isinstance(rec, Incident | ContextEvent):
        text = rec.title
    elif isinstance(rec, Quote):
        text = rec.text
    else:
        return ""
    return " ".join(text.casefold().split())


def _said(story: Story, actor_id: str) -> set[tuple[str, str]]:
    """What *actor_id* says in *story*: ``(where, text)`` per claim,
    response (where: the incident's id) and quote (where: ``""``)."""
    out = {
        (inc.id, st.text) for inc in story.incidents for st in inc.statements() if st.by == actor_id
    }
    return out | {("", q.text) for q in story.quotes if q.speaker == actor_id}


_Record = Incident | ContextEvent | Actor | Quote | Source


def _reason(old: Story, new: Story, was: object, now: object) -> Reason | None:
    if not isinstance(was, _Record) or not isinstance(now, _Record):
        return None
    if replace(now, id=was.id) == was:
        return "same record"
    if _key(was) and _key(was) == _key(now):
        return "same name"
    if isinstance(was, Actor) and isinstance(now, Actor):
        before = _said(old, was.id)
        if before and len(before & _said(new, now.id)) >= MOVED * len(before):
            return "same statements"
    return None


def likely_renames(old: Story, new: Story, changes: Sequence[Change]) -> tuple[Rename, ...]:
    """The removed records of *changes* (from :func:`compare`) that appear
    renamed to an added one, in the order of the removals."""
    removed = [c for c in changes if isinstance(c, RecordChange) and c.action == "removed"]
    added = [c for c in changes if isinstance(c, RecordChange) and c.action == "added"]
    found: list[Rename] = []
    for r in removed:
        for a in added:
            if a.kind != r.kind or r.id is None or a.id is None:
                continue
            reason = _reason(old, new, r.old, a.new)
            if reason is not None:
                found.append(Rename(r.kind, r.id, a.id, reason))
    olds = [(f.kind, f.old) for f in found]
    news = [(f.kind, f.new) for f in found]
    return tuple(
        f for f in found if olds.count((f.kind, f.old)) == 1 and news.count((f.kind, f.new)) == 1
    )
