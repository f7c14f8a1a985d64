"""Run a program in a real pseudo-terminal: send keys, count its bytes, read
its screen.  The one pty driver of the benchmarks and the tests.

The child gets a fresh pty of a given size (set before it starts, so its
first size query is right), its own session with the pty as controlling
terminal (so resizing sends it SIGWINCH, as a terminal emulator does), and an
environment with ``TERM=xterm-256color`` unless told otherwise.  Every byte
the child writes is read from the master side, time-stamped on arrival,
counted and kept; the bytes are fed to a :mod:`pyte` screen only when the
screen is looked at or the reader is idle, so emulating the terminal never
delays the time stamps.  With ``answer_queries`` the screen answers the
child's terminal queries (device attributes, cursor position) as a terminal
would.

Nothing here waits without a deadline: every wait takes a timeout and raises
:class:`Timeout` (an ``AssertionError``, whose message carries the screen in
the tests' waits); :meth:`PtyProcess.close` always kills the child's process
group.  Independent of storybrowse: it drives any program.

Two families of waits: the benchmark's take a predicate on the process and
return the arrival time of the output that satisfied it (:meth:`wait_for`,
:meth:`wait_quiet`); the tests' take a predicate on the screen's lines and
return them (:meth:`wait_lines`, :meth:`wait_text`, :meth:`wait_stable`,
:meth:`wait_exit`).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
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
POLL = 0.02  # seconds between looks at the screen in the tests' waits

# Escape sequences and the like, to see what text a chunk of output holds.
_ESCAPES = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


class Timeout(AssertionError):
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


def visible_text(raw: bytes) -> str:
    """What *raw* would print, escape sequences removed (roughly)."""
    return _ESCAPES.sub(b"", raw).decode("utf-8", "replace")


def _make_controlling_tty() -> None:  # runs in the child, after setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class _AnsweringScreen(pyte.Screen):
    """A pyte screen that hands its answers to terminal queries back to the
    program, as a terminal would."""

    def __init__(self, columns: int, lines: int, answer: Callable[[str], None]) -> None:
        super().__init__(columns, lines)
        self._answer = answer

    def write_process_input(self, data: str) -> None:
        self._answer(data)


class PtyProcess:
    """A child process on a pty of ``cols`` x ``rows``."""

    def __init__(
        self,
        argv: Sequence[str],
        cols: int = 80,
        rows: int = 24,
        env: Mapping[str, str] | None = None,
        cwd: str | os.PathLike[str] | None = None,
        *,
        answer_queries: bool = False,
    ) -> None:
        self.argv = list(argv)
        self.cols = cols
        self.rows = rows
        self.screen: pyte.Screen = pyte.Screen(cols, rows)
        if answer_queries:
            self.screen = _AnsweringScreen(cols, rows, self._answer)
        self.stream = pyte.ByteStream(self.screen)
        self.parse_errors = 0  # output pyte could not parse (see sync_screen)
        self.chunks: list[Chunk] = []
        self.raw = bytearray()  # everything the child wrote
        self.total = 0
        self.transcript: list[str] = []  # what was sent, for reports
        self._pending: list[bytes] = []
        self.eof = False
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.t_start = time.monotonic()
        try:
            self.proc = subprocess.Popen(
                self.argv,
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

    @property
    def pid(self) -> int:
        return self.proc.pid

    @property
    def returncode(self) -> int | None:
        """The exit status once the child has exited (-N: killed by signal N)."""
        return self.proc.poll()

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
            self.raw += data
            self.total += len(data)
            self._pending.append(data)
            got = True
        return got

    def sync_screen(self) -> None:
        """Feed what has been read so far to the terminal emulator."""
        if self._pending:
            data = b"".join(self._pending)
            self._pending.clear()
            try:
                self.stream.feed(data)
            except (TypeError, ValueError, IndexError, KeyError):
                # pyte chokes on a sequence cut short (output that ended
                # mid-escape when the far side died, followed by ssh's
                # "Connection ... closed"): start parsing afresh.
                self.parse_errors += 1
                self.stream = pyte.ByteStream(self.screen)

    def pump(self, seconds: float) -> None:
        """Read for *seconds* (or until EOF)."""
        end = time.monotonic() + seconds
        while not self.eof:
            left = end - time.monotonic()
            if left <= 0:
                break
            self._read_available(min(left, 0.01))
        self.sync_screen()

    def read(self, wait: float = 0.0) -> bool:
        """Read what the child has written, waiting up to *wait* seconds for
        the first byte, and feed it to the screen.  False once the pty is
        closed (nothing more can come)."""
        self._read_available(wait)
        self.sync_screen()
        return not self.eof

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

    # -- the tests' waits: a predicate on the screen's lines, a report on failure
    def wait_lines(
        self, predicate: Callable[[list[str]], bool], what: str, timeout: float
    ) -> list[str]:
        """Read output until *predicate* holds for the screen's lines."""
        deadline = time.monotonic() + timeout
        self.read()
        while not predicate(self.lines()):
            if time.monotonic() > deadline:
                raise Timeout(self.report(f"timed out after {timeout:.1f}s waiting for {what}"))
            if not self.read(POLL) and self.proc.poll() is not None:
                raise Timeout(self.report(f"the program ended while waiting for {what}"))
        return self.lines()

    def wait_text(self, text: str | re.Pattern[str], timeout: float) -> list[str]:
        """Read output until the screen shows *text* (a string on one row, or
        a pattern searched in the whole screen)."""
        if isinstance(text, str):
            return self.wait_lines(lambda rows: any(text in r for r in rows), repr(text), timeout)
        return self.wait_lines(
            lambda rows: text.search("\n".join(rows)) is not None, f"/{text.pattern}/", timeout
        )

    def wait_raw(self, text: str, timeout: float) -> str:
        """Read output until *text* has been received (whatever the screen
        shows now); everything received, decoded."""
        deadline = time.monotonic() + timeout
        while text not in self.raw.decode("utf-8", "replace"):
            if self.eof or time.monotonic() > deadline:
                raise Timeout(self.report(f"never received {text!r}"))
            self.read(POLL)
        return self.raw.decode("utf-8", "replace")

    def wait_stable(self, quiet: float, timeout: float) -> list[str]:
        """Read output until the child has written nothing for *quiet* seconds."""
        deadline = time.monotonic() + timeout
        since, seen = time.monotonic(), len(self.raw)
        while time.monotonic() - since < quiet:
            if time.monotonic() > deadline:
                raise Timeout(self.report("timed out waiting for the screen to settle"))
            if not self.read(POLL):
                break
            if len(self.raw) != seen:
                since, seen = time.monotonic(), len(self.raw)
        return self.lines()

    def wait_exit(self, timeout: float) -> int:
        """Read output until the child has exited and the pty is closed;
        return its exit status (-N: killed by signal N)."""
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None:
            if time.monotonic() > deadline:
                raise Timeout(self.report("timed out waiting for the program to exit"))
            self.read(POLL)
        # Its last bytes: read until the pty reports that nobody holds it open.
        while self.read(POLL):
            if time.monotonic() > deadline:
                raise Timeout(self.report("the pty stayed open after the program exited"))
        return self.proc.returncode

    def report(self, headline: str) -> str:
        """*headline*, the last keys sent, the screen and the last output."""
        steps = "\n".join(self.transcript[-15:])
        status = self.proc.poll()
        tail = visible_text(bytes(self.raw[-2000:]))[-600:]
        return (
            f"{headline}\n--- {' '.join(self.argv)}\n--- last steps ---\n{steps}\n"
            f"--- screen ({self.cols}x{self.rows}), program "
            f"{'running' if status is None else f'exited {status}'} ---\n"
            f"{self.text()}\n--- end of screen; last output as text ---\n{tail}\n---"
        )

    # -- screen ----------------------------------------------------------
    def lines(self) -> list[str]:
        """The screen, one string per row, one character per cell (the second
        cell of a wide character is a space), so that string index == column."""
        self.sync_screen()
        rows = []
        for y in range(self.rows):
            line = self.screen.buffer[y]
            rows.append("".join((line[x].data or " ")[:1] for x in range(self.cols)))
        return rows

    def text(self) -> str:
        self.sync_screen()
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

    def resize(self, cols: int, rows: int) -> None:
        """Resize like a terminal window: the screen, then the pty (the kernel
        sends SIGWINCH to the child)."""
        self.read()
        self.cols, self.rows = cols, rows
        self.screen.resize(rows, cols)
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    # -- writing ---------------------------------------------------------
    def send(self, data: bytes, label: str | None = None) -> float:
        """Write *data* to the child's terminal input; return the time."""
        self.transcript.append(f"send {label or data!r}")
        t = time.monotonic()
        os.write(self.master, data)
        return t

    def _answer(self, data: str) -> None:
        with contextlib.suppress(OSError):
            os.write(self.master, data.encode())

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
                self.kill(signal.SIGTERM)
                try:
                    self.proc.wait(0.5)
                except subprocess.TimeoutExpired:
                    self.kill(signal.SIGKILL)
                    self.proc.wait(2.0)
        finally:
            if self.proc.returncode is None:
                self.kill(signal.SIGKILL)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.proc.wait(2.0)
            if self.master >= 0:
                with contextlib.suppress(OSError):
                    os.close(self.master)
                self.master = -1
        return self.proc.poll()

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Send *sig* to the child's process group."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, sig)

    def __enter__(self) -> PtyProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
