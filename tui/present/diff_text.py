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

from tui.story.sanitize import display_line

from .diff_view import DiffLine, DiffReport, Span

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


def _span(span: Span, sgr: bool, colour: bool) -> str:
    text, style = span
    text = display_line(text)
    if style == "del":
        text = f"{DELETED[0]}{text}{DELETED[1]}"
    elif style == "ins":
        text = f"{INSERTED[0]}{text}{INSERTED[1]}"
    code = _code(style, sgr, colour)
    return f"\x1b[{code}m{text}\x1b[0m" if code and text.strip() else text


def _line(spans: tuple[Span, ...], depth: int, sgr: bool, colour: bool) -> str:
    return INDENT * depth + "".join(_span(s, sgr, colour) for s in spans)


def render_diff_text(report: DiffReport, *, sgr: bool = False, colour: bool = False) -> str:
    """The report as ``\\n``-terminated lines: the title, then each section
    after a blank line, its lines indented two spaces per depth.  Without
    *sgr* the result holds no control character but newline."""
    out = [_line(report.title, 0, sgr, colour)]
    for section in report.sections:
        out += ["", _line(section.heading, 0, sgr, colour)]
        out += [_line(line.spans, line.depth, sgr, colour) for line in section.lines]
    return "".join(line + "\n" for line in out)


def plain_line(line: DiffLine) -> str:
    """One line as plain text (for tests and messages)."""
    return _line(line.spans, line.depth, False, False)
