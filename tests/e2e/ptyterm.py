"""Run a program in a real pseudo-terminal and read its screen with pyte.

No tmux, no ssh: :class:`PtyTerminal` is the tests' face of the one pty
driver, :class:`benchmarks.ptydriver.PtyProcess` (the program's stdin, stdout
and stderr are a pty of a fixed size, in a new session; every byte it writes
is kept and fed to a ``pyte.Screen`` that answers its terminal queries).
Keys are bytes (``b"j"``, ``b"\\r"``, ``b"\\x1b[B"``...).

Nothing here sleeps for a fixed long time: every wait polls with a timeout
and fails with the screen in its message.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from benchmarks.ptydriver import PtyProcess, Timeout, visible_text

__all__ = ["PtyTerminal", "PtyTimeout", "child_env", "find_storybrowse", "visible_text"]

TIMEOUT_SCALE = float(os.environ.get("E2E_TIMEOUT_SCALE", "1") or "1")
DEFAULT_TIMEOUT = 10.0 * TIMEOUT_SCALE

# Environment variables of the test run that must not reach the program: the
# runner's own terminal, colour and theme settings.
SCRUBBED = ("NO_COLOR", "COLORTERM", "TEXTUAL_THEME", "TEXTUAL_COLOR_SYSTEM", "TMUX", "TMUX_PANE")

PtyTimeout = Timeout  # a wait ran out; the message carries the screen as it was


def find_storybrowse() -> Path | None:
    """The installed console script: $E2E_STORYBROWSE, else next to this
    Python (the virtualenv the package is installed in), else on PATH."""
    override = os.environ.get("E2E_STORYBROWSE")
    if override:
        return Path(override)
    beside = Path(sys.executable).parent / "storybrowse"
    if beside.is_file():
        return beside
    found = shutil.which("storybrowse")
    return Path(found) if found else None


def child_env(
    term: str = "xterm-256color", extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The test run's environment for the program, minus SCRUBBED and LC_*."""
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED and not k.startswith("LC_")}
    env.update({"TERM": term, "LANG": "C.UTF-8"})
    env.update(extra or {})
    return env


class PtyTerminal:
    """One program in one pseudo-terminal, with pyte as its screen."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        width: int = 80,
        height: int = 24,
        cwd: Path | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.width, self.height = width, height
        self.pty = PtyProcess(
            argv,
            width,
            height,
            env=env if env is not None else child_env(),
            cwd=cwd,
            answer_queries=True,
        )
        self.proc = self.pty.proc
        self.transcript = self.pty.transcript
        self.raw = self.pty.raw

    @property
    def returncode(self) -> int | None:
        return self.pty.returncode

    def send(self, data: bytes, label: str | None = None) -> None:
        self.pty.send(data, label)

    def pump(self, timeout: float = 0.0) -> bool:
        """Read what the program has written (waiting up to *timeout* for the
        first byte). False once the pty is closed."""
        return self.pty.read(timeout)

    def lines(self) -> list[str]:
        """The screen, one string per row, string index == column."""
        return self.pty.lines()

    def text(self) -> str:
        return "\n".join(self.lines())

    def wait(
        self, predicate: Callable[[list[str]], bool], what: str, timeout: float = DEFAULT_TIMEOUT
    ) -> list[str]:
        """Read output until *predicate* holds for the screen's lines."""
        return self.pty.wait_lines(predicate, what, timeout)

    def wait_for(self, text: str | re.Pattern[str], timeout: float = DEFAULT_TIMEOUT) -> list[str]:
        return self.pty.wait_text(text, timeout)

    def wait_gone(self, text: str, timeout: float = DEFAULT_TIMEOUT) -> list[str]:
        return self.wait(lambda rows: all(text not in r for r in rows), f"{text!r} to go", timeout)

    def wait_stable(self, quiet: float = 0.2, timeout: float = DEFAULT_TIMEOUT) -> list[str]:
        """Read output until the program has written nothing for *quiet* seconds."""
        return self.pty.wait_stable(quiet, timeout)

    def wait_exit(self, timeout: float = DEFAULT_TIMEOUT) -> int:
        """Read output until the program has exited and closed the pty."""
        return self.pty.wait_exit(timeout)

    def kill(self) -> None:
        """Kill the program's process group if it still runs; close the pty."""
        if self.pty.returncode is None:
            self.pty.kill(signal.SIGKILL)
        self.pty.close()

    def report(self, headline: str) -> str:
        return self.pty.report(headline)
