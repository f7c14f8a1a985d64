"""The detail pane's search highlights (a mixin of
:class:`tui.widgets.detail.DetailPane`).

The screen gives the pane :class:`tui.present.highlight.Marks` (the query
and the current match) through :meth:`DetailMarks.show_marks`; the layout
marks the matches in story text (:mod:`tui.present.highlight`), the pane
draws them with its ``detail--match`` and ``detail--match-current``
component classes (``detail.tcss``) and scrolls so the current match is in
view.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, cast

from tui.present.highlight import CURRENT, MATCH, Marker, Marks, marked_row
from tui.story.model import RecordKind

if TYPE_CHECKING:
    from textual.geometry import Region
    from textual.scroll_view import ScrollView

    from tui.present.layout import Laid


class DetailMarks:
    """Search highlights in the detail pane (see the module doc)."""

    _marks: Marks | None
    _laid_target: tuple[RecordKind, str] | None  # the record laid out

    if TYPE_CHECKING:  # what the pane provides
        _laid: Laid | None
        _hint_rows: int
        target: tuple[RecordKind, str] | None

        @property
        def scrollable_content_region(self) -> Region: ...
        def _relayout(self, *, focused: bool | None = None) -> None: ...
        def _viewport(self) -> tuple[int, int]: ...

    def show_marks(self, marks: Marks | None) -> None:
        """Highlight *marks* (None: no search) in the record shown and the
        ones shown next; scroll to the current match when it is in this
        record.  Repaints only the rows that change."""
        if marks == self._marks:
            return
        self._marks = marks
        if self._laid is not None and self._laid_target == self.target:
            # Else a new target is on its way: its watcher lays it out.
            self._relayout()
            self._scroll_to_mark()

    def _marker(self) -> Marker | None:
        marks = self._marks
        if marks is None or not marks.query:
            return None
        current = marks.current
        if current is not None:
            shown = self._laid_target
            here = current.record_id == shown[1] if shown else current.kind == "story"
            if not here:
                marks = replace(marks, current=None, skip=0)
        return Marker(marks)

    @property
    def current_match_row(self) -> int | None:
        """The content row (hint line included) of the current match, if shown."""
        if self._laid is None or self._marks is None:
            return None
        y = marked_row(self._laid.lines, CURRENT)
        return None if y is None else y + self._hint_rows

    def match_rows(self) -> list[int]:
        """Content rows (hint line included) holding a highlighted match."""
        if self._laid is None:
            return []
        marked = (f"+{MATCH}", f"+{CURRENT}")
        return [
            y + self._hint_rows
            for y, line in enumerate(self._laid.lines)
            if any(style.endswith(marked) for _, style, _ in line)
        ]

    def _scroll_to_mark(self) -> None:
        """Bring the current match into view (a third down the pane when
        it has to scroll), if this record holds it."""
        y = self.current_match_row
        if y is None:
            return
        top, bottom = self._viewport()
        if top <= y < bottom:
            return
        height = self.scrollable_content_region.height
        pane = cast("ScrollView", self)
        pane.scroll_to(0, max(0, y - height // 3), animate=False, immediate=True)
