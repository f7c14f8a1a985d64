"""Run ``python -m tui.serve`` for a test and look at it from outside: its
log, its children and its open file descriptors (through /proc), and the
real ``ssh`` client command lines that reach it.

Every wait polls with a deadline; nothing sleeps for a fixed long time.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from termclient import DEFAULT_TIMEOUT, Terminal

ROOT = Path(__file__).resolve().parents[2]
STORY = Path(__file__).resolve().parent / "story.yaml"
HEADLINE = "Served story for the SSH server tests"
FIRST_TITLE = "Alpha harbour incident"
# Each incident's claim text, as the detail shows it for the selected row.
CLAIMS = ("AlphaClaimText", "BravoClaimText", "CharlieClaimText")

LISTENING = re.compile(r"listening on 127\.0\.0\.1:(\d+)")
HOST_KEY = re.compile(r"host key ssh-ed25519 (SHA256:\S+)")


@dataclass(frozen=True)
class Keys:
    """A reader's key pair (in authorized_keys) and a stranger's (not)."""

    reader: Path
    stranger: Path
    authorized: Path
    reader_fingerprint: str


def ssh_options(known_hosts: str = "/dev/null", strict: str = "no") -> list[str]:
    return [
        "-F",
        "/dev/null",
        "-o",
        "IdentitiesOnly=yes",
        "-o",
        f"StrictHostKeyChecking={strict}",
        "-o",
        f"UserKnownHostsFile={known_hosts}",
        "-o",
        "BatchMode=yes",
        "-o",
        "LogLevel=ERROR",
        "-o",
        "ConnectTimeout=10",
    ]


def ssh_argv(
    port: int,
    key: Path | None,
    *extra: str,
    user: str = "reader",
    command: Sequence[str] = (),
    tty: bool = True,
    options: Sequence[str] | None = None,
) -> list[str]:
    """The real ssh client: ``ssh -tt ... -p PORT user@127.0.0.1 [COMMAND]``."""
    argv = ["ssh", "-tt" if tty else "-T", *(options if options is not None else ssh_options())]
    if key is not None:
        argv += ["-i", str(key)]
    else:
        argv += ["-o", "PubkeyAuthentication=no"]
    argv += [*extra, "-p", str(port), f"{user}@127.0.0.1", *command]
    return argv


def client_env() -> dict[str, str]:
    """The environment a reader's terminal would give ssh (no agent)."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }


def _core_dumps_on() -> None:
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_CORE)
    resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))


class Server:
    """``python -m tui.serve STORY --ssh 127.0.0.1:0 ARGS`` in the background."""

    def __init__(
        self,
        workdir: Path,
        args: Sequence[str],
        story: Path = STORY,
        *,
        core_dumps: bool = False,
    ) -> None:
        self.workdir = workdir
        self.log_path = workdir / f"serve-{time.monotonic_ns()}.log"
        self.args = list(args)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        env["XDG_STATE_HOME"] = str(workdir / "state")
        env["SERVE_TEST_SECRET"] = "do-not-leak"  # must not reach a reader's child
        # The server's own temporary directories (its readers' directories)
        # under the test's, where a test can look for stray files.
        env["TMPDIR"] = str(workdir)
        self._log_file = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tui.serve", str(story), "--ssh", "127.0.0.1:0", *self.args],
            stdin=subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            cwd=workdir,
            env=env,
            # core_dumps: start it as a careless host would, core files on
            # (the server must switch them off for itself and its readers).
            preexec_fn=_core_dumps_on if core_dumps else None,
        )
        self.port = 0
        self.baseline_sockets = 0

    # -- log -----------------------------------------------------------------------

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_log(self, pattern: str | re.Pattern[str], timeout: float = DEFAULT_TIMEOUT) -> str:
        """Wait until the log matches; return the first matching line."""
        regex = re.compile(re.escape(pattern)) if isinstance(pattern, str) else pattern
        deadline = time.monotonic() + timeout
        while True:
            for line in self.log().splitlines():
                if regex.search(line):
                    return line
            if time.monotonic() > deadline:
                raise AssertionError(f"no {regex.pattern!r} in the server log:\n{self.log()}")
            if self.proc.poll() is not None:
                raise AssertionError(
                    f"the server exited ({self.proc.returncode}) before logging "
                    f"{regex.pattern!r}:\n{self.log()}"
                )
            time.sleep(0.02)

    def connection_lines(self) -> list[str]:
        return [line for line in self.log().splitlines() if " client=" in line]

    def wait_connection_line(
        self, predicate: Callable[[str], bool], what: str, timeout: float = DEFAULT_TIMEOUT
    ) -> str:
        deadline = time.monotonic() + timeout
        while True:
            for line in self.connection_lines():
                if predicate(line):
                    return line
            if time.monotonic() > deadline:
                raise AssertionError(f"no log line for {what}:\n{self.log()}")
            time.sleep(0.02)

    def start(self) -> Server:
        found = LISTENING.search(self.wait_log(LISTENING))
        assert found is not None
        self.port = int(found.group(1))
        self.baseline_sockets = len(self.sockets())  # listener + the loop's self-pipe
        return self

    def fingerprint(self) -> str:
        found = HOST_KEY.search(self.wait_log(HOST_KEY))
        assert found is not None
        return found.group(1)

    # -- what the server holds ------------------------------------------------------

    def children(self) -> list[int]:
        """Pids whose parent is the server (its readers' storybrowses)."""
        found = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            with contextlib.suppress(OSError):
                status = Path(f"/proc/{entry}/status").read_text()
                ppid = re.search(r"^PPid:\s+(\d+)", status, re.MULTILINE)
                if ppid and int(ppid.group(1)) == self.proc.pid:
                    found.append(int(entry))
        return found

    def fds(self) -> list[str]:
        """What the server's open file descriptors point at."""
        targets: list[str] = []
        base = Path(f"/proc/{self.proc.pid}/fd")
        try:
            fds = os.listdir(base)
        except OSError:  # the server is gone
            return targets
        for fd in fds:
            with contextlib.suppress(OSError):
                targets.append(os.readlink(base / fd))
        return targets

    def pty_fds(self) -> list[str]:
        return [t for t in self.fds() if t == "/dev/ptmx" or t.startswith("/dev/pts/")]

    def sockets(self) -> list[str]:
        return [t for t in self.fds() if t.startswith("socket:")]

    def wait_until(self, predicate: Callable[[], bool], what: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"timed out waiting for {what}: children={self.children()} "
                    f"fds={self.fds()}\n{self.log()}"
                )
            time.sleep(0.05)

    def wait_idle(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Wait until the server holds no child, no pty and no more sockets
        than when it started listening (no connection left)."""
        self.wait_until(
            lambda: (
                not self.children()
                and not self.pty_fds()
                and len(self.sockets()) <= self.baseline_sockets
            ),
            "the server to hold no child, pty or connection",
            timeout,
        )

    # -- the end ------------------------------------------------------------------------

    def stop(self, timeout: float = DEFAULT_TIMEOUT) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log_file.close()
        return self.proc.returncode


def connect(
    port: int,
    key: Path | None,
    *extra: str,
    user: str = "reader",
    width: int = 80,
    height: int = 24,
) -> Terminal:
    """A reader at a *width* x *height* terminal running ``ssh -tt``."""
    return Terminal(ssh_argv(port, key, *extra, user=user), width, height, env=client_env())


def run_ssh(
    argv: Sequence[str], timeout: float = DEFAULT_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(argv),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        env=client_env(),
        check=False,
    )
