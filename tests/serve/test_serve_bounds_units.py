"""The server's bounds without a network (issue 12, items 1-3): each
reader's private directory, the keys file read only when regular, the
child's core limit and its crash path."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tui.serve import child
from tui.serve.connlog import Log

ROOT = Path(__file__).resolve().parents[2]


def test_a_reader_directory_is_private_and_holds_only_the_story_link(tmp_path: Path) -> None:
    from tui.serve.environment import reader_directory

    story = tmp_path / "newsroom" / "story.yaml"
    story.parent.mkdir()
    story.write_text("x")
    home, argument = reader_directory(str(tmp_path), str(story))
    other, _ = reader_directory(str(tmp_path), str(story))
    assert home != other  # one per reader
    assert stat.S_IMODE(os.stat(home).st_mode) == 0o700
    assert os.listdir(home) == ["story.yaml"]
    assert os.readlink(os.path.join(home, "story.yaml")) == str(story)
    assert argument == "story.yaml"  # the name alone: no directory to show


@pytest.mark.parametrize(
    ("name", "argument"),
    [("-x.yaml", "./-x.yaml"), ("check", "./check"), ("serve", "./serve"), ("a b", "a b")],
)
def test_a_story_name_is_never_taken_for_an_option(
    tmp_path: Path, name: str, argument: str
) -> None:
    from tui.serve.environment import reader_directory

    assert reader_directory(str(tmp_path), str(tmp_path / name))[1] == argument


def _keys(path: Path) -> tuple[object, io.StringIO]:
    pytest.importorskip("asyncssh")
    from tui.serve.keys import AuthorizedKeys

    stream = io.StringIO()
    return AuthorizedKeys(path, Log(stream)), stream


@pytest.mark.parametrize("kind", ["fifo", "directory", "device"])
def test_a_keys_file_that_is_not_regular_refuses_everyone_at_once(
    tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "authorized_keys"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    else:
        path.symlink_to("/dev/zero")
    keys, stream = _keys(path)
    result: list[object] = []
    thread = threading.Thread(target=lambda: result.append(keys.current()), daemon=True)  # type: ignore[attr-defined]
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "reading the keys file blocked"
    assert result == [None]
    assert "refusing everyone" in stream.getvalue()


def test_a_regular_keys_file_is_read(tmp_path: Path) -> None:
    key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl reader"
    path = tmp_path / "authorized_keys"
    path.write_text(key + "\n")
    keys, _ = _keys(path)
    assert keys.current() is not None  # type: ignore[attr-defined]


def test_the_child_switches_core_dumps_off() -> None:
    code = (
        "import resource; from tui.serve.child import no_core_dumps; "
        "resource.setrlimit(resource.RLIMIT_CORE, resource.getrlimit(resource.RLIMIT_CORE)); "
        "no_core_dumps(); print(resource.getrlimit(resource.RLIMIT_CORE))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ).stdout
    assert out.strip() == "(0, 0)"


def test_an_error_in_the_child_is_one_line_for_the_reader_and_a_traceback_for_the_log(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import tui.cli

    def crash(argv: list[str]) -> int:
        raise RuntimeError("boom from /srv/private/path")

    read, write = os.pipe()
    monkeypatch.setattr(tui.cli, "main", crash)
    monkeypatch.setattr(child, "take_terminal", lambda: None)
    monkeypatch.setattr(child, "no_core_dumps", lambda: None)
    monkeypatch.setenv(child.DIAGNOSTICS_VARIABLE, str(write))
    try:
        assert child.main(["story.yaml"]) == child.EXIT_INTERNAL_ERROR
        os.close(write)
        logged = os.read(read, 65536).decode()
    finally:
        os.close(read)
    shown = capsys.readouterr()
    assert child.CRASH_LINE in shown.err
    assert "Traceback" not in shown.err + shown.out
    assert "/srv/private/path" not in shown.err + shown.out
    assert "Traceback" in logged and "RuntimeError: boom" in logged
