"""The detail's link cursor is drawn whenever the detail has the focus,
however it got it: enter in a list, a deep link, escape back along a
followed link, tab.  (A new user found it drawn only after following a
link: the pane's ``on_focus`` never ran beside its ``_on_focus``.)"""

from __future__ import annotations

from typing import Any

import pytest

from tui.app import create_app


def cursor_drawn(ui: Any, app: Any) -> bool:
    """Is some cell of the detail's current link drawn in reverse video?"""
    detail = ui.detail(app)
    link = detail.current_link
    assert link is not None
    top = detail.region.y - round(detail.scroll_y)
    strips = app.screen._compositor.render_strips()
    rows = {top + y for y, _, _ in link.regions}
    return any(
        seg.style is not None and seg.style.reverse and seg.text.strip()
        for y in rows
        if 0 <= y < len(strips)
        for seg in strips[y]
    )


@pytest.mark.parametrize("story", ["seed", "denial_admitted", "three_governments"])
async def test_enter_in_a_list_shows_the_link_cursor(ui: Any, story: str) -> None:
    app = ui.app(story)
    async with app.run_test(size=(80, 24)) as pilot:
        for keys in (("1", "j", "enter"), ("2", "enter"), ("3", "enter")):
            await pilot.press("escape", "escape", *keys)
            await ui.settle(pilot)
            detail = ui.detail(app)
            if not detail.links:
                continue
            assert detail.has_focus_within, keys
            assert cursor_drawn(ui, app), keys
            await pilot.press("j")  # the cursor moves, and is drawn where it went
            await pilot.pause()
            assert cursor_drawn(ui, app), keys
        await pilot.press("escape")  # back to the list: no cursor drawn
        await pilot.pause()
        assert not ui.detail(app).has_focus_within


async def test_a_deep_link_and_a_followed_link_show_the_cursor(ui: Any) -> None:
    app = create_app(ui.load("denial_admitted"), start_at="ex204-crash")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        detail = ui.detail(app)
        assert detail.target == ("incident", "ex204-crash")
        if not detail.has_focus_within:
            await pilot.press("enter")
            await ui.settle(pilot)
        assert cursor_drawn(ui, app)
        await pilot.press("enter")  # follow the first link ...
        await ui.settle(pilot)
        assert cursor_drawn(ui, app)
        await pilot.press("escape")  # ... and come back along it
        await ui.settle(pilot)
        assert detail.target == ("incident", "ex204-crash")
        assert cursor_drawn(ui, app)
