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
    assert "'ex204-recorders' is not in the story as of 10 Mar 2031 (--as-of)" in proc.stderr


def test_as_of_leaves_out_a_claim_made_later_everywhere() -> None:
    # The only claim on the crash is of the 10th: on the 9th, the incident
    # (its denials answering a claim not yet made) is not yet in the story.
    shown = run("show", DENIAL, "ex204-crash", "--as-of", "2031-03-09")
    assert shown.returncode == 1 and "not in the story as of 9 Mar 2031" in shown.stderr
    timeline = run("show", DENIAL, "--as-of", "2031-03-09", "--width", "200")
    assert "ex204-crash" not in timeline.stdout
    data = json.loads(run("export", DENIAL, "--as-of", "2031-03-09").stdout)
    assert data["incidents"] == []
    assert "intelligence showed" not in json.dumps(data)  # Demoland's claim


def test_a_response_made_before_the_claim_it_answers_still_names_it(tmp_path: Path) -> None:
    from tests.core.test_positions_core import EARLY_ANSWER

    story = tmp_path / "early.yaml"
    story.write_text(EARLY_ANSWER, encoding="utf-8")
    proc = run("show", story, "i", "--width", "120", "--as-of", "2020-01-06")
    assert proc.returncode == 0, proc.stderr
    text = " ".join(proc.stdout.split())
    assert "second" not in text  # c2, made on the 10th
    assert "early" in text and "late" not in text
    assert "Answers: c2 (D), not yet made (10 Jan 2020)" in text
    # Once made, the claim is answered as any other.
    later = run("show", story, "i", "--width", "120", "--as-of", "2020-01-10").stdout
    later = " ".join(later.split())
    assert "Answers: c2 (D)" in later and "not yet made" not in later


def test_show_as_of_says_so_first_in_text_and_markdown() -> None:
    for fmt in ("text", "markdown"):
        for record in ((), ("ex204-crash",), ("examplestan",)):
            proc = run("show", DENIAL, *record, "--format", fmt, "--as-of", "2031-03-10")
            assert proc.returncode == 0, proc.stderr
            first = proc.stdout.splitlines()[0]
            assert "as of 10 Mar 2031" in first, (fmt, record, first)
    whole = run("show", DENIAL, "ex204-crash")
    assert "as of" not in whole.stdout


def test_show_as_of_marks_an_undated_statement_in_its_column() -> None:
    # The Air Defence Command's confirmation has no date: as of any date it
    # stays, marked, in its column as in the positions strip.
    for fmt in ("text", "markdown"):
        then = run("show", DENIAL, "ex204-crash", "--format", fmt, "--as-of", "2031-03-10")
        assert then.returncode == 0, then.stderr
        assert "When: undated" in then.stdout.replace("**", ""), fmt
    whole = run("show", DENIAL, "ex204-crash", "--width", "120")
    assert "undated" not in whole.stdout.split("CLAIM", 1)[1]  # the columns


def test_show_as_of_before_everything_says_nothing_was_dated_by_then() -> None:
    proc = run("show", DENIAL, "--as-of", "2031-01-01")
    assert proc.returncode == 0, proc.stderr
    assert "Nothing in the story is dated on or before 1 Jan 2031." in proc.stdout
    assert "no incidents or context events" not in proc.stdout


def test_a_bad_as_of_date_is_a_usage_error() -> None:
    for bad in ("yesterday", "XXXX-03-10"):
        proc = run("export", DENIAL, "--as-of", bad)
        assert proc.returncode == 2, bad
        assert "--as-of" in proc.stderr and "Traceback" not in proc.stderr
    proc = run("export", DENIAL, "--as-of", "2040-13-45")
    assert proc.returncode == 2
    assert proc.stderr.count("2040-13-45") == 1, proc.stderr  # said once
    assert "month 13" in proc.stderr


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
