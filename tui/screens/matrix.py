"""The positions matrix screen: who stands where, pushed over the browser.

``m`` (or the palette's "Positions matrix") opens it from the browser
(:mod:`tui.screens.matrix_keys`).  It shows the story as the browser does,
as of its date: ``[`` and ``]`` step the browser's date from here and the
matrix follows.  Enter dismisses the screen with a :class:`MatrixChoice`
(the browser opens that incident at that actor's column); escape dismisses
it with None.

Lines, top to bottom: the title (the date, the counts), the matrix
(:class:`tui.widgets.matrix.MatrixView`, whose last line says the cell
under the cursor in words), the legend, the footer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static

from tui.present.describe import plural
from tui.present.matrix import Matrix, fit_matrix, legend, positions_matrix
from tui.present.matrix_text import TITLE
from tui.screens.asof import AsOf
from tui.screens.help import HelpScreen, key_sections, matrix_groups
from tui.story.model import Story
from tui.widgets.footer import BrowserFooter
from tui.widgets.matrix import GUTTER, MatrixView
from tui.widgets.status import Line


class MatrixHost(Protocol):
    """What the matrix needs of the screen that opens it (the browser)."""

    as_of: AsOf
    hint: str
    story: Story  # the story shown: as of the date, if there is one
    # The last matrix built: (whole story, date text, matrix); reopening the
    # matrix (escape from the incident it opened) does not build it again.
    matrix_cache: tuple[Story, str | None, Matrix] | None

    async def action_as_of_step(self, step: int) -> None: ...


@dataclass(frozen=True)
class MatrixChoice:
    """Enter on a cell: the incident to open and the actor to point at."""

    incident_id: str
    actor_id: str


@dataclass(frozen=True)
class MatrixPlace:
    """Where the cursor was: reopening the matrix puts it back there."""

    incident_id: str | None
    actor_id: str | None


def host_matrix(host: MatrixHost) -> Matrix:
    """The matrix of the host's story as of its date (columns in the whole
    story's order, see :func:`tui.present.matrix.positions_matrix`); the
    last one again if the story and the date are the same."""
    whole, date = host.as_of.whole, host.as_of.date
    key = date.text if date is not None else None
    last = host.matrix_cache
    if last is not None and last[0] is whole and last[1] == key:
        return last[2]
    matrix = positions_matrix(whole, date)
    host.matrix_cache = (whole, key, matrix)
    return matrix


class MatrixScreen(Screen[MatrixChoice | None]):
    CSS_PATH = "matrix.tcss"
    AUTO_FOCUS = "#matrix"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="matrix.back"),
        Binding(
            "left_square_bracket",
            "as_of_step(-1)",
            "Earlier",
            id="matrix.as_of_earlier",
            tooltip="The matrix as of the previous date a statement was made or withdrawn",
        ),
        Binding(
            "right_square_bracket",
            "as_of_step(1)",
            "Later",
            id="matrix.as_of_later",
            tooltip="The matrix as of the next date (after the last: the whole story)",
        ),
        Binding("question_mark", "help", "Help", id="matrix.help"),
    ]

    def __init__(self, host: MatrixHost, place: MatrixPlace | None = None) -> None:
        super().__init__()
        self.host = host
        self.hint = ""
        self.matrix = host_matrix(host)
        row = column = 0
        if place is not None:
            rows = [r.incident.id for r in self.matrix.rows]
            columns = [c.actor_id for c in self.matrix.columns]
            row = rows.index(place.incident_id) if place.incident_id in rows else 0
            column = columns.index(place.actor_id) if place.actor_id in columns else 0
        self._start = (row, column)

    @property
    def story(self) -> Story:
        return self.host.story

    def compose(self) -> ComposeResult:
        yield Line(self._title(), id="matrix-title")
        row, column = self._start
        yield MatrixView(self.matrix, self.story, row=row, column=column, id="matrix")
        yield Static(self._legend(), id="matrix-legend")
        yield BrowserFooter(compact=True)  # quit and help never cut

    @property
    def view(self) -> MatrixView:
        return self.query_one("#matrix", MatrixView)

    @property
    def place(self) -> MatrixPlace:
        view = self.view
        return MatrixPlace(view.incident_id, view.actor_id)

    # -- the lines around the matrix -------------------------------------------------
    def _title(self) -> Content:
        m = self.matrix
        parts = [TITLE, f"{plural(len(m.rows), 'incident')} × {plural(len(m.columns), 'actor')}"]
        label = self.host.as_of.label()
        if label:
            parts.insert(1, label)
        if self.hint:
            parts.append(self.hint)
        return Content(" · ".join(parts))

    def _legend(self) -> Content:
        """The legend; the short words' only when the matrix shows them."""
        views = list(self.query("#matrix").results(MatrixView))
        if views and views[0].is_mounted:
            short = views[0].fitted.short
        else:  # composing: as the matrix will be fitted (Refitted corrects it)
            short = fit_matrix(self.matrix, max(1, self.app.size.width - GUTTER - 1)).short
        return Content(" · ".join(legend(self.matrix, short=short)))

    def on_matrix_view_refitted(self, message: MatrixView.Refitted) -> None:
        message.stop()
        self._update_legend()

    def _update_legend(self) -> None:
        self.query_one("#matrix-legend", Static).update(self._legend())

    # -- keys ----------------------------------------------------------------------------
    def on_matrix_view_opened(self, message: MatrixView.Opened) -> None:
        message.stop()
        self.dismiss(MatrixChoice(message.incident_id, message.actor_id))

    def action_close(self) -> None:
        self.dismiss(None)

    async def action_as_of_step(self, step: int) -> None:
        """``[`` / ``]``: the browser's as-of date steps; the matrix follows."""
        await self.host.action_as_of_step(step)
        self.hint = self.host.hint
        self.host.hint = ""
        self.matrix = host_matrix(self.host)
        self.view.show(self.matrix, self.story)  # the legend follows (Refitted)
        self.query_one("#matrix-title", Line).show(self._title())

    def action_help(self) -> None:
        """``?``: the matrix's keys (as the app's keymap binds them)."""
        groups: list[tuple[str, Sequence[type[DOMNode]]]] = [
            *matrix_groups(),
            ("In this help", [HelpScreen]),
        ]
        keymap: dict[str, str] = dict(getattr(self.app, "_keymap", {}) or {})
        sections = key_sections(groups, keymap=keymap, display=self.app.get_key_display)
        self.app.push_screen(HelpScreen(sections))
