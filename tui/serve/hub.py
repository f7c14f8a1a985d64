"""What all of the server's connections share (:class:`Hub`): the
configuration, the readers' processes (the session limit counts them until
they are reaped) and their private directories, the authorized keys, and
shutdown."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from tui.serve.config import ServeConfig
from tui.serve.connlog import Log, safe
from tui.serve.environment import child_argv, child_environment, reader_directory
from tui.serve.keys import AuthorizedKeys
from tui.serve.notices import SHUTDOWN_MESSAGE, full_message
from tui.serve.process import ReaderProcess
from tui.serve.session import ServerFull

if TYPE_CHECKING:
    from tui.serve.server import ReaderConnection

# Connections beyond the session limit allowed to be logging in at once;
# more than that are dropped at once (a handshake costs the server CPU).
PENDING_SLACK = 16
# After telling a reader why the session ends, wait this long for their
# client to hang up before closing the connection from our side.
GOODBYE_GRACE = 2.0
# Lines of a reader's traceback written to the server's log.
DIAGNOSTIC_LINES = 60
# SIGHUP, then SIGKILL this many seconds later.
KILL_GRACE = 2.0


class Hub:
    """What all connections share."""

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        config: ServeConfig,
        *,
        story: str,
        workdir: str,
        log: Log,
        keys: AuthorizedKeys | None,
        server_env: Mapping[str, str],
    ) -> None:
        self.loop = loop
        self.config = config
        self.story = story
        self.workdir = workdir
        self.log = log
        self.keys = keys
        self.server_env = dict(server_env)
        self.connections: set[ReaderConnection] = set()
        self.processes: set[ReaderProcess] = set()
        self.homes: dict[ReaderProcess, str] = {}  # each child's own directory
        self.closing = False

    @property
    def max_connections(self) -> int:
        return self.config.max_sessions + PENDING_SLACK

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
        if self.closing:
            raise ServerFull("storybrowse: the server is shutting down.")
        if len(self.processes) >= self.config.max_sessions:
            raise ServerFull(full_message(self.config.max_sessions))
        home, name = reader_directory(self.workdir, self.story)
        env = child_environment(
            term=term, client_env=client_env, home=home, server_env=self.server_env
        )
        process = ReaderProcess(
            self.loop,
            child_argv(name, watch=self.config.watch),
            env=env,
            cwd=home,
            width=width,
            height=height,
            on_output=on_output,
            on_exit=on_exit,
            on_backlog=on_backlog,
            on_diagnostics=self._log_diagnostics,
            kill_grace=KILL_GRACE,
        )
        try:
            process.start()
        except BaseException:
            shutil.rmtree(home, ignore_errors=True)
            raise
        self.processes.add(process)
        self.homes[process] = home
        return process

    def _log_diagnostics(self, text: str) -> None:
        """What a reader's child wrote to the diagnostics pipe (a traceback)."""
        lines = text.splitlines()
        for line in lines[:DIAGNOSTIC_LINES]:
            self.log.server(f"reader error: {safe(line, 300)}")
        if len(lines) > DIAGNOSTIC_LINES:
            self.log.server(f"reader error: ({len(lines) - DIAGNOSTIC_LINES} more lines)")

    def reap(self) -> None:
        """SIGCHLD: reap every child that has exited (and remove its directory)."""
        for process in list(self.processes):
            if process.poll():
                self.processes.discard(process)
                home = self.homes.pop(process, None)
                if home is not None:
                    shutil.rmtree(home, ignore_errors=True)

    async def shutdown(self) -> None:
        """End every session (telling the readers), wait for the children
        and connections to be gone, killing what lingers."""
        self.closing = True
        for connection in list(self.connections):
            connection.end("shutdown", SHUTDOWN_MESSAGE)
        deadline = self.loop.time() + KILL_GRACE + GOODBYE_GRACE + 1.0
        while (self.processes or self.connections) and self.loop.time() < deadline:
            self.reap()
            await asyncio.sleep(0.05)
        for process in list(self.processes):
            process.kill_now()
        self.processes.clear()
        for connection in list(self.connections):
            connection.abort()
