"""Terminal cell widths and word wrapping, for the plain-text renderings.

A terminal shows an East Asian wide character (CJK, most emoji) in two cells
and a combining mark or a zero-width character in none, so widths here are
counted in cells, never in code points.  ``textwrap`` counts code points,
which is why :func:`wrap` exists: it is ``textwrap``'s greedy algorithm with
cell widths.  Only the standard library (``unicodedata``); no new dependency.

Terminals disagree about some sequences (an emoji joined with U+200D ZWJ is
two cells in some and the sum of its parts in others); :func:`cell_width`
counts each part, which errs on the wide side, so lines come out short rather
than overflowing.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Hangul Jamo medial vowels and final consonants join the preceding syllable.
_JAMO_JOINING = (0x1160, 0x11FF)
_ZERO_WIDTH_CATEGORIES = frozenset({"Mn", "Me", "Cf"})


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    """Cells taken by one code point: 0, 1 or 2."""
    code = ord(ch)
    if code < 0x20 or 0x7F <= code < 0xA0:
        return 0  # control characters: shown (after sanitising) as symbols
    if code == 0x00AD:
        return 1  # SOFT HYPHEN: category Cf, but terminals draw it
    if unicodedata.category(ch) in _ZERO_WIDTH_CATEGORIES:
        return 0
    if _JAMO_JOINING[0] <= code <= _JAMO_JOINING[1]:
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


_VS16 = "\ufe0f"  # VARIATION SELECTOR-16: show the character before as an emoji


def _widths(text: str) -> list[int]:
    """The width of each code point of *text*, in context: VS16 after a
    one-cell character makes it an emoji, two cells wide."""
    out: list[int] = []
    for ch in text:
        if ch == _VS16 and out and out[-1] == 1:
            out.append(1)
        else:
            out.append(char_width(ch))
    return out


def cell_width(text: str) -> int:
    """Cells *text* takes on a terminal (one line)."""
    if text.isascii():
        return len(text)
    return sum(_widths(text))


def pad(text: str, width: int) -> str:
    """*text* followed by spaces up to *width* cells."""
    return text + " " * max(0, width - cell_width(text))


def split_at(text: str, width: int) -> tuple[str, str]:
    """Split *text* after at most *width* cells (at least one character, so
    that callers always make progress); zero-width characters stay with the
    character before them."""
    used = 0
    for i, w in enumerate(_widths(text)):
        if used + w > width and i > 0:
            if text[i] == _VS16 and i > 1:
                i -= 1  # keep the emoji and its selector together
            return text[:i], text[i:]
        used += w
    return text, ""


def truncate(text: str, width: int, ellipsis: str = "…") -> str:
    """*text* cut to *width* cells, ending in *ellipsis* if it was cut."""
    if cell_width(text) <= width:
        return text
    head, _ = split_at(text, max(0, width - cell_width(ellipsis)))
    return head.rstrip(" ") + ellipsis


_TOKENS = re.compile(r" +|[^ ]+")


def _wrap_line(line: str, width: int, first: str, rest: str) -> list[str]:
    out: list[str] = []
    current, current_w = first, cell_width(first)
    has_word = False
    space = ""
    for token in _TOKENS.findall(line):
        if token[0] == " ":
            # Spaces between words are kept; at a line break they go.
            space = token if has_word else ""
            continue
        w = cell_width(token)
        if has_word and current_w + len(space) + w <= width:
            current += space + token
            current_w += len(space) + w
            space = ""
            continue
        if has_word:
            out.append(current)
            current, current_w = rest, cell_width(rest)
        space = ""
        # A word longer than the line is broken (as textwrap does).  Each
        # piece is measured on a bounded slice, so a megabyte-long word wraps
        # in linear time.
        pos = 0
        while current_w + w > width and pos < len(token):
            room = max(1, width - current_w)
            head, _ = split_at(token[pos : pos + 4 * room + 16], room)
            if not head:  # a wide character that does not fit: give it a line
                head = token[pos]
            out.append(current + head)
            pos += len(head)
            current, current_w = rest, cell_width(rest)
            w -= cell_width(head)
        token = token[pos:]
        if token:
            current += token
            current_w += w
            has_word = True
        else:
            has_word = False
    if has_word or not out:
        out.append(current.rstrip(" ") if not has_word else current)
    return out


def wrap(text: str, width: int, *, first: str = "", rest: str = "") -> list[str]:
    """Wrap *text* to lines of at most *width* cells.

    Newlines in *text* are kept as line breaks (an empty line stays an empty
    line); tabs count as one space.  *first* starts the first line and *rest*
    every other one (a hanging indent, say).  Only spaces are break
    opportunities; a word wider than the line is broken.
    """
    lines: list[str] = []
    for i, line in enumerate(text.replace("\t", " ").split("\n")):
        lines.extend(_wrap_line(line, width, first if i == 0 else rest, rest))
    return lines
