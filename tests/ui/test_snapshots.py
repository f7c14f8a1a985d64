"""SVG snapshots of the browser's main views (pytest-textual-snapshot).

Each view is taken at 80x24 (the smallest fully usable size: SSH, tmux) and
at 120x40.  The app is built exactly as the command line builds it
(``create_app(load_story(path), path=path)``), with the theme fixed to
``textual-dark``.  The autouse ``deterministic`` fixture in conftest.py
freezes the cursor blink and clears NO_COLOR, TEXTUAL_THEME, COLORTERM...

Keys are pressed in ``run_before``, one at a time, each followed by a pause
longer than the debounced preview (``BrowserScreen.PREVIEW_DELAY``), so the
detail always shows the selection when the screenshot is taken.

Regenerate with ``pytest tests/ui/test_snapshots.py --snapshot-update`` and
look at every SVG in ``__snapshots__/test_snapshots/`` before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tui.app import StoryBrowser, create_app
from tui.screens.browser import BrowserScreen
from tui.story.load import load_story

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "story.yaml"
STORIES = ROOT / "tests" / "fixtures" / "stories"

THEME = "textual-dark"
# Long enough for the debounced preview to land after a key.
SETTLE = BrowserScreen.PREVIEW_DELAY * 3

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]

SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[None]], Awaitable[None]]


def story_app(name: str = "seed") -> StoryBrowser:
    """The app the CLI would open for the seed story or a fixture story."""
    path = SEED if name == "seed" else STORIES / f"{name}.yaml"
    return create_app(load_story(path), path=path, theme=THEME)


def keys(*pressed: str) -> RunBefore:
    """Press *pressed* one by one, letting the preview settle after each."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause(SETTLE)
        for key in pressed:
            await pilot.press(key)
            await pilot.pause(SETTLE)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    return run_before


def snap(
    snap_compare: SnapCompare,
    name: str,
    pressed: Sequence[str],
    size: tuple[int, int],
) -> None:
    assert snap_compare(story_app(name), terminal_size=size, run_before=keys(*pressed))


# -- the seed story --------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_seed_opening_screen(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """The timeline, the first row previewed, the footer's keys."""
    snap(snap_compare, "seed", [], size)


@pytest.mark.parametrize("size", SIZES)
def test_tajikistan_incident(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """IS-K's claim beside Dushanbe's DENIED and the Taliban's INVESTIGATING."""
    snap(snap_compare, "seed", ["G", "enter"], size)


@pytest.mark.parametrize("size", SIZES)
def test_termez_incident(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """The claim beside two DENIED columns (Tashkent, the Taliban)."""
    snap(snap_compare, "seed", ["G", "k", "enter"], size)


@pytest.mark.parametrize("size", SIZES)
def test_actors_pane(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """Actors grouped by kind, with their counts."""
    snap(snap_compare, "seed", ["2"], size)


@pytest.mark.parametrize("size", SIZES)
def test_actor_andrew_mines_filtered(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """Andrew Mines (third from the end) filtered with f, then back to the
    actors pane: his actor view, the filter line, the filtered counts."""
    snap(snap_compare, "seed", ["2", "G", "k", "k", "f", "2"], size)


@pytest.mark.parametrize("size", SIZES)
def test_quote_open(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """The quotes pane with Andrew Mines's first quote open in the detail."""
    snap(snap_compare, "seed", ["3", "j", "j", "j", "j", "enter"], size)


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    snap(snap_compare, "seed", ["question_mark"], size)


@pytest.mark.parametrize("size", SIZES)
def test_search_termez(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """The search bar open on "Termez": the match count and the first match."""
    snap(snap_compare, "seed", ["slash", *"Termez"], size)


@pytest.mark.parametrize("size", SIZES)
def test_search_kept_second_match(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """A kept search on its second match (n): the match in a response column
    in reverse video, the other occurrences underlined, the list row's
    occurrence underlined, and the search line saying where in words."""
    snap(snap_compare, "seed", ["slash", *"tashkent", "enter", "n"], size)


# -- fixture stories -------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_three_governments_incident(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """A claim and three responses: CONFIRMED, DENIED, DISPUTED."""
    snap(snap_compare, "three_governments", ["G", "enter"], size)


@pytest.mark.parametrize("size", SIZES)
def test_hostile_opening_screen(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """Markup and escape sequences in the story show as literal text (␛...)."""
    snap(snap_compare, "hostile", [], size)


@pytest.mark.parametrize("size", SIZES)
def test_hostile_incident(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    snap(snap_compare, "hostile", ["G", "enter"], size)


@pytest.mark.parametrize("size", SIZES)
def test_empty_story(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    snap(snap_compare, "empty", [], size)


def test_narrow_stacked_incident(snap_compare: SnapCompare) -> None:
    """At 60 columns the Tajikistan incident's columns stack, each labelled."""
    snap(snap_compare, "seed", ["G", "enter"], (60, 24))


def test_narrow_stacked_incident_scrolled(snap_compare: SnapCompare) -> None:
    """pgdn in the same view: the claim's end, a rule, then DENIED (Dushanbe)."""
    snap(snap_compare, "seed", ["G", "enter", "pagedown"], (60, 24))
