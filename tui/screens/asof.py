"""What was known when: the browser's as-of date (``--as-of DATE``, and
``[`` / ``]`` stepping through the dates on which statements were made or withdrawn).

:class:`AsOf` holds the whole story and the date; :meth:`AsOf.story` is
the story as it stood on that date (:func:`tui.story.positions.as_of`), or
the whole story without one.  The screen shows it and says so in its title
line (``as of 10 Mar 2031``).  Never imports textual.
"""

from __future__ import annotations

from tui.story.dates import EdtfDate
from tui.story.model import Story
from tui.story.positions import as_of, date_key, statement_dates


class AsOf:
    """The whole story, and the date the browser shows it as of (None: the
    whole story)."""

    def __init__(self, whole: Story, date: EdtfDate | None = None) -> None:
        self.whole = whole
        self.date = date

    def story(self) -> Story:
        """The story as of :attr:`date` (the whole story if None)."""
        return self.whole if self.date is None else as_of(self.whole, self.date)

    def label(self) -> str:
        """``as of 10 Mar 2031``, or ``""`` for the whole story."""
        return "" if self.date is None else f"as of {self.date.display()}"

    def step(self, step: int) -> str:
        """Move to the previous (*step* -1) or next (+1) date on which a
        statement was made or withdrawn; past the last one is the whole story.  Returns
        a remark when there is nowhere to go (``""`` when it moved)."""
        dates = statement_dates(self.whole)
        if not dates:
            return "no statement in the story has a date"
        if self.date is None:
            if step > 0:
                return "already the whole story: [ steps back through the dates"
            self.date = dates[-1]
            return ""
        current = self.date
        if step < 0:
            earlier = [d for d in dates if _before_key(d, current)]
            if not earlier:
                return "this is the first date a statement was made"
            self.date = earlier[-1]
        else:
            later = [d for d in dates if _before_key(current, d)]
            self.date = later[0] if later else None
        return ""

    def clear(self) -> bool:
        """Back to the whole story; False if it was shown already."""
        if self.date is None:
            return False
        self.date = None
        return True


def _before_key(a: EdtfDate, b: EdtfDate) -> bool:
    return date_key(a) < date_key(b)
