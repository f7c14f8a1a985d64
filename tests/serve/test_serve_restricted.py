"""Restricted mode: the app a reader gets from ``storybrowse serve``
(STORYBROWSE_RESTRICTED=1 in its environment) touches nothing on the server
beyond reading the story: no screenshot or other file written, no URL
opened, no suspend; and it does not show the server's directories."""

from __future__ import annotations

import io
import os
import webbrowser
from pathlib import Path

import pytest
from textual.app import SuspendNotSupported

from tui.app import StoryBrowser, create_app
from tui.serve.environment import RESTRICTED_VARIABLE
from tui.story.load import load_story

STORY = Path(__file__).resolve().parent / "story.yaml"
NOT_YET = "tui/app.py has no restricted mode: apply the app.py change proposed with issue 7"


def _app(environ: dict[str, str]) -> StoryBrowser:
    return create_app(load_story(STORY), path=STORY, theme="textual-dark", environ=environ)


def test_the_variable_set_by_the_server_turns_restricted_mode_on() -> None:
    assert getattr(_app({RESTRICTED_VARIABLE: "1"}), "restricted", None) is True, NOT_YET
    assert getattr(_app({}), "restricted", None) is False, NOT_YET
    assert getattr(_app({RESTRICTED_VARIABLE: "0"}), "restricted", None) is False, NOT_YET


async def test_a_restricted_app_writes_opens_and_suspends_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    signals: list[int] = []
    monkeypatch.setattr(os, "kill", lambda pid, sig: signals.append(sig))
    app = _app({RESTRICTED_VARIABLE: "1"})
    assert getattr(app, "restricted", None) is True, NOT_YET
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_screenshot()
        app.deliver_screenshot()
        assert app.deliver_text(io.StringIO("x"), save_directory=tmp_path) is None
        assert app.deliver_binary(io.BytesIO(b"x"), save_directory=tmp_path) is None
        with pytest.raises(PermissionError):
            app.save_screenshot(path=str(tmp_path))
        app.open_url("https://example.org/")
        app.action_suspend_process()
        with pytest.raises(SuspendNotSupported), app.suspend():
            pass
        await pilot.pause()
        assert STORY.parent.name not in app.sub_title
    assert not [p for p in tmp_path.rglob("*") if p.is_file()], "a file was written"
    assert opened == []
    assert signals == []


async def test_an_unrestricted_app_still_can(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control: the same calls do act when the app is not restricted
    (so the test above can tell the difference)."""
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    app = _app({})
    async with app.run_test(size=(80, 24)):
        written = app.save_screenshot(path=str(tmp_path))
        app.open_url("https://example.org/")
    assert Path(written).is_file()
    assert opened == ["https://example.org/"]
