"""``storybrowse show --format markdown``: a view as GitHub Flavored
Markdown, the side by side as a table.

Built from the same view model as the text and the browser's detail pane
(:mod:`tui.present.view`).  Every piece of story text is sanitised and every
character Markdown would act on is backslash-escaped.  Never imports textual.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tui.story.sanitize import display_line, display_text

from .blocks import (
    Block,
    Columns,
    Field,
    Item,
    Line,
    Meta,
    Node,
    QuoteItem,
    Section,
    Timeline,
    Title,
)
from .describe import SEPARATOR
from .glyphs import UNICODE, Glyphs

# Characters with a meaning in CommonMark or GitHub Flavored Markdown inline
# text: backslash, code, emphasis, links, HTML and autolinks, headings, table
# cells, strikethrough, entities, and $ (math on GitHub).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&$])")
# At the start of a line: list items, setext underlines, ordered lists.
_MD_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")


def md_escape(text: str) -> str:
    """Story text for Markdown inline content: sanitised, special characters
    backslash-escaped.  One line (newlines are the caller's business)."""
    return _MD_SPECIAL.sub(r"\\\1", display_text(text).replace("\t", " "))


def _md_line(line: str) -> str:
    """One line of a Markdown paragraph: escaped, and nothing at its start
    that would make a list, a heading underline or a code block."""
    escaped = md_escape(line.strip(" "))
    return _MD_LINE_START.sub(
        lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), escaped
    )


def _md_lines(text: str) -> list[str]:
    """A paragraph of story text as escaped lines ("" for a blank line)."""
    return [_md_line(x) for x in text.split("\n")]


def _md_join(lines: list[str]) -> str:
    """Join lines with hard breaks; blank lines separate paragraphs."""
    out: list[str] = []
    for i, line in enumerate(lines):
        if not line:
            if out and out[-1]:
                out.append("")
            continue
        nxt = next((x for x in lines[i + 1 :]), "")
        out.append(line + ("\\" if i + 1 < len(lines) and nxt else ""))
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def _md_cell(text: str) -> str:
    """Story text inside a table cell: one line, newlines as <br>."""
    return "<br>".join(md_escape(x.strip(" ")) for x in text.split("\n"))


@dataclass
class _MarkdownRenderer:
    glyphs: Glyphs

    def line_md(self, item: Line) -> list[str]:
        if isinstance(item, Field):
            value = _md_lines(item.value)
            if item.muted:
                value[0] = f"{self.glyphs.open_quote}{value[0]}"
                value[-1] = f"{value[-1]}{self.glyphs.close_quote}"
            label = f"{item.label}:" if item.muted else f"**{item.label}:**"
            return [f"{label} {value[0]}", *value[1:]]
        lines = _md_lines(item.text)
        if item.quoted:
            lines[0] = self.glyphs.open_quote + lines[0]
            lines[-1] = lines[-1] + self.glyphs.close_quote
        if item.style == "muted":
            lines = [f"*{x}*" if x else x for x in lines]
        elif item.style == "attribution":
            lines[0] = f"{self.glyphs.long_dash} {lines[0]}"
        return lines

    def block(self, block: Block) -> str:
        return _md_join([x for item in block.lines for x in self.line_md(item)])

    def cell(self, blocks: Sequence[Block]) -> str:
        parts = []
        for block in blocks:
            items = []
            for item in block.lines:
                if isinstance(item, Field):
                    value = _md_cell(item.value)
                    if item.muted:
                        value = f"{self.glyphs.open_quote}{value}{self.glyphs.close_quote}"
                        items.append(f"{item.label}: {value}")
                    else:
                        items.append(f"**{item.label}:** {value}")
                else:
                    text = _md_cell(item.text)
                    if item.quoted:
                        text = f"{self.glyphs.open_quote}{text}{self.glyphs.close_quote}"
                    if item.style == "muted" and text:
                        text = f"*{text}*"
                    elif item.style == "attribution":
                        text = f"{self.glyphs.long_dash} {text}"
                    items.append(text)
            parts.append("<br>".join(items))
        return "<br><br>".join(parts)

    def columns(self, node: Columns) -> str:
        head = [
            f"{col.kind}{self.glyphs.dash}{_md_cell(display_line(col.who))}" for col in node.columns
        ]
        body = [self.cell(col.blocks) for col in node.columns]
        return "\n".join(
            [
                "| " + " | ".join(head) + " |",
                "|" + "|".join(" --- " for _ in head) + "|",
                "| " + " | ".join(body) + " |",
            ]
        )

    @staticmethod
    def _id(record_id: str | None) -> str:
        # Ids are letters, digits and _ . - only: safe in a code span.
        return f" (`{record_id}`)" if record_id else ""

    def section(self, node: Section) -> str:
        title = node.title if node.count is None else f"{node.title} ({node.count})"
        out = [f"### {title}"]
        rows: list[str] = []
        for item in node.items:
            if isinstance(item, Item):
                tag = f"**{item.tag}** " if item.tag else ""
                text = md_escape(display_line(item.text))
                rows.append(f"- {tag}{text}{self._id(item.record_id)}")
            else:
                if rows:
                    out.append("\n".join(rows))
                    rows = []
                out.append(self.quote(item))
        if rows:
            out.append("\n".join(rows))
        return "\n\n".join(out)

    def quote(self, item: QuoteItem) -> str:
        lines = _md_lines(item.text)
        if item.quoted:
            lines[0] = self.glyphs.open_quote + lines[0]
            lines[-1] += self.glyphs.close_quote
        else:
            lines[-1] += " *(paraphrase)*"
        who = md_escape(display_line(item.attribution)) + self._id(item.record_id)
        who = f"{self.glyphs.long_dash} {who}"
        text = _md_join(lines) + "\n\n" + who
        return "\n".join(f"> {x}" if x else ">" for x in text.split("\n"))

    def timeline(self, node: Timeline) -> str:
        out = [f"## {md_escape(node.heading)}"]
        if node.entries:
            rows = ["| Date | Title | Responses | Id |", "| --- | --- | --- | --- |"]
            for e in node.entries:
                summary = display_line(e.summary).replace(SEPARATOR, self.glyphs.dot)
                rows.append(
                    f"| {md_escape(e.date)} | {md_escape(display_line(e.title))} | "
                    f"{md_escape(summary)} | `{e.record_id}` |"
                )
            out.append("\n".join(rows))
        return "\n\n".join(out)

    def node(self, node: Node) -> str:
        if isinstance(node, Title):
            kicker = f"**{node.kicker}**"
            if node.record_id:
                kicker += f"{self.glyphs.dot}`{node.record_id}`"
            if not node.text:
                return kicker
            # The story's headline heads the document; a record is a part of it.
            level = "#" if node.kicker == "STORY" else "##"
            return f"{level} {md_escape(display_line(node.text))}\n\n{kicker}"
        if isinstance(node, Meta):
            return _md_line(self.glyphs.dot.join(display_line(p) for p in node.parts))
        if isinstance(node, Block):
            return self.block(node)
        if isinstance(node, Columns):
            return self.columns(node)
        if isinstance(node, Section):
            return self.section(node)
        return self.timeline(node)

    def render(self, nodes: Sequence[Node]) -> str:
        parts = [self.node(n) for n in nodes]
        return "\n\n".join(p for p in parts if p) + "\n"


def render_markdown(nodes: Sequence[Node], glyphs: Glyphs = UNICODE) -> str:
    """The view as GitHub Flavored Markdown (the side by side as a table)."""
    return _MarkdownRenderer(glyphs).render(nodes)
