"""Plain-text and Markdown renderings of a view, for ``storybrowse show``.

The views themselves (what is shown of an incident, an actor, ...) are built
by :mod:`tui.story.views`; this module lays them out:

* :func:`render_text`: lines wrapped to a width in terminal cells, the claim
  and the responses as columns side by side (stacked when a column would be
  narrower than :data:`MIN_COLUMN`), optional bold and colour as plain ANSI
  SGR codes;
* :func:`render_markdown`: GitHub Flavored Markdown, the side by side as a
  table.

Every piece of story text goes through :mod:`tui.story.sanitize` here: the
text output holds no control character but newline (and the SGR codes this
module adds when asked to), and the Markdown output escapes every character
Markdown would act on.  Never imports textual.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .cells import cell_width, pad, truncate, wrap
from .describe import SEPARATOR
from .sanitize import display_line, display_text
from .views import (
    Block,
    Column,
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

# Columns narrower than this are stacked instead of set side by side.
MIN_COLUMN = 20
# The narrowest output width we lay out for.
MIN_WIDTH = 20
DEFAULT_WIDTH = 80

# -- glyphs ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Glyphs:
    """The non-ASCII characters the renderings use, with ASCII stand-ins for
    an output encoding that cannot show them."""

    dash: str  # between "CLAIM" and the claimant
    bar: str  # between columns
    rule: str  # under column headings
    cross: str  # where a rule meets a bar
    dot: str  # between facts on one line
    open_quote: str
    close_quote: str
    ellipsis: str
    long_dash: str  # before an attribution


UNICODE = Glyphs(" — ", " │ ", "─", "─┼─", " · ", "“", "”", "…", "—")
ASCII = Glyphs(" - ", " | ", "-", "-+-", " / ", '"', '"', "...", "--")


def glyphs_for(encoding: str | None) -> Glyphs:
    """:data:`UNICODE` if *encoding* can encode all of it, else :data:`ASCII`."""
    sample = "".join(
        (
            UNICODE.dash,
            UNICODE.bar,
            UNICODE.rule,
            UNICODE.cross,
            UNICODE.dot,
            UNICODE.open_quote,
            UNICODE.close_quote,
            UNICODE.ellipsis,
        )
    )
    try:
        sample.encode(encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return ASCII
    return UNICODE


# -- plain text ----------------------------------------------------------------

Span = tuple[str, str]  # (text, style)
StyledLine = list[Span]

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


def _clean(text: str) -> str:
    return display_text(text).replace("\t", " ")


@dataclass
class _TextRenderer:
    opts: TextOptions

    # -- helpers
    def _sgr(self, style: str) -> str:
        if style.startswith("stance:"):
            stance = style.removeprefix("stance:")
            colour = _STANCE_COLOURS.get(stance, "") if self.opts.colour else ""
            return f"1;{colour}" if colour else "1"
        if style == "claim":
            return "1;36" if self.opts.colour else "1"
        return _STYLE_SGR.get(style, "")

    def emit(self, line: StyledLine) -> str:
        spans = [(t, s) for t, s in line if t]
        while spans and not spans[-1][0].strip(" "):
            spans.pop()
        if spans:
            spans[-1] = (spans[-1][0].rstrip(" "), spans[-1][1])
        if not self.opts.sgr:
            return "".join(t for t, _ in spans)
        out = []
        for text, style in spans:
            code = self._sgr(style)
            out.append(f"\x1b[{code}m{text}\x1b[0m" if code and text.strip() else text)
        return "".join(out)

    @staticmethod
    def wrap_spans(
        spans: Sequence[Span], width: int, first: str = "", rest: str = ""
    ) -> list[StyledLine]:
        """Wrap styled text; each character keeps its style."""
        text = "".join(t for t, _ in spans)
        styles = [s for t, s in spans for _ in t]
        out: list[StyledLine] = []
        pos = 0
        for n, line in enumerate(wrap(text, width, first=first, rest=rest)):
            prefix = first if n == 0 else rest
            body = line[len(prefix) :]
            # wrap() drops only spaces (at breaks) and newlines (kept as lines).
            while body and pos < len(text) and text[pos] in " \n" and text[pos] != body[0]:
                pos += 1
            styled: StyledLine = [(prefix, "")]
            if text[pos : pos + len(body)] == body:
                for i, ch in enumerate(body):
                    style = styles[pos + i]
                    if styled[-1][1] == style:
                        styled[-1] = (styled[-1][0] + ch, style)
                    else:
                        styled.append((ch, style))
                pos += len(body)
            else:  # not expected; never lose text over a style
                styled.append((body, spans[0][1] if spans else ""))
            if not body and pos < len(text) and text[pos] == "\n":
                pos += 1
            out.append(styled)
        return out

    def line_items(self, lines: Sequence[Line], width: int) -> list[StyledLine]:
        g = self.opts.glyphs
        out: list[StyledLine] = []
        for item in lines:
            if isinstance(item, Field):
                label_style = "muted" if item.muted else "label"
                value = _clean(item.value)
                if item.muted:
                    value = f"{g.open_quote}{value}{g.close_quote}"
                spans = [(f"{item.label}: ", label_style), (value, "muted" if item.muted else "")]
                out += self.wrap_spans(spans, width, rest="  ")
            else:
                text = _clean(item.text)
                if item.quoted:
                    text = f"{g.open_quote}{text}{g.close_quote}"
                if item.style == "attribution":
                    out += self.wrap_spans([(f"{g.long_dash} {text}", "")], width, rest="  ")
                else:
                    out += self.wrap_spans([(text, item.style)], width)
        return out

    def blocks(self, blocks: Sequence[Block], width: int) -> list[StyledLine]:
        out: list[StyledLine] = []
        for block in blocks:
            if out:
                out.append([])
            out += self.line_items(block.lines, width)
        return out

    # -- nodes
    def title(self, node: Title) -> list[StyledLine]:
        spans = [(node.kicker, "kicker"), (f"{self.opts.glyphs.dot}{node.record_id}", "muted")]
        out = self.wrap_spans(spans, self.opts.width)
        if node.text:
            out += self.wrap_spans([(display_line(node.text), "title")], self.opts.width)
        return out

    def meta(self, node: Meta) -> list[StyledLine]:
        text = self.opts.glyphs.dot.join(display_line(p) for p in node.parts)
        return self.wrap_spans([(text, "muted")], self.opts.width) if text else []

    def column_head(self, col: Column, width: int) -> list[StyledLine]:
        style = "claim" if col.stance is None else f"stance:{col.stance}"
        head = f"{col.kind}{self.opts.glyphs.dash}{display_line(col.who)}"
        return self.wrap_spans([(head, style)], width)

    def columns(self, node: Columns) -> list[StyledLine]:
        g, width = self.opts.glyphs, self.opts.width
        n = len(node.columns)
        col_w = (width - cell_width(g.bar) * (n - 1)) // n
        out: list[StyledLine] = []
        if n == 1 or col_w < MIN_COLUMN:  # stacked
            for col in node.columns:
                if out:
                    out.append([])
                head = self.column_head(col, width)
                rule = max(sum(cell_width(t) for t, _ in line) for line in head)
                out += [*head, [(g.rule * rule, "muted")], *self.blocks(col.blocks, width)]
            return out
        heads = [self.column_head(c, col_w) for c in node.columns]
        bodies = [self.blocks(c.blocks, col_w) for c in node.columns]
        for r in range(max(len(h) for h in heads)):
            out.append(self._row([h[r] if r < len(h) else [] for h in heads], col_w))
        out.append([(g.cross.join([g.rule * col_w] * n), "muted")])
        for r in range(max(len(b) for b in bodies)):
            out.append(self._row([b[r] if r < len(b) else [] for b in bodies], col_w))
        return out

    def _row(self, cells: list[StyledLine], col_w: int) -> StyledLine:
        row: StyledLine = []
        for i, cell in enumerate(cells):
            if i:
                row.append((self.opts.glyphs.bar, "muted"))
            row += cell
            used = sum(cell_width(t) for t, _ in cell)
            row.append((" " * (col_w - used), ""))
        return row

    def section(self, node: Section) -> list[StyledLine]:
        title = node.title if node.count is None else f"{node.title} ({node.count})"
        out = self.wrap_spans([(title, "heading")], self.opts.width)
        for item in node.items:
            if isinstance(item, Item):
                out += self.item(item)
            else:
                out.append([])
                out += self.quote_item(item)
        return out

    def _id_span(self, record_id: str | None) -> list[Span]:
        return [(f"  [{record_id}]", "muted")] if record_id else []

    def item(self, item: Item) -> list[StyledLine]:
        spans: list[Span] = []
        if item.tag:
            spans.append((item.tag, f"stance:{item.stance}" if item.stance else "muted"))
            spans.append((" ", ""))
        spans.append((display_line(item.text), ""))
        spans += self._id_span(item.record_id)
        return self.wrap_spans(spans, self.opts.width, first="- ", rest="  ")

    def quote_item(self, item: QuoteItem) -> list[StyledLine]:
        g = self.opts.glyphs
        text = _clean(item.text)
        spans: list[Span] = [(f"{g.open_quote}{text}{g.close_quote}" if item.quoted else text, "")]
        if not item.quoted:
            spans.append((" (paraphrase)", "muted"))
        out = self.wrap_spans(spans, self.opts.width, first="  ", rest="  ")
        who = [
            (f"{g.long_dash} {display_line(item.attribution)}", "muted"),
            *self._id_span(item.record_id),
        ]
        out += self.wrap_spans(who, self.opts.width, first="  ", rest="    ")
        return out

    def timeline(self, node: Timeline) -> list[StyledLine]:
        out = self.wrap_spans([(display_line(node.headline), "title")], self.opts.width)
        if not node.entries:
            return out
        out.append([])
        date_w = max(cell_width(e.date) for e in node.entries)
        id_w = max(cell_width(e.record_id) for e in node.entries)
        sep = self.opts.glyphs.dot
        summaries = [display_line(e.summary).replace(SEPARATOR, sep) for e in node.entries]
        sum_w = max(cell_width(s) for s in summaries)
        for entry, summary in zip(node.entries, summaries, strict=True):
            line = "  ".join(
                [
                    pad(entry.date, date_w),
                    pad(entry.record_id, id_w),
                    pad(summary, sum_w),
                    display_line(entry.title),
                ]
            )
            if self.opts.fit:
                line = truncate(line, self.opts.width, self.opts.glyphs.ellipsis)
            out.append([(line, "")])
        if node.footer:
            out.append([])
            out += self.wrap_spans([(node.footer, "muted")], self.opts.width)
        return out

    def node(self, node: Node) -> list[StyledLine]:
        if isinstance(node, Title):
            return self.title(node)
        if isinstance(node, Meta):
            return self.meta(node)
        if isinstance(node, Block):
            return self.line_items(node.lines, self.opts.width)
        if isinstance(node, Columns):
            return self.columns(node)
        if isinstance(node, Section):
            return self.section(node)
        return self.timeline(node)

    def render(self, nodes: Sequence[Node]) -> str:
        out: list[StyledLine] = []
        for i, node in enumerate(nodes):
            lines = self.node(node)
            # A title and its facts stay together.
            facts = isinstance(node, Meta) and i > 0 and isinstance(nodes[i - 1], Title)
            if out and lines and not facts:
                out.append([])
            out += lines
        return "".join(self.emit(line) + "\n" for line in out)


def render_text(nodes: Sequence[Node], options: TextOptions | None = None) -> str:
    """The view as plain text, one ``\\n``-terminated line after another.

    Without ``options.sgr`` the result holds no control character but
    newline; story text is sanitised either way.
    """
    opts = options or TextOptions()
    if opts.width < MIN_WIDTH:
        opts = TextOptions(MIN_WIDTH, opts.fit, opts.sgr, opts.colour, opts.glyphs)
    return _TextRenderer(opts).render(nodes)


# -- Markdown --------------------------------------------------------------------

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
        out = [f"# {md_escape(display_line(node.headline))}"]
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
            kicker = f"**{node.kicker}**{self.glyphs.dot}`{node.record_id}`"
            if not node.text:
                return kicker
            return f"## {md_escape(display_line(node.text))}\n\n{kicker}"
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
