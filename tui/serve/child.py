"""What runs in a reader's child process (see ``environment.child_argv``).

The server starts it in a new session (setsid) with the pty on stdin, stdout
and stderr; here the pty becomes the session's controlling terminal
(TIOCSCTTY), so that the kernel delivers SIGWINCH on a resize and SIGHUP
when the server closes the master.  Then it is exactly ``storybrowse ARGS``.

Doing this here rather than in a ``preexec_fn`` keeps the server's fork
free of Python code (``preexec_fn`` is unsafe once threads exist), at the
cost of one tiny module in the child.  Imports neither asyncssh nor textual.
"""

from __future__ import annotations

import fcntl
import sys
import termios


def take_terminal() -> None:
    """Make stdin's terminal our controlling terminal (we lead a new session)."""
    request = getattr(termios, "TIOCSCTTY", None)
    if request is None:
        return
    try:
        fcntl.ioctl(0, request, 0)
    except OSError as exc:
        # Still usable: the server also signals the process group itself.
        print(f"storybrowse: cannot take the terminal: {exc.strerror}", file=sys.stderr)


def main(argv: list[str]) -> int:
    take_terminal()
    from tui.cli import main as storybrowse

    return storybrowse(argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
