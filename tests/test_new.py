"""`storybrowse new FILE`: a commented starter story that validates, written
atomically, never over an existing file unless --force."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import tui
from tui import cli
from tui.story import locate, starter
from tui.story.load import check_story, load_story

TUI_PARENT = Path(tui.__file__).resolve().parent.parent
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(TUI_PARENT), PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "tui", *map(str, args)],
        cwd=cwd or TUI_PARENT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_new_writes_a_valid_story(tmp_path: Path) -> None:
    p = tmp_path / "my-story.yaml"
    proc = run("new", p)
    assert proc.returncode == 0, proc.stderr
    assert str(p) in proc.stdout
    story, problems = check_story(p)
    assert story is not None
    assert problems == []  # not even a warning
    assert leftovers(tmp_path) == []
    # `check` agrees, and the other commands can use it.
    assert run("check", p).returncode == 0
    assert run("show", p).returncode == 0


def test_starter_has_what_an_author_needs(tmp_path: Path) -> None:
    p = tmp_path / "s.yaml"
    assert run("new", p).returncode == 0
    story = load_story(p)
    assert any(len(i.responses) >= 2 for i in story.incidents)
    assert len({r.stance for i in story.incidents for r in i.responses}) >= 2
    assert story.actors and any(a.affiliation for a in story.actors)
    assert any(q.via for q in story.quotes)
    assert story.context and story.sources
    # The incident is shown side by side like any other.
    inc = next(i for i in story.incidents if len(i.responses) >= 2)
    out = run("show", p, inc.id, "--width", "100").stdout
    first = next(x for x in out.splitlines() if x.startswith("CLAIM"))
    assert first.count("│") == len(inc.responses)


def test_starter_points_at_the_installed_schema(tmp_path: Path) -> None:
    p = tmp_path / "s.yaml"
    assert run("new", p).returncode == 0
    text = p.read_text(encoding="utf-8")
    m = MODELINE.match(text.splitlines()[0])
    assert m is not None
    schema = Path(m.group(1))
    assert schema.is_absolute()
    assert schema == locate.schema_path()
    # And the file validates against that schema.
    data = yaml.safe_load(text)
    jsonschema.validate(data, json.loads(schema.read_text(encoding="utf-8")))


def test_starter_comments_every_section() -> None:
    lines = starter.starter_text("schema.json").splitlines()
    keys = ("storybrowse", "story", "sources", "actors", "incidents", "quotes", "context")
    for key in keys:
        i = (
            lines.index(f"{key}:")
            if f"{key}:" in lines
            else next(n for n, x in enumerate(lines) if x.startswith(f"{key}:"))
        )
        if key != "storybrowse":
            assert lines[i - 1].startswith("# "), key  # a comment says what it is
    assert sum(1 for x in lines if x.lstrip().startswith("#")) >= 30


def test_schema_path_with_a_space_becomes_a_file_uri(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    spaced = tmp_path / "my schemas" / "story.schema.json"
    monkeypatch.setattr(starter, "schema_path", lambda: spaced)
    ref = starter.schema_reference()
    assert ref == spaced.as_uri() and " " not in ref
    assert MODELINE.match(starter.starter_text().splitlines()[0])


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    p = tmp_path / "story.yaml"
    p.write_text("mine\n", encoding="utf-8")
    proc = run("new", p)
    assert proc.returncode == 1
    assert "already exists" in proc.stderr and "--force" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    assert p.read_text(encoding="utf-8") == "mine\n"
    assert leftovers(tmp_path) == []


def test_refuses_a_dangling_symlink(tmp_path: Path) -> None:
    p = tmp_path / "link.yaml"
    p.symlink_to(tmp_path / "nowhere.yaml")
    assert run("new", p).returncode == 1
    assert p.is_symlink() and not (tmp_path / "nowhere.yaml").exists()


def test_force_overwrites(tmp_path: Path) -> None:
    p = tmp_path / "story.yaml"
    p.write_text("mine\n", encoding="utf-8")
    proc = run("new", "--force", p)
    assert proc.returncode == 0, proc.stderr
    assert p.read_text(encoding="utf-8") == starter.starter_text()
    assert leftovers(tmp_path) == []


def test_relative_path_in_the_current_directory(tmp_path: Path) -> None:
    proc = run("new", "story.yaml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert check_story(tmp_path / "story.yaml")[1] == []


def test_file_mode_follows_the_umask(tmp_path: Path, umask_022: None) -> None:
    p = tmp_path / "s.yaml"
    assert cli.main(["new", str(p)]) == 0
    assert stat.S_IMODE(p.stat().st_mode) == 0o644


@pytest.mark.parametrize(
    "target", ["missing-dir/s.yaml", "a-directory"], ids=["no-directory", "is-directory"]
)
def test_unwritable_targets_exit_1(tmp_path: Path, target: str) -> None:
    (tmp_path / "a-directory").mkdir()
    for args in (["new", target], ["new", "--force", target]):
        proc = run(*args, cwd=tmp_path)
        assert proc.returncode == 1, (args, proc.stderr)
        assert proc.stderr.startswith("storybrowse: error: ")
        assert "Traceback" not in proc.stderr
    assert (tmp_path / "a-directory").is_dir()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("args", [[], ["a.yaml", "b.yaml"], ["--bogus", "a.yaml"]])
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    proc = run("new", *args, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("usage: storybrowse new")
    assert list(tmp_path.iterdir()) == []


def test_help() -> None:
    proc = run("new", "--help")
    assert proc.returncode == 0
    assert proc.stdout.startswith("usage: storybrowse new")
    assert "--force" in proc.stdout


# -- atomic writing ----------------------------------------------------------------


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    p = tmp_path / "story.yaml"
    p.write_text("mine\n", encoding="utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    assert cli.main(["new", "--force", str(p)]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert p.read_text(encoding="utf-8") == "mine\n"
    assert leftovers(tmp_path) == []


def test_the_file_appears_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Until the rename, the target does not exist; the temporary is in the
    same directory (so the rename is atomic)."""
    p = tmp_path / "s.yaml"
    seen: list[tuple[str, str, bool]] = []
    real_link = os.link

    def spy(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        seen.append((str(Path(src).parent), Path(src).read_text(encoding="utf-8"), p.exists()))
        real_link(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "link", spy)
    starter.write_new(p, "whole: text\n")
    assert seen == [(str(tmp_path), "whole: text\n", False)]
    assert p.read_text(encoding="utf-8") == "whole: text\n"
    assert leftovers(tmp_path) == []


def test_a_file_that_appears_while_writing_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = tmp_path / "s.yaml"
    real_mkstemp = tempfile.mkstemp

    def racing_mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        result = real_mkstemp(*args, **kwargs)
        p.write_text("someone else's\n", encoding="utf-8")  # appears meanwhile
        return result

    monkeypatch.setattr(tempfile, "mkstemp", racing_mkstemp)
    with pytest.raises(FileExistsError):
        starter.write_new(p, "mine\n")
    assert p.read_text(encoding="utf-8") == "someone else's\n"
    assert leftovers(tmp_path) == []


def test_without_hard_links_it_still_refuses_to_replace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*args: Any, **kwargs: Any) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    p = tmp_path / "s.yaml"
    starter.write_new(p, "first\n")
    assert p.read_text(encoding="utf-8") == "first\n"
    with pytest.raises(FileExistsError):
        starter.write_new(p, "second\n")
    assert p.read_text(encoding="utf-8") == "first\n"
    assert leftovers(tmp_path) == []


def test_new_does_not_import_textual(tmp_path: Path) -> None:
    probe = (
        "import sys\nfrom tui.cli import main\ncode = main(sys.argv[1:])\n"
        "print('TEXTUAL', sum(m.split('.')[0] == 'textual' for m in sys.modules))\n"
        "raise SystemExit(code)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe, "new", str(tmp_path / "s.yaml")],
        cwd=TUI_PARENT,
        env=dict(os.environ, PYTHONPATH=str(TUI_PARENT)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "TEXTUAL 0" in proc.stdout


# -- long names (issue 12, item 10) ---------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "a" * 245 + ".yaml",  # 250 bytes: valid, and 14 short of NAME_MAX (255)
        "b" * 250 + ".yaml",  # 255 bytes: the longest name there is
        "é" * 122 + ".yaml",  # 249 bytes of two-byte characters
        "😀" * 62 + ".yaml",  # 253 bytes of four-byte characters
    ],
)
def test_the_longest_valid_names_are_written(tmp_path: Path, name: str) -> None:
    assert len(os.fsencode(name)) <= os.pathconf(tmp_path, "PC_NAME_MAX")
    proc = run("new", tmp_path / name)
    assert proc.returncode == 0, proc.stderr
    assert "File name too long" not in proc.stderr
    story, problems = check_story(tmp_path / name)
    assert story is not None, problems
    assert leftovers(tmp_path) == []


def test_a_name_too_long_for_the_file_system_is_its_error(tmp_path: Path) -> None:
    proc = run("new", tmp_path / ("c" * 260 + ".yaml"))
    assert proc.returncode == 1
    assert "File name too long" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert leftovers(tmp_path) == []
