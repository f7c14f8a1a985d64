"""The ``storybrowse`` command line.

``storybrowse [FILE]`` opens the browser; ``check``, ``export``, ``schema``,
``show`` and ``new`` are subcommands.  A subcommand is recognised only as the first argument, so
``storybrowse check`` always means the subcommand and a file that happens to
be called ``check`` is opened with ``storybrowse ./check``.

Only the browser imports textual, and only once the story has loaded: the
other commands stay fast, and a story that fails to load is reported (one
line per problem, on stderr, exit status 1) before any UI starts.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from tui import __version__
from tui.story.sanitize import display_line

if TYPE_CHECKING:
    from tui.story.errors import Problem
    from tui.story.model import Story

PROG = "storybrowse"

EXIT_OK = 0
EXIT_INVALID = 1  # a story is invalid or unreadable
EXIT_USAGE = 2  # bad command line (argparse uses 2 as well)
EXIT_INTERRUPTED = 130  # ctrl+c: 128 + SIGINT
EXIT_BROKEN_PIPE = 141  # the reader went away: 128 + SIGPIPE, as if killed by it

SUBCOMMANDS = ("check", "export", "schema", "show", "new", "serve")
_BUILTIN_THEME = "textual-dark"

DESCRIPTION = """\
Browse a contested news story kept in a YAML file: a timeline of incidents,
the actors, the quotes, and each incident's claim beside every response.

commands:
  storybrowse [FILE]            open the browser on FILE
  storybrowse check FILE...     validate story files, print every problem
  storybrowse export [FILE]     write the validated story as JSON to stdout
  storybrowse schema [--print]  path (or content) of the story JSON Schema
  storybrowse show [FILE] [ID]  print the timeline, or one incident, actor or
                                quote, as text, Markdown or JSON
  storybrowse new FILE          write a commented starter story to FILE
  storybrowse serve [FILE] --ssh [HOST:]PORT (--authorized-keys PATH | --public)
                                serve the story over SSH: readers need only ssh
  (see `storybrowse COMMAND --help`)

Without FILE: ./story.yaml if it exists, else the story bundled with
storybrowse.  A subcommand is only recognised as the first argument; to open
a file named like one, give a path: storybrowse ./check
"""

EPILOG = """\
keys in the browser:
  tab, shift+tab       next / previous pane
  1 2 3                timeline / actors / quotes
  up down, j k         move
  g G, home end        first / last
  pgup pgdn            page
  enter                open; escape: back, or clear the filter
  /  n N               search all the story's text; next / previous match
  ?                    help with every key
  ctrl+p               command palette: jump to any incident, actor or quote
  x                    with --watch: dismiss the list of errors of a bad save
  q                    quit

environment:
  TEXTUAL_THEME        theme to use when --theme is not given

exit status:
  0 ok (warnings allowed), 1 story invalid or unreadable, 2 usage error,
  130 interrupted, 141 output pipe closed early
"""

EXIT_HELP = """\
exit status:
  0 ok (warnings allowed), 1 story invalid or unreadable, 2 usage error,
  130 interrupted, 141 output pipe closed early
"""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help keeps our line breaks, and whose usage
    errors never echo a control character from the command line raw."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(**kwargs)

    def error(self, message: str) -> NoReturn:
        super().error(display_line(message))


def _main_parser() -> _Parser:
    p = _Parser(
        prog=PROG,
        usage=(
            f"{PROG} [-h] [--version] [--theme NAME] [--no-mouse] [--watch] [FILE]\n"
            f"       {PROG} {{check,export,schema,show,new,serve}} ..."
        ),
        description=DESCRIPTION,
        epilog=EPILOG,
    )
    p.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    p.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="story file (default: ./story.yaml, else the bundled story)",
    )
    p.add_argument(
        "--theme",
        metavar="NAME",
        help="colour theme, e.g. ansi-dark or ansi-light (default: $TEXTUAL_THEME)",
    )
    p.add_argument(
        "--no-mouse",
        action="store_true",
        help="do not turn on mouse tracking (saves bandwidth over slow links)",
    )
    p.add_argument(
        "--watch",
        action="store_true",
        help="live reload: show FILE again each time it is saved, keeping your place; "
        "a save with errors keeps the last good version and lists the errors "
        "(x dismisses the list)",
    )
    return p


def _check_parser() -> _Parser:
    p = _Parser(
        prog=f"{PROG} check",
        description=(
            "Validate story files.  Every problem is printed as\n"
            "  FILE:LINE:COLUMN: PATH: MESSAGE\n"
            "(warnings as FILE:LINE:COLUMN: warning: PATH: MESSAGE), then a summary."
        ),
        epilog=EXIT_HELP,
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="story files to check")
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (default) or json: a list of "
        "{file, ok, problems: [{line, column, path, message, severity}]}",
    )
    return p


def _export_parser() -> _Parser:
    p = _Parser(
        prog=f"{PROG} export",
        description=(
            "Write the validated story to stdout as JSON, with every reference\n"
            "resolved (an id field X keeps the id; X_ref holds the record it names)\n"
            "and the timeline order.  See README.md, 'Export', for the shape."
        ),
        epilog=EXIT_HELP,
    )
    p.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="story file (default: ./story.yaml, else the bundled story)",
    )
    p.add_argument("--format", choices=("json",), default="json", help="json (the default)")
    return p


def _schema_parser() -> _Parser:
    p = _Parser(
        prog=f"{PROG} schema",
        description=(
            "Print the path of the JSON Schema for story files, for editors:\n"
            "  # yaml-language-server: $schema=PATH\n"
            "as the first line of a story file lets yaml-language-server validate\n"
            "and complete it.  With --print, print the schema itself."
        ),
        epilog=EXIT_HELP,
    )
    p.add_argument(
        "--print",
        dest="print_content",
        action="store_true",
        help="print the schema's content instead of its path",
    )
    return p


SHOW_DESCRIPTION = """\
Print a view of the story, for pipes and for terminals that cannot run the
browser:
  no ID               the timeline, one line per entry (date, id, responses,
                      title)
  an incident's id    its claim and every response side by side, fitted to
                      the width, then the quotes about it
  any other id        that actor, quote, context event or source in detail

FILE and ID are both optional.  With one argument: if it names an existing
file (or ends in .yaml or .yml, or holds a /), it is FILE; otherwise it is an
ID in the default story (./story.yaml, else the bundled story).  To show an
id from a file that shares its name, give both: show story.yaml ID.

The width is --width, else $COLUMNS, else the terminal's, else 80.  On a
terminal, headings are bold and stances coloured (NO_COLOR turns colour off,
TERM=dumb all styling) and timeline lines are cut to the width; into a pipe
or a file the output is plain text without any escape code, and timeline
lines are whole unless --width is given.
"""

NEW_DESCRIPTION = """\
Write a commented starter story to FILE: a small, valid, invented example of
every section, with a first line that points yaml-language-server at the JSON
Schema installed with storybrowse.  FILE is written atomically (a temporary
file renamed into place).  An existing FILE is never overwritten unless
--force is given.
"""


def _width(text: str) -> int:
    from tui.story.render import MIN_WIDTH

    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < MIN_WIDTH:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least {MIN_WIDTH}")
    return value


def _show_parser() -> _Parser:
    p = _Parser(prog=f"{PROG} show", description=SHOW_DESCRIPTION, epilog=EXIT_HELP)
    p.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="story file (default: ./story.yaml, else the bundled story)",
    )
    p.add_argument("record_id", nargs="?", metavar="ID", help="id of the record to show")
    p.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="text (default); markdown (the side by side as a table); json (the "
        "record as in `storybrowse export`; without ID, the whole export)",
    )
    p.add_argument(
        "--width",
        type=_width,
        metavar="N",
        help="lay text out in N columns (default: $COLUMNS, the terminal's width, or 80)",
    )
    return p


def _new_parser() -> _Parser:
    epilog = (
        "exit status:\n  0 written, 1 FILE exists (without --force) or cannot be written,\n"
        "  2 usage error"
    )
    p = _Parser(prog=f"{PROG} new", description=NEW_DESCRIPTION, epilog=epilog)
    p.add_argument("file", metavar="FILE", help="the story file to create")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    return p


# -- output helpers ----------------------------------------------------------


def _say(text: str, stream: TextIO | None = None) -> None:
    """Write one line of possibly story-derived text, made safe for a terminal."""
    print(display_line(text), file=stream if stream is not None else sys.stdout)


def _write_utf8(text: str) -> None:
    """Write JSON to stdout as UTF-8 (RFC 8259), whatever the locale says."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a replaced stdout (tests): it takes text
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))


def _tolerate_unencodable_output() -> None:
    """On a terminal whose encoding cannot show some character (a latin-1
    locale, say), print a one-cell ASCII stand-in (``│`` -> ``|``) instead of
    failing, so the browser's layout and printed columns stay aligned."""
    from tui.story import asciifallback

    asciifallback.install((sys.stdout, sys.stderr))


def _error(message: str) -> None:
    _say(f"{PROG}: error: {message}", sys.stderr)


def _usage_error(parser: argparse.ArgumentParser, message: str) -> NoReturn:
    parser.error(display_line(message))  # prints usage, exits 2


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# -- loading -----------------------------------------------------------------


def _resolve_story_path(file: str | None) -> str | None:
    if file is not None:
        return file
    from tui.story.locate import default_story_path

    found = default_story_path()
    if found is None:
        _error("no FILE given, ./story.yaml does not exist and no story is bundled")
        return None
    return str(found)


def _no_story_problem(file: str) -> Problem:
    from tui.story.errors import Problem

    return Problem(file=file, line=0, column=0, path="", message="the story could not be loaded")


# From this size a story takes about 0.3 s or more to load (measured: 1.6 MB
# in 0.1 s, 16 MB in 1.0-1.5 s, on a 2-core machine; see BENCHMARKS.md), so
# the browser says what it is doing rather than leave the terminal blank.
PROGRESS_BYTES = 2_000_000


def _size_label(size: int) -> str:
    return f"{size / 1_000_000:.0f} MB" if size >= 10_000_000 else f"{size / 1_000_000:.1f} MB"


def loading_message(file: str, stream: TextIO) -> bool:
    """Write ``Loading story.yaml (16 MB)...`` (no newline) on *stream* if it
    is a terminal and *file* is big enough to take a while; True if written
    (then :func:`clear_loading_message` erases it)."""
    isatty = getattr(stream, "isatty", None)
    if isatty is None or not isatty():
        return False
    try:
        size = os.stat(file).st_size
    except OSError:
        return False  # the loader reports it
    if size < PROGRESS_BYTES:
        return False
    stream.write(f"Loading {display_line(Path(file).name)} ({_size_label(size)})...")
    stream.flush()
    return True


def clear_loading_message(stream: TextIO) -> None:
    """Erase the line :func:`loading_message` wrote (carriage return, then
    erase to the end of the line), so errors or the UI start on a clean line."""
    stream.write("\r\x1b[K")
    stream.flush()


def _load(
    file: str, before_problems: Callable[[TextIO], None] | None = None
) -> tuple[Story, list[Problem]] | None:
    """Load *file*; on failure print every problem to stderr and return None
    (after calling *before_problems* with stderr: the progress line is
    erased before the first problem is printed)."""
    from tui.story.load import check_story

    story, problems = check_story(file)
    if story is None or any(p.severity == "error" for p in problems):
        if before_problems is not None:
            before_problems(sys.stderr)
        for problem in problems:
            _say(problem.format(), sys.stderr)
        if not any(p.severity == "error" for p in problems):
            _say(_no_story_problem(file).format(), sys.stderr)
        return None
    return story, problems


# -- commands ----------------------------------------------------------------


def _cmd_browse(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.file in SUBCOMMANDS:
        _usage_error(
            parser,
            f"{args.file!r} is a subcommand and must come first; "
            f"to open a file named {args.file}, write ./{args.file}",
        )
    file = _resolve_story_path(args.file)
    if file is None:
        return EXIT_INVALID
    baseline = None
    if args.watch:
        from tui.watch import signature

        # Taken before the load: a save while it loads is then reloaded.
        baseline = signature(file)
    shown = [loading_message(file, sys.stderr)]

    def clear(stream: TextIO) -> None:
        if shown[0]:
            clear_loading_message(stream)
            shown[0] = False

    gc.disable()  # the loader allocates millions of objects, none of them garbage
    try:
        loaded = _load(file, before_problems=clear)
    finally:
        gc.enable()
        clear(sys.stderr)
    if loaded is None:
        return EXIT_INVALID
    story, _warnings = loaded
    # The story is read-only from here on: take its (many) objects out of
    # the cyclic garbage collector's scans, which otherwise walk them again
    # and again while the UI is built (0.1-0.2 s at 10,000 incidents).  They
    # are still freed by reference counting when a reload replaces them.
    gc.freeze()

    theme: str | None = args.theme
    origin = "--theme"
    if not theme:
        theme = os.environ.get("TEXTUAL_THEME") or None
        origin = "TEXTUAL_THEME"

    # Only now does textual get imported.
    from textual.app import InvalidThemeError

    from tui.app import create_app

    path = Path(file)
    try:
        app = create_app(story, path=path, theme=theme, watch=args.watch, watch_baseline=baseline)
    except InvalidThemeError:
        app = None
    if app is None or (theme is not None and theme not in app.available_themes):
        # A probe with a theme every Textual has, to list the valid names.
        names = sorted((app or create_app(story, path=path, theme=_BUILTIN_THEME)).available_themes)
        _usage_error(
            parser, f"unknown theme {theme!r} (from {origin}); valid themes: {', '.join(names)}"
        )
    # Textual draws through the original streams: on a non-UTF-8 terminal,
    # give them one-cell ASCII stand-ins so the layout keeps its columns.
    from tui.story import asciifallback

    asciifallback.install((sys.__stdout__, sys.__stderr__), keep_width=True)
    app.run(mouse=not args.no_mouse)
    return app.return_code or EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from tui.story.load import check_story

    results: list[tuple[str, list[Problem]]] = []
    for file in args.files:
        story, problems = check_story(file)
        if story is None and not any(p.severity == "error" for p in problems):
            # The loader promises an error whenever there is no story; never
            # let a file pass silently should that promise be broken.
            problems = [*problems, _no_story_problem(file)]
        results.append((file, problems))

    failed = sum(1 for _, probs in results if any(p.severity == "error" for p in probs))

    if args.format == "json":
        from tui.story.export import dumps

        data = [
            {
                "file": file,
                "ok": not any(p.severity == "error" for p in probs),
                "problems": [
                    {
                        "line": p.line,
                        "column": p.column,
                        "path": p.path,
                        "message": p.message,
                        "severity": p.severity,
                    }
                    for p in probs
                ],
            }
            for file, probs in results
        ]
        _write_utf8(dumps(data) + "\n")
        return EXIT_INVALID if failed else EXIT_OK

    total_errors = total_warnings = 0
    for file, probs in results:
        for p in probs:
            _say(p.format())
        errors = sum(1 for p in probs if p.severity == "error")
        warnings = len(probs) - errors
        total_errors += errors
        total_warnings += warnings
        if errors:
            counts = _plural(errors, "error")
            if warnings:
                counts += ", " + _plural(warnings, "warning")
            _say(f"{file}: invalid: {counts}")
        else:
            _say(f"{file}: ok" + (f", {_plural(warnings, 'warning')}" if warnings else ""))
    if len(results) > 1:
        _say(
            f"{_plural(len(results), 'file')} checked: {failed} invalid, "
            f"{_plural(total_errors, 'error')}, {_plural(total_warnings, 'warning')}"
        )
    return EXIT_INVALID if failed else EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    file = _resolve_story_path(args.file)
    if file is None:
        return EXIT_INVALID
    loaded = _load(file)
    if loaded is None:
        return EXIT_INVALID
    story, warnings = loaded
    for problem in warnings:
        _say(problem.format(), sys.stderr)

    from tui.story.export import to_json

    _write_utf8(to_json(story) + "\n")
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from tui.story.locate import schema_path

    path = schema_path()
    if not path.is_file():
        _error(f"the story JSON Schema is missing from this installation: {path}")
        return EXIT_INVALID
    if args.print_content:
        _write_utf8(path.read_text(encoding="utf-8"))
    else:
        _say(str(path))
    return EXIT_OK


def _names_a_file(arg: str) -> bool:
    """For ``show`` with one argument: is it FILE rather than an ID?"""
    if os.path.lexists(arg):
        return True
    seps = [sep for sep in (os.sep, os.altsep) if sep]
    return any(sep in arg for sep in seps) or arg.lower().endswith((".yaml", ".yml"))


def _output_width(explicit: int | None, is_tty: bool) -> int:
    from tui.story.render import DEFAULT_WIDTH, MIN_WIDTH

    if explicit is not None:
        return explicit
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return max(MIN_WIDTH, int(columns))
    if is_tty:
        try:
            size = os.get_terminal_size(sys.stdout.fileno()).columns
        except (OSError, ValueError):
            size = 0
        if size > 0:
            return max(MIN_WIDTH, size)
    return DEFAULT_WIDTH


def _cmd_show(args: argparse.Namespace) -> int:
    file: str | None = args.file
    record_id: str | None = args.record_id
    guessed = False
    if file is not None and record_id is None and not _names_a_file(file):
        file, record_id, guessed = None, file, True
    path = _resolve_story_path(file)
    if path is None:
        return EXIT_INVALID
    loaded = _load(path)
    if loaded is None:
        return EXIT_INVALID
    story, warnings = loaded
    for problem in warnings:
        _say(problem.format(), sys.stderr)

    from tui.story import render, views

    if record_id is not None and story.get(record_id) is None:
        message = f"{path}: no record has the id {record_id!r}"
        if guessed:
            message += f", and there is no file named {record_id!r}"
        close = views.suggest_ids(story, record_id)
        if close:
            message += f" (did you mean {' or '.join(repr(c) for c in close)}?)"
        _error(message)
        return EXIT_INVALID

    if args.format == "json":
        data = views.record_json(story, record_id)
        assert data is not None  # the id was checked above
        _write_utf8(data + "\n")
        return EXIT_OK

    view = views.build_view(story, record_id)
    assert view is not None  # the id was checked above
    glyphs = render.glyphs_for(getattr(sys.stdout, "encoding", None))
    if args.format == "markdown":
        sys.stdout.write(render.render_markdown(view, glyphs))
        return EXIT_OK
    is_tty = sys.stdout.isatty()
    styled = is_tty and os.environ.get("TERM") != "dumb"
    options = render.TextOptions(
        width=_output_width(args.width, is_tty),
        fit=is_tty or args.width is not None,
        sgr=styled,
        colour=styled and not os.environ.get("NO_COLOR"),
        glyphs=glyphs,
    )
    sys.stdout.write(render.render_text(view, options))
    return EXIT_OK


def _cmd_new(args: argparse.Namespace) -> int:
    from tui.story.starter import starter_text, write_new

    file: str = args.file
    try:
        write_new(file, starter_text(), force=args.force)
    except FileExistsError:
        _error(f"{file} already exists; not overwriting it (use --force to replace it)")
        return EXIT_INVALID
    except OSError as exc:
        _error(f"cannot write {file}: {exc.strerror or exc}")
        return EXIT_INVALID
    _say(f"wrote {file}: a starter story to edit; then run: {PROG} check {file}")
    return EXIT_OK


def _run(argv: list[str]) -> int:
    if argv and argv[0] in SUBCOMMANDS:
        command, rest = argv[0], argv[1:]
        if command == "check":
            return _cmd_check(_check_parser().parse_args(rest))
        if command == "export":
            return _cmd_export(_export_parser().parse_args(rest))
        if command == "show":
            return _cmd_show(_show_parser().parse_args(rest))
        if command == "new":
            return _cmd_new(_new_parser().parse_args(rest))
        if command == "serve":
            # Its own parser; asyncssh is imported only in there.
            from tui.serve import main as serve_main

            return serve_main(rest)
        return _cmd_schema(_schema_parser().parse_args(rest))
    parser = _main_parser()
    return _cmd_browse(parser, parser.parse_args(argv))


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so that the final flush
    at interpreter exit cannot fail (and print a traceback) again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        # No usable file descriptor behind sys.stdout (a test's StringIO, say):
        # there is nothing left to flush at exit either.
        return


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (see the module's EXIT_*)."""
    args = list(sys.argv[1:] if argv is None else argv)
    _tolerate_unencodable_output()
    try:
        try:
            code = _run(args)
        except SystemExit as exc:  # argparse: --help, --version, usage errors
            code = exc.code if isinstance(exc.code, int) else EXIT_OK if exc.code is None else 1
        sys.stdout.flush()
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    return code
