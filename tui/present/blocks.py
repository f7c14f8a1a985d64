"""The blocks a view is made of (:mod:`tui.present.view` builds them).

A small tree: titles, facts, paragraphs and labelled fields, the claim and
the responses as labelled columns, lists of links, quotes.  Text in the
blocks is the story's own, unsanitised; labels are our own words.  Never
imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.story.model import RecordKind


@dataclass(frozen=True, slots=True)
class Text:
    """A paragraph of text (newlines kept)."""

    text: str
    style: str = ""  # "", "muted", or "attribution" (shown after a dash)
    quoted: bool = False  # a direct quote: shown between quote marks


@dataclass(frozen=True, slots=True)
class Ref:
    """A piece of a field's value that links to a record (a source's name)."""

    text: str  # story text: the record's name
    kind: RecordKind
    record_id: str


@dataclass(frozen=True, slots=True)
class Field:
    """``Label: value``; with *refs* the value is those names, each a link,
    joined by ``; `` (``value`` then holds the same text, for Markdown)."""

    label: str
    value: str
    muted: bool = False  # a secondary line ("as reported: ...")
    refs: tuple[Ref, ...] = ()


Line = Text | Field


@dataclass(frozen=True, slots=True)
class Block:
    """Lines shown together (no blank line between them)."""

    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Title:
    kicker: str  # INCIDENT, ACTOR, QUOTE, ...
    text: str  # story text: the title or name ("" for none)
    record_id: str


@dataclass(frozen=True, slots=True)
class Meta:
    """Short facts on one line: ``rocket attack · 7 May 2022? · Termez``."""

    parts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Column:
    kind: str  # "CLAIM" or a stance word ("DENIED")
    stance: str | None  # the stance, for its colour; None for the claim
    who: str  # the actor's label
    blocks: tuple[Block, ...]
    who_id: str = ""  # the actor's id: the heading links to it


@dataclass(frozen=True, slots=True)
class Columns:
    """The claim and the responses, side by side."""

    columns: tuple[Column, ...]


@dataclass(frozen=True, slots=True)
class Item:
    """One row of a list: a record, with its id."""

    text: str
    record_id: str | None = None
    tag: str = ""  # a word before the text, e.g. a stance word
    stance: str | None = None  # colours the tag
    kind: RecordKind | None = None  # the record's kind: the item links to it


@dataclass(frozen=True, slots=True)
class QuoteItem:
    """A quote in full with its attribution."""

    text: str
    quoted: bool
    attribution: str
    record_id: str


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    count: int | None
    items: tuple[Item | QuoteItem, ...]


@dataclass(frozen=True, slots=True)
class TimelineLine:
    date: str
    record_id: str
    summary: str
    title: str


@dataclass(frozen=True, slots=True)
class Timeline:
    heading: str  # our words: ``Timeline (4 entries)``
    entries: tuple[TimelineLine, ...]
    footer: str = ""  # a hint for the text rendering only


Node = Title | Meta | Block | Columns | Section | Timeline
