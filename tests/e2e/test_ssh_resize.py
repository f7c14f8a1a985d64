"""Resizing the terminal (tmux resize-window) while storybrowse runs over SSH:
no crash, and every size is laid out again to fill the new window."""

from __future__ import annotations

import pytest
import storyui
from sshterm import Pane, ShellFactory, Variant

pytestmark = pytest.mark.e2e

SIZES = [(120, 40), (200, 60), (100, 30), (60, 20), (40, 12), (41, 13), (80, 24)]


def laid_out(screen: str, width: int, height: int) -> bool:
    """The app fills a *width* x *height* window: its rows reach the right edge,
    its footer is on the last row, and the tab strip is still there."""
    rows = screen.split("\n")
    filled = [i for i, row in enumerate(rows) if row.strip()]
    return (
        storyui.MAIN_MARK in screen
        and bool(filled)
        and filled[-1] == height - 1
        and max(len(row.rstrip()) for row in rows) >= width - 2
        and len(rows) >= height
    )


def resize(pane: Pane, width: int, height: int) -> str:
    pane.resize(width, height)
    pane.wait(lambda _s: pane.size() == (width, height), f"the window at {width}x{height}")
    return pane.wait(lambda s: laid_out(s, width, height), f"a layout for {width}x{height}")


def test_resize_relays_out_without_a_crash(ssh_shell: ShellFactory) -> None:
    pane = ssh_shell(Variant("xterm-256color"), 80, 24)
    since, _ = storyui.start(pane)
    # With the Tajikistan incident open, the detail has the most to lay out.
    storyui.move_to(pane, storyui.TAJIKISTAN_ROW)
    pane.keys("Enter")
    pane.wait_for(storyui.DETAIL_FOCUSED)
    for width, height in SIZES:
        screen = resize(pane, width, height)
        assert "Traceback" not in screen, screen
        if (width, height) == (40, 12):
            # Still responsive at the smallest size.
            pane.keys("?")
            pane.wait_for(storyui.HELP_MARK)
            pane.keys("Escape")
            pane.wait_gone(storyui.HELP_MARK)
    # Back at 80x24, the claim and the responses are side by side again.
    screen = pane.wait(
        lambda s: bool(storyui.side_by_side_rows(s, "CLAIM", "DENIED", "INVESTIGATING")),
        "the incident's columns at 80x24",
    )
    assert storyui.quit_app(pane, since) == []
