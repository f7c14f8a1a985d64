"""Textual's Linux driver, with the fixes storybrowse needs (Textual 8.2.8).

Each override names what it works around; see ``pyproject.toml`` for the
Textual versions this was tested with.

* Terminal: keys from :func:`tui.terminal.tty.find_terminal`'s input (stdin,
  else ``/dev/tty``) and frames to its output (never a redirected file);
  Textual reads stdin and draws on stderr whatever they are.  The size comes
  from that terminal too (Textual asks ``shutil.get_terminal_size``, which
  looks at stdout).
* Input bytes: decoded in the terminal's encoding with undecodable bytes
  replaced (Textual decodes strict UTF-8: a Latin-1 ``é`` or a stray 0xFF
  killed the app), bracketed pastes kept text (:mod:`tui.terminal.paste`),
  and the end of input (the terminal hung up) ends the app like SIGHUP
  instead of spinning at 100% CPU.
* Signals: :mod:`tui.terminal.signals`.
* Leaving: also ends synchronized output and mouse pixel reporting, which
  Textual can leave on.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import termios
import traceback
from codecs import getincrementaldecoder
from typing import TYPE_CHECKING, Any

from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

from tui.terminal.crash import RESTRICTED_VARIABLE, crash_for_tests, test_crash_requested
from tui.terminal.paste import PasteGuard
from tui.terminal.signals import SignalGuard
from tui.terminal.tty import Terminal, find_terminal

if TYPE_CHECKING:
    from textual.app import App

# Modes Textual 8.2.8 may leave on when it leaves application mode: mouse
# pixel reporting (turned on with in-band resize, never off) and
# synchronized output (if the app is stopped in the middle of a frame).
EXTRA_RESET = "\x1b[?1016l\x1b[?2026l"

# Written straight to the terminal when the event loop cannot restore it in
# time: every mode the app may have turned on, off again.
EMERGENCY_RESET = (
    b"\x1b[?2026l"  # end synchronized output
    b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1005l\x1b[?1006l\x1b[?1015l\x1b[?1016l"
    b"\x1b[?1004l"  # focus events
    b"\x1b[?2004l"  # bracketed paste
    b"\x1b[?2048l"  # in-band resize
    b"\x1b[<u"  # kitty keyboard protocol: pop
    b"\x1b[?1049l"  # normal screen
    b"\x1b[?7h"  # autowrap
    b"\x1b[?25h"  # cursor
    b"\x1b[0m"
)


def restricted(app: object) -> bool:
    return bool(getattr(app, "restricted", False)) or (
        os.environ.get(RESTRICTED_VARIABLE, "") == "1"
    )


class StoryDriver(LinuxDriver):
    """The Linux driver on the right terminal, safe with any input and signal."""

    def __init__(
        self,
        app: App[Any],
        *,
        debug: bool = False,
        mouse: bool = True,
        size: tuple[int, int] | None = None,
    ) -> None:
        # LinuxDriver.__init__ installs a SIGTSTP handler that sends SIGSTOP
        # (even in restricted mode, where nobody could continue the process):
        # hold SIGTSTP until ours is in place.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTSTP})
        try:
            super().__init__(app, debug=debug, mouse=mouse, size=size)
            self._setup(app)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)

    def _setup(self, app: App[Any]) -> None:
        given = getattr(app, "terminal", None)
        self.terminal: Terminal = given if isinstance(given, Terminal) else find_terminal()
        self._file = self.terminal.output  # type: ignore[assignment]
        self.fileno = self.terminal.input_fd
        self.input_tty = True
        self.in_application_mode = False
        self._start_aborted = False
        self._std_streams_on_tty = any(os.isatty(fd) for fd in (0, 1, 2))
        self._crash_on_input = test_crash_requested("input")
        # Replaces the SIGTSTP / SIGCONT handlers LinuxDriver.__init__ set.
        self.signals = SignalGuard(self, self._loop, restricted=restricted(app))
        self.signals.install()

    # -- the terminal ---------------------------------------------------------------

    def _get_terminal_size(self) -> tuple[int, int]:
        size = self._measure()
        if not self._std_streams_on_tty:
            # Rich (15.0) sizes the app's console from fds 0-2 and falls back
            # to 80x25 when none is a terminal (storybrowse </dev/null >o 2>e,
            # nohup); Textual 8.2.8 then re-renders forever without drawing.
            self._app.console.size = size
        return size

    def _measure(self) -> tuple[int, int]:
        for fd in (self.terminal.output_fd, self.fileno):
            with contextlib.suppress(OSError):
                columns, lines = os.get_terminal_size(fd)
                if columns > 0 and lines > 0:
                    return columns, lines
        return super()._get_terminal_size()

    def start_application_mode(self) -> None:
        super().start_application_mode()  # type: ignore[no-untyped-call]
        writer = self._writer_thread
        self.in_application_mode = writer is not None and writer.is_alive()
        # Started in the background (storybrowse &), Textual gives up when
        # the terminal stops it (SIGTTOU) and expects SIGCONT to try again.
        self._start_aborted = not self.in_application_mode
        self.signals.install()

    def stop_application_mode(self) -> None:
        if self._writer_thread is not None and self._writer_thread.is_alive():
            self.write(EXTRA_RESET)
        super().stop_application_mode()
        self.in_application_mode = False

    # -- called by the signal handlers (on the event loop) --------------------------------

    def restore_terminal(self) -> None:
        """Leave application mode and wait until it has been written."""
        if self.in_application_mode:
            self.stop_application_mode()
        self.close()

    def emergency_restore(self) -> None:
        with contextlib.suppress(OSError):
            os.write(self.terminal.output_fd, EMERGENCY_RESET)
        if self.attrs_before is not None:
            with contextlib.suppress(termios.error, OSError):
                termios.tcsetattr(self.fileno, termios.TCSANOW, self.attrs_before)

    def suspend(self) -> None:
        if not (self.in_application_mode and self._auto_restart):
            # Inside App.suspend() the app has given the terminal back itself.
            self.signals.stop_process()
            return
        self.suspend_application_mode()
        self.signals.stop_process()
        self.resume_application_mode()
        self.repaint()

    def reenter(self) -> None:
        if self._start_aborted:
            self.start_application_mode()
            if self.in_application_mode:
                self.repaint()
            return
        if not self.in_application_mode:
            return
        self.suspend_application_mode()
        self.resume_application_mode()
        self.repaint()

    def repaint(self) -> None:
        """Repaint the whole screen: what the terminal showed is gone."""
        self._app.post_message(self.SignalResume())
        self._app.refresh(layout=True)

    # -- input -------------------------------------------------------------------------

    def run_input_thread(self) -> None:
        # Textual (LinuxDriver._run_input_thread) turns an exception here into
        # App.panic with a Rich traceback; keep a plain one for the report.
        try:
            self._read_keys()
        except BaseException:
            record = getattr(self._app, "record_crash", None)
            if record is not None:
                record(traceback.format_exc())
            raise

    def _read_keys(self) -> None:
        """LinuxDriver.run_input_thread (Textual 8.2.8) with three changes:
        bytes are decoded in the terminal's encoding with errors replaced
        (it raised UnicodeDecodeError and the app died), pastes go through
        :class:`PasteGuard`, and end of input ends the app like SIGHUP (it
        spun at 100% CPU reading end-of-file)."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        guard = PasteGuard()
        decoder = getincrementaldecoder(self.terminal.encoding)(errors="replace")
        hung_up = False

        def process(text: str) -> None:
            if self._crash_on_input and "!" in text:
                crash_for_tests("input")
            for event in parser.feed(guard.feed(text)):
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                for _key, mask in selector.select(0.1):
                    if not mask & selectors.EVENT_READ:
                        continue
                    try:
                        data = os.read(self.fileno, 4096)
                    except OSError:  # EIO: the terminal hung up
                        data = b""
                    if not data:
                        hung_up = True
                        break
                    process(decoder.decode(data))
                if hung_up:
                    break
                for event in parser.tick():
                    self.process_message(event)
            if hung_up:
                self.signals.end_soon(signal.SIGHUP)
            else:
                process(decoder.decode(b"", final=True))
        finally:
            selector.close()
            with contextlib.suppress(EOFError, ParseError):
                for _event in parser.feed(""):
                    pass
