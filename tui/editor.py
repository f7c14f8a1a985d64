"""Running the user's editor on the story file (the browser's ``e``).

The editor is ``$VISUAL``, else ``$EDITOR``, else ``vi``, split as a shell
would split it (``EDITOR="code --wait"`` works), and given ``+LINE`` before
the file, the convention of vi, vim, nvim, nano, emacs, micro, kak and
helix.  It runs on the browser's terminal with the browser suspended; as git
does while an editor runs, ctrl+c and ctrl+\\ are the editor's business, not
ours.  No textual here.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
from collections.abc import Mapping
from pathlib import Path

FALLBACK_EDITOR = "vi"


class EditorError(Exception):
    """The editor could not be started; ``str()`` says why, in one line."""


def editor_command(environ: Mapping[str, str], path: Path, line: int | None) -> list[str]:
    """The command line that opens *path* at *line* (1-based; None: at the
    top) in the user's editor.  Raises :class:`EditorError` if $VISUAL or
    $EDITOR cannot be split (an unclosed quote)."""
    name = "VISUAL" if environ.get("VISUAL", "").strip() else "EDITOR"
    value = environ.get(name, "").strip() or FALLBACK_EDITOR
    try:
        words = shlex.split(value)
    except ValueError as exc:
        raise EditorError(f"${name} ({value!r}) cannot be split into words: {exc}") from None
    if not words:
        words = [FALLBACK_EDITOR]
    return [*words, *([f"+{line}"] if line else []), os.fspath(path)]


def run_editor(argv: list[str], *, input_fd: int = 0, output_fd: int = 1) -> int:
    """Run *argv* on the terminal (*input_fd*, *output_fd*) and wait for it;
    its exit status.  SIGINT and SIGQUIT are ignored here meanwhile (they go
    to the editor); SIGTSTP stops this process with the editor.  Raises
    :class:`EditorError` if it cannot be started."""
    # A handler that does nothing, not SIG_IGN: exec resets a handler to the
    # default, so the editor still gets ctrl+c, while an ignored signal
    # would stay ignored in it.
    held = {signum: signal.signal(signum, _ignore) for signum in (signal.SIGINT, signal.SIGQUIT)}
    # ctrl+z in the editor (which stops its whole process group) stops us
    # too, and `fg` continues both, as with any job; our own handler would
    # instead stop the browser later, once the editor had exited.
    held[signal.SIGTSTP] = signal.signal(signal.SIGTSTP, signal.SIG_DFL)
    try:
        return subprocess.run(
            argv, stdin=input_fd, stdout=output_fd, stderr=output_fd, check=False
        ).returncode
    except FileNotFoundError:
        raise EditorError(
            f"no editor {argv[0]!r} (set $VISUAL or $EDITOR to the editor you use)"
        ) from None
    except OSError as exc:
        raise EditorError(f"could not start {argv[0]!r}: {exc.strerror or exc}") from None
    finally:
        for signum, handler in held.items():
            if handler is not None:  # None: not set from Python; leave ours
                signal.signal(signum, handler)


def _ignore(_signum: int, _frame: object) -> None:
    """SIGINT and SIGQUIT while the editor runs: the editor's, not ours."""
