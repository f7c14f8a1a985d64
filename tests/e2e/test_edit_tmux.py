"""``e`` in a real terminal (tmux): the story file opens in $VISUAL at the
record's line, on a terminal given back as it was; when the editor exits,
the browser is back, showing the edited story at the same record.  Also the
deep link ``storybrowse FILE ID`` that starts there."""

from __future__ import annotations

import stat
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from localshell import STORY_NAME, Opener, exit_status, local_shell, start
from sshterm import Tmux, pane_flags, restore_problems

from tui.story.record_lines import record_line

pytestmark = pytest.mark.e2e

# Shows what it was given and the terminal's mode, waits for a line typed
# by the reader (as a real editor waits for keys), then edits the story.
FAKE_EDITOR = """\
#!/bin/sh
echo "FAKE EDITOR $1 $2"
if stty -a | grep -q -- ' icanon'; then echo "MODE cooked"; else echo "MODE raw"; fi
printf 'press enter> '
read answer
sed -i 's/Fire on the Korlan bridge/Fire on the Korlan bridge, set by Vesna after all/' "$2"
"""


@pytest.fixture
def shell(tmux: Tmux, tools: Mapping[str, str], tmp_path: Path) -> Iterator[Opener]:
    yield from local_shell(tmux, tools, tmp_path)


def test_e_edits_in_the_editor_and_comes_back_to_the_same_record(
    shell: Opener, tmp_path: Path
) -> None:
    editor = tmp_path / "fake-editor"
    editor.write_text(FAKE_EDITOR)
    editor.chmod(editor.stat().st_mode | stat.S_IXUSR)
    pane = shell(env={"VISUAL": str(editor)})
    since = start(pane, f"storybrowse {STORY_NAME} bridge")
    screen = pane.screen()
    assert "INCIDENT · bridge" in screen, screen  # the deep link
    assert "esc: back to the list" in screen  # open, in the detail
    line = record_line((tmp_path / STORY_NAME).read_text(), "bridge")
    assert line is not None

    pane.keys("e")
    screen = pane.wait_for("press enter>")
    assert f"FAKE EDITOR +{line} {STORY_NAME}" in screen
    assert "MODE cooked" in screen  # the terminal as it was before the browser
    flags = pane_flags(pane)
    assert flags["alternate_on"] == "0" and flags["cursor_flag"] == "1", flags
    assert flags["mouse_any_flag"] == "0", flags

    pane.keys("Enter")
    screen = pane.wait_for("set by Vesna after all")
    assert pane_flags(pane)["alternate_on"] == "1"
    assert "Reloaded two.yaml" in screen or "Fire on the Korlan bridge" in screen
    # The same record, still open in the detail.
    assert "INCIDENT · bridge" in screen, screen
    assert "esc: back to the list" in screen

    pane.keys("q")
    assert exit_status(pane) == 0
    assert restore_problems(pane, since) == []


# Stops its whole process group, as vim does on ctrl+z, then carries on.
STOPPING_EDITOR = """\
#!/bin/sh
echo "EDITOR STARTED"
kill -TSTP 0
echo "EDITOR CONTINUED"
printf 'press enter> '
read answer
"""


def test_ctrl_z_in_the_editor_stops_both_and_fg_brings_both_back(
    shell: Opener, tmp_path: Path
) -> None:
    editor = tmp_path / "stopping-editor"
    editor.write_text(STOPPING_EDITOR)
    editor.chmod(editor.stat().st_mode | stat.S_IXUSR)
    pane = shell(env={"VISUAL": str(editor)})
    since = start(pane, f"storybrowse {STORY_NAME} crossing")
    pane.keys("e")
    pane.wait_for("Stopped")
    pane.wait_prompt()
    pane.line("fg")
    pane.wait_for("press enter>")
    pane.keys("Enter")
    screen = pane.wait_for("two.yaml was not changed")
    assert "INCIDENT · crossing" in screen
    # The browser was not stopped again once the editor had exited.
    screen = pane.wait_stable(quiet=0.5)
    assert "INCIDENT · crossing" in screen and pane_flags(pane)["alternate_on"] == "1"
    pane.keys("q")
    assert exit_status(pane) == 0
    assert restore_problems(pane, since) == []
