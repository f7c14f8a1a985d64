"""SVG snapshots of the positions views on the two format-2 fixtures, at
80x24 and 120x40 (see test_snapshots.py for how they are taken; regenerate
with ``--snapshot-update`` and look at every SVG)."""

from __future__ import annotations

import pytest
from test_snapshots import SIZES, SnapCompare, snap  # the same helpers, one copy


@pytest.mark.parametrize("size", SIZES)
def test_denial_admitted_incident(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """The positions strip, then the claim and one column per actor, each
    statement with its own date; Nordmark's withdrawn denial marked."""
    snap(snap_compare, "denial_admitted", ["j", "enter"], size)


@pytest.mark.parametrize("size", SIZES)
def test_denial_admitted_actor(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """Examplestan: its statements by date, grouped by incident, with its trail."""
    snap(snap_compare, "denial_admitted", ["2", "enter"], size)


@pytest.mark.parametrize("size", SIZES)
def test_competing_claims_incident(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """Three claims, and each response says which one it answers."""
    snap(snap_compare, "competing_claims", ["enter"], size)


@pytest.mark.parametrize("size", SIZES)
def test_denial_admitted_as_of(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """[ five times from the whole story: as of 10 Mar 2031, before the admission."""
    snap(snap_compare, "denial_admitted", ["j", "enter", *["left_square_bracket"] * 5], size)


@pytest.mark.parametrize("size", SIZES)
def test_denial_admitted_filter_members(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """f on Examplestan: the filter line names its members."""
    snap(snap_compare, "denial_admitted", ["2", "f"], size)
