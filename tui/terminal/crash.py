"""What the user gets when storybrowse itself fails: never a traceback.

The terminal is given back first (by the driver), then one line goes to
stderr, ``storybrowse: internal error; details written to PATH``, the
traceback goes to a file under ``$XDG_STATE_HOME/storybrowse/`` (else
``~/.local/state/storybrowse/``), and the exit status is 70 (EX_SOFTWARE).

Under ``storybrowse serve`` (restricted mode) nothing is written on the
reader's behalf: the reader's terminal gets one line, and the details go to
the server's log: down the pipe named by ``STORYBROWSE_DIAGNOSTICS_FD``, and
to stderr when stderr is not the reader's terminal.

``STORYBROWSE_TEST_CRASH`` (tests only, undocumented for users) makes the
browser fail on purpose: ``app`` when ``!`` is pressed in the lists (an
exception in the app), ``input`` when ``!`` is read by the input thread,
``start`` just before the app runs, and ``hang`` (the event loop blocks for
good when ``!`` is pressed: for the signals' last resort).  No textual here.
"""

from __future__ import annotations

import contextlib
import os
import platform
import sys
import time
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

EXIT_CRASH = 70  # EX_SOFTWARE in sysexits.h: an internal software error
TEST_CRASH_VARIABLE = "STORYBROWSE_TEST_CRASH"
RESTRICTED_VARIABLE = "STORYBROWSE_RESTRICTED"
DIAGNOSTICS_VARIABLE = "STORYBROWSE_DIAGNOSTICS_FD"  # as tui.serve.child sets it


class TestCrash(RuntimeError):
    """Raised on purpose when ``STORYBROWSE_TEST_CRASH`` asks for it."""


def test_crash_requested(place: str, environ: Mapping[str, str] | None = None) -> bool:
    """Does ``STORYBROWSE_TEST_CRASH`` ask for a crash at *place*?"""
    env = os.environ if environ is None else environ
    return env.get(TEST_CRASH_VARIABLE, "") == place


def crash_for_tests(place: str) -> None:
    """Raise :class:`TestCrash` if the tests asked for a crash at *place*."""
    if test_crash_requested(place):
        raise TestCrash(f"crash requested by {TEST_CRASH_VARIABLE}={place}")


def state_directory(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_STATE_HOME/storybrowse`` if that variable holds an absolute
    path (the XDG spec ignores relative ones), else
    ``~/.local/state/storybrowse``."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_STATE_HOME", "")
    if base and os.path.isabs(base):
        return Path(base) / "storybrowse"
    return Path.home() / ".local" / "state" / "storybrowse"


def format_details(exc: BaseException | None, text: str = "") -> str:
    """The report's text: what ran, then the traceback of *exc* (or *text*)."""
    from importlib.metadata import PackageNotFoundError, version

    from tui import __version__

    try:
        textual = version("textual")
    except PackageNotFoundError:
        textual = "unknown"
    lines = [
        f"storybrowse {__version__} internal error at {time.strftime('%Y-%m-%d %H:%M:%S %z')}",
        f"python {platform.python_version()} on {platform.platform()}; textual {textual}",
        f"command: {' '.join(sys.argv)!r}",
        f"TERM={os.environ.get('TERM', '')!r} LANG={os.environ.get('LANG', '')!r}",
        "",
    ]
    if exc is not None:
        lines += "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)).split("\n")
    if text:
        lines.append(text)
    return "\n".join(lines).rstrip("\n") + "\n"


def write_report(details: str, directory: Path) -> Path:
    """Write *details* to a new file ``crash-YYYYmmdd-HHMMSS-PID.txt`` in
    *directory* (created, mode 0700; the file 0600).  Raises OSError."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = directory / f"crash-{stamp}-{os.getpid()}.txt"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as out:
        out.write(details)
    return path


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (ValueError, OSError):
        return False


def report(
    details: str,
    *,
    restricted: bool | None = None,
    stderr: TextIO | None = None,
    terminal: TextIO | None = None,
    environ: Mapping[str, str] | None = None,
) -> int:
    """Tell the user about a crash (after the terminal has been given back);
    return the exit status, :data:`EXIT_CRASH`.

    *details*: the report (see :func:`format_details`).  *terminal*: where
    the reader sees the one line when stderr is not the terminal
    (restricted mode only).
    """
    env = os.environ if environ is None else environ
    err = stderr if stderr is not None else sys.stderr
    if restricted is None:
        restricted = env.get(RESTRICTED_VARIABLE, "") == "1"
    if restricted:
        line = "storybrowse: internal error; the details are in the server's log\n"
        reader = terminal if terminal is not None and not _is_tty(err) else err
        _write(reader, line)
        if not _is_tty(err):
            _write(err, details)
        _to_server_log(details, env)
        return EXIT_CRASH
    try:
        path = write_report(details, state_directory(env))
    except OSError as exc:
        _write(
            err,
            f"storybrowse: internal error; the details could not be written to "
            f"{state_directory(env)} ({exc.strerror or exc}), so here they are:\n{details}",
        )
        return EXIT_CRASH
    _write(err, f"storybrowse: internal error; details written to {path}\n")
    return EXIT_CRASH


def _to_server_log(details: str, environ: Mapping[str, str]) -> None:
    """Under ``storybrowse serve``, send *details* down the pipe the server
    logs (its fd number in ``STORYBROWSE_DIAGNOSTICS_FD``, see
    ``tui.serve.child``); the last 32 KiB, as the child's own reports."""
    fd_text = environ.get(DIAGNOSTICS_VARIABLE, "")
    if not fd_text.isdigit():
        return
    with contextlib.suppress(OSError):  # the server may be gone: nobody to tell
        os.write(int(fd_text), details.encode("utf-8", "replace")[-32768:])


def _write(stream: TextIO, text: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        stream.write(text)
        stream.flush()


def report_exception(exc: BaseException) -> int:
    """:func:`report` for *exc*, with its traceback; returns 70."""
    return report(format_details(exc))


def render_renderables(renderables: Sequence[object]) -> str:
    """Plain text of Rich renderables (the tracebacks Textual collects when
    it panics); Rich is imported only here."""
    from io import StringIO

    from rich.console import Console

    out = StringIO()
    console = Console(file=out, width=100, color_system=None, force_terminal=False)
    for renderable in renderables:
        try:
            console.print(renderable)
        except Exception as exc:  # a broken renderable must not lose the report
            out.write(f"(could not render {type(renderable).__name__}: {exc!r})\n")
    return out.getvalue()
