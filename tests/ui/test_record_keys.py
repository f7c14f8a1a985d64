"""z (room to read), y / Y (copy, OSC 52), e (edit in $EDITOR), the deep
link ``storybrowse FILE ID`` and a remapped key, driven with Pilot."""

from __future__ import annotations

import base64
import io
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from tui import cli
from tui.app import StoryBrowser, create_app
from tui.screens.help import HelpScreen
from tui.screens.live import LiveBrowserScreen
from tui.story.load import load_story
from tui.story.record_lines import record_line
from tui.widgets.detail import DetailPane
from tui.widgets.listpane import ListPane

SIZE = (80, 24)


def status(app: StoryBrowser) -> str:
    return str(app.screen.query_one("#search-line").render())


# -- z ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_z_gives_the_detail_the_whole_height_and_back(ui: Any, size: tuple[int, int]) -> None:
    app = ui.app("three_governments")
    async with app.run_test(size=size) as pilot:
        screen = ui.browser(app)
        await pilot.press("enter")
        detail = ui.detail(app)
        before = detail.region.height
        await pilot.press("z")
        await pilot.pause()
        assert screen.zoomed and screen.has_class("-zoomed")
        assert not screen.query_one("#lists").display
        assert not screen.query_one("#tabs").display
        assert "z or esc: the lists back" in ui.screen_text(app)  # the label says how back
        # Only the title, the detail's label and the footer besides it.
        assert detail.region.height == size[1] - 3 > before
        assert app.focused is detail
        # z again: the lists are back.
        await pilot.press("z")
        await pilot.pause()
        assert not screen.zoomed and screen.query_one("#lists").display
        assert detail.region.height == before
        # escape also gives them back, and only that (the detail keeps the focus).
        await pilot.press("z", "escape")
        await pilot.pause()
        assert not screen.zoomed and app.focused is detail
        # A key that goes to a list gives the lists back too.
        await pilot.press("z", "2")
        await pilot.pause()
        assert not screen.zoomed
        assert isinstance(app.focused, ListPane) and app.focused.id == "actors"


async def test_z_from_a_list_moves_to_the_detail(ui: Any) -> None:
    app = ui.app("three_governments")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "z")
        await ui.settle(pilot)
        assert app.focused is ui.detail(app)
        assert ui.detail(app).target == ui.pane(app, "timeline").selected
        assert "Claim" in ui.screen_text(app) or "CLAIM" in ui.screen_text(app)


# -- y, Y ----------------------------------------------------------------------------


@contextmanager
def terminal_output(app: StoryBrowser) -> Iterator[list[str]]:
    """What the app writes to its terminal, while in the block."""
    written: list[str] = []
    driver = app._driver
    assert driver is not None
    original = driver.write

    def write(data: str) -> None:
        written.append(data)
        original(data)

    driver.write = write  # type: ignore[method-assign]
    try:
        yield written
    finally:
        driver.write = original  # type: ignore[method-assign]


def osc52(text: str) -> str:
    return "\x1b]52;c;" + base64.b64encode(text.encode("utf-8")).decode("ascii") + "\a"


async def test_y_copies_the_id_with_osc_52_and_says_so(ui: Any) -> None:
    app = ui.app("three_governments", start_at="samplavia")
    async with app.run_test(size=SIZE) as pilot:
        with terminal_output(app) as written:
            await pilot.press("y")
            await pilot.pause()
        assert osc52("samplavia") in "".join(written)
        assert "copied the id samplavia to the clipboard" in ui.screen_text(app)


async def test_shift_y_copies_the_view_as_show_prints_it_in_markdown(
    ui: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    path = ui.STORIES / "three_governments.yaml"
    app = create_app(load_story(path), path=path, start_at="port-strike")
    async with app.run_test(size=SIZE) as pilot:
        with terminal_output(app) as written:
            await pilot.press("Y")
            await pilot.pause()
        copied = app.clipboard
        assert osc52(copied) in "".join(written)
        text = ui.screen_text(app)
        assert "copied port-strike as Markdown" in text
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli.main(["show", str(path), "port-strike", "--format", "markdown"]) == 0
    assert copied == out.getvalue()
    assert "Samplavia denied that any drone was launched" in copied


async def test_y_on_a_story_with_nothing_in_it(ui: Any) -> None:
    app = ui.app("empty")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == ""
        assert "nothing to copy" in ui.screen_text(app)


# -- e -------------------------------------------------------------------------------

FAKE_EDITOR = """\
#!/bin/sh
# Records its arguments, then edits the story as a person would.
printf '%s\\n' "$@" > "{log}"
file="$2"
{edit}
"""


@pytest.fixture
def story_copy(tmp_path: Path, ui: Any) -> Path:
    path = tmp_path / "contested.yaml"
    shutil.copy(ui.STORIES / "three_governments.yaml", path)
    return path


def fake_editor(tmp_path: Path, edit: str) -> tuple[str, Path]:
    log = tmp_path / "editor-args"
    script = tmp_path / "fake editor.sh"  # a space: $VISUAL is split like a shell's
    script.write_text(FAKE_EDITOR.format(log=log, edit=edit))
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return f"'{script}'", log


def editable_app(path: Path, **kwargs: object) -> StoryBrowser:
    """The app, with App.suspend recorded (the test driver cannot suspend)."""
    app = create_app(load_story(path), path=path, **kwargs)  # type: ignore[arg-type]
    app.suspended = 0  # type: ignore[attr-defined]

    @contextmanager
    def suspend() -> Iterator[None]:
        app.suspended += 1  # type: ignore[attr-defined]
        yield

    app.suspend = suspend  # type: ignore[method-assign]
    return app


async def test_e_opens_the_editor_at_the_record_and_reloads_keeping_the_place(
    ui: Any, story_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    visual, log = fake_editor(
        tmp_path,
        "sed -i 's/Rocket fire near the Demopolis bridge/Rocket fire, later admitted/' \"$file\"",
    )
    monkeypatch.setenv("VISUAL", visual)
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")  # VISUAL wins
    app = editable_app(story_copy, start_at="bridge-fire")
    async with app.run_test(size=SIZE) as pilot:
        screen = ui.browser(app)
        assert isinstance(screen, LiveBrowserScreen)  # the panel, if the edit breaks it
        await pilot.pause()
        target = ui.detail(app).target
        assert target == ("incident", "bridge-fire")
        await pilot.press("e")
        await ui.until(pilot, lambda: "Rocket fire, later admitted" in ui.screen_text(app))
        assert app.suspended == 1  # type: ignore[attr-defined]
        line = record_line(story_copy.read_text(), "bridge-fire")
        assert log.read_text().splitlines() == [f"+{line}", str(story_copy)]
        assert line is not None and "bridge-fire" in story_copy.read_text().splitlines()[line - 1]
        # The place is kept: the same record, in the detail, with the focus.
        assert ui.detail(app).target == target
        assert app.focused is ui.detail(app)
        assert ui.pane(app, "timeline").selected_id == "bridge-fire"


async def test_an_edit_that_breaks_the_file_shows_the_problems_over_the_last_good_version(
    ui: Any, story_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    visual, _log = fake_editor(tmp_path, "printf 'bogus_key: 1\\n' >> \"$file\"")
    monkeypatch.setenv("VISUAL", visual)
    app = editable_app(story_copy, start_at="port-strike")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        screen = ui.browser(app)
        assert isinstance(screen, LiveBrowserScreen)
        await ui.until(pilot, lambda: screen.problems_panel is not None)
        await pilot.pause()
        text = ui.screen_text(app)
        assert "bogus_key" in text and "last good version" in text
        assert ui.detail(app).target == ("incident", "port-strike")


async def test_e_without_a_change_says_so(
    ui: Any, story_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    visual, log = fake_editor(tmp_path, "true")
    monkeypatch.setenv("VISUAL", visual)
    app = editable_app(story_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await ui.until(pilot, lambda: "contested.yaml was not changed" in ui.screen_text(app))
        assert log.exists()


async def test_a_missing_editor_is_a_message_not_a_crash(
    ui: Any, story_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "/nonexistent/editor --wait")
    app = editable_app(story_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert "no editor '/nonexistent/editor'" in ui.screen_text(app)
        assert app.is_running


async def test_e_is_refused_in_restricted_mode_and_without_a_file(
    ui: Any, story_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    visual, log = fake_editor(tmp_path, "true")
    monkeypatch.setenv("VISUAL", visual)
    app = editable_app(story_copy, restricted=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert "editing is not available here" in ui.screen_text(app)
        assert app.suspended == 0  # type: ignore[attr-defined]
    app = create_app(load_story(story_copy))  # no path: not read from a file
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert "editing needs a story file" in ui.screen_text(app)
    assert not log.exists()


# -- storybrowse FILE ID ------------------------------------------------------------


@pytest.mark.parametrize(
    ("story", "record_id", "pane", "shown"),
    [
        ("three_governments", "samplavia", "actors", ("actor", "samplavia")),
        ("three_governments", "q-port", "quotes", ("quote", "q-port")),
        ("three_governments", "bridge-fire", "timeline", ("incident", "bridge-fire")),
        ("three_governments", "lumen-accord", "timeline", ("context", "lumen-accord")),
        # A claim opens its incident; a source, in the sources list (issue 13).
        ("competing_claims", "group-claim", "timeline", ("incident", "pipeline-blast")),
        ("three_governments", "gazette", "sources", ("source", "gazette")),
    ],
)
async def test_a_deep_link_opens_the_record(
    ui: Any, story: str, record_id: str, pane: str, shown: tuple[str, str]
) -> None:
    app = ui.app(story, start_at=record_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        detail = ui.detail(app)
        assert detail.target == shown
        assert app.focused is detail
        assert ui.browser(app).current_pane == pane
        assert ui.pane(app, pane).selected_id == shown[1]


# -- the keymap ---------------------------------------------------------------------------


async def test_a_remapped_key_acts_and_the_help_shows_it(ui: Any) -> None:
    app = ui.app("three_governments", keymap={"detail.zoom": "w", "copy.id": "c,y"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "z")
        await pilot.pause()
        assert not ui.browser(app).zoomed  # z is no longer bound
        await pilot.press("w")
        await pilot.pause()
        assert ui.browser(app).zoomed
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = dict(row for _, rows in app.screen.sections for row in rows)
        zoom = next(keys for keys, text in rows.items() if text.startswith("Room to read"))
        copy = next(keys for keys, text in rows.items() if text.startswith("Copy the id"))
        assert (zoom, copy) == ("w", "c y")


def test_the_detail_pane_is_the_one_detail(ui: Any) -> None:
    """The help's groups include the detail's own keys (a guard for the tests above)."""
    assert any(b.id == "detail.next_link" for b in DetailPane.BINDINGS if hasattr(b, "id"))


async def test_e_under_watch_reloads_once_and_the_watch_stays_in_step(
    ui: Any, story_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    visual, _log = fake_editor(
        tmp_path, "sed -i 's/Drone strike on Port Lumen/Drone strike, admitted/' \"$file\""
    )
    monkeypatch.setenv("VISUAL", visual)
    app = editable_app(story_copy, watch=True, watch_interval=0.02, watch_settle=0.05)
    reloads: list[object] = []
    original = app.apply_reload

    async def counted(outcome: Any) -> None:
        reloads.append(outcome)
        await original(outcome)

    app.apply_reload = counted  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        # A record open, so the editor gets +LINE FILE (the overview: FILE only).
        await pilot.press("enter", "e")
        await ui.until(pilot, lambda: any("admitted" in r for r in ui.rows(app, "timeline")))
        await pilot.pause(0.4)  # many polls: none of them loads the file again
        assert len(reloads) == 1
        assert app.file_watch is not None and not app.file_watch.due()
