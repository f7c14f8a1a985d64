"""A terminal for the serve tests: a program (the real ``ssh`` client) in a
pseudo-terminal we own, its output fed to a pyte screen.

No threads: every wait pumps the pty itself, polling with a deadline, so a
test never sleeps for a fixed time.  Resizing sets the pty's window size, and
the kernel sends SIGWINCH to the program, exactly as a terminal emulator does.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from collections.abc import Callable, Sequence

import pyte

TIMEOUT_SCALE = float(os.environ.get("E2E_TIMEOUT_SCALE", "1") or "1")
DEFAULT_TIMEOUT = 20.0 * TIMEOUT_SCALE

KEYS = {
    "enter": b"\r",
    "down": b"\x1b[B",
    "up": b"\x1b[A",
    "tab": b"\t",
    "escape": b"\x1b",
}


class WaitTimeout(AssertionError):
    """A wait ran out; the message carries the screen as it was."""


class Terminal:
    """*argv* running in a new pty of *width* x *height*."""

    def __init__(
        self,
        argv: Sequence[str],
        width: int = 80,
        height: int = 24,
        env: dict[str, str] | None = None,
    ) -> None:
        self.argv = list(argv)
        self.screen = pyte.Screen(width, height)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self.eof = False
        self.status: int | None = None
        self.parse_errors = 0
        pid, fd = pty.fork()
        if pid == 0:  # the child: becomes the program
            try:
                os.execvpe(self.argv[0], self.argv, env if env is not None else dict(os.environ))
            finally:
                os._exit(127)
        self.pid = pid
        self.fd = fd
        self._set_size(width, height)
        os.set_blocking(fd, False)

    # -- input ---------------------------------------------------------------

    def write(self, data: bytes) -> None:
        os.write(self.fd, data)

    def key(self, name: str) -> None:
        self.write(KEYS.get(name, name.encode()))

    # -- output --------------------------------------------------------------

    def pump(self, wait: float = 0.0) -> bool:
        """Read what the program wrote (waiting up to *wait* s for the first
        byte); return whether anything came."""
        got = False
        while not self.eof:
            ready, _, _ = select.select([self.fd], [], [], 0 if got else wait)
            if not ready:
                break
            try:
                chunk = os.read(self.fd, 65536)
            except BlockingIOError:
                break
            except OSError:  # EIO: the program and every holder of the pty are gone
                chunk = b""
            if not chunk:
                self.eof = True
                break
            got = True
            self.raw += chunk
            try:
                self.stream.feed(chunk)
            except (TypeError, ValueError, IndexError, KeyError):
                # pyte chokes on a sequence cut short (output that ended
                # mid-escape when the far side died, followed by ssh's
                # "Connection ... closed"): start parsing afresh.
                self.parse_errors += 1
                self.stream = pyte.ByteStream(self.screen)
        return got

    def text(self) -> str:
        self.pump()
        return "\n".join(line.rstrip() for line in self.screen.display)

    def raw_text(self) -> str:
        """Everything received so far, decoded (for messages written before
        the program ended, which a full-screen app may have overwritten)."""
        self.pump()
        return self.raw.decode("utf-8", "replace")

    # -- size ----------------------------------------------------------------

    def _set_size(self, width: int, height: int) -> None:
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))

    def resize(self, width: int, height: int) -> None:
        """Resize like a terminal window: the screen, then the pty (the kernel
        sends SIGWINCH to the program, which tells the server)."""
        self.pump()
        self.screen.resize(height, width)
        self._set_size(width, height)

    # -- waiting -------------------------------------------------------------

    def wait(
        self, predicate: Callable[[str], bool], what: str, timeout: float = DEFAULT_TIMEOUT
    ) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.text()
            if predicate(screen):
                return screen
            if time.monotonic() > deadline:
                raise WaitTimeout(self.report(f"timed out after {timeout:.1f}s waiting for {what}"))
            if self.eof:
                # Nothing more can come.
                raise WaitTimeout(self.report(f"the program ended while waiting for {what}"))
            self.pump(wait=0.05)

    def wait_for(self, text: str | re.Pattern[str], timeout: float = DEFAULT_TIMEOUT) -> str:
        if isinstance(text, str):
            return self.wait(lambda s: text in s, repr(text), timeout)
        return self.wait(lambda s: text.search(s) is not None, f"/{text.pattern}/", timeout)

    def wait_raw(self, text: str, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Wait until *text* has been received (whatever the screen shows now)."""
        deadline = time.monotonic() + timeout
        while text not in self.raw_text():
            if self.eof or time.monotonic() > deadline:
                raise WaitTimeout(self.report(f"never received {text!r}"))
            self.pump(wait=0.05)
        return self.raw_text()

    def wait_exit(self, timeout: float = DEFAULT_TIMEOUT) -> int:
        """Wait for the program to end; return its exit status (-N: signal N)."""
        deadline = time.monotonic() + timeout
        while self.status is None:
            self.pump(wait=0.05)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() > deadline:
                raise WaitTimeout(self.report("the program did not end"))
        self.pump()
        return self.status

    def report(self, headline: str) -> str:
        shown = "\n".join(line.rstrip() for line in self.screen.display)
        tail = self.raw[-600:].decode("utf-8", "replace")
        return (
            f"{headline}\n--- {' '.join(self.argv)}\n--- screen "
            f"({self.screen.columns}x{self.screen.lines}) ---\n{shown}\n"
            f"--- last bytes ---\n{tail!r}\n--- end ---"
        )

    # -- the end -------------------------------------------------------------

    def kill(self, sig: int = signal.SIGKILL) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, sig)

    def close(self) -> None:
        """Make sure the program is gone and the pty closed."""
        if self.status is None:
            self.kill()
            with contextlib.suppress(WaitTimeout, ChildProcessError):
                self.wait_exit(timeout=5)
        with contextlib.suppress(OSError):
            os.close(self.fd)
