"""Bad input over SSH: a broken story is reported, never half-opened."""

from __future__ import annotations

import re

import pytest
from sshterm import (
    Pane,
    ShellFactory,
    Variant,
    restore_problems,
    shell_value,
    terminal_problems,
)

pytestmark = pytest.mark.e2e

BASE = Variant("xterm-256color")


def run_broken(pane: Pane, command: str) -> tuple[int, str, bytes]:
    """Run *command* remotely; return its exit status, the screen and its raw output."""
    pane.line("clear")
    pane.wait_prompt()
    start = len(pane.raw_at_prompt())
    status = shell_value(pane, f"{command} >/dev/tty 2>&1; echo $?")
    return status, pane.screen(), pane.raw_at_prompt()[start:]


def test_broken_story_prints_the_loaders_errors_and_exits_nonzero(ssh_shell: ShellFactory) -> None:
    pane = ssh_shell(BASE, 80, 24)

    status, screen, raw = run_broken(pane, "storybrowse broken.yaml")
    assert status == 1, screen
    # The loader's problems, one per line, as FILE:LINE:COLUMN: PATH: MESSAGE.
    assert re.search(r"^broken\.yaml:4:1: bogus_key: ", screen, re.MULTILINE), screen
    date_line = r"^broken\.yaml:8:\d+: incidents\[0\] \(\S+\)\.date: "
    assert re.search(date_line, screen, re.MULTILINE), screen
    assert "Traceback" not in screen
    # No UI was started, not even for a moment.
    assert b"\x1b[?1049h" not in raw
    assert restore_problems(pane) == []
    assert terminal_problems(pane) == []


def test_without_a_file_it_opens_story_yaml_in_the_current_directory(
    ssh_shell: ShellFactory,
) -> None:
    pane = ssh_shell(BASE, 80, 24)
    # broken-here/story.yaml is the broken story: storybrowse must pick it up
    # (and report it) rather than fall back to the bundled one.
    status, screen, raw = run_broken(pane, "cd broken-here && storybrowse")
    assert status == 1, screen
    assert re.search(r"^(\./)?story\.yaml:4:1: bogus_key: ", screen, re.MULTILINE), screen
    assert b"\x1b[?1049h" not in raw
    assert terminal_problems(pane) == []
