"""Every binding and cross-link of the browser, driven by Pilot."""

from __future__ import annotations

import pytest
from occurrences import occurrences
from textual import events
from textual.command import CommandList, CommandPalette
from textual.containers import VerticalScroll

from tui import messages
from tui.app import StoryBrowser
from tui.screens.help import HelpScreen
from tui.story.dates import parse_date
from tui.story.model import Actor, Claim, Incident, RecordKind, Response, Story, StoryMeta
from tui.widgets.listpane import ListPane
from tui.widgets.search import SearchBar


def long_story(n: int = 60) -> Story:
    """A story with *n* incidents, to page through."""
    actors = (Actor("a", "Claimant", "armed-group"), Actor("b", "Responder", "government"))
    incidents = tuple(
        Incident(
            id=f"i{k:03d}",
            title=f"Incident number {k}",
            date=parse_date(f"2022-{1 + k // 28:02d}-{1 + k % 28:02d}"),
            claim=Claim(by="a", text=f"Claim {k}"),
            responses=(Response(by="b", stance="denied", text="No."),),
        )
        for k in range(n)
    )
    return Story(meta=StoryMeta(headline="Many incidents"), actors=actors, incidents=incidents)


# -- moving in a list ---------------------------------------------------------------
async def test_j_k_down_up_move_the_cursor_and_preview(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = ui.pane(app, "timeline")
        await pilot.press("j")
        assert timeline.selected == ("context", "taliban-retake-kabul")
        await pilot.press("down")
        assert timeline.selected == ("incident", "termez-rockets")
        await ui.until(pilot, lambda: ui.detail(app).target == ("incident", "termez-rockets"))
        await pilot.press("k")
        assert timeline.selected == ("context", "taliban-retake-kabul")
        await pilot.press("up", "up", "up")
        assert timeline.selected == ("context", "us-taliban-agreement")
        assert timeline.line_text(0).startswith("▸")


async def test_preview_leading_edge_and_held_keys_coalesce(ui, monkeypatch) -> None:
    """A single move shows its record at once; moves that follow within
    QUIET_AFTER (a held key) are not drawn one by one: only where the cursor
    stopped, when the timer fires.  A move after a quiet spell is at once
    again.  The clock is a fake one, so nothing here depends on timing."""
    from tui.screens import preview as preview_module

    clock = [1000.0]
    monkeypatch.setattr(preview_module, "monotonic", lambda: clock[0])
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, detail = ui.browser(app), ui.detail(app)
        screen.PREVIEW_DELAY = 3600  # type: ignore[misc]  # the timer never fires by itself
        seen: list[object] = []
        screen.watch(detail, "target", lambda value: seen.append(value), init=False)
        await pilot.press("j")
        # No pause: the detail already shows the new record.
        assert detail.target == ("context", "taliban-retake-kabul")
        assert seen == [("context", "taliban-retake-kabul")]
        for _ in range(2):  # two more moves, 30 ms apart: a held key
            clock[0] += 0.03
            await pilot.press("j")
        assert ui.pane(app, "timeline").selected_id == "tajikistan-rockets"
        assert seen == [("context", "taliban-retake-kabul")]
        screen.flush_preview()  # what the timer does when it fires
        assert seen[1:] == [("incident", "tajikistan-rockets")]
        clock[0] += 1.0  # the user paused: the next move is shown at once
        await pilot.press("k")
        assert detail.target == ("incident", "termez-rockets")
        assert len(seen) == 3


async def test_preview_timer_shows_where_a_held_key_stopped(ui) -> None:
    """The trailing timer (not flush_preview) draws the last record."""
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, detail = ui.browser(app), ui.detail(app)
        screen.QUIET_AFTER = 3600  # type: ignore[misc]  # every later move counts as held
        await pilot.press("j", "j", "j")
        assert ui.pane(app, "timeline").selected_id == "tajikistan-rockets"
        await ui.until(pilot, lambda: detail.target == ("incident", "tajikistan-rockets"))


async def test_g_G_home_end_pagedown_pageup(ui) -> None:
    app = StoryBrowser(long_story())
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = ui.pane(app, "timeline")
        await pilot.press("G")
        assert timeline.selected_id == "i059"
        assert timeline.scroll_offset.y > 0
        await pilot.press("g")
        assert timeline.selected_id == "i000" and timeline.scroll_offset.y == 0
        await pilot.press("end")
        assert timeline.selected_id == "i059"
        await pilot.press("home")
        assert timeline.selected_id == "i000"
        page = timeline.scrollable_content_region.height - 1
        await pilot.press("pagedown")
        assert timeline.selected_id == f"i{page:03d}"
        await pilot.press("pagedown")
        assert timeline.selected_id == f"i{2 * page:03d}"
        await pilot.press("pageup")
        assert timeline.selected_id == f"i{page:03d}"
        await pilot.press("j")
        await ui.until(pilot, lambda: ui.detail(app).target == ("incident", f"i{page + 1:03d}"))


async def test_cursor_skips_actor_group_headers(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        actors = ui.pane(app, "actors")
        assert actors.selected_id == "us"
        await pilot.press("j", "j")
        assert actors.selected_id == "gov-uzbekistan"
        await pilot.press("j")  # over "Political groups · 1"
        assert actors.selected_id == "taliban"
        await pilot.press("k")
        assert actors.selected_id == "gov-uzbekistan"
        await pilot.press("g", "k")  # already at the first actor: stays
        assert actors.selected_id == "us"
        await pilot.press("G")
        assert actors.selected_id == "experts"


# -- panes ----------------------------------------------------------------------------
async def test_1_2_3_switch_panes_and_preview_their_selection(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ui.browser(app)
        await pilot.press("2")
        assert screen.current_pane == "actors" and app.focused is ui.pane(app, "actors")
        assert ui.detail(app).target == ("actor", "us")
        assert ui.pane(app, "actors").display and not ui.pane(app, "timeline").display
        await pilot.press("3")
        assert screen.current_pane == "quotes"
        assert ui.detail(app).target == ("quote", "analysts-undermine-taliban")
        await pilot.press("1")
        assert screen.current_pane == "timeline"
        assert ui.detail(app).target == ("context", "us-taliban-agreement")


async def test_tab_and_shift_tab_cycle_panes_and_detail(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:

        def where() -> str:
            if ui.detail(app).has_focus_within:
                return "detail"
            assert app.focused is not None
            return str(app.focused.id)

        seen = []
        for _ in range(6):
            await pilot.press("tab")
            seen.append(where())
        assert seen == ["actors", "quotes", "sources", "detail", "timeline", "actors"]
        seen = []
        for _ in range(5):
            await pilot.press("shift+tab")
            seen.append(where())
        assert seen == ["timeline", "detail", "sources", "quotes", "actors"]


async def test_enter_opens_the_record_in_the_detail(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("G", "enter")
        assert ui.detail(app).target == ("incident", "tajikistan-rockets")
        assert ui.detail(app).has_focus_within
        assert "esc: back to the list" in ui.screen_text(app)


async def test_click_selects_then_opens(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = ui.pane(app, "timeline")
        await pilot.click(timeline, offset=(5, 2))
        assert timeline.selected_id == "termez-rockets"
        assert not ui.detail(app).has_focus_within
        await pilot.click(timeline, offset=(5, 2))
        assert ui.detail(app).target == ("incident", "termez-rockets")
        assert ui.detail(app).has_focus_within
        # Clicking the tab strip switches panes.
        await pilot.click("#tab-quotes")
        assert ui.browser(app).current_pane == "quotes"


# -- escape ------------------------------------------------------------------------------
async def test_escape_chain_detail_then_filter_then_search(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ui.browser(app)
        await pilot.press("slash", *"termez", "enter")
        assert screen.search.query == "termez" and screen.search.hit is not None
        await pilot.press("2")
        actors = ui.pane(app, "actors")
        actors.select("andrew-mines")
        await pilot.press("f")
        assert screen.filter_actor == "andrew-mines"
        await pilot.press("enter")
        assert ui.detail(app).has_focus_within
        await pilot.press("escape")  # detail -> list
        assert app.focused is ui.pane(app, screen.current_pane)
        assert screen.filter_actor == "andrew-mines"
        await pilot.press("escape")  # clear the filter
        assert screen.filter_actor is None and screen.search.query == "termez"
        await pilot.press("escape")  # clear the search
        assert screen.search.query == "" and screen.search.hit is None
        before = (screen.current_pane, ui.detail(app).target, app.focused)
        await pilot.press("escape", "escape")  # nothing left: does nothing
        assert (screen.current_pane, ui.detail(app).target, app.focused) == before
        assert app.is_running


async def test_keys_arriving_together_go_to_the_pane_just_shown(ui) -> None:
    """Over a laggy link several keys arrive in one read: "2", "j", "f" must
    act on the actors pane that "2" has just shown."""
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("2", "j", "f"):
            app.post_message(events.Key(key, key))
        await pilot.pause()
        assert ui.pane(app, "actors").selected_id == "gov-tajikistan"
        assert ui.browser(app).filter_actor == "gov-tajikistan"
        for key, char in (("slash", "/"), *((c, c) for c in "Termez")):
            app.post_message(events.Key(key, char))
        await pilot.pause()
        assert ui.browser(app).search.query == "Termez"
        assert app.screen.query_one(SearchBar).value == "Termez"


async def test_split_arrow_key_sequence_is_harmless(ui) -> None:
    """Esc, "[", "B" arriving apart (a slow link) must not do anything bad."""
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        before = ui.pane(app, "timeline").selected
        await pilot.press("escape", "left_square_bracket", "B", "escape", "O", "A")
        assert ui.pane(app, "timeline").selected == before
        assert app.is_running and isinstance(app.screen, type(ui.browser(app)))


# -- filter -----------------------------------------------------------------------------
async def test_f_on_an_actor_filters_timeline_and_quotes(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ui.browser(app)
        await pilot.press("2")
        ui.pane(app, "actors").select("andrew-mines")
        await pilot.press("f")
        assert screen.filter_actor == "andrew-mines"
        assert screen.current_pane == "timeline"
        timeline = ui.rows(app, "timeline")
        # His quotes are about the agreement and both incidents.
        assert len(timeline) == 3 and "Feb 2020" in timeline[0] and "18 Apr 2022?" in timeline[1]
        text = ui.screen_text(app)
        assert "Filter: Andrew Mines — esc clears" in text
        assert "1 Timeline (3/4)" in text and "3 Quotes (3/7)" in text
        await pilot.press("3")
        assert all("Andrew Mines" in row for row in ui.rows(app, "quotes"))
        await pilot.press("escape")
        assert screen.filter_actor is None
        assert len(ui.rows(app, "quotes")) == 7
        assert "Filter:" not in ui.screen_text(app)


async def test_filter_by_actor_message_from_the_detail(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ui.browser(app)
        ui.detail(app).post_message(messages.FilterByActor("rferl"))
        await pilot.pause()
        # RFE/RL relays quotes but is on no timeline entry: the quotes show.
        assert screen.filter_actor == "rferl" and screen.current_pane == "quotes"
        assert ui.pane(app, "timeline").count == 0
        await pilot.press("1")
        assert "Nothing on the timeline involves RFE/RL" in ui.screen_text(app)


async def test_navigate_message_selects_the_record_in_its_pane(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ui.browser(app)
        await pilot.press("G", "enter")
        ui.detail(app).post_message(messages.Navigate("actor", "gov-tajikistan"))
        await pilot.pause()
        assert screen.current_pane == "actors"
        assert ui.pane(app, "actors").selected_id == "gov-tajikistan"
        assert ui.detail(app).target == ("actor", "gov-tajikistan")
        assert ui.detail(app).has_focus_within
        ui.detail(app).post_message(messages.Navigate("quote", "mines-fly-in-the-face"))
        await pilot.pause()
        assert screen.current_pane == "quotes"
        assert ui.pane(app, "quotes").selected_id == "mines-fly-in-the-face"
        ui.detail(app).post_message(messages.Navigate("context", "taliban-retake-kabul"))
        await pilot.pause()
        assert screen.current_pane == "timeline"
        assert ui.detail(app).target == ("context", "taliban-retake-kabul")
        # escape goes back along the three links, then to the list.
        await pilot.press("escape", "escape", "escape")
        await pilot.pause()
        assert ui.detail(app).target == ("incident", "tajikistan-rockets")
        await pilot.press("escape")
        assert app.focused is ui.pane(app, "timeline")


async def test_moving_back_after_a_cross_link_previews_again(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j")
        await ui.until(pilot, lambda: ui.detail(app).target == ("incident", "termez-rockets"))
        await pilot.press("2")
        ui.detail(app).post_message(messages.Navigate("incident", "tajikistan-rockets"))
        await pilot.pause()
        assert ui.detail(app).target == ("incident", "tajikistan-rockets")
        # Not followed from the detail (it did not have the focus): no way
        # back to record, so escape goes to the list.
        await pilot.press("escape", "k")
        await ui.until(pilot, lambda: ui.detail(app).target == ("incident", "termez-rockets"))


async def test_escape_goes_back_along_followed_links_then_to_the_list(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("G", "enter")
        await ui.until(pilot, lambda: ui.detail(app).target == ("incident", "tajikistan-rockets"))
        ui.detail(app).post_message(messages.Navigate("actor", "gov-tajikistan"))
        await ui.until(pilot, lambda: ui.detail(app).target == ("actor", "gov-tajikistan"))
        ui.detail(app).post_message(messages.Navigate("quote", "mines-showcase-failures"))
        await ui.until(pilot, lambda: ui.detail(app).target == ("quote", "mines-showcase-failures"))
        await pilot.press("escape")
        await ui.until(pilot, lambda: ui.detail(app).target == ("actor", "gov-tajikistan"))
        await pilot.press("escape")
        await ui.until(pilot, lambda: ui.detail(app).target == ("incident", "tajikistan-rockets"))
        assert ui.detail(app).has_focus_within
        assert ui.browser(app).current_pane == "timeline"
        await pilot.press("escape")
        await pilot.pause()
        assert ui.pane(app, "timeline").has_focus
        assert ui.detail(app).target == ("incident", "tajikistan-rockets")


async def test_escape_returns_to_the_link_that_was_followed_and_the_scroll(ui) -> None:
    """Back along a followed link lands on that link, scrolled as it was (a
    browser's back button), for any link of the record, not the first one."""
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("G", "enter")
        detail = ui.detail(app)
        await ui.until(pilot, lambda: detail.target == ("incident", "tajikistan-rockets"))
        links = detail.links
        assert len(links) >= 4
        for _ in range(100):  # j scrolls a row towards a link below the fold
            if detail.place.cursor == len(links) - 1:
                break
            await pilot.press("j")
            await pilot.pause()
        left_at = detail.place
        followed = detail.current_link
        assert left_at.cursor == len(links) - 1 and left_at.scroll_y > 0
        await pilot.press("enter")
        await ui.until(pilot, lambda: detail.target != ("incident", "tajikistan-rockets"))
        assert detail.place.cursor == 0 and detail.place.scroll_y == 0  # a new record: top
        label = str(app.screen.query_one("#detail-label").render())
        assert "esc: back to the incident" in label, label
        await pilot.press("escape")
        await ui.until(pilot, lambda: detail.target == ("incident", "tajikistan-rockets"))
        await pilot.pause()
        assert detail.place == left_at
        assert detail.current_link == followed
        label = str(app.screen.query_one("#detail-label").render())
        assert "esc: back to the list" in label, label
        # Shown again after another record, it starts at its top.
        await pilot.press("escape", "k")
        await ui.until(pilot, lambda: detail.target != ("incident", "tajikistan-rockets"))
        await pilot.press("j", "enter")
        await ui.until(pilot, lambda: detail.target == ("incident", "tajikistan-rockets"))
        await pilot.pause()
        assert detail.place.cursor == 0 and detail.place.scroll_y == 0


async def test_navigate_to_a_record_hidden_by_the_filter_clears_it(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ui.browser(app)
        screen.apply_filter("andrew-mines")
        await pilot.pause()
        ui.detail(app).post_message(messages.Navigate("context", "taliban-retake-kabul"))
        await pilot.pause()
        assert screen.filter_actor is None
        assert ui.pane(app, "timeline").selected_id == "taliban-retake-kabul"


# -- search -----------------------------------------------------------------------------
async def test_incremental_search_counts_and_shows_the_first_match(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ui.browser(app)
        await pilot.press("slash")
        bar = app.screen.query_one(SearchBar)
        assert screen.searching and app.focused is bar
        await pilot.press(*"Ter")
        assert screen.search.hit is not None
        await pilot.press(*"mez")
        count = len(occurrences(screen.story, "Termez"))
        assert count >= 3
        assert screen.search.hits is not None and screen.search.hits.total == count
        # Beside the bar (which shows the query): where the first match is.
        status = f"1/{count} in the title of “Claimed rocket attack"
        assert status in ui.screen_text(app)
        assert ui.detail(app).target == ("incident", "termez-rockets")
        # Typing "q" or "?" in the search bar types; it does not quit or help.
        await pilot.press("q")
        assert app.is_running and bar.value == "Termezq" and screen.search.hit is None
        assert "no matches" in ui.screen_text(app)
        await pilot.press("backspace", "enter")
        assert not screen.searching
        assert app.focused is ui.pane(app, "timeline")
        assert f"Search “Termez”: 1/{count} in the title of" in ui.screen_text(app)


async def test_n_and_N_step_through_matches_across_panes(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ui.browser(app)
        await pilot.press("slash", *"tashkent", "enter")
        found = occurrences(screen.story, "tashkent")
        kinds = list(dict.fromkeys((m.kind, m.record_id) for m in found))
        assert kinds == [
            ("incident", "termez-rockets"),
            ("incident", "tajikistan-rockets"),
            ("actor", "gov-uzbekistan"),
            ("story", ""),
        ]
        total = len(found)

        def shown(kind: str, record_id: str) -> tuple[str, str] | None:
            return None if kind == "story" else (kind, record_id)

        # n visits every occurrence in reading order, each record in the detail.
        for n, match in enumerate(found):
            if n:
                await pilot.press("n")
            assert screen.search.hit == match
            assert ui.detail(app).target == shown(match.kind, match.record_id)
            assert f"{n + 1}/{total} in " in ui.screen_text(app)
            if match.kind == "actor":
                assert screen.current_pane == "actors"
                assert ui.pane(app, "actors").selected_id == "gov-uzbekistan"
                assert app.focused is ui.pane(app, "actors")
        # The last: the story's summary, in the overview (no list shows it).
        assert f"{total}/{total} in the summary of the story — n/N" in ui.screen_text(app)
        await pilot.press("n")  # wraps around
        assert ui.detail(app).target == kinds[0] and screen.current_pane == "timeline"
        assert f"1/{total} in " in ui.screen_text(app)
        await pilot.press("N", "N")
        assert screen.search.hit == found[-2]
        name = screen.story.actor("gov-uzbekistan").name
        assert f"{total - 1}/{total} in an alias of “{name}” — n/N" in ui.screen_text(app)


async def test_search_keeps_the_filter_and_shows_hidden_matches_in_the_detail(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ui.browser(app)
        screen.apply_filter("andrew-mines")
        await pilot.pause()
        # "Kabul" is only in the context event Andrew Mines is not part of.
        await pilot.press("slash", *"Kabul", "enter")
        assert screen.filter_actor == "andrew-mines"
        assert ui.detail(app).target == ("context", "taliban-retake-kabul")
        # The title is cut so that the note and the n/N hint fit at 80 columns.
        line = next(r for r in ui.screen_text(app).splitlines() if "Search “Kabul”" in r)
        assert line.strip().endswith("”, hidden by the filter — n/N"), line
        assert "in the title of “Taliban ret" in line
        assert "Filter: Andrew Mines" in ui.screen_text(app)


async def test_n_without_a_search_says_so(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert "press / to search" in ui.screen_text(app)
        assert ui.detail(app).target is None  # still the story's overview


async def test_escape_in_the_search_bar_cancels_and_goes_back(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ui.browser(app)
        await pilot.press("2", "j")
        before = ui.pane(app, "actors").selected
        await pilot.press("slash", *"mines")
        assert screen.search.hit is not None
        await pilot.press("escape")
        assert screen.search.query == "" and not screen.searching
        assert screen.current_pane == "actors"
        assert ui.detail(app).target == before
        assert app.focused is ui.pane(app, "actors")


async def test_search_finds_headline_and_quotes(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ui.browser(app)
        await pilot.press("slash", *"showcase", "enter")
        assert ui.detail(app).target == ("quote", "mines-showcase-failures")
        assert screen.current_pane == "quotes"
        await pilot.press("slash", *"70,000", "enter")
        assert [m.kind for m in occurrences(screen.story, "70,000")] == ["source", "story"]
        # A source: shown in the detail.
        assert ui.detail(app).target is not None and ui.detail(app).target[0] == "source"
        await pilot.press("n")
        assert "2/2 in the headline of the story — n/N" in ui.screen_text(app)
        assert ui.detail(app).target is None  # the story's overview


# -- help, palette, quit --------------------------------------------------------------------
async def test_help_lists_every_key_scrolls_and_closes(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        body = str(app.screen.query_one("#help-body").render())
        for keys, action in (
            ("tab", "Next pane"),
            ("shift+tab", "Previous pane"),
            ("1", "Timeline"),
            ("/", "Search"),
            ("n", "Next match"),
            ("N", "Previous match"),
            ("esc", "Back"),
            ("?", "Help"),
            ("q", "Quit"),
            ("^p", "Jump to"),
            ("down j", "Next row"),
            ("g home", "First row"),
            ("G end", "Last row"),
            ("pgdn", "Page down"),
            ("enter", "open the selected row"),
            ("f", "Filter by actor"),
        ):
            assert any(
                line.split("  ")[1:2] == [keys] or line.strip().startswith(keys + " ")
                for line in body.splitlines()
                if action in line
            ), (keys, action)
        scroll = app.screen.query_one("#help-scroll", VerticalScroll)
        await pilot.press("j", "j")
        assert scroll.scroll_y == 2
        await pilot.press("pagedown")
        assert scroll.scroll_y > 2
        await pilot.press("g")
        assert scroll.scroll_y == 0
        await pilot.press("G")
        assert scroll.scroll_y == scroll.max_scroll_y > 0
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")  # closes the help, does not quit
        assert not isinstance(app.screen, HelpScreen) and app.is_running
        await pilot.press("question_mark", "question_mark")
        assert not isinstance(app.screen, HelpScreen)


async def test_help_follows_a_remapped_key(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.set_keymap({"pane.next": "x"})
        await pilot.press("x")
        assert ui.browser(app).current_pane == "actors"
        await pilot.press("question_mark")
        body = str(app.screen.query_one("#help-body").render())
        line = next(line for line in body.splitlines() if "Next pane" in line)
        assert line.split()[0] == "x"


@pytest.mark.parametrize(
    ("query", "target", "pane"),
    [
        ("Tajikistan from Takhar", ("incident", "tajikistan-rockets"), "timeline"),
        ("Andrew Mines", ("actor", "andrew-mines"), "actors"),
        ("fly directly", ("quote", "mines-fly-in-the-face"), "quotes"),
    ],
)
async def test_palette_jumps_to_incident_actor_or_quote(ui, query, target, pane) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await ui.until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*query)
        command_list = app.screen.query_one(CommandList)
        await ui.until(pilot, lambda: command_list.option_count > 0)
        await pilot.press("enter")
        await ui.until(pilot, lambda: not isinstance(app.screen, CommandPalette))
        assert ui.detail(app).target == target
        assert ui.browser(app).current_pane == pane
        assert app.focused is ui.pane(app, pane)


async def test_q_quits(ui) -> None:
    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


def listed(pane: ListPane) -> list[tuple[RecordKind, str]]:
    """The records a pane lists, in order (group headers left out)."""
    return [(r.kind, r.record_id) for r in pane.rows if r.kind and r.record_id]


@pytest.mark.parametrize("name", ["seed", "three_governments", "empty", "partial_dates", "hostile"])
async def test_keys_on_every_fixture_story(ui, name: str) -> None:
    """Every common key, in the order a reader uses them, on every fixture
    story (an empty one too): after each key, what it did.  Where a key has
    nothing to act on (no rows, no second row), it changes nothing."""
    app = ui.app(name)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, detail = ui.browser(app), ui.detail(app)
        timeline, actors, quotes = (ui.pane(app, p) for p in ("timeline", "actors", "quotes"))
        rows = listed(timeline)

        def at(pane: ListPane, index: int) -> tuple[RecordKind, str] | None:
            found = listed(pane)
            return found[min(index, len(found) - 1)] if found else None

        async def shows(target: tuple[RecordKind, str] | None) -> None:
            if target is not None:
                await ui.until(pilot, lambda: detail.target == target)

        async def press(key: str, pane: ListPane, selected: object) -> None:
            await pilot.press(key)
            assert (key, app.focused, pane.selected) == (key, pane, selected)

        # The browser opens on the story's overview, the first row selected.
        assert app.focused is timeline and timeline.selected == at(timeline, 0)
        assert detail.target is None and "Story overview" in ui.screen_text(app)
        # Moving in the timeline: each key moves the cursor, the detail follows.
        await press("j", timeline, at(timeline, 1))
        await shows(at(timeline, 1))
        await press("G", timeline, at(timeline, len(rows) - 1))
        await shows(at(timeline, len(rows) - 1))
        await press("g", timeline, at(timeline, 0))
        page = timeline.scrollable_content_region.height - 1
        await press("pagedown", timeline, at(timeline, page))
        await press("pageup", timeline, at(timeline, 0))
        await shows(at(timeline, 0))

        # enter opens the row in the detail; escape goes back to the list.
        await pilot.press("enter")
        if rows:
            assert detail.has_focus_within and detail.target == rows[0]
            assert "esc: back to the list" in ui.screen_text(app)
        else:
            assert app.focused is timeline and detail.target is None
        await pilot.press("escape")
        assert app.focused is timeline and not detail.has_focus_within

        # tab and shift+tab cycle the panes; 2 shows the actors.
        await pilot.press("tab")
        assert app.focused is actors and screen.current_pane == "actors"
        await pilot.press("shift+tab")
        assert app.focused is timeline and screen.current_pane == "timeline"
        await press("2", actors, at(actors, 0))
        assert actors.display and not timeline.display
        await shows(at(actors, 0))
        await press("j", actors, at(actors, 1))

        # f filters the timeline and quotes by the actor under the cursor.
        chosen = actors.selected_id
        await pilot.press("f")
        assert screen.filter_actor == chosen
        assert timeline.filter_actor == quotes.filter_actor == chosen  # bound to the screen's
        if chosen is not None:
            assert timeline.count <= timeline.total and quotes.count <= quotes.total
            assert f"({timeline.count}/{timeline.total})" in ui.screen_text(app)
            shown = "timeline" if timeline.count or not quotes.count else "quotes"
            assert screen.current_pane == shown and app.focused is ui.pane(app, shown)
            assert "Filter: " in ui.screen_text(app)

        # 3: the quotes (under the filter); enter opens one, escape comes back.
        await press("3", quotes, at(quotes, 0))
        await press("j", quotes, at(quotes, 1))
        opened = quotes.selected
        await pilot.press("enter")
        assert detail.has_focus_within == (opened is not None)
        if opened is not None:
            assert detail.target == opened
        await pilot.press("escape")
        assert app.focused is quotes
        await pilot.press("escape")  # clears the filter
        assert screen.filter_actor is None and timeline.filter_actor is None
        assert quotes.count == quotes.total and "Filter: " not in ui.screen_text(app)
        await press("1", timeline, timeline.selected)
        assert screen.current_pane == "timeline"

        # / searches as you type; enter keeps it; n and N step; escape clears.
        await pilot.press("slash")
        assert app.focused is screen.search_bar and screen.searching
        await pilot.press("a")
        search = screen.search
        assert search.query == "a"
        assert search.hit is not None, "every fixture story has an 'a' in its headline"
        await pilot.press("enter")
        assert not screen.searching and app.focused is not screen.search_bar
        total = len(occurrences(screen.story, "a"))
        first = search.ordinal
        await pilot.press("n")
        assert search.ordinal == first % total + 1
        hit = search.hit
        if hit is not None and hit.navigable:
            # The story's own metadata (record id ""): its overview.
            shown = (hit.kind, hit.record_id) if hit.record_id else None
            assert detail.target == shown
        await pilot.press("N")
        assert search.ordinal == first
        if detail.has_focus_within:  # a match only the detail shows: back to the list first
            await pilot.press("escape")
        await pilot.press("escape")
        assert search.query == "" and search.hit is None
        assert "Search “a”" not in ui.screen_text(app)

        # ? shows the help; escape closes it.
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "Next pane" in str(app.screen.query_one("#help-body").render())
        await pilot.press("escape")
        assert app.screen is screen and app.is_running


async def test_a_move_leaves_the_footer_and_unchanged_labels_alone(ui, monkeypatch) -> None:
    """Moving between two incidents changes neither the keys the detail
    offers nor the detail's label: the footer's bindings are not refreshed
    and the label is not updated (each would repaint an unchanged line)."""
    from textual.widgets import Static

    from tui.widgets.detail import DetailPane

    app = ui.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j")  # context event, then the first incident
        await ui.settle(pilot)
        calls: list[str] = []
        monkeypatch.setattr(DetailPane, "refresh_bindings", lambda self: calls.append("bindings"))
        original = Static.update

        def update(self: Static, *args: object, **kwargs: object) -> None:
            calls.append(f"update #{self.id}")
            original(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Static, "update", update)
        await pilot.press("j")  # the next incident
        await ui.settle(pilot)
        assert ui.detail(app).target == ("incident", "tajikistan-rockets")
        assert "bindings" not in calls
        assert "update #detail-label" not in calls
        await pilot.press("2")  # the actors pane: an actor is shown, "f" appears
        await ui.settle(pilot)
        assert "bindings" in calls and "update #detail-label" in calls
