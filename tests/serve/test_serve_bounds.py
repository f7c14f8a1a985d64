"""``storybrowse serve`` bounded and unblockable (issue 12, items 1-5), with
the real ssh client: keys typed in a session's first moments, a FIFO as the
authorized_keys file, what a reader sees of the server's paths, agent and
X11 requests in the log, ``--watch`` on a path that becomes a FIFO."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import termios
import time
from pathlib import Path

import pytest
from conftest import ServerFactory
from serveharness import (
    CLAIMS,
    FIRST_TITLE,
    STORY,
    Keys,
    Server,
    client_env,
    connect,
    run_ssh,
    ssh_argv,
)
from termclient import Terminal

BURST = b"\x1a\x03\x1c"  # ctrl+z, ctrl+c, ctrl+\


def _state(pid: int) -> str:
    """The process state letter from /proc (R, S, T, Z...); "" when gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[1].split()[0]


def _core_limit(pid: int) -> str:
    limits = Path(f"/proc/{pid}/limits").read_text()
    line = next(row for row in limits.splitlines() if row.startswith("Max core file size"))
    return " ".join(line.split()[4:6])


def _cores(root: Path) -> list[Path]:
    return [p for p in root.rglob("core*") if p.is_file()]


def _wait_raw_mode(reader: Terminal, timeout: float = 20.0) -> None:
    """Until ssh has put its terminal in raw mode (its session is open):
    from then on every byte typed goes to the server."""
    deadline = time.monotonic() + timeout
    while termios.tcgetattr(reader.pty.master)[3] & termios.ISIG:
        assert time.monotonic() < deadline, reader.report("ssh never entered raw mode")
        reader.pump(wait=0.002)


# ctrl+z, ctrl+c, ctrl+\ (ctrl+c is the app's own quit key: that burst may
# end the session, cleanly); and ctrl+z, ctrl+\ alone, which must leave the
# app running.
BURSTS = {"z c backslash": b"\x1a\x03\x1c", "z backslash": b"\x1a\x1c"}


@pytest.mark.parametrize("run", range(2))
@pytest.mark.parametrize("burst", sorted(BURSTS))
def test_signal_keys_in_the_first_100_ms_are_only_keys(
    start_server: ServerFactory, keys: Keys, tmp_path: Path, burst: str, run: int
) -> None:
    """A burst of ctrl+z, ctrl+c and ctrl+\\ in the first 100 ms of a
    session, on a server started with core dumps on: no stopped process, no
    crash, no traceback, no core file; the session ends with status 0 (by
    the app's own ctrl+c, or by q)."""
    server = start_server("--authorized-keys", str(keys.authorized), core_dumps=True)
    reader = connect(server.port, keys.reader)
    try:
        _wait_raw_mode(reader)
        # The session starts when the reader's process does: type from then.
        deadline = time.monotonic() + 20
        while not server.children():
            assert time.monotonic() < deadline, server.log()
            reader.pump(wait=0.002)
        children = server.children()
        end = time.monotonic() + 0.1
        while time.monotonic() < end:
            reader.write(BURSTS[burst])
            time.sleep(0.005)
        for child in children:
            assert _core_limit(child) == "0 0", "core dumps are on in the reader's process"
        if b"\x03" in BURSTS[burst]:
            # ctrl+c is a key the app quits on: the queued ones end the
            # session (cleanly), once the app has read them.
            for child in children:
                assert _state(child) not in ("T", "t"), f"the reader's process is stopped ({child})"
            with contextlib.suppress(AssertionError):
                reader.wait_exit(timeout=15)
            if not reader.eof:
                reader.key("q")
        else:
            reader.wait_for(FIRST_TITLE)
            for child in children:
                assert _state(child) not in ("T", "t"), f"the reader's process is stopped ({child})"
            reader.key("down")
            reader.wait_for(CLAIMS[1])  # keys still work: the detail has been rebuilt
            reader.key("q")
        assert reader.wait_exit() == 0, reader.report("no clean end")
    finally:
        reader.close()
    line = server.wait_connection_line(lambda s: "outcome=" in s, "the session's end")
    assert "outcome=quit" in line, server.log()
    assert "Traceback" not in reader.raw_text()
    assert "reader error" not in server.log()
    assert _cores(tmp_path) == []
    server.wait_idle()


def test_a_fifo_as_the_keys_file_refuses_logins_and_freezes_nothing(
    start_server: ServerFactory, keys: Keys, tmp_path: Path
) -> None:
    authorized = tmp_path / "authorized_keys"
    authorized.write_text(keys.authorized.read_text())
    server = start_server("--authorized-keys", str(authorized))
    reader = connect(server.port, keys.reader)
    try:
        reader.wait_for(FIRST_TITLE)
        authorized.unlink()
        os.mkfifo(authorized)
        # The next login is refused at once (nobody writes to the FIFO).
        refused = run_ssh(ssh_argv(server.port, keys.reader, command=["x"]), timeout=20)
        assert refused.returncode == 255, refused
        assert "Permission denied" in refused.stderr
        server.wait_log("not a regular file: a FIFO")
        # The reader already in keeps browsing: the loop never blocked.
        reader.key("down")
        reader.wait_for(CLAIMS[1])
        # A regular file again: logins work again.
        authorized.unlink()
        authorized.write_text(keys.authorized.read_text())
        second = connect(server.port, keys.reader)
        try:
            second.wait_for(FIRST_TITLE)
            second.key("q")
            assert second.wait_exit() == 0
        finally:
            second.close()
        reader.key("q")
        assert reader.wait_exit() == 0
    finally:
        reader.close()


def _secret_dir_story(tmp_path: Path) -> tuple[Path, str]:
    where = tmp_path / "srv-private-Qx7" / "newsroom"
    where.mkdir(parents=True)
    story = where / "story.yaml"
    story.write_text(STORY.read_text(encoding="utf-8"), encoding="utf-8")
    return story, "srv-private-Qx7"


def test_readers_see_the_story_file_name_never_its_directory(
    start_server: ServerFactory, keys: Keys, tmp_path: Path
) -> None:
    story, secret = _secret_dir_story(tmp_path)
    server = start_server("--authorized-keys", str(keys.authorized), "--watch", story=story)
    reader = connect(server.port, keys.reader)
    try:
        reader.wait_for(FIRST_TITLE)
        # A bad save: the --watch panel lists the problem by file name.
        bad = story.with_name("new.yaml")
        bad.write_text(story.read_text().replace("stance: denied", "stance: deny"))
        bad.replace(story)
        reader.wait_for("'deny'")
        reader.wait_for(re.compile(r"story\.yaml:\d+:\d+"))
        assert secret not in reader.raw_text()
        reader.key("q")
        assert reader.wait_exit() == 0
        # A new reader while the story is broken: the problems at start.
        late = connect(server.port, keys.reader)
        try:
            late.wait_raw("'deny'")
            late.wait_exit()
            assert re.search(r"story\.yaml:\d+:\d+", late.raw_text()), late.raw_text()
            assert secret not in late.raw_text()
            assert "Traceback" not in late.raw_text()
        finally:
            late.close()
    finally:
        reader.close()
    server.wait_idle()


def test_watch_on_a_path_that_becomes_a_fifo(
    start_server: ServerFactory, keys: Keys, tmp_path: Path
) -> None:
    """The reader is told, quits cleanly; a new reader gets the problem and
    a closed session; no session slot is held."""
    story, _ = _secret_dir_story(tmp_path)
    server = start_server("--authorized-keys", str(keys.authorized), "--watch", story=story)
    reader = connect(server.port, keys.reader)
    try:
        reader.wait_for(FIRST_TITLE)
        story.unlink()
        os.mkfifo(story)
        reader.wait_for("not a regular file: a FIFO")
        reader.key("q")
        assert reader.wait_exit(timeout=10) == 0
        late = connect(server.port, keys.reader)
        try:
            late.wait_raw("not a regular file: a FIFO")
            assert late.wait_exit(timeout=10) == 1
        finally:
            late.close()
    finally:
        reader.close()
    server.wait_idle()


def test_agent_and_x11_requests_are_in_the_refused_field(
    shared_server: Server, keys: Keys, tmp_path: Path
) -> None:
    """ssh -A (with a real agent to forward) and -X (with a DISPLAY): both
    refused, both named in the connection's log line."""
    if shutil.which("ssh-agent") is None:
        pytest.skip("ssh-agent is missing (apt-get install -y openssh-client)")
    sock = tmp_path / "agent.sock"
    agent = subprocess.Popen(["ssh-agent", "-D", "-a", str(sock)], stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not sock.exists():
            assert time.monotonic() < deadline, "ssh-agent did not start"
            time.sleep(0.02)
        env = {**client_env(), "SSH_AUTH_SOCK": str(sock), "DISPLAY": ":99"}
        reader = Terminal(ssh_argv(shared_server.port, keys.reader, "-A", "-X"), 80, 24, env=env)
        try:
            reader.wait_for(FIRST_TITLE)
            reader.key("q")
            assert reader.wait_exit() == 0
        finally:
            reader.close()
    finally:
        agent.terminate()
        agent.wait(timeout=10)
    line = shared_server.wait_connection_line(
        lambda s: "agent-forwarding" in s and "x11-forwarding" in s, "the refused requests"
    )
    assert re.search(r" refused=\S*agent-forwarding\S*x11-forwarding", line), line
