"""``storybrowse diff --format text``: a :class:`~tui.present.diff_view.DiffReport`
as lines of text.

Words taken out are written ``[-like this-]`` and words put in ``{+like
this+}`` (as ``git diff --word-diff=plain`` does), in a pipe and on a
terminal alike, so the difference never rests on colour alone; on a
terminal (``sgr``) headings are bold, and with ``colour`` what was taken
out is red, what was put in green, changes yellow and stances in their
colours (as ``show`` colours them), all within the 16 basic colours.
Every span is sanitised (:func:`tui.story.sanitize.display_line`), so no
control character from a story reaches the terminal.  Never imports
textual.
"""

from __future__ import annotations

import re

from tui.story.cells import cell_width, split_at
from tui.story.sanitize import display_line

from .diff_view import DiffReport, Span

INDENT = "  "
DELETED = ("[-", "-]")
INSERTED = ("{+", "+}")

# SGR parameters: 1 bold, 2 dim, 31 red, 32 green, 33 yellow, 36 cyan.
_STYLE_SGR = {"heading": "1", "muted": "2"}
_COLOUR_SGR = {
    "heading": "1",
    "muted": "2",
    "added": "1;32",
    "removed": "1;31",
    "changed": "1;33",
    "del": "31",
    "ins": "32",
}
_STANCE_SGR = {
    "denied": "31",
    "disputed": "31",
    "investigating": "33",
    "declined-to-comment": "2",
    "did-not-respond": "2",
    "confirmed": "32",
    "supported": "36",
}


def _code(style: str, sgr: bool, colour: bool) -> str:
    if not sgr:
        return ""
    if style.startswith("stance:"):
        code = _STANCE_SGR.get(style.removeprefix("stance:"), "") if colour else ""
        return f"1;{code}" if code else "1"
    return (_COLOUR_SGR if colour else _STYLE_SGR).get(style, "")


def _marked(span: Span) -> Span:
    """The span's text sanitised, with the marks of a word diff."""
    text, style = span
    text = display_line(text)
    if style == "del":
        text = f"{DELETED[0]}{text}{DELETED[1]}"
    elif style == "ins":
        text = f"{INSERTED[0]}{text}{INSERTED[1]}"
    return text, style


_TOKENS = re.compile(r" +|[^ ]+")


def _wrapped(spans: list[Span], width: int, first: str, rest: str) -> list[list[Span]]:
    """*spans* cut into lines of at most *width* cells at spaces (a word
    wider than a line is broken), the first line starting with *first*,
    the others with *rest* (a hanging indent)."""
    lines: list[list[Span]] = [[(first, "")]]
    used, has_word, space = cell_width(first), False, ("", "")
    for text, style in spans:
        for token in _TOKENS.findall(text):
            if token[0] == " ":
                space = (token, style) if has_word else ("", "")
                continue
            w = cell_width(token)
            if has_word and used + len(space[0]) + w > width:
                lines.append([(rest, "")])
                used, space = cell_width(rest), ("", "")
            while used + w > width and used + 1 <= width and w > 1:
                head, token = split_at(token, max(1, width - used))
                lines[-1] += [space, (head, style)]
                lines.append([(rest, "")])
                used, w, space = cell_width(rest), cell_width(token), ("", "")
            lines[-1] += [space, (token, style)]
            used += len(space[0]) + w
            has_word, space = True, ("", "")
    return lines


def _emit(spans: list[Span], sgr: bool, colour: bool) -> str:
    runs: list[Span] = []
    for text, style in spans:  # one escape code per run of one style
        if runs and runs[-1][1] == style:
            runs[-1] = (runs[-1][0] + text, style)
        elif text:
            runs.append((text, style))
    out = []
    for text, style in runs:
        code = _code(style, sgr, colour)
        out.append(f"\x1b[{code}m{text}\x1b[0m" if code and text.strip() else text)
    return "".join(out)


def _lines(spans: tuple[Span, ...], depth: int, opts: tuple[bool, bool, int | None]) -> list[str]:
    sgr, colour, width = opts
    marked = [_marked(s) for s in spans]
    first = INDENT * depth
    if width is None:
        return [_emit([(first, ""), *marked], sgr, colour)]
    rest = first + INDENT * 2
    return [_emit(line, sgr, colour) for line in _wrapped(marked, width, first, rest)]


def render_diff_text(
    report: DiffReport, *, sgr: bool = False, colour: bool = False, width: int | None = None
) -> str:
    """The report as ``\\n``-terminated lines: the title, then each section
    after a blank line, its lines indented two spaces per depth.  Without
    *sgr* the result holds no control character but newline.  With
    *width* (cells, for a terminal) lines are wrapped at spaces to that
    width, each continuation indented four more spaces; without, every line
    is whole (for a pipe: one change, one line, for grep)."""
    opts = (sgr, colour, width)
    out = _lines(report.title, 0, opts)
    for section in report.sections:
        out += ["", *_lines(section.heading, 0, opts)]
        for line in section.lines:
            out += _lines(line.spans, line.depth, opts)
    return "".join(line + "\n" for line in out)
