"""One SSH session channel: a reader browsing, or a request politely refused.

A session may run storybrowse and nothing else:

* ``shell`` with a pty: the reader's own storybrowse (see process.py);
* ``shell`` without a pty: "storybrowse needs a terminal: use ssh -t";
* ``exec`` (``ssh host ls``): refused with a message on stderr, exit status 1;
* a subsystem (``sftp``, and ``scp``, which uses SFTP): refused outright.

The server can end a session itself (idle, time limit, shutdown): the child
is hung up, the reader's terminal restored and the reason written, then
the channel closes with exit status 1.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

import asyncssh

from tui.serve.process import RESTORE_TERMINAL, ReaderProcess

EXIT_REFUSED = 1  # exec refused, no pty, server full, session ended by the server

NEEDS_TERMINAL = "storybrowse needs a terminal: use ssh -t"
NO_COMMANDS = (
    "storybrowse: this server shows a story and runs no commands; "
    "connect without one to browse: ssh -t [-p PORT] HOST"
)


class ServerFull(Exception):
    """Every reading session is taken; the message says so."""


class SessionHost(Protocol):
    """What a session needs from its connection and the server."""

    def start_process(
        self,
        *,
        term: str | None,
        width: int,
        height: int,
        client_env: Mapping[str, str],
        on_output: Callable[[bytes], None],
        on_exit: Callable[[int], None],
        on_backlog: Callable[[bool], None],
    ) -> ReaderProcess:
        """Start a reader's storybrowse (raises ServerFull or OSError)."""

    def session_started(self, session: ReaderSession) -> None:
        """The reader's storybrowse runs: start the session clock."""

    def touch(self) -> None:
        """The reader did something (a key, a resize)."""

    def set_outcome(self, outcome: str, detail: str = "") -> None:
        """What the log line will say about this connection."""

    def session_closed(self, session: ReaderSession) -> None:
        """The channel is gone."""


class ReaderSession(asyncssh.SSHServerSession[bytes]):
    """The session channel of one connection."""

    def __init__(self, host: SessionHost) -> None:
        self._host = host
        self._chan: asyncssh.SSHServerChannel[bytes] | None = None
        self._pty: tuple[str, int, int] | None = None  # term, width, height
        self._command: str | None = None
        self._process: ReaderProcess | None = None
        self._ended = False
        self._channel_open = False
        self._closed = False

    # -- requests ----------------------------------------------------------------

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        self._chan = chan
        self._channel_open = True

    def pty_requested(
        self,
        term_type: str,
        term_size: tuple[int, int, int, int],
        term_modes: Mapping[int, int],
    ) -> bool:
        width, height = term_size[0], term_size[1]
        self._pty = (term_type, width, height)
        return True

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        # Accepted, so that the client shows our message and gets a status.
        self._command = command
        return True

    def subsystem_requested(self, subsystem: str) -> bool:
        self._host.set_outcome("subsystem-refused", subsystem)
        return False

    def break_received(self, msec: int) -> bool:
        return False

    def eof_received(self) -> bool:
        return True  # stay half-open: the reader's screen keeps working

    # -- start --------------------------------------------------------------------

    def session_started(self) -> None:
        if self._command is not None:
            self._host.set_outcome("exec-refused", self._command)
            self._refuse(NO_COMMANDS)
            return
        if self._pty is None:
            self._host.set_outcome("no-pty")
            self._refuse(NEEDS_TERMINAL)
            return
        term, width, height = self._pty
        chan = self._chan
        assert chan is not None
        try:
            self._process = self._host.start_process(
                term=term,
                width=width,
                height=height,
                client_env=chan.get_environment(),
                on_output=self._output,
                on_exit=self._exited,
                on_backlog=self._backlog,
            )
        except ServerFull as exc:
            self._host.set_outcome("server-full")
            self._refuse(str(exc))
            return
        except OSError as exc:
            self._host.set_outcome("start-failed", exc.strerror or str(exc))
            self._refuse("storybrowse: the story browser could not be started; sorry.")
            return
        self._host.set_outcome("open")
        self._host.session_started(self)

    def _refuse(self, message: str) -> None:
        self._ended = True
        if self._chan is not None and self._channel_open:
            self._chan.write_stderr(message.encode("utf-8") + b"\r\n")
            self._chan.exit(EXIT_REFUSED)

    # -- traffic ------------------------------------------------------------------

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self._host.touch()
        if self._process is not None:
            self._process.write(data)

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        self._host.touch()
        if self._process is not None:
            self._process.resize(width, height)

    def pause_writing(self) -> None:
        if self._process is not None:
            self._process.pause_output()

    def resume_writing(self) -> None:
        if self._process is not None:
            self._process.resume_output()

    def _output(self, data: bytes) -> None:
        if self._chan is not None and self._channel_open and not self._ended:
            self._chan.write(data)

    def _backlog(self, backlogged: bool) -> None:
        if self._chan is None or not self._channel_open:
            return
        if backlogged:
            self._chan.pause_reading()
        else:
            self._chan.resume_reading()

    # -- the end ----------------------------------------------------------------

    def _exited(self, returncode: int) -> None:
        """The reader's storybrowse ended by itself (q, or a failure)."""
        if self._ended:
            return
        self._ended = True
        if returncode == 0:
            self._host.set_outcome("quit")
        elif returncode > 0:
            self._host.set_outcome("exit", f"status {returncode}")
        else:
            self._host.set_outcome("crashed", f"signal {-returncode}")
        if self._chan is None or not self._channel_open:
            return
        if returncode < 0:
            self._chan.write(RESTORE_TERMINAL + b"\r\nstorybrowse stopped unexpectedly.\r\n")
        self._chan.exit(returncode if returncode >= 0 else EXIT_REFUSED)

    def end(self, outcome: str, message: str) -> None:
        """The server ends the session: hang the child up, restore the
        reader's terminal, say why, close with status 1."""
        if self._ended:
            return
        self._ended = True
        self._host.set_outcome(outcome)
        started = self._process is not None
        if self._process is not None:
            self._process.terminate()
        if self._chan is not None and self._channel_open:
            restore = RESTORE_TERMINAL if started else b""
            self._chan.write(restore + b"\r\n" + message.encode("utf-8") + b"\r\n")
            self._chan.exit(EXIT_REFUSED)

    def connection_lost(self, exc: Exception | None) -> None:
        """The channel is closed (by us, the client, or a lost connection)."""
        if self._closed:
            return
        self._closed = True
        self._channel_open = False
        if self._process is not None:
            self._process.terminate()
        self._host.session_closed(self)

    @property
    def ended(self) -> bool:
        return self._ended
