"""``storybrowse diff``: exit statuses, each kind of change on the fixture
pairs (tests/fixtures/diff/), an invalid version reported as ``check``
reports it, ``--rev`` on a git repository made here, the JSON shape, and
plain output in a pipe, colour on a terminal."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import tui
from tui import cli

DIFF = Path(__file__).resolve().parent / "fixtures" / "diff"
BASE = DIFF / "base.yaml"
TUI_PARENT = Path(tui.__file__).resolve().parent.parent


def diff(
    capsys: pytest.CaptureFixture[str], *args: str | Path, cwd: Path | None = None
) -> tuple[int, str, str]:
    """Run ``storybrowse diff ARGS`` in this process: (status, stdout, stderr)."""
    here = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        code = cli.main(["diff", *map(str, args)])
    finally:
        os.chdir(here)
    out, err = capsys.readouterr()
    return code, out, err


# -- each kind of change ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        (
            "incident_added",
            ["+ Added incident ferry-seized · 13 Sep 2031 · Ferry seized on the Lumen river"],
        ),
        (
            "incident_removed",
            ["- Removed incident bridge-fire · 12 Sep 2031 · Rockets fired at the Lumen bridge"],
        ),
        ("incident_retitled", ["  title: Drone strike on {+the+} Port Lumen {+grain terminal+}"]),
        (
            "stance_changed",
            [
                "  Government of Samplavia on port-strike: DENIED → CONFIRMED",
                "  + Added response sa-admission by Government of Samplavia · 13 Sep 2031"
                " · CONFIRMED",
            ],
        ),
        ("stance_edited", ["  Government of Examplestan on port-strike: INVESTIGATING → DISPUTED"]),
        (
            "statement_added",
            ["  + Added response by Government of Examplestan · 13 Sep 2031 · DENIED"],
        ),
        (
            "statement_withdrawn",
            [
                "  ~ Withdrawn 13 Sep 2031: response sa-denial by Government of Samplavia"
                " · 11 Sep 2031 · DENIED"
            ],
        ),
        (
            "text_edited",
            [
                "    text: The Front said its fighters launched [-the drone-] {+two drones+}"
                " from the Kestrel Hills."
            ],
        ),
        ("metadata_changed", ["Story", "  published: 14 Sep 2031 → 15 Sep 2031"]),
        ("actor_renamed", ["    name: Government of {+the Republic of+} Demoland"]),
        (
            "source_url_changed",
            [
                "    url: [-https://wire.example.org/12345-]"
                " {+https://wire.example.org/2031/09/12/port-lumen+}"
            ],
        ),
    ],
)
def test_each_kind_of_change_exits_1_and_is_said(
    capsys: pytest.CaptureFixture[str], name: str, lines: list[str]
) -> None:
    code, out, err = diff(capsys, BASE, DIFF / f"{name}.yaml")
    assert (code, err) == (1, "")
    for line in lines:
        assert line in out.splitlines()


@pytest.mark.parametrize("other", ["base.yaml", "reformatted.yaml"])
def test_the_same_story_exits_0(capsys: pytest.CaptureFixture[str], other: str) -> None:
    code, out, err = diff(capsys, BASE, DIFF / other)
    assert (code, err) == (0, "")
    assert out.startswith("No change to the story from ")
    code, out, _ = diff(capsys, BASE, DIFF / other, "--format", "json")
    assert code == 0 and json.loads(out)["changes"] == []


def test_going_back_reverses_the_change(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = diff(capsys, DIFF / "stance_changed.yaml", BASE)
    assert code == 1
    assert "  Government of Samplavia on port-strike: CONFIRMED → DENIED" in out.splitlines()
    assert any(x.startswith("  - Removed response sa-admission") for x in out.splitlines())


# -- errors -----------------------------------------------------------------------------


@pytest.mark.parametrize("order", ["old", "new"])
def test_an_invalid_version_is_reported_as_check_reports_it(
    capsys: pytest.CaptureFixture[str], order: str
) -> None:
    bad = DIFF / "invalid.yaml"
    code, out, err = diff(capsys, *((bad, BASE) if order == "old" else (BASE, bad)))
    assert (code, out) == (2, "")
    assert cli.main(["check", str(bad)]) == 1
    checked, _ = capsys.readouterr()
    assert err == checked  # the same lines, on stderr


@pytest.mark.parametrize(
    "args",
    [
        [str(BASE)],
        [str(BASE), str(BASE), str(BASE)],
        [str(BASE), str(BASE), "--rev", "HEAD"],
        [str(BASE), str(BASE), "--format", "yaml"],
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, out, err = diff(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith("usage: storybrowse diff") and "Traceback" not in err


def test_a_missing_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = diff(capsys, BASE, tmp_path / "nope.yaml")
    assert (code, out) == (2, "")
    assert (
        err
        == f"{tmp_path / 'nope.yaml'}: no such file\n{tmp_path / 'nope.yaml'}: invalid: 1 error\n"
    )


# -- JSON -------------------------------------------------------------------------------


def test_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = diff(capsys, BASE, DIFF / "everything.yaml", "--format", "json")
    assert code == 1
    data: dict[str, Any] = json.loads(out)
    assert list(data) == ["diff_version", "old", "new", "changed", "changes"]
    assert data["diff_version"] == 1 and data["changed"] is True
    assert data["old"] == str(BASE)
    by_type: dict[str, list[dict[str, Any]]] = {}
    for c in data["changes"]:
        by_type.setdefault(c["type"], []).append(c)
    assert list(by_type) == ["story", "incident", "stance", "statement", "actor", "source"]
    for c in data["changes"]:
        if c["type"] == "stance":
            assert set(c) == {"type", "incident", "actor", "actor_ref", "old", "new"}
        elif c["type"] == "statement":
            assert set(c) == {
                "type",
                "incident",
                "role",
                "action",
                "id",
                "by",
                "fields",
                "statement",
            }
        else:
            assert set(c) == {"type", "action", "id", "fields", "record"}
        for f in c.get("fields", []):
            assert {"field", "type", "old", "new"} <= set(f)
            assert ("words" in f) == (f["type"] == "text")
    (stance,) = by_type["stance"]
    assert stance["old"] == {"stance": "denied", "withdrawn": False}
    assert stance["new"] == {"stance": "confirmed", "withdrawn": False}
    assert stance["actor_ref"]["name"] == "Government of Samplavia"
    withdrawn = next(c for c in by_type["statement"] if c["action"] == "withdrawn")
    assert withdrawn["id"] == "sa-denial"
    assert withdrawn["fields"][0]["new"]["text"] == "2031-09-13"
    assert withdrawn["statement"]["withdrawn"]["display"] == "13 Sep 2031"
    meta = by_type["story"][0]
    assert meta["fields"][0]["words"] == [
        {"op": "delete", "text": "Three capitals at odds"},
        {"op": "insert", "text": "Samplavia admits role"},
        {"op": "equal", "text": "over the Port Lumen drone strike"},
    ]
    added = next(c for c in by_type["incident"] if c["action"] == "added")
    assert added["record"]["id"] == "ferry-seized" and added["record"]["positions"]


def test_markdown_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = diff(capsys, BASE, DIFF / "stance_changed.yaml", "--format", "markdown")
    assert code == 1
    assert out.startswith("# From ")
    assert "- Government of Samplavia on port-strike: **DENIED** → **CONFIRMED**" in out


# -- git --------------------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(repo),
    }
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with one commit: stories/story.yaml, the base story."""
    root = tmp_path / "repo"
    (root / "stories").mkdir(parents=True)
    git(root, "init", "-q")
    shutil.copy(BASE, root / "stories" / "story.yaml")
    git(root, "add", "stories/story.yaml")
    git(root, "commit", "-q", "-m", "base")
    return root


@needs_git
def test_rev_compares_the_committed_version_with_the_file(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    story = repo / "stories" / "story.yaml"
    code, out, _ = diff(capsys, story, "--rev", "HEAD")
    assert code == 0 and out.startswith("No change to the story from HEAD:stories/story.yaml")
    shutil.copy(DIFF / "stance_changed.yaml", story)
    # from another directory, with a relative path
    code, out, err = diff(capsys, "stories/story.yaml", "--rev", "HEAD", cwd=repo)
    assert (code, err) == (1, "")
    assert out.startswith("From HEAD:stories/story.yaml to stories/story.yaml: 2 changes")
    assert "  Government of Samplavia on port-strike: DENIED → CONFIRMED" in out.splitlines()
    # a later commit, and a revision before it
    git(repo, "commit", "-q", "-am", "Samplavia admits")
    code, out, _ = diff(capsys, story, "--rev", "HEAD~1", "--format", "json")
    assert code == 1 and json.loads(out)["old"] == "HEAD~1:stories/story.yaml"
    code, _, _ = diff(capsys, story, "--rev", "HEAD")
    assert code == 0


@needs_git
def test_rev_errors_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    story = repo / "stories" / "story.yaml"
    untracked = repo / "stories" / "new.yaml"
    shutil.copy(BASE, untracked)
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(BASE, outside / "story.yaml")
    cases = [
        (story, "no-such-branch", "'no-such-branch' is not a revision in the git repository"),
        (story, "--output=/tmp/x", "'--output=/tmp/x' is not a revision"),
        (untracked, "HEAD", "stories/new.yaml does not exist at revision HEAD"),
        (outside / "story.yaml", "HEAD", "not in a git repository, so --rev cannot be used"),
    ]
    for file, rev, message in cases:
        code, out, err = diff(capsys, file, f"--rev={rev}")
        assert (code, out) == (2, ""), (rev, err)
        assert err.count("\n") == 1 and message in err and err.startswith("storybrowse: error: ")


@needs_git
def test_an_invalid_committed_version_is_reported_with_its_revision(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    story = repo / "stories" / "story.yaml"
    shutil.copy(DIFF / "invalid.yaml", story)
    git(repo, "commit", "-q", "-am", "a typo")
    shutil.copy(BASE, story)
    code, out, err = diff(capsys, story, "--rev", "HEAD")
    assert (code, out) == (2, "")
    assert err.splitlines()[0].startswith("HEAD:stories/story.yaml:81:17: ")
    assert err.splitlines()[-1] == "HEAD:stories/story.yaml: invalid: 1 error"


# -- a pipe and a terminal ------------------------------------------------------------------


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full.update(PYTHONPATH=str(TUI_PARENT), PYTHONIOENCODING="utf-8", TERM="xterm", **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "tui", "diff", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full,
        cwd=TUI_PARENT,
        timeout=60,
    )


def test_no_escape_sequence_in_a_pipe() -> None:
    proc = run(BASE, DIFF / "everything.yaml")
    assert proc.returncode == 1 and proc.stderr == ""
    assert "\x1b" not in proc.stdout and "[-the drone-] {+two drones+}" in proc.stdout


def in_pty(env: dict[str, str]) -> str:
    """``diff base.yaml everything.yaml`` with a terminal for stdout: what it wrote."""
    master, slave = pty.openpty()
    full = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full.update(PYTHONPATH=str(TUI_PARENT), PYTHONIOENCODING="utf-8", **env)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "diff", str(BASE), str(DIFF / "everything.yaml")],
        stdout=slave,
        stderr=subprocess.PIPE,
        cwd=TUI_PARENT,
        env=full,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait(timeout=60) == 1
    return b"".join(chunks).decode("utf-8")


def test_colour_on_a_terminal_and_none_with_no_color() -> None:
    coloured = in_pty({"TERM": "xterm"})
    assert "\x1b[1;32m+ Added\x1b[0m" in coloured and "\x1b[31m[-the drone-]\x1b[0m" in coloured
    no_colour = in_pty({"TERM": "xterm", "NO_COLOR": "1"})
    assert "\x1b[1m" in no_colour and "[-the drone-]" in no_colour
    assert "\x1b[3" not in no_colour and ";3" not in no_colour
    assert "\x1b" not in in_pty({"TERM": "dumb"})
