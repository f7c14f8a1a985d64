"""Who gets in, and what a connection can do besides browsing (nothing):
keys, --public, exec, forwarding, SFTP/SCP, no pty, the host key."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import time
from pathlib import Path

from conftest import ServerFactory
from serveharness import (
    FIRST_TITLE,
    Keys,
    Server,
    client_env,
    connect,
    run_ssh,
    ssh_argv,
    ssh_options,
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_key_not_in_authorized_keys_is_refused(shared_server: Server, keys: Keys) -> None:
    result = run_ssh(ssh_argv(shared_server.port, keys.stranger, tty=False, command=["x"]))
    assert result.returncode == 255, result
    assert "Permission denied" in result.stderr
    line = shared_server.wait_connection_line(lambda s: "outcome=auth-failed" in s, "the refusal")
    assert "key=-" in line
    # No key at all: refused too (no password or keyboard-interactive login).
    result = run_ssh(ssh_argv(shared_server.port, None, tty=False, command=["x"]))
    assert result.returncode == 255, result
    assert "Permission denied (publickey)" in result.stderr
    assert not shared_server.children()


def test_public_lets_anyone_in(start_server: ServerFactory, keys: Keys) -> None:
    server = start_server("--public")
    assert "WARNING: --public" in server.log()
    reader = connect(server.port, None, user="anybody")  # no key offered at all
    try:
        reader.wait_for(FIRST_TITLE)
        reader.key("q")
        assert reader.wait_exit() == 0
    finally:
        reader.close()
    line = server.wait_connection_line(lambda s: "outcome=quit" in s, "the public reader")
    assert 'user="anybody" key=public' in line


def test_a_command_is_refused(shared_server: Server, keys: Keys) -> None:
    result = run_ssh(ssh_argv(shared_server.port, keys.reader, tty=False, command=["ls", "/"]))
    assert result.returncode == 1, result
    assert "runs no commands" in result.stderr
    assert result.stdout == ""
    # With a pty as well.
    result = run_ssh(ssh_argv(shared_server.port, keys.reader, command=["cat", "/etc/passwd"]))
    assert result.returncode == 1, result
    assert "root:" not in result.stdout + result.stderr
    shared_server.wait_connection_line(
        lambda s: "outcome=exec-refused (cat /etc/passwd)" in s, "the refused command"
    )
    assert not shared_server.children()


def test_without_a_terminal_the_reader_is_told_to_use_ssh_t(
    shared_server: Server, keys: Keys
) -> None:
    result = run_ssh(ssh_argv(shared_server.port, keys.reader, tty=False))
    assert result.returncode == 1, result
    assert "storybrowse needs a terminal: use ssh -t" in result.stderr
    assert not shared_server.children()


def test_local_port_forwarding_is_refused(shared_server: Server, keys: Keys) -> None:
    local = _free_port()
    argv = ssh_argv(
        shared_server.port,
        keys.reader,
        "-N",
        "-L",
        f"127.0.0.1:{local}:127.0.0.1:{shared_server.port}",
        tty=False,
        options=[o.replace("LogLevel=ERROR", "LogLevel=INFO") for o in ssh_options()],
    )
    client = subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=client_env(),
        text=True,
    )
    try:
        deadline = time.monotonic() + 15
        while True:  # wait for the client to listen on the local port
            try:
                conn = socket.create_connection(("127.0.0.1", local), timeout=1)
                break
            except OSError:
                assert client.poll() is None, "ssh -L exited"
                assert time.monotonic() < deadline, "ssh -L never listened"
                time.sleep(0.05)
        with conn:
            conn.settimeout(10)
            # Through a forward this would be the server's SSH banner.
            assert conn.recv(100) == b""
    finally:
        client.terminate()
        try:
            _out, err = client.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            # OpenSSH 9.2's client can miss a SIGTERM that lands just before
            # it polls (it waits for the network with no timeout under -N).
            client.kill()
            _out, err = client.communicate(timeout=5)
    assert "administratively prohibited" in err, err
    shared_server.wait_connection_line(lambda s: "refused=port-forwarding" in s, "the forward")


def test_remote_port_forwarding_is_refused(shared_server: Server, keys: Keys) -> None:
    result = run_ssh(
        ssh_argv(
            shared_server.port,
            keys.reader,
            "-N",
            "-o",
            "ExitOnForwardFailure=yes",
            "-R",
            f"127.0.0.1:{_free_port()}:127.0.0.1:9",
            tty=False,
        )
    )
    assert result.returncode == 255, result
    assert "remote port forwarding failed" in result.stderr


def test_sftp_and_scp_are_refused(shared_server: Server, keys: Keys, tmp_path: Path) -> None:
    target = tmp_path / "copied"
    base = [*ssh_options(), "-i", str(keys.reader), "-P", str(shared_server.port)]
    sftp = subprocess.run(
        ["sftp", "-b", "-", *base, "reader@127.0.0.1"],
        input="get /etc/hostname\nls\n",
        capture_output=True,
        text=True,
        timeout=20,
        env=client_env(),
        check=False,
    )
    assert sftp.returncode != 0, sftp
    assert "subsystem request failed" in sftp.stderr
    for legacy in ([], ["-O"]):  # SFTP protocol (the default), then the old scp protocol
        scp = subprocess.run(
            ["scp", *legacy, *base, "reader@127.0.0.1:/etc/hostname", str(target)],
            capture_output=True,
            text=True,
            timeout=20,
            env=client_env(),
            stdin=subprocess.DEVNULL,
            check=False,
        )
        assert scp.returncode != 0, scp
        assert not target.exists()
    # (The log line is written when the server sees the connection end.)
    shared_server.wait_connection_line(lambda s: "outcome=subsystem-refused (sftp)" in s, "sftp")
    shared_server.wait_connection_line(
        lambda s: "outcome=exec-refused (scp -f /etc/hostname)" in s, "scp -O"
    )


def test_the_host_key_is_created_private_and_kept(
    start_server: ServerFactory, keys: Keys, tmp_path: Path
) -> None:
    host_key = tmp_path / "keys" / "host"
    known_hosts = tmp_path / "known_hosts"
    server = start_server("--authorized-keys", str(keys.authorized), "--host-key", str(host_key))
    first = server.fingerprint()
    assert stat.S_IMODE(os.stat(host_key).st_mode) == 0o600
    # The client records the key...
    # (HostKeyAlias: the entry names the server, not the port, which changes.)
    alias = ["-o", "HostKeyAlias=storybrowse-test"]
    options = [*ssh_options(known_hosts=str(known_hosts), strict="accept-new"), *alias]
    result = run_ssh(ssh_argv(server.port, keys.reader, tty=False, command=["x"], options=options))
    assert result.returncode == 1, result  # in, then the command refused
    assert known_hosts.read_text().strip()
    assert server.stop() == 0

    # ... and, after a restart on another port, finds it again.
    again = start_server("--authorized-keys", str(keys.authorized), "--host-key", str(host_key))
    assert again.fingerprint() == first
    assert "from " + str(host_key) in again.log()
    strict = [*ssh_options(known_hosts=str(known_hosts), strict="yes"), *alias]
    result = run_ssh(ssh_argv(again.port, keys.reader, tty=False, command=["x"], options=strict))
    assert result.returncode == 1, result
    assert "runs no commands" in result.stderr

    # A server with another key is not taken for this one.
    other = start_server("--public", "--host-key", str(tmp_path / "other-host-key"))
    assert other.fingerprint() != first
    result = run_ssh(ssh_argv(other.port, None, tty=False, command=["x"], options=strict))
    assert result.returncode == 255, result
    assert "Host key verification failed" in result.stderr


def test_a_host_key_readable_by_others_is_refused(keys: Keys, tmp_path: Path) -> None:
    host_key = tmp_path / "host"
    host_key.write_text("not even a key")
    host_key.chmod(0o644)
    server = Server(tmp_path, ["--public", "--host-key", str(host_key)])
    assert server.proc.wait(timeout=20) == 1
    server.stop()
    assert "chmod 600" in server.log()
