"""Building the story's records from its YAML events (private to
:mod:`tui.story.load`).

The record builders are derived from the format table
(:mod:`tui.story.format`): each record type becomes a :class:`_Spec`, which
maps every key the type may hold to the model attribute it fills and the
reader of its value.  :class:`_Parser` is a recursive descent over the event
stream that follows the table: the document, then each record, reading every
key it finds (so that every problem is reported) and building a record only
if its required values are there.  What the table leaves absent (or null, or
empty where it gives a default) gets the table's default.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from yaml.events import (
    DocumentStartEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from .format import DOCUMENT, FORMAT_VERSION, RECORD_TYPES, Field, RecordType
from .load_events import _is_null, _join, _mark
from .load_sink import _q
from .load_statements import _VERSIONS, _Statements
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

_NEED = "a story needs at least story: {headline: ...}"


def _incident(**values: Any) -> Incident:
    """An incident from ``claim`` (format 1) or ``claims`` (format 2)."""
    claims = values["claims"]
    if values["claim"] is None:
        values["claim"] = claims[0]
    elif not claims:
        values["claims"] = (values["claim"],)
    return Incident(**values)


# The model class each record type of the table builds.
_MODELS: dict[str, Callable[..., Any]] = {
    "storyMeta": StoryMeta,
    "source": Source,
    "actor": Actor,
    "place": Place,
    "inference": Inference,
    "claim": Claim,
    "response": Response,
    "incident": _incident,
    "context": ContextEvent,
    "quote": Quote,
    "document": Story,
}
_READS = ", ".join(_VERSIONS)

# A reader takes the parser, the first event of a value and the record's
# path, consumes the value and returns what the model holds (None when the
# value is bad or null).
_Reader = Callable[["_Parser", Any, str], Any]


class _Spec:
    """A record type of the table, prepared for reading: made once per type."""

    __slots__ = (
        "alternatives",
        "blank",
        "fallbacks",
        "keys",
        "model",
        "name",
        "readers",
        "required",
        "required_attrs",
    )

    def __init__(self, record: RecordType) -> None:
        self.model = _MODELS[record.name]
        self.name = record.name
        self.keys = record.keys
        self.required = record.required
        # Groups of keys of which exactly one is given: (keys, their attributes)
        self.alternatives = tuple(
            (g, tuple(record.field(k).model_attr for k in g)) for g in record.alternatives
        )
        self.required_attrs = tuple(f.model_attr for f in record.fields if f.required)
        # Every attribute starts at its empty value: None, or () for lists.
        self.blank: dict[str, Any] = {
            f.model_attr: () if f.type in ("texts", "refs", "records") else None
            for f in record.fields
        }
        # The defaults that replace an absent, null or empty value.
        self.fallbacks = tuple(
            (f.model_attr, f.default) for f in record.fields if f.default is not None
        )
        # key -> (model attribute, reader, whether the reader is text()'s)
        self.readers: dict[str, tuple[str, _Reader, bool]] = {}  # filled by _specs()


def _reader(field: Field, record: RecordType, specs: dict[str, _Spec], version: int) -> _Reader:
    """The reader of *field*'s value (see :class:`_Spec`); a field newer
    than format 1 notes where it is used (see :meth:`_Parser.newer`)."""
    read = _plain_reader(field, record, specs, version)
    if field.since <= 1:
        return read
    name, since = field.name, field.since

    def newer(r: _Parser, ev: Any, p: str) -> Any:
        r.newer(ev, p, name, f"{name!r}", since)
        return read(r, ev, p)

    return newer


def _plain_reader(
    field: Field, record: RecordType, specs: dict[str, _Spec], version: int
) -> _Reader:
    name, required, kinds = field.name, field.required, field.refers_to
    kind = field.type
    if kind == "text" and name == "url":
        return lambda r, ev, p: r.url(ev, p, name)
    if kind == "text":
        return lambda r, ev, p: r.text(ev, p, name, required)
    if kind == "date":
        return lambda r, ev, p: r.date(ev, p, name, required)
    if kind == "ref":
        return lambda r, ev, p: r.ref(ev, p, name, kinds, required)
    if kind == "refs":
        return lambda r, ev, p: r.ref_list(ev, p, name, kinds)
    if kind == "choice":
        values = field.values(version)
        newer = {c.value: c.since for c in field.choices if c.since > 1}
        if not newer:
            return lambda r, ev, p: r.choice(ev, p, name, values, required)

        def choice(r: _Parser, ev: Any, p: str) -> Any:
            value = r.choice(ev, p, name, values, required)
            if value in newer:
                r.newer(ev, p, name, f"{name} {value!r}", newer[value])
            return value

        return choice
    if kind == "withdrawn":
        return lambda r, ev, p: r.withdrawn(ev, p, name)
    if kind == "id":
        own = kinds[0]
        return lambda r, ev, p: r.ident(ev, p, own)
    if kind == "texts":
        return lambda r, ev, p: r.text_list(ev, p, name)
    if kind == "place":
        place = specs[field.record]
        return lambda r, ev, p: r.place(ev, p, name, place)
    if kind == "version":
        return lambda r, ev, p: r.version(ev, p, name)
    spec = specs[field.record]
    if kind == "record":
        if required:
            return lambda r, ev, p: r.record(ev, _join(p, name), spec)
        return lambda r, ev, p: None if _is_null(ev) else r.record(ev, _join(p, name), spec)
    if kind == "records":
        least = field.min_items
        return lambda r, ev, p: r.records(ev, p, name, spec, least)
    raise ValueError(f"{record.name}.{name}: unknown field type {kind!r}")


def _plain_text(field: Field) -> bool:
    """Whether the parser may take *field*'s plain scalar as it is, without
    its reader (a ``url`` is checked by its own)."""
    return field.type == "text" and field.since <= 1 and field.name != "url"


def _specs(version: int) -> dict[str, _Spec]:
    """Every record type of format *version*, prepared for reading."""
    records = [r.for_version(version) for r in (*RECORD_TYPES.values(), DOCUMENT)]
    specs = {r.name: _Spec(r) for r in records}
    for r in records:
        specs[r.name].readers = {
            f.name: (f.model_attr, _reader(f, r, specs, version), _plain_text(f)) for f in r.fields
        }
    return specs


_SPECS = _specs(FORMAT_VERSION)
_DOCUMENT = _SPECS[DOCUMENT.name]


def _marking(read: _Reader) -> _Reader:
    def marked(parser: _Parser, ev: Any, path: str) -> Any:
        parser.recognised = True
        return read(parser, ev, path)

    return marked


def _recognising(spec: _Spec) -> _Spec:
    """*spec* whose readers first note that the file has one of its keys
    (the file is a story; until then no message quotes from it)."""
    marked = copy.copy(spec)
    marked.readers = {
        key: (attr, _marking(read), False) for key, (attr, read, _text) in spec.readers.items()
    }
    return marked


# The document, read so that the parser knows whether any story key was seen.
_STORY_DOCUMENT = _recognising(_DOCUMENT)
_FOREIGN = "not a story file: the top-level mapping has none of the keys " + ", ".join(
    DOCUMENT.keys
)


class _Parser(_Statements):
    """Reads the YAML events of one story and builds the model as it goes.

    Every file is read with the newest format's readers; where a field or a
    choice newer than format 1 is used, :meth:`newer` notes it, and once the
    ``storybrowse:`` key is known (it may come last) each use that the
    declared version does not have is an error (see
    :mod:`~tui.story.load_statements`).
    """

    # -- the document ----------------------------------------------------
    def document(self) -> Story | None:
        """Parse the whole stream; None if it holds no valid story."""
        self.next()  # StreamStart
        ev = self.next()
        if type(ev) is StreamEndEvent:
            what = "is empty" if not self.yaml_text.strip() else "has only comments or blank lines"
            self.sink.add(0, 0, "", f"the file {what}; {_NEED}")
            return None
        root = self.next()  # ev was DocumentStart
        story = None
        if type(root) is MappingStartEvent:
            story = self.story(root)
        else:
            line, column = _mark(root)
            if _is_null(root):
                what = "is empty"
            else:
                what = "is a list" if type(root) is SequenceStartEvent else "is text"
                what += ", not a mapping with keys such as story: and incidents:"
            self.sink.add(line, column, "", f"the document {what}; {_NEED}", schema=True)
            self.skip(root)
        self.next()  # DocumentEnd
        ev = self.next()
        if type(ev) is DocumentStartEvent:
            line, column = _mark(ev)
            self.sink.add(
                line,
                column,
                "",
                "a second YAML document; a story file holds exactly one "
                "(remove this '---' and what follows, or split the file)",
            )
            return None
        return story

    def story(self, start: Any) -> Story | None:
        values = self.fields(start, "", _STORY_DOCUMENT)
        if not self.recognised:
            # Not a story at all: say so, without quoting its keys.
            self.sink.drop_schema()
            line, column = _mark(start)
            self.sink.add(line, column, "", f"{_FOREIGN}; {_NEED}", schema=True)
            return None
        self.resolve()
        self.resolve_claims()
        if values is not None:
            self.check_version(values["storybrowse"])
        if values is None or values["meta"] is None or self.sink.errors:
            return None
        del values["storybrowse"]
        story: Story = _DOCUMENT.model(**values)
        return story

    # -- records ---------------------------------------------------------
    def fields(self, start: Any, p: str, spec: _Spec) -> dict[str, Any] | None:
        """The model attributes of the record that *start* opens (every
        key read, every problem reported), or None if it is not a mapping."""
        if type(start) is not MappingStartEvent:
            self.expected(start, p, None, "a mapping")
            return None
        values = spec.blank.copy()
        self.mapping(
            start,
            p,
            spec.keys,
            spec.required,
            spec.readers,
            values,
            tuple(g for g, _a in spec.alternatives),
        )
        for attr, default in spec.fallbacks:
            if not values[attr]:
                values[attr] = default
        return values

    def record(self, start: Any, p: str, spec: _Spec) -> Any:
        """The record that *start* opens, or None if a required value is
        missing or bad (reported)."""
        incident = spec.name == "incident"
        if incident:
            outer = self.responses_read
            self.responses_read = []
        values = self.fields(start, p, spec)
        if incident:
            read, self.responses_read = self.responses_read, outer
        if values is None:
            return None
        for attr in spec.required_attrs:
            if values[attr] is None:
                return None
        for _keys, attrs in spec.alternatives:
            if not any(values[a] for a in attrs):
                return None
        rec = spec.model(**values)
        if incident:
            self.check_responses(rec, read)
        elif spec.name == "response":
            line, column = _mark(start)
            self.responses_read.append((line, column, p, rec))
        return rec

    def records(self, ev: Any, p: str, key: str, spec: _Spec, least: int = 0) -> tuple[Any, ...]:
        """The records of an optional list (null: none); bad ones are
        reported and left out.  *least*: the fewest items the list may hold
        when it is given."""
        out = []
        path = _join(p, key)
        count = 0
        for i, item in self.items(ev, p, key):
            count += 1
            rec = self.record(item, f"{path}[{i}]", spec)
            if rec is not None:
                out.append(rec)
        if count < least:
            self.error(ev, p, key, f"needs at least {least} {spec.name}")
        return tuple(out)

    def place(self, start: Any, p: str, key: str, spec: _Spec) -> Place | None:
        """A plain place name, or a mapping (see the ``place`` record type)."""
        if type(start) is ScalarEvent:
            if _is_null(start):
                return None
            name = self.text(start, p, key, True)  # "" is not a place
            return None if name is None else Place(name)
        if type(start) is not MappingStartEvent:
            self.expected(start, p, key, "a place name or a mapping with 'name'")
            return None
        place: Place | None = self.record(start, _join(p, key), spec)
        return place

    def version(self, ev: Any, p: str, key: str) -> str | None:
        """The format version (``storybrowse: 1``), checked."""
        raw = self.text(ev, p, key, True)
        if raw is not None and raw not in _VERSIONS:
            self.error(
                ev,
                p,
                key,
                f"format version {_q(raw)} is not supported; "
                f"this storybrowse reads version {_READS}",
            )
        return raw
