"""``storybrowse diff`` in words: the changes of :func:`tui.story.compare.compare`
as sections of styled lines, for the text and Markdown renderings.

A :class:`DiffSection` is one heading (the story's metadata, one timeline
entry, or the actors, quotes or sources) and its :class:`DiffLine` lines;
a line is a tuple of :data:`Span` ``(text, style)``.  Styles:

=================== ==========================================================
``""``              plain
``"heading"``       a section's heading
``"added"``         the mark and word of something added (``+ Added``)
``"removed"``       ... removed (``- Removed``)
``"changed"``       ... changed, withdrawn or reinstated (``~ Changed``)
``"del"``           words the new version no longer has (a word diff)
``"ins"``           words it has that the old one did not
``"muted"``         ``not given``, ellipses in a shortened word diff
``"stance:NAME"``   a stance word (``DENIED``), NAME one of the stances
``"withdrawn"``     the mark of a withdrawn statement (``WITHDRAWN 9 Mar 2031``)
=================== ==========================================================

Actors are named from the version a thing comes from (the old story for
what was removed), as ``Government of Orlania [orlan-gov]`` where two
actors of the two versions share a name.  A first section, not counted
as a change, lists ids that appear renamed
(:func:`tui.story.renames.likely_renames`).

Text is the story's own, unsanitised and untruncated: the renderers
(:mod:`tui.present.diff_text`, :mod:`tui.present.diff_markdown`) make it
safe.  Stance words and dates are worded as everywhere else
(:func:`tui.present.describe.stance_word`, :meth:`EdtfDate.display`,
:func:`tui.present.positions_view.withdrawn_word`).
Never imports textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.story.compare import (
    Change,
    FieldChange,
    RecordChange,
    StanceChange,
    StatementChange,
    Value,
    word_runs,
    words,
)
from tui.story.dates import EdtfDate
from tui.story.model import (
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
)
from tui.story.positions import positions
from tui.story.renames import Rename, likely_renames

from .describe import (
    SEPARATOR,
    actor_name,
    one_line,
    plural,
    response_summary,
    stance_word,
    withdrawn_word,
)

Span = tuple[str, str]

ARROW = " → "
# Words of unchanged text kept on each side of a change in a word diff.
CONTEXT_WORDS = 8

KIND_WORDS = {
    "incident": "incident",
    "context": "context event",
    "actor": "actor",
    "quote": "quote",
    "source": "source",
}
MARKS: dict[str, Span] = {
    "added": ("+ Added", "added"),
    "removed": ("- Removed", "removed"),
    "changed": ("~ Changed", "changed"),
    "withdrawn": ("~ Withdrawn", "changed"),
    "reinstated": ("~ No longer withdrawn", "changed"),
}


@dataclass(frozen=True, slots=True)
class DiffLine:
    """One line: its spans, and its depth (1 under a heading, 2 under a line)."""

    spans: tuple[Span, ...]
    depth: int = 1


@dataclass(frozen=True, slots=True)
class DiffSection:
    heading: tuple[Span, ...]
    lines: tuple[DiffLine, ...]


@dataclass(frozen=True, slots=True)
class Names:
    """How the report names actors: ``shared`` holds the names that two
    actor ids carry across the two versions (each told apart by its id)."""

    old: Story
    new: Story
    shared: frozenset[str]

    @classmethod
    def of(cls, old: Story, new: Story) -> Names:
        ids: dict[str, set[str]] = {}
        for a in (*old.actors, *new.actors):
            ids.setdefault(a.name, set()).add(a.id)
        return cls(old, new, frozenset(n for n, i in ids.items() if len(i) > 1))

    def actor(self, story: Story, actor_id: str) -> str:
        """The actor's name in *story* (else in the other version, else its
        bare id), with ``[id]`` when the name is shared."""
        other = self.old if story is self.new else self.new
        name = actor_name(story, actor_id)
        if name == actor_id and story.get(actor_id) is None:
            name = actor_name(other, actor_id)
        return f"{name} [{actor_id}]" if name in self.shared else name


@dataclass(frozen=True, slots=True)
class DiffReport:
    """What the renderers print: ``title`` (one line), then the sections."""

    title: tuple[Span, ...]
    sections: tuple[DiffSection, ...]
    changes: int


# -- words --------------------------------------------------------------------


def word_diff(old: str, new: str, context: int = CONTEXT_WORDS) -> tuple[Span, ...]:
    """The difference of two texts word by word (:mod:`difflib` over their
    words; whitespace is not a word): spans ``""`` (kept), ``"del"`` and
    ``"ins"``, separated by ``" "`` spans.  A run of kept words longer
    than twice *context* is shortened to *context* words on each side of a
    change, with ``…`` (``"muted"``) for the rest."""
    runs = word_runs(old, new)
    pieces: list[Span] = []
    for n, (op, run) in enumerate(runs):
        if op != "equal":
            pieces.append((" ".join(run), "del" if op == "delete" else "ins"))
            continue
        head = run[:context] if n > 0 else ()
        tail = run[-context:] if n < len(runs) - 1 else ()
        if len(head) + len(tail) >= len(run):
            pieces.append((" ".join(run), ""))
            continue
        if head:
            pieces.append((" ".join(head), ""))
        pieces.append(("…", "muted"))
        if tail:
            pieces.append((" ".join(tail), ""))
    out: list[Span] = []
    for piece in pieces:
        if out:
            out.append((" ", ""))
        out.append(piece)
    return tuple(out)


def _value_words(value: Value) -> str | None:
    """A field's value in words; None when it is not given."""
    if value is None:
        return None
    if value is True:
        return "yes, date not known"
    if isinstance(value, EdtfDate):
        return value.display()
    if isinstance(value, Place):
        return value.label
    if isinstance(value, Inference):
        return value.note + (f" (sources: {', '.join(value.sources)})" if value.sources else "")
    if isinstance(value, tuple):
        return ", ".join(value) if value else None
    return str(value)


def field_spans(change: FieldChange) -> tuple[Span, ...]:
    """``name: `` and the change: a word diff for text, ``old → new``
    otherwise (stances as their words)."""
    label: Span = (f"{change.field}: ", "")
    old, new = _value_words(change.old), _value_words(change.new)
    if change.type == "text":
        if old is not None and new is not None and words(old) == words(new):
            return (label, ("only the spacing or line breaks changed", "muted"))
        return (label, *word_diff(old or "", new or ""))

    def side(value: str | None) -> Span:
        if value is None:
            return ("not given", "muted")
        if change.field == "stance":
            return (stance_word(value), f"stance:{value}")
        return (value, "")

    return (label, side(old), (ARROW, ""), side(new))


def _withdrawn_mark(st: Claim | Response) -> list[Span]:
    mark = withdrawn_word(st.withdrawn)
    return [(SEPARATOR, ""), (mark, "withdrawn")] if mark else []


def _stance(
    story: Story, incident: str, actor: str, stance: str | None, withdrawn: bool
) -> list[Span]:
    """The stance of an actor's position as the column heading words it:
    ``DISPUTED · WITHDRAWN 9 Jun 2040`` when every response is withdrawn."""
    if stance is None:
        return [("no response", "muted")]
    spans: list[Span] = [(stance_word(stance), f"stance:{stance}")]
    if not withdrawn:
        return spans
    said = [p for p in positions(story.incident(incident)) if p.actor == actor]
    mark = withdrawn_word(said[0].responses[-1].withdrawn) if said else ""
    return [*spans, (SEPARATOR, ""), (mark or "WITHDRAWN", "withdrawn")]


def stance_spans(names: Names, change: StanceChange) -> tuple[Span, ...]:
    """``Government of Samplavia on port-strike: DENIED → CONFIRMED``; the
    actor named as the new version names it (the old, if it is gone)."""
    story = names.new if names.new.get(change.actor) is not None else names.old
    inc, actor = change.incident, change.actor
    return (
        (f"{names.actor(story, actor)} on {inc}: ", ""),
        *_stance(names.old, inc, actor, change.old, change.old_withdrawn),
        (ARROW, ""),
        *_stance(names.new, inc, actor, change.new, change.new_withdrawn),
    )


def statement_label(names: Names, story: Story, role: str, st: Claim | Response) -> str:
    """``response sa-denial by Government of Samplavia (Darin Vell) · 11 Sep
    2031``: the role, the id if any, who, and the date if any."""
    who = names.actor(story, st.by)
    if st.speaker is not None:
        who += f" ({names.actor(story, st.speaker)})"
    label = f"{role}{' ' + st.id if st.id else ''} by {who}"
    return label + (SEPARATOR + st.date.display() if st.date is not None else "")


def statement_spans(names: Names, story: Story, role: str, st: Claim | Response) -> list[Span]:
    """A statement in one line, everywhere the report summarises one:
    :func:`statement_label`, then a response's stance, then
    ``WITHDRAWN 25 May 2031`` if it is withdrawn (``WITHDRAWN``, date not
    known)."""
    spans: list[Span] = [(statement_label(names, story, role, st), "")]
    if isinstance(st, Response):
        spans += [(SEPARATOR, ""), (stance_word(st.stance), f"stance:{st.stance}")]
    return spans + _withdrawn_mark(st)


def _statement_lines(names: Names, story: Story, change: StatementChange) -> list[DiffLine]:
    st = change.statement
    head = [MARKS[change.action], (" ", ""), *statement_spans(names, story, change.role, st)]
    lines = [DiffLine(tuple(head))]
    if change.action in ("added", "removed", "withdrawn"):
        lines.append(DiffLine(((one_line(st.text), ""),), 2))
    lines += [
        DiffLine(field_spans(f), 2)
        for f in change.fields
        if not (change.action == "withdrawn" and f.field == "withdrawn")
    ]
    return lines


# -- records ------------------------------------------------------------------


def _record_name(rec: object) -> str:
    """What a timeline entry, actor or source is called in a heading: its
    date and title, or its name."""
    if isinstance(rec, Incident | ContextEvent):
        return f"{rec.date.display()}{SEPARATOR}{one_line(rec.title)}"
    if isinstance(rec, Actor | Source):
        return one_line(rec.name)
    return ""


def _entry_heading(change: RecordChange | None, entry: Incident | ContextEvent) -> list[Span]:
    kind = "incident" if isinstance(entry, Incident) else "context"
    label = f"{KIND_WORDS[kind]} {entry.id}{SEPARATOR}{_record_name(entry)}"
    if change is None or change.action == "changed":
        return [(label[0].upper() + label[1:], "heading")]
    mark, style = MARKS[change.action]
    return [(mark, style), (" " + label, "heading")]


def _added_incident_lines(names: Names, story: Story, inc: Incident) -> list[DiffLine]:
    """An added incident's summary, then each statement (its summary, its
    text on the next line, as an added statement's)."""
    lines = [DiffLine(((response_summary(inc), "muted"),))]
    for st in inc.statements():
        role = "claim" if isinstance(st, Claim) else "response"
        lines.append(DiffLine(tuple(statement_spans(names, story, role, st))))
        lines.append(DiffLine(((one_line(st.text), ""),), 2))
    return lines


def _record_line(names: Names, story: Story, change: RecordChange) -> list[DiffLine]:
    """A change to an actor, quote or source: one line (a quote's names
    its speaker; an added or removed one's text follows), then its fields."""
    rec = change.new if change.new is not None else change.old
    kind = KIND_WORDS.get(change.kind, change.kind)
    if isinstance(rec, Quote):
        label = f" {kind} {change.id} by {names.actor(story, rec.speaker)}"
    else:
        label = f" {kind} {change.id}: {_record_name(rec)}"
    lines = [DiffLine((MARKS[change.action], (label, "")))]
    if isinstance(rec, Quote) and change.action != "changed":
        lines.append(DiffLine(((one_line(rec.text), ""),), 2))
    return [*lines, *(DiffLine(field_spans(f), 2) for f in change.fields)]


def _timeline_sections(names: Names, changes: Sequence[Change]) -> list[DiffSection]:
    """One section per timeline entry that changed, in the changes' order."""
    old, new = names.old, names.new
    sections: list[DiffSection] = []
    current: str | None = None
    heading: list[Span] = []
    lines: list[DiffLine] = []

    def close() -> None:
        if current is not None:
            sections.append(DiffSection(tuple(heading), tuple(lines)))

    for change in changes:
        if isinstance(change, RecordChange):
            key = f"{change.kind}:{change.id}"
            entry = change.new if change.new is not None else change.old
            assert isinstance(entry, Incident | ContextEvent)
        else:
            key = f"incident:{change.incident}"
            entry = new.incident(change.incident)
        if key != current:
            close()
            current = key
            heading = _entry_heading(change if isinstance(change, RecordChange) else None, entry)
            lines = []
        if isinstance(change, RecordChange):
            lines += [DiffLine(field_spans(f)) for f in change.fields]
            if change.action == "added" and isinstance(entry, Incident):
                lines += _added_incident_lines(names, new, entry)
            elif change.action == "removed" and isinstance(entry, Incident):
                lines.append(DiffLine(((response_summary(entry), "muted"),)))
            elif change.action != "changed" and isinstance(entry, ContextEvent) and entry.text:
                lines.append(DiffLine(((one_line(entry.text), ""),)))
        elif isinstance(change, StanceChange):
            lines.append(DiffLine(stance_spans(names, change)))
        else:
            lines += _statement_lines(names, new if change.new is not None else old, change)
    close()
    return sections


_GROUPS = (("actor", "Actors"), ("quote", "Quotes"), ("source", "Sources"))
_REASONS = {
    "same record": "the same record but for its id",
    "same name": "the same name",
    "same statements": "the same statements",
}


def rename_section(renames: Sequence[Rename]) -> DiffSection:
    """``actor orlan-gov appears to be renamed orlania (the same name)``."""
    lines = tuple(
        DiffLine(
            (
                (f"{KIND_WORDS[r.kind]} {r.old} appears to be renamed {r.new}", ""),
                (f" ({_REASONS[r.reason]})", "muted"),
            )
        )
        for r in renames
    )
    return DiffSection((("Ids that appear renamed", "heading"),), lines)


def build_report(
    old: Story, new: Story, changes: Sequence[Change], old_name: str, new_name: str
) -> DiffReport:
    """The report of *changes* (from :func:`tui.story.compare.compare`) from
    the story *old* (shown as *old_name*) to *new*."""
    if not changes:
        title: tuple[Span, ...] = (
            (f"No change to the story from {old_name} to {new_name}", "heading"),
        )
        return DiffReport(title, (), 0)
    title = ((f"From {old_name} to {new_name}: {plural(len(changes), 'change')}", "heading"),)
    names = Names.of(old, new)
    renames = likely_renames(old, new, changes)
    sections: list[DiffSection] = [rename_section(renames)] if renames else []
    meta = [c for c in changes if isinstance(c, RecordChange) and c.kind == "story"]
    if meta:
        lines = tuple(DiffLine(field_spans(f)) for c in meta for f in c.fields)
        sections.append(DiffSection((("Story", "heading"),), lines))
    timeline = [
        c for c in changes if not isinstance(c, RecordChange) or c.kind in ("incident", "context")
    ]
    sections += _timeline_sections(names, timeline)
    for kind, heading in _GROUPS:
        group = [c for c in changes if isinstance(c, RecordChange) and c.kind == kind]
        if group:
            lines = tuple(
                line
                for c in group
                for line in _record_line(names, new if c.new is not None else old, c)
            )
            sections.append(DiffSection(((heading, "heading"),), lines))
    return DiffReport(title, tuple(sections), len(changes))
