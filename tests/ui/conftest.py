"""Shared set-up for the Pilot tests of the browser.

Test modules get the helpers through the ``ui`` fixture (``ui.app("seed")``,
``ui.rows(app, "timeline")``...), so nothing has to import this file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tui.app import StoryBrowser, create_app
from tui.screens.browser import BrowserScreen
from tui.story.load import load_story
from tui.story.model import Story
from tui.widgets.detail import DetailPane
from tui.widgets.listpane import ListPane

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "story.yaml"
STORIES = ROOT / "tests" / "fixtures" / "stories"
FIXTURES = ("three_governments", "empty", "partial_dates", "hostile")


@pytest.fixture(autouse=True)
def deterministic(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No cursor blink; no colour or theme settings leaking in from the
    environment the tests happen to run in."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    for name in ("NO_COLOR", "TEXTUAL_THEME", "TEXTUAL_COLOR_SYSTEM", "COLORTERM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    yield


def load(name: str) -> Story:
    """The seed story ("seed") or a fixture story by its stem."""
    return load_story(SEED if name == "seed" else STORIES / f"{name}.yaml")


def make_app(name: str = "seed", **kwargs: object) -> StoryBrowser:
    return create_app(load(name), **kwargs)  # type: ignore[arg-type]


def browser(app: StoryBrowser) -> BrowserScreen:
    screen = app.screen
    assert isinstance(screen, BrowserScreen), screen
    return screen


def pane(app: StoryBrowser, name: str) -> ListPane:
    return app.screen.query_one(f"#{name}", ListPane)


def detail(app: StoryBrowser) -> DetailPane:
    return app.screen.query_one("#detail", DetailPane)


def rows(app: StoryBrowser, name: str) -> list[str]:
    """The plain text every row of a list pane is drawn with."""
    p = pane(app, name)
    return [p.line_text(i) for i in range(len(p.rows))]


def screen_lines(app: StoryBrowser) -> list[str]:
    """What the terminal would show, one string per line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app: StoryBrowser) -> str:
    return "\n".join(screen_lines(app))


async def until(pilot: Pilot[None], condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Let the app run until *condition* holds (the preview is debounced)."""
    steps = int(timeout / 0.02)
    for _ in range(steps):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("condition not reached")


async def settle(pilot: Pilot[None]) -> None:
    """Wait past the preview debounce so the detail shows the selection."""
    await pilot.pause(BrowserScreen.PREVIEW_DELAY * 3)


class UI:
    """The helpers above, handed to tests by the ``ui`` fixture."""

    SEED = SEED
    STORIES = STORIES
    FIXTURES = FIXTURES
    load = staticmethod(load)
    app = staticmethod(make_app)
    browser = staticmethod(browser)
    pane = staticmethod(pane)
    detail = staticmethod(detail)
    rows = staticmethod(rows)
    screen_lines = staticmethod(screen_lines)
    screen_text = staticmethod(screen_text)
    until = staticmethod(until)
    settle = staticmethod(settle)


@pytest.fixture
def ui() -> UI:
    return UI()
