"""The views' blocks (:mod:`tui.present.blocks`) as a small HTML fragment,
for the TimelineJS export: the same wording ``show`` writes (``said:``
then the words between quote marks, ``(paraphrase)``, ``DENIED ·
WITHDRAWN 26 May 2031``, ``Speaker: ...``), in the few tags TimelineJS
shows (``p``, ``br``, ``strong``, ``em``, ``small``, ``ul``, ``li``).

Every piece of text, the story's and our own, is escaped
(:func:`html.escape`); nothing here makes a link.  Never imports textual.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from .blocks import Block, Column, Columns, Field, Line, Meta, Node, QuoteItem, Section, Text
from .describe import SEPARATOR
from .glyphs import UNICODE

G = UNICODE


def escape(text: str) -> str:
    """*text* as HTML: escaped, line breaks as ``<br>``."""
    return html.escape(text.strip("\n"), quote=False).replace("\n", "<br>")


def _line(line: Line) -> str:
    if isinstance(line, Field):
        value = escape(line.value)
        if line.muted:
            return f"{escape(line.label)}: {G.open_quote}{value}{G.close_quote}"
        return f"<strong>{escape(line.label)}:</strong> {value}"
    text = escape(line.text)
    if line.quoted:
        text = f"{G.open_quote}{text}{G.close_quote}"
    if line.style == "muted":
        return f"<em>{text}</em>" if text else ""
    if line.style == "attribution":
        return f"{G.long_dash} {text}"
    return text


def _is_label(line: Line, after: Line | None) -> bool:
    """A muted line (``said:``, ``(paraphrase)``) right before the words."""
    muted = isinstance(line, Text) and line.style == "muted" and bool(line.text)
    return muted and isinstance(after, Text) and after.style == ""


def block_html(block: Block) -> str:
    """One paragraph, a line each; a muted label (``said:``,
    ``(paraphrase)``) shares a line with the words after it."""
    out: list[str] = []
    lines = block.lines
    glue = False
    for i, line in enumerate(lines):
        part = _line(line)
        if glue:
            out[-1] += f" {part}"
        elif part:
            out.append(part)
        glue = bool(part) and _is_label(line, lines[i + 1] if i + 1 < len(lines) else None)
    return f"<p>{'<br>'.join(out)}</p>" if out else ""


def _column(col: Column) -> str:
    head = f"<strong>{escape(col.kind)}</strong>{SEPARATOR}{escape(col.who)}"
    return f"<li>{head}{''.join(block_html(b) for b in col.blocks)}</li>"


def _section(node: Section) -> str:
    title = escape(node.title) + (f" ({node.count})" if node.count is not None else "")
    items: list[str] = []
    for item in node.items:
        if isinstance(item, QuoteItem):
            text = escape(item.text)
            if item.quoted:
                text = f"{G.open_quote}{text}{G.close_quote}"
            items.append(f"<li>{text} {G.long_dash} {escape(item.attribution)}</li>")
        else:
            tag = f"<strong>{escape(item.tag)}</strong> " if item.tag else ""
            items.append(f"<li>{tag}{escape(item.text)}</li>")
    return f"<p><strong>{title}</strong></p><ul>{''.join(items)}</ul>"


def nodes_html(nodes: Sequence[Node]) -> str:
    """*nodes* (a view without its :class:`Title`) as one HTML fragment;
    a node of another kind is left out."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Meta):
            out.append(f"<p><small>{escape(SEPARATOR.join(node.parts))}</small></p>")
        elif isinstance(node, Block):
            out.append(block_html(node))
        elif isinstance(node, Columns):
            out.append(f"<ul>{''.join(_column(c) for c in node.columns)}</ul>")
        elif isinstance(node, Section):
            out.append(_section(node))
    return "".join(out)
