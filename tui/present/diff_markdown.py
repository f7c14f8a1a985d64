"""``storybrowse diff --format markdown``: a
:class:`~tui.present.diff_view.DiffReport` as GitHub Flavored Markdown.

The title is a level-1 heading, each section a level-2 heading and a list
(lines of depth 2 nested under the line before).  Words taken out are
``~~struck through~~``, words put in ``<ins>underlined</ins>``; the marks
of added, removed and changed records and the stance words are bold.
Every piece of story text is sanitised and Markdown-escaped
(:func:`tui.present.markdown.md_escape`).  Never imports textual.
"""

from __future__ import annotations

import re

from .diff_view import DiffReport, Span
from .markdown import md_escape

# The text renderer's marks begin with a symbol ("+ Added"); at the start
# of a list item "+" would open another list, so Markdown has the word only.
_MARK_STYLES = frozenset({"added", "removed", "changed"})


def _span(span: Span) -> str:
    text, style = span
    if not text.strip():
        return text
    if style in _MARK_STYLES:
        return f"**{md_escape(text.split(' ', 1)[1])}**"
    escaped = md_escape(text.strip())
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    if style == "del":
        body = f"~~{escaped}~~"
    elif style == "ins":
        body = f"<ins>{escaped}</ins>"
    elif style.startswith("stance:"):
        body = f"**{escaped}**"
    elif style == "muted":
        body = f"*{escaped}*"
    else:
        body = escaped
    return lead + body + trail


# What at the start of a list item's text would open another list or a
# block quote: "- ", "+ ", "* ", "> ", "1. ", "1) " (md_escape already
# escapes "*" and ">").
_ITEM_START = re.compile(r"^([-+=])|^(\d+)([.)])")


def _spans(spans: tuple[Span, ...]) -> str:
    text = "".join(_span(s) for s in spans).strip()
    return _ITEM_START.sub(
        lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), text
    )


def render_diff_markdown(report: DiffReport) -> str:
    """The report as Markdown, ending in a newline."""
    out = [f"# {_spans(report.title)}"]
    for section in report.sections:
        out += ["", f"## {_spans(section.heading)}", ""]
        out += ["  " * (line.depth - 1) + f"- {_spans(line.spans)}" for line in section.lines]
    return "\n".join(out) + "\n"
