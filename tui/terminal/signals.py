"""Signals that end or pause the browser, handled as ``less`` and ``vim`` do.

Textual's Linux driver (8.2.8) handles none of the ending signals: after
SIGTERM or SIGHUP the shell comes back inside the alternate screen, with
mouse tracking on and the cursor hidden.  Its SIGTSTP handler sends SIGSTOP
whatever the app says (so ``storybrowse serve``'s restricted mode could be
stopped for good), and after SIGCONT it repaints only what changes next, so
the screen stays blank after ``fg``.

* SIGTERM, SIGHUP, SIGINT, SIGQUIT: give the terminal back (the driver's own
  restore), then exit with status 128 + the signal's number.  The restore
  runs on the event loop, between two steps of the app, never in the middle
  of a frame; if the loop does not get to it within :data:`GRACE` seconds
  (or a second signal comes), the terminal modes are reset with a direct
  write and the process exits anyway.  A signal that was ignored when
  storybrowse started (``nohup``) stays ignored.
* SIGTSTP (ctrl+z, ``kill -TSTP``): give the terminal back, stop; when
  continued, take the terminal again and repaint the whole screen.  Ignored
  in restricted mode: nobody there could continue the process.
* SIGCONT without our stop (``kill -STOP`` from outside, then ``-CONT``):
  take the terminal again and repaint the whole screen.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from types import FrameType
from typing import Protocol

ENDING = (signal.SIGHUP, signal.SIGINT, signal.SIGQUIT, signal.SIGTERM)
# Seconds the event loop has to give the terminal back after an ending signal.
GRACE = 2.0


class Owner(Protocol):
    """What the signal handlers need from the driver."""

    def restore_terminal(self) -> None:
        """Leave application mode (on the event loop)."""

    def emergency_restore(self) -> None:
        """Reset the terminal from any thread, taking no lock."""

    def suspend(self) -> None:
        """Leave application mode, stop the process, come back (on the loop)."""

    def reenter(self) -> None:
        """Send every mode again and repaint the whole screen (on the loop)."""


def exit_status(signum: int) -> int:
    """The conventional status for a program ended by *signum*: 128 + N."""
    return 128 + signum


class SignalGuard:
    """Installs the handlers for one driver; see the module doc."""

    def __init__(self, owner: Owner, loop: asyncio.AbstractEventLoop, *, restricted: bool) -> None:
        self._owner = owner
        self._loop = loop
        self._restricted = restricted
        self._ignored: set[int] | None = None
        self._ending: int | None = None
        self.suspending = False

    def install(self) -> None:
        """Install (again) every handler.  Main thread only."""
        if self._ignored is None:
            self._ignored = {s for s in ENDING if signal.getsignal(s) is signal.SIG_IGN}
        for signum in ENDING:
            if signum not in self._ignored:
                signal.signal(signum, self._on_ending)
        stop = signal.SIG_IGN if self._restricted else self._on_stop
        signal.signal(signal.SIGTSTP, stop)
        signal.signal(signal.SIGCONT, self._on_continue)

    # -- ending ----------------------------------------------------------------------

    def _on_ending(self, signum: int, _frame: FrameType | None) -> None:
        if self._ending is not None:  # a second signal: do not wait any longer
            self.hard_exit(signum)
        self.end_soon(signum)

    def end_soon(self, signum: int) -> None:
        """Have the event loop give the terminal back and exit with 128 +
        *signum*; exit anyway after :data:`GRACE` seconds.  Any thread."""
        if self._ending is not None:
            return
        self._ending = signum
        timer = threading.Timer(GRACE, self.hard_exit, (signum,))
        timer.daemon = True
        timer.start()
        try:
            self._loop.call_soon_threadsafe(self.end, signum)
        except RuntimeError:  # the loop is closed: nothing left to wait for
            self.hard_exit(signum)

    def end(self, signum: int) -> None:
        """Give the terminal back and exit with 128 + *signum* (on the loop)."""
        try:
            self._owner.restore_terminal()
        finally:
            os._exit(exit_status(signum))

    def hard_exit(self, signum: int) -> None:
        try:
            self._owner.emergency_restore()
        finally:
            os._exit(exit_status(signum))

    # -- pausing ---------------------------------------------------------------------

    def _on_stop(self, _signum: int, _frame: FrameType | None) -> None:
        if not self.suspending:
            self._loop.call_soon_threadsafe(self._suspend)

    def _suspend(self) -> None:
        if self.suspending or self._ending is not None:
            return
        self.suspending = True
        try:
            self._owner.suspend()
        finally:
            self.suspending = False

    def stop_process(self) -> None:
        """Stop this process as a terminal stop would; returns once continued
        (at once if the kernel discards the stop: an orphaned process group,
        where no shell could continue it)."""
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        try:
            os.kill(os.getpid(), signal.SIGTSTP)
        finally:
            signal.signal(signal.SIGTSTP, self._on_stop)

    def _on_continue(self, _signum: int, _frame: FrameType | None) -> None:
        if not self.suspending and self._ending is None:
            self._loop.call_soon_threadsafe(self._owner.reenter)


def restore_defaults() -> None:
    """Put back the default handlers (once the app is over)."""
    for signum in ENDING:
        if signal.getsignal(signum) not in (signal.SIG_IGN, None):
            handler = signal.default_int_handler if signum == signal.SIGINT else signal.SIG_DFL
            signal.signal(signum, handler)
    signal.signal(signal.SIGTSTP, signal.SIG_DFL)
    signal.signal(signal.SIGCONT, signal.SIG_DFL)
