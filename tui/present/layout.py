"""Lay a view out into lines of terminal cells: the one layout of a record.

:func:`layout` turns a view (:mod:`tui.present.view`) into lines of styled
spans at a width in terminal cells, and records where each cross-link
landed.  ``storybrowse show`` prints those lines (:mod:`tui.present.text`);
the browser's detail pane draws the very same lines with Textual's line API,
so ``show --width W`` and the pane at width W lay a record out identically
(a test checks it on every record of every fixture story).

The claim and the responses are set side by side in equal columns separated
by a bar; when a column would be narrower than :data:`MIN_COLUMN` cells they
wrap into a grid (as few rows as possible, balanced: 2x2 for a claim and
three responses at 80 columns); below :data:`STACK_BELOW` cells, or for a
claim without responses, they are stacked, each under its own heading.

Styles are names, not colours (``title``, ``kicker``, ``label``, ``muted``,
``heading``, ``claim``, ``stance:denied`` ...): each renderer maps them to
what its medium can show.  Story text is sanitised here
(:mod:`tui.story.sanitize`): no line holds a control character.  Never
imports textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from math import ceil

from tui.story.cells import cell_width, pad, truncate
from tui.story.model import RecordKind
from tui.story.sanitize import display_line, display_text

from .blocks import (
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
from .describe import SEPARATOR
from .glyphs import UNICODE, Glyphs
from .highlight import Marker
from .rows import (
    TIMELINE_DATE,
    TIMELINE_SUMMARY,
    TIMELINE_TITLE,
    TITLE_MIN,
    ListColumn,
    fit_columns,
)
from .wrap import NO_LINK as NO_LINK  # re-exported: the layout's types
from .wrap import Span as Span
from .wrap import StyledLine as StyledLine
from .wrap import wrap_spans as wrap_spans

# Columns narrower than this are set in a grid (or stacked) instead.
MIN_COLUMN = 20
# Narrower than this (the detail pane's width in an 80-column terminal), the
# claim and the responses are stacked.
STACK_BELOW = 77
# The narrowest output width we lay out for.
MIN_WIDTH = 20
DEFAULT_WIDTH = 80

# -- the result ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """Where a cross-link leads."""

    kind: RecordKind
    record_id: str


@dataclass(slots=True)
class LinkSpot:
    """A cross-link and the cells it covers: ``(y, x0, x1)`` per piece,
    x1 exclusive, in the laid-out lines."""

    target: LinkTarget
    regions: list[tuple[int, int, int]] = field(default_factory=list)

    @property
    def kind(self) -> RecordKind:
        return self.target.kind

    @property
    def record_id(self) -> str:
        return self.target.record_id

    @property
    def top(self) -> int:
        return min(y for y, _, _ in self.regions)

    @property
    def bottom(self) -> int:
        """One past the last line."""
        return max(y for y, _, _ in self.regions) + 1


@dataclass(slots=True)
class Laid:
    """A view laid out: its lines (each at most *width* cells) and links, in
    reading order (top to bottom, left to right)."""

    width: int
    lines: list[StyledLine]
    links: list[LinkSpot]

    def plain(self) -> list[str]:
        """The lines as text, trailing spaces removed."""
        return ["".join(t for t, _, _ in line).rstrip(" ") for line in self.lines]


def _clean(text: str) -> str:
    return display_text(text).replace("\t", " ")


def _trim(line: StyledLine) -> StyledLine:
    """The line without empty spans and trailing spaces."""
    spans = [s for s in line if s[0]]
    while spans and not spans[-1][0].strip(" "):
        spans.pop()
    if spans:
        text, style, link = spans[-1]
        spans[-1] = (text.rstrip(" "), style, link)
    return spans


def grid_shape(n: int, width: int, bar: int = 3) -> tuple[int, int]:
    """(columns per row, rows) for *n* columns at *width* cells with *bar*
    cells between columns: all side by side if each gets :data:`MIN_COLUMN`
    cells, else as few rows as possible with balanced row lengths; (1, n)
    when stacked (below :data:`STACK_BELOW` cells, or a single column)."""
    if n <= 1 or width < STACK_BELOW:
        return 1, n
    if (width - bar * (n - 1)) // n >= MIN_COLUMN:
        return n, 1
    most = max(1, (width + bar) // (MIN_COLUMN + bar))
    if most == 1:
        return 1, n
    rows = ceil(n / most)
    return ceil(n / rows), rows


@dataclass
class _Layout:
    width: int
    glyphs: Glyphs
    fit: bool
    links: list[LinkTarget] = field(default_factory=list)
    marker: Marker | None = None  # search highlights (tui.present.highlight)

    def story(self, text: str, style: str, link: int = NO_LINK) -> list[Span]:
        """Story text (sanitised) as spans, search matches marked."""
        if self.marker is None:
            return [(text, style, link)]
        return self.marker.spans(text, style, link)

    def link(self, kind: RecordKind | None, record_id: str | None) -> int:
        if kind is None or not record_id:
            return NO_LINK
        self.links.append(LinkTarget(kind, record_id))
        return len(self.links) - 1

    # -- lines of text
    def line_items(self, lines: Sequence[Line], width: int) -> list[StyledLine]:
        g = self.glyphs
        out: list[StyledLine] = []
        for item in lines:
            if isinstance(item, Field):
                label_style = "muted" if item.muted else "label"
                value = _clean(item.value)
                if item.muted:
                    value = f"{g.open_quote}{value}{g.close_quote}"
                spans: list[Span] = [(f"{item.label}: ", label_style, NO_LINK)]
                if item.refs:  # each name links to its record
                    for n, ref in enumerate(item.refs):
                        if n:
                            spans.append(("; ", "", NO_LINK))
                        link = self.link(ref.kind, ref.record_id)
                        spans += self.story(display_line(ref.text), "", link)
                else:
                    spans += self.story(value, "muted" if item.muted else "")
                out += wrap_spans(spans, width, rest="  ")
            else:
                text = _clean(item.text)
                if item.quoted:
                    text = f"{g.open_quote}{text}{g.close_quote}"
                if item.style == "attribution":
                    out += wrap_spans(self.story(f"{g.long_dash} {text}", ""), width, rest="  ")
                else:
                    out += wrap_spans(self.story(text, item.style), width)
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
        spans: list[Span] = [(node.kicker, "kicker", NO_LINK)]
        if node.record_id:
            spans.append((f"{self.glyphs.dot}{node.record_id}", "muted", NO_LINK))
        out = wrap_spans(spans, self.width)
        if node.text:
            out += wrap_spans(self.story(display_line(node.text), "title"), self.width)
        return out

    def meta(self, node: Meta) -> list[StyledLine]:
        text = self.glyphs.dot.join(display_line(p) for p in node.parts)
        return wrap_spans(self.story(text, "muted"), self.width) if text else []

    def column_head(self, col: Column, width: int, *, stacked: bool) -> list[StyledLine]:
        """``CLAIM — Islamic State-Khorasan (IS-K)`` when stacked; side by
        side the stance word on a line of its own and the actor below it, so
        the stance words of all the columns share one row."""
        style = "claim" if col.stance is None else f"stance:{col.stance}"
        link = self.link("actor", col.who_id)
        who = self.story(display_line(col.who), style, link)
        kind = self.story(col.kind, style)
        if stacked:
            return wrap_spans([*kind, (self.glyphs.dash, style, NO_LINK), *who], width)
        return [*wrap_spans(kind, width), *wrap_spans(who, width)]

    def columns(self, node: Columns) -> list[StyledLine]:
        g = self.glyphs
        bar = cell_width(g.bar)
        n = len(node.columns)
        per_row, rows = grid_shape(n, self.width, bar)
        out: list[StyledLine] = []
        if per_row == 1:  # stacked
            for col in node.columns:
                if out:
                    out.append([])
                head = self.column_head(col, self.width, stacked=True)
                rule = max(sum(cell_width(t) for t, _, _ in line) for line in head)
                out += [*head, [(g.rule * rule, "muted", NO_LINK)]]
                out += self.blocks(col.blocks, self.width)
            return out
        col_w = (self.width - bar * (per_row - 1)) // per_row
        for r in range(rows):
            group = node.columns[r * per_row : (r + 1) * per_row]
            if out:
                out.append([])
            heads = [self.column_head(c, col_w, stacked=False) for c in group]
            bodies = [self.blocks(c.blocks, col_w) for c in group]
            for y in range(max(len(h) for h in heads)):
                out.append(self._row([h[y] if y < len(h) else [] for h in heads], col_w))
            out.append([(g.cross.join([g.rule * col_w] * len(group)), "muted", NO_LINK)])
            for y in range(max(len(b) for b in bodies)):
                out.append(self._row([b[y] if y < len(b) else [] for b in bodies], col_w))
        return out

    def _row(self, cells: list[StyledLine], col_w: int) -> StyledLine:
        row: StyledLine = []
        for i, cell in enumerate(cells):
            if i:
                row.append((self.glyphs.bar, "muted", NO_LINK))
            row += cell
            used = sum(cell_width(t) for t, _, _ in cell)
            row.append((" " * (col_w - used), "", NO_LINK))
        return row

    def section(self, node: Section) -> list[StyledLine]:
        title = node.title if node.count is None else f"{node.title} ({node.count})"
        out = wrap_spans([(title, "heading", NO_LINK)], self.width)
        for item in node.items:
            if isinstance(item, Item):
                out += self.item(item)
            else:
                out.append([])
                out += self.quote_item(item)
        return out

    @staticmethod
    def _id_span(record_id: str | None, link: int) -> list[Span]:
        return [(f"  [{record_id}]", "muted", link)] if record_id else []

    def item(self, item: Item) -> list[StyledLine]:
        link = self.link(item.kind, item.record_id)
        spans: list[Span] = []
        if item.tag:
            style = f"stance:{item.stance}" if item.stance else "muted"
            spans += [(item.tag, style, link), (" ", "", link)]
        spans += self.story(display_line(item.text), "", link)
        spans += self._id_span(item.record_id, link)
        return wrap_spans(spans, self.width, first="- ", rest="  ")

    def quote_item(self, item: QuoteItem) -> list[StyledLine]:
        g = self.glyphs
        link = self.link("quote", item.record_id)
        text = _clean(item.text)
        spans: list[Span] = self.story(
            f"{g.open_quote}{text}{g.close_quote}" if item.quoted else text, "", link
        )
        if not item.quoted:
            spans.append((" (paraphrase)", "muted", link))
        out = wrap_spans(spans, self.width, first="  ", rest="  ")
        who: list[Span] = [
            *self.story(f"{g.long_dash} {display_line(item.attribution)}", "muted", link),
            *self._id_span(item.record_id, link),
        ]
        out += wrap_spans(who, self.width, first="  ", rest="    ")
        return out

    def timeline(self, node: Timeline) -> list[StyledLine]:
        out = wrap_spans([(node.heading, "heading", NO_LINK)], self.width)
        if not node.entries:
            return out
        out.append([])
        sep = self.glyphs.dot
        summaries = [display_line(e.summary).replace(SEPARATOR, sep) for e in node.entries]
        titles = [display_line(e.title) for e in node.entries]
        date_w = max(cell_width(e.date) for e in node.entries)
        id_w = max(cell_width(e.record_id) for e in node.entries)
        sum_w = max(cell_width(s) for s in summaries)
        if self.fit:
            # The browser list's rule (tui.present.rows): the title keeps at
            # least TITLE_MIN cells while the summary can give way; the date
            # and the id (what one types next) are never cut.
            columns = (
                replace(TIMELINE_DATE, minimum=min(date_w, TIMELINE_DATE.cap)),
                ListColumn(minimum=id_w),
                TIMELINE_SUMMARY,
                replace(TIMELINE_TITLE, minimum=TITLE_MIN),
            )
            widths = fit_columns([date_w, id_w, sum_w, 0], columns, self.width)
        else:
            widths = [date_w, id_w, sum_w, max(cell_width(t) for t in titles)]
        ellipsis = self.glyphs.ellipsis
        rows = zip(node.entries, summaries, titles, strict=True)
        if self.fit and widths[3] < TITLE_MIN:  # one line for the title, one for the summary
            out += self._stacked(node, summaries, titles, min(date_w, TIMELINE_DATE.cap), id_w)
            rows = zip((), (), (), strict=True)
        for entry, summary, title in rows:
            cells = [entry.date, entry.record_id, summary, title]
            if self.fit:
                cells = [truncate(c, w, ellipsis) for c, w in zip(cells, widths, strict=True)]
            cells[:3] = [pad(c, w) for c, w in zip(cells[:3], widths[:3], strict=True)]
            line = "  ".join(cells)
            if self.fit:
                line = truncate(line.rstrip(" "), self.width, ellipsis)
            out.append(self.story(line, ""))
        if node.footer:
            out.append([])
            out += wrap_spans([(node.footer, "muted", NO_LINK)], self.width)
        return out

    def _stacked(
        self, node: Timeline, summaries: list[str], titles: list[str], date_w: int, id_w: int
    ) -> list[StyledLine]:
        """Rows where the title would get under TITLE_MIN cells beside the
        summary (narrow, or wide ids): date, id and title, then the summary
        on a line of its own under the id."""
        cut, indent, out = self.glyphs.ellipsis, " " * (date_w + 2), []
        for entry, summary, title in zip(node.entries, summaries, titles, strict=True):
            date = pad(truncate(entry.date, date_w, cut), date_w)
            head = f"{date}  {pad(entry.record_id, id_w)}  {title}"
            out.append([(truncate(head, self.width, cut), "", NO_LINK)])
            if summary:
                out.append([(truncate(indent + summary, self.width, cut), "muted", NO_LINK)])
        return out

    def node(self, node: Node) -> list[StyledLine]:
        if isinstance(node, Title):
            return self.title(node)
        if isinstance(node, Meta):
            return self.meta(node)
        if isinstance(node, Block):
            return self.line_items(node.lines, self.width)
        if isinstance(node, Columns):
            return self.columns(node)
        if isinstance(node, Section):
            return self.section(node)
        return self.timeline(node)


def layout(
    nodes: Sequence[Node],
    width: int,
    glyphs: Glyphs = UNICODE,
    *,
    fit: bool = True,
    marker: Marker | None = None,
) -> Laid:
    """Lay *nodes* out in lines of at most *width* cells (at least
    :data:`MIN_WIDTH`), a blank line between blocks, and find each link.

    *fit*: cut timeline lines to the width (a terminal or the pane); when
    False each timeline entry is whole (a pipe).  Story text is sanitised.
    *marker*: mark search matches in story text (``style+match``, see
    :mod:`tui.present.highlight`).
    """
    lay = _Layout(max(MIN_WIDTH, width), glyphs, fit, marker=marker)
    lines: list[StyledLine] = []
    for i, node in enumerate(nodes):
        got = lay.node(node)
        # A title, its facts and the paragraph right after them stay together
        # (no blank line: a record's head takes few rows of an 80x24 pane).
        facts = isinstance(node, Meta) and i > 0 and isinstance(nodes[i - 1], Title)
        lead = (
            isinstance(node, Block)
            and i > 1
            and isinstance(nodes[i - 1], Meta)
            and isinstance(nodes[i - 2], Title)
        )
        if lines and got and not (facts or lead):
            lines.append([])
        lines += got
    lines = [_trim(line) for line in lines]
    spots = [LinkSpot(target) for target in lay.links]
    for y, line in enumerate(lines):
        x = 0
        for text, _, link in line:
            w = cell_width(text)
            if link != NO_LINK:
                regions = spots[link].regions
                if regions and regions[-1][0] == y and regions[-1][2] == x:
                    regions[-1] = (y, regions[-1][1], x + w)
                else:
                    regions.append((y, x, x + w))
            x += w
    # In reading order: a Source: line in one column comes after the line
    # above it in the next column (links are numbered column by column).
    found = sorted((s for s in spots if s.regions), key=lambda s: s.regions[0][:2])
    return Laid(lay.width, lines, found)
