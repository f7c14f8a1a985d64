"""config.toml: theme and keymap, and every problem named with its file and line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli.keys import browser_bindings
from tui.config import (
    Config,
    ConfigError,
    check_config,
    default_config_path,
    key_problem,
    read_config,
)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "story.yaml"
THEMES = ("textual-dark", "ansi-dark", "ansi-light")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def check(path: Path) -> Config:
    config = read_config(path, required=True)
    check_config(config, binding_ids=browser_bindings(), themes=THEMES)
    return config


def test_default_path_follows_xdg(tmp_path: Path) -> None:
    xdg = str(tmp_path / "xdg")
    assert default_config_path({"XDG_CONFIG_HOME": xdg, "HOME": "/h"}) == Path(
        xdg, "storybrowse", "config.toml"
    )
    # Unset, empty or relative: ~/.config (the XDG spec).
    for value in (None, "", "relative/dir"):
        env = {"HOME": "/home/reader"} | ({} if value is None else {"XDG_CONFIG_HOME": value})
        assert default_config_path(env) == Path("/home/reader/.config/storybrowse/config.toml")


def test_a_missing_default_file_is_no_error_but_a_missing_given_one_is(tmp_path: Path) -> None:
    assert read_config(tmp_path / "none.toml") == Config()
    with pytest.raises(ConfigError, match="no such file"):
        read_config(tmp_path / "none.toml", required=True)


def test_theme_and_keymap_are_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '# mine\ntheme = "ansi-light"\n\n[keymap]\n'
        '"list.down" = "down,j,ctrl+n"\nquit = "q,ctrl+q"\n',
    )
    config = check(path)
    assert config.theme == "ansi-light"
    assert config.keymap == {"list.down": "down,j,ctrl+n", "quit": "q,ctrl+q"}
    assert config.lines["theme"] == 2
    assert config.lines["keymap.list.down"] == 5


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('theme = "ansi-dark"\n[keymap]\nquit = "q"\n"list.dwn" = "j"\n', 4, "'list.down'"),
        ('[keymap]\n\n"pane.next" = "tab,hyperx+j"\n', 3, "'hyperx' is not a modifier"),
        ('[keymap]\nquit = "q,,x"\n', 2, "an empty key"),
        ('[keymap]\nquit = "q,esc"\n', 2, "'esc' is not a key name"),
        ("[keymap]\nquit = 3\n", 2, "must be text in quotes"),
        ("[keymap]\nlist.down = 'j'\n", 2, '"list.down"'),
        ('\n\ntheme = "solarised"\n', 3, "valid themes: ansi-dark, ansi-light"),
        ("theme = 7\n", 1, "theme must be a name"),
        ('them = "ansi-dark"\n', 1, "did you mean 'theme'"),
        ('theme = "ansi-dark"\nkeymap = "j"\n', 2, "keymap must be a table"),
        ('theme = "ansi-dark"\n[keymap\nquit = "q"\n', 2, "not valid TOML"),
    ],
)
def test_each_problem_names_the_file_and_line(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        check(path)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert words in str(caught.value)


def test_every_binding_id_of_the_browser_can_be_remapped(tmp_path: Path) -> None:
    ids = browser_bindings()
    # The screen's, the app's, the panes', the detail's, the search bar's.
    for needed in ("quit", "help", "list.open", "list.down", "detail.next_link", "search.keep"):
        assert needed in ids
    body = "".join(f'"{binding_id}" = "f9"\n' for binding_id in ids)
    assert check(write(tmp_path, "[keymap]\n" + body)).keymap.keys() == ids.keys()


@pytest.mark.parametrize(
    "key", ["j", "G", "?", "question_mark", "enter", "escape", "space", "f5", "ctrl+n", "slash"]
)
def test_keys_textual_knows(key: str) -> None:
    assert key_problem(key) is None


@pytest.mark.parametrize("key", ["", " ", "ctrl+", "foo", "ctrl+foo", "pgdn", "esc", "cmd+j"])
def test_keys_textual_does_not_know(key: str) -> None:
    assert key_problem(key) is not None


# -- the command line --------------------------------------------------------------


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def test_a_bad_config_file_is_a_usage_error_before_any_screen(tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    (xdg / "storybrowse").mkdir(parents=True)
    (xdg / "storybrowse" / "config.toml").write_text('[keymap]\n\n"list.dwn" = "j"\n')
    env = dict(os.environ, XDG_CONFIG_HOME=str(xdg), TERM="xterm")
    proc = run(str(SEED), env=env)
    assert proc.returncode == 2
    assert f"{xdg}/storybrowse/config.toml:3: keymap: no key binding has the id" in proc.stderr
    assert "\x1b[" not in proc.stdout + proc.stderr  # no screen was drawn
    # --config names another file, which must exist.
    proc = run("--config", str(tmp_path / "missing.toml"), str(SEED), env=env)
    assert proc.returncode == 2
    assert "missing.toml: no such file" in proc.stderr


def test_the_config_is_never_read_in_restricted_mode(tmp_path: Path) -> None:
    """Under serve, a broken config of the server's user changes nothing:
    the browser goes on (to the next check, an unknown record id, which
    stops it before any terminal is touched)."""
    bad = write(tmp_path, "this is not toml\n")
    env = dict(os.environ, TERM="xterm", STORYBROWSE_RESTRICTED="1")
    proc = run("--config", str(bad), str(SEED), "no-such-record", env=env)
    assert proc.returncode == 2
    assert "no record has the id 'no-such-record'" in proc.stderr
    assert "config file" not in proc.stderr
    env.pop("STORYBROWSE_RESTRICTED")
    proc = run("--config", str(bad), str(SEED), "no-such-record", env=env)
    assert proc.returncode == 2
    assert f"{bad}:1: not valid TOML" in proc.stderr


# -- the browser gets the theme and the keymap ---------------------------------------


@pytest.fixture
def app_runs(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """cli.main runs the browser without a terminal: App.run records the app."""
    from textual.app import App

    from tui.terminal import tty

    runs: list[object] = []
    monkeypatch.setattr(App, "run", lambda self, **kwargs: runs.append(self))
    monkeypatch.setattr(tty, "find_terminal", lambda: tty.Terminal(0, sys.stdout))
    monkeypatch.setattr(tty, "refuse_term", lambda environ, fd: None)
    return runs


def test_the_browser_gets_the_theme_and_keymap_and_theme_flags_win(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, app_runs: list[object]
) -> None:
    from tui import cli
    from tui.app import StoryBrowser

    xdg = tmp_path / "xdg"
    (xdg / "storybrowse").mkdir(parents=True)
    (xdg / "storybrowse" / "config.toml").write_text(
        'theme = "ansi-light"\n[keymap]\n"detail.zoom" = "w"\n'
    )
    monkeypatch.setenv("XDG_CONFIG_HOME", str(xdg))
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)
    assert cli.main([str(SEED)]) == 0
    monkeypatch.setenv("TEXTUAL_THEME", "textual-light")
    assert cli.main([str(SEED)]) == 0
    assert cli.main(["--theme", "ansi-dark", str(SEED)]) == 0
    monkeypatch.setenv("STORYBROWSE_RESTRICTED", "1")
    monkeypatch.delenv("TEXTUAL_THEME")
    assert cli.main([str(SEED)]) == 0
    apps = [app for app in app_runs if isinstance(app, StoryBrowser)]
    assert [app.theme for app in apps[:3]] == ["ansi-light", "textual-light", "ansi-dark"]
    assert all(app._keymap == {"detail.zoom": "w"} for app in apps[:3])
    # Under serve: neither the file's theme nor its keys.
    assert apps[3].theme != "ansi-light" and not apps[3]._keymap
