"""Only regular files are read, never blocking; a file that is not a story
is never quoted (issue 12, items 5-7, for the first load and every reload)."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from tui.story import fileio
from tui.story.fileio import NotReadable, read_regular_file
from tui.story.load import check_story, check_story_text

STORY = 'storybrowse: "1"\nstory:\n  headline: Ferry shelled at the river crossing\n'


def _run_bounded(func: object, timeout: float = 10.0) -> object:
    """Call *func* in a daemon thread: a read that blocks fails the test
    instead of hanging the run."""
    result: list[object] = []

    def run() -> None:
        try:
            result.append(func())  # type: ignore[operator]
        except BaseException as exc:  # handed back to the test
            result.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), "the read blocked"
    return result[0]


def _message(path: str | Path) -> str:
    outcome = _run_bounded(lambda: check_story(path))
    assert isinstance(outcome, tuple)
    story, problems = outcome
    assert story is None
    assert len(problems) == 1, problems
    return str(problems[0].message)


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "story.yaml"
    path.write_text(STORY)
    assert read_regular_file(path, 1000) == STORY.encode()


def test_a_fifo_without_a_writer_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "story.yaml"
    os.mkfifo(fifo)
    assert _message(fifo) == "not a regular file: a FIFO (named pipe); a story must be a plain file"


def test_a_character_device_is_refused_unread() -> None:
    for device in ("/dev/null", "/dev/zero", "/dev/urandom"):
        assert _message(device).startswith("not a regular file: a character device"), device


def test_a_symlink_to_the_terminal_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "story.yaml"
    link.symlink_to("/dev/tty")
    if not os.path.exists("/dev/tty"):  # pragma: no cover - every POSIX system has it
        pytest.fail("/dev/tty is missing")
    assert _message(link).startswith("not a regular file: a character device")


def test_a_directory_and_a_symlink_to_one(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "dir")
    assert _message(tmp_path / "dir") == "is a directory, not a story file"
    assert _message(tmp_path / "link") == "is a directory, not a story file"


def test_a_socket_is_refused(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        assert _message(path) == "not a regular file: a socket; a story must be a plain file"


def test_a_swap_after_the_stat_is_caught_on_the_open_descriptor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The path is a regular file when stat-ed, a FIFO when opened: the
    check on the open descriptor refuses it, and O_NONBLOCK kept the open
    from waiting for a writer."""
    fifo = tmp_path / "story.yaml"
    os.mkfifo(fifo)
    real_stat = os.stat
    regular = real_stat(__file__)

    def stat_says_regular(path: object, *args: object, **kwargs: object) -> os.stat_result:
        return regular if Path(str(path)) == fifo else real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fileio.os, "stat", stat_says_regular)
    outcome = _run_bounded(lambda: read_regular_file(fifo, 1 << 20))
    assert isinstance(outcome, NotReadable)
    assert str(outcome).startswith("not a regular file: a FIFO")


def test_a_file_that_grows_past_the_limit_while_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "story.yaml"
    path.write_bytes(b"x" * 5000)
    real_stat, real_fstat = os.stat, os.fstat

    def small(st: os.stat_result) -> os.stat_result:  # as it was before it grew
        fields = list(st)
        fields[stat.ST_SIZE] = 10
        return os.stat_result(fields)

    monkeypatch.setattr(fileio.os, "stat", lambda p: small(real_stat(p)))
    monkeypatch.setattr(fileio.os, "fstat", lambda fd: small(real_fstat(fd)))
    with pytest.raises(NotReadable) as info:
        read_regular_file(path, 1000)
    assert info.value.too_large
    assert str(info.value) == (
        "the file is too large (more than 1000 bytes); the limit is 1000 bytes"
    )


def test_nothing_is_left_open(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    path = tmp_path / "story.yaml"
    path.write_text(STORY)
    before = sorted(os.listdir("/proc/self/fd"))
    for target in (fifo, path, tmp_path / "missing", Path("/dev/null")):
        check_story(target)
    assert sorted(os.listdir("/proc/self/fd")) == before


# -- a file that is not a story is never quoted --------------------------------

SECRET = "hunter2-Zq8"

FOREIGN = {
    # /etc/shadow's shape: each line reads as a YAML key.
    "shadow": f"root:$6${SECRET}:20228:0:99999:7::\nalice:{SECRET}:20228:0:99999:7::\n",
    "passwd": f"root:x:0:0:{SECRET}:/root:/bin/bash\n",
    "env": f"API_TOKEN={SECRET}\nDEBUG=1\n",
    "json": f'{{"auths": {{"registry.example": {{"auth": "{SECRET}"}}}}, "{SECRET}": 1}}\n',
    "yaml config": f"password: {SECRET}\n{SECRET}: [1, 2]\nuser: {SECRET}\nuser: again\n",
    "tagged": f"vault: !{SECRET} abc\nkey: &{SECRET} 1\nother: *{SECRET}\n",
    "list": f"- {SECRET}\n- b\n",
    "ini": f"[section]\nkey = {SECRET}\n",
    "pem": f"-----BEGIN PRIVATE KEY-----\n{SECRET}AAAA\n-----END PRIVATE KEY-----\n",
    "script": f"#!/bin/sh\nexport TOKEN='{SECRET}'\nif [ -n \"$x\" ]; then echo: {SECRET}; fi\n",
    "binary": f"\x7fELF\x02\x01\x00{SECRET}".encode("latin-1").decode("latin-1"),
    "controls": f"key: {SECRET}\x1b[31m\n",
}


@pytest.mark.parametrize("kind", sorted(FOREIGN))
def test_a_foreign_file_is_described_never_quoted(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "story.yaml"
    path.write_bytes(FOREIGN[kind].encode("utf-8", "surrogateescape"))
    story, problems = check_story(path)
    assert story is None
    assert problems
    for problem in problems:
        assert SECRET not in problem.format(), problem.format()
        assert SECRET[:6] not in problem.format(), problem.format()


def test_a_mapping_without_story_keys_gets_one_clear_problem() -> None:
    _, problems = check_story_text(f"password: {SECRET}\nuser: admin\n", "creds.yaml")
    assert [p.format() for p in problems] == [
        "creds.yaml:1:1: not a story file: the top-level mapping has none of the keys "
        "storybrowse, story, sources, actors, incidents, quotes, context; "
        "a story needs at least story: {headline: ...}"
    ]


def test_a_story_is_still_quoted_where_that_helps() -> None:
    """The control: in a file that is a story, the author's mistakes are
    quoted as before (a typo in a key, a wrong value)."""
    text = STORY + "incidnets: []\nactors:\n  - id: a\n    name: A\n    kind: goverment\n"
    _, problems = check_story_text(text, "story.yaml")
    shown = "\n".join(p.format() for p in problems)
    assert "unknown key 'incidnets' (did you mean 'incidents'?)" in shown
    assert "'goverment'" in shown
