"""SVG snapshots of the positions matrix, at 80x24 and 120x40 (see
test_snapshots.py for how they are taken; regenerate with
``--snapshot-update`` and look at every SVG)."""

from __future__ import annotations

import pytest
from test_snapshots import SIZES, SnapCompare, snap  # the same helpers, one copy


@pytest.mark.parametrize("size", SIZES)
def test_matrix_denial_admitted(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """m: Examplestan's denial then admission marked *, Nordmark's withdrawn
    denial; the cursor's cell described under the matrix, the legend."""
    snap(snap_compare, "denial_admitted", ["m", "l"], size)


@pytest.mark.parametrize("size", SIZES)
def test_matrix_blame_as_of(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """[ seven times in the matrix: the picture on 4 May 2033, before the
    admission; Ostra's support still stands."""
    snap(snap_compare, "blame_matrix", ["m", *["left_square_bracket"] * 7], size)


@pytest.mark.parametrize("size", SIZES)
def test_matrix_opens_the_incident_at_the_actor(
    snap_compare: SnapCompare, size: tuple[int, int]
) -> None:
    """enter on Nordmark's cell: the incident in the detail, Nordmark's
    column heading highlighted; the label says escape returns to the matrix."""
    snap(snap_compare, "denial_admitted", ["m", "l", "enter"], size)
