"""Reading and decoding a story file (private to :mod:`tui.story.load`).

The file's size is checked with ``os.stat`` before reading (at most
:data:`MAX_FILE_SIZE`); its bytes are decoded as strict UTF-8 and scanned for
characters YAML does not allow, so binary data, bad encodings and stray
control characters each get one clear message with their position.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata

from .load_sink import _Sink
from .sanitize import display_text, unsafe_characters
from .sizes import size_label as _size

MAX_FILE_SIZE = 32 * 1024 * 1024  # bytes


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


def _read(path: str, sink: _Sink) -> bytes | None:
    """The file's bytes, or None after reporting why they cannot be had."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        sink.add(0, 0, "", "no such file")
        return None
    except PermissionError:
        sink.add(0, 0, "", "permission denied")
        return None
    except OSError as exc:
        sink.add(0, 0, "", f"cannot read the file: {exc.strerror or exc}")
        return None
    if stat.S_ISDIR(st.st_mode):
        sink.add(0, 0, "", "is a directory, not a story file")
        return None
    limit = f"the limit is {_size(MAX_FILE_SIZE)}"
    if st.st_size > MAX_FILE_SIZE:
        sink.add(0, 0, "", f"the file is too large ({_size(st.st_size)}); {limit}")
        return None
    try:
        with open(path, "rb") as fh:
            # Read one byte past the limit: a pipe or a growing file has no
            # trustworthy size in stat.
            data = fh.read(MAX_FILE_SIZE + 1)
    except PermissionError:
        sink.add(0, 0, "", "permission denied")
        return None
    except OSError as exc:
        sink.add(0, 0, "", f"cannot read the file: {exc.strerror or exc}")
        return None
    if len(data) > MAX_FILE_SIZE:
        sink.add(0, 0, "", f"the file is too large (more than {_size(MAX_FILE_SIZE)}); {limit}")
        return None
    return data


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
