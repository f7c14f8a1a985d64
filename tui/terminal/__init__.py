"""The terminal the browser draws on, and everything that must give it back.

* :mod:`tui.terminal.tty`: find the terminal (stdin, else ``/dev/tty``; the
  UI is never drawn into a redirected file) and refuse one that cannot run a
  full-screen program.  No textual.
* :mod:`tui.terminal.paste`: keep a bracketed paste text, whatever it holds.
  No textual.
* :mod:`tui.terminal.crash`: the crash report (a file and one line).  No
  textual.
* :mod:`tui.terminal.signals`: SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP and
  SIGCONT handled as ``less`` and ``vim`` do.
* :mod:`tui.terminal.driver`: Textual's Linux driver with the fixes above.
* :mod:`tui.terminal.base`: the App base class that uses that driver and
  turns a crash into a report and exit status 70.
"""
