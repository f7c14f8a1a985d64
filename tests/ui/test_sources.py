"""The story overview and the sources in the browser (issue 13): key 0 and
the opening screen, the fourth list ``4 Sources``, a source's view, every
``Source:`` line followed as a link (escape comes back), the palette that
lists the story's records before the app's commands, search that lands on
a source.  On the invented tests/fixtures/stories/sourced.yaml (a source
cited by claims, responses, quotes and an inference; one cited by nothing)
and the seed."""

from __future__ import annotations

import re
from typing import Any

import pytest
from textual.command import CommandList, CommandPalette

from tui.widgets.detail import DetailPane

SIZES = [(80, 24), (120, 40)]


async def palette_prompts(ui: Any, app: Any, pilot: Any, query: str) -> list[str]:
    """Open the palette, type *query*, return every hit's text, in order."""
    await pilot.press("ctrl+p")
    await ui.until(pilot, lambda: isinstance(app.screen, CommandPalette))
    if query:
        await pilot.press(*query)
    command_list = app.screen.query_one(CommandList)
    await ui.until(pilot, lambda: command_list.option_count > 0)
    await pilot.pause(0.4)  # the palette adds hits in batches
    return [
        str(command_list.get_option_at_index(i).prompt).split("\n")[0]
        for i in range(command_list.option_count)
    ]


async def link_to(pilot: Any, detail: DetailPane, kind: str, record_id: str) -> None:
    """Move the detail's link cursor with j until it is on that link, on
    screen (enter follows only a link the reader can see)."""
    for _ in range(100):
        link = detail.current_link
        here = link is not None and (link.kind, link.record_id) == (kind, record_id)
        if here and link is not None and detail.on_screen(link):
            return
        await pilot.press("j")
    raise AssertionError(f"no link to {kind} {record_id}")


@pytest.mark.parametrize("size", SIZES)
async def test_key_4_lists_the_sources_with_outlet_date_and_citations(ui: Any, size) -> None:
    app = ui.app("sourced")
    async with app.run_test(size=size) as pilot:
        await pilot.press("4")
        screen = ui.browser(app)
        assert screen.current_pane == "sources" and app.focused is ui.pane(app, "sources")
        rows = [r.rstrip() for r in ui.rows(app, "sources")]
        assert rows[0].startswith("▸ Example Wire report of 11 June")
        assert re.search(r"  Example Wire +11 Jun 2033  4 citations$", rows[0]), rows[0]
        assert rows[3].endswith("2 citations") and "Open-source imagery analysis" in rows[3]
        assert rows[4].endswith("0 citations") and "Leaked Nordmark memo" in rows[4]
        assert all(len(r) <= size[0] for r in rows)
        assert "4 Sources (5)" in ui.screen_text(app)
        await ui.until(pilot, lambda: ui.detail(app).target == ("source", "wire-0611"))
        await pilot.press("G")
        await ui.until(pilot, lambda: ui.detail(app).target == ("source", "leaked-memo"))
        assert "Nothing in the story cites this source." in ui.screen_text(app)


async def test_the_browser_opens_on_the_overview_and_0_brings_it_back(ui: Any) -> None:
    app = ui.app("sourced")
    async with app.run_test(size=(80, 24)) as pilot:
        detail = ui.detail(app)
        assert detail.target is None
        text = ui.screen_text(app)
        assert "Story overview — enter: open the selected row · 0: back here" in text
        assert "Byline: Ana Probna and Tomas Vzorec" in text
        await pilot.press("2", "j")
        await ui.until(pilot, lambda: detail.target is not None)
        await pilot.press("0")
        assert detail.target is None and detail.has_focus_within
        text = ui.screen_text(app)
        assert "Story overview — up/down: links · pgdn: page · esc: back to the list" in text
        # The overview's sources are links: the first one opens its source.
        await link_to(pilot, detail, "source", "wire-0611")
        await pilot.press("enter")
        await ui.until(pilot, lambda: detail.target == ("source", "wire-0611"))
        assert ui.browser(app).current_pane == "sources"
        text = ui.screen_text(app)
        assert "Source — up/down: links · pgdn: page · esc: back to the story overview" in text
        await pilot.press("escape")  # back to the overview
        assert detail.target is None and detail.has_focus_within
        await pilot.press("escape")  # back to the list (the source's, the current one)
        assert app.focused is ui.pane(app, "sources")


async def test_a_source_line_is_a_link_and_escape_comes_back(ui: Any) -> None:
    app = ui.app("sourced")
    async with app.run_test(size=(80, 24)) as pilot:
        detail = ui.detail(app)
        await pilot.press("j", "enter")  # the dam breach
        assert detail.target == ("incident", "dam-breach")
        await link_to(pilot, detail, "source", "ministry-statement")
        await pilot.press("enter")
        assert detail.target == ("source", "ministry-statement")
        assert ui.pane(app, "sources").selected_id == "ministry-statement"
        text = ui.screen_text(app)
        assert "Source — up/down: links · pgdn: page · esc: back to the incident" in text
        # From the source to what cites it, and back along the way.
        await link_to(pilot, detail, "incident", "dam-breach")
        await pilot.press("enter")
        assert detail.target == ("incident", "dam-breach")
        await pilot.press("escape")
        assert detail.target == ("source", "ministry-statement")
        await pilot.press("escape")
        assert detail.target == ("incident", "dam-breach")
        current = detail.current_link
        assert current is not None and current.record_id == "ministry-statement"


async def test_tab_cycles_through_the_sources_list(ui: Any) -> None:
    app = ui.app("sourced")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "tab", "tab")
        assert app.focused is ui.pane(app, "sources")
        await pilot.press("tab")
        assert ui.detail(app).has_focus_within


async def test_palette_lists_the_story_before_the_apps_commands(ui: Any) -> None:
    app = ui.app("sourced")
    async with app.run_test(size=(100, 30)) as pilot:
        prompts = await palette_prompts(ui, app, pilot, "")
        assert prompts[0].startswith("Story overview: Two governments trade blame")
        quit_at = prompts.index("Quit storybrowse")
        memo_at = prompts.index("Leaked Nordmark memo")
        assert memo_at < quit_at
        commands = prompts[memo_at + 1 :]
        assert "Colours: choose a theme" in commands and "Quit storybrowse" in commands
        assert not any(p in ("Quit", "Theme", "Keys", "Screenshot") for p in prompts)


async def test_palette_query_ranks_every_record_above_every_command(ui: Any) -> None:
    app = ui.app("sourced")
    async with app.run_test(size=(100, 30)) as pilot:
        # "e" is in nearly everything, the app's commands included.
        prompts = await palette_prompts(ui, app, pilot, "e")
        commands = {"Quit storybrowse", "Colours: choose a theme"}
        first_command = min(i for i, p in enumerate(prompts) if p in commands)
        assert first_command > 0
        assert all(p not in commands for p in prompts[:first_command])
        assert "Leaked Nordmark memo" in prompts[:first_command]


async def test_palette_finds_a_source_and_jumps_to_it(ui: Any) -> None:
    app = ui.app("sourced")
    async with app.run_test(size=(80, 24)) as pilot:
        prompts = await palette_prompts(ui, app, pilot, "leaked memo")
        assert prompts[0] == "Leaked Nordmark memo"
        await pilot.press("enter")
        await ui.until(pilot, lambda: not isinstance(app.screen, CommandPalette))
        assert ui.detail(app).target == ("source", "leaked-memo")
        assert ui.browser(app).current_pane == "sources"
        assert app.focused is ui.pane(app, "sources")


async def test_palette_story_overview_entry(ui: Any) -> None:
    app = ui.app("sourced")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "enter")
        assert ui.detail(app).target == ("incident", "dam-breach")
        await palette_prompts(ui, app, pilot, "story overview")
        await pilot.press("enter")
        await ui.until(pilot, lambda: ui.detail(app).target is None)
        assert ui.detail(app).has_focus_within


@pytest.mark.parametrize(
    ("query", "source_id"),
    [("wire.example", "wire-0611"), ("later edited", "ministry-statement")],
)
async def test_search_lands_on_a_source(ui: Any, query: str, source_id: str) -> None:
    """A match in a source's URL or note shows the source's view, selected
    in its list (not "not in a list")."""
    app = ui.app("sourced")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *query, "enter")
        await ui.until(pilot, lambda: ui.detail(app).target == ("source", source_id))
        assert ui.browser(app).current_pane == "sources"
        assert ui.pane(app, "sources").selected_id == source_id
        assert "not in a list" not in ui.screen_text(app)


async def test_seed_sources_and_what_cites_them(ui: Any) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        rows = ui.rows(app, "sources")
        assert len(rows) == 5 and "11 citations" in rows[0]
        await pilot.press("enter")
        detail = ui.detail(app)
        assert detail.target == ("source", "article")
        assert any(line.startswith("Claims citing it (2)") for line in detail.lines)


async def test_no_color_16_colours_the_sources_list_and_source_view(ui: Any, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm")
    app = ui.app("sourced")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "enter")
        text = ui.screen_text(app)
        assert "▸ Example Wire report of 11 June" in text
        assert "SOURCE · wire-0611" in text and "Claims citing it (2)" in text


async def test_a_new_version_of_the_file_keeps_the_overview(ui: Any) -> None:
    """Live reload and ``[``/``]`` show a new story in place: the overview
    stays the overview (it used to give way to the selected row)."""
    from tui.screens.restory import show_story

    app = ui.app("sourced")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ui.browser(app)
        await show_story(screen, ui.load("sourced"))
        await pilot.pause()
        assert ui.detail(app).target is None
        assert "Story overview" in ui.screen_text(app)
        await pilot.press("4", "G")
        await ui.until(pilot, lambda: ui.detail(app).target == ("source", "leaked-memo"))
        await show_story(screen, ui.load("sourced"))
        assert ui.detail(app).target == ("source", "leaked-memo")
        assert ui.pane(app, "sources").selected_id == "leaked-memo"


@pytest.mark.parametrize(
    ("record_id", "expected"),
    [("leaked-memo", "Leaked Nordmark memo"), ("dam-breach", "The Vesna dam is breached")],
)
async def test_palette_finds_a_record_by_its_id(ui: Any, record_id: str, expected: str) -> None:
    """Ids are shown everywhere (``[dam-breach]``, ``SOURCE · leaked-memo``):
    typing one finds its record."""
    app = ui.app("sourced")
    async with app.run_test(size=(100, 30)) as pilot:
        prompts = await palette_prompts(ui, app, pilot, record_id)
        assert expected in prompts[:3], prompts
