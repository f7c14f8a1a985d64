"""Unit tests of tui.terminal's parts that need no terminal: the paste
filter, the crash report, and the signal guard's bookkeeping."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.terminal import crash
from tui.terminal.paste import PASTE_END, PASTE_START, PasteGuard, pasted_text
from tui.terminal.signals import exit_status

# -- pastes ------------------------------------------------------------------------

STREAM = f"ab{PASTE_START}Vesna\x1b\rq\x1b[1mx\x03\x7f\x9b{PASTE_END}z\x1b"
EXPECTED = f"ab{PASTE_START}Vesna␛\rq␛[1mx␃␡<U+009B>{PASTE_END}z\x1b"


@pytest.mark.parametrize("size", [1, 2, 3, 5, 6, 7, 13, len(STREAM)])
def test_a_paste_keeps_its_text_across_any_split_of_the_input(size: int) -> None:
    guard = PasteGuard()
    out = "".join(guard.feed(STREAM[i : i + size]) for i in range(0, len(STREAM), size))
    assert out == EXPECTED
    assert not guard.in_paste


def test_outside_a_paste_nothing_is_held_back() -> None:
    guard = PasteGuard()
    # A lone Escape key must reach the parser at once, not wait for more input.
    assert guard.feed("\x1b") == "\x1b"
    assert guard.feed("[A") == "[A"


def test_a_paste_start_split_across_reads_is_still_seen() -> None:
    guard = PasteGuard()
    assert guard.feed("\x1b[20") == "\x1b[20"
    assert guard.feed("0~a\x1bb") == "0~a␛b"
    assert guard.in_paste


def test_pasted_text_keeps_line_breaks_and_tabs() -> None:
    assert pasted_text("a\tb\r\nc\x1b") == "a\tb\r\nc␛"


# -- crash reports -------------------------------------------------------------------


def _error() -> BaseException:
    try:
        raise ValueError("a bug")
    except ValueError as exc:
        return exc


def test_a_crash_report_goes_to_a_file_and_one_line(tmp_path: Path) -> None:
    err = io.StringIO()
    env = {"XDG_STATE_HOME": str(tmp_path)}
    status = crash.report(crash.format_details(_error()), stderr=err, environ=env)
    assert status == crash.EXIT_CRASH == 70
    [report] = (tmp_path / "storybrowse").glob("crash-*.txt")
    assert err.getvalue() == f"storybrowse: internal error; details written to {report}\n"
    text = report.read_text()
    assert "ValueError: a bug" in text and "Traceback" in text
    assert report.stat().st_mode & 0o777 == 0o600


def test_relative_xdg_state_home_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/reader")
    assert crash.state_directory({"XDG_STATE_HOME": "rel"}) == Path(
        "/home/reader/.local/state/storybrowse"
    )


def test_restricted_mode_writes_no_file(tmp_path: Path) -> None:
    err, reader = io.StringIO(), io.StringIO()
    env = {"XDG_STATE_HOME": str(tmp_path), crash.RESTRICTED_VARIABLE: "1"}
    status = crash.report("details\n", stderr=err, terminal=reader, environ=env)
    assert status == 70
    assert not (tmp_path / "storybrowse").exists()
    # stderr is not the terminal here (the server's log): the details go there.
    assert reader.getvalue() == "storybrowse: internal error; the details are in the server's log\n"
    assert err.getvalue() == "details\n"


def test_restricted_mode_sends_the_details_down_the_servers_pipe(tmp_path: Path) -> None:
    """Under serve, the child's stderr is the reader's pty: the details go to
    the pipe the server logs (STORYBROWSE_DIAGNOSTICS_FD), never to the reader."""
    read_end, write_end = os.pipe()
    try:
        tty_like = io.StringIO()
        tty_like.isatty = lambda: True  # type: ignore[method-assign]
        env = {crash.RESTRICTED_VARIABLE: "1", crash.DIAGNOSTICS_VARIABLE: str(write_end)}
        status = crash.report("Traceback: the details\n", stderr=tty_like, environ=env)
        os.close(write_end)
        logged = os.read(read_end, 65536).decode()
    finally:
        os.close(read_end)
    assert status == 70
    assert logged == "Traceback: the details\n"
    assert "Traceback" not in tty_like.getvalue()
    assert "server's log" in tty_like.getvalue()
    assert not (tmp_path / "storybrowse").exists()


def test_an_unwritable_state_directory_still_tells_the_user(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    err = io.StringIO()
    status = crash.report("the details\n", stderr=err, environ={"XDG_STATE_HOME": str(blocker)})
    assert status == 70
    assert err.getvalue().startswith("storybrowse: internal error; the details could not be")
    assert "the details" in err.getvalue()


def test_a_bug_outside_the_browser_exits_70_without_a_traceback(tmp_path: Path) -> None:
    """cli.main turns any unexpected exception into the report."""
    code = (
        "import sys, tui.cli.check as c\n"
        "def boom(*a, **k): raise RuntimeError('boom')\n"
        "c.cmd_schema = boom\n"
        "from tui.cli import main\n"
        "sys.exit(main(['schema']))\n"
    )
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 70
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("storybrowse: internal error; details written to ")
    assert "RuntimeError: boom" in next((tmp_path / "storybrowse").glob("*.txt")).read_text()


def test_exit_status_for_a_signal_is_128_plus_n() -> None:
    assert [exit_status(n) for n in (1, 2, 3, 15)] == [129, 130, 131, 143]
