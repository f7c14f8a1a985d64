"""``storybrowse show`` as plain text: the laid-out lines, optionally with
bold and colour as plain ANSI SGR codes.

The layout is :func:`tui.present.layout.layout`, the same the browser's
detail pane draws.  Without ``sgr`` the result holds no control character
but newline; story text is sanitised either way.  Never imports textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .blocks import Node
from .glyphs import UNICODE, Glyphs
from .layout import DEFAULT_WIDTH, StyledLine, layout

_STANCE_COLOURS = {
    "denied": "31",
    "disputed": "31",
    "investigating": "33",
    "declined-to-comment": "2",
    "confirmed": "32",
}
_STYLE_SGR = {"title": "1", "heading": "1", "label": "1", "kicker": "1", "muted": "2"}


@dataclass(frozen=True, slots=True)
class TextOptions:
    width: int = DEFAULT_WIDTH
    # Cut timeline lines to *width* (a terminal); when False each timeline
    # entry is printed whole (a pipe).
    fit: bool = False
    sgr: bool = False  # bold and dim (a terminal)
    colour: bool = False  # stance colours (a terminal, NO_COLOR not set)
    glyphs: Glyphs = UNICODE


def _sgr(style: str, colour: bool) -> str:
    if style.startswith("stance:"):
        code = _STANCE_COLOURS.get(style.removeprefix("stance:"), "") if colour else ""
        return f"1;{code}" if code else "1"
    if style == "claim":
        return "1;36" if colour else "1"
    return _STYLE_SGR.get(style, "")


def _emit(line: StyledLine, opts: TextOptions) -> str:
    if not opts.sgr:
        return "".join(t for t, _, _ in line)
    out = []
    for text, style, _ in line:
        code = _sgr(style, opts.colour)
        out.append(f"\x1b[{code}m{text}\x1b[0m" if code and text.strip() else text)
    return "".join(out)


def render_text(nodes: Sequence[Node], options: TextOptions | None = None) -> str:
    """The view as text, one ``\\n``-terminated line after another, laid out
    at ``options.width`` cells (at least ``MIN_WIDTH``)."""
    opts = options or TextOptions()
    laid = layout(nodes, opts.width, opts.glyphs, fit=opts.fit)
    return "".join(_emit(line, opts) + "\n" for line in laid.lines)


def render_lines(lines: Sequence[StyledLine], options: TextOptions | None = None) -> str:
    """Lines already laid out (``show --matrix``), as :func:`render_text`
    writes them: with bold and colour only if *options* say so."""
    opts = options or TextOptions()
    return "".join(_emit(line, opts) + "\n" for line in lines)
