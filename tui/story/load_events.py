"""YAML events in, checked values out (private to :mod:`tui.story.load`).

Nothing is *constructed* by PyYAML: its safe parser (libyaml's, through
``CSafeLoader``, when available) produces events, and :class:`_Events` reads
them one at a time: shapes (mappings, lists, known keys), scalars (text,
choices, dates) with the line and column of their event.  Every scalar is
the raw text the author wrote (no YAML 1.1 coercion: ``no``, ``on``, ``010``,
``2022-04-18``, ``12:30`` stay strings).  Anchors and aliases, custom tags
and extra documents are refused; nesting stops at :data:`MAX_DEPTH`.  What
the format does not expect is skipped iteratively, so Python recursion
follows the format (a few levels), never the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from .dates import DateError, EdtfDate, parse_date
from .load_read import _char_kind, _char_name
from .load_sink import _q, _Sink
from .load_slips import _common_slip
from .load_where import line_column, written_at
from .model import FORMS, Form
from .sanitize import unsafe_characters
from .suggest import did_you_mean

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64  # nested mappings and lists; a story needs about six


_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_STD = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
_NULL_TAG = _STD + "null"
_MAP_TAG = _STD + "map"
_SEQ_TAG = _STD + "seq"


def _mark(ev: Event) -> tuple[int, int]:
    """1-based line and column where the node of *ev* starts."""
    mark = ev.start_mark
    if mark is None:  # pragma: no cover - both parsers always set marks
        return 0, 0
    return mark.line + 1, mark.column + 1


def _is_null(ev: Any) -> bool:
    """An untagged plain ``~``/``null``/empty scalar, or an explicit ``!!null``."""
    if type(ev) is not ScalarEvent:
        return False
    tag = ev.tag
    if tag is None:
        # Plain style is None in PyYAML and "" in libyaml.
        return not ev.style and ev.value in _NULLS
    return tag == _NULL_TAG


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_STD) :] if tag.startswith(_STD) else tag


def _describe(ev: Any) -> str:
    cls = type(ev)
    if cls is MappingStartEvent:
        return "a mapping"
    if cls is SequenceStartEvent:
        return "a list"
    if cls is ScalarEvent:
        return "nothing" if _is_null(ev) else _q(ev.value)
    return "an alias"


def _yaml_error(exc: yaml.YAMLError, text: str, sink: _Sink) -> None:
    """Report a scanner/parser error at its mark, in plain words."""
    if not (isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None):
        # ReaderError and the like have no mark (the character pre-scan
        # normally catches what they would complain about).
        sink.add(0, 0, "", f"invalid YAML: {exc}".replace("\n", " "))
        return
    mark = exc.problem_mark
    problem = exc.problem or "invalid YAML"
    if 0 <= mark.index < len(text) and text[mark.index] == "\t":
        # libyaml and PyYAML word this differently; both point at the tab.
        message = (
            "invalid YAML: a tab character where YAML allows only spaces "
            "(indent with spaces, not tabs)"
        )
    elif problem.startswith("mapping values are not allowed"):
        message = (
            "invalid YAML: unexpected ':' (mapping values are not allowed here); check the "
            "indentation, and if the ':' is part of the text, put the whole value in quotes"
        )
    elif problem.startswith("exceeded maximum nesting depth"):  # libyaml's own limit
        message = _DEPTH_MESSAGE
    elif (slip := _common_slip(problem, text, mark.index)) is not None:
        message = slip
    else:
        message = problem
        if exc.context:
            where = ""
            if exc.context_mark is not None:
                cm = exc.context_mark
                where = f" at line {cm.line + 1}, column {cm.column + 1}"
            message = f"{message} ({exc.context}{where})"
        message = f"invalid YAML: {message}"
    sink.add(mark.line + 1, mark.column + 1, "", message)


_DEPTH_MESSAGE = f"nesting is deeper than {MAX_DEPTH} levels; a story file needs only a few"


class _Stop(Exception):
    """The parse cannot go on (reported already)."""


_Key = str | int | None
_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def _join(path: str, key: _Key) -> str:
    """``path.key``, ``path[key]`` or ``path``; built only for messages."""
    if key is None:
        return path
    if isinstance(key, int):
        return f"{path}[{key}]"
    if key.startswith("["):  # a quoted key name, see _key_name
        return path + key
    return f"{path}.{key}" if path else key


def _key_name(name: str) -> str:
    """An author's key as a path component: ``name``, or ``['odd key']``
    quoted so that a path stays one printable line."""
    if _NAME_RE.fullmatch(name):
        return name
    return f"[{_q(name, 40)}]"


class _Events:
    """Reads the YAML events of one story, one value at a time.

    Each method takes the first event of a value and consumes the rest of
    it.  Nothing is kept but what the caller builds (no tree of the
    document); positions come from the events themselves.  Where the file
    has something the format does not expect, the value is reported and
    skipped (iteratively).  Message paths are built only when there is a
    problem.
    """

    def __init__(self, text: str, sink: _Sink, check_controls: bool) -> None:
        self.yaml_text = text
        self.sink = sink
        self.check_controls = check_controls
        self.loader = _Loader(text)
        self._get = self.loader.get_event
        self.depth = 0
        self.anchors: list[Event] = []  # anchors and aliases, reported once at the end
        self._restarted: object = None  # the keys of a list item that started over
        self.dates: dict[str, EdtfDate] = {}
        # A known top-level key was seen.  Until then the file may be
        # anything (a symlink to a foreign file): no message quotes from it.
        self.recognised = False

    # -- events ----------------------------------------------------------
    def next(self) -> Any:
        """The next event, after the checks every node gets.

        ``Any``: callers dispatch on the exact event class, for speed.
        """
        ev: Any = self._get()
        if type(ev) is not ScalarEvent or ev.tag is not None or ev.anchor is not None:
            self.check(ev)
        return ev

    def check(self, ev: Any) -> None:
        """Tags, anchors, aliases and depth (plain scalars, the bulk of a
        story, need none of this: :meth:`next` and :meth:`mapping` skip them)."""
        cls = type(ev)
        if cls is ScalarEvent:
            tag = ev.tag
            if tag is not None and tag != "!" and tag not in _SCALAR_TAGS:
                self.refuse_tag(ev, tag)
            if ev.anchor is not None:
                self.anchors.append(ev)
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            self.depth += 1
            if self.depth > MAX_DEPTH:
                line, column = _mark(ev)
                self.sink.add(line, column, "", _DEPTH_MESSAGE)
                raise _Stop
            tag = ev.tag
            if (
                tag is not None
                and tag != "!"
                and tag != (_MAP_TAG if cls is MappingStartEvent else _SEQ_TAG)
            ):
                self.refuse_tag(ev, tag)
            if ev.anchor is not None:
                self.anchors.append(ev)
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            self.depth -= 1
        elif cls is AliasEvent:
            self.anchors.append(ev)

    def skip(self, ev: Any) -> None:
        """Consume the rest of the value that starts with *ev*."""
        cls = type(ev)
        if cls is not MappingStartEvent and cls is not SequenceStartEvent:
            return
        depth = self.depth - 1
        while self.depth > depth:
            self.next()

    def refuse_tag(self, ev: Event, tag: str) -> None:
        line, column = _mark(ev)
        name = f" {_tag_name(tag)!r}" if self.recognised else ""
        self.sink.add(
            line,
            column,
            "",
            f"YAML tag{name} is not supported; remove it (a story file needs no tags)",
        )

    def refuse_anchors(self) -> None:
        """One problem, at the first anchor or alias (a "billion laughs"
        file has a hundred of them; listing each would hide the rest)."""
        first = self.anchors[0]
        name = str(getattr(first, "anchor", ""))
        if not self.recognised:
            what = "an alias" if isinstance(first, AliasEvent) else "an anchor"
        elif isinstance(first, AliasEvent):
            what = f"alias {'*' + name!r}"
        else:
            what = f"anchor {'&' + name!r}"
        if len(self.anchors) > 1:
            what += f", and {len(self.anchors) - 1} more anchors or aliases"
        line, column = _mark(first)
        self.sink.add(
            line,
            column,
            "",
            f"YAML anchors and aliases are not supported (found {what}); write each value out",
        )

    # -- reporting -------------------------------------------------------
    def error(self, ev: Event, path: str, key: _Key, message: str) -> None:
        line, column = _mark(ev)
        self.sink.add(line, column, _join(path, key), message, schema=True)

    def expected(self, ev: Any, path: str, key: _Key, what: str) -> None:
        """Report a value of the wrong shape, and skip it."""
        if type(ev) is not AliasEvent:  # an alias is reported already
            self.error(ev, path, key, f"expected {what}, found {_describe(ev)}")
        self.skip(ev)

    # -- shapes ----------------------------------------------------------
    def is_mapping(self, ev: Any, path: str, key: _Key = None) -> bool:
        if type(ev) is MappingStartEvent:
            return True
        self.expected(ev, path, key, "a mapping")
        return False

    def mapping(
        self,
        start: Any,
        path: str,
        keys: tuple[str, ...],
        required: tuple[str, ...],
        readers: dict[str, tuple[str, Callable[[Any, Any, str], Any], bool]],
        values: dict[str, Any],
        alternatives: tuple[tuple[str, ...], ...] = (),
    ) -> None:
        """Read the mapping that *start* opens into *values*.

        *readers* maps each known key to ``(name in values, reader, text)``;
        a reader is called as ``reader(self, first event of the value,
        path)`` and consumes the value.  Unknown and duplicate keys are
        reported and skipped, missing required keys reported at the end, as
        is each group of *alternatives* that does not have exactly one key.

        This loop runs for every key of a story, so it is written for speed:
        :meth:`next` is inlined, and where *text* says the reader is
        :meth:`text`'s, a plain non-empty scalar that needs no check is
        taken as it is, without calling the reader (most values of a story
        are such; this saves about 5% of the load time).
        """
        seen: dict[str, Any] = {}
        nulls: set[str] = set()  # keys of alternatives written as null
        get = self._get
        controls = self.check_controls
        while True:
            kev: Any = get()  # self.next(), inlined
            cls = type(kev)
            if cls is not ScalarEvent or kev.tag is not None or kev.anchor is not None:
                self.check(kev)
                if cls is MappingEndEvent:
                    break
                if cls is not ScalarEvent:
                    self.expected(kev, path, None, "a key name")
                    self.skip(self.next())
                    continue
            name = kev.value
            reader = readers.get(name)
            if reader is None or name in seen:
                self.bad_key(kev, path, keys, seen)
                continue
            seen[name] = kev
            ev: Any = get()  # self.next(), inlined
            if type(ev) is ScalarEvent and ev.tag is None and ev.anchor is None:
                value = ev.value
                if reader[2] and value and (ev.style or value not in _NULLS) and not controls:
                    values[reader[0]] = value  # plain text: what text() would return
                    continue
            else:
                self.check(ev)
            values[reader[0]] = reader[1](self, ev, path)
            if alternatives and type(ev) is ScalarEvent and _is_null(ev):
                nulls.add(name)
        for name in required:
            if name not in seen:
                self.error(start, path, None, f"missing required key {name!r}")
        for group in alternatives:  # exactly one of these keys
            given = [k for k in group if k in seen]
            if not given:
                names = " or ".join(repr(k) for k in group)
                self.error(start, path, None, f"missing required key {names}")
            elif len(given) > 1:
                self.error(
                    seen[given[1]],
                    path,
                    given[1],
                    f"give either {given[0]!r} or {given[1]!r}, not both",
                )
            elif given[0] in nulls and values.get(readers[given[0]][0]) is None:
                self.error(seen[given[0]], path, given[0], "a value is required here")

    def bad_key(self, kev: Any, path: str, keys: tuple[str, ...], seen: dict[str, Any]) -> None:
        """Report a duplicate or unknown key, and skip its value."""
        name = kev.value
        first = seen.get(name)
        if first is not None:
            line, column = _mark(first)
            # A list item whose first key comes again: the author most
            # likely started a new item without its "- " (and the keys that
            # follow are duplicates for the same reason).
            if path[-1:] == "]" and first is next(iter(seen.values())):
                self._restarted = seen
            restarted = self._restarted is seen
            self.error(
                kev,
                path,
                _key_name(name),
                f"duplicate key {_q(name)} (first at line {line}, column {column}); "
                "YAML would silently keep only the last value"
                + ("; did you forget '- ' to start a new item?" if restarted else ""),
            )
        else:
            seen[name] = kev
            hint = did_you_mean(name, keys) or f"; expected one of: {', '.join(keys)}"
            self.error(kev, path, _key_name(name), f"unknown key {_q(name)}{hint}")
        self.skip(self.next())

    def items(self, ev: Any, path: str, key: _Key) -> Iterator[tuple[int, Any]]:
        """Yield ``(index, first event)`` of each item of an optional list
        (null: no items); the caller consumes each item."""
        cls = type(ev)
        if cls is SequenceStartEvent:
            i = 0
            while True:
                item = self.next()
                if type(item) is SequenceEndEvent:
                    return
                yield i, item
                i += 1
        elif not _is_null(ev):
            self.expected(ev, path, key, "a list")

    # -- scalars ---------------------------------------------------------
    def text(self, ev: Any, path: str, key: _Key, required: bool = False) -> str | None:
        if type(ev) is ScalarEvent:
            value: str = ev.value
            if value in _NULLS and _is_null(ev):
                if required:
                    self.error(ev, path, key, "a value is required here")
                return None
            if not value and required:
                self.error(ev, path, key, "must not be empty")
                return None
            if self.check_controls:
                self.controls(ev, value, path, key)
            return value
        self.expected(ev, path, key, "text")
        return None

    def controls(self, ev: Event, value: str, path: str, key: _Key) -> None:
        bad = unsafe_characters(value)
        if bad:
            offset, ch = bad[0]
            more = f" ({len(bad) - 1} more in this text)" if len(bad) > 1 else ""
            line, column = _mark(ev)
            how = ""
            start, end = ev.start_mark, ev.end_mark
            if start is not None and end is not None:
                quoted = getattr(ev, "style", None) == '"'
                where = written_at(self.yaml_text, start.index, end.index, quoted, value, offset)
                if where is not None:
                    line, column = line_column(self.yaml_text, where[0])
                    how = " (written as an escape)" if where[1] else ""
            self.sink.add(
                line,
                column,
                _join(path, key),
                f"contains {_char_kind(ch)} {_char_name(ch)}{how}; "
                f"it will be shown as a symbol{more}",
                "warning",
                schema=True,
            )

    def text_list(self, ev: Any, path: str, key: str) -> tuple[str, ...]:
        out = []
        for i, item in self.items(ev, path, key):
            value = self.text(item, _join(path, key), i, True)
            if value is not None:
                out.append(value)
        return tuple(out)

    def choice(
        self, ev: Any, path: str, key: str, choices: tuple[str, ...], required: bool = False
    ) -> str | None:
        value = self.text(ev, path, key, required)
        if value is None or value in choices:
            return value
        self.error(
            ev,
            path,
            key,
            f"{_q(value)} is not one of: {', '.join(choices)}{did_you_mean(value, choices)}",
        )
        return None

    def form(self, ev: Any, path: str) -> Form | None:
        value = self.choice(ev, path, "form", FORMS)
        return "quote" if value == "quote" else "paraphrase" if value else None

    def date(self, ev: Any, path: str, key: str, required: bool = False) -> EdtfDate | None:
        raw = self.text(ev, path, key, required)
        if raw is None:
            return None
        parsed = self.dates.get(raw)
        if parsed is None:
            try:
                parsed = parse_date(raw)
            except DateError as exc:
                self.error(ev, path, key, str(exc))
                return None
            self.dates[raw] = parsed
        return parsed
