"""One reader's storybrowse: a child process on a pseudo-terminal of its own.

The child runs in a new session (``setsid``) whose controlling terminal is
the pty (``tui.serve.child`` takes it with TIOCSCTTY), so that

* a window change is a TIOCSWINSZ on the master plus SIGWINCH to the
  child's process group;
* closing the master hangs the terminal up: the kernel sends SIGHUP to the
  child even if this server were killed outright;
* signals go to the whole process group, so nothing the child might start
  outlives it.

Everything runs on the asyncio loop: the master fd is read with
``loop.add_reader`` and written with ``loop.add_writer`` (no thread per
reader), and the child is reaped by :meth:`ReaderProcess.poll`, which the
server calls on SIGCHLD.  This module does not import asyncssh.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import fcntl
import os
import signal
import struct
import subprocess
import termios
from collections.abc import Callable, Mapping, Sequence

# Sent to the reader's terminal when the server ends a session itself (idle,
# time limit, shutdown): the child was killed and could not restore the
# terminal, so leave the alternate screen, stop mouse and focus reporting and
# bracketed paste, pop the kitty keyboard mode, show the cursor and reset the
# colours, as the app would have on a normal exit.
RESTORE_TERMINAL = (
    b"\x1b[?1049l"  # normal screen
    b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?1005l"  # mouse off
    b"\x1b[?1004l"  # focus events off
    b"\x1b[?2004l"  # bracketed paste off
    b"\x1b[?2048l"  # in-band resize reports off
    b"\x1b[<u"  # kitty keyboard protocol: pop
    b"\x1b[?1l\x1b>"  # normal cursor keys and keypad
    b"\x1b[?7h"  # autowrap on
    b"\x1b[?25h"  # cursor visible
    b"\x1b[0m"  # default colours
)

# os.waitid (to see an exit without reaping) is missing on macOS before
# Python 3.13; there the child is simply reaped.
_HAVE_WAITID = all(hasattr(os, name) for name in ("waitid", "P_PID", "WEXITED", "WNOWAIT"))

# Keys waiting for the child beyond this many bytes: stop reading the
# channel until the child catches up.
INPUT_BACKLOG_LIMIT = 64 * 1024
READ_SIZE = 65536

# What the child may write to the server's log through the diagnostics pipe.
DIAGNOSTICS_LIMIT = 32 * 1024
DIAGNOSTICS_VARIABLE = "STORYBROWSE_DIAGNOSTICS_FD"  # as tui.serve.child reads it

# The largest window the server lays out for: a client may claim any size,
# and the app allocates per cell.
MAX_COLUMNS = 500
MAX_ROWS = 250


def clamp_size(width: int, height: int) -> tuple[int, int]:
    """A sane window size: 0 (unknown) means 80x24; huge sizes are capped."""
    width = 80 if width <= 0 else min(width, MAX_COLUMNS)
    height = 24 if height <= 0 else min(height, MAX_ROWS)
    return width, height


def set_window_size(fd: int, width: int, height: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))


# The characters that make a terminal send signals (ctrl+c, ctrl+\, ctrl+z,
# and BSD's delayed suspend ctrl+y), switched off as well as ISIG itself.
_SIGNAL_CHARS = tuple(
    getattr(termios, name)
    for name in ("VINTR", "VQUIT", "VSUSP", "VDSUSP")
    if hasattr(termios, name)
)
_VDISABLE = 0  # _POSIX_VDISABLE on Linux and the BSDs ("\0" never comes from a key)


def set_keys_only(fd: int) -> None:
    """Put a new pty in the mode a full-screen app wants before it starts:
    every key the reader types is a byte for the app, never a signal.

    Input is raw (no line editing, no echo, no flow control, no CR -> NL,
    ISIG off, and the signal characters disabled too); output processing is
    left on, so that messages printed before the app starts (a story's
    problems) still begin each line at the left edge.  Without this, the
    pty starts "cooked" and keys typed in the first second or so (while
    Python and the app load) became SIGINT, SIGQUIT and SIGTSTP: a
    traceback, a core file or a stopped process."""
    attrs = termios.tcgetattr(fd)
    attrs[0] &= ~(
        termios.IGNBRK
        | termios.BRKINT
        | termios.PARMRK
        | termios.ISTRIP
        | termios.INLCR
        | termios.IGNCR
        | termios.ICRNL
        | termios.IXON
        | termios.IXOFF
    )
    attrs[3] &= ~(termios.ECHO | termios.ECHONL | termios.ICANON | termios.ISIG | termios.IEXTEN)
    cc = attrs[6]
    for index in _SIGNAL_CHARS:
        cc[index] = _VDISABLE if isinstance(cc[index], int) else bytes([_VDISABLE])
    cc[termios.VMIN] = 1 if isinstance(cc[termios.VMIN], int) else b"\x01"
    cc[termios.VTIME] = 0 if isinstance(cc[termios.VTIME], int) else b"\x00"
    termios.tcsetattr(fd, termios.TCSANOW, attrs)


class ReaderProcess:
    """The child process and its pty master, bridged to callbacks.

    *on_output(data)* gets what the child writes; *on_exit(returncode)* is
    called once, after the child has been reaped and its last output
    delivered; *on_backlog(True/False)* asks the caller to stop / resume
    sending keys.
    """

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        argv: Sequence[str],
        *,
        env: Mapping[str, str],
        cwd: str,
        width: int,
        height: int,
        on_output: Callable[[bytes], None],
        on_exit: Callable[[int], None],
        on_backlog: Callable[[bool], None] | None = None,
        on_diagnostics: Callable[[str], None] | None = None,
        kill_grace: float = 2.0,
    ) -> None:
        self._loop = loop
        self._argv = list(argv)
        self._env = dict(env)
        self._cwd = cwd
        self._size = clamp_size(width, height)
        self._on_output = on_output
        self._on_exit = on_exit
        self._on_backlog = on_backlog
        self._on_diagnostics = on_diagnostics
        self._diagnostics_fd: int | None = None
        self._diagnostics = bytearray()
        self._kill_grace = kill_grace
        self._proc: subprocess.Popen[bytes] | None = None
        self._master: int | None = None
        self._reading = False
        self._paused = False
        self._pending = bytearray()
        self._backlogged = False
        self._kill_timer: asyncio.TimerHandle | None = None
        self.returncode: int | None = None

    # -- life ------------------------------------------------------------------

    def start(self) -> None:
        """Open the pty and start the child.  Raises OSError on failure
        (nothing is left open then)."""
        master, slave = os.openpty()  # both non-inheritable
        diag_read, diag_write = os.pipe()  # the child's tracebacks, for the log
        env = dict(self._env)
        env[DIAGNOSTICS_VARIABLE] = str(diag_write)
        try:
            set_window_size(master, *self._size)
            set_keys_only(slave)  # before the child exists: no key is ever a signal
            self._proc = subprocess.Popen(
                self._argv,
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=env,
                cwd=self._cwd,
                start_new_session=True,
                close_fds=True,
                pass_fds=(diag_write,),
            )
        except BaseException:
            for fd in (master, slave, diag_read, diag_write):
                os.close(fd)
            raise
        os.close(slave)
        os.close(diag_write)
        os.set_blocking(master, False)
        os.set_blocking(diag_read, False)
        self._master = master
        self._diagnostics_fd = diag_read
        self._loop.add_reader(diag_read, self._read_diagnostics)
        self._start_reading()

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    @property
    def running(self) -> bool:
        """Started and not reaped yet."""
        return self._proc is not None and self.returncode is None

    def poll(self) -> bool:
        """Reap the child if it has exited; return True once it is reaped.

        The exit is first seen without reaping (WNOWAIT), so that the
        process group, which the zombie still holds, can be killed as a whole
        before the pid is released.
        """
        proc = self._proc
        if proc is None:
            return False
        if self.returncode is not None:
            return True
        if _HAVE_WAITID:
            try:
                exited = os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
            except ChildProcessError:  # already reaped (cannot happen: we alone reap it)
                exited = None
            if exited is not None:
                self._signal_group(signal.SIGKILL)  # anything the child left in its group
        code = proc.poll()
        if code is None:
            return False
        self.returncode = code
        if self._kill_timer is not None:
            self._kill_timer.cancel()
            self._kill_timer = None
        self._drain()
        self._close_master()
        self._close_diagnostics()
        self._on_exit(code)
        return True

    def terminate(self) -> None:
        """End the child: hang its terminal up (SIGHUP, and SIGCONT in case
        it is stopped), close the master, SIGKILL after the grace period.
        The child is reaped by :meth:`poll` (on SIGCHLD) as usual."""
        self._close_master()
        if not self.running:
            return
        self._signal_group(signal.SIGHUP)
        self._signal_group(signal.SIGCONT)
        if self._kill_timer is None:
            self._kill_timer = self._loop.call_later(self._kill_grace, self._kill)

    def kill_now(self) -> None:
        """The last resort at shutdown: SIGKILL the group and reap the child
        now (waiting at most a couple of seconds), without the loop."""
        self._close_master()
        if not self.running:
            return
        self._signal_group(signal.SIGKILL)
        assert self._proc is not None
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._proc.wait(timeout=2.0)
        self.poll()

    def _kill(self) -> None:
        self._kill_timer = None
        if self.running:
            self._signal_group(signal.SIGKILL)

    def _signal_group(self, sig: int) -> None:
        # Only while the child is unreaped: its pid (and so its process group
        # id) cannot have been reused yet.
        if self._proc is None or self.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self._proc.pid, sig)

    # -- output: child -> reader ----------------------------------------------------

    def _start_reading(self) -> None:
        if self._master is not None and not self._reading and not self._paused:
            self._loop.add_reader(self._master, self._read)
            self._reading = True

    def _stop_reading(self) -> None:
        if self._master is not None and self._reading:
            self._loop.remove_reader(self._master)
        self._reading = False

    def pause_output(self) -> None:
        """The reader's side is not keeping up: stop reading the child's
        output (the child then blocks writing to its terminal)."""
        self._paused = True
        self._stop_reading()

    def resume_output(self) -> None:
        self._paused = False
        self._start_reading()

    def _read(self) -> None:
        if self._master is None:
            return
        try:
            data = os.read(self._master, READ_SIZE)
        except BlockingIOError:
            return
        except OSError:  # EIO: the slave side is closed (the child is exiting)
            data = b""
        if not data:
            # Nothing more will come; the exit itself arrives through poll().
            self._stop_reading()
            return
        self._on_output(data)

    def _drain(self) -> None:
        """After the exit: pass on what the child wrote last."""
        while self._master is not None:
            try:
                data = os.read(self._master, READ_SIZE)
            except OSError:  # EAGAIN: all read; EIO: closed
                return
            if not data:
                return
            self._on_output(data)

    def _read_diagnostics(self) -> None:
        fd = self._diagnostics_fd
        if fd is None:
            return
        try:
            data = os.read(fd, READ_SIZE)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self._loop.remove_reader(fd)
            return
        room = DIAGNOSTICS_LIMIT - len(self._diagnostics)
        self._diagnostics += data[: max(0, room)]

    def _close_diagnostics(self) -> None:
        """Read the rest of the child's diagnostics, hand them on, close."""
        fd = self._diagnostics_fd
        if fd is None:
            return
        self._read_diagnostics()
        self._loop.remove_reader(fd)
        os.close(fd)
        self._diagnostics_fd = None
        if self._diagnostics and self._on_diagnostics is not None:
            self._on_diagnostics(self._diagnostics.decode("utf-8", "replace"))
        self._diagnostics.clear()

    def _close_master(self) -> None:
        if self._master is None:
            return
        self._stop_reading()
        if self._pending:
            self._loop.remove_writer(self._master)
            self._pending.clear()
        os.close(self._master)
        self._master = None
        self._set_backlog(False)

    # -- input: reader -> child -------------------------------------------------------

    def write(self, data: bytes) -> None:
        """Send the reader's keys to the child; never blocks."""
        if self._master is None or not data:
            return
        if self._pending:
            self._pending += data
        else:
            written = self._write_some(data)
            if written < len(data):
                self._pending += data[written:]
                self._loop.add_writer(self._master, self._flush)
        self._set_backlog(len(self._pending) > INPUT_BACKLOG_LIMIT)

    def _write_some(self, data: bytes | bytearray) -> int:
        assert self._master is not None
        try:
            return os.write(self._master, data)
        except BlockingIOError:
            return 0
        except OSError as exc:
            if exc.errno == errno.EIO:  # the child is gone; drop the keys
                return len(data)
            raise

    def _flush(self) -> None:
        if self._master is None:
            return
        written = self._write_some(self._pending)
        del self._pending[:written]
        if not self._pending:
            self._loop.remove_writer(self._master)
        self._set_backlog(len(self._pending) > INPUT_BACKLOG_LIMIT)

    def _set_backlog(self, backlogged: bool) -> None:
        if backlogged != self._backlogged:
            self._backlogged = backlogged
            if self._on_backlog is not None:
                self._on_backlog(backlogged)

    # -- window size ----------------------------------------------------------------

    def resize(self, width: int, height: int) -> None:
        """The reader's window changed: tell the pty, then the child."""
        size = clamp_size(width, height)
        if self._master is None or size == self._size:
            return
        self._size = size
        set_window_size(self._master, *size)
        self._signal_group(signal.SIGWINCH)
