"""Navigation history: the way back along the links followed in the detail.

Following a cross-link in the detail (an actor named in an incident, a
quote quoted by an actor...) remembers the record the reader came from;
escape in the detail walks back along them, most recent first, before it
goes back to the list, and lands where the reader was: on the link they
followed, scrolled as they left it.  Opening a record from a list starts a
new path.  The story's overview (no record) is a place too: a source
followed from it comes back to it.
"""

from __future__ import annotations

from typing import ClassVar

from tui.story.model import RecordKind
from tui.widgets.detail import Place

Target = tuple[RecordKind, str]  # (record kind, record id), as the detail shows it


class History:
    """The records links were followed from, oldest first (at most LIMIT)."""

    LIMIT: ClassVar[int] = 50

    def __init__(self) -> None:
        # None: the story's overview.
        self._trail: list[tuple[Target | None, Place]] = []

    def __bool__(self) -> bool:
        return bool(self._trail)

    def __len__(self) -> int:
        return len(self._trail)

    def followed_from(self, target: Target | None, place: Place | None = None) -> None:
        """A link was followed from *target*, where the detail was at *place*
        (its link cursor and scroll): escape comes back there.  Only the last
        LIMIT records are kept."""
        self._trail.append((target, place or Place(target)))
        del self._trail[: -self.LIMIT]

    @property
    def last(self) -> Target | None:
        """The record escape would return to (kept); None if none (or if it
        is the overview: see :attr:`last_kind`)."""
        return self._trail[-1][0] if self._trail else None

    @property
    def last_kind(self) -> str | None:
        """The kind of record escape would return to, ``"story"`` for the
        overview; None when there is no way back."""
        if not self._trail:
            return None
        target = self._trail[-1][0]
        return target[0] if target is not None else "story"

    def back(self) -> tuple[Target | None, Place] | None:
        """The record the last followed link came from and where the detail
        was on it (forgotten now); None when there is no way back."""
        return self._trail.pop() if self._trail else None

    def clear(self) -> None:
        """Start a new path (a record was opened from a list)."""
        self._trail.clear()
