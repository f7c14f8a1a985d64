"""The App base class for a browser that owns a real terminal.

* :meth:`get_driver_class`: :class:`tui.terminal.driver.StoryDriver` (tests
  with ``run_test`` use Textual's headless driver and never see it).
* A crash never exits 0 and never prints a traceback: Textual 8.2.8's panic
  path (an exception in the input thread) sets no return code, and its
  exception path prints a Rich traceback on stderr.  Here both record the
  details in :attr:`crash_details`, set :attr:`return_code` to 70, and print
  nothing; the command line writes the report once the terminal is back
  (:mod:`tui.terminal.crash`).
* Suspending (ctrl+z, bound by the app) gives the terminal back first and
  repaints everything on ``fg`` (the driver).
"""

from __future__ import annotations

import time
import traceback

from rich.console import RenderableType
from textual import events
from textual.app import App
from textual.driver import Driver

from tui.terminal.crash import (
    EXIT_CRASH,
    crash_for_tests,
    format_details,
    render_renderables,
    report,
    test_crash_requested,
)
from tui.terminal.signals import restore_defaults
from tui.terminal.tty import Terminal


class TerminalApp(App[None]):
    """Base of the storybrowse app: the terminal driver and crash reports."""

    # The terminal the driver uses (set by the command line before run()).
    terminal: Terminal | None = None
    # The report of the first crash, or "" (see the module doc).
    crash_details: str = ""

    def action_command_palette(self) -> None:
        """Textual's, with the palette of :mod:`tui.terminal.palette`."""
        from textual.command import CommandPalette

        from tui.terminal.palette import SafeCommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(SafeCommandPalette(id="--command-palette"))

    def get_driver_class(self) -> type[Driver]:
        from tui.terminal.driver import StoryDriver

        return StoryDriver

    @property
    def crashed(self) -> bool:
        return bool(self.crash_details)

    def record_crash(self, details: str) -> None:
        """Keep *details* (a traceback) of the first crash; exit status 70."""
        if not self.crash_details:
            self.crash_details = details
        self._return_code = EXIT_CRASH

    def _handle_exception(self, error: Exception) -> None:
        self.record_crash(
            "".join(traceback.format_exception(type(error), error, error.__traceback__))
        )
        super()._handle_exception(error)
        self._return_code = EXIT_CRASH

    def panic(self, *renderables: RenderableType) -> None:
        self.record_crash(render_renderables(renderables))
        super().panic(*renderables)

    def _print_error_renderables(self) -> None:
        if self.crashed and self.terminal is not None:
            # The command line reports it: one line, the details in a file.
            self._exit_renderables.clear()
            return
        super()._print_error_renderables()

    def on_key(self, event: events.Key) -> None:
        if event.character == "!" and test_crash_requested("app"):
            crash_for_tests("app")
        if event.character == "!" and test_crash_requested("hang"):
            # Tests of the signals' last resort: an event loop that never
            # comes back (see tui.terminal.signals.GRACE).
            while True:
                time.sleep(1)


def run_app(app: TerminalApp, terminal: Terminal, *, mouse: bool) -> int:
    """Run *app* on *terminal*; return the exit status: the app's return
    code, 70 after a crash (reported by :func:`tui.terminal.crash.report`
    once the terminal is back).  The ending signals end the process from
    inside (status 128 + N, see :mod:`tui.terminal.signals`)."""
    app.terminal = terminal
    details = ""
    try:
        crash_for_tests("start")
        app.run(mouse=mouse)
        if app.crash_details:
            details = format_details(None, app.crash_details)
    except Exception as exc:  # a crash outside Textual's own handling
        _give_back(app)
        details = format_details(exc)
    finally:
        restore_defaults()
    try:
        if details:
            return report(details, terminal=terminal.output)
        return app.return_code or 0
    finally:
        terminal.close()


def _give_back(app: App[None]) -> None:
    """The terminal back, if a crash escaped Textual with the driver still on."""
    driver = app._driver
    restore = getattr(driver, "restore_terminal", None)
    if restore is not None:
        restore()
