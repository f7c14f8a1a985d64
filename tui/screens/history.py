"""Navigation history: the way back along the links followed in the detail.

Following a cross-link in the detail (an actor named in an incident, a
quote quoted by an actor...) remembers the record the reader came from;
escape in the detail walks back along them, most recent first, before it
goes back to the list.  Opening a record from a list starts a new path.
"""

from __future__ import annotations

from typing import ClassVar

from tui.story.model import RecordKind

Target = tuple[RecordKind, str]  # (record kind, record id), as the detail shows it


class History:
    """The records links were followed from, oldest first (at most LIMIT)."""

    LIMIT: ClassVar[int] = 50

    def __init__(self) -> None:
        self._trail: list[Target] = []

    def __bool__(self) -> bool:
        return bool(self._trail)

    def __len__(self) -> int:
        return len(self._trail)

    def followed_from(self, target: Target) -> None:
        """A link was followed from *target*: escape comes back here.
        Only the last LIMIT records are kept."""
        self._trail.append(target)
        del self._trail[: -self.LIMIT]

    def back(self) -> Target | None:
        """The record the last followed link came from (forgotten now);
        None when there is no way back."""
        return self._trail.pop() if self._trail else None

    def clear(self) -> None:
        """Start a new path (a record was opened from a list)."""
        self._trail.clear()
