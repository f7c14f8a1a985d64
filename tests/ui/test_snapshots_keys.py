"""SVG snapshots of ``z`` (room to read) and of ``y``'s confirmation, at
80x24 and 120x40 (see test_snapshots.py for how they are taken; regenerate
with ``--snapshot-update`` and look at every SVG)."""

from __future__ import annotations

import pytest
from test_snapshots import SIZES, SnapCompare, snap  # the same helpers, one copy


@pytest.mark.parametrize("size", SIZES)
def test_denial_admitted_incident_zoomed(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """z on an incident whose positions moved: the detail from the title line
    to the footer, no tabs and no list."""
    snap(snap_compare, "denial_admitted", ["j", "enter", "z"], size)


@pytest.mark.parametrize("size", SIZES)
def test_copy_id_confirmed(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """y on an actor: the status line says what was copied."""
    snap(snap_compare, "denial_admitted", ["2", "enter", "y"], size)
