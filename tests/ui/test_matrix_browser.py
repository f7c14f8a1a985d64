"""The positions matrix in the browser: m and the palette open it, the keys
move cell by cell and scroll both ways with the headers kept, enter opens
the incident at the actor's column, escape goes back (to the matrix from
that incident), [ and ] show the picture on another date."""

from __future__ import annotations

from typing import Any

from tui.screens.browser import BrowserScreen
from tui.screens.matrix import MatrixScreen
from tui.widgets.matrix import MatrixView


def matrix(app: Any) -> MatrixView:
    screen = app.screen
    assert isinstance(screen, MatrixScreen), screen
    return screen.query_one(MatrixView)


async def open_matrix(ui: Any, pilot: Any, app: Any) -> MatrixView:
    await ui.settle(pilot)
    await pilot.press("m")
    await pilot.pause()
    return matrix(app)


async def test_m_opens_the_matrix_and_escape_closes_it(ui: Any) -> None:
    app = ui.app("blame_matrix")
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_matrix(ui, pilot, app)
        text = ui.screen_text(app)
        assert "Positions matrix · 3 incidents × 4 actors" in text
        assert "▸ 1 May 2033" in text
        assert "*CONF" in text  # shortened at 80 columns ...
        assert "CONF confirmed" in text  # ... and the legend says so
        assert view.incident_id == "crossing-shelled" and view.actor_id == "vesna"
        assert "Government of Vesna (Vesnograd): DENIED 2 May → CONFIRMED 9 May" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BrowserScreen)


async def test_keys_move_cell_by_cell(ui: Any) -> None:
    app = ui.app("blame_matrix")
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_matrix(ui, pilot, app)
        await pilot.press("j", "l")
        assert (view.row, view.column) == (1, 1)
        assert "Government of Korlan: DENIED 5 May → INVESTIGATING 7 May" in ui.screen_text(app)
        await pilot.press("down", "right", "right")
        assert (view.row, view.column) == (2, 3)
        await pilot.press("up", "left", "k", "h")
        assert (view.row, view.column) == (0, 1)
        await pilot.press("G", "dollar_sign")
        assert (view.row, view.column) == (2, 3)
        await pilot.press("g", "0")
        assert (view.row, view.column) == (0, 0)
        await pilot.press("pagedown")
        assert view.row == 2
        await pilot.press("pageup")
        assert view.row == 0
        # Past the edges: nothing moves, nothing breaks.
        await pilot.press("up", "left")
        assert (view.row, view.column) == (0, 0)
        assert "Government of Ostra: said nothing" not in ui.screen_text(app)
        await pilot.press("j", "j", "l", "l")
        assert "Government of Ostra: said nothing on this incident" in ui.screen_text(app)


async def test_it_scrolls_both_ways_keeping_the_headers(ui: Any, tmp_path: Any) -> None:
    from benchmarks.generate import write_story
    from tui.app import create_app
    from tui.story.load import load_story

    path = tmp_path / "s200.yaml"
    write_story(200, path)
    app = create_app(load_story(path), theme="textual-dark")
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_matrix(ui, pilot, app)
        fitted = view.fitted
        # Without the last cell: the scrollbar runs down the right edge.
        headers = [line[:-1] for line in ui.screen_lines(app)[1:3]]
        first_name = fitted.columns[0].header[0]
        assert first_name in headers[0]
        await pilot.press("end")
        await pilot.pause()
        lines = ui.screen_lines(app)
        assert view.row == len(view.matrix.rows) - 1 and view.scroll_y > 0
        assert [line[:-1] for line in lines[1:3]] == headers  # the header stays
        assert any(line.startswith("▸ ") for line in lines)
        await pilot.press("dollar_sign")
        await pilot.pause()
        assert view.first_column > 0
        lines = ui.screen_lines(app)
        last = fitted.columns[-1].header[0]
        assert last in lines[1] and first_name not in lines[1].split()
        # The incident column stays: the cursor's incident is still on screen.
        title = view.matrix.rows[view.row].title[:4]
        assert any(line.startswith("▸ ") and title in line for line in lines), lines
        await pilot.press("0")
        await pilot.pause()
        assert view.first_column == 0


async def test_enter_opens_the_incident_at_the_actor_and_escape_returns(ui: Any) -> None:
    app = ui.app("denial_admitted")
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_matrix(ui, pilot, app)
        nordmark = [c.actor_id for c in view.matrix.columns].index("nordmark")
        view.move_to(0, nordmark)
        await pilot.press("enter")
        await ui.settle(pilot)
        browser = ui.browser(app)
        detail = ui.detail(app)
        assert detail.target == ("incident", "ex204-crash")
        assert detail.has_focus
        link = detail.current_link
        assert link is not None and (link.kind, link.record_id) == ("actor", "nordmark")
        assert detail.on_screen(link)
        assert "esc: back to the matrix" in ui.screen_text(app)
        assert browser.pane("timeline").selected_id == "ex204-crash"
        await pilot.press("escape")
        await pilot.pause()
        view = matrix(app)
        assert (view.incident_id, view.actor_id) == ("ex204-crash", "nordmark")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BrowserScreen)
        # Back on the incident in the detail; escape now goes to the list.
        assert ui.detail(app).has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert browser.pane("timeline").has_focus
        # Opened from the list, escape from the detail goes back to the list.
        await pilot.press("enter")
        await pilot.pause()
        assert ui.detail(app).has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BrowserScreen) and browser.pane("timeline").has_focus


async def test_escape_returns_to_the_matrix_after_links_followed_before_it(ui: Any) -> None:
    """Links followed before ``m`` do not come between the incident the
    matrix opened and the matrix (a new user landed on a source instead)."""
    app = ui.app("denial_admitted")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "enter")  # an incident ...
        await ui.settle(pilot)
        await pilot.press("enter")  # ... and a link followed from it
        await ui.settle(pilot)
        assert ui.browser(app).history.last is not None
        view = await open_matrix(ui, pilot, app)
        view.move_to(0, 0)
        await pilot.press("enter")
        await ui.settle(pilot)
        assert "esc: back to the matrix" in ui.screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert matrix(app) is not None and not isinstance(app.screen, BrowserScreen)


async def test_a_claimant_points_at_its_claim(ui: Any) -> None:
    app = ui.app("blame_matrix")
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_matrix(ui, pilot, app)
        view.move_to(0, 1)  # Korlan claimed the shelling
        await pilot.press("enter")
        await ui.settle(pilot)
        link = ui.detail(app).current_link
        assert link is not None and (link.kind, link.record_id) == ("actor", "korlan")


async def test_as_of_steps_show_the_picture_on_that_date(ui: Any) -> None:
    app = ui.app("blame_matrix")
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_matrix(ui, pilot, app)
        assert "*CONFIRMED" in ui.screen_text(app)
        # Back through the dates: 13, 12, 9, 7, 6, 5 May, then 4 May.
        for _ in range(7):
            await pilot.press("left_square_bracket")
            await pilot.pause()
        text = ui.screen_text(app)
        assert "as of 4 May 2033" in text
        assert "*CONFIRMED" not in text and " DENIED" in text
        assert len(view.matrix.rows) == 2
        # The browser below is as of the same date.
        assert app.screen.host.as_of.date is not None
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "as of 5 May 2033" in ui.screen_text(app)


async def test_the_palette_opens_it(ui: Any) -> None:
    app = ui.app("blame_matrix")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for key in "positions matrix":
            await pilot.press("space" if key == " " else key)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, MatrixScreen)


async def test_m_in_the_search_bar_is_text(ui: Any) -> None:
    app = ui.app("blame_matrix")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await pilot.press("slash", "m")
        await pilot.pause()
        assert isinstance(app.screen, BrowserScreen)
        assert ui.browser(app).search_bar.value == "m"


async def test_hostile_and_empty_stories(ui: Any) -> None:
    for name in ("hostile", "empty", "intl"):
        app = ui.app(name)
        async with app.run_test(size=(80, 24)) as pilot:
            view = await open_matrix(ui, pilot, app)
            await pilot.press("j", "l", "G", "dollar_sign", "enter")
            await pilot.pause()
            text = ui.screen_text(app)
            assert "\x1b" not in text
            if not view.matrix.rows:
                assert "No incident in the story" in text


async def test_help_lists_the_matrix_keys(ui: Any) -> None:
    from tui.screens.help import HelpScreen

    app = ui.app("blame_matrix")
    async with app.run_test(size=(80, 40)) as pilot:
        await open_matrix(ui, pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = ui.screen_text(app)
        assert "In the positions matrix (m)" in text and "Last actor" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MatrixScreen)


async def test_reopening_reuses_the_matrix_until_the_date_changes(ui: Any) -> None:
    app = ui.app("blame_matrix")
    async with app.run_test(size=(80, 24)) as pilot:
        first = (await open_matrix(ui, pilot, app)).matrix
        await pilot.press("escape")
        await pilot.pause()
        again = (await open_matrix(ui, pilot, app)).matrix
        assert again is first
        await pilot.press("left_square_bracket")
        await pilot.pause()
        earlier = matrix(app).matrix
        assert earlier is not first and earlier.as_of is not None
