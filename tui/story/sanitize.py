"""The one function every piece of story text passes through on its way out.

Story files are untrusted input.  Their text is kept exactly as written in
the model; only when it is shown (in the UI, on stdout, in exports meant for a
terminal) does it go through :func:`display_text`, which makes control
characters visible instead of letting them reach a terminal raw.  An ESC in a
story becomes the visible symbol ``␛``, never an escape sequence.

The UI must also never parse story text as markup; that is the UI's side of
the contract (see ``tui/widgets/text.py``).
"""

from __future__ import annotations

import re

# C0 controls except TAB (0x09) and LF (0x0A), DEL, and the C1 controls.
# Also the Unicode bidirectional overrides and isolates, which can make
# text display in an order other than the one written, the line and
# paragraph separators, which some terminals treat as newlines, and the
# invisible characters that can make a name or a quote look empty or
# different from what the file holds: zero width space, word joiner and
# invisible operators, the byte order mark and the Mongolian vowel
# separator.  Zero width (non-)joiners stay: Persian and Dari spelling and
# emoji sequences need them.
_UNSAFE_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u180e\u200b\u2028\u2029\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff]"
)


def _visible(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀..␟ (U+2400 block: ␛ for ESC, ␍ for CR)
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def display_text(text: str) -> str:
    """Return *text* with every unsafe control character made visible.

    Newline and tab are kept.  Everything else below U+0020, DEL, the C1
    range U+0080-U+009F, bidi overrides/isolates, U+2028/U+2029 and the
    invisible characters listed above are replaced by a visible symbol, so
    the result can be written to a terminal without any of them acting as a
    control or hiding what the file holds.
    """
    if not _UNSAFE_RE.search(text):
        return text
    return _UNSAFE_RE.sub(lambda m: _visible(m.group()), text)


def display_line(text: str) -> str:
    """Like :func:`display_text`, for one-line labels: newlines and tabs
    become spaces as well."""
    return display_text(text).replace("\n", " ").replace("\t", " ")


def unsafe_characters(text: str) -> list[tuple[int, str]]:
    """Offsets and characters that :func:`display_text` would replace."""
    return [(m.start(), m.group()) for m in _UNSAFE_RE.finditer(text)]
