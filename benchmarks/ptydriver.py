"""Run a program in a real pseudo-terminal, count its bytes, read its screen.

The child gets a fresh pty of a given size (set before it starts, so its
first size query is right), its own session with the pty as controlling
terminal, and an environment with ``TERM=xterm-256color``.  Every byte the
child writes is read from the master side, time-stamped on arrival and
counted; the bytes are fed to a :mod:`pyte` screen only when the reader is
idle, so emulating the terminal never delays the time stamps.

Nothing here waits without a deadline: every wait takes a timeout and raises
:class:`Timeout`; :meth:`PtyProcess.close` always kills the child's process
group.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pyte

QUIET_S = 0.050  # output quiet for this long = the screen has settled


class Timeout(Exception):
    """A wait ran past its deadline."""


class ChildExited(Exception):
    """The child exited while we were waiting for something on its screen."""


@dataclass
class Chunk:
    t: float  # time.monotonic() at arrival
    data: bytes

    @property
    def n(self) -> int:
        return len(self.data)


def terminal_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a plain 256-colour terminal, without the caller's
    colour, theme or Textual overrides."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TEXTUAL")
        and k not in ("COLORTERM", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "TERM_PROGRAM")
    }
    env["TERM"] = "xterm-256color"
    env.setdefault("LANG", "C.UTF-8")
    env["PYTHONUNBUFFERED"] = "1"
    if extra:
        env.update(extra)
    return env


def _make_controlling_tty() -> None:  # runs in the child, after setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PtyProcess:
    """A child process on a pty of ``cols`` x ``rows``."""

    def __init__(
        self,
        argv: Sequence[str],
        cols: int = 80,
        rows: int = 24,
        env: Mapping[str, str] | None = None,
        cwd: str | None = None,
    ) -> None:
        self.cols = cols
        self.rows = rows
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.chunks: list[Chunk] = []
        self.total = 0
        self._pending: list[bytes] = []
        self.eof = False
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.t_start = time.monotonic()
        try:
            self.proc = subprocess.Popen(
                list(argv),
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=dict(env) if env is not None else terminal_env(),
                cwd=cwd,
                start_new_session=True,
                preexec_fn=_make_controlling_tty,
                close_fds=True,
            )
        except BaseException:
            os.close(master)
            os.close(slave)
            raise
        os.close(slave)
        self.master = master
        os.set_blocking(master, False)

    # -- reading ---------------------------------------------------------
    def _read_available(self, timeout: float) -> bool:
        """Wait up to *timeout* for output; read all there is.  True if any."""
        if self.eof:
            return False
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return False
        got = False
        while True:
            try:
                data = os.read(self.master, 65536)
            except BlockingIOError:
                break
            except OSError:  # EIO: the child closed the pty
                self.eof = True
                break
            if not data:
                self.eof = True
                break
            now = time.monotonic()
            self.chunks.append(Chunk(now, data))
            self.total += len(data)
            self._pending.append(data)
            got = True
        return got

    def sync_screen(self) -> None:
        """Feed what has been read so far to the terminal emulator."""
        if self._pending:
            data = b"".join(self._pending)
            self._pending.clear()
            self.stream.feed(data)

    def pump(self, seconds: float) -> None:
        """Read for *seconds* (or until EOF)."""
        end = time.monotonic() + seconds
        while not self.eof:
            left = end - time.monotonic()
            if left <= 0:
                break
            self._read_available(min(left, 0.01))
        self.sync_screen()

    def last_output_time(self) -> float | None:
        return self.chunks[-1].t if self.chunks else None

    def wait_for(
        self,
        predicate: Callable[[PtyProcess], bool],
        timeout: float,
        what: str = "condition",
    ) -> float:
        """Read until *predicate(self)* holds; return the arrival time of the
        chunk after which it first held.  The screen is checked whenever the
        reader is idle (no output for 2 ms)."""
        end = time.monotonic() + timeout
        while True:
            if self._read_available(0.002) and time.monotonic() < end:
                continue
            self.sync_screen()
            if predicate(self):
                t = self.last_output_time()
                return t if t is not None else time.monotonic()
            if self.eof or self.proc.poll() is not None:
                self.pump(0.05)
                if predicate(self):
                    t = self.last_output_time()
                    return t if t is not None else time.monotonic()
                raise ChildExited(f"child exited (rc={self.proc.poll()}) before {what}")
            if time.monotonic() >= end:
                raise Timeout(f"no {what} within {timeout:.1f}s")
            self._read_available(0.005)

    def wait_quiet(
        self, since: float, quiet: float = QUIET_S, timeout: float = 10.0, need_output: bool = True
    ) -> float:
        """Read until no output has arrived for *quiet* seconds.  Returns the
        arrival time of the last chunk (or *since* if nothing came and
        ``need_output`` is false).  With ``need_output`` it waits (up to the
        timeout) for at least one chunk after *since* first."""
        end = time.monotonic() + timeout
        while True:
            last = self.last_output_time()
            have = last is not None and last >= since
            now = time.monotonic()
            if have or not need_output:
                ref = last if have and last is not None else since
                if now - ref >= quiet:
                    self.sync_screen()
                    return ref
                wait = ref + quiet - now
            else:
                wait = 0.01
            if now >= end:
                self.sync_screen()
                raise Timeout(f"output did not settle within {timeout:.1f}s")
            if self.eof or self.proc.poll() is not None:
                self._read_available(0.01)
                self.sync_screen()
                if have or not need_output:
                    return last if have and last is not None else since
                raise ChildExited(f"child exited (rc={self.proc.poll()}) while waiting for output")
            self._read_available(min(wait, end - now))

    def bytes_between(self, t0: float, t1: float) -> int:
        return sum(c.n for c in self.chunks if t0 <= c.t <= t1)

    def data_between(self, t0: float, t1: float) -> bytes:
        return b"".join(c.data for c in self.chunks if t0 <= c.t <= t1)

    # -- screen ----------------------------------------------------------
    def text(self) -> str:
        return "\n".join(self.screen.display)

    def has_text(self, needle: str) -> bool:
        return any(needle in line for line in self.screen.display)

    def snapshot(self) -> list[tuple[object, ...]]:
        """Each row's characters with their attributes, to compare frames."""
        out: list[tuple[object, ...]] = []
        for y in range(self.rows):
            line = self.screen.buffer[y]
            out.append(tuple(line[x] for x in range(self.cols)))
        return out

    # -- writing ---------------------------------------------------------
    def send(self, data: bytes) -> float:
        """Write *data* to the child's terminal input; return the time."""
        t = time.monotonic()
        os.write(self.master, data)
        return t

    # -- process ---------------------------------------------------------
    def peak_rss_kb(self) -> int | None:
        """VmHWM of the child from /proc (Linux); None if unavailable."""
        try:
            with open(f"/proc/{self.proc.pid}/status", encoding="ascii") as fh:
                for line in fh:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            return None
        return None

    def close(self, quit_keys: bytes | None = None, grace: float = 2.0) -> int | None:
        """Ask the child to quit (if *quit_keys*), then kill its process group.
        Always closes the pty.  Returns the exit status if it exited."""
        try:
            if quit_keys and self.proc.poll() is None:
                with contextlib.suppress(OSError):
                    self.send(quit_keys)
                end = time.monotonic() + grace
                while self.proc.poll() is None and time.monotonic() < end:
                    self._read_available(0.02)
            if self.proc.poll() is None:
                self._kill(signal.SIGTERM)
                try:
                    self.proc.wait(0.5)
                except subprocess.TimeoutExpired:
                    self._kill(signal.SIGKILL)
                    self.proc.wait(2.0)
        finally:
            if self.proc.returncode is None:
                self._kill(signal.SIGKILL)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.proc.wait(2.0)
            with contextlib.suppress(OSError):
                os.close(self.master)
        return self.proc.poll()

    def _kill(self, sig: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, sig)

    def __enter__(self) -> PtyProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
