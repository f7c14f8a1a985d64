"""Find the terminal to draw on, or say in one line why there is none.

Textual's Linux driver (8.2.8) reads keys from stdin and draws on stderr,
whatever they are.  ``storybrowse story.yaml </dev/null`` then spins at 100%
of a core reading end-of-file, and ``storybrowse story.yaml 2>errors.log``
writes the whole interface into the file.  Like ``less`` and ``fzf``, the
browser instead reads keys from stdin only when it is a terminal, else from
the controlling terminal (``/dev/tty``), and draws on stderr, else stdout,
else ``/dev/tty``: on a terminal, never into a file.

A terminal that cannot run a full-screen program (``TERM`` unset, ``dumb``,
or a name terminfo does not know) is refused before anything is written to
it.  No textual here: the command line calls this before importing it.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TextIO

NO_TERMINAL = "no terminal to draw on; use 'storybrowse show' for text output"


@dataclass
class Terminal:
    """Where the browser reads keys and draws.

    *input_fd*: a terminal file descriptor to read keys from.  *output*: a
    text stream on a terminal to draw on.  *owned*: what this process opened
    itself (``/dev/tty``), closed by :meth:`close`.
    """

    input_fd: int
    output: TextIO
    owned_fds: list[int] = field(default_factory=list)
    owned_streams: list[TextIO] = field(default_factory=list)

    @property
    def output_fd(self) -> int:
        return self.output.fileno()

    @property
    def encoding(self) -> str:
        """The encoding the terminal is drawn in, and so typed in."""
        return getattr(self.output, "encoding", None) or "utf-8"

    def close(self) -> None:
        for stream in self.owned_streams:
            with contextlib.suppress(OSError, ValueError):
                stream.close()
        for fd in self.owned_fds:
            with contextlib.suppress(OSError):
                os.close(fd)
        self.owned_streams.clear()
        self.owned_fds.clear()


class NoTerminal(Exception):
    """There is no terminal to draw on, or it cannot run a full-screen
    program; ``str()`` is the one line to print after ``storybrowse: ``."""


def _is_tty(stream: object) -> bool:
    try:
        return bool(stream is not None and stream.isatty())  # type: ignore[attr-defined]
    except (ValueError, OSError):  # closed
        return False


def _open_tty_stream(fd: int, like: TextIO | None) -> TextIO:
    """A text stream writing to *fd*, encoded as the locale's streams are."""
    encoding = getattr(like, "encoding", None) or (
        sys.getfilesystemencoding() if sys.flags.utf8_mode else None
    )
    raw = io.FileIO(os.dup(fd), "w", closefd=True)
    return io.TextIOWrapper(
        io.BufferedWriter(raw), encoding=encoding, errors="backslashreplace", line_buffering=False
    )


def find_terminal() -> Terminal:
    """The terminal for the browser.  Raises :class:`NoTerminal` when stdin
    is not a terminal and there is no controlling terminal either.

    Keys: stdin if it is a terminal, else ``/dev/tty``.  Drawing: stderr if
    it is a terminal (as Textual does), else stdout, else ``/dev/tty``.
    """
    owned_fds: list[int] = []
    owned_streams: list[TextIO] = []
    tty_fd: int | None = None

    def controlling() -> int:
        nonlocal tty_fd
        if tty_fd is None:
            try:
                tty_fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY | os.O_CLOEXEC)
            except OSError as exc:
                raise NoTerminal(NO_TERMINAL) from exc
            owned_fds.append(tty_fd)
        return tty_fd

    try:
        stdin = sys.__stdin__
        input_fd = stdin.fileno() if stdin is not None and _is_tty(stdin) else controlling()
        output: TextIO
        if _is_tty(sys.__stderr__):
            output = sys.__stderr__  # type: ignore[assignment]
        elif _is_tty(sys.__stdout__):
            output = sys.__stdout__  # type: ignore[assignment]
        else:
            output = _open_tty_stream(controlling(), sys.__stderr__)
            owned_streams.append(output)
    except NoTerminal:
        for fd in owned_fds:
            os.close(fd)
        raise
    return Terminal(input_fd, output, owned_fds, owned_streams)


def refuse_term(environ: Mapping[str, str], fd: int) -> str | None:
    """Why the terminal type in *environ* cannot run the browser, or None.

    Refused: ``TERM`` unset or empty, a name terminfo does not know, and a
    terminal without cursor addressing (``dumb``, a printer, Emacs' shell).
    *fd* is the terminal's file descriptor (for ``setupterm``).  Uses the
    curses module once per process; without curses, only unset and ``dumb``
    are refused.
    """
    term = environ.get("TERM", "")
    show = "use 'storybrowse show' for text output"
    if not term:
        return f"TERM is not set, so the terminal type is unknown; {show}"
    if term == "dumb":
        return f"this terminal (TERM=dumb) cannot show a full-screen program; {show}"
    try:
        import curses
    except ImportError:  # Python built without curses: trust the name
        return None
    try:
        curses.setupterm(term, fd)
    except curses.error:
        return (
            f"terminal type {term!r} is not known here (no terminfo entry); "
            f"set TERM to one that is, such as xterm-256color, or {show}"
        )
    if not curses.tigetstr("cup"):
        return f"this terminal (TERM={term}) cannot move the cursor; {show}"
    return None


def fill_missing_std_streams() -> None:
    """Put ``/dev/null`` on stdin, stdout or stderr if it was closed
    (``storybrowse <&-``, a daemon), and give Python a stream for it.

    Without this the next file opened (the story, ``/dev/tty``) takes the
    free descriptor 0, 1 or 2, and Python's ``sys.stdin`` (which Textual 8.2.8
    reads in ``LinuxDriver.__init__``) is None: the browser crashed.
    """
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
        if getattr(sys, name) is None or getattr(sys, f"__{name}__") is None:
            stream = open(  # noqa: SIM115 - lives as long as the process
                fd, "r" if fd == 0 else "w", closefd=False, errors="backslashreplace"
            )
            if getattr(sys, name) is None:
                setattr(sys, name, stream)
            if getattr(sys, f"__{name}__") is None:
                setattr(sys, f"__{name}__", stream)
