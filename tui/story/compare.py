"""What changed between two versions of a story, in the story's own terms.

:func:`compare` takes two loaded stories and returns a tuple of frozen
change records, in the order a reader wants them:

1. the story's metadata (:class:`RecordChange` with ``kind == "story"``);
2. per timeline entry (incidents and context events, in timeline order; a
   removed entry where it stood in the old story): the entry's own
   :class:`RecordChange`, then per responding actor the
   :class:`StanceChange` of its position, then each
   :class:`StatementChange` (claims, then responses);
3. actors, quotes and sources, each in file order (removed ones after).

Records are matched by id, so a record whose id changed is one removed and
one added.  Statements (claims and responses) have no id in most files, so
within an incident they are matched by id where both versions give one,
then whole statements that are equal, then by the same actor and the same
text, then by the same actor and the most similar text (at least half the
words in common); what is left is added or removed.  The order of records
and statements in the file is not a change; a field change is one of
:class:`FieldChange`, named as the story file names it (``from``, not the
model's ``from_``), its values as in the model.

No wording here: :mod:`tui.present.diff_view` says it.  Never imports
textual.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal, TypeAlias

from .characters import PLAIN_SPACES_RE
from .dates import EdtfDate
from .format import (
    ACTOR,
    CLAIM,
    CONTEXT,
    INCIDENT,
    QUOTE,
    RESPONSE,
    SOURCE,
    STORY_META,
    FieldType,
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
    Response,
    Source,
    Story,
    StoryMeta,
)
from .positions import date_key, positions

__all__ = [
    "Change",
    "FieldChange",
    "RecordChange",
    "StanceChange",
    "StatementChange",
    "Value",
    "compare",
    "word_runs",
    "word_similarity",
    "words",
]

# A field's value, as the model holds it: text, a list of texts or ids, a
# date, a place, an inference, ``True`` (a withdrawal whose date is not
# known), or None (not given).
Value: TypeAlias = str | tuple[str, ...] | EdtfDate | Place | Inference | bool | None
RecordKindName = Literal["story", "incident", "context", "actor", "quote", "source"]
Action = Literal["added", "removed", "changed"]
StatementAction = Literal["added", "removed", "changed", "withdrawn", "reinstated"]
Role = Literal["claim", "response"]
Statement: TypeAlias = Claim | Response
AnyRecord: TypeAlias = StoryMeta | Incident | ContextEvent | Actor | Quote | Source

# Below this share of words in common, two statements by one actor are
# different statements (one removed, one added), not one edited.
SIMILARITY = 0.5


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field whose value differs: ``field`` as the story file names it,
    ``type`` its type in the format table (``text``, ``date``, ``refs``...),
    ``old`` and ``new`` the values (None: not given)."""

    field: str
    type: FieldType
    old: Value
    new: Value


@dataclass(frozen=True, slots=True)
class RecordChange:
    """A record added, removed or changed.  ``kind`` ``"story"`` is the
    metadata (``id`` None).  ``old``/``new``: the record in each version
    (None where it is absent); ``fields``: what differs, for ``changed``
    only (statements are in :class:`StatementChange`)."""

    kind: RecordKindName
    id: str | None
    action: Action
    old: AnyRecord | None
    new: AnyRecord | None
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True, slots=True)
class StanceChange:
    """An actor's position on an incident (see
    :func:`tui.story.positions.positions`) differs.  ``old``/``new``: the
    stance of its latest standing response, or of its last response when
    all are withdrawn (``*_withdrawn`` True); None when it made no response
    in that version."""

    incident: str
    actor: str
    old: str | None
    new: str | None
    old_withdrawn: bool = False
    new_withdrawn: bool = False


@dataclass(frozen=True, slots=True)
class StatementChange:
    """A claim or response added, removed or changed in an incident both
    versions have.  ``withdrawn``: it stood and now is withdrawn;
    ``reinstated``: the reverse (``fields`` says what else changed)."""

    incident: str
    role: Role
    action: StatementAction
    old: Statement | None
    new: Statement | None
    fields: tuple[FieldChange, ...] = ()

    @property
    def statement(self) -> Statement:
        """The statement as it now is (as it was, when removed)."""
        found = self.new if self.new is not None else self.old
        assert found is not None
        return found


Change: TypeAlias = RecordChange | StanceChange | StatementChange

# The fields compared field by field: the format table's, less the id and
# the nested statements (matched on their own).
_NESTED: frozenset[FieldType] = frozenset({"id", "records", "version"})


def _field_changes(rtype: RecordType, old: object, new: object) -> tuple[FieldChange, ...]:
    out = []
    for f in rtype.fields:
        if f.type in _NESTED or (f.type == "record" and f.record == "claim"):
            continue
        a, b = getattr(old, f.model_attr), getattr(new, f.model_attr)
        if a != b:
            out.append(FieldChange(f.name, f.type, a, b))
    return tuple(out)


# -- statements ---------------------------------------------------------------


WordOp = Literal["equal", "delete", "insert"]


def words(text: str) -> list[str]:
    """*text* split at runs of plain whitespace (spaces, tabs, newlines);
    the controls the character table shows (a vertical tab, U+2028...)
    stay in the words, so that they are shown, never dropped."""
    return [w for w in PLAIN_SPACES_RE.split(text) if w]


def word_runs(old: str, new: str) -> tuple[tuple[WordOp, tuple[str, ...]], ...]:
    """The difference of two texts word by word (:mod:`difflib` over their
    :func:`words`): runs of words kept (``equal``), taken out
    (``delete``) or put in (``insert``), in order; a replacement is a
    ``delete`` followed by an ``insert``.  Equal texts give one ``equal``
    run (none when both are empty)."""
    a, b = words(old), words(new)
    out: list[tuple[WordOp, tuple[str, ...]]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("equal", tuple(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("delete", tuple(a[i1:i2])))
        if j2 > j1:
            out.append(("insert", tuple(b[j1:j2])))
    return tuple(out)


def word_similarity(old: str, new: str, at_least: float = 0.0) -> float:
    """The share of words two texts have in common, 0.0 to 1.0
    (:class:`difflib.SequenceMatcher` ratio over their :func:`words`); 0.0
    as soon as the cheap upper bounds show it is below *at_least*."""
    matcher = SequenceMatcher(None, words(old), words(new), autojunk=False)
    if matcher.real_quick_ratio() < at_least or matcher.quick_ratio() < at_least:
        return 0.0
    return matcher.ratio()


def _match(
    old: Sequence[Statement], new: Sequence[Statement]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs ``(old index, new index)`` of the same statement, then the
    indexes of old statements removed and of new ones added."""
    left, right = set(range(len(old))), set(range(len(new)))
    pairs: list[tuple[int, int]] = []

    def pair_by(same: Callable[[Statement, Statement], bool]) -> None:
        for i in sorted(left):
            for j in sorted(right):
                if same(old[i], new[j]):
                    pairs.append((i, j))
                    left.discard(i)
                    right.discard(j)
                    break

    pair_by(lambda a, b: a.id is not None and a.id == b.id)
    pair_by(lambda a, b: a == b and (a.id is None or b.id is None))
    pair_by(lambda a, b: a.by == b.by and a.text == b.text and (a.id is None or b.id is None))
    scored = sorted(
        (
            (-word_similarity(old[i].text, new[j].text, SIMILARITY), i, j)
            for i in left
            for j in right
            if old[i].by == new[j].by and (old[i].id is None or new[j].id is None)
        ),
    )
    for score, i, j in scored:
        if -score >= SIMILARITY and i in left and j in right:
            pairs.append((i, j))
            left.discard(i)
            right.discard(j)
    return pairs, sorted(left), sorted(right)


def _statement_changes(
    incident: str, role: Role, old: Sequence[Statement], new: Sequence[Statement]
) -> list[StatementChange]:
    rtype = CLAIM if role == "claim" else RESPONSE
    pairs, removed, added = _match(old, new)
    matched = {j: i for i, j in pairs}
    out: list[StatementChange] = []
    for j, st in enumerate(new):
        if j in matched:
            before = old[matched[j]]
            fields = _field_changes(rtype, before, st)
            if not fields:
                continue
            action: StatementAction = "changed"
            if before.withdrawn is None and st.withdrawn is not None:
                action = "withdrawn"
            elif before.withdrawn is not None and st.withdrawn is None:
                action = "reinstated"
            out.append(StatementChange(incident, role, action, before, st, fields))
        elif j in added:
            out.append(StatementChange(incident, role, "added", None, st))
    out.extend(StatementChange(incident, role, "removed", old[i], None) for i in removed)
    return out


def _stance_of(responses: tuple[Response, ...], latest: str | None) -> tuple[str | None, bool]:
    if latest is not None:
        return latest, False
    return (responses[-1].stance, True) if responses else (None, False)


def _stance_changes(old: Incident, new: Incident) -> list[StanceChange]:
    before = {p.actor: _stance_of(p.responses, p.latest) for p in positions(old)}
    after = {p.actor: _stance_of(p.responses, p.latest) for p in positions(new)}
    out = []
    for actor in dict.fromkeys([*after, *before]):
        a, b = before.get(actor, (None, False)), after.get(actor, (None, False))
        if a != b:
            out.append(StanceChange(old.id, actor, a[0], b[0], a[1], b[1]))
    return out


# -- records ------------------------------------------------------------------


def _record_changes(
    kind: RecordKindName,
    rtype: RecordType,
    old: Sequence[Incident | ContextEvent | Actor | Quote | Source],
    new: Sequence[Incident | ContextEvent | Actor | Quote | Source],
) -> dict[str, RecordChange]:
    """Per id, the change of each record added, removed or changed: the new
    version's records in file order, then the removed ones."""
    before = {r.id: r for r in old}
    after = {r.id: r for r in new}
    out: dict[str, RecordChange] = {}
    for rid, rec in after.items():
        was = before.get(rid)
        if was is None:
            out[rid] = RecordChange(kind, rid, "added", None, rec)
        elif was != rec:  # equality first: most records did not change
            fields = _field_changes(rtype, was, rec)
            if fields:
                out[rid] = RecordChange(kind, rid, "changed", was, rec, fields)
    for rid, rec in before.items():
        if rid not in after:
            out[rid] = RecordChange(kind, rid, "removed", rec, None)
    return out


def _timeline(old: Story, new: Story) -> list[Change]:
    """Incidents and context events in timeline order, a removed entry at
    its date among the new ones, each with its stances and statements."""
    Key = tuple[str, str]  # (kind, id): an id may move from one kind to another

    def kind_id(e: Incident | ContextEvent) -> Key:
        return ("incident" if isinstance(e, Incident) else "context", e.id)

    entries = {kind_id(e): e for e in new.timeline()}
    place = {kind_id(e): i for i, e in enumerate(new.timeline())}
    for e in old.timeline():
        entries.setdefault(kind_id(e), e)

    def order(k: Key) -> tuple[tuple[int, int, int, int], int, int]:
        e = entries[k]
        return (date_key(e.date), 0 if k[0] == "context" else 1, place.get(k, -1))

    records = {
        **{
            ("context", k): v
            for k, v in _record_changes("context", CONTEXT, old.context, new.context).items()
        },
        **{
            ("incident", k): v
            for k, v in _record_changes("incident", INCIDENT, old.incidents, new.incidents).items()
        },
    }
    old_incidents = {i.id: i for i in old.incidents}
    out: list[Change] = []
    for k in sorted(entries, key=order):
        if k in records:
            out.append(records[k])
        entry, was = entries[k], old_incidents.get(k[1])
        if isinstance(entry, Incident) and was is not None and k in place and was != entry:
            out.extend(_stance_changes(was, entry))
            out.extend(_statement_changes(entry.id, "claim", was.claims, entry.claims))
            out.extend(_statement_changes(entry.id, "response", was.responses, entry.responses))
    return out


def compare(old: Story, new: Story) -> tuple[Change, ...]:
    """Every change from *old* to *new*, in reading order (see the module
    docstring); empty when they tell the same story."""
    out: list[Change] = []
    meta = _field_changes(STORY_META, old.meta, new.meta)
    if meta:
        out.append(RecordChange("story", None, "changed", old.meta, new.meta, meta))
    out.extend(_timeline(old, new))
    out.extend(_record_changes("actor", ACTOR, old.actors, new.actors).values())
    out.extend(_record_changes("quote", QUOTE, old.quotes, new.quotes).values())
    out.extend(_record_changes("source", SOURCE, old.sources, new.sources).values())
    return tuple(out)
