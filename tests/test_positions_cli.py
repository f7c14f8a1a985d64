"""``--as-of DATE`` on ``show`` and ``export``, on the format-2 fixtures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import tui

ROOT = Path(__file__).resolve().parent.parent
DENIAL = ROOT / "tests" / "fixtures" / "stories" / "denial_admitted.yaml"
TUI_PARENT = Path(tui.__file__).resolve().parent.parent
ADMISSION = "unforgivable"  # in Examplestan's admission of 11 Mar


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


def test_export_as_of_leaves_out_what_came_later() -> None:
    proc = run("export", DENIAL, "--as-of", "2031-03-10")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["as_of"]["text"] == "2031-03-10"
    assert [i["id"] for i in data["incidents"]] == ["ex204-crash"]
    assert ADMISSION not in proc.stdout
    whole = json.loads(run("export", DENIAL).stdout)
    assert whole["as_of"] is None and ADMISSION in json.dumps(whole)


def test_show_as_of_leaves_out_what_came_later() -> None:
    before = run("show", DENIAL, "ex204-crash", "--width", "100")
    after = run("show", DENIAL, "ex204-crash", "--width", "100", "--as-of", "2031-03-10")
    assert before.returncode == after.returncode == 0, after.stderr
    assert ADMISSION in " ".join(before.stdout.split())
    assert ADMISSION not in " ".join(after.stdout.split())
    assert "psychological" in after.stdout  # the denial of the 10th stays


def test_show_as_of_names_a_record_that_came_later() -> None:
    proc = run("show", DENIAL, "ex204-recorders", "--as-of", "2031-03-10")
    assert proc.returncode == 1
    assert "'ex204-recorders' is dated after 10 Mar 2031 (--as-of)" in proc.stderr


def test_a_bad_as_of_date_is_a_usage_error() -> None:
    for bad in ("yesterday", "XXXX-03-10"):
        proc = run("export", DENIAL, "--as-of", bad)
        assert proc.returncode == 2, bad
        assert "--as-of" in proc.stderr and "Traceback" not in proc.stderr
