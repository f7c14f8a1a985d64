"""When the detail previews the record under the list cursor.

On the leading edge: a move made after ``QUIET_AFTER`` seconds without one
shows its record at once; moves that follow closer together (a held key)
only remember the record, shown ``PREVIEW_DELAY`` seconds after the last of
them.  Building a record's view costs far more than moving the cursor, so a
held key is not slowed down by views nobody gets to read.
"""

from __future__ import annotations

from collections.abc import Callable
from math import inf
from time import monotonic
from typing import Protocol

from textual.timer import Timer

from tui.screens.history import Target


class PacedScreen(Protocol):
    """What the pacer needs of its screen: the two delays and a timer."""

    @property
    def QUIET_AFTER(self) -> float: ...  # seconds

    @property
    def PREVIEW_DELAY(self) -> float: ...  # seconds

    def set_timer(self, delay: float, callback: Callable[[], None]) -> Timer: ...


class PreviewPacer:
    """Calls *show* with the record to preview, paced as the module says."""

    def __init__(self, screen: PacedScreen, show: Callable[[Target], None]) -> None:
        self._screen = screen
        self._show = show
        self._pending: Target | None = None
        self._timer: Timer | None = None
        self._last_move = -inf  # monotonic time of the last cursor move

    def moved(self, target: Target) -> None:
        """The list cursor moved onto *target*."""
        now = monotonic()
        quiet = now - self._last_move >= self._screen.QUIET_AFTER
        self._last_move = now
        if quiet and self._timer is None:
            self._show(target)  # a single move: show it at once
            return
        self._pending = target
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._screen.set_timer(self._screen.PREVIEW_DELAY, self._fire)

    def cancel(self) -> None:
        """Forget the pending record (another one is being shown)."""
        self._pending = None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def flush(self) -> None:
        """Show the pending record now, if there is one."""
        if self._pending is not None:
            self._show(self._pending)

    def _fire(self) -> None:
        pending = self._pending
        self._timer = None
        if pending is not None:
            self._show(pending)
