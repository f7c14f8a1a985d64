"""Drive a program through tmux -> ssh -> program, and read what a person would see.

A private tmux server (``tmux -L e2e-XXXX -f /dev/null``) plays the user's
terminal. Each :class:`Pane` is one tmux session whose only pane runs the real
``ssh -tt`` client against the test sshd; the remote side runs an interactive
shell with a known prompt, in which the tests type commands such as
``storybrowse``. Keys go in with ``tmux send-keys``; the screen comes back with
``tmux capture-pane -p``; every byte the pane receives is also recorded with
``tmux pipe-pane`` so that the terminal modes left behind can be checked on the
raw bytes.

Nothing here sleeps for a fixed long time: every wait polls with a timeout.
"""

from __future__ import annotations

import contextlib
import os
import pty
import re
import secrets
import select
import shlex
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fcntl import ioctl
from pathlib import Path

# Every wait is bounded by DEFAULT_TIMEOUT seconds, scaled by E2E_TIMEOUT_SCALE
# (set it on very slow machines).
TIMEOUT_SCALE = float(os.environ.get("E2E_TIMEOUT_SCALE", "1") or "1")
DEFAULT_TIMEOUT = 15.0 * TIMEOUT_SCALE
POLL = 0.02

# The remote shell's prompt. It has no characters a story would contain and
# it is set through PS1 so that it is the same whatever the user's rc files say.
PROMPT = "e2e-prompt$"


class E2ETimeout(AssertionError):
    """A wait ran out; the message carries the screen as it was."""


@dataclass(frozen=True)
class Variant:
    """A terminal configuration as the user would have it."""

    name: str
    term: str = "xterm-256color"
    lang: str = "C.UTF-8"
    extra_env: tuple[tuple[str, str], ...] = ()

    @property
    def env(self) -> dict[str, str]:
        return {"TERM": self.term, "LANG": self.lang, **dict(self.extra_env)}


@dataclass(frozen=True)
class SshTarget:
    """How to reach the test sshd."""

    host: str
    port: int
    user: str
    key: Path

    def command(self, remote: str, send_env: Sequence[str] = ()) -> list[str]:
        """The ssh client command line, with a pty forced (``-tt``)."""
        cmd = [
            "ssh",
            "-tt",
            "-F",
            "/dev/null",
            "-i",
            str(self.key),
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "BatchMode=yes",
            "-o",
            "LogLevel=ERROR",
            "-o",
            "ConnectTimeout=10",
            "-p",
            str(self.port),
        ]
        for name in send_env:
            cmd += ["-o", f"SendEnv={name}"]
        cmd += [f"{self.user}@{self.host}", remote]
        return cmd


# -- raw terminal bytes --------------------------------------------------------

_PRIVATE_MODE = re.compile(rb"\x1b\[\?([0-9;]+)([hl])")

# DEC private modes a full-screen app may turn on and must turn off again.
MODE_NAMES = {
    1049: "alternate screen",
    1047: "alternate screen (1047)",
    47: "alternate screen (47)",
    1000: "mouse: button tracking",
    1002: "mouse: drag tracking",
    1003: "mouse: any-motion tracking",
    1005: "mouse: UTF-8 coordinates",
    1006: "mouse: SGR coordinates",
    1015: "mouse: urxvt coordinates",
    1016: "mouse: SGR pixel coordinates",
    1004: "focus events",
    2004: "bracketed paste",
    2026: "synchronized output",
    2048: "in-band resize reports",
    1: "application cursor keys",
}
# Modes that must be on when the app is gone (if the app touched them at all).
MUST_BE_ON = {25: "cursor visible", 7: "autowrap"}

# The kitty keyboard protocol: CSI > flags u pushes, CSI < u pops.
_KITTY_PUSH = re.compile(rb"\x1b\[>[0-9]*u")
_KITTY_POP = re.compile(rb"\x1b\[<([0-9]*)u")


def private_modes(raw: bytes) -> dict[int, bool]:
    """The last set (True) / reset (False) of each DEC private mode in *raw*."""
    state: dict[int, bool] = {}
    for match in _PRIVATE_MODE.finditer(raw):
        on = match.group(2) == b"h"
        for param in match.group(1).split(b";"):
            if param:
                state[int(param)] = on
    return state


def modes_left_on(raw: bytes) -> list[str]:
    """Human-readable list of the modes *raw* leaves in a bad state."""
    state = private_modes(raw)
    bad = [f"?{mode}h {MODE_NAMES[mode]}" for mode in MODE_NAMES if state.get(mode)]
    bad += [f"?{mode}l {name} off" for mode, name in MUST_BE_ON.items() if state.get(mode) is False]
    pushed = len(_KITTY_PUSH.findall(raw))
    popped = sum(int(n or 1) for n in _KITTY_POP.findall(raw))
    if pushed > popped:
        bad.append(f"kitty keyboard protocol: {pushed} pushes, {popped} pops")
    return bad


# -- tmux ------------------------------------------------------------------------


class Tmux:
    """A private tmux server: ``tmux -L SOCKET -f /dev/null``."""

    def __init__(self, socket: str, env: dict[str, str] | None = None) -> None:
        self.socket = socket
        self.env = env if env is not None else dict(os.environ)

    def base(self) -> list[str]:
        # -u: the client speaks UTF-8 whatever the locale of the test run.
        return ["tmux", "-u", "-L", self.socket, "-f", "/dev/null"]

    def run(self, *args: str, check: bool = True) -> str:
        proc = subprocess.run(
            [*self.base(), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=self.env,
            timeout=30,
        )
        if check and proc.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)} failed ({proc.returncode}): {proc.stderr}")
        return proc.stdout

    def start(self, escape_time_ms: int = 10) -> None:
        """Start the server with a placeholder session and the README's settings."""
        self.run("new-session", "-d", "-s", "keepalive", "-x", "80", "-y", "24", "sleep 86400")
        self.run("set-option", "-s", "escape-time", str(escape_time_ms))
        self.run("set-option", "-g", "history-limit", "5000")
        self.run("set-option", "-g", "status", "off")
        self.run("set-option", "-wg", "remain-on-exit", "on")

    def kill(self) -> None:
        self.run("kill-server", check=False)


@dataclass
class Pane:
    """One tmux session (one window, one pane) running a command."""

    tmux: Tmux
    name: str
    log: Path
    transcript: list[str] = field(default_factory=list)

    @classmethod
    def spawn(
        cls,
        tmux: Tmux,
        name: str,
        argv: Sequence[str],
        width: int,
        height: int,
        workdir: Path,
        env: dict[str, str] | None = None,
    ) -> Pane:
        """Start *argv* in a new session; record its output from the first byte.

        The pane first waits for a "go" file so that ``pipe-pane`` is in
        place before the command writes anything.
        """
        log = workdir / f"{name}.raw"
        go = workdir / f"{name}.go"
        env_words = [f"{k}={v}" for k, v in (env or {}).items()]
        script = (
            f"while [ ! -e {shlex.quote(str(go))} ]; do sleep 0.01; done; "
            f"exec env {shlex.join(env_words)} {shlex.join(argv)}"
        )
        tmux.run(
            "new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), "sh", "-c", script
        )
        tmux.run("pipe-pane", "-t", name, "-O", f"cat >> {shlex.quote(str(log))}")
        go.touch()
        return cls(tmux=tmux, name=name, log=log)

    # -- input ----------------------------------------------------------------

    def keys(self, *keys: str) -> None:
        """tmux key names: ``Enter``, ``Escape``, ``Down``, ``Tab``, ``BTab``, ``q``..."""
        self.transcript.append(f"keys {' '.join(keys)}")
        self.tmux.run("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        """Literal text, no Enter."""
        self.transcript.append(f"type {text!r}")
        self.tmux.run("send-keys", "-t", self.name, "-l", text)

    def line(self, text: str) -> None:
        """Literal text then Enter (a shell command)."""
        self.type(text)
        self.keys("Enter")

    # -- output ---------------------------------------------------------------

    def screen(self) -> str:
        return self.tmux.run("capture-pane", "-p", "-t", self.name)

    def lines(self) -> list[str]:
        return self.screen().split("\n")

    def raw(self) -> bytes:
        """Every byte the pane has received so far (as `cat` has written it)."""
        return self.log.read_bytes() if self.log.exists() else b""

    def raw_at_prompt(self, timeout: float = 5.0) -> bytes:
        """The raw bytes once they end with the shell prompt: pipe-pane copies
        through `cat`, which may lag a little behind the screen."""
        deadline = time.monotonic() + timeout
        raw = self.raw()
        while not raw.rstrip().endswith(PROMPT.encode()):
            if time.monotonic() > deadline:
                raise E2ETimeout(self.report("the raw log does not end with the prompt"))
            time.sleep(POLL)
            raw = self.raw()
        return raw

    def fmt(self, spec: str) -> str:
        return self.tmux.run("display-message", "-p", "-t", self.name, spec).strip()

    def size(self) -> tuple[int, int]:
        w, h = self.fmt("#{pane_width} #{pane_height}").split()
        return int(w), int(h)

    def dead(self) -> bool:
        return self.fmt("#{pane_dead}") == "1"

    def resize(self, width: int, height: int) -> None:
        self.transcript.append(f"resize {width}x{height}")
        self.tmux.run("resize-window", "-t", self.name, "-x", str(width), "-y", str(height))

    def kill(self) -> None:
        self.tmux.run("kill-session", "-t", self.name, check=False)

    # -- waiting --------------------------------------------------------------

    def wait(
        self,
        predicate: Callable[[str], bool],
        what: str,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> str:
        """Poll the screen until *predicate* holds; return that screen."""
        deadline = time.monotonic() + timeout
        screen = self.screen()
        while not predicate(screen):
            if time.monotonic() > deadline:
                raise E2ETimeout(self.report(f"timed out after {timeout:.1f}s waiting for {what}"))
            time.sleep(POLL)
            screen = self.screen()
        return screen

    def wait_for(self, text: str | re.Pattern[str], timeout: float = DEFAULT_TIMEOUT) -> str:
        """Wait until *text* (a string or a compiled regex) is on the screen."""
        if isinstance(text, str):
            return self.wait(lambda s: text in s, repr(text), timeout)
        return self.wait(lambda s: text.search(s) is not None, f"/{text.pattern}/", timeout)

    def wait_gone(self, text: str | re.Pattern[str], timeout: float = DEFAULT_TIMEOUT) -> str:
        """Wait until *text* (a string or a compiled regex) is off the screen."""
        if isinstance(text, str):
            return self.wait(lambda s: text not in s, f"{text!r} to disappear", timeout)
        return self.wait(lambda s: text.search(s) is None, f"/{text.pattern}/ to go", timeout)

    def wait_prompt(self, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Wait until the last non-blank line of the screen is the shell prompt."""
        return self.wait(lambda s: last_line(s) == PROMPT, "the shell prompt", timeout)

    def wait_stable(self, quiet: float = 0.3, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Wait until the screen has not changed for *quiet* seconds."""
        deadline = time.monotonic() + timeout
        screen = self.screen()
        since = time.monotonic()
        while time.monotonic() - since < quiet:
            if time.monotonic() > deadline:
                raise E2ETimeout(self.report("timed out waiting for the screen to settle"))
            time.sleep(POLL)
            now = self.screen()
            if now != screen:
                screen, since = now, time.monotonic()
        return screen

    def run_shell(self, command: str, marker: str, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Type a shell command whose output contains *marker*; wait for the prompt."""
        self.line(command)
        self.wait(
            lambda s: marker in s and last_line(s) == PROMPT, f"{marker!r} then prompt", timeout
        )
        return self.screen()

    def report(self, headline: str) -> str:
        screen = self.screen()
        steps = "\n".join(self.transcript[-15:])
        return (
            f"{headline}\n--- last steps ---\n{steps}\n"
            f"--- screen of {self.name} ({self.fmt('#{pane_width}x#{pane_height}')}) ---\n"
            f"{screen}\n--- end of screen ---"
        )


# tmux's own view of the pane's terminal modes once the app is gone.
RESTORED_FLAGS = {
    "alternate_on": "0",
    "cursor_flag": "1",
    "wrap_flag": "1",
    "keypad_cursor_flag": "0",
    "mouse_any_flag": "0",
    "mouse_all_flag": "0",
    "mouse_button_flag": "0",
    "mouse_standard_flag": "0",
    "mouse_sgr_flag": "0",
    "mouse_utf8_flag": "0",
}


def pane_flags(pane: Pane) -> dict[str, str]:
    names = list(RESTORED_FLAGS)
    values = pane.fmt(" ".join(f"#{{{n}}}" for n in names)).split()
    return dict(zip(names, values, strict=True))


def restore_problems(pane: Pane, since: int = 0) -> list[str]:
    """What the output from byte *since* on leaves wrong in the terminal: checked
    on the raw bytes and on tmux's own idea of the pane's modes."""
    problems = [f"raw bytes: {p}" for p in modes_left_on(pane.raw_at_prompt()[since:])]
    flags = pane_flags(pane)
    problems += [
        f"tmux: {name}={flags[name]} (expected {want})"
        for name, want in RESTORED_FLAGS.items()
        if flags[name] != want
    ]
    return problems


def shell_value(pane: Pane, expression: str, timeout: float = DEFAULT_TIMEOUT) -> int:
    """Evaluate a shell *expression* that prints an integer, remotely; return it.

    The value is echoed as ``vXXXXXX=N`` with a fresh label, so that neither the
    typed command nor an earlier answer can be mistaken for it."""
    label = f"v{secrets.token_hex(3)}"
    pattern = re.compile(rf"^{label}=(-?\d+)\s*$", re.MULTILINE)
    pane.line(f'echo "{label}=$({expression})"')
    screen = pane.wait(
        lambda s: pattern.search(s) is not None and last_line(s) == PROMPT,
        f"{label}=N and the prompt",
        timeout,
    )
    found = pattern.search(screen)
    assert found is not None
    return int(found.group(1))


def terminal_problems(pane: Pane) -> list[str]:
    """Is the remote terminal usable? Line discipline sane, commands run, output shows."""
    problems: list[str] = []
    raw_flags = shell_value(
        pane,
        'stty -a | tr " ;" "\\n\\n" | grep -c -x -e -icanon -e -echo -e -icrnl -e -opost -e -isig',
    )
    if raw_flags:
        problems.append(f"the remote tty is left with {raw_flags} raw-mode flags (stty -a)")
    if shell_value(pane, "echo $((6 * 7))") != 42:
        problems.append("the shell did not compute 6 * 7")
    return problems


# ssh_shell(variant, width=80, height=24) -> Pane (see conftest.py)
ShellFactory = Callable[..., Pane]


def last_line(screen: str) -> str:
    rows = [row.rstrip() for row in screen.split("\n") if row.strip()]
    return rows[-1] if rows else ""


def rows_with(screen: str, *words: str) -> list[str]:
    """The rows of *screen* that contain every one of *words*."""
    return [row for row in screen.split("\n") if all(w in row for w in words)]


# -- a real tmux client in a pty (so that tmux's escape-time applies) ----------


class AttachedClient:
    """``tmux attach`` running in a pseudo-terminal we own: keys written here go
    through tmux's own input parser (and its escape-time), like a user's typing."""

    def __init__(self, tmux: Tmux, session: str, width: int, height: int) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # child
            try:
                env = {**tmux.env, "TERM": "xterm-256color", "LANG": "C.UTF-8"}
                os.execvpe("tmux", [*tmux.base(), "attach-session", "-t", session], env)
            finally:
                os._exit(127)
        ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        self.pid = pid
        self.fd = fd
        self.received = 0
        self._stop = threading.Event()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while not self._stop.is_set():
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.05)
                if ready:
                    chunk = os.read(self.fd, 65536)
                    if not chunk:
                        return
                    self.received += len(chunk)
            except OSError:
                return

    def write(self, data: bytes) -> None:
        os.write(self.fd, data)

    def close(self) -> None:
        self._stop.set()
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, 15)
        self._reader.join(timeout=2)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        os.close(self.fd)
