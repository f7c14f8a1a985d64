"""The server's limits: sessions at once, idle time, session length, and
clients that never log in or send garbage.  Tiny values keep them quick."""

from __future__ import annotations

import socket
import time

from conftest import ServerFactory
from serveharness import FIRST_TITLE, Keys, connect


def test_the_session_limit_turns_the_next_reader_away_politely(
    start_server: ServerFactory, keys: Keys
) -> None:
    server = start_server("--authorized-keys", str(keys.authorized), "--max-sessions", "1")
    first = connect(server.port, keys.reader)
    try:
        first.wait_for(FIRST_TITLE)
        second = connect(server.port, keys.reader)
        try:
            second.wait_raw("the server is full (1 reader at once)")
            assert second.wait_exit() == 1
        finally:
            second.close()
        # The first reader is unaffected.
        first.key("down")
        first.wait_for("BravoClaimText")
        first.key("q")
        assert first.wait_exit() == 0
    finally:
        first.close()
    server.wait_connection_line(lambda s: "outcome=server-full" in s, "the reader turned away")
    # Once the first has left, there is room again.
    third = connect(server.port, keys.reader)
    try:
        third.wait_for(FIRST_TITLE)
        third.key("q")
        assert third.wait_exit() == 0
    finally:
        third.close()


def test_idle_and_overlong_sessions_are_ended(start_server: ServerFactory, keys: Keys) -> None:
    idle_s, limit_s = 2.0, 4.0
    server = start_server(
        "--authorized-keys",
        str(keys.authorized),
        "--idle-timeout",
        f"{idle_s:g}",
        "--max-session",
        f"{limit_s:g}",
    )
    idle = connect(server.port, keys.reader)
    busy = connect(server.port, keys.reader)
    try:
        idle.wait_for(FIRST_TITLE)
        busy.wait_for(FIRST_TITLE)
        # The busy reader presses a key every 0.3 s (well inside the idle
        # timeout) until the session-length limit ends the session.
        deadline = time.monotonic() + limit_s + 10
        while not busy.eof and time.monotonic() < deadline:
            busy.key("j" if int(time.monotonic() * 10) % 2 else "k")
            busy.pump(wait=0.3)
            # Read the idle reader's terminal too, as a real one is read: its
            # answers to the app's queries then go out at once (not seconds
            # late, when the server would count them as a key press), and the
            # server's goodbye is not stuck behind an unread pty.
            idle.pump(wait=0)
        idle.wait_raw("no key pressed for 2 seconds")
        assert idle.wait_exit() == 1
        busy.wait_raw("sessions on this server last at most 4 seconds")
        assert busy.wait_exit() == 1
        # Both terminals are given back (the alternate screen is left).
        for reader in (idle, busy):
            assert b"\x1b[?1049l" in bytes(reader.raw[-400:]), reader.report("not restored")
    finally:
        idle.close()
        busy.close()
    server.wait_connection_line(lambda s: "outcome=idle-timeout" in s, "the idle reader")
    server.wait_connection_line(lambda s: "outcome=time-limit" in s, "the busy reader")
    server.wait_idle()


def test_clients_that_never_log_in_or_send_garbage_leave_nothing(
    start_server: ServerFactory, keys: Keys
) -> None:
    server = start_server("--authorized-keys", str(keys.authorized), "--login-timeout", "1")
    silent = socket.create_connection(("127.0.0.1", server.port))
    garbage = socket.create_connection(("127.0.0.1", server.port))
    half = socket.create_connection(("127.0.0.1", server.port))
    try:
        garbage.sendall(b"GET / HTTP/1.0\r\n\r\n" + bytes(range(256)) * 8)
        half.sendall(b"SSH-2.0-OpenSSH_9.2\r\n")  # then nothing: a stalled handshake
        for sock in (silent, garbage, half):
            sock.settimeout(15)
            received = b""
            while chunk := sock.recv(4096):  # until the server closes it
                received += chunk
            assert received.startswith(b"SSH-2.0-storybrowse"), received[:40]
    finally:
        for sock in (silent, garbage, half):
            sock.close()
    server.wait_idle()
    server.wait_until(lambda: len(server.connection_lines()) == 3, "three log lines", 10)
    lines = server.connection_lines()
    assert all("user=- key=- " in line and "outcome=no-login" in line for line in lines), lines
