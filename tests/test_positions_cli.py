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


def test_show_never_hides_a_statement() -> None:
    """Every claim and response of both fixtures, with its date, speaker and
    withdrawn mark, is in ``show``."""
    text = run("show", DENIAL, "ex204-crash", "--format", "markdown").stdout
    for said in ("No missile struck", ADMISSION, "engine failure", "technical fault", "cruise"):
        assert said in text, said
    assert "8 Mar 2031 · DENIED · WITHDRAWN 9 Mar 2031" in text
    assert "**Speaker:** Darin Vell, spokesman" in text
    assert "**Via:** Example Wire Service" in text
    competing = ROOT / "tests" / "fixtures" / "stories" / "competing_claims.yaml"
    text = run("show", competing, "pipeline-blast", "--format", "markdown").stdout
    for claim in ("divers", "pressure failure", "yacht"):
        assert claim in text, claim
    assert text.count("**Answers:** state-claim") == 3
    assert text.count("**Answers:** accident-claim") == 1
    assert text.count("**Answers:** group-claim") == 2


def test_show_actor_dates_each_statement() -> None:
    text = run("show", DENIAL, "examplestan").stdout
    assert "DENIED 10 Mar 2031" in text and "CONFIRMED 11 Mar 2031" in text
    # The statements carry their own dates, not the incident's (8 Mar).
    statements = text.split("Statements on the incident of 8 Mar 2031", 1)[1]
    assert "8 Mar 2031" not in statements
