"""The positions matrix: one line-API widget (``ScrollView`` + ``render_line``).

Contract (with :class:`tui.screens.matrix.MatrixScreen`):

- ``MatrixView(matrix, row=0, column=0, id=...)``; focusable.  The model is
  :func:`tui.present.matrix.positions_matrix`'s; it is fitted to the
  widget's width (:func:`tui.present.matrix.fit_matrix`) on every resize.
- :meth:`MatrixView.show` replaces the matrix (the story as of another
  date), keeping the cursor on the same incident and actor when they are
  still there.
- posts :class:`MatrixView.Moved` when the cursor moves,
  :class:`MatrixView.Refitted` when the words' length changes with the
  width, and :class:`MatrixView.Opened` on enter (or a click on the
  cursor's cell).

The incident column (left) and the actors' header (top) stay in view, and
the last line says the cursor's cell in words (the actor's trail on that
incident), drawn with the rows so that a move is painted in one frame; the
rows scroll vertically (the widget's own scroll position), the actor
columns horizontally by whole columns (:attr:`MatrixView.first_column`).
The cursor is shown three ways, none by colour alone: its cell in reverse,
``▸`` before its incident, its actor's header underlined.  A move
refreshes only the lines that change: the two rows (or the one), and the
header when the column changes; the whole widget only when it scrolls.

Keys (bindings have ids, ``matrix.*``): arrows and h/j/k/l move a cell;
pgup/pgdn a page; home/g and end/G the first and last incident; 0 and $
the first and last actor; enter opens the cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.present.matrix import (
    GAP,
    HEADER_LINES,
    LABEL_GAP,
    Fitted,
    Matrix,
    cell_summary,
    fit_matrix,
)
from tui.story.cells import pad, truncate
from tui.story.model import Story
from tui.story.sanitize import display_line

GUTTER = 2  # "▸ " before the cursor's incident
FOOT_LINES = 1  # under the rows: the cursor's cell in words
CURSOR_MARK = "▸"
STYLED_KEYS = (
    "claimed",
    "denied",
    "disputed",
    "investigating",
    "declined-to-comment",
    "confirmed",
    "supported",
    "did-not-respond",
    "withdrawn",
)


class MatrixView(ScrollView, can_focus=True):
    """The positions matrix; see the module docstring."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1, 0)", "Down", show=False, id="matrix.down"),
        Binding("up,k", "move(-1, 0)", "Up", show=False, id="matrix.up"),
        Binding("right,l", "move(0, 1)", "Right", show=False, id="matrix.right"),
        Binding("left,h", "move(0, -1)", "Left", show=False, id="matrix.left"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="matrix.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="matrix.page_up"),
        Binding("home,g", "first_row", "First incident", show=False, id="matrix.first"),
        Binding("end,G", "last_row", "Last incident", show=False, id="matrix.last"),
        Binding("0", "first_column", "First actor", show=False, id="matrix.first_actor"),
        Binding("dollar_sign", "last_column", "Last actor", show=False, id="matrix.last_actor"),
        Binding("enter", "open", "Open", id="matrix.open"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "matrix--header",
        "matrix--header-current",
        "matrix--label",
        "matrix--label-current",
        "matrix--cursor",
        "matrix--muted",
        "matrix--words",
        *(f"matrix--{key}" for key in STYLED_KEYS),
    }

    @dataclass
    class Moved(Message):
        """The cursor is on cell (*row*, *column*) of the matrix."""

        row: int
        column: int

    @dataclass
    class Refitted(Message):
        """The matrix was fitted to a new width (or replaced): *short*, the
        stance words are shortened (the legend must list them)."""

        short: bool

    @dataclass
    class Opened(Message):
        """Enter on a cell: open *incident_id* at *actor_id*'s column."""

        incident_id: str
        actor_id: str

    def __init__(
        self,
        matrix: Matrix,
        story: Story,
        *,
        row: int = 0,
        column: int = 0,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.matrix = matrix
        self.story = story  # the story the matrix shows, for the cell's words
        self.row = self._clamp(row, len(matrix.rows))
        self.column = self._clamp(column, len(matrix.columns))
        self.first_column = 0  # the leftmost actor column shown
        self._fitted: Fitted | None = None
        self._rows: LRUCache[tuple[int, int, int], Strip] = LRUCache(512)
        self._styles: dict[str, Style] = {}
        self._foot: str | None = None  # the cell's words last drawn

    @staticmethod
    def _clamp(value: int, count: int) -> int:
        return max(0, min(value, count - 1)) if count else 0

    # -- the matrix ------------------------------------------------------------
    def show(self, matrix: Matrix, story: Story) -> None:
        """Show *matrix* instead, keeping the cursor's incident and actor
        where they still are (else the nearest row and column)."""
        incident = self.incident_id
        actor = self.actor_id
        self.matrix = matrix
        self.story = story
        rows = {r.incident.id: i for i, r in enumerate(matrix.rows)}
        columns = {c.actor_id: i for i, c in enumerate(matrix.columns)}
        self.row = self._clamp(rows.get(incident or "", self.row), len(matrix.rows))
        self.column = self._clamp(columns.get(actor or "", self.column), len(matrix.columns))
        self.first_column = 0
        self._refit()
        self._keep_in_view()
        self.post_message(self.Moved(self.row, self.column))

    @property
    def fitted(self) -> Fitted:
        """The matrix fitted to the widget's width (fitted again only when
        the width or the matrix changes)."""
        width = self._fit_width()
        if self._fitted is None or self._fitted.width != width:
            self._refit()
        assert self._fitted is not None
        return self._fitted

    def _fit_width(self) -> int:
        width = self.scrollable_content_region.width if self.is_mounted else 0
        return max(1, (width or 80) - GUTTER)

    @property
    def incident_id(self) -> str | None:
        rows = self.matrix.rows
        return rows[self.row].incident.id if rows else None

    @property
    def actor_id(self) -> str | None:
        columns = self.matrix.columns
        return columns[self.column].actor_id if columns else None

    @property
    def data_height(self) -> int:
        """How many incident rows are in view."""
        return max(1, self.scrollable_content_region.height - HEADER_LINES - FOOT_LINES)

    def _refit(self) -> None:
        width = self._fit_width()
        before = self._fitted
        self._fitted = fit_matrix(self.matrix, width)
        if before is None or before.short != self._fitted.short or before.matrix is not self.matrix:
            self.post_message(self.Refitted(self._fitted.short))
        self._rows.clear()
        rows = HEADER_LINES + len(self.matrix.rows) + FOOT_LINES
        self.virtual_size = Size(width + GUTTER, rows)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self._fitted is None or self._fitted.width != self._fit_width():
            self._refit()
        self._keep_in_view()

    def on_mount(self) -> None:
        ansi16 = self.app.console.color_system in ("standard", "windows")
        self.set_class(ansi16, "-ansi16")
        self.call_after_refresh(self._keep_in_view)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._rows.clear()

    # -- the cursor ----------------------------------------------------------------
    def _visible_columns(self, first: int) -> range:
        """The actor columns that fit whole from column *first* on (at least one)."""
        fitted = self.fitted
        columns = fitted.columns
        if not columns:
            return range(0)
        start = columns[first].x
        end = first + 1
        while end < len(columns) and columns[end].x + columns[end].width - start <= (
            fitted.view_width
        ):
            end += 1
        return range(first, end)

    def _keep_in_view(self) -> None:
        """Scroll so that the cursor's row and column are in view."""
        if not self.is_mounted:
            return
        top = round(self.scroll_y)
        height = self.data_height
        if self.row < top:
            self.scroll_to(y=self.row, animate=False, immediate=True)
        elif self.row >= top + height:
            self.scroll_to(y=self.row - height + 1, animate=False, immediate=True)
        if not self.matrix.columns:
            return
        first = min(self.first_column, self.column)
        while first < self.column and self.column not in self._visible_columns(first):
            first += 1
        if first != self.first_column:
            self.first_column = first
            self.refresh()

    def move_to(self, row: int, column: int) -> None:
        """Put the cursor on cell (*row*, *column*) (clamped to the matrix)."""
        row = self._clamp(row, len(self.matrix.rows))
        column = self._clamp(column, len(self.matrix.columns))
        if (row, column) == (self.row, self.column):
            return
        old_row, old_column = self.row, self.column
        self.row, self.column = row, column
        self._refresh_row(old_row)
        self._refresh_row(row)
        self._refresh_foot()
        if column != old_column:
            for y in range(HEADER_LINES):
                self.refresh(Region(0, y, self.scrollable_content_region.width, 1))
        self._keep_in_view()
        self.post_message(self.Moved(row, column))

    def _refresh_row(self, index: int) -> None:
        y = HEADER_LINES + index - round(self.scroll_y)
        if HEADER_LINES <= y < self.scrollable_content_region.height - FOOT_LINES:
            self.refresh(Region(0, y, self.scrollable_content_region.width, 1))

    def action_move(self, rows: int, columns: int) -> None:
        self.move_to(self.row + rows, self.column + columns)

    def action_page(self, pages: int) -> None:
        step = max(1, self.data_height - 1)
        self.move_to(self.row + pages * step, self.column)

    def action_first_row(self) -> None:
        self.move_to(0, self.column)

    def action_last_row(self) -> None:
        self.move_to(len(self.matrix.rows) - 1, self.column)

    def action_first_column(self) -> None:
        self.move_to(self.row, 0)

    def action_last_column(self) -> None:
        self.move_to(self.row, len(self.matrix.columns) - 1)

    def action_open(self) -> None:
        incident, actor = self.incident_id, self.actor_id
        if incident is not None and actor is not None:
            self.post_message(self.Opened(incident, actor))

    def cell_at(self, x: int, y: int) -> tuple[int, int] | None:
        """The cell (row, column) at widget cell (*x*, *y*), if any."""
        if y < HEADER_LINES or y >= self.scrollable_content_region.height - FOOT_LINES:
            return None
        row = round(self.scroll_y) + y - HEADER_LINES
        fitted = self.fitted
        offset = x - GUTTER - fitted.label_width - LABEL_GAP
        if not 0 <= row < len(self.matrix.rows) or offset < 0 or not fitted.columns:
            return None
        start = fitted.columns[self.first_column].x
        for i in self._visible_columns(self.first_column):
            column = fitted.columns[i]
            if column.x - start <= offset < column.x - start + column.width:
                return row, i
        return None

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        cell = None if offset is None else self.cell_at(offset.x, offset.y)
        if cell is None:
            return
        event.stop()
        if cell == (self.row, self.column) or event.chain > 1:
            self.move_to(*cell)
            self.action_open()
        else:
            self.move_to(*cell)

    # -- drawing ---------------------------------------------------------------------
    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self.get_component_rich_style(name) if name else self.rich_style
            self._styles[name] = style
        return style

    def _cell_style(self, key: str | None) -> Style:
        if key is None:
            return self._style("")
        return self._style(f"matrix--{key}" if key in STYLED_KEYS else "")

    def _refresh_foot(self) -> None:
        """Repaint the cell's words if they changed."""
        words = self.cell_words()
        if words != self._foot:
            height = self.scrollable_content_region.height
            self.refresh(Region(0, height - 1, self.scrollable_content_region.width, 1))

    def cell_words(self) -> str:
        """The cursor's cell in words (sanitised, one line), as the line
        under the matrix says it: :func:`tui.present.matrix.cell_summary`."""
        m = self.matrix
        if not m.rows or not m.columns:
            return ""
        row = m.rows[self.row]
        return display_line(cell_summary(self.story, row, self.column, m.columns[self.column]))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == self.scrollable_content_region.height - FOOT_LINES:
            self._foot = self.cell_words()
            text = " " + truncate(self._foot, max(0, width - 2))
            return self._finish([Segment(pad(text, width), self._style("matrix--words"))], width)
        if y < HEADER_LINES:
            return self._header_strip(y, width)
        index = round(self.scroll_y) + y - HEADER_LINES
        if not self.matrix.rows and y == HEADER_LINES:
            text = "No incident in the story (as of this date)."
            return Strip([Segment(pad(text, width), self._style("matrix--muted"))]).crop(0, width)
        if not 0 <= index < len(self.matrix.rows):
            return Strip.blank(width, self._style(""))
        cursor = self.column if index == self.row else -1
        key = (index, cursor, self.first_column)
        strip = self._rows.get(key)
        if strip is None or strip.cell_length != width:
            strip = self._row_strip(index, cursor, width)
            self._rows[key] = strip
        return strip

    def _columns_shown(self) -> range:
        return self._visible_columns(self.first_column) if self.matrix.columns else range(0)

    def _finish(self, segments: list[Segment], width: int) -> Strip:
        # simplify(): neighbours of one style become one segment (fewer
        # escape codes written per line).
        strip = Strip(segments).crop(0, width).extend_cell_length(width, self._style(""))
        return strip.simplify()

    def _header_strip(self, y: int, width: int) -> Strip:
        fitted = self.fitted
        base = self._style("matrix--header")
        lead = " " * (GUTTER + fitted.label_width + LABEL_GAP)
        segments = [Segment(lead, base)]
        for i in self._columns_shown():
            column = fitted.columns[i]
            name = "matrix--header-current" if i == self.column else "matrix--header"
            segments.append(Segment(pad(column.header[y], column.width), self._style(name)))
            segments.append(Segment(" " * GAP, base))
        return self._finish(segments, width)

    def _row_strip(self, index: int, cursor: int, width: int) -> Strip:
        fitted = self.fitted
        row = self.matrix.rows[index]
        current = cursor >= 0
        mark = CURSOR_MARK if current else " "
        label = self._style("matrix--label-current" if current else "matrix--label")
        segments = [
            Segment(mark + " " * (GUTTER - 1), label),
            Segment(fitted.label(row), label),
            Segment(" " * LABEL_GAP, self._style("")),
        ]
        for i in self._columns_shown():
            cell = row.cells[i]
            style = self._cell_style(None if cell is None else cell.key)
            if i == cursor:
                style = style + self._style("matrix--cursor")
            segments.append(Segment(fitted.cell(row, i), style))
            segments.append(Segment(" " * GAP, self._style("")))
        return self._finish(segments, width)
