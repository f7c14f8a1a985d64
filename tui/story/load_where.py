"""Where, in the file, a character of a scalar's value was written.

A warning about an invisible or control character should point at that
character, not at the start of the string it is in.  The parser gives the
scalar's start and end (character indexes into the file's text, both
PyYAML parsers count characters); the character was written either as
itself or, in a double-quoted scalar, as an escape (YAML 1.1 section 5.7:
``\\e``, ``\\x1b``, ``\\u200b``, ``\\U000e0041``, ...).
"""

from __future__ import annotations

import re

# One token of a double-quoted scalar's source: an escape (``\\\\`` is one
# token, so the ``u200b`` in ``\\\\u200b`` is not read as an escape) or any
# other single character.
_TOKEN = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)|.", re.S)
_SIMPLE = {
    "0": "\x00",
    "a": "\x07",
    "b": "\x08",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\r",
    "e": "\x1b",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}


def _decoded(token: str) -> str:
    """The character a double-quoted token stands for (itself if no escape)."""
    if len(token) == 1 or token[0] != "\\":
        return token
    kind = token[1]
    if kind in "xuU" and len(token) > 2:
        return chr(int(token[2:], 16))
    return _SIMPLE.get(kind, kind)


def written_at(
    source: str, start: int, end: int, quoted: bool, value: str, offset: int
) -> tuple[int, bool] | None:
    """Where ``value[offset]`` was written in ``source[start:end]``.

    *source* is the file's text; *start*/*end* the scalar's character
    indexes; *quoted* is true for a double-quoted scalar (escapes allowed).
    Returns ``(index into source, written as an escape)`` or ``None`` when
    the character cannot be found there (a value built by folding).
    """
    ch = value[offset]
    nth = value.count(ch, 0, offset)  # earlier copies of the same character
    raw = source[start:end]
    if not quoted:
        pos = -1
        for _ in range(nth + 1):
            pos = raw.find(ch, pos + 1)
            if pos < 0:
                return None
        return start + pos, False
    seen = 0
    for token in _TOKEN.finditer(raw):
        if _decoded(token.group()) == ch:
            if seen == nth:
                return start + token.start(), len(token.group()) > 1
            seen += 1
    return None


def line_column(source: str, index: int) -> tuple[int, int]:
    """1-based ``(line, column)`` of character *index* of *source* (columns
    count characters, as the parser's marks do)."""
    line_start = source.rfind("\n", 0, index) + 1
    return source.count("\n", 0, index) + 1, index - line_start + 1
