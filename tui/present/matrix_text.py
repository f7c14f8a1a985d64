"""``storybrowse show --matrix``: the positions matrix as text lines (fitted
to the width; columns that do not fit are printed in further groups, each
with the incident column again) or as a Markdown table.

Both are drawn from :mod:`tui.present.matrix`; story text is sanitised
there (text) or here (Markdown, through :func:`tui.present.markdown.md_escape`).
Never imports textual.
"""

from __future__ import annotations

from tui.story.cells import cell_width, pad, wrap
from tui.story.sanitize import display_line

from .glyphs import UNICODE, Glyphs
from .layout import NO_LINK, StyledLine
from .markdown import md_escape
from .matrix import CLAIMED, GAP, LABEL_GAP, Fitted, Matrix, MatrixCell, cell_text, legend

TITLE = "Positions matrix"


def as_of_line(matrix: Matrix) -> str:
    """``As of 10 Mar 2031: what was said after that is left out``, or ``""``."""
    if matrix.as_of is None:
        return ""
    return f"As of {matrix.as_of.display()}: what was said after that is left out"


def cell_style(cell: MatrixCell | None) -> str:
    """The layout style name of a cell (its colour, as in the detail)."""
    if cell is None:
        return ""
    if cell.key == CLAIMED:
        return "claim"
    if cell.position is None or cell.position.latest is None:
        return "muted"  # withdrawn
    return f"stance:{cell.key}"


def groups(fitted: Fitted) -> list[range]:
    """The actor columns in groups that each fit beside the incident column
    (at least one column per group)."""
    out: list[range] = []
    start = 0
    n = len(fitted.columns)
    while start < n:
        used = fitted.columns[start].width
        end = start + 1
        while end < n and used + GAP + fitted.columns[end].width <= fitted.view_width:
            used += GAP + fitted.columns[end].width
            end += 1
        out.append(range(start, end))
        start = end
    return out


def _span(text: str, style: str = "") -> tuple[str, str, int]:
    return (text, style, NO_LINK)


def matrix_lines(fitted: Fitted, headline: str, glyphs: Glyphs = UNICODE) -> list[StyledLine]:
    """The matrix as styled lines of at most ``fitted.width`` cells (a
    column wider than the width is the only exception): title, the as-of
    date, then per group of columns the headers, a rule and one line per
    incident, then the legend."""
    matrix = fitted.matrix
    width = fitted.width
    out: list[StyledLine] = [[_span(f"{TITLE}: {display_line(headline)}", "title")]]
    if matrix.as_of is not None:
        out.append([_span(as_of_line(matrix), "muted")])
    if not matrix.rows:
        out += [[], [_span("No incident in the story.", "muted")]]
        return out
    parts = groups(fitted)
    blank = " " * (fitted.label_width + LABEL_GAP)
    for group in parts:
        out.append([])
        if len(parts) > 1:
            first, last = group[0] + 1, group[-1] + 1
            which = f"Actor {first}" if first == last else f"Actors {first}–{last}"
            text = f"{which} of {len(fitted.columns)}"
            out += [[_span(text, "heading")], []]
        for y in range(len(fitted.columns[group[0]].header)):
            line: StyledLine = [_span(blank)]
            for i in group:
                column = fitted.columns[i]
                line += [_span(pad(column.header[y], column.width), "label"), _span(" " * GAP)]
            out.append(_trim(line))
        used = sum(fitted.columns[i].width for i in group) + GAP * (len(group) - 1)
        rule = glyphs.rule * (fitted.label_width + LABEL_GAP + used)
        out.append([_span(rule, "muted")])
        for row in matrix.rows:
            line = [_span(fitted.label(row)), _span(" " * LABEL_GAP)]
            for i in group:
                line += [_span(fitted.cell(row, i), cell_style(row.cells[i])), _span(" " * GAP)]
            out.append(_trim(line))
    out.append([])
    for text in wrap(" · ".join(fitted.legend()), max(20, width)):
        out.append([_span(text, "muted")])
    return out


def _trim(line: StyledLine) -> StyledLine:
    """*line* without trailing spaces."""
    while line and not line[-1][0].strip():
        line.pop()
    if line:
        text, style, link = line[-1]
        line[-1] = (text.rstrip(" "), style, link)
    return line


def matrix_markdown(matrix: Matrix, headline: str) -> str:
    """The matrix as a GitHub Flavored Markdown table (full words, every
    column), with the as-of date and the legend."""
    out = [f"# {TITLE}: {md_escape(headline)}", ""]
    if matrix.as_of is not None:
        out += [md_escape(as_of_line(matrix)), ""]
    if not matrix.rows:
        out.append("No incident in the story.")
        return "\n".join(out) + "\n"
    head = ["Date", "Incident", *(md_escape(c.name) for c in matrix.columns)]
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + " --- |" * len(head))
    for row in matrix.rows:
        cells = [md_escape(cell_text(c).strip(" ")) for c in row.cells]
        line = [md_escape(row.date), f"{md_escape(row.title)} ({md_escape(row.incident.id)})"]
        out.append("| " + " | ".join([*line, *cells]) + " |")
    out += ["", md_escape(" · ".join(legend(matrix, short=False)))]
    return "\n".join(out) + "\n"


def width_of(line: StyledLine) -> int:
    """Cells *line* takes (for tests)."""
    return sum(cell_width(t) for t, _, _ in line)
