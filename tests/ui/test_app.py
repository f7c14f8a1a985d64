"""What the browser shows: the panes, the layouts, the themes, literal text."""

from __future__ import annotations

import re

import pytest
from textual.app import InvalidThemeError
from textual.command import CommandList, CommandPalette

from tui.app import create_app, default_theme
from tui.screens.help import HelpScreen
from tui.widgets.listpane import Column, fit_cell, fit_columns

SIZES = [(80, 24), (120, 40)]


# -- the seed story ---------------------------------------------------------------
@pytest.mark.parametrize("size", SIZES)
async def test_seed_timeline_rows_show_dates_titles_and_responses(ui, size) -> None:
    app = ui.app()
    async with app.run_test(size=size):
        rows = ui.rows(app, "timeline")
        assert len(rows) == 4
        assert rows[0].startswith("▸ Feb 2020")
        assert "US–Taliban agreement" in rows[0] and rows[0].rstrip().endswith("context")
        assert "15 Aug 2021?" in rows[1] and "context" in rows[1]  # inferred: uncertain
        assert "18 Apr 2022?" in rows[2] and rows[2].rstrip().endswith("2 denied")
        assert "7 May 2022?" in rows[3]
        assert rows[3].rstrip().endswith("1 denied · 1 investigating")
        if size == (120, 40):
            assert "Claimed rocket fire into Tajikistan from Takhar" in rows[3]
            assert "claimed · 1 denied · 1 investigating" in rows[3]
        else:
            # Cut titles end with an ellipsis, never silently.
            assert re.search(r"Claimed rocket fire into Taj\w*…", rows[3]), rows[3]


async def test_seed_opens_on_the_overview_with_the_first_row_selected(ui) -> None:
    """Issue 13: the story's overview is what the browser shows first; the
    first timeline row is selected, and opened only once the reader moves."""
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert ui.detail(app).target is None
        assert app.focused is ui.pane(app, "timeline")
        assert ui.pane(app, "timeline").selected == ("context", "us-taliban-agreement")
        text = ui.screen_text(app)
        assert "storybrowse · US election could decide fate of 70,000 Afghans" in text
        assert "1 Timeline (4)" in text and "2 Actors (11)" in text and "3 Quotes (7)" in text
        assert "4 Sources (5)" in text
        assert "Story overview — enter: open the selected row" in text
        assert "STORY" in text and "11 actors · 7 quotes · 5 sources" in text
        await pilot.pause(0.3)  # no preview arrives by itself
        assert ui.detail(app).target is None
        await pilot.press("j", "k")
        await ui.until(pilot, lambda: ui.detail(app).target == ("context", "us-taliban-agreement"))


async def test_seed_actors_grouped_by_kind_with_counts(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        actors = ui.pane(app, "actors")
        headers = [r.cells[0].plain for r in actors.rows if not r.selectable]
        assert headers == [
            "Governments · 3",
            "Political groups · 1",
            "Armed groups · 2",
            "Organisations · 1",
            "Media · 1",
            "Analysts · 3",
        ]
        rows = ui.rows(app, "actors")
        tajik = next(r for r in rows if "Tajikistan (Dushanbe)" in r)
        assert "1 incident · 0 quotes" in tajik
        mines = next(r for r in rows if "Andrew Mines" in r)
        assert "2 incidents · 3 quotes" in mines
        # The cursor starts on the first actor, not on a header.
        assert actors.selected == ("actor", "us")


async def test_seed_quotes_show_speaker_mark_and_excerpt(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        rows = ui.rows(app, "quotes")
        assert len(rows) == 7
        assert "Analysts (unnamed)" in rows[0] and "≈P" in rows[0]
        showcase = rows[4]
        assert "Andrew Mines" in showcase and "“Q" in showcase
        assert "(IS-K) wants to showcase" in showcase and showcase.rstrip().endswith("…")


# -- fixtures ------------------------------------------------------------------------
async def test_three_governments_summaries(ui) -> None:
    app = ui.app("three_governments")
    async with app.run_test(size=(120, 40)):
        rows = ui.rows(app, "timeline")
        assert [r[2:].split()[0] for r in rows] == ["Mar", "Aug", "10"]
        assert "Aug 2031 (day not given)" in rows[1]
        assert "1 investigating · 1 declined to comment" in rows[1]
        assert "Drone strike on Port Lumen" in rows[2]
        assert "1 confirmed · 1 denied · 1 disputed" in rows[2]


async def test_empty_story_says_it_is_empty_and_keys_do_not_crash(ui) -> None:
    app = ui.app("empty")
    async with app.run_test(size=(80, 24)) as pilot:
        text = ui.screen_text(app)
        assert "This story has no incidents or context events." in text
        assert "1 Timeline (0)" in text
        for key in ("j", "k", "g", "G", "pagedown", "enter", "tab", "tab", "enter", "2", "f"):
            await pilot.press(key)
        assert "This story names no actors." in ui.screen_text(app)
        await pilot.press("3")
        assert "This story has no quotes." in ui.screen_text(app)
        await pilot.press("slash", "x", "enter", "n", "N", "escape", "escape")
        assert ui.detail(app).target is None
        assert app.is_running


async def test_partial_dates_keep_their_precision(ui) -> None:
    app = ui.app("partial_dates")
    async with app.run_test(size=(120, 40)):
        rows = ui.rows(app, "timeline")

        def date_of(row: str) -> str:  # the first column: up to two spaces
            return re.split(r"\s{2,}", row[2:].strip())[0]

        dates = {date_of(r) for r in rows}
        for shown in (
            "201X",
            "2021~",
            "2022",
            "Apr 2022",
            "Apr 2022 (day not given)",
            "18 Apr 2022?",
            "20 Apr 2022?",
            "May 2022~",
            "Jun 2022?~",
            "Apr 18 (year not given)",
            "date not given",
        ):
            assert shown in dates, (shown, dates)
        # Dates with no year at all come last.
        assert {"Apr 18 (year not given)", "date not given"} == {date_of(r) for r in rows[-2:]}


HOSTILE_LITERALS = (
    "[red]not red[/red] and [@click=app.quit]click me[/]",
    "[red]Rocket[/red] attack on ␛[2J␛[H",
    "[b]",
)


async def test_hostile_text_is_shown_literally_and_keys_keep_working(ui) -> None:
    app = ui.app("hostile")
    async with app.run_test(size=(120, 40)) as pilot:
        text = ui.screen_text(app)
        for literal in HOSTILE_LITERALS:
            assert literal in text, literal
        assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
        await pilot.press("2")
        actors = "\n".join(ui.rows(app, "actors"))
        assert "[bold magenta]Not bold[/] ([@click=app.bell]ring[/])" in actors
        assert "%s %d {0} ${HOME} $(rm -rf /) `id`" in actors
        assert "Name with tab and newline" in actors
        await pilot.press("3")
        quotes = "\n".join(ui.rows(app, "quotes"))
        assert "«[red]» ␛[31m Supercal" in quotes
        for key in ("j", "k", "G", "g", "enter", "tab", "escape", "1", "enter", "escape"):
            await pilot.press(key)
        await pilot.press("slash", *"[/ b", "enter", "n", "N")
        assert "[/ b" in ui.screen_text(app)
        assert app.is_running
        assert "\x1b" not in ui.screen_text(app)


async def test_hostile_palette_hits_are_literal(ui) -> None:
    app = ui.app("hostile")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await ui.until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"Rocket")
        command_list = app.screen.query_one(CommandList)
        await ui.until(pilot, lambda: command_list.option_count > 0)
        prompts = [
            command_list.get_option_at_index(i).prompt for i in range(command_list.option_count)
        ]
        plain = [str(p) for p in prompts]
        assert any("[red]Rocket[/red] attack on ␛[2J␛[H" in p for p in plain), plain
        await pilot.press("enter")
        await ui.until(pilot, lambda: not isinstance(app.screen, CommandPalette))
        assert ui.detail(app).target == ("incident", "x2022-04-18")
        assert app.is_running


# -- sizes -------------------------------------------------------------------------
async def test_resizes_down_to_40x12_and_back(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(120, 40)) as pilot:
        for width, height in ((100, 30), (80, 24), (60, 20), (40, 12), (80, 24), (200, 50)):
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            lines = ui.screen_lines(app)
            assert len(lines) == height and all(len(line) <= width for line in lines)
            timeline = ui.rows(app, "timeline")
            assert any("Taliban ret" in row for row in timeline)
            if width <= 60:
                assert all(row.rstrip().endswith(("…", "context", "denied")) for row in timeline)
        await pilot.press("j", "tab", "3", "question_mark")
        assert isinstance(app.screen, HelpScreen)


async def test_breakpoint_classes_and_side_by_side_lists(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ui.browser(app)
        assert screen.has_class("-normal")
        assert ui.pane(app, "timeline").display and not ui.pane(app, "actors").display
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert screen.has_class("-narrow")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert screen.has_class("-wide") and not screen.has_class("-side-by-side")
        await pilot.resize_terminal(170, 40)
        await pilot.pause()
        assert not screen.has_class("-side-by-side")  # four lists need 200 columns
        await pilot.resize_terminal(200, 40)
        await pilot.pause()
        assert screen.has_class("-side-by-side")
        names = ("timeline", "actors", "quotes", "sources")
        assert all(ui.pane(app, n).display for n in names)
        assert all(ui.pane(app, n).region.width >= 40 for n in names)
        assert ui.pane(app, "actors").region.x > ui.pane(app, "timeline").region.x
        assert ui.pane(app, "sources").region.x > ui.pane(app, "quotes").region.x
        assert ui.detail(app).region.width == 200
        # The detail always spans the full width, below the lists.
        assert ui.detail(app).region.y > ui.pane(app, "timeline").region.bottom - 1


def test_fit_columns_gives_the_flexible_column_the_rest() -> None:
    cols = (Column(cap=24, minimum=8), Column(minimum=12, flex=True), Column(cap=40, share=0.45))
    assert fit_columns([12, 46, 26], cols, 78) == [12, 36, 26]
    assert fit_columns([12, 46, 26], cols, 200) == [12, 158, 26]
    # A long summary may not take more than its share.
    assert fit_columns([24, 26, 39], cols, 78) == [24, 28, 22]
    # Too narrow: the flexible column keeps its minimum while others can give.
    assert fit_columns([12, 46, 26], cols, 36)[1] == 12


def test_fit_cell_pads_or_cuts_with_an_ellipsis() -> None:
    from textual.content import Content

    assert fit_cell(Content("abc"), 5).plain == "abc  "
    assert fit_cell(Content("abcdef"), 4).plain == "abc…"
    assert fit_cell(Content("abc"), 5, right=True).plain == "  abc"


# -- themes ------------------------------------------------------------------------
def test_default_theme_follows_the_terminal() -> None:
    assert default_theme({"TERM": "xterm-256color"}) == "textual-dark"
    assert default_theme({"TERM": "xterm"}) == "ansi-dark"
    assert default_theme({"TERM": "xterm-256color", "NO_COLOR": "1"}) == "ansi-dark"
    assert default_theme({"TERM": "screen"}) == "ansi-dark"
    assert default_theme({"TERM": "xterm", "TEXTUAL_COLOR_SYSTEM": "truecolor"}) == "textual-dark"


def test_theme_argument_then_environment(ui) -> None:
    story = ui.load("empty")
    assert create_app(story, theme="ansi-light").theme == "ansi-light"
    env = {"TERM": "xterm-256color", "TEXTUAL_THEME": "nord"}
    assert create_app(story, environ=env).theme == "nord"
    assert create_app(story, theme="gruvbox", environ=env).theme == "gruvbox"
    assert create_app(story, environ={"TERM": "xterm"}).theme == "ansi-dark"
    with pytest.raises(InvalidThemeError):
        create_app(story, theme="no-such-theme")


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light", "textual-light"])
async def test_every_theme_renders_the_cursor_mark(ui, theme) -> None:
    app = ui.app(theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        rows = ui.rows(app, "timeline")
        assert rows[1].startswith("▸ ") and rows[0].startswith("  ")


async def test_palette_drops_the_screenshot_command(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)):
        titles = [c.title for c in app.palette_commands(app.screen)]
        assert "Quit storybrowse" in titles and "Colours: choose a theme" in titles
        assert not any("Screenshot" in t for t in titles)
        # The browser's own palette lists them after the story's records.
        assert list(app.get_system_commands(app.screen)) == []


async def test_title_is_the_sanitised_headline(ui) -> None:
    app = ui.app("hostile")
    async with app.run_test(size=(80, 24)):
        assert app.title.startswith("[red]not red[/red]")
        assert "\u202e" not in app.title


@pytest.mark.parametrize("term", ["xterm", "xterm-256color"])
async def test_no_color_strips_colour_instead_of_painting_black_on_black(
    ui, monkeypatch, term
) -> None:
    """Textual picks its NO_COLOR filter when the App is built; create_app
    must build it knowing the theme is an ANSI one (else text is drawn
    black on black)."""
    from textual.filter import Monochrome, NoColor

    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", term)
    app = ui.app()
    assert app.theme == "ansi-dark" and app.native_ansi_color
    assert any(isinstance(f, NoColor) for f in app._filters)
    assert not any(isinstance(f, Monochrome) for f in app._filters)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        assert ui.rows(app, "timeline")[1].startswith("▸ ")
