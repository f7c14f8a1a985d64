"""Signals and keys that end or pause storybrowse (issue 11): the terminal is
always given back, and the exit status is the conventional one.

Each test runs the installed console script in a local shell in tmux and
asserts on tmux's own view of the pane (``#{alternate_on}``,
``#{mouse_any_flag}``, ``#{cursor_flag}``...), on the raw bytes written and
on the shell's ``$?``.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from localshell import (
    MAIN_MARK,
    STORY_NAME,
    Opener,
    app_pid,
    exit_status,
    local_shell,
    process_state,
    start,
    wait_until,
)
from sshterm import Tmux, pane_flags, restore_problems

pytestmark = pytest.mark.e2e


@pytest.fixture
def shell(tmux: Tmux, tools: Mapping[str, str], tmp_path: Path) -> Iterator[Opener]:
    yield from local_shell(tmux, tools, tmp_path)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGQUIT])
def test_an_ending_signal_restores_the_terminal_and_exits_128_plus_n(
    shell: Opener, tmp_path: Path, signum: int
) -> None:
    pane = shell()
    since = start(pane, f"storybrowse {STORY_NAME}")
    os.kill(app_pid(tmp_path / STORY_NAME), signum)
    assert exit_status(pane) == 128 + signum
    assert restore_problems(pane, since) == []
    assert "Traceback" not in pane.screen()


def test_ctrl_c_quits_from_the_lists_and_the_detail_and_closes_the_search(
    shell: Opener,
) -> None:
    pane = shell()
    since = start(pane, f"storybrowse {STORY_NAME}")
    pane.keys("/")
    pane.wait_for("Search all the story's text")
    pane.type("Korlan")
    pane.keys("C-c")
    pane.wait_gone("Search all the story's text")
    assert MAIN_MARK in pane.screen()  # still running: the search closed
    pane.keys("Enter")
    pane.wait_for("esc: back to the list")  # the detail has the focus
    pane.keys("C-c")
    assert exit_status(pane) == 0
    assert restore_problems(pane, since) == []


def test_ctrl_c_quits_from_a_list(shell: Opener) -> None:
    pane = shell()
    since = start(pane, f"storybrowse {STORY_NAME}")
    pane.keys("C-c")
    assert exit_status(pane) == 0
    assert restore_problems(pane, since) == []


def _repainted(screen: str) -> bool:
    """The whole browser is on the screen: tab strip, rows, the detail (the
    story's overview, as it opens), footer."""
    rows = [row for row in screen.split("\n") if row.strip()]
    return (
        MAIN_MARK in screen
        and len(rows) >= 12
        and "Shelling at the Vesna crossing" in screen
        and "Story overview" in screen
        and "Jump to" in rows[-1]
    )


@pytest.mark.parametrize("how", ["ctrl+z", "kill -TSTP"])
def test_suspend_gives_the_terminal_back_and_fg_repaints_everything(
    shell: Opener, tmp_path: Path, how: str
) -> None:
    pane = shell()
    start(pane, f"storybrowse {STORY_NAME}")
    pid = app_pid(tmp_path / STORY_NAME)
    for _round in range(2):
        if how == "ctrl+z":
            pane.keys("C-z")
        else:
            os.kill(pid, signal.SIGTSTP)
        pane.wait_for("Stopped")
        pane.wait_prompt()
        wait_until(lambda: process_state(pid) == "T", "the process to stop")
        flags = pane_flags(pane)
        assert flags["alternate_on"] == "0" and flags["cursor_flag"] == "1", flags
        assert flags["mouse_any_flag"] == "0", flags
        pane.line("clear")
        pane.wait(lambda s: MAIN_MARK not in s and "Stopped" not in s, "a cleared screen")
        pane.line("fg")
        # No key pressed: the whole screen comes back by itself.
        pane.wait(_repainted, "the whole browser repainted after fg")
        assert pane_flags(pane)["alternate_on"] == "1"
    since = len(pane.raw())
    pane.keys("q")
    assert exit_status(pane) == 0
    assert restore_problems(pane, since) == []


def test_external_stop_and_continue_repaints(shell: Opener, tmp_path: Path) -> None:
    pane = shell()
    since = start(pane, f"storybrowse {STORY_NAME}")
    pid = app_pid(tmp_path / STORY_NAME)
    os.kill(pid, signal.SIGSTOP)
    wait_until(lambda: process_state(pid) == "T", "the process to stop")
    pane.wait_for("Stopped")
    pane.line("fg")
    pane.wait(_repainted, "the whole browser repainted after fg")
    pane.keys("q")
    assert exit_status(pane) == 0
    assert restore_problems(pane, since) == []


def test_restricted_mode_cannot_be_suspended(shell: Opener, tmp_path: Path) -> None:
    pane = shell({"STORYBROWSE_RESTRICTED": "1"})
    since = start(pane, f"storybrowse {STORY_NAME}")
    pid = app_pid(tmp_path / STORY_NAME)
    pane.keys("C-z")
    pane.wait_for("Suspending is not available here.")
    os.kill(pid, signal.SIGTSTP)
    pane.keys("2")  # the app still answers keys: it was not stopped
    pane.wait_for("Governments ·")
    assert process_state(pid) != "T"
    pane.keys("q")
    assert exit_status(pane) == 0
    assert restore_problems(pane, since) == []


def test_a_signal_ignored_at_start_stays_ignored(shell: Opener, tmp_path: Path) -> None:
    """``nohup``: SIGHUP was ignored when storybrowse started, so it is still."""
    pane = shell()
    since = start(pane, f"nohup storybrowse {STORY_NAME} 2>/dev/null")
    pid = app_pid(tmp_path / STORY_NAME)
    os.kill(pid, signal.SIGHUP)
    pane.keys("2")
    pane.wait_for("Governments ·")
    pane.keys("q")
    assert exit_status(pane) == 0
    assert restore_problems(pane, since) == []


def test_started_in_the_background_it_waits_for_fg(shell: Opener, tmp_path: Path) -> None:
    pane = shell()
    since = len(pane.raw_at_prompt())
    pane.line(f"storybrowse {STORY_NAME} &")
    pid = app_pid(tmp_path / STORY_NAME)
    # The terminal stops it (SIGTTOU) before it touches anything.
    wait_until(lambda: process_state(pid) == "T", "the background job to stop")
    assert pane_flags(pane)["alternate_on"] == "0"
    pane.line("fg")
    pane.wait(_repainted, "the browser after fg")
    pane.keys("q")
    assert exit_status(pane) == 0
    assert restore_problems(pane, since) == []


def test_a_signal_restores_the_terminal_even_if_the_app_hangs(
    shell: Opener, tmp_path: Path
) -> None:
    """The event loop never gets to the restore: after GRACE seconds the
    terminal modes are reset by a direct write and the process exits."""
    pane = shell({"STORYBROWSE_TEST_CRASH": "hang"})
    since = start(pane, f"storybrowse {STORY_NAME}")
    pid = app_pid(tmp_path / STORY_NAME)
    pane.keys("!")
    time.sleep(0.3)
    os.kill(pid, signal.SIGTERM)
    assert exit_status(pane) == 128 + signal.SIGTERM
    assert restore_problems(pane, since) == []
