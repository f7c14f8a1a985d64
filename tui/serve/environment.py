"""The environment and command line of a reader's storybrowse.

The child inherits nothing from the server's environment (which may hold
secrets: tokens, agent sockets, cloud credentials).  It gets a fixed, small
set of variables (and the server's PYTHONPATH, if it has one, so that it
finds the same libraries), plus the few harmless ones a reader's client may
send:

* ``TERM`` from the client's pty request (checked: a terminal name, else
  ``xterm``);
* ``NO_COLOR``, ``COLORTERM`` (``truecolor``/``24bit`` only) and
  ``TEXTUAL_THEME`` (a theme name) if the client sent them, as with
  ``ssh -o SetEnv=TEXTUAL_THEME=ansi-light``.

Not ``LINES``/``COLUMNS``: Textual asks ``shutil.get_terminal_size()``,
which prefers them over the pty's real size, so a resize would never show.
The size is set on the pty itself (TIOCSWINSZ).  No other ``TEXTUAL_*``
variable from the client either: ``TEXTUAL_SCREENSHOT``, ``TEXTUAL_LOG`` and the
devtools ones make the app write files or open connections.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

import tui

RESTRICTED_VARIABLE = "STORYBROWSE_RESTRICTED"

_TERM_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
_THEME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
_COLORTERMS = frozenset({"truecolor", "24bit"})
DEFAULT_TERM = "xterm"

# Where the child finds programs: it runs none, and a short PATH keeps it so.
CHILD_PATH = "/usr/bin:/bin"


def package_root() -> str:
    """The directory that holds the ``tui`` package (for the child's sys.path)."""
    return str(Path(tui.__file__).resolve().parent.parent)


def safe_term(term: str | None) -> str:
    if term and _TERM_RE.fullmatch(term):
        return term
    return DEFAULT_TERM


def child_environment(
    *,
    term: str | None,
    client_env: Mapping[str, str],
    home: str,
    server_env: Mapping[str, str],
) -> dict[str, str]:
    """The whole environment of a reader's child process."""
    env = {
        "TERM": safe_term(term),
        "LANG": "C.UTF-8",
        "PATH": CHILD_PATH,
        "HOME": home,
        "PYTHONDONTWRITEBYTECODE": "1",
        RESTRICTED_VARIABLE: "1",
    }
    inherited = server_env.get("PYTHONPATH", "")
    if inherited:
        # How this server itself finds its libraries; no secret in it.
        env["PYTHONPATH"] = inherited
    # webbrowser.open() honours BROWSER: should anything try to open a URL on
    # the server, it runs `true URL`, not a browser (a console browser on the
    # reader's pty would be a way out of the app).
    true = shutil.which("true", path=CHILD_PATH)
    if true:
        env["BROWSER"] = true
    if "NO_COLOR" in client_env:
        env["NO_COLOR"] = "1"
    colorterm = client_env.get("COLORTERM", "")
    if colorterm in _COLORTERMS:
        env["COLORTERM"] = colorterm
    theme = client_env.get("TEXTUAL_THEME", "")
    if _THEME_RE.fullmatch(theme):
        env["TEXTUAL_THEME"] = theme
    return env


START_FAILED = "storybrowse: the story browser could not be started; sorry.\r\n"


def child_code(root: str) -> str:
    """The child's ``python -c`` program: import this very ``tui`` package
    (the server may run from a source checkout that is not installed), then
    run tui.serve.child.  The package's directory is put first on sys.path
    only if it is not there already: an installed storybrowse lives in
    site-packages, which must never come before the standard library (as it
    would through PYTHONPATH).  If even that import fails (a broken
    install), the reader gets one line, never a traceback naming the
    server's paths."""
    return (
        "import sys\n"
        f"if {root!r} not in sys.path: sys.path.insert(0, {root!r})\n"
        "try:\n"
        "    from tui.serve.child import main\n"
        "except BaseException:\n"
        f"    sys.stderr.write({START_FAILED!r})\n"
        "    raise SystemExit(70)\n"
        "raise SystemExit(main(sys.argv[1:]))\n"
    )


def child_argv(story: str, *, watch: bool) -> list[str]:
    """``python -c CODE [--watch] STORY``: storybrowse on *story* (the
    story's name in the child's own directory, see
    ``reader_directory``: never taken for an option)."""
    argv = [sys.executable, "-c", child_code(package_root())]
    if watch:
        argv.append("--watch")
    argv.append(story)
    return argv


def reader_directory(workdir: str, story: str) -> tuple[str, str]:
    """A new private directory (mode 700) for one reader's child, and the
    name the child opens the story by.

    The directory is the child's working directory and HOME: whatever it
    might write lands there and is removed with it when the child is
    reaped.  It holds one thing, a symbolic link to the story named like
    the story file, so that the child is given the file's name alone and
    never learns (or shows a reader, in a problem message or the --watch
    panel) the server's directories.  Returns ``(directory, argument)``:
    the argument is the name, or ``./name`` if it could be taken for an
    option or a subcommand.
    """
    home = tempfile.mkdtemp(prefix="reader-", dir=workdir)
    name = os.path.basename(story) or "story.yaml"
    try:
        os.symlink(story, os.path.join(home, name))
    except OSError:
        shutil.rmtree(home, ignore_errors=True)
        raise
    from tui.cli.common import SUBCOMMANDS

    argument = f"./{name}" if name.startswith("-") or name in SUBCOMMANDS else name
    return home, argument
