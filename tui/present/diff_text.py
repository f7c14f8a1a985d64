"""``storybrowse diff --format text``: a :class:`~tui.present.diff_view.DiffReport`
as lines of text.

Words taken out are written ``[-like this-]`` and words put in ``{+like
this+}`` (as ``git diff --word-diff=plain`` does), in a pipe and on a
terminal alike, so the difference never rests on colour alone; on a
terminal (``sgr``) headings, the marks of what was added, removed or
changed, stance words and WITHDRAWN are bold, and with ``colour`` what was taken
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
_STYLE_SGR = {
    "heading": "1",
    "muted": "2",
    "added": "1",
    "removed": "1",
    "changed": "1",
    "withdrawn": "1",
}
_COLOUR_SGR = {
    "heading": "1",
    "muted": "2",
    "added": "1;32",
    "removed": "1;31",
    "changed": "1;33",
    "del": "31",
    "ins": "32",
    "withdrawn": "1",
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

Word = list[Span]


def _words(spans: list[Span]) -> list[tuple[Span, Word]]:
    """*spans* as words: ``(the space before it, its pieces)``.  Pieces of
    adjacent spans with no space between them are one word (``DENIED:``,
    ``{+word+},``), and so is a word of punctuation alone with the word
    before it (`` · ``, `` → ``), and the mark ``WITHDRAWN 25 May 2031``
    is one word, so a line is never broken inside one and
    never starts with punctuation belonging to the line before."""
    out: list[tuple[Span, Word]] = []
    space: Span = ("", "")
    for text, style in spans:
        # ``WITHDRAWN 25 May 2031`` is one word: a date is not split
        tokens = [text] if style == "withdrawn" and text else _TOKENS.findall(text)
        for token in tokens:
            if token[0] == " ":
                space = (token, style)
            elif out and (not space[0] or not any(c.isalnum() for c in token)):
                out[-1][1].extend([space, (token, style)])
                space = ("", "")
            else:
                out.append((space if out else ("", ""), [(token, style)]))
                space = ("", "")
    return out


def _wrapped(spans: list[Span], width: int, first: str, rest: str) -> list[list[Span]]:
    """*spans* cut into lines of at most *width* cells at spaces (a word
    wider than a line is broken), the first line starting with *first*,
    the others with *rest* (a hanging indent)."""
    lines: list[list[Span]] = [[(first, "")]]
    used, empty = cell_width(first), True

    def new_line() -> int:
        while len(lines[-1]) > 1 and not lines[-1][-1][0].strip():
            lines[-1].pop()  # no space at the end of a line
        lines.append([(rest, "")])
        return cell_width(rest)

    for space, word in _words(spans):
        w = sum(cell_width(t) for t, _ in word)
        if not empty and used + len(space[0]) + w > width:
            used, empty = new_line(), True
        if not empty:
            lines[-1].append(space)
            used += len(space[0])
        for text, style in word:
            # A word wider than the line is broken (a space or a mark
            # glued to it goes on to the next line if it must).
            while used + cell_width(text) > width and (cell_width(text) > 1 or len(lines[-1]) > 1):
                head, tail = split_at(text, max(1, width - used))
                if used + cell_width(head) > width and len(lines[-1]) > 1:
                    used = new_line()  # not even one character fits here
                    text = text.lstrip(" ")  # a space glued to a mark: dropped
                    continue
                lines[-1].append((head, style))
                text = tail
                used = new_line()
            if text:
                lines[-1].append((text, style))
                used += cell_width(text)
        empty = False
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
