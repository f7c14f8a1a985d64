"""The positions matrix, from the browser: ``m`` and the palette's
"Positions matrix" open it (:class:`tui.screens.matrix.MatrixScreen`);
enter in it opens the incident in the detail at that actor's column;
escape in the detail (once nothing is left to walk back) returns to the
matrix, at the same cell.

A mixin of :class:`tui.screens.browser.BrowserScreen` (like
:class:`tui.screens.search_keys.SearchKeys`); the ``m`` binding is in
:mod:`tui.screens.bindings`, the palette entry is :meth:`MatrixKeys.palette_views`.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Literal

from tui.present.layout import layout
from tui.screens.matrix import MatrixChoice, MatrixPlace, MatrixScreen
from tui.screens.palette import Entry
from tui.widgets.detail import Place, view_nodes

if TYPE_CHECKING:
    from textual.app import App

    from tui.present.matrix import Matrix
    from tui.screens.asof import AsOf
    from tui.screens.history import History
    from tui.story.model import RecordKind, Story
    from tui.widgets.detail import DetailPane

Focus = Literal["detail", "list", "keep"]

COMMAND = "Positions matrix"
COMMAND_HELP = "Who stands where: every incident × every actor's latest stance (key m)"


class MatrixKeys:
    """What ``m``, the palette entry and escape back to the matrix do."""

    if TYPE_CHECKING:  # what the screen provides
        as_of: AsOf
        hint: str
        story: Story
        history: History

        app: App[object]

        @property
        def detail(self) -> DetailPane: ...

        def navigate(
            self,
            kind: RecordKind,
            record_id: str,
            *,
            focus: Focus = "detail",
            keep_filter: bool = False,
        ) -> bool: ...
        async def action_as_of_step(self, step: int) -> None: ...

    _matrix_place: MatrixPlace | None = None
    matrix_cache: tuple[Story, str | None, Matrix] | None = None  # see host_matrix
    _from_matrix: str | None = None  # the incident the matrix last opened

    def action_matrix(self) -> None:
        """Open the positions matrix (where the cursor last was)."""
        screen = MatrixScreen(self, self._matrix_place)
        self.app.push_screen(screen, callback=partial(self._matrix_closed, screen))

    async def _matrix_closed(self, screen: MatrixScreen, choice: MatrixChoice | None) -> None:
        self._matrix_place = screen.place
        if choice is not None:
            await self.open_at_actor(choice.incident_id, choice.actor_id)

    async def open_at_actor(self, incident_id: str, actor_id: str) -> None:
        """Show the incident in the detail (focused), its link cursor on
        *actor_id*'s column heading (its response; its claim if it only
        claimed), scrolled so that the column is in view."""
        target: tuple[RecordKind, str] = ("incident", incident_id)
        detail = self.detail
        width = detail.scrollable_content_region.width
        place = Place(target)
        if width > 0:
            laid = layout(view_nodes(self.story, target), width)
            spots = [
                i
                for i, link in enumerate(laid.links)
                if link.kind == "actor" and link.record_id == actor_id
            ]
            if spots:
                link = laid.links[spots[-1]]
                height = detail.scrollable_content_region.height
                # The stance word is the line above the actor's name.
                # Scrolled only when the heading and a few lines of the
                # response would not be on the first screen.
                scroll = 0 if link.bottom + 3 <= height else max(0, link.top - 1)
                place = Place(target, spots[-1], scroll)
        shown = detail.target == target
        self.history.clear()  # the matrix is where escape goes back to now
        detail.return_to(place)
        self._from_matrix = incident_id
        if not self.navigate("incident", incident_id, focus="detail"):
            self._from_matrix = None
            return
        if shown:
            await detail.watch_target(target)

    def returns_to_matrix(self) -> bool:
        return (
            self._from_matrix is not None
            and not self.history.last
            and self.detail.target == ("incident", self._from_matrix)
        )

    def palette_views(self) -> tuple[Entry, ...]:
        """The palette's views of the story, listed after its overview."""
        return (Entry(COMMAND, COMMAND_HELP, self.action_matrix),)

    def back_to_matrix(self) -> bool:
        """Escape in the detail: back to the matrix if the detail shows the
        incident the matrix opened and no followed link is left to walk
        back.  False if not."""
        if not self.returns_to_matrix():
            return False
        self._from_matrix = None
        self.action_matrix()
        return True
