"""Keys over SSH inside tmux: Escape is prompt, split arrow keys are harmless."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import pytest
import storyui
from sshterm import PROMPT, AttachedClient, Pane, ShellFactory, Tmux, Variant, last_line

pytestmark = pytest.mark.e2e

BASE = Variant("xterm-256color")


def escape_latency(pane: Pane, client: AttachedClient) -> float:
    """Open the help screen, then type Escape into the attached tmux client (so
    it goes through tmux's escape-time, ssh and the app's own Escape delay);
    return the seconds until the help screen is gone."""
    pane.keys("?")
    pane.wait_for(storyui.HELP_MARK)
    pane.wait_stable(quiet=0.2)
    start = time.monotonic()
    client.write(b"\x1b")
    pane.wait_gone(storyui.HELP_MARK, timeout=5)
    return time.monotonic() - start


def test_escape_acts_promptly_in_tmux_with_escape_time_10(
    ssh_shell: ShellFactory, tmux: Tmux, e2e_note: Callable[[str, object], None]
) -> None:
    pane = ssh_shell(BASE, 80, 24)
    since, _ = storyui.start(pane)
    client = AttachedClient(tmux, pane.name, 80, 24)
    try:
        pane.wait(lambda _s: tmux.run("list-clients", "-t", pane.name).strip() != "", "a client")
        fast = [escape_latency(pane, client) for _ in range(3)]
        # tmux's default before 3.5, for comparison: this proves the key really
        # went through tmux's escape-time, so the setting is what made it fast.
        tmux.run("set-option", "-s", "escape-time", "500")
        slow = [escape_latency(pane, client) for _ in range(2)]
    finally:
        tmux.run("set-option", "-s", "escape-time", "10")
        client.close()
    e2e_note("escape_ms_tmux_escape_time_10", [round(t * 1000) for t in fast])
    e2e_note("escape_ms_tmux_escape_time_500", [round(t * 1000) for t in slow])
    assert statistics.median(fast) < 1.0, fast
    assert min(slow) > 0.45, slow
    assert storyui.quit_app(pane, since) == []


def split_arrow(pane: Pane) -> None:
    """Down arrow, its bytes arriving 150 ms apart as on a jittery link."""
    pane.keys("Escape")
    time.sleep(0.15)
    pane.type("[B")


def test_an_arrow_key_split_across_reads_does_no_harm(ssh_shell: ShellFactory) -> None:
    """ESC, 150 ms, then "[B": the app may take a lone Escape ("back"), and
    "[" and "B" as keys; none of it may quit or change anything else."""
    pane = ssh_shell(BASE, 80, 24)
    since, _ = storyui.start(pane)

    # In the list.
    before = storyui.highlighted(pane.wait_stable(quiet=0.2))
    for _ in range(3):
        split_arrow(pane)
    screen = pane.wait_stable(quiet=0.4)
    assert last_line(screen) != PROMPT, "storybrowse quit on a split arrow key"
    assert storyui.MAIN_MARK in screen, screen
    after = storyui.highlighted(screen)
    assert [storyui.row_label(r) for r in after] in (
        [storyui.row_label(r) for r in before],  # the bytes taken as Escape, [, B
        [storyui.SECOND_ROW],  # or as the Down arrow they are
    ), pane.report("the cursor went somewhere else")

    # In the incident detail: a stray Escape may go back to the list, no further.
    storyui.move_to(pane, storyui.TAJIKISTAN_ROW)
    pane.keys("Enter")
    pane.wait_for(storyui.DETAIL_FOCUSED)
    split_arrow(pane)
    screen = pane.wait_stable(quiet=0.4)
    assert last_line(screen) != PROMPT, "storybrowse quit on a split arrow key"
    assert any(storyui.TAJIKISTAN_ROW in r for r in storyui.highlighted(screen)), screen

    # In the help screen: Escape closes it.
    pane.keys("?")
    pane.wait_for(storyui.HELP_MARK)
    split_arrow(pane)
    pane.wait_gone(storyui.HELP_MARK)
    assert storyui.MAIN_MARK in pane.wait_stable(quiet=0.3)

    # Still responsive, and it quits cleanly.
    pane.keys("?")
    pane.wait_for(storyui.HELP_MARK)
    pane.keys("Escape")
    pane.wait_gone(storyui.HELP_MARK)
    assert storyui.quit_app(pane, since) == []


def test_keys_typed_ahead_are_not_lost(ssh_shell: ShellFactory) -> None:
    """Over SSH, keys typed quickly arrive in one read: "/Termez" must search
    for Termez (not open an empty search bar and drop the letters), "enter n"
    must keep the search and go to the next match (not type an "n" into it)."""
    pane = ssh_shell(BASE, 80, 24)
    since, _ = storyui.start(pane)
    pane.keys("/", "T", "e", "r", "m", "e", "z")  # one write, one ssh packet
    pane.wait(
        lambda s: any(m.group("query") == "Termez" for m in storyui.SEARCH_FOUND.finditer(s)),
        "what the search for Termez found, beside the bar",
    )
    pane.keys("Enter", "n")  # keep the search, next match: one packet again
    pane.wait(
        lambda s: any(
            m.group("query") == "Termez" and m.group("pos") == "2"
            for m in storyui.SEARCH_STATUS.finditer(s)
        ),
        "match 2 of the search for Termez",
    )
    pane.keys("2", "G")
    pane.wait(lambda s: "Experts (unnamed)" in "".join(storyui.highlighted(s)), "the last actor")
    assert storyui.quit_app(pane, since) == []
