"""The one table of characters storybrowse treats specially.  Pure.

Story files are untrusted text pasted from web pages and saved by every
editor.  Some characters in them act on a terminal (controls), change the
order text is displayed in (bidi controls), split lines where no editor
shows a break (YAML's extra line breaks), or are invisible and make a name
or a quote look other than what the file holds (zero-width and formatting
characters).  :data:`CLASSES` declares each class once, with

* ``raw``: what ``storybrowse check`` says when the character is written
  as itself in the file (``refused``: an error, the story does not load;
  ``warned``: a warning, the story loads; ``line break``: YAML reads it as
  the end of a line, so it never reaches the text; ``kept``: nothing);
* ``escaped``: the same for the character written as an escape inside a
  double-quoted YAML string (``"\\u200b"``, ``"\\e"``);
* ``shown``: whether :func:`symbol` replaces it when the text is displayed
  (browser, ``show``, ``check``'s messages, exports meant for a terminal).

The sanitiser (:mod:`tui.story.sanitize`), the loader's character checks and
warnings, and ``export`` all derive their patterns from this table, so they
cannot disagree.  ``docs/story-format.md`` lists the same classes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

Outcome = Literal["refused", "warned", "line break", "kept"]


@dataclass(frozen=True, slots=True)
class CharClass:
    """One class of special characters.

    ``ranges`` are inclusive code point ranges; ``kind`` is the noun used in
    messages (``contains bidi control ...``).  ``standalone_only``: the
    class is shown and warned about only where a character of it does not
    follow another character it could modify (at the start of a text or
    after whitespace), as for variation selectors.
    """

    key: str
    name: str
    kind: str
    ranges: tuple[tuple[int, int], ...]
    raw: Outcome
    escaped: Outcome
    shown: bool
    why: str
    standalone_only: bool = False

    def chars(self) -> Iterator[str]:
        """Every character of the class, in code point order."""
        for low, high in self.ranges:
            for code in range(low, high + 1):
                yield chr(code)


CLASSES: tuple[CharClass, ...] = (
    CharClass(
        "c0",
        "C0 control characters (except tab, line feed and carriage return)",
        "control character",
        ((0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F)),
        raw="refused",
        escaped="warned",
        shown=True,
        why="act on the terminal (ESC starts escape sequences); YAML does not allow them raw",
    ),
    CharClass(
        "cr",
        "carriage return",
        "control character",
        ((0x0D, 0x0D),),
        raw="line break",
        escaped="warned",
        shown=True,
        why="moves the cursor back over what was written; raw, it ends a line (Windows files)",
    ),
    CharClass(
        "del",
        "DEL",
        "control character",
        ((0x7F, 0x7F),),
        raw="refused",
        escaped="warned",
        shown=True,
        why="a control character; YAML does not allow it raw",
    ),
    CharClass(
        "c1",
        "C1 control characters",
        "control character",
        ((0x80, 0x84), (0x86, 0x9F)),
        raw="refused",
        escaped="warned",
        shown=True,
        why="act on many terminals (U+009B starts an escape sequence); YAML refuses them raw",
    ),
    CharClass(
        "yaml-break",
        "line breaks only YAML knows: NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR",
        "line break character",
        ((0x85, 0x85), (0x2028, 0x2029)),
        raw="refused",
        escaped="warned",
        shown=True,
        why="YAML reads them as line breaks that no editor shows, shifting every line number",
    ),
    CharClass(
        "bidi-control",
        "bidi embeddings, overrides and isolates",
        "bidi control",
        ((0x202A, 0x202E), (0x2066, 0x2069)),
        raw="warned",
        escaped="warned",
        shown=True,
        why="display text in an order other than the one written",
    ),
    CharClass(
        "bidi-mark",
        "bidi marks (LEFT-TO-RIGHT, RIGHT-TO-LEFT and ARABIC LETTER MARK)",
        "bidi mark",
        ((0x200E, 0x200F), (0x061C, 0x061C)),
        raw="warned",
        escaped="warned",
        shown=True,
        why="invisible; change where neutral characters such as punctuation are displayed",
    ),
    CharClass(
        "invisible",
        "zero-width and other invisible formatting characters",
        "invisible character",
        (
            (0x00AD, 0x00AD),  # SOFT HYPHEN
            (0x115F, 0x1160),  # HANGUL CHOSEONG/JUNGSEONG FILLER
            (0x180E, 0x180E),  # MONGOLIAN VOWEL SEPARATOR
            (0x200B, 0x200B),  # ZERO WIDTH SPACE
            (0x2060, 0x2065),  # WORD JOINER, invisible operators
            (0x3164, 0x3164),  # HANGUL FILLER
            (0xFFA0, 0xFFA0),  # HALFWIDTH HANGUL FILLER
            (0xFFF9, 0xFFFB),  # interlinear annotation
        ),
        raw="warned",
        escaped="warned",
        shown=True,
        why="invisible: a name or quote holding one looks like another that does not",
    ),
    CharClass(
        "bom",
        "byte order mark (ZERO WIDTH NO-BREAK SPACE) after the start of the file",
        "byte order mark",
        ((0xFEFF, 0xFEFF),),
        raw="refused",
        escaped="warned",
        shown=True,
        why="invisible; raw, it is almost always two files joined (one at the start is dropped)",
    ),
    CharClass(
        "tag",
        "tag characters",
        "tag character",
        ((0xE0000, 0xE007F),),
        raw="warned",
        escaped="warned",
        shown=True,
        why="invisible; can carry hidden text",
    ),
    CharClass(
        "variation-selector",
        "variation selectors standing alone (at the start of a text or after a space)",
        "variation selector",
        ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF)),
        raw="warned",
        escaped="warned",
        shown=True,
        why="invisible when they modify nothing; after a letter or emoji they are kept",
        standalone_only=True,
    ),
    CharClass(
        "joiner",
        "zero width non-joiner and joiner",
        "joiner",
        ((0x200C, 0x200D),),
        raw="kept",
        escaped="kept",
        shown=False,
        why="Persian, Dari and Pashto spelling and emoji sequences need them; kept as written",
    ),
    CharClass(
        "noncharacter",
        "noncharacters U+FFFE and U+FFFF",
        "noncharacter",
        ((0xFFFE, 0xFFFF),),
        raw="refused",
        escaped="warned",
        shown=True,
        why="not text; YAML does not allow them raw",
    ),
)

_BY_KEY = {c.key: c for c in CLASSES}


def by_key(key: str) -> CharClass:
    """The class named *key* (``"c0"``, ``"invisible"``...); KeyError if none."""
    return _BY_KEY[key]


_CLASS_OF: dict[int, CharClass] = {}
for _cls in CLASSES:
    for _low, _high in _cls.ranges:
        for _code in range(_low, _high + 1):
            _CLASS_OF[_code] = _cls


def char_class(ch: str) -> CharClass | None:
    """The class of the one character *ch*, or None if it is ordinary."""
    return _CLASS_OF.get(ord(ch))


def _ranges(classes: list[CharClass], extra: str = "") -> str:
    """A regex character class of the given classes' ranges (ASCII-escaped)."""
    parts = [
        f"\\U{low:08x}" if low == high else f"\\U{low:08x}-\\U{high:08x}"
        for cls in classes
        for low, high in cls.ranges
    ]
    return "[" + "".join(parts) + extra + "]"


_ALWAYS = [c for c in CLASSES if c.shown and not c.standalone_only]
_STANDALONE = [c for c in CLASSES if c.shown and c.standalone_only]

# What the sanitiser replaces: every shown class, and the standalone-only
# classes where nothing precedes them but whitespace.
SHOWN_RE = re.compile(_ranges(_ALWAYS) + "|(?<!\\S)" + _ranges(_STANDALONE))
# Every character a shown class holds, whatever precedes it (for exports,
# where escaping a character loses nothing).
ESCAPED_IN_EXPORT_RE = re.compile(_ranges(_ALWAYS + _STANDALONE))
# Raw characters the loader refuses before parsing, and lone surrogates
# (which a str, though never decoded UTF-8, may hold).
REFUSED_RE = re.compile(_ranges([c for c in CLASSES if c.raw == "refused"], "\\ud800-\\udfff"))
# One pass over a file decides whether the slower per-text checks are needed.
# (A raw carriage return is a line break to YAML: it never reaches a text.)
SUSPECT_RE = re.compile(
    _ranges([c for c in CLASSES if c.raw in ("refused", "warned")], "\\ud800-\\udfff")
)
# The same for text that is all ASCII: the printable characters, tab, line
# feed and carriage return are all that is not suspect.
ASCII_PLAIN = bytes(range(0x20, 0x7F)) + b"\t\n\r"

# Whitespace that may be collapsed to one space in a one-line label: all of
# Python's whitespace except the characters the table shows (vertical tab,
# form feed, carriage return, the information separators U+001C-U+001F, NEL,
# the line and paragraph separators), which must stay visible.
_SHOWN_SPACES = (
    "".join(ch for cls in _ALWAYS for ch in cls.chars() if ch.isspace())
    .encode("unicode_escape")
    .decode("ascii")
)
PLAIN_SPACES_RE = re.compile(f"[^\\S{_SHOWN_SPACES}]+")

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


def symbol(ch: str) -> str:
    """The visible stand-in for the one character *ch*: ``␀``..``␟`` for C0
    controls (``␛`` for ESC), ``␡`` for DEL, else ``<U+XXXX>``."""
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"<U+{code:04X}>"


def char_name(ch: str) -> str:
    """``ESC``, ``NEL``, ``ZERO WIDTH SPACE``: the character's name, or ``""``."""
    code = ord(ch)
    if code < 0x20:
        return _C0_NAMES[code]
    if code == 0x7F:
        return "DEL"
    if 0x80 <= code <= 0x9F:
        return _C1_NAMES[code - 0x80]
    return unicodedata.name(ch, "")


def describe(ch: str) -> str:
    """``␛ (U+001B ESC)``: the visible symbol, code point and name (for
    messages; the result is safe to print)."""
    code = ord(ch)
    name = char_name(ch)
    shown = symbol(ch) if code in _CLASS_OF or 0xD800 <= code <= 0xDFFF else repr(ch)
    return f"{shown} (U+{code:04X}{' ' + name if name else ''})"


def kind(ch: str) -> str:
    """The noun for *ch* in messages (``control character``, ``bidi control``...)."""
    cls = char_class(ch)
    return cls.kind if cls is not None else "character"
