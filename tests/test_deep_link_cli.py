"""``storybrowse FILE ID``: an unknown id is a usage error, before any screen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STORIES = ROOT / "tests" / "fixtures" / "stories"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, TERM="xterm", XDG_CONFIG_HOME=str(ROOT / "no-config-here"))
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize(
    ("record_id", "suggested"),
    [
        ("port-strik", "'port-strike'"),
        ("SAMPLAVIA", "'samplavia'"),
        ("gazete", "'gazette'"),
    ],
)
def test_unknown_id_suggests_the_closest_and_exits_2(record_id: str, suggested: str) -> None:
    proc = run(str(STORIES / "three_governments.yaml"), record_id)
    assert proc.returncode == 2, proc.stderr
    assert f"no record has the id {record_id!r} (did you mean {suggested}" in proc.stderr
    assert proc.stdout == ""
    assert "\x1b" not in proc.stderr  # nothing drawn


def test_an_id_not_yet_in_the_story_as_of_a_date() -> None:
    proc = run("--as-of", "2031-08-01", str(STORIES / "three_governments.yaml"), "port-strike")
    assert proc.returncode == 2
    assert "'port-strike' is not in the story as of" in proc.stderr


def test_a_second_file_is_not_taken_for_an_id() -> None:
    proc = run(str(STORIES / "three_governments.yaml"), "other.yaml")
    assert proc.returncode == 2
    assert "looks like a second one" in proc.stderr
