"""One-cell ASCII stand-ins for terminals whose encoding is not UTF-8.

Under a Latin-1 (or ASCII) locale, the browser's box drawing, arrows and
ellipses cannot be encoded.  Python's ``backslashreplace`` would print
``\\u2502`` for a one-cell ``│`` and wreck the layout, so instead a codec
error handler gives every character that cannot be encoded a stand-in of the
same width: ``│`` -> ``|``, ``─`` -> ``-``, ``…`` -> ``~``, a wide CJK
character -> ``??``.  Story text stays readable where it can be encoded at
all, and the layout keeps its columns.
"""

from __future__ import annotations

import codecs
import io
import sys
import unicodedata

# For the full-screen browser: every stand-in keeps the character's width.
HANDLER = "storybrowse-ascii"
# For printed output (check, show): unknown characters become \\uXXXX escapes,
# which say exactly what the file holds.
TEXT_HANDLER = "storybrowse-text"

_MAP: dict[str, str] = {}
for _chars, _sub in (
    ("─━═┄┈╌▁▔‐‑‒–—―−⎯", "-"),
    ("│┃║┆┊╎▏▎▍▌▋▊▉▕", "|"),
    ("┌┐└┘├┤┬┴┼╭╮╯╰╔╗╚╝╠╣╦╩╬┏┓┗┛┣┫┳┻╋", "+"),
    ("█▇▆▅▄▃▂▀░▒▓■□▪▫", "#"),
    ("▸▶►→⟶⇒›»", ">"),
    ("◂◀◄←⟵⇐‹«", "<"),
    ("▴▲↑", "^"),
    ("▾▼↓", "v"),
    ("…⋯", "~"),
    ("“”„‟″", '"'),
    ("‘’‚‛′", "'"),
    ("•·∙●○◦", "*"),
    ("✓✔", "v"),
    ("✗✘×", "x"),
    ("\u00a0\u2002\u2003\u2009\u200a\u202f", " "),
):
    for _c in _chars:
        _MAP[_c] = _sub


def _width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _stand_in(ch: str, keep_width: bool) -> str:
    sub = _MAP.get(ch)
    if sub is not None:
        return sub
    code = ord(ch)
    # The sanitiser's control pictures (U+2400-U+2421): caret notation, so an
    # ESC in a story still shows as ^[ rather than vanishing.
    if 0x2400 <= code <= 0x241F:
        return "^" + chr(code - 0x2400 + 0x40)
    if code == 0x2421:
        return "^?"
    if keep_width:
        return "?" * _width(ch)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _make_handler(keep_width: bool) -> object:
    def handler(exc: UnicodeError) -> tuple[str, int]:
        if not isinstance(exc, UnicodeEncodeError):
            raise exc
        text = exc.object[exc.start : exc.end]
        return "".join(_stand_in(ch, keep_width) for ch in text), exc.end

    return handler


codecs.register_error(HANDLER, _make_handler(True))  # type: ignore[arg-type]
codecs.register_error(TEXT_HANDLER, _make_handler(False))  # type: ignore[arg-type]


def is_utf8(stream: object) -> bool:
    encoding = getattr(stream, "encoding", None) or ""
    return codecs.lookup(encoding).name == "utf-8" if encoding else False


def install(streams: tuple[object, ...] | None = None, *, keep_width: bool = False) -> None:
    """Give every non-UTF-8 text stream the ASCII fallback: one-cell stand-ins
    for the browser (*keep_width*), stand-ins and escapes for printed text."""
    if streams is None:
        streams = (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__)
    for stream in streams:
        if isinstance(stream, io.TextIOWrapper) and not is_utf8(stream):
            stream.reconfigure(errors=HANDLER if keep_width else TEXT_HANDLER)
