"""The minimal repaint of a screen change: the floor for bytes per move.

A terminal application that changes some rows of the screen has to send at
least those rows: for each changed row a cursor move, and for each run of
cells with the same attributes one SGR sequence and the cells' text.  That
count is what "bytes per move" is compared against (the issue's target: a
preview move writes at most 1.3x the minimal repaint of the rows it changed).

Counted on the pyte screen after the move (``PtyProcess.snapshot()`` rows of
pyte ``Char``: data, fg, bg, bold, italics, underscore, strikethrough,
reverse, blink).  Colours pyte keeps as six hex digits (256 colours or true
colour) are counted as ``38;5;NNN`` (9 bytes with the separator), named
colours as ``3N`` (3 bytes); every run starts from a reset (``0``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

_FLAGS = ("bold", "italics", "underscore", "strikethrough", "reverse", "blink")


def _colour_bytes(colour: object) -> int:
    if not isinstance(colour, str) or colour == "default":
        return 0
    if len(colour) == 6 and all(c in "0123456789abcdefABCDEF" for c in colour):
        return len(";38;5;NNN")
    return len(";3N")


def _sgr_bytes(char: object) -> int:
    """ESC [ 0 ; ... m for one run of cells with *char*'s attributes."""
    n = len("\x1b[0m")
    n += sum(2 for flag in _FLAGS if getattr(char, flag, False))
    n += _colour_bytes(getattr(char, "fg", "default"))
    n += _colour_bytes(getattr(char, "bg", "default"))
    return n


def _attrs(char: object) -> tuple[object, ...]:
    return tuple(getattr(char, name, None) for name in ("fg", "bg", *_FLAGS))


def row_bytes(y: int, row: Sequence[object]) -> int:
    """Bytes to redraw screen row *y* (0-based) whole: CUP, then per run of
    equal attributes an SGR and the text."""
    n = len(f"\x1b[{y + 1};1H")
    last: tuple[object, ...] | None = None
    for char in row:
        attrs = _attrs(char)
        if attrs != last:
            n += _sgr_bytes(char)
            last = attrs
        n += len(str(getattr(char, "data", " ")).encode("utf-8"))
    return n


def minimal_repaint_bytes(after: Sequence[Sequence[object]], changed: Iterable[int]) -> int:
    """The bytes a minimal repaint of the *changed* rows of *after* takes."""
    return sum(row_bytes(y, after[y]) for y in changed)
