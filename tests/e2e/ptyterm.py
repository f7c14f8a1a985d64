"""Run a program in a real pseudo-terminal and read its screen with pyte.

No tmux, no ssh: the program's stdin, stdout and stderr are the slave side of
a pty (``os.openpty``) of a fixed size, in a new session (``setsid``); every
byte it writes to the master side is kept and fed into a ``pyte.Screen`` of
the same size, which plays the terminal. Keys are bytes written to the master
(``b"j"``, ``b"\\r"``, ``b"\\x1b[B"``...).

Nothing here sleeps for a fixed long time: every wait polls with a timeout,
reading what the program wrote in the meantime.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from fcntl import ioctl
from pathlib import Path

import pyte

TIMEOUT_SCALE = float(os.environ.get("E2E_TIMEOUT_SCALE", "1") or "1")
DEFAULT_TIMEOUT = 10.0 * TIMEOUT_SCALE
POLL = 0.02

# Environment variables of the test run that must not reach the program: the
# runner's own terminal, colour and theme settings.
SCRUBBED = ("NO_COLOR", "COLORTERM", "TEXTUAL_THEME", "TEXTUAL_COLOR_SYSTEM", "TMUX", "TMUX_PANE")

# Escape sequences and the like, to see what text a chunk of output holds.
_ESCAPES = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


class PtyTimeout(AssertionError):
    """A wait ran out; the message carries the screen as it was."""


def find_storybrowse() -> Path | None:
    """The installed console script: $E2E_STORYBROWSE, else next to this
    Python (the virtualenv the package is installed in), else on PATH."""
    override = os.environ.get("E2E_STORYBROWSE")
    if override:
        return Path(override)
    beside = Path(sys.executable).parent / "storybrowse"
    if beside.is_file():
        return beside
    found = shutil.which("storybrowse")
    return Path(found) if found else None


def child_env(
    term: str = "xterm-256color", extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The test run's environment for the program, minus SCRUBBED and LC_*."""
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED and not k.startswith("LC_")}
    env.update({"TERM": term, "LANG": "C.UTF-8"})
    env.update(extra or {})
    return env


def visible_text(raw: bytes) -> str:
    """What *raw* would print, escape sequences removed (roughly)."""
    return _ESCAPES.sub(b"", raw).decode("utf-8", "replace")


class _Screen(pyte.Screen):
    """A pyte screen that hands its answers to terminal queries (device
    attributes, cursor position) back to the program, as a terminal would."""

    def __init__(self, columns: int, lines: int, answer: Callable[[str], None]) -> None:
        super().__init__(columns, lines)
        self._answer = answer

    def write_process_input(self, data: str) -> None:
        self._answer(data)


class PtyTerminal:
    """One program in one pseudo-terminal, with pyte as its screen."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        width: int = 80,
        height: int = 24,
        cwd: Path | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.width, self.height = width, height
        self.transcript: list[str] = []
        self.raw = bytearray()
        self.returncode: int | None = None
        self._eof = False
        self.screen = _Screen(width, height, self._answer)
        self.stream = pyte.ByteStream(self.screen)

        master, slave = os.openpty()
        ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        self.master = master
        try:
            self.proc = subprocess.Popen(
                list(argv),
                stdin=slave,
                stdout=slave,
                stderr=slave,
                cwd=cwd,
                env=dict(env) if env is not None else child_env(),
                start_new_session=True,  # setsid: its own session and process group
                close_fds=True,
            )
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(slave)

    # -- input ------------------------------------------------------------------

    def send(self, data: bytes, label: str | None = None) -> None:
        self.transcript.append(f"send {label or data!r}")
        os.write(self.master, data)

    def _answer(self, data: str) -> None:
        with contextlib.suppress(OSError):
            os.write(self.master, data.encode())

    # -- output -----------------------------------------------------------------

    def pump(self, timeout: float = 0.0) -> bool:
        """Read what the program has written (waiting up to *timeout* for the
        first byte) and feed it to the screen. False once the pty is closed."""
        if self._eof:
            return False
        ready, _, _ = select.select([self.master], [], [], timeout)
        while ready:
            try:
                chunk = os.read(self.master, 65536)
            except OSError as error:  # EIO: the slave side is closed
                if error.errno != errno.EIO:
                    raise
                chunk = b""
            if not chunk:
                self._eof = True
                return False
            self.raw += chunk
            self.stream.feed(chunk)
            ready, _, _ = select.select([self.master], [], [], 0)
        return True

    def lines(self) -> list[str]:
        """The screen, one string per row, one character per cell (the second
        cell of a wide character is a space), so that string index == column."""
        rows = []
        for y in range(self.height):
            line = self.screen.buffer[y]
            rows.append("".join((line[x].data or " ")[:1] for x in range(self.width)))
        return rows

    def text(self) -> str:
        return "\n".join(self.lines())

    # -- waiting ----------------------------------------------------------------

    def wait(
        self,
        predicate: Callable[[list[str]], bool],
        what: str,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> list[str]:
        """Read output until *predicate* holds for the screen's lines."""
        deadline = time.monotonic() + timeout
        self.pump()
        while not predicate(self.lines()):
            if time.monotonic() > deadline:
                raise PtyTimeout(self.report(f"timed out after {timeout:.1f}s waiting for {what}"))
            if not self.pump(POLL) and self.proc.poll() is not None:
                raise PtyTimeout(self.report(f"the program ended while waiting for {what}"))
        return self.lines()

    def wait_for(self, text: str | re.Pattern[str], timeout: float = DEFAULT_TIMEOUT) -> list[str]:
        if isinstance(text, str):
            return self.wait(lambda rows: any(text in r for r in rows), repr(text), timeout)
        return self.wait(
            lambda rows: text.search("\n".join(rows)) is not None, f"/{text.pattern}/", timeout
        )

    def wait_gone(self, text: str, timeout: float = DEFAULT_TIMEOUT) -> list[str]:
        return self.wait(lambda rows: all(text not in r for r in rows), f"{text!r} to go", timeout)

    def wait_stable(self, quiet: float = 0.2, timeout: float = DEFAULT_TIMEOUT) -> list[str]:
        """Read output until the program has written nothing for *quiet* seconds."""
        deadline = time.monotonic() + timeout
        since, seen = time.monotonic(), len(self.raw)
        while time.monotonic() - since < quiet:
            if time.monotonic() > deadline:
                raise PtyTimeout(self.report("timed out waiting for the screen to settle"))
            if not self.pump(POLL):
                break
            if len(self.raw) != seen:
                since, seen = time.monotonic(), len(self.raw)
        return self.lines()

    def wait_exit(self, timeout: float = DEFAULT_TIMEOUT) -> int:
        """Read output until the program has exited and closed the pty."""
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None:
            if time.monotonic() > deadline:
                raise PtyTimeout(self.report("timed out waiting for the program to exit"))
            self.pump(POLL)
        # Its last bytes: read until the pty reports that nobody holds it open.
        while self.pump(POLL):
            if time.monotonic() > deadline:
                raise PtyTimeout(self.report("the pty stayed open after the program exited"))
        self.returncode = self.proc.returncode
        return self.returncode

    # -- the end ------------------------------------------------------------------

    def kill(self) -> None:
        """Kill the program's process group if it still runs; close the pty."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=5)
        if self.master >= 0:
            os.close(self.master)
            self.master = -1

    def report(self, headline: str) -> str:
        steps = "\n".join(self.transcript[-15:])
        status = self.proc.poll()
        tail = visible_text(bytes(self.raw[-2000:]))[-600:]
        return (
            f"{headline}\n--- last steps ---\n{steps}\n"
            f"--- screen ({self.width}x{self.height}), program "
            f"{'running' if status is None else f'exited {status}'} ---\n"
            f"{self.text()}\n--- end of screen; last output as text ---\n{tail}\n---"
        )
