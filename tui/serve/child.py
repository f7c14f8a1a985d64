"""What runs in a reader's child process (see ``environment.child_argv``).

The server starts it in a new session (setsid) with the pty on stdin, stdout
and stderr, the pty already in "keys only" mode (``process.set_keys_only``:
no key is a signal), in a private directory of its own.  Here:

* core dumps are switched off (RLIMIT_CORE 0, soft and hard; the server set
  it too, this makes sure), so a crash never leaves a ``core`` file holding
  the story, or anything else in memory, on the server;
* the pty becomes the session's controlling terminal (TIOCSCTTY), so that
  the kernel delivers SIGWINCH on a resize and SIGHUP when the server closes
  the master;
* then it is exactly ``storybrowse ARGS``, except that no Python traceback
  ever reaches the reader: an error that escapes is one line for them, and
  its traceback goes to the server's log (the pipe on :data:`DIAGNOSTICS_FD`
  when the server gave one, see ``process.ReaderProcess``).

Doing this here rather than in a ``preexec_fn`` keeps the server's fork
free of Python code (``preexec_fn`` is unsafe once threads exist), at the
cost of one tiny module in the child.  Imports neither asyncssh nor textual.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import termios

# The server's end of this pipe logs what the child writes to it (tracebacks).
DIAGNOSTICS_VARIABLE = "STORYBROWSE_DIAGNOSTICS_FD"
EXIT_INTERNAL_ERROR = 70  # EX_SOFTWARE
CRASH_LINE = "storybrowse: internal error; the session has ended (the server logged the details)"


def no_core_dumps() -> None:
    """RLIMIT_CORE 0 (soft and hard): this process never writes a core file."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not a Unix
        return
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (OSError, ValueError):
        # Lowering a limit cannot fail on Linux or the BSDs; if it ever did,
        # the server's own limit (inherited) still holds.
        return


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


def report_crash(exc: BaseException) -> None:
    """One line for the reader; the traceback for the server's log."""
    import traceback

    details = "".join(traceback.format_exception(exc))
    fd_text = os.environ.get(DIAGNOSTICS_VARIABLE, "")
    if fd_text.isdigit():
        # The server may be gone: then there is nobody to tell.
        with contextlib.suppress(OSError):
            os.write(int(fd_text), details.encode("utf-8", "replace")[-32768:])
    try:
        sys.stderr.write("\r\n" + CRASH_LINE + "\r\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        return


def main(argv: list[str]) -> int:
    no_core_dumps()
    take_terminal()
    try:
        from tui.cli import main as storybrowse

        return storybrowse(argv)
    except KeyboardInterrupt:  # a signal from outside (keys never are one here)
        return 130
    except SystemExit:
        raise
    except BaseException as exc:  # no traceback for the reader, whatever it was
        report_crash(exc)
        return EXIT_INTERNAL_ERROR


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
