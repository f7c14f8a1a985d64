"""SVG snapshots of the story overview, the sources list and a source's
view (issue 13) on the invented story told from several sources, at 80x24
and 120x40 (see test_snapshots.py for how they are taken; regenerate with
``--snapshot-update`` and look at every SVG)."""

from __future__ import annotations

import pytest
from test_snapshots import SIZES, SnapCompare, snap  # the same helpers, one copy


@pytest.mark.parametrize("size", SIZES)
def test_sourced_overview(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """The browser as it opens: the first row selected, the story's
    overview in the detail (headline, counts, outlet, byline, date, URL,
    summary, the sources)."""
    snap(snap_compare, "sourced", [], size)


@pytest.mark.parametrize("size", SIZES)
def test_sourced_sources_list(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """4: the sources with outlet, date and citations; the first previewed."""
    snap(snap_compare, "sourced", ["4"], size)


@pytest.mark.parametrize("size", SIZES)
def test_sourced_source_view(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """The ministry statement opened: its facts, its note, the denial and
    the later admission that cite it, each a link."""
    snap(snap_compare, "sourced", ["4", "j", "enter"], size)
