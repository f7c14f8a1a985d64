"""The positions matrix in a real terminal (tmux, 80x24, 16 colours and
NO_COLOR): m opens it, the keys move cell by cell, enter opens the incident
at the actor's column, escape comes back to the matrix, then to the
browser; q quits with the shell's prompt back."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from localshell import Opener, exit_status, local_shell
from sshterm import Pane, Tmux

ROOT = Path(__file__).resolve().parents[2]
BLAME = ROOT / "tests" / "fixtures" / "stories" / "blame_matrix.yaml"
MATRIX_TITLE = "Positions matrix · 3 incidents × 4 actors"


@pytest.fixture
def shell(tmux: Tmux, tools: Mapping[str, str], tmp_path: Path) -> Iterator[Opener]:
    yield from local_shell(tmux, tools, tmp_path)


def walk(pane: Pane) -> None:
    pane.line("storybrowse blame.yaml")
    pane.wait_for("1 Timeline")
    pane.wait_stable(quiet=0.2)
    pane.keys("m")
    screen = pane.wait_for(MATRIX_TITLE)
    assert "▸ 1 May 2033" in screen, pane.report("cursor row")
    assert "Government of Vesna (Vesnograd): DENIED 2 May → CONFIRMED 9 May" in screen
    assert "CONF confirmed" in screen, pane.report("the legend of the short words")
    pane.keys("j", "l")
    pane.wait_for("Government of Korlan: DENIED 5 May → INVESTIGATING 7 May")
    pane.keys("Enter")
    screen = pane.wait_for("esc: back to the matrix")
    assert "INCIDENT" in screen and "bridge-fire" in screen, pane.report("the incident")
    pane.keys("Escape")
    pane.wait_for("Government of Korlan: DENIED 5 May → INVESTIGATING 7 May")
    pane.keys("Escape")
    pane.wait_gone(MATRIX_TITLE)
    pane.wait_for("1 Timeline")
    pane.keys("q")
    assert exit_status(pane) == 0


@pytest.mark.parametrize(
    "env",
    [{"TERM": "xterm"}, {"TERM": "xterm-256color", "NO_COLOR": "1"}],
    ids=["16-colours", "no-colour"],
)
def test_the_matrix_in_tmux(shell: Opener, tmp_path: Path, env: dict[str, str]) -> None:
    shutil.copy(BLAME, tmp_path / "blame.yaml")
    pane = shell(env=env, width=80, height=24)
    walk(pane)
