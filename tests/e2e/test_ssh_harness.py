"""Controls for the harness itself: its restore check must see modes left on."""

from __future__ import annotations

import pytest
from sshterm import ShellFactory, Variant, modes_left_on, restore_problems

pytestmark = pytest.mark.e2e


def test_modes_left_on_reads_the_last_state_of_each_mode() -> None:
    raw = b"\x1b[?1049h\x1b[?1000;1006h\x1b[?25l\x1b[>1u" + b"\x1b[?1049l\x1b[?1000l"
    assert modes_left_on(raw) == [
        "?1006h mouse: SGR coordinates",
        "?25l cursor visible off",
        "kitty keyboard protocol: 1 pushes, 0 pops",
    ]
    assert modes_left_on(raw + b"\x1b[?1006l\x1b[?25h\x1b[<u") == []


def test_the_restore_check_sees_a_terminal_left_in_a_bad_state(ssh_shell: ShellFactory) -> None:
    pane = ssh_shell(Variant("xterm-256color"), 80, 24)
    since = len(pane.raw_at_prompt())
    pane.line(r"printf '\033[?1049h\033[?1003h\033[?25l'")
    pane.wait_prompt()
    problems = restore_problems(pane, since)
    assert "raw bytes: ?1049h alternate screen" in problems
    assert "raw bytes: ?1003h mouse: any-motion tracking" in problems
    assert "tmux: alternate_on=1 (expected 0)" in problems
    assert "tmux: cursor_flag=0 (expected 1)" in problems
    pane.line(r"printf '\033[?1003l\033[?25h\033[?1049l'")
    pane.wait_prompt()
    assert restore_problems(pane, since) == []
