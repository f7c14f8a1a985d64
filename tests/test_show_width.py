"""``show --width`` and ``$COLUMNS`` are bounded (issue 12, item 9): 20 to
1000 columns; ``--width`` outside that is a usage error (exit status 2, no
traceback), ``$COLUMNS`` outside it is brought to the nearest bound."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

import tui
from tui.story.cells import cell_width

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "tests" / "serve" / "story.yaml"
TUI_PARENT = Path(tui.__file__).resolve().parent.parent


def run(*args: str, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR")}
    full_env["PYTHONPATH"] = str(TUI_PARENT)
    full_env["PYTHONIOENCODING"] = "utf-8"
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "tui", "show", str(STORY), *args],
        env=full_env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def widest(text: str) -> int:
    return max(cell_width(line) for line in text.splitlines())


@pytest.mark.parametrize(
    "width", ["19", "0", "-5", "1001", "1e9", "1e30", "9" * 40, "inf", "nan", "٣٠", " 80", "8_0"]
)
def test_a_width_out_of_bounds_is_a_usage_error(width: str) -> None:
    proc = run("alpha", f"--width={width}")
    assert proc.returncode == 2, proc
    assert "Traceback" not in proc.stderr
    assert "is not a whole number from 20 to 1000" in proc.stderr
    assert proc.stdout == ""


@pytest.mark.parametrize("width", [20, 80, 1000])
def test_the_bounds_themselves_are_accepted(width: int) -> None:
    proc = run("alpha", "--width", str(width))
    assert proc.returncode == 0, proc.stderr
    assert widest(proc.stdout) <= width


@pytest.mark.parametrize(
    ("columns", "bound"),
    [("5", 20), ("1", 20), ("1001", 1000), ("1000000000", 1000), ("9" * 400, 1000)],
)
def test_columns_out_of_bounds_is_clamped(columns: str, bound: int) -> None:
    proc = run("alpha", env={"COLUMNS": columns})
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert widest(proc.stdout) <= bound
    # Clamped to the bound, not back to the default: the same as --width.
    assert proc.stdout == run("alpha", "--width", str(bound)).stdout


def test_the_help_documents_the_bounds() -> None:
    proc = run("--help")
    assert proc.returncode == 0
    assert "20 to 1000" in " ".join(proc.stdout.split())
