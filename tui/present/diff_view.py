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
=================== ==========================================================

Text is the story's own, unsanitised and untruncated: the renderers
(:mod:`tui.present.diff_text`, :mod:`tui.present.diff_markdown`) make it
safe.  Stance words and dates are worded as everywhere else
(:func:`tui.present.describe.stance_word`, :meth:`EdtfDate.display`).
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

from .describe import SEPARATOR, actor_name, one_line, plural, response_summary, stance_word

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


def _stance(stance: str | None, withdrawn: bool) -> list[Span]:
    if stance is None:
        return [("no response", "muted")]
    spans: list[Span] = [(stance_word(stance), f"stance:{stance}")]
    return [*spans, (" (withdrawn)", "")] if withdrawn else spans


def stance_spans(story: Story, change: StanceChange) -> tuple[Span, ...]:
    """``Government of Samplavia on port-strike: DENIED → CONFIRMED``."""
    return (
        (f"{actor_name(story, change.actor)} on {change.incident}: ", ""),
        *_stance(change.old, change.old_withdrawn),
        (ARROW, ""),
        *_stance(change.new, change.new_withdrawn),
    )


def statement_label(story: Story, role: str, st: Claim | Response) -> str:
    """``response sa-denial by Government of Samplavia (Darin Vell) · 11 Sep
    2031``: the role, the id if any, who, and the date if any."""
    who = actor_name(story, st.by)
    if st.speaker is not None:
        who += f" ({actor_name(story, st.speaker)})"
    label = f"{role}{' ' + st.id if st.id else ''} by {who}"
    return label + (SEPARATOR + st.date.display() if st.date is not None else "")


def _statement_lines(story: Story, change: StatementChange) -> list[DiffLine]:
    st = change.statement
    head: list[Span] = [MARKS[change.action], (" ", "")]
    if change.action == "withdrawn":
        when = st.withdrawn.display() if isinstance(st.withdrawn, EdtfDate) else "(date not known)"
        head = [MARKS["withdrawn"], (f" {when}: ", "")]
    head.append((statement_label(story, change.role, st), ""))
    if isinstance(st, Response):
        head += [(SEPARATOR, ""), (stance_word(st.stance), f"stance:{st.stance}")]
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


def _added_incident_lines(story: Story, inc: Incident) -> list[DiffLine]:
    lines = [DiffLine(((response_summary(inc), "muted"),))]
    for st in inc.statements():
        role = "claim" if isinstance(st, Claim) else "response"
        spans: list[Span] = [(statement_label(story, role, st), "")]
        if isinstance(st, Response):
            spans += [(SEPARATOR, ""), (stance_word(st.stance), f"stance:{st.stance}")]
        lines.append(DiffLine((*spans, (": ", ""), (one_line(st.text), ""))))
    return lines


def _record_line(story: Story, change: RecordChange) -> list[DiffLine]:
    """A change to an actor, quote or source: one line (a quote's names
    its speaker; an added or removed one's text follows), then its fields."""
    rec = change.new if change.new is not None else change.old
    kind = KIND_WORDS.get(change.kind, change.kind)
    if isinstance(rec, Quote):
        label = f" {kind} {change.id} by {actor_name(story, rec.speaker)}"
    else:
        label = f" {kind} {change.id}: {_record_name(rec)}"
    lines = [DiffLine((MARKS[change.action], (label, "")))]
    if isinstance(rec, Quote) and change.action != "changed":
        lines.append(DiffLine(((one_line(rec.text), ""),), 2))
    return [*lines, *(DiffLine(field_spans(f), 2) for f in change.fields)]


def _timeline_sections(old: Story, new: Story, changes: Sequence[Change]) -> list[DiffSection]:
    """One section per timeline entry that changed, in the changes' order."""
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
                lines += _added_incident_lines(new, entry)
            elif change.action == "removed" and isinstance(entry, Incident):
                lines.append(DiffLine(((response_summary(entry), "muted"),)))
            elif change.action != "changed" and isinstance(entry, ContextEvent) and entry.text:
                lines.append(DiffLine(((one_line(entry.text), ""),)))
        elif isinstance(change, StanceChange):
            lines.append(DiffLine(stance_spans(new, change)))
        else:
            lines += _statement_lines(new if change.new is not None else old, change)
    close()
    return sections


_GROUPS = (("actor", "Actors"), ("quote", "Quotes"), ("source", "Sources"))


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
    sections: list[DiffSection] = []
    meta = [c for c in changes if isinstance(c, RecordChange) and c.kind == "story"]
    if meta:
        lines = tuple(DiffLine(field_spans(f)) for c in meta for f in c.fields)
        sections.append(DiffSection((("Story", "heading"),), lines))
    timeline = [
        c for c in changes if not isinstance(c, RecordChange) or c.kind in ("incident", "context")
    ]
    sections += _timeline_sections(old, new, timeline)
    for kind, heading in _GROUPS:
        group = [c for c in changes if isinstance(c, RecordChange) and c.kind == kind]
        if group:
            lines = tuple(
                line for c in group for line in _record_line(new if c.new is not None else old, c)
            )
            sections.append(DiffSection(((heading, "heading"),), lines))
    return DiffReport(title, tuple(sections), len(changes))
