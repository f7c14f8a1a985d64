"""Standard streams, terminal types, input bytes and crashes (issue 11).

The browser reads keys from the terminal and draws on it whatever stdin,
stdout and stderr are; refuses, in one line and with status 2, when there is
no terminal or it cannot run a full-screen program; survives any byte typed
or pasted; and after a crash says so in one line, writes the details to a
file and exits 70.  Every case runs the installed console script in tmux.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
import storyui
from localshell import (
    MAIN_MARK,
    STORY,
    STORY_NAME,
    Opener,
    app_pid,
    cpu_seconds,
    exit_status,
    local_shell,
    start,
)
from sshterm import Tmux, Variant, pane_flags, restore_problems

pytestmark = pytest.mark.e2e

NO_TERMINAL = "storybrowse: no terminal to draw on; use 'storybrowse show' for text output"
ALT_SCREEN_ON = b"\x1b[?1049h"


@pytest.fixture
def shell(tmux: Tmux, tools: Mapping[str, str], tmp_path: Path) -> Iterator[Opener]:
    yield from local_shell(tmux, tools, tmp_path)


# -- standard streams -------------------------------------------------------------


@pytest.mark.parametrize(
    "redirect",
    [
        "</dev/null",
        "2>err.log",
        ">out.log",
        ">out.log 2>err.log",
        "</dev/null >out.log 2>err.log",
        # Closed, not just redirected.
        "<&-",
        ">&- 2>&-",
        "<&- >&- 2>&-",
    ],
)
def test_redirected_streams_still_draw_on_the_terminal_and_never_spin(
    shell: Opener, tmp_path: Path, redirect: str
) -> None:
    pane = shell()
    since = start(pane, f"storybrowse {STORY_NAME} {redirect}")
    pid = app_pid(tmp_path / STORY_NAME)
    # Idle, it must not read end-of-file in a loop: measured over one second.
    before, t0 = cpu_seconds(pid), time.monotonic()
    time.sleep(1.0)
    used = cpu_seconds(pid) - before
    assert used < 0.3 * (time.monotonic() - t0), f"{used:.2f}s of CPU in one idle second"
    pane.keys("2")  # keys are read: the actors pane opens
    pane.wait_for("Governments ·")
    pane.keys("q")
    assert exit_status(pane) == 0
    assert restore_problems(pane, since) == []
    for name in ("out.log", "err.log"):
        if name in redirect:
            assert (tmp_path / name).read_bytes() == b"", f"{name} got the interface"


def test_without_a_controlling_terminal_it_refuses_at_once(
    tools: Mapping[str, str], tmp_path: Path
) -> None:
    (tmp_path / STORY_NAME).write_text(STORY, encoding="utf-8")
    proc = subprocess.run(
        [tools["storybrowse"], STORY_NAME],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        cwd=tmp_path,
        start_new_session=True,  # setsid: no controlling terminal
        timeout=30,
    )
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == NO_TERMINAL
    assert proc.stdout == b""


# -- terminal types ---------------------------------------------------------------


@pytest.mark.parametrize("term", ["dumb", "", None, "no-such-terminal-xyz"])
def test_a_terminal_that_cannot_run_the_browser_is_refused_untouched(
    shell: Opener, term: str | None
) -> None:
    pane = shell()
    since = len(pane.raw_at_prompt())
    prefix = "env -u TERM" if term is None else f"TERM={term}"
    pane.line(f"{prefix} storybrowse {STORY_NAME}")
    assert exit_status(pane) == 2
    screen = "".join(pane.screen().split())  # the line may wrap
    assert "storybrowse:" in screen and "'storybrowseshow'" in screen, screen
    assert ALT_SCREEN_ON not in pane.raw_at_prompt()[since:]
    assert restore_problems(pane, since) == []


# -- input bytes ------------------------------------------------------------------


def test_latin1_keys_are_decoded_in_the_locale(shell: Opener, latin1: Variant) -> None:
    pane = shell(latin1.env)
    since = start(pane, f"storybrowse {STORY_NAME}")
    pane.keys("/")
    pane.wait_for("Search all the story's text")
    pane.tmux.run("send-keys", "-t", pane.name, "-l", "D")
    pane.tmux.run("send-keys", "-t", pane.name, "-H", "e9")  # é in ISO-8859-1
    pane.tmux.run("send-keys", "-t", pane.name, "-l", "f")
    if latin1.name == "latin1":
        # "Dé" + "f" finds "Défense" only if the é arrived as a letter (search
        # ignores accents; a dropped or replaced byte would find nothing).
        # tmux shows the app's Latin-1 byte as a blank, so it is not read.
        pane.wait_for("1/1 in ")
    pane.keys("Escape")
    pane.wait_for(storyui.SEARCH_CLOSED)  # the footer, no longer under the bar
    pane.keys("q")
    assert exit_status(pane) == 0
    assert restore_problems(pane, since) == []


def test_undecodable_bytes_and_legacy_mouse_reports_do_no_harm(shell: Opener) -> None:
    pane = shell()
    since = start(pane, f"storybrowse {STORY_NAME}")
    send = pane.tmux.run
    pane.keys("/")
    pane.wait_for("Search all the story's text")
    send("send-keys", "-t", pane.name, "-H", "ff", "e9", "41", "c3")  # bad UTF-8
    pane.type("Korlan")
    pane.wait_for("Korlan")
    pane.keys("Escape")
    pane.wait_for(storyui.SEARCH_CLOSED)
    # An X10 mouse report past column 95 (bytes above 0x7f), then 0xff alone.
    send("send-keys", "-t", pane.name, "-H", "1b", "5b", "4d", "20", "ff", "a0", "ff")
    pane.wait_stable(quiet=0.2)
    pane.keys("2")
    pane.wait_for("Governments ·")  # the actors pane: keys are still read
    pane.keys("q")
    assert exit_status(pane) == 0
    assert restore_problems(pane, since) == []


def _paste(pane_name: str, tmux: Tmux, text: str) -> None:
    tmux.run("set-buffer", "-b", "e2e-paste", text)
    tmux.run("paste-buffer", "-p", "-d", "-b", "e2e-paste", "-t", pane_name)


def test_a_paste_is_text_whatever_it_holds(shell: Opener) -> None:
    pane = shell()
    since = start(pane, f"storybrowse {STORY_NAME}")
    pane.keys("/")
    pane.wait_for("Search all the story's text")
    # ESC, CR and q inside a paste: none of them may act as a key.
    _paste(pane.name, pane.tmux, "Vesna\x1b\rq")
    pane.wait_for("Vesna␛")
    assert MAIN_MARK in pane.screen()
    pane.keys("C-u")
    # Textual may hand a paste to the input before a key read just ahead of
    # it: wait until the bar is empty again.
    pane.wait_for("Search all the story's text")
    # An SGR sequence copied from coloured output: kept in order, as text.
    _paste(pane.name, pane.tmux, "Vesna\x1b[1mcrossing\x03\x7f")
    pane.wait_for("Vesna␛[1mcrossing␃␡")
    pane.keys("Escape")
    pane.wait_for(storyui.SEARCH_CLOSED)
    pane.keys("q")
    assert exit_status(pane) == 0
    assert restore_problems(pane, since) == []


@pytest.mark.parametrize("width", [1, 2, 4, 6, 10])
def test_tiny_terminals_with_every_screen_and_keys(shell: Opener, width: int) -> None:
    pane = shell()
    since = start(pane, f"storybrowse {STORY_NAME}")
    for height in (1, 3, 5):
        pane.resize(width, height)
        for keys in (
            ["C-p", "V", "Down", "PageDown", "Escape"],
            ["?", "Down", "PageDown", "Escape"],
            ["/", "x", "Escape"],
            ["Tab", "Enter", "Down", "PageDown", "Escape"],
            ["2", "f", "Escape"],
            ["1", "End", "Home", "Escape"],
        ):
            pane.keys(*keys)
            # An Escape followed at once by a key reads as alt+key (which
            # could run a palette command such as Quit): let it time out.
            time.sleep(0.15)
        assert pane.fmt("#{pane_current_command}") != "bash", pane.report("the app ended")
    pane.resize(80, 24)
    pane.wait_for(MAIN_MARK)
    pane.keys("q")
    assert exit_status(pane) == 0
    assert restore_problems(pane, since) == []


def test_tiny_terminals_with_the_problems_panel(shell: Opener, tmp_path: Path) -> None:
    """--watch, then a save that breaks the story: the panel listing its
    problems, at every tiny size, with its keys."""
    pane = shell()
    since = start(pane, f"storybrowse --watch {STORY_NAME}")
    (tmp_path / STORY_NAME).write_text(STORY.replace("stance: denied", "stance: deny"))
    pane.wait_for("showing the last good version")
    for width, height in ((1, 1), (2, 3), (4, 2), (6, 5), (10, 3)):
        pane.resize(width, height)
        for keys in (["Tab", "Down", "PageDown", "End", "Escape"], ["?", "Escape"], ["1", "Down"]):
            pane.keys(*keys)
            time.sleep(0.15)  # each Escape times out: never read as alt+key
        assert pane.fmt("#{pane_current_command}") != "bash", pane.report("the app ended")
    pane.resize(80, 24)
    pane.wait_for("showing the last good version")
    pane.keys("x")
    pane.wait_gone("showing the last good version")
    pane.keys("q")
    assert exit_status(pane) == 0
    assert restore_problems(pane, since) == []


# -- crashes -----------------------------------------------------------------------


@pytest.mark.parametrize("place", ["app", "input", "start"])
def test_a_crash_restores_writes_a_report_and_exits_70(
    shell: Opener, tmp_path: Path, place: str
) -> None:
    pane = shell({"STORYBROWSE_TEST_CRASH": place})
    since = len(pane.raw_at_prompt())
    pane.line(f"storybrowse {STORY_NAME}")
    if place != "start":
        pane.wait_for(MAIN_MARK)
        pane.keys("!")
    assert exit_status(pane) == 70
    reports = sorted((tmp_path / "state" / "storybrowse").glob("crash-*.txt"))
    assert len(reports) == 1
    assert "TestCrash" in reports[0].read_text()
    screen = pane.screen()
    line = f"storybrowse: internal error; details written to {reports[0]}"
    assert "".join(line.split()) in "".join(screen.split())
    assert "Traceback" not in screen
    assert restore_problems(pane, since) == []


def test_a_crash_in_restricted_mode_writes_no_file(shell: Opener, tmp_path: Path) -> None:
    pane = shell({"STORYBROWSE_TEST_CRASH": "app", "STORYBROWSE_RESTRICTED": "1"})
    since = len(pane.raw_at_prompt())
    pane.line(f"storybrowse {STORY_NAME} 2>server.log")
    pane.wait_for(MAIN_MARK)
    pane.keys("!")
    assert exit_status(pane) == 70
    assert "storybrowse: internal error; the details are in the server's log" in pane.screen()
    assert not (tmp_path / "state").exists()
    assert "TestCrash" in (tmp_path / "server.log").read_text()
    assert restore_problems(pane, since) == []
    assert pane_flags(pane)["alternate_on"] == "0"


@pytest.mark.parametrize("prefix", ["", "nohup "])
def test_the_app_ends_when_its_terminal_goes_away(
    shell: Opener, tmp_path: Path, prefix: str
) -> None:
    """The terminal going away ends the app: by SIGHUP, or (under nohup,
    SIGHUP ignored) by the end of its input, never spinning on it."""
    pane = shell()
    start(pane, f"{prefix}storybrowse {STORY_NAME} 2>/dev/null")
    pid = app_pid(tmp_path / STORY_NAME)
    pane.tmux.run("kill-session", "-t", pane.name)
    deadline = time.monotonic() + 10
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not Path(f"/proc/{pid}").exists(), "storybrowse outlived its terminal"
