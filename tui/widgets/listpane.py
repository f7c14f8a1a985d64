"""The line-API list the three browser panes are built on.

One widget draws every row (``render_line``), so a list of ten thousand
records costs no more widgets than a list of ten, and moving the cursor
repaints only the two rows that changed.  Rows are laid out in columns that
fit the width: the flexible column (a title, an excerpt) takes what is left,
and every cell that does not fit ends with an ellipsis, never a silent clip.

Group header rows (the actor kinds) are drawn across the full width and the
cursor skips them.  :meth:`ListPane.mark` highlights a search query's
occurrences in the rows (``listpane--match``), repainting only the rows
that hold the old or the new query.  The pane posts :class:`tui.messages.Highlighted` when the
cursor lands on a record (only while it is the screen's active pane) and
:class:`tui.messages.Opened` on a click on the selected row (enter is the
screen's binding, see BINDINGS).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from tui import messages
from tui.present.rows import GAP, ListColumn
from tui.present.rows import fit_columns as fit_columns
from tui.story.matching import contains, find_all
from tui.story.model import RecordKind, Story
from tui.story.sanitize import display_line

GUTTER = 2  # "▸ " on the cursor row: the cursor is never shown by colour alone
CURSOR_MARK = "▸"

Column = ListColumn  # the row layout is the presentation layer's (tui.present.rows)

MUTED = Style(dim=True)
STRONG = Style(bold=True)


Cell = tuple[str, Style | str]  # sanitised one-line text, its style


def cell(text: str, style: Style | str = "") -> Cell:
    """A cell of story text: sanitised now (like ``literal_line``), turned
    into ``Content`` only when its row is drawn."""
    return (display_line(text), style)


def plain_cell(text: str, style: Style | str = "") -> Cell:
    """A cell of the app's own text (a label, a count): not story text."""
    return (text, style)


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a list: a record, or a group header (``kind`` None).

    The cells are kept as text and style: the ``Content`` a row is drawn
    with is built when the row is drawn (a list of ten thousand rows would
    otherwise build tens of thousands of ``Content`` objects before the
    first paint).  ``short_parts``: optional shorter cells, used when the
    full ones would be cut.
    """

    kind: RecordKind | None
    record_id: str | None
    parts: tuple[Cell, ...]
    short_parts: tuple[Cell, ...] | None = None

    @property
    def selectable(self) -> bool:
        return self.record_id is not None

    @property
    def cells(self) -> tuple[Content, ...]:
        return tuple(Content.styled(text, style) for text, style in self.parts)

    @property
    def short(self) -> tuple[Content, ...] | None:
        if self.short_parts is None:
            return None
        return tuple(Content.styled(text, style) for text, style in self.short_parts)


def header_row(label: Cell) -> Row:
    return Row(None, None, (label,))


def fit_cell(cell: Content, width: int, right: bool = False) -> Content:
    """*cell* in exactly *width* cells: padded, or cut with an ellipsis."""
    if width <= 0:
        return Content("")
    if cell.cell_length > width:
        return cell.truncate(width, ellipsis=True)
    if right:
        return cell.pad_left(width - cell.cell_length)
    return cell.pad_right(width - cell.cell_length)


class ListPane(ScrollView, can_focus=True):
    """A focusable list of story records drawn with the line API."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "listpane--cursor",
        "listpane--header",
        "listpane--empty",
        "listpane--match",
    }

    # enter (open) is a priority binding of the browser screen, so that the
    # detail already has the focus when the next key arrives.
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority, like the screen's enter/tab/1 2 3: keys that arrive in
        # one read (type-ahead over SSH, a paste) then run in the order they
        # were typed, so "j j j enter" opens the row the cursor reached.
        Binding("down,j", "cursor_down", "Next row", show=False, id="list.down", priority=True),
        Binding("up,k", "cursor_up", "Previous row", show=False, id="list.up", priority=True),
        Binding("g,home", "first", "First row", show=False, id="list.first", priority=True),
        Binding("G,end", "last", "Last row", show=False, id="list.last", priority=True),
        Binding(
            "pagedown", "page_down", "Page down", show=False, id="list.page_down", priority=True
        ),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up", priority=True),
    ]

    COLUMNS: ClassVar[tuple[Column, ...]] = (Column(flex=True),)

    cursor: reactive[int] = reactive(-1, repaint=False, init=False)
    # Only what involves this actor (the screen binds it, see data_bind).
    filter_actor: reactive[str | None] = reactive[str | None](None, repaint=False, init=False)

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self.active = False  # set by the screen: only the active pane drives the detail
        self.rows: list[Row] = []
        self._index: dict[str, int] = {}
        self._widths: list[int] = []
        self._short = False  # drawing the rows' short cells
        self._natural_widths: dict[bool, list[int]] = {}  # by "short"
        self._cache: LRUCache[tuple[int, bool], Strip] = LRUCache(1024)
        self._last_posted: str | None = None
        self._query = ""  # search matches highlighted in the rows
        self.total = 0  # selectable rows without the filter
        self.reload()

    # -- what subclasses provide -------------------------------------------
    def build_rows(self) -> list[Row]:
        """The rows for the story under ``self.filter_actor``."""
        raise NotImplementedError

    def empty_message(self) -> Content:
        """What the pane says when it lists nothing."""
        raise NotImplementedError

    # -- data ----------------------------------------------------------------
    def reload(self) -> None:
        """Rebuild the rows (after the filter changed), keeping the selected
        record if it is still listed."""
        keep = self.selected_id
        self.rows = self.build_rows()
        self._natural_widths.clear()
        self._index = {r.record_id: n for n, r in enumerate(self.rows) if r.record_id}
        if self.filter_actor is None:
            self.total = len(self._index)
        self._cache.clear()
        self._layout_columns()
        self._update_virtual_size()
        index = self._index.get(keep, -1) if keep else -1
        if index < 0:
            index = self._next_selectable(0, 1)
        self.set_reactive(ListPane.cursor, index)
        self.refresh()
        if self.is_mounted:
            self._scroll_to_cursor()
        self._post_highlight()

    def watch_filter_actor(self, old: str | None, new: str | None) -> None:
        if old != new:  # a binding also sets the value it already has
            self.reload()

    @property
    def count(self) -> int:
        """How many records are listed (under the filter)."""
        return len(self._index)

    @property
    def selected(self) -> tuple[RecordKind, str] | None:
        if 0 <= self.cursor < len(self.rows):
            row = self.rows[self.cursor]
            if row.kind is not None and row.record_id is not None:
                return (row.kind, row.record_id)
        return None

    @property
    def selected_id(self) -> str | None:
        sel = self.selected
        return sel[1] if sel else None

    def has(self, record_id: str) -> bool:
        return record_id in self._index

    def select(self, record_id: str) -> bool:
        """Put the cursor on *record_id*; False if it is not listed."""
        index = self._index.get(record_id)
        if index is None:
            return False
        self.cursor = index
        return True

    def line_text(self, index: int) -> str:
        """The plain text row *index* is drawn with (for tests and tools)."""
        return self._row_content(index, self.scrollable_content_region.width).plain

    # -- cursor ----------------------------------------------------------------
    def _next_selectable(self, start: int, step: int) -> int:
        """First selectable row from *start* going by *step*; -1 if none."""
        i = start
        while 0 <= i < len(self.rows):
            if self.rows[i].selectable:
                return i
            i += step
        return -1

    def _move_to(self, target: int, step: int) -> None:
        """To the selectable row nearest *target* (past an end: that end)
        in the direction *step*, else the other way."""
        if not self.rows:
            return
        target = max(0, min(target, len(self.rows) - 1))
        index = self._next_selectable(target, step)
        if index < 0:
            index = self._next_selectable(target, -step)
        if index >= 0:
            self.cursor = index

    def validate_cursor(self, value: int) -> int:
        if not self.rows:
            return -1
        return max(-1, min(value, len(self.rows) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self._scroll_to_cursor()
        self._post_highlight()

    def _post_highlight(self) -> None:
        """Post Highlighted when the cursor lands on another record (only
        while active; moves made while inactive still count as seen)."""
        sel = self.selected
        if sel is None or sel[1] == self._last_posted:
            return
        self._last_posted = sel[1]
        if self.active:
            self.post_message(messages.Highlighted(*sel))

    def _refresh_row(self, index: int) -> None:
        if index < 0:
            return
        self._cache.discard((index, True))
        self._cache.discard((index, False))
        self.refresh_line(index)

    def _scroll_to_cursor(self) -> None:
        if self.cursor >= 0 and self.is_mounted:
            # Keep a group header in view above its first member.
            top = (
                self.cursor - 1
                if self.cursor and not self.rows[self.cursor - 1].selectable
                else self.cursor
            )
            self.scroll_to_region(
                Region(0, top, 1, self.cursor - top + 1), animate=False, force=True, immediate=True
            )

    def action_cursor_down(self) -> None:
        self._move_to(self.cursor + 1, 1)

    def action_cursor_up(self) -> None:
        if self.cursor > 0:
            self._move_to(self.cursor - 1, -1)

    def action_first(self) -> None:
        self._move_to(0, 1)

    def action_last(self) -> None:
        self._move_to(len(self.rows) - 1, -1)

    def action_page_down(self) -> None:
        self._move_to(self.cursor + max(1, self.scrollable_content_region.height - 1), 1)

    def action_page_up(self) -> None:
        self._move_to(self.cursor - max(1, self.scrollable_content_region.height - 1), -1)

    def action_open(self) -> None:
        sel = self.selected
        if sel is not None:
            self.post_message(messages.Opened(*sel))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = offset.y + self.scroll_offset.y
        if not (0 <= index < len(self.rows)) or not self.rows[index].selectable:
            return
        self.focus()
        if index == self.cursor or event.chain > 1:
            self.cursor = index
            self.action_open()
        else:
            self.cursor = index

    # -- layout and drawing ----------------------------------------------------
    def _naturals(self, short: bool) -> list[int]:
        """The widest cell of every column (the flexible column's is not
        needed: it takes what is left).  Computed once per reload."""
        cached = self._natural_widths.get(short)
        if cached is not None:
            return cached
        count = len(self.COLUMNS)
        skip = {i for i, column in enumerate(self.COLUMNS) if column.flex}
        naturals = [0] * count
        for row in self.rows:
            if row.selectable:
                parts = row.short_parts if short and row.short_parts is not None else row.parts
                for i, (text, _style) in enumerate(parts[:count]):
                    if i not in skip:
                        width = len(text) if text.isascii() else cell_len(text)
                        if width > naturals[i]:
                            naturals[i] = width
        self._natural_widths[short] = naturals
        return naturals

    def _layout_columns(self) -> None:
        """Fit the columns to the width; use the rows' short cells if the
        full ones would be cut."""
        width = self.scrollable_content_region.width if self.is_mounted else 80
        available = max(1, width - GUTTER)
        naturals = self._naturals(short=False)
        widths = fit_columns(naturals, self.COLUMNS, available)
        self._short = False
        cut = any(
            w < n for w, n, c in zip(widths, naturals, self.COLUMNS, strict=True) if not c.flex
        )
        if cut and any(row.short_parts is not None for row in self.rows):
            self._short = True
            widths = fit_columns(self._naturals(short=True), self.COLUMNS, available)
        self._widths = widths

    def _update_virtual_size(self) -> None:
        width = self.scrollable_content_region.width if self.is_mounted else 0
        self.virtual_size = Size(width, len(self.rows))

    def _on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self._layout_columns()
        self._update_virtual_size()
        self._scroll_to_cursor()

    def on_focus(self) -> None:
        self._refresh_row(self.cursor)

    def on_blur(self) -> None:
        self._refresh_row(self.cursor)

    def notify_style_update(self) -> None:
        self._cache.clear()
        super().notify_style_update()

    # -- search highlights ------------------------------------------------------
    def mark(self, query: str) -> None:
        """Highlight the occurrences of *query* ("" for none) in the rows;
        repaint the visible rows that hold the old or the new query."""
        old, self._query = self._query, query
        if old == query:
            return
        self._cache.clear()  # rows out of view are drawn afresh when scrolled to
        top = self.scroll_offset.y
        for index in range(top, min(len(self.rows), top + self.scrollable_content_region.height)):
            texts = [text for text, _style in self.rows[index].parts]
            if any(contains(t, q) for t in texts for q in (old, query) if q):
                self._refresh_row(index)

    def _marked(self, cell: Content) -> Content:
        """*cell* with the search query's occurrences highlighted."""
        spans = find_all(cell.plain, self._query)
        if spans:
            style = self.get_visual_style("listpane--match")
            for start, end in spans:
                cell = cell.stylize(style, start, end)
        return cell

    def _row_content(self, index: int, width: int) -> Content:
        row = self.rows[index]
        if not row.selectable:
            return fit_cell(row.cells[0], width)
        mark = CURSOR_MARK if index == self.cursor else " "
        parts: list[Content | str] = [mark + " " * (GUTTER - 1)]
        cells = row.short if self._short and row.short is not None else row.cells
        for i, (column, cell_width) in enumerate(zip(self.COLUMNS, self._widths, strict=True)):
            if i:
                parts.append(" " * GAP)
            content = cells[i] if i < len(cells) else Content("")
            if self._query:
                content = self._marked(content)
            parts.append(fit_cell(content, cell_width, column.right))
        return fit_cell(Content.assemble(*parts), width)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        if not self.rows:
            style = self.get_visual_style("listpane--empty")
            line = fit_cell(self.empty_message(), width) if y == 0 else Content("")
            return Strip(line.render_segments(style), width)
        if index >= len(self.rows):
            return Strip.blank(width, self.get_visual_style().rich_style)
        is_cursor = index == self.cursor
        key = (index, is_cursor)
        strip = self._cache.get(key)
        if strip is None or strip.cell_length != width:
            row = self.rows[index]
            if not row.selectable:
                style = self.get_visual_style("listpane--header")
            elif is_cursor:
                style = self.get_visual_style("listpane--cursor")
            else:
                style = self.get_visual_style()
            segments = self._row_content(index, width).render_segments(style)
            strip = Strip(segments, width).extend_cell_length(width, style.rich_style)
            self._cache[key] = strip
        return strip
