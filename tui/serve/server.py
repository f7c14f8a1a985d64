"""The SSH server: asyncssh on one asyncio loop, a storybrowse per reader.

Nothing here uses a thread: asyncssh runs the connections on the loop, each
reader's pty is read and written with ``add_reader``/``add_writer``
(process.py), children are reaped on SIGCHLD, and timers are loop timers.

* :class:`~tui.serve.hub.Hub` (hub.py) holds what the connections share.
* :class:`ReaderConnection` is asyncssh's per-connection server object: it
  authenticates (keys from ``--authorized-keys``, or nobody at all with
  ``--public``), accepts one session channel (session.py), refuses every
  kind of forwarding (asyncssh's defaults, left alone: TCP and Unix socket
  forwarding requests are refused unless these methods are overridden;
  agent and X11 forwarding are switched off below), runs the idle and
  session-length timers, and writes the connection's log line.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Mapping
from typing import NoReturn

import asyncssh

from tui.serve.config import ServeConfig
from tui.serve.connlog import ConnectionRecord, Log
from tui.serve.hub import GOODBYE_GRACE, Hub
from tui.serve.keys import AuthorizedKeys
from tui.serve.notices import idle_message, time_limit_message
from tui.serve.process import ReaderProcess
from tui.serve.session import ReaderSession

# Detect a vanished client (network gone, no FIN) within ~90 s.
KEEPALIVE_INTERVAL = 30.0
KEEPALIVE_COUNT_MAX = 3

SERVER_VERSION = "storybrowse"


def _peer(conn: asyncssh.SSHServerConnection) -> tuple[str, str]:
    """(address, "address:port") of the client."""
    peer = conn.get_extra_info("peername")
    if isinstance(peer, tuple) and len(peer) >= 2:
        host, port = str(peer[0]), peer[1]
        shown = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        return host, shown
    return "?", "?"


class ReaderConnection(asyncssh.SSHServer):
    """One client connection, from the handshake to the log line."""

    def __init__(self, hub: Hub) -> None:
        self._hub = hub
        self._conn: asyncssh.SSHServerConnection | None = None
        self._address = "?"
        self.record = ConnectionRecord(client="?")
        self._keys: asyncssh.SSHAuthorizedKeys | None = None
        self._fingerprint: str | None = None
        self._authenticated = False
        self._session: ReaderSession | None = None
        self._last_input = hub.loop.time()
        self._idle_timer: asyncio.TimerHandle | None = None
        self._limit_timer: asyncio.TimerHandle | None = None
        self._close_timer: asyncio.TimerHandle | None = None
        self._session_timer: asyncio.TimerHandle | None = None

    # -- connection ----------------------------------------------------------------

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn
        self._log_refused_forwarding(conn)
        self._address, self.record.client = _peer(conn)
        self._hub.connections.add(self)
        if self._hub.closing:
            self.set_outcome("refused", "shutting down")
            conn.abort()
        elif len(self._hub.connections) > self._hub.max_connections:
            self.set_outcome("refused", "too many connections")
            conn.abort()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._session is not None:
            self._session.connection_lost(None)  # ends the reader's storybrowse
        timers = (self._idle_timer, self._limit_timer, self._close_timer, self._session_timer)
        for timer in timers:
            if timer is not None:
                timer.cancel()
        record = self.record
        if not self._authenticated and record.outcome == "closed":
            if record.user is None:
                record.outcome = "no-login"
            else:
                record.outcome = "auth-failed" if not self._hub.config.public else "no-login"
            if exc is not None:
                record.detail = str(exc)
        elif record.outcome == "open":
            # The reader's client went away while browsing.
            record.outcome = "client-gone"
            if exc is not None:
                record.detail = str(exc)
        self._hub.log.connection(record)
        self._hub.connections.discard(self)

    def abort(self) -> None:
        if self._conn is not None:
            self._conn.abort()

    # -- authentication ----------------------------------------------------------------

    async def begin_auth(self, username: str) -> bool:
        self.record.user = username
        if self._hub.config.public:
            self.record.key = "public"
            return False  # no authentication at all
        keys = self._hub.keys
        self._keys = await keys.current_async() if keys is not None else None
        return True

    def public_key_auth_supported(self) -> bool:
        return not self._hub.config.public

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        if self._keys is None:
            return False
        # Plain keys only (no CA lines); "from=" options are honoured.
        if self._keys.validate(key, self._address, self._address) is None:
            return False
        self._fingerprint = key.get_fingerprint("sha256")
        return True

    def auth_completed(self) -> None:
        self._authenticated = True
        if not self._hub.config.public:
            self.record.key = self._fingerprint or "?"
        self.touch()
        self._arm_idle()
        # A connection is for browsing: one that opens no session (ssh -N,
        # say) soon makes room for readers.
        self._session_timer = self._hub.loop.call_later(
            self._hub.config.login_timeout, self._no_session
        )

    def _no_session(self) -> None:
        self._session_timer = None
        if self._session is None:
            self.end("no-session", "")

    # -- forwarding: all refused ---------------------------------------------------------
    # asyncssh refuses these by default too; saying so here makes the refusal
    # explicit, tells the client why ("administratively prohibited" rather
    # than "connection refused") and puts it in the log line.

    def _log_refused_forwarding(self, conn: asyncssh.SSHServerConnection) -> None:
        """Agent (``ssh -A``) and X11 (``ssh -X``) forwarding are off
        (``agent_forwarding=False``, ``x11_forwarding=False``), and asyncssh
        (2.x) refuses them inside the connection, with no callback to the
        server object.  These two methods of the connection are what the
        session channel asks (``create_agent_listener``,
        ``attach_x11_listener``); answering them here refuses exactly as
        asyncssh would (False / None) and records it for the log line."""

        async def refuse_agent() -> bool:
            self.record.refused.add("agent-forwarding")
            return False

        async def refuse_x11(*args: object, **kwargs: object) -> None:
            self.record.refused.add("x11-forwarding")

        setattr(conn, "create_agent_listener", refuse_agent)  # noqa: B010
        setattr(conn, "attach_x11_listener", refuse_x11)  # noqa: B010

    def _refuse_channel(self, what: str) -> NoReturn:
        self.record.refused.add(what)
        raise asyncssh.ChannelOpenError(
            asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED, f"storybrowse: no {what} here"
        )

    def connection_requested(
        self, dest_host: str, dest_port: int, orig_host: str, orig_port: int
    ) -> bool:
        self._refuse_channel("port-forwarding")

    def unix_connection_requested(self, dest_path: str) -> bool:
        self._refuse_channel("socket-forwarding")

    def tun_requested(self, unit: int | None) -> bool:
        self._refuse_channel("tunnel")

    def tap_requested(self, unit: int | None) -> bool:
        self._refuse_channel("tunnel")

    def server_requested(self, listen_host: str, listen_port: int) -> bool:
        self.record.refused.add("remote-forwarding")
        return False

    def unix_server_requested(self, listen_path: str) -> bool:
        self.record.refused.add("remote-forwarding")
        return False

    # -- the session ----------------------------------------------------------------------

    def session_requested(self) -> ReaderSession | bool:
        if self._session is not None or self._hub.closing:
            return False  # one session per connection
        if self._session_timer is not None:
            self._session_timer.cancel()
            self._session_timer = None
        self._session = ReaderSession(self)
        return self._session

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
        return self._hub.start_process(
            term=term,
            width=width,
            height=height,
            client_env=client_env,
            on_output=on_output,
            on_exit=on_exit,
            on_backlog=on_backlog,
        )

    def session_started(self, session: ReaderSession) -> None:
        limit = self._hub.config.max_session
        self._limit_timer = self._hub.loop.call_later(
            limit, self.end, "time-limit", time_limit_message(limit)
        )

    def session_closed(self, session: ReaderSession) -> None:
        # The client normally hangs up now; make sure of it.
        self._close_later()

    def touch(self) -> None:
        self._last_input = self._hub.loop.time()

    def set_outcome(self, outcome: str, detail: str = "") -> None:
        self.record.outcome = outcome
        self.record.detail = detail

    # -- timers and the end -----------------------------------------------------------

    def _arm_idle(self) -> None:
        loop = self._hub.loop
        due = self._last_input + self._hub.config.idle_timeout
        self._idle_timer = loop.call_at(due, self._idle_check)

    def _idle_check(self) -> None:
        self._idle_timer = None
        idle = self._hub.config.idle_timeout
        if self._hub.loop.time() - self._last_input >= idle - 0.01:
            self.end("idle-timeout", idle_message(idle))
        else:
            self._arm_idle()

    def end(self, outcome: str, message: str) -> None:
        """The server ends this connection: the session (if any) first,
        with the reason shown to the reader."""
        if self._session is not None and not self._session.ended:
            self._session.end(outcome, message)
            self._close_later()
            return
        if self.record.outcome in ("closed", "open"):
            self.set_outcome(outcome)
        if self._conn is not None:
            self._conn.close()

    def _close_later(self) -> None:
        if self._close_timer is None and self._conn is not None:
            self._close_timer = self._hub.loop.call_later(GOODBYE_GRACE, self._conn.close)


# -- running -------------------------------------------------------------------------------


async def serve(
    config: ServeConfig,
    *,
    story: str,
    host_key: asyncssh.SSHKey,
    keys: AuthorizedKeys | None,
    log: Log,
) -> int:
    """Listen, serve until SIGTERM/SIGINT/SIGHUP, shut down.  Returns the
    exit status."""
    loop = asyncio.get_running_loop()
    logging.getLogger("asyncssh").addHandler(logging.NullHandler())
    logging.getLogger("asyncssh").propagate = False  # our own log says it all

    workdir = tempfile.mkdtemp(prefix="storybrowse-serve-")
    hub = Hub(loop, config, story=story, workdir=workdir, log=log, keys=keys, server_env=os.environ)
    stop = asyncio.Event()
    stop_signals = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
    for sig in stop_signals:
        loop.add_signal_handler(sig, stop.set)
    loop.add_signal_handler(signal.SIGCHLD, hub.reap)
    try:
        try:
            acceptor = await asyncssh.listen(
                config.host or None,
                config.port,
                server_factory=lambda: ReaderConnection(hub),
                server_host_keys=[host_key],
                server_version=SERVER_VERSION,
                authorized_client_keys=None,
                x509_trusted_certs=None,
                gss_host=None,
                agent_forwarding=False,
                x11_forwarding=False,
                allow_pty=True,
                line_editor=False,
                encoding=None,
                sftp_factory=None,
                allow_scp=False,
                login_timeout=config.login_timeout,
                keepalive_interval=KEEPALIVE_INTERVAL,
                keepalive_count_max=KEEPALIVE_COUNT_MAX,
            )
        except OSError as exc:
            where = f"{config.host or '*'}:{config.port}"
            log.server(f"error: cannot listen on {where}: {exc.strerror or exc}")
            return 1
        for address in acceptor.get_addresses():
            host, port = str(address[0]), int(address[1])
            shown = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
            log.server(f"listening on {shown} (readers: ssh -p {port} HOST)")
        await stop.wait()
        log.server("shutting down")
        acceptor.close()
        await hub.shutdown()
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(acceptor.wait_closed(), timeout=2.0)
        log.server("stopped")
        return 0
    finally:
        for sig in (*stop_signals, signal.SIGCHLD):
            loop.remove_signal_handler(sig)
        shutil.rmtree(workdir, ignore_errors=True)


def describe_key(key: asyncssh.SSHKey) -> str:
    return f"{key.get_algorithm()} {key.get_fingerprint('sha256')}"
