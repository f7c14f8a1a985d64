"""``storybrowse show FILE --matrix``: the positions matrix as text fitted
to the width, as Markdown, as of a date; the usage errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import tui
from tui.story.cells import cell_width

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "tests" / "fixtures" / "stories"
BLAME = STORIES / "blame_matrix.yaml"
TUI_PARENT = Path(tui.__file__).resolve().parent.parent


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("COLUMNS", None)
    env["PYTHONPATH"] = str(TUI_PARENT)
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "tui", *map(str, args)],
        cwd=TUI_PARENT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def test_text_full_words_when_wide() -> None:
    proc = run("show", BLAME, "--matrix", "--width", "160")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("Positions matrix: Vesna and Korlan trade blame")
    shelling = next(line for line in out.splitlines() if "Shelling at" in line)
    assert shelling.split()[-3:] == ["*CONFIRMED", "CLAIMED", "*WITHDRAWN"]
    assert "CONF confirmed" not in out  # no short words, no legend for them
    assert "\x1b" not in out  # a pipe: no escape codes


@pytest.mark.parametrize("width", [40, 80, 100])
def test_text_fits_the_width(width: int) -> None:
    proc = run("show", BLAME, "--matrix", "--width", str(width))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert all(cell_width(line) <= width for line in lines[1:]), proc.stdout
    if width == 40:
        assert "CONF confirmed" in proc.stdout  # shortened, with the legend


def test_markdown_table() -> None:
    proc = run("show", BLAME, "--matrix", "--format", "markdown")
    assert proc.returncode == 0, proc.stderr
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| ")]
    assert rows[0].startswith("| Date | Incident | Government of Vesna | Government of Korlan")
    assert len(rows) == 2 + 3  # the header, its rule, three incidents
    assert any("\\*CONFIRMED" in r and "crossing-shelled" in r for r in rows)


def test_as_of_is_the_picture_on_that_date() -> None:
    proc = run("show", BLAME, "--matrix", "--width", "160", "--as-of", "2033-05-04")
    assert proc.returncode == 0, proc.stderr
    assert "As of 4 May 2033" in proc.stdout
    shelling = next(line for line in proc.stdout.splitlines() if "Shelling at" in line)
    assert " DENIED" in shelling and "CONFIRMED" not in shelling
    assert "Drone over" not in proc.stdout


def test_an_id_or_json_is_a_usage_error() -> None:
    with_id = run("show", BLAME, "bridge-fire", "--matrix")
    assert with_id.returncode == 2 and "--matrix" in with_id.stderr
    as_json = run("show", BLAME, "--matrix", "--format", "json")
    assert as_json.returncode == 2 and "json" in as_json.stderr
