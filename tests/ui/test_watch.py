"""Live reload in the browser (``storybrowse --watch``), driven with Pilot.

The app polls the file every WATCH_INTERVAL seconds and loads a version
once it has been unchanged for WATCH_SETTLE seconds; the tests write the
file the ways editors do and wait (with a timeout, see ``ui.until``) for the
view to show the new version.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tui import cli
from tui.app import StoryBrowser, create_app
from tui.screens.browser import BrowserScreen
from tui.screens.live import LiveBrowserScreen
from tui.screens.panes import PANES
from tui.story.errors import Problem
from tui.story.load import check_story, load_story
from tui.widgets.problems import ProblemsPanel

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "story.yaml"
ORIGINAL = SEED.read_text(encoding="utf-8")
TERMEZ = "Claimed rocket attack on Termez, Uzbekistan"
WATCH_INTERVAL = 0.02
WATCH_SETTLE = 0.1
SIZE = (100, 30)


# -- helpers ------------------------------------------------------------------------
@pytest.fixture
def story_file(tmp_path: Path) -> Path:
    path = tmp_path / "story.yaml"
    path.write_text(ORIGINAL, encoding="utf-8")
    return path


def edited(*pairs: tuple[str, str]) -> str:
    text = ORIGINAL
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def watched(path: Path, **kwargs: Any) -> StoryBrowser:
    options: dict[str, Any] = {"watch_interval": WATCH_INTERVAL, "watch_settle": WATCH_SETTLE}
    options.update(kwargs)
    return create_app(load_story(path), path=path, theme="textual-dark", watch=True, **options)


def save_atomic(path: Path, text: str) -> None:
    """Write a temporary file beside *path*, then rename it over *path*."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def panel(app: StoryBrowser) -> ProblemsPanel | None:
    screen = app.screen_stack[0]
    assert isinstance(screen, BrowserScreen)
    return screen.problems_panel


def record_problem_panels(
    app: StoryBrowser, monkeypatch: pytest.MonkeyPatch
) -> list[list[Problem]]:
    """Every call that shows the error panel, as it happens."""
    screen = app.screen_stack[0]
    assert isinstance(screen, BrowserScreen)
    calls: list[list[Problem]] = []
    show = screen.show_problems

    def recording(file_label: str, problems: Sequence[Problem]) -> None:
        calls.append(list(problems))
        show(file_label, problems)

    monkeypatch.setattr(screen, "show_problems", recording)
    return calls


def timeline_has(ui: Any, app: StoryBrowser, text: str) -> Callable[[], bool]:
    return lambda: any(text in row for row in ui.rows(app, "timeline"))


def place(app: StoryBrowser) -> dict[str, object]:
    """Where the reader is."""
    screen = app.screen
    assert isinstance(screen, BrowserScreen)
    hit = screen.search.hit
    return {
        "pane": screen.current_pane,
        "selected": {name: screen.pane(name).selected_id for name in PANES},
        "target": screen.detail.target,
        "filter": screen.filter_actor,
        "query": screen.search.query,
        "hit": (hit.record_id, hit.field) if hit else None,  # its number may change
        "focused": app.focused.id if app.focused else None,
    }


async def wait_reloaded(ui: Any, pilot: Pilot[None], app: StoryBrowser, title: str) -> None:
    await ui.until(pilot, timeline_has(ui, app, title))


# -- the save patterns ----------------------------------------------------------------
async def test_reload_after_atomic_rename(
    ui: Any, story_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = watched(story_file)
    notes: list[tuple[str, dict[str, object]]] = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: notes.append((message, kw)))
    async with app.run_test(size=SIZE) as pilot:
        old_story = app.story
        save_atomic(story_file, edited((TERMEZ, "Renamed into place")))
        await wait_reloaded(ui, pilot, app, "Renamed into place")
        assert app.story is not old_story
        assert app.story.incident("termez-rockets").title == "Renamed into place"
        assert panel(app) is None
        assert notes == [("Reloaded story.yaml", {"markup": False, "timeout": 3})]


async def test_reload_after_truncate_then_write_in_place(ui: Any, story_file: Path) -> None:
    app = watched(story_file)
    async with app.run_test(size=SIZE) as pilot:
        inode = story_file.stat().st_ino
        with open(story_file, "r+", encoding="utf-8") as fh:
            fh.truncate(0)
            fh.flush()
            await pilot.pause(WATCH_SETTLE / 4)  # the empty file is polled meanwhile
            fh.write(edited((TERMEZ, "Written in place")))
        assert story_file.stat().st_ino == inode
        await wait_reloaded(ui, pilot, app, "Written in place")
        assert panel(app) is None


async def test_reload_after_several_quick_writes(ui: Any, story_file: Path) -> None:
    app = watched(story_file)
    async with app.run_test(size=SIZE) as pilot:
        for n in range(5):
            story_file.write_text(edited((TERMEZ, f"Save number {n}")), encoding="utf-8")
            await pilot.pause(0.01)
        await wait_reloaded(ui, pilot, app, "Save number 4")
        await pilot.pause(WATCH_SETTLE * 2)
        assert app.story.incident("termez-rockets").title == "Save number 4"
        assert panel(app) is None


async def test_reload_after_delete_then_recreate(ui: Any, story_file: Path) -> None:
    app = watched(story_file)
    async with app.run_test(size=SIZE) as pilot:
        story_file.unlink()
        await pilot.pause(WATCH_SETTLE / 4)
        story_file.write_text(edited((TERMEZ, "Recreated")), encoding="utf-8")
        await wait_reloaded(ui, pilot, app, "Recreated")
        assert panel(app) is None


async def test_a_deleted_file_is_reported_until_it_comes_back(ui: Any, story_file: Path) -> None:
    app = watched(story_file)
    async with app.run_test(size=SIZE) as pilot:
        rows = ui.rows(app, "timeline")
        story_file.unlink()
        await ui.until(pilot, lambda: panel(app) is not None)
        shown = panel(app)
        assert shown is not None and shown.text.startswith(f"{story_file}: no such file")
        assert ui.rows(app, "timeline") == rows
        story_file.write_text(edited((TERMEZ, "Back again")), encoding="utf-8")
        await wait_reloaded(ui, pilot, app, "Back again")
        assert panel(app) is None


async def test_half_written_file_never_shows_an_error(
    ui: Any, story_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer that stops half-way for less than the settle time: the half
    file is polled several times, but never loaded.  (A writer that stops
    for longer than the settle time does show its half file's errors, until
    it finishes.)"""
    settle = 0.4
    app = watched(story_file, watch_settle=settle)
    full = edited((TERMEZ, "Completed"))
    half = full[: full.index("Completed") + 4]  # cut inside the new title
    half_path = story_file.with_name("half.yaml")
    half_path.write_text(half, encoding="utf-8")
    assert check_story(half_path)[0] is None  # the half file really is invalid
    async with app.run_test(size=SIZE) as pilot:
        shown = record_problem_panels(app, monkeypatch)
        with open(story_file, "w", encoding="utf-8") as fh:
            fh.write(half)
            fh.flush()
            await pilot.pause(0.1)  # a quarter of the settle time: ~5 polls see the half file
            fh.write(full[len(half) :])
        await wait_reloaded(ui, pilot, app, "Completed")
        await pilot.pause(settle)
        assert shown == []
        assert panel(app) is None


# -- keeping the reader's place ------------------------------------------------------
async def test_reload_keeps_pane_selection_filter_search_and_detail(
    ui: Any, story_file: Path
) -> None:
    app = watched(story_file)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ui.browser(app)
        # Selections in every pane, a filter, a search on its second match.
        screen.navigate("quote", "mines-showcase-failures", focus="list")
        screen.navigate("actor", "gov-uzbekistan", focus="list")
        screen.apply_filter("gov-uzbekistan")
        await pilot.press("slash", *"rocket", "enter")
        await pilot.press("n")
        await ui.settle(pilot)
        screen.set_focus(ui.detail(app))  # the detail, scrolled down a little
        await pilot.press("pagedown")
        await ui.settle(pilot)
        before = place(app)
        scrolled = ui.detail(app).scroll_y
        assert before["filter"] == "gov-uzbekistan" and before["query"] == "rocket"
        assert before["focused"] == "detail" and scrolled > 0
        assert before["target"] is not None

        save_atomic(story_file, edited((TERMEZ, "Termez, retitled")))
        await ui.until(pilot, lambda: app.story.incident("termez-rockets").title.endswith("led"))
        await ui.settle(pilot)
        assert place(app) == before
        assert ui.detail(app).scroll_y == scrolled
        assert any("Termez, retitled" in row for row in ui.rows(app, "timeline"))


async def test_the_detail_shows_the_new_text_of_the_same_record(ui: Any, story_file: Path) -> None:
    app = watched(story_file)
    async with app.run_test(size=(120, 40)) as pilot:
        ui.browser(app).navigate("incident", "termez-rockets", focus="list")
        await ui.settle(pilot)
        assert TERMEZ in ui.screen_text(app)
        save_atomic(story_file, edited((TERMEZ, "A new title for Termez")))
        await ui.until(pilot, lambda: "A new title for Termez" in ui.screen_text(app))
        assert ui.detail(app).target == ("incident", "termez-rockets")


async def test_a_removed_record_gives_way_to_the_nearest_row(ui: Any, story_file: Path) -> None:
    app = watched(story_file)
    start = ORIGINAL.index("  - id: termez-rockets")
    end = ORIGINAL.index("  - id: tajikistan-rockets")
    without_termez = ORIGINAL[:start] + ORIGINAL[end:]
    without_termez = without_termez.replace(" termez-rockets,", "")
    assert check_story_text_ok(without_termez, story_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = ui.browser(app)
        screen.navigate("incident", "termez-rockets", focus="list")
        await ui.settle(pilot)
        cursor = screen.pane("timeline").cursor
        save_atomic(story_file, without_termez)
        await ui.until(pilot, lambda: app.story.get("termez-rockets") is None)
        await ui.settle(pilot)
        timeline = screen.pane("timeline")
        assert timeline.cursor == cursor  # the row that took its place
        assert timeline.selected == ("incident", "tajikistan-rockets")
        assert ui.detail(app).target == ("incident", "tajikistan-rockets")
        assert "Not found" not in ui.screen_text(app)
        assert app.focused is timeline


async def test_a_removed_filter_actor_clears_the_filter(ui: Any, story_file: Path) -> None:
    app = watched(story_file)
    text = edited(("gov-uzbekistan", "gov-uzbekistan-renamed"))
    # Every reference to the actor too, so that the new version is valid.
    text = text.replace("gov-uzbekistan\n", "gov-uzbekistan-renamed\n").replace(
        "gov-uzbekistan]", "gov-uzbekistan-renamed]"
    )
    text = text.replace("gov-uzbekistan,", "gov-uzbekistan-renamed,")
    assert check_story_text_ok(text, story_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = ui.browser(app)
        screen.navigate("actor", "gov-uzbekistan", focus="list")
        screen.apply_filter("gov-uzbekistan")
        await ui.settle(pilot)
        filtered = len(ui.rows(app, "timeline"))
        save_atomic(story_file, text)
        await ui.until(pilot, lambda: app.story.get("gov-uzbekistan") is None)
        await ui.settle(pilot)
        assert screen.filter_actor is None
        assert len(ui.rows(app, "timeline")) > filtered
        assert "filter cleared" in ui.screen_text(app)
        assert screen.pane("actors").selected_id is not None


def check_story_text_ok(text: str, like: Path) -> bool:
    probe = like.with_name("probe.yaml")
    probe.write_text(text, encoding="utf-8")
    story, problems = check_story(probe)
    assert story is not None, [p.format() for p in problems]
    return True


# -- errors ------------------------------------------------------------------------------


async def test_an_invalid_save_shows_every_problem_and_keeps_the_last_good_view(
    ui: Any, story_file: Path
) -> None:
    app = watched(story_file)
    async with app.run_test(size=(80, 24)) as pilot:
        ui.browser(app).navigate("incident", "termez-rockets", focus="list")
        await ui.settle(pilot)
        good_story, good_rows = app.story, ui.rows(app, "timeline")
        good_detail = ui.detail(app).target
        bad = edited(("stance: denied", "stance: deny"), ("id: isk\n", "id: isk\n    bogus: 1\n"))
        bad_line = bad[: bad.index("stance: deny")].count("\n") + 1
        save_atomic(story_file, bad)
        await ui.until(pilot, lambda: panel(app) is not None)
        await pilot.pause()
        expected = check_story(story_file)[1]
        assert len([p for p in expected if p.is_error]) == 2
        shown = panel(app)
        assert shown is not None
        lines = shown.text.splitlines()
        assert lines == [p.format() for p in expected]
        assert any(line.startswith(f"{story_file}:{bad_line}:") for line in lines)
        text = ui.screen_text(app)
        assert "story.yaml: 2 errors — showing the last good version" in text
        assert "x Dismiss" in text  # the key, in the footer
        assert app.story is good_story
        assert ui.rows(app, "timeline") == good_rows
        assert ui.detail(app).target == good_detail

        # Fixed: the panel goes, the new version is shown.
        save_atomic(story_file, edited((TERMEZ, "Fixed and retitled")))
        await wait_reloaded(ui, pilot, app, "Fixed and retitled")
        await pilot.pause()
        assert panel(app) is None
        assert "x Dismiss" not in ui.screen_text(app)
        assert ui.detail(app).target == good_detail


async def test_x_dismisses_the_panel_until_the_next_bad_save(ui: Any, story_file: Path) -> None:
    app = watched(story_file)
    async with app.run_test(size=SIZE) as pilot:
        save_atomic(story_file, edited(("stance: denied", "stance: deny")))
        await ui.until(pilot, lambda: panel(app) is not None)
        focused = app.focused
        await pilot.press("x")
        await pilot.pause()
        assert panel(app) is None
        assert app.focused is focused
        await pilot.pause(WATCH_SETTLE * 3)
        assert panel(app) is None  # the same bad version does not bring it back
        save_atomic(story_file, edited(("stance: denied", "stance: refuted")))
        await ui.until(pilot, lambda: panel(app) is not None)
        shown = panel(app)
        assert shown is not None and "'refuted'" in shown.text


async def test_escape_in_the_panel_dismisses_it(ui: Any, story_file: Path) -> None:
    app = watched(story_file)
    async with app.run_test(size=SIZE) as pilot:
        save_atomic(story_file, edited(("stance: denied", "stance: deny")))
        await ui.until(pilot, lambda: panel(app) is not None)
        await pilot.press(
            "tab", "tab", "tab", "tab", "tab"
        )  # actors, quotes, sources, detail, panel
        shown = panel(app)
        assert shown is not None and app.focused is shown.list
        await pilot.press("escape")
        await pilot.pause()
        assert panel(app) is None
        assert app.focused is ui.pane(app, "sources")  # the current pane


async def test_tab_as_the_panel_appears_skips_it_until_it_is_composed(
    ui: Any, story_file: Path
) -> None:
    """A key handled in the same tick as the failed reload (the panel is
    mounting, its list does not exist yet) must not reach into the panel:
    tab goes on without it, and reaches it once it is on screen."""
    app = watched(story_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = ui.browser(app)
        await pilot.press("tab", "tab", "tab", "tab")  # actors, quotes, sources, detail
        assert ui.detail(app).has_focus_within
        problems = check_story(story_file.parent / "missing.yaml")[1]
        screen.show_problems("story.yaml", problems)
        assert screen.problems_panel is None  # mounting: not usable yet
        screen.action_next_pane()  # tab, before the panel has composed
        assert app.focused is ui.pane(app, "timeline")
        await ui.until(pilot, lambda: panel(app) is not None)
        await pilot.press("shift+tab")
        shown = panel(app)
        assert shown is not None and app.focused is shown.list


async def test_x_is_text_in_the_search_bar_and_does_nothing_without_a_panel(
    ui: Any, story_file: Path
) -> None:
    app = watched(story_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        assert "x Dismiss" not in ui.screen_text(app)
        save_atomic(story_file, edited(("stance: denied", "stance: deny")))
        await ui.until(pilot, lambda: panel(app) is not None)
        await pilot.press("slash", "x")
        assert ui.browser(app).search_bar.value == "x"
        assert panel(app) is not None


async def test_many_problems_scroll(ui: Any, story_file: Path) -> None:
    app = watched(story_file)
    keys = "".join(f"  bogus{n}: {n}\n" for n in range(30))
    bad = edited(("story:\n", "story:\n" + keys))
    async with app.run_test(size=(80, 24)) as pilot:
        save_atomic(story_file, bad)
        await ui.until(pilot, lambda: panel(app) is not None)
        await pilot.pause()
        shown = panel(app)
        assert shown is not None
        assert len(shown.text.splitlines()) == len(check_story(story_file)[1]) >= 30
        problems = shown.list
        assert problems.max_scroll_y > 0
        problems.focus()
        await pilot.press("end")
        await ui.until(pilot, lambda: problems.scroll_y == problems.max_scroll_y)
        assert "bogus29" in ui.screen_text(app)


async def test_problem_text_is_never_markup(ui: Any, story_file: Path) -> None:
    app = watched(story_file)
    async with app.run_test(size=(120, 30)) as pilot:
        bad = edited(("stance: denied", 'stance: "[@click=app.quit]deny[/] [red]x"'))
        save_atomic(story_file, bad)
        await ui.until(pilot, lambda: panel(app) is not None)
        await pilot.pause()
        assert "[@click=app.quit]deny[/] [red]x" in ui.screen_text(app)
        assert app.is_running


async def test_reload_while_the_help_is_open(ui: Any, story_file: Path) -> None:
    app = watched(story_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert not isinstance(app.screen, BrowserScreen)
        save_atomic(story_file, edited((TERMEZ, "Changed behind the help")))
        await ui.until(pilot, lambda: app.story.incident("termez-rockets").title.startswith("Ch"))
        save_atomic(story_file, edited(("stance: denied", "stance: deny")))
        await ui.until(pilot, lambda: panel(app) is not None)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BrowserScreen)
        assert any("Changed behind the help" in row for row in ui.rows(app, "timeline"))


# -- the plain browser and the command line ----------------------------------------------
async def test_without_watch_nothing_polls_and_x_is_not_a_key(ui: Any, story_file: Path) -> None:
    app = create_app(load_story(story_file), path=story_file)
    async with app.run_test(size=SIZE) as pilot:
        assert not app.watching
        save_atomic(story_file, edited((TERMEZ, "Not watched")))
        await pilot.pause(0.5)
        assert not any("Not watched" in row for row in ui.rows(app, "timeline"))
    # With a file, `e` can edit it and its reload may show the error panel,
    # so x is a key; without a file (or under serve without --watch), not.
    app = create_app(load_story(story_file))
    async with app.run_test(size=SIZE):
        assert type(app.screen) is BrowserScreen
        keys = [k for _, rows in ui.browser(app).help_sections() for k, _ in rows]
        assert "x" not in keys


async def test_with_watch_the_help_lists_the_dismiss_key(ui: Any, story_file: Path) -> None:
    app = watched(story_file)
    async with app.run_test(size=SIZE):
        assert type(app.screen) is LiveBrowserScreen
        rows = [r for _, rows in ui.browser(app).help_sections() for r in rows]
        assert any(keys == "x" and "error" in text for keys, text in rows)


@pytest.fixture
def app_runs(monkeypatch: pytest.MonkeyPatch) -> list[StoryBrowser]:
    from textual.app import App

    runs: list[StoryBrowser] = []

    def fake_run(self: StoryBrowser, **kwargs: object) -> None:
        runs.append(self)

    monkeypatch.setattr(App, "run", fake_run)
    # No real terminal is needed: stdout stands in for one.
    from tui.terminal import tty

    monkeypatch.setattr(tty, "find_terminal", lambda: tty.Terminal(0, sys.stdout))
    monkeypatch.setattr(tty, "refuse_term", lambda environ, fd: None)
    return runs


def test_cli_watch_flag(story_file: Path, app_runs: list[StoryBrowser]) -> None:
    assert cli.main([str(story_file), "--watch"]) == 0
    assert cli.main([str(story_file)]) == 0
    watching, plain = app_runs
    assert watching.watching and watching.file_watch is not None
    assert watching.file_watch.path == story_file
    assert not plain.watching


async def test_search_opened_from_the_panel_survives_its_removal(ui: Any, story_file: Path) -> None:
    app = watched(story_file)
    async with app.run_test(size=SIZE) as pilot:
        save_atomic(story_file, edited(("stance: denied", "stance: deny")))
        await ui.until(pilot, lambda: panel(app) is not None)
        shown = panel(app)
        assert shown is not None
        ui.browser(app).set_focus(shown.list)
        await pilot.press("slash", *"Termez")
        save_atomic(story_file, edited((TERMEZ, "Fixed while searching")))
        await ui.until(pilot, lambda: panel(app) is None)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
        assert app.focused is ui.pane(app, "timeline")
        assert any("Fixed while searching" in row for row in ui.rows(app, "timeline"))


async def test_the_reloaded_toast_never_covers_the_error_panel(ui: Any, story_file: Path) -> None:
    app = watched(story_file)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        save_atomic(story_file, edited((TERMEZ, "Saved once")))
        await ui.until(pilot, lambda: "Reloaded story.yaml" in ui.screen_text(app))
        save_atomic(story_file, edited((TERMEZ, "Saved twice"), ("stance: denied", "stance: deny")))
        await ui.until(pilot, lambda: panel(app) is not None)
        await pilot.pause()
        text = ui.screen_text(app)
        assert "Reloaded story.yaml" not in text
        # The path names the record by its id, so the message wraps.
        assert "(did you mean 'denied'?)" in " ".join(text.split())
