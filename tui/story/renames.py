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

The strongest of these reasons that finds any candidate is taken, and only
one-to-one pairs are given: a removed record with two candidates (or a
candidate claimed by two) is not guessed at.  These are hints for the
reader; the changes themselves stay as they are (removed and added).
Never imports textual.
"""

from __future__ import annotations

from collections import Counter
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


def _said(story: Story, actor_ids: set[str]) -> dict[str, set[tuple[str, str]]]:
    """What each of *actor_ids* says in *story*: ``(where, text)`` per
    claim, response (where: the incident's id) and quote (where: ``""``)."""
    out: dict[str, set[tuple[str, str]]] = {a: set() for a in actor_ids}
    for inc in story.incidents:
        for st in inc.statements():
            if st.by in out:
                out[st.by].add((inc.id, st.text))
    for q in story.quotes:
        if q.speaker in out:
            out[q.speaker].add(("", q.text))
    return out


_Record = Incident | ContextEvent | Actor | Quote | Source


def likely_renames(old: Story, new: Story, changes: Sequence[Change]) -> tuple[Rename, ...]:
    """The removed records of *changes* (from :func:`compare`) that appear
    renamed to an added one, in the order of the removals.  Indexed, not
    pair by pair: linear in the records removed and added and the
    statements of the actors among them."""
    removed = [
        (c.kind, c.id, c.old)
        for c in changes
        if isinstance(c, RecordChange) and c.action == "removed" and isinstance(c.old, _Record)
    ]
    added = [
        (c.kind, c.id, c.new)
        for c in changes
        if isinstance(c, RecordChange) and c.action == "added" and isinstance(c.new, _Record)
    ]
    same_record: dict[tuple[str, str], list[str]] = {}
    same_name: dict[tuple[str, str], list[str]] = {}
    for kind, rid, rec in added:
        if rid is not None:
            same_record.setdefault((kind, repr(replace(rec, id=""))), []).append(rid)
            if _key(rec):
                same_name.setdefault((kind, _key(rec)), []).append(rid)
    added_actors = {rid for kind, rid, _ in added if kind == "actor" and rid is not None}
    said_by: dict[tuple[str, str], set[str]] = {}
    for actor, said in _said(new, added_actors).items():
        for item in said:
            said_by.setdefault(item, set()).add(actor)
    removed_said = _said(old, {rid for kind, rid, _ in removed if kind == "actor" and rid})

    found: list[Rename] = []
    for kind, rid, rec in removed:
        if rid is None:
            continue
        candidates: tuple[tuple[Reason, list[str]], ...] = (
            ("same record", same_record.get((kind, repr(replace(rec, id=""))), [])),
            ("same name", same_name.get((kind, _key(rec)), []) if _key(rec) else []),
            ("same statements", _moved(removed_said.get(rid, set()), said_by)),
        )
        for reason, ids in candidates:  # the strongest reason that has any
            if ids:
                found += [Rename(kind, rid, new_id, reason) for new_id in ids]
                break
    olds = Counter((f.kind, f.old) for f in found)
    news = Counter((f.kind, f.new) for f in found)
    return tuple(f for f in found if olds[f.kind, f.old] == 1 and news[f.kind, f.new] == 1)


def _moved(before: set[tuple[str, str]], said_by: dict[tuple[str, str], set[str]]) -> list[str]:
    """The added actors that say at least :data:`MOVED` of *before*."""
    counts = Counter(actor for item in before for actor in said_by.get(item, ()))
    return [actor for actor, n in counts.items() if n >= MOVED * len(before)]
