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

from .characters import ESCAPED_IN_EXPORT_RE, SHOWN_RE, symbol

# Which characters are unsafe, and how each is shown, is declared once in
# tui.story.characters (the loader's checks and the export use the same
# table).  Zero width (non-)joiners stay: Persian and Dari spelling and emoji
# sequences need them.
_UNSAFE_RE = SHOWN_RE
# Every character of a shown class, wherever it stands: one plain character
# class, as fast as a search can be, rules out almost every text before the
# slower pattern (with its look-behind for variation selectors) runs.
_ANY_RE = ESCAPED_IN_EXPORT_RE


def _visible(m: re.Match[str]) -> str:
    return symbol(m.group())


def display_text(text: str) -> str:
    """Return *text* with every unsafe control character made visible.

    Newline and tab are kept.  Every character of a class that
    :data:`tui.story.characters.CLASSES` marks ``shown`` (controls, bidi
    controls and marks, YAML's extra line breaks, invisible formatting
    characters, standalone variation selectors) is replaced by its
    :func:`~tui.story.characters.symbol`, so
    the result can be written to a terminal without any of them acting as a
    control or hiding what the file holds.
    """
    if not _ANY_RE.search(text):
        return text
    return _UNSAFE_RE.sub(_visible, text)


def display_line(text: str) -> str:
    """Like :func:`display_text`, for one-line labels: newlines and tabs
    become spaces as well."""
    return display_text(text).replace("\n", " ").replace("\t", " ")


def unsafe_characters(text: str) -> list[tuple[int, str]]:
    """Offsets and characters that :func:`display_text` would replace."""
    if not _ANY_RE.search(text):
        return []
    return [(m.start(), m.group()) for m in _UNSAFE_RE.finditer(text)]
