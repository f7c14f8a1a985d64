"""Reading and decoding a story file (private to :mod:`tui.story.load`).

The file's size is checked with ``os.stat`` before reading (at most
:data:`MAX_FILE_SIZE`); its bytes are decoded as strict UTF-8 and scanned for
characters YAML does not allow, so binary data, bad encodings and stray
control characters each get one clear message with their position.
"""

from __future__ import annotations

import re

from . import characters
from .load_sink import _Sink
from .sizes import size_label as _size

MAX_FILE_SIZE = 32 * 1024 * 1024  # bytes


def _char_kind(ch: str) -> str:
    """The noun for *ch* in messages, from the character table."""
    return characters.kind(ch)


def _char_name(ch: str) -> str:
    """``␛ (U+001B ESC)``: the visible symbol, code point and name."""
    return characters.describe(ch)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of character *offset* in *text*."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


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


# Characters refused before parsing (the classes of tui.story.characters
# whose raw outcome is "refused"): those YAML does not allow in a stream
# (YAML 1.1 c-printable, as libyaml and PyYAML check it); the three that
# YAML reads as line breaks although no editor shows a new line there (NEL,
# LINE SEPARATOR, PARAGRAPH SEPARATOR): left raw, they would silently split
# the text, change the document's structure and shift every line number;
# and a byte order mark after the start (two files joined with cat).
_REFUSED = characters.REFUSED_RE
_LINE_BREAK_ESCAPES = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}
_MAX_CHAR_REPORTS = 20
# Anything refused, or shown as a symbol on a terminal: one pass over the
# text decides whether the slower checks are needed at all.
_SUSPECT = characters.SUSPECT_RE
_CHUNK = 1 << 20


def _suspect(text: str) -> bool:
    """Does *text* hold any character that is refused, or shown as a
    symbol?  All-ASCII text (most of most stories) is checked in 1 MiB
    slices with ``bytes.translate``, four times faster than the regex."""
    if not text.isascii():
        return _SUSPECT.search(text) is not None
    plain = characters.ASCII_PLAIN
    return any(
        text[i : i + _CHUNK].encode("ascii").translate(None, plain)
        for i in range(0, len(text), _CHUNK)
    )


def _refused_message(ch: str) -> str:
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        return f"lone surrogate U+{code:04X} is not valid text"
    if ch == "\ufeff":
        return (
            "byte order mark (U+FEFF) in the middle of the file (were two files joined?); "
            "remove it: only the very start of a file may hold one"
        )
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
            line,
            column,
            "",
            "binary data, not text: a NUL character (U+0000); a story file must be text",
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
        return data[1:] if data.startswith("\ufeff") else data
    return _decode(data, sink)


# A JSON surrogate pair: an odd number of backslashes (an even number before
# it are escaped backslashes), then \uD800-\uDBFF and \uDC00-\uDFFF.
_SURROGATE_PAIR = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
)


def _pair(m: re.Match[str]) -> str:
    high, low = int(m.group(2), 16), int(m.group(3), 16)
    code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
    return f"{m.group(1)}\\U{code:08X}"


def _json_surrogates(text: str) -> str:
    """*text* with JSON's surrogate-pair escapes (``\\ud83d\\ude00``) written
    as the one YAML escape they stand for (``\\U0001F600``), if the file is
    JSON (its first non-blank character is ``{``): in JSON every backslash
    is inside a double-quoted string, so the rewrite is exact.  libyaml
    refuses surrogate escapes; a JSON file ``python -m json.tool`` accepts
    then loads.  (Columns after a rewritten pair on its line move left by
    two.)"""
    if "\\u" not in text or not text.lstrip().startswith("{"):
        return text
    return _SURROGATE_PAIR.sub(_pair, text)
