"""The command palette on terminals a few columns wide (issue 11).

Textual 8.2.8's palette raised ``range() arg 3 must not be zero`` at 4 and 6
columns, and ``KeyError`` on page down before its list was laid out; see
tui/terminal/palette.py and palette.tcss.  The end-to-end test
tests/e2e/test_terminal_streams.py goes through every screen in a real
terminal; this one is the fast check of the palette alone."""

from __future__ import annotations

from typing import Any

import pytest
from textual.command import CommandList, CommandPalette
from textual.worker import WorkerState

from tui.app import create_app


@pytest.mark.parametrize("width", [1, 4, 6, 9])
async def test_the_palette_survives_a_tiny_terminal(ui: Any, width: int) -> None:
    app = create_app(ui.load("three_governments"), theme="textual-dark")
    async with app.run_test(size=(width, 6)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert CommandPalette.is_open(app)
        await pilot.press("a", "down", "pagedown", "pageup", "backspace", "down", "pagedown")
        await pilot.pause()
        await pilot.resize_terminal(width + 1, 3)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
        assert not CommandPalette.is_open(app)


async def test_a_search_started_as_the_palette_closes_does_not_end_the_app(ui: Any) -> None:
    """The race the tiny-terminal end-to-end test found (``ctrl+p V ...
    Escape`` in one burst): the gathering worker started after the
    palette's widgets were removed, ``query_one(CommandList)`` raised
    ``NoMatches`` and the failed worker ended the app.  Here the removal is
    made to come first, every time."""
    app = create_app(ui.load("three_governments"), theme="textual-dark")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await palette.query_one(CommandList).remove()  # what the dismissal does first
        worker = palette._gather_commands("V")
        await worker.wait()
        await pilot.pause()
        assert worker.state == WorkerState.SUCCESS
        assert app.is_running and app.return_code is None
        await pilot.press("escape")
        await pilot.pause()
        assert not CommandPalette.is_open(app)
