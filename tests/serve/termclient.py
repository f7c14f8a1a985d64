"""A terminal for the serve tests: a program (the real ``ssh`` client) in a
pseudo-terminal we own, its output fed to a pyte screen.

:class:`Terminal` is these tests' face of the one pty driver,
:class:`benchmarks.ptydriver.PtyProcess`.  No threads: every wait pumps the
pty itself, polling with a deadline, so a test never sleeps for a fixed time.
Resizing sets the pty's window size, and the kernel sends SIGWINCH to the
program, exactly as a terminal emulator does.
"""

from __future__ import annotations

import os
import re
import signal
from collections.abc import Callable, Sequence

from benchmarks.ptydriver import PtyProcess, Timeout

TIMEOUT_SCALE = float(os.environ.get("E2E_TIMEOUT_SCALE", "1") or "1")
DEFAULT_TIMEOUT = 20.0 * TIMEOUT_SCALE

KEYS = {
    "enter": b"\r",
    "down": b"\x1b[B",
    "up": b"\x1b[A",
    "tab": b"\t",
    "escape": b"\x1b",
}

WaitTimeout = Timeout  # a wait ran out; the message carries the screen as it was


class Terminal:
    """*argv* running in a new pty of *width* x *height*."""

    def __init__(
        self,
        argv: Sequence[str],
        width: int = 80,
        height: int = 24,
        env: dict[str, str] | None = None,
    ) -> None:
        self.pty = PtyProcess(argv, width, height, env=env if env is not None else dict(os.environ))
        self.raw = self.pty.raw

    @property
    def pid(self) -> int:
        return self.pty.pid

    @property
    def eof(self) -> bool:
        return self.pty.eof

    @property
    def parse_errors(self) -> int:
        return self.pty.parse_errors

    # -- input ---------------------------------------------------------------

    def write(self, data: bytes) -> None:
        self.pty.send(data)

    def key(self, name: str) -> None:
        self.pty.send(KEYS.get(name, name.encode()), name)

    # -- output --------------------------------------------------------------

    def pump(self, wait: float = 0.0) -> bool:
        """Read what the program wrote (waiting up to *wait* s for the first
        byte); False once nothing more can come."""
        return self.pty.read(wait)

    def text(self) -> str:
        self.pty.read()
        return "\n".join(line.rstrip() for line in self.pty.lines())

    def raw_text(self) -> str:
        """Everything received so far, decoded (for messages written before
        the program ended, which a full-screen app may have overwritten)."""
        self.pty.read()
        return self.raw.decode("utf-8", "replace")

    def resize(self, width: int, height: int) -> None:
        """Resize like a terminal window (the program gets SIGWINCH)."""
        self.pty.resize(width, height)

    # -- waiting -------------------------------------------------------------

    def wait(
        self, predicate: Callable[[str], bool], what: str, timeout: float = DEFAULT_TIMEOUT
    ) -> str:
        """Read output until *predicate* holds for the screen's text."""
        rows = self.pty.wait_lines(
            lambda lines: predicate("\n".join(line.rstrip() for line in lines)), what, timeout
        )
        return "\n".join(line.rstrip() for line in rows)

    def wait_for(self, text: str | re.Pattern[str], timeout: float = DEFAULT_TIMEOUT) -> str:
        if isinstance(text, str):
            return self.wait(lambda s: text in s, repr(text), timeout)
        return self.wait(lambda s: text.search(s) is not None, f"/{text.pattern}/", timeout)

    def wait_raw(self, text: str, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Wait until *text* has been received (whatever the screen shows now)."""
        return self.pty.wait_raw(text, timeout)

    def wait_exit(self, timeout: float = DEFAULT_TIMEOUT) -> int:
        """Wait for the program to end; return its exit status (-N: signal N)."""
        return self.pty.wait_exit(timeout)

    def report(self, headline: str) -> str:
        return self.pty.report(headline)

    # -- the end -------------------------------------------------------------

    def kill(self, sig: int = signal.SIGKILL) -> None:
        self.pty.kill(sig)

    def close(self) -> None:
        """Make sure the program is gone and the pty closed."""
        self.pty.close()
