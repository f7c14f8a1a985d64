"""Load a story file: safe YAML in, a checked :class:`~tui.story.model.Story` out.

How it works, and why:

* The file's size is checked with ``os.stat`` before reading (at most
  :data:`MAX_FILE_SIZE`); its bytes are decoded as strict UTF-8 and scanned
  for characters YAML does not allow, so binary data, bad encodings and stray
  control characters each get one clear message with their position.
* Nothing is *constructed* by PyYAML: its safe parser (libyaml's, through
  ``CSafeLoader``, when available) produces events, and :class:`_Parser`
  walks them once, following the format, and builds the model as it goes.
  So every scalar is the raw text the author wrote (no YAML 1.1 coercion:
  ``no``, ``on``, ``010``, ``2022-04-18``, ``12:30`` stay strings), every
  problem has the line and column of its event, and no tree of the document
  is ever held in memory.  Anchors and aliases, custom tags and extra
  documents are refused; nesting stops at :data:`MAX_DEPTH`.  Python
  recursion follows the format (a few levels), never the file; what the
  format does not expect is skipped iteratively.
* Every problem is collected (up to :data:`MAX_PROBLEMS`); references are
  resolved once every id is known.

On 10,000 incidents (16 MB) this takes about 1 s, twice the time libyaml
needs just to produce the events and about a seventh of ``yaml.load`` with
``CSafeLoader``.

Public API: :func:`load_story`, :func:`load_story_text`, :func:`check_story`,
:func:`check_story_text`; errors are :class:`~tui.story.errors.StoryError`
holding :class:`~tui.story.errors.Problem` records.
"""

from __future__ import annotations

import gc
import os
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from .dates import DateError, EdtfDate, parse_date
from .errors import Problem, Severity, StoryError
from .model import (
    ACTOR_KINDS,
    FORMS,
    STANCES,
    Actor,
    Claim,
    ContextEvent,
    Form,
    Incident,
    Inference,
    Place,
    Quote,
    RecordKind,
    Response,
    Source,
    Story,
    StoryMeta,
)
from .sanitize import display_text, unsafe_characters

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_SIZE",
    "Problem",
    "StoryError",
    "check_story",
    "check_story_text",
    "load_story",
    "load_story_text",
]

MAX_FILE_SIZE = 32 * 1024 * 1024  # bytes
MAX_DEPTH = 64  # nested mappings and lists; a story needs about six
MAX_PROBLEMS = 1000  # after this many, stop collecting (a garbage file could yield millions)

_T = TypeVar("_T")

# ---------------------------------------------------------------------------
# Problems
# ---------------------------------------------------------------------------


class _TooMany(Exception):
    """Raised inside the loader when :data:`MAX_PROBLEMS` is reached."""


class _Sink:
    """Collects the problems of one file."""

    __slots__ = ("errors", "file", "overflow", "problems", "schema")

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.errors = 0
        self.overflow = False
        self.schema: set[int] = set()  # indices of problems with the story's content

    def add(
        self,
        line: int,
        column: int,
        path: str,
        message: str,
        severity: Severity = "error",
        schema: bool = False,
    ) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.overflow = True
            self.errors += 1
            raise _TooMany
        if schema:
            self.schema.add(len(self.problems))
        self.problems.append(Problem(self.file, line, column, path, message, severity))
        if severity == "error":
            self.errors += 1

    def drop_schema(self) -> None:
        """Keep only the problems with the file and its YAML.

        Used when the YAML parse stops half way: what was found in the
        content so far would only distract from the one thing to fix.
        """
        self.problems = [p for i, p in enumerate(self.problems) if i not in self.schema]
        self.schema.clear()
        self.errors = sum(1 for p in self.problems if p.severity == "error")

    def sorted(self) -> list[Problem]:
        """In file order; problems at one place keep the order they were found in."""
        out = sorted(self.problems, key=lambda p: (p.line, p.column))
        if self.overflow:
            out.append(
                Problem(
                    self.file,
                    0,
                    0,
                    "",
                    f"too many problems; stopped after the first {MAX_PROBLEMS}",
                )
            )
        return out


def _q(value: str, limit: int = 60) -> str:
    """Quote story text for a one-line message (repr escapes controls)."""
    if len(value) > limit:
        value = value[: limit - 3] + "..."
    return repr(value)


def _suggest(value: str, choices: Sequence[str]) -> str:
    """`` (did you mean 'x'?)`` or ``""``."""
    if not choices:
        return ""
    import difflib  # only when there is a problem to report

    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    if not close and value.lower() != value:
        close = [c for c in choices if c.lower() == value.lower()][:1]
    return f" (did you mean {close[0]!r}?)" if close else ""


# Abbreviations of the C0 and C1 control characters (unicodedata has no
# names for them).
# fmt: off
_C0_NAMES = (
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF",
    "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM",
    "SUB", "ESC", "FS", "GS", "RS", "US",
)
_C1_NAMES = (
    "PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS", "PLD",
    "PLU", "RI", "SS2", "SS3", "DCS", "PU1", "PU2", "STS", "CCH", "MW", "SPA", "EPA", "SOS",
    "SGCI", "SCI", "CSI", "ST", "OSC", "PM", "APC",
)
# fmt: on


def _char_kind(ch: str) -> str:
    """``control character`` for C0/C1/DEL, ``invisible formatting
    character`` for the others the sanitiser shows (zero width space, bidi
    overrides...)."""
    code = ord(ch)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "control character"
    return "invisible formatting character"


def _char_name(ch: str) -> str:
    """``␛ (U+001B ESC)``: the visible symbol, code point and name."""
    code = ord(ch)
    if code < 0x20:
        name = _C0_NAMES[code]
    elif code == 0x7F:
        name = "DEL"
    elif 0x80 <= code <= 0x9F:
        name = _C1_NAMES[code - 0x80]
    else:
        name = unicodedata.name(ch, "")
    symbol = display_text(ch) if unsafe_characters(ch) else repr(ch)
    return f"{symbol} (U+{code:04X}{' ' + name if name else ''})"


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of character *offset* in *text*."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


# ---------------------------------------------------------------------------
# Reading and decoding
# ---------------------------------------------------------------------------


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MiB"
    if n >= 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n} bytes"


def _read(path: str, sink: _Sink) -> bytes | None:
    """The file's bytes, or None after reporting why they cannot be had
    (only a regular file is read; see :mod:`tui.story.fileio`)."""
    from .fileio import NotReadable, read_regular_file

    try:
        return read_regular_file(path, MAX_FILE_SIZE)
    except NotReadable as exc:
        sink.add(0, 0, "", str(exc))
        return None


_UTF16_32_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _byte_pos(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte *offset*."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def _decode(data: bytes, sink: _Sink) -> str | None:
    """Strict UTF-8 (an initial BOM is dropped), or None after reporting."""
    for bom, name in _UTF16_32_BOMS:
        if data.startswith(bom):
            sink.add(0, 0, "", f"the file is {name} text; save it as UTF-8")
            return None
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _byte_pos(data, nul)
        sink.add(
            line,
            column,
            "",
            f"binary data, not text: a NUL byte at byte offset {nul}; "
            "a story file must be UTF-8 text",
        )
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_pos(data, exc.start)
        sink.add(
            line,
            column,
            "",
            f"invalid UTF-8: byte 0x{data[exc.start]:02X} at byte offset {exc.start} "
            "cannot be decoded; a story file must be UTF-8 text",
        )
        return None
    return text[1:] if text.startswith("\ufeff") else text


# Characters refused before parsing: those YAML does not allow in a stream
# (YAML 1.1 c-printable, as libyaml and PyYAML check it), and the three that
# YAML reads as line breaks although no editor shows a new line there (NEL,
# LINE SEPARATOR, PARAGRAPH SEPARATOR): left raw, they would silently split
# the text, change the document's structure and shift every line number.
# (Written as the few ranges they are: a negated class with the whole of
# Unicode in it takes milliseconds to compile, at every start.)
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_LINE_BREAK_ESCAPES = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}
_MAX_CHAR_REPORTS = 20
# Anything refused or unsafe on a terminal (see tui.story.sanitize): one
# pass over the text decides whether the slower checks are needed at all.
_SUSPECT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def _refused_message(ch: str) -> str:
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        return f"lone surrogate U+{code:04X} is not valid text"
    escape = _LINE_BREAK_ESCAPES.get(ch)
    if escape is not None:
        return (
            f"character {_char_name(ch)} is a line break to YAML, invisible in most editors; "
            f'write it as "{escape}" inside a double-quoted string, or remove it'
        )
    if code <= 0xFF:
        return (
            f"control character {_char_name(ch)} is not allowed in a YAML file; write it "
            f'as "\\x{code:02x}" inside a double-quoted string, or remove it'
        )
    return f"character U+{code:04X} is not allowed in a YAML file; remove it"


def _check_characters(text: str, sink: _Sink) -> bool:
    """Report the characters refused before parsing; True if there were any."""
    nul = text.find("\x00")
    if nul >= 0:
        line, column = _line_col(text, nul)
        sink.add(
            line, column, "", "binary data, not text: a NUL character; a story file must be text"
        )
        return True
    found = 0
    for m in _REFUSED.finditer(text):
        found += 1
        line, column = _line_col(text, m.start())
        if found > _MAX_CHAR_REPORTS:
            more = sum(1 for _ in _REFUSED.finditer(text, m.start()))
            sink.add(
                line, column, "", f"{more} more characters not allowed in YAML, the first here"
            )
            break
        sink.add(line, column, "", _refused_message(m.group()))
    return found > 0


# ---------------------------------------------------------------------------
# YAML events
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# The format
# ---------------------------------------------------------------------------

_ID_RE = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")
_AMBIGUOUS_IDS = frozenset(("y", "n", "yes", "no", "on", "off", "true", "false", "null"))
_KIND_NAMES: dict[str, str] = {
    "incident": "an incident",
    "context": "a context event",
    "actor": "an actor",
    "quote": "a quote",
    "source": "a source",
}

_TOP_KEYS = ("storybrowse", "story", "sources", "actors", "incidents", "quotes", "context")
_STORY_KEYS = ("headline", "outlet", "published", "url", "summary", "byline")
_SOURCE_KEYS = ("id", "name", "outlet", "published", "url", "note")
_ACTOR_KEYS = ("id", "name", "kind", "aliases", "affiliation", "role", "description")
_INCIDENT_KEYS = (
    "id",
    "title",
    "date",
    "date_reported",
    "date_inferred",
    "kind",
    "place",
    "from",
    "to",
    "summary",
    "note",
    "claim",
    "responses",
)
_INFERENCE_KEYS = ("note", "sources")
_PLACE_KEYS = ("name", "region", "country")
_CLAIM_KEYS = ("by", "text", "form", "verb", "source", "date", "note")
_RESPONSE_KEYS = ("by", "stance", "text", "form", "verb", "source", "date", "note")
_QUOTE_KEYS = ("id", "speaker", "text", "form", "verb", "via", "about", "source", "date", "note")
_CONTEXT_KEYS = (
    "id",
    "title",
    "date",
    "text",
    "date_reported",
    "date_inferred",
    "actors",
    "source",
)
_KEY_SETS: dict[tuple[str, ...], frozenset[str]] = {
    keys: frozenset(keys)
    for keys in (
        _TOP_KEYS,
        _STORY_KEYS,
        _SOURCE_KEYS,
        _ACTOR_KEYS,
        _INCIDENT_KEYS,
        _INFERENCE_KEYS,
        _PLACE_KEYS,
        _CLAIM_KEYS,
        _RESPONSE_KEYS,
        _QUOTE_KEYS,
        _CONTEXT_KEYS,
    )
}

_MAX_ID_SUGGESTIONS = 20  # distinct unknown ids that get a "did you mean"

_ACTOR: tuple[RecordKind, ...] = ("actor",)
_SOURCE: tuple[RecordKind, ...] = ("source",)
_ABOUT: tuple[RecordKind, ...] = ("incident", "context", "actor")

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


class _Parser:
    """Reads the YAML events of one story and builds the model as it goes.

    A recursive descent over the event stream that follows the format: each
    method takes the first event of a value and consumes the rest of it.
    Nothing is kept but the model being built (no tree of the document);
    positions come from the events themselves.  Where the file has
    something the format does not expect, the value is reported and skipped
    (iteratively), so the depth of Python recursion is the format's, never
    the file's.  Message paths are built only when there is a problem.
    """

    def __init__(self, text: str, sink: _Sink, check_controls: bool) -> None:
        self.yaml_text = text
        self.sink = sink
        self.check_controls = check_controls
        self.loader = _Loader(text)
        self._get = self.loader.get_event
        self.depth = 0
        self.anchors: list[Event] = []  # anchors and aliases, reported once at the end
        # id -> (kind, path of the record, line)
        self.ids: dict[str, tuple[RecordKind, str, int]] = {}
        # (line, column, path, key, id, allowed kinds), resolved at the end
        self.refs: list[tuple[int, int, str, _Key, str, tuple[RecordKind, ...]]] = []
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
        story, need none of this: :meth:`next` and :meth:`pairs` skip them)."""
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

    def pairs(
        self, start: Any, path: str, keys: tuple[str, ...], required: tuple[str, ...]
    ) -> Iterator[tuple[str, Any]]:
        """Yield ``(key, first event of its value)`` for each known key of
        the mapping that *start* opens; the caller consumes each value.

        Unknown and duplicate keys are reported and skipped, missing
        required keys reported at the end.
        """
        known = _KEY_SETS[keys]
        seen: dict[str, Any] = {}
        get = self._get
        while True:
            kev: Any = get()  # self.next(), inlined: this is the hottest loop
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
            first = seen.get(name)
            if first is not None:
                line, column = _mark(first)
                self.error(
                    kev,
                    path,
                    _key_name(name),
                    f"duplicate key {_q(name)} (first at line {line}, column {column}); "
                    "YAML would silently keep only the last value",
                )
                self.skip(self.next())
                continue
            seen[name] = kev
            if name not in known:
                hint = _suggest(name, keys) or f"; expected one of: {', '.join(keys)}"
                self.error(kev, path, _key_name(name), f"unknown key {_q(name)}{hint}")
                self.skip(self.next())
                continue
            yield name, self.next()
        for name in required:
            if name not in seen:
                self.error(start, path, None, f"missing required key {name!r}")

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
            self.sink.add(
                line,
                column,
                _join(path, key),
                f"contains {_char_kind(ch)} {_char_name(ch)} at offset {offset}; "
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
            f"{_q(value)} is not one of: {', '.join(choices)}{_suggest(value, choices)}",
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

    # -- ids and references ----------------------------------------------
    def ident(self, ev: Any, path: str, kind: RecordKind) -> str | None:
        value = self.text(ev, path, "id", True)
        if value is None:
            return None
        if _ID_RE.fullmatch(value) is None:
            self.error(
                ev,
                path,
                "id",
                f"{_q(value)} is not a valid id: an id starts with a letter and has only "
                "letters, digits, '_', '.' and '-'",
            )
            return None
        if value.lower() in _AMBIGUOUS_IDS:
            self.error(
                ev,
                path,
                "id",
                f"{_q(value)} cannot be an id: YAML 1.1 tools read it as a boolean or null",
            )
            return None
        first = self.ids.get(value)
        if first is not None:
            self.error(
                ev,
                path,
                "id",
                f"duplicate id {_q(value)} (already used by {first[1]} at line {first[2]}); "
                "ids are unique across the whole story",
            )
            return value
        self.ids[value] = (kind, path, _mark(ev)[0])
        return value

    def ref(
        self, ev: Any, path: str, key: _Key, kinds: tuple[RecordKind, ...], required: bool = False
    ) -> str | None:
        value = self.text(ev, path, key, required)
        if value is not None:
            line, column = _mark(ev)
            self.refs.append((line, column, path, key, value, kinds))
        return value

    def ref_list(
        self, ev: Any, path: str, key: str, kinds: tuple[RecordKind, ...]
    ) -> tuple[str, ...]:
        out = []
        for i, item in self.items(ev, path, key):
            value = self.ref(item, _join(path, key), i, kinds, True)
            if value is not None:
                out.append(value)
        return tuple(out)

    def resolve(self) -> None:
        ids = self.ids
        sink = self.sink
        # A suggestion scans every id of the wanted kinds: cache them, and
        # stop suggesting after a few distinct unknown ids so that a story
        # of 10,000 records with a renamed actor still loads at once.
        hints: dict[tuple[str, tuple[RecordKind, ...]], str] = {}
        for line, column, path, key, value, kinds in self.refs:
            found = ids.get(value)
            if found is None:
                hint = hints.get((value, kinds))
                if hint is None:
                    hint = ""
                    if len(hints) < _MAX_ID_SUGGESTIONS:
                        candidates = [i for i, (k, _p, _l) in ids.items() if k in kinds]
                        hint = _suggest(value, candidates)
                    hints[value, kinds] = hint
                sink.add(line, column, _join(path, key), f"no such id {_q(value)}{hint}")
            elif found[0] not in kinds:
                wanted = [_KIND_NAMES[k] for k in kinds]
                listed = wanted[0]
                if len(wanted) > 1:
                    listed = ", ".join(wanted[:-1]) + " or " + wanted[-1]
                sink.add(
                    line,
                    column,
                    _join(path, key),
                    f"{_q(value)} is {_KIND_NAMES[found[0]]} ({found[1]}), not {listed}",
                )

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
        meta = None
        sources: tuple[Source, ...] = ()
        actors: tuple[Actor, ...] = ()
        incidents: tuple[Incident, ...] = ()
        quotes: tuple[Quote, ...] = ()
        context: tuple[ContextEvent, ...] = ()
        for name, ev in self.pairs(start, "", _TOP_KEYS, ("story",)):
            self.recognised = True
            if name == "storybrowse":
                raw = self.text(ev, "", name, True)
                if raw is not None and raw != "1":
                    self.error(
                        ev,
                        "",
                        name,
                        f"format version {_q(raw)} is not supported; "
                        "this storybrowse reads version 1",
                    )
            elif name == "story":
                meta = self.meta(ev)
            elif name == "sources":
                sources = self.records(ev, name, self.source)
            elif name == "actors":
                actors = self.records(ev, name, self.actor)
            elif name == "incidents":
                incidents = self.records(ev, name, self.incident)
            elif name == "quotes":
                quotes = self.records(ev, name, self.quote)
            else:
                context = self.records(ev, name, self.context)
        if not self.recognised:
            # Not a story at all: say so, without quoting its keys.
            self.sink.drop_schema()
            line, column = _mark(start)
            self.sink.add(line, column, "", f"{_FOREIGN}; {_NEED}", schema=True)
            return None
        self.resolve()
        if meta is None or self.sink.errors:
            return None
        return Story(
            meta=meta,
            sources=sources,
            actors=actors,
            incidents=incidents,
            quotes=quotes,
            context=context,
        )

    def records(self, ev: Any, key: str, build: Callable[[Any, str], _T | None]) -> tuple[_T, ...]:
        out = []
        for i, item in self.items(ev, "", key):
            rec = build(item, f"{key}[{i}]")
            if rec is not None:
                out.append(rec)
        return tuple(out)

    # -- records ---------------------------------------------------------
    # Each reads every key it finds (so that every problem is reported) and
    # builds its record only if the required values are there.

    def meta(self, start: Any) -> StoryMeta | None:
        p = "story"
        if not self.is_mapping(start, p):
            return None
        headline = outlet = url = summary = byline = None
        published = None
        for name, ev in self.pairs(start, p, _STORY_KEYS, ("headline",)):
            if name == "headline":
                headline = self.text(ev, p, name, True)
            elif name == "outlet":
                outlet = self.text(ev, p, name)
            elif name == "published":
                published = self.date(ev, p, name)
            elif name == "url":
                url = self.text(ev, p, name)
            elif name == "summary":
                summary = self.text(ev, p, name)
            else:
                byline = self.text(ev, p, name)
        if headline is None:
            return None
        return StoryMeta(headline, outlet, published, url, summary, byline)

    def source(self, start: Any, p: str) -> Source | None:
        if not self.is_mapping(start, p):
            return None
        rid = name_ = outlet = url = note = None
        published = None
        for name, ev in self.pairs(start, p, _SOURCE_KEYS, ("id", "name")):
            if name == "id":
                rid = self.ident(ev, p, "source")
            elif name == "name":
                name_ = self.text(ev, p, name, True)
            elif name == "outlet":
                outlet = self.text(ev, p, name)
            elif name == "published":
                published = self.date(ev, p, name)
            elif name == "url":
                url = self.text(ev, p, name)
            else:
                note = self.text(ev, p, name)
        if rid is None or name_ is None:
            return None
        return Source(rid, name_, outlet, published, url, note)

    def actor(self, start: Any, p: str) -> Actor | None:
        if not self.is_mapping(start, p):
            return None
        rid = name_ = kind = affiliation = role = description = None
        aliases: tuple[str, ...] = ()
        for name, ev in self.pairs(start, p, _ACTOR_KEYS, ("id", "name", "kind")):
            if name == "id":
                rid = self.ident(ev, p, "actor")
            elif name == "name":
                name_ = self.text(ev, p, name, True)
            elif name == "kind":
                kind = self.choice(ev, p, name, ACTOR_KINDS, True)
            elif name == "aliases":
                aliases = self.text_list(ev, p, name)
            elif name == "affiliation":
                affiliation = self.ref(ev, p, name, _ACTOR)
            elif name == "role":
                role = self.text(ev, p, name)
            else:
                description = self.text(ev, p, name)
        if rid is None or name_ is None or kind is None:
            return None
        return Actor(rid, name_, kind, aliases, affiliation, role, description)

    def place(self, start: Any, p: str, key: str) -> Place | None:
        if type(start) is ScalarEvent:
            if _is_null(start):
                return None
            name_ = self.text(start, p, key, True)  # "" is not a place
            return None if name_ is None else Place(name_)
        if type(start) is not MappingStartEvent:
            self.expected(start, p, key, "a place name or a mapping with 'name'")
            return None
        path = _join(p, key)
        name_ = region = country = None
        for name, ev in self.pairs(start, path, _PLACE_KEYS, ("name",)):
            if name == "name":
                name_ = self.text(ev, path, name, True)
            elif name == "region":
                region = self.text(ev, path, name)
            else:
                country = self.text(ev, path, name)
        return None if name_ is None else Place(name_, region, country)

    def inference(self, start: Any, p: str, key: str) -> Inference | None:
        if _is_null(start):
            return None
        path = _join(p, key)
        if not self.is_mapping(start, path):
            return None
        note = None
        sources: tuple[str, ...] = ()
        for name, ev in self.pairs(start, path, _INFERENCE_KEYS, ("note",)):
            if name == "note":
                note = self.text(ev, path, name, True)
            else:
                sources = self.ref_list(ev, path, name, _SOURCE)
        return None if note is None else Inference(note, sources)

    def statement(
        self, start: Any, p: str, keys: tuple[str, ...], required: tuple[str, ...]
    ) -> dict[str, Any] | None:
        """The fields a claim and a response share (and a response's stance),
        or None when the mapping is missing or a required field is bad."""
        if not self.is_mapping(start, p):
            return None
        f: dict[str, Any] = {}
        for name, ev in self.pairs(start, p, keys, required):
            if name == "by":
                f[name] = self.ref(ev, p, name, _ACTOR, True)
            elif name == "stance":
                f[name] = self.choice(ev, p, name, STANCES, True)
            elif name == "text":
                f[name] = self.text(ev, p, name, True)
            elif name == "form":
                f[name] = self.form(ev, p)
            elif name == "source":
                f[name] = self.ref(ev, p, name, _SOURCE)
            elif name == "date":
                f[name] = self.date(ev, p, name)
            else:  # verb, note
                f[name] = self.text(ev, p, name)
        if any(f.get(k) is None for k in required):
            return None
        return f

    def claim(self, start: Any, p: str) -> Claim | None:
        f = self.statement(start, p, _CLAIM_KEYS, ("by", "text"))
        if f is None:
            return None
        return Claim(
            f["by"],
            f["text"],
            f.get("form") or "paraphrase",
            f.get("verb") or "claimed",
            f.get("source"),
            f.get("date"),
            f.get("note"),
        )

    def response(self, start: Any, p: str) -> Response | None:
        f = self.statement(start, p, _RESPONSE_KEYS, ("by", "stance", "text"))
        if f is None:
            return None
        return Response(
            f["by"],
            f["stance"],
            f["text"],
            f.get("form") or "paraphrase",
            f.get("verb"),
            f.get("source"),
            f.get("date"),
            f.get("note"),
        )

    def incident(self, start: Any, p: str) -> Incident | None:
        if not self.is_mapping(start, p):
            return None
        rid = title = date_reported = kind = summary = note = None
        date = None
        date_inferred = None
        place = from_ = to = None
        claim = None
        responses: list[Response] = []
        required = ("id", "title", "date", "claim")
        for name, ev in self.pairs(start, p, _INCIDENT_KEYS, required):
            if name == "id":
                rid = self.ident(ev, p, "incident")
            elif name == "title":
                title = self.text(ev, p, name, True)
            elif name == "date":
                date = self.date(ev, p, name, True)
            elif name == "claim":
                claim = self.claim(ev, f"{p}.claim")
            elif name == "responses":
                for i, item in self.items(ev, p, name):
                    response = self.response(item, f"{p}.responses[{i}]")
                    if response is not None:
                        responses.append(response)
            elif name == "place":
                place = self.place(ev, p, name)
            elif name == "from":
                from_ = self.place(ev, p, name)
            elif name == "to":
                to = self.place(ev, p, name)
            elif name == "date_reported":
                date_reported = self.text(ev, p, name)
            elif name == "date_inferred":
                date_inferred = self.inference(ev, p, name)
            elif name == "kind":
                kind = self.text(ev, p, name)
            elif name == "summary":
                summary = self.text(ev, p, name)
            else:
                note = self.text(ev, p, name)
        if rid is None or title is None or date is None or claim is None:
            return None
        return Incident(
            rid,
            title,
            date,
            claim,
            tuple(responses),
            date_reported,
            date_inferred,
            kind,
            place,
            from_,
            to,
            summary,
            note,
        )

    def quote(self, start: Any, p: str) -> Quote | None:
        if not self.is_mapping(start, p):
            return None
        rid = speaker = text = verb = source = note = None
        form: Form | None = None
        date = None
        via: tuple[str, ...] = ()
        about: tuple[str, ...] = ()
        for name, ev in self.pairs(start, p, _QUOTE_KEYS, ("id", "speaker", "text")):
            if name == "id":
                rid = self.ident(ev, p, "quote")
            elif name == "speaker":
                speaker = self.ref(ev, p, name, _ACTOR, True)
            elif name == "text":
                text = self.text(ev, p, name, True)
            elif name == "form":
                form = self.form(ev, p)
            elif name == "verb":
                verb = self.text(ev, p, name)
            elif name == "via":
                via = self.ref_list(ev, p, name, _ACTOR)
            elif name == "about":
                about = self.ref_list(ev, p, name, _ABOUT)
            elif name == "source":
                source = self.ref(ev, p, name, _SOURCE)
            elif name == "date":
                date = self.date(ev, p, name)
            else:
                note = self.text(ev, p, name)
        if rid is None or speaker is None or text is None:
            return None
        return Quote(
            rid, speaker, text, form or "quote", verb or "said", via, about, source, date, note
        )

    def context(self, start: Any, p: str) -> ContextEvent | None:
        if not self.is_mapping(start, p):
            return None
        rid = title = text = date_reported = source = None
        date = None
        date_inferred = None
        actors: tuple[str, ...] = ()
        for name, ev in self.pairs(start, p, _CONTEXT_KEYS, ("id", "title", "date")):
            if name == "id":
                rid = self.ident(ev, p, "context")
            elif name == "title":
                title = self.text(ev, p, name, True)
            elif name == "date":
                date = self.date(ev, p, name, True)
            elif name == "text":
                text = self.text(ev, p, name)
            elif name == "date_reported":
                date_reported = self.text(ev, p, name)
            elif name == "date_inferred":
                date_inferred = self.inference(ev, p, name)
            elif name == "actors":
                actors = self.ref_list(ev, p, name, _ACTOR)
            else:
                source = self.ref(ev, p, name, _SOURCE)
        if rid is None or title is None or date is None:
            return None
        return ContextEvent(rid, title, date, text, date_reported, date_inferred, actors, source)


_NEED = "a story needs at least story: {headline: ...}"
_FOREIGN = "not a story file: the top-level mapping has none of the keys " + ", ".join(_TOP_KEYS)


# ---------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------


def _from_text(text: str, sink: _Sink) -> Story | None:
    suspect = _SUSPECT.search(text) is not None
    if suspect and _check_characters(text, sink):
        return None
    # Controls can come from raw characters or from escapes ("\e").
    parser = _Parser(text, sink, check_controls=suspect or "\\" in text)
    try:
        return parser.document()
    except yaml.YAMLError as exc:
        sink.drop_schema()
        _yaml_error(exc, text, sink)
        return None
    except _Stop:
        sink.drop_schema()
        return None
    finally:
        parser.loader.dispose()
        if parser.anchors:
            parser.refuse_anchors()


def _run(load: Callable[[], Story | None]) -> Story | None:
    # The cyclic garbage collector is paused while loading: the loader makes
    # no reference cycles, but it allocates hundreds of thousands of objects,
    # and the collections that triggers scan them all again and again (on
    # 10,000 incidents this halves the load time).  It is switched back on
    # only if it was on.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return load()
    except _TooMany:
        return None
    finally:
        if enabled:
            gc.enable()


def _text_of(data: str | bytes, sink: _Sink) -> str | None:
    if len(data) > MAX_FILE_SIZE:
        sink.add(
            0,
            0,
            "",
            f"the text is too large ({_size(len(data))}); the limit is {_size(MAX_FILE_SIZE)}",
        )
        return None
    if isinstance(data, str):
        return data
    return _decode(data, sink)


def check_story_text(
    data: str | bytes, filename: str = "<string>"
) -> tuple[Story | None, list[Problem]]:
    """Like :func:`check_story` for text or bytes already in memory."""
    sink = _Sink(filename)

    def load() -> Story | None:
        text = _text_of(data, sink)
        return None if text is None else _from_text(text, sink)

    story = _run(load)
    return (story if not sink.errors else None), sink.sorted()


def check_story(path: str | os.PathLike[str]) -> tuple[Story | None, list[Problem]]:
    """Load and check the story at *path*; never raises.

    Returns the story (None if there was any error) and every problem,
    warnings included, in file order.
    """
    name = os.fspath(path)
    sink = _Sink(name)

    def load() -> Story | None:
        data = _read(name, sink)
        text = None if data is None else _decode(data, sink)
        del data  # 32 MiB at most, but no need to keep it while parsing
        return None if text is None else _from_text(text, sink)

    story = _run(load)
    return (story if not sink.errors else None), sink.sorted()


def load_story(path: str | os.PathLike[str]) -> Story:
    """Load the story at *path*; raises :class:`StoryError` listing every problem."""
    story, problems = check_story(path)
    if story is None:
        raise StoryError(problems)
    return story


def load_story_text(data: str | bytes, filename: str = "<string>") -> Story:
    """Load a story from text or UTF-8 bytes; raises :class:`StoryError`."""
    story, problems = check_story_text(data, filename)
    if story is None:
        raise StoryError(problems)
    return story
