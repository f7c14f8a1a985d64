"""Row layout of a list in columns: one rule for the browser's lists and
``show``'s timeline.

A row is a few one-line cells side by side, :data:`GAP` cells apart.  The
flexible column (a title, an excerpt) takes whatever width is left; a
column with a ``share`` (a summary) may take at most that fraction of the
room, so it cannot starve the title; when the flexible column would be
narrower than its minimum, the others give way, from the right, down to
their own minimums.  A cell that does not fit its column ends with an
ellipsis; a cell that fits is never marked.  Never imports textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

GAP = 2  # spaces between columns


@dataclass(frozen=True, slots=True)
class ListColumn:
    """How a column is sized.

    ``cap``: the column is never wider than this (its natural width is the
    widest cell).  ``minimum``: it is shrunk no further than this while
    another column can still give way.  ``share``: at most this fraction of
    the width left by the columns without a share, so a long summary cannot
    starve the title.  The ``flex`` column takes whatever width is left.
    """

    cap: int = 1000
    minimum: int = 4
    flex: bool = False
    right: bool = False
    share: float | None = None


# The timeline's columns, in the browser's list and in ``show``: the date
# (precision visible), the title and the response summary.  At 80 columns
# ``show`` keeps at least TITLE_MIN cells of the title; the summary is what
# gets shortened, and where even its minimum would leave the title fewer
# cells (narrow, or wide ids), ``show`` puts the summary on a line of its own.
TIMELINE_DATE = ListColumn(cap=24, minimum=8)
TIMELINE_TITLE = ListColumn(minimum=12, flex=True)
TIMELINE_SUMMARY = ListColumn(cap=40, minimum=9, share=0.45)
TITLE_MIN = 30


def fit_columns(
    naturals: Sequence[int], columns: Sequence[ListColumn], available: int
) -> list[int]:
    """Widths for *columns* whose widest cells are *naturals*, in *available*
    cells (gaps included)."""
    widths = [min(n, c.cap) for n, c in zip(naturals, columns, strict=True)]
    gaps = GAP * (len(columns) - 1)
    flex = next((i for i, c in enumerate(columns) if c.flex), None)
    # Columns with a share get at most that share of what the plain ones leave.
    plain = sum(w for i, w in enumerate(widths) if i != flex and columns[i].share is None)
    room = max(0, available - gaps - plain)
    for i, column in enumerate(columns):
        if column.share is not None and i != flex:
            widths[i] = min(widths[i], max(column.minimum, int(room * column.share)))
    if flex is not None:
        others = sum(w for i, w in enumerate(widths) if i != flex)
        widths[flex] = available - gaps - others
        # Give the flexible column its minimum by shrinking the others, from
        # the right, down to their own minimums.
        for i in reversed(range(len(columns))):
            short = columns[flex].minimum - widths[flex]
            if short <= 0:
                break
            if i == flex:
                continue
            give = min(short, max(0, widths[i] - columns[i].minimum))
            widths[i] -= give
            widths[flex] += give
        widths[flex] = max(widths[flex], 1)
    else:
        excess = sum(widths) + gaps - available
        for i in reversed(range(len(columns))):
            if excess <= 0:
                break
            give = min(excess, max(0, widths[i] - columns[i].minimum))
            widths[i] -= give
            excess -= give
    return widths
