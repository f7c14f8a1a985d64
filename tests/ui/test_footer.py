"""The footer never cuts quit and help: when its keys do not fit, the keys a
reader needs least give way first (tui/widgets/footer.py).  Found at 80
columns in an actor's detail, where Textual's footer cut ``q Quit`` and
dropped ``? Help``."""

from __future__ import annotations

from typing import Any

import pytest

# (keys to press after start, what has the focus then)
PLACES = [
    ((), "timeline list"),
    (("enter",), "incident detail"),
    (("2",), "actors list"),
    (("2", "enter"), "actor detail"),
    (("3", "enter"), "quote detail"),
    (("/",), "search bar"),
]


def _footer_line(ui: Any, app: Any) -> str:
    return str(ui.screen_lines(app)[-1])


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("story", ["seed", "three_governments"])
async def test_quit_and_help_are_always_in_the_footer(ui: Any, story: str, width: int) -> None:
    app = ui.app(story)
    async with app.run_test(size=(width, 24)) as pilot:
        for keys, place in PLACES:
            await pilot.press("escape", "escape", "1")
            await pilot.pause()
            await pilot.press(*keys)
            await ui.settle(pilot)
            line = _footer_line(ui, app)
            if place == "search bar":
                continue  # the bar covers the footer's row while typing
            assert "q Quit" in line and "? Help" in line, (place, line)
            shown = [k for k in app.screen.query("FooterKey") if k.display]
            footer = app.screen.query_one("Footer")
            for key in shown:  # every key shown is shown whole
                assert key.region.right <= footer.region.right, (place, line)
            assert "esc Back" in line or place == "timeline list", (place, line)


@pytest.mark.parametrize("width", [60, 80])
async def test_the_matrix_footer_keeps_quit_and_help(ui: Any, width: int) -> None:
    app = ui.app("denial_admitted")
    async with app.run_test(size=(width, 20)) as pilot:
        await pilot.press("m")
        await ui.settle(pilot)
        line = _footer_line(ui, app)
        assert "Quit" in line and "? Help" in line and "esc Back" in line, line
