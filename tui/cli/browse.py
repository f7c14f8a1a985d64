"""``storybrowse [FILE]``: load the story, then open the browser.

Only the browser imports textual, and only once the story has loaded: a story
that fails to load is reported (one line per problem, on stderr, exit status
1) before any UI starts.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path
from typing import TextIO

from tui import __version__
from tui.cli.common import (
    EXIT_INVALID,
    EXIT_USAGE,
    PROG,
    SUBCOMMANDS,
    Parser,
    clear_loading_message,
    load,
    loading_message,
    resolve_story_path,
    usage_error,
)

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
  storybrowse diff OLD NEW      what changed between two versions of a story
                                (or: diff FILE --rev REV, against git)
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
  1 2 3 4              timeline / actors / quotes / sources
  0                    the story's overview (outlet, summary, sources)
  up down, j k         move
  g G, home end        first / last
  pgup pgdn            page
  enter                open; escape: back, or clear the filter
  /  n N               search all the story's text; next / previous match
  f                    in an actor's detail: filter to it and its members
  [  ]                 the story as of the previous / next date a statement
                       was made (escape: the whole story again)
  ?                    help with every key
  ctrl+p               command palette: jump to any incident, actor or quote
  x                    with --watch: dismiss the list of errors of a bad save
  q                    quit

environment:
  TEXTUAL_THEME        theme to use when --theme is not given

exit status:
  0 ok (warnings allowed), 1 story invalid or unreadable, 2 usage error or
  no terminal to draw on, 70 internal error (details written to a file),
  128+N ended by signal N (129 hangup, 130 interrupted, 143 terminated),
  141 output pipe closed early
"""


def main_parser() -> Parser:
    p = Parser(
        prog=PROG,
        usage=(
            f"{PROG} [-h] [--version] [--theme NAME] [--no-mouse] [--watch] [--as-of DATE] [FILE]\n"
            f"       {PROG} {{check,export,schema,show,new,diff,serve}} ..."
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
    from tui.cli.asof import add_as_of

    add_as_of(p)
    return p


def cmd_browse(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.file in SUBCOMMANDS:
        usage_error(
            parser,
            f"{args.file!r} is a subcommand and must come first; "
            f"to open a file named {args.file}, write ./{args.file}",
        )
    file = resolve_story_path(args.file)
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
        loaded = load(file, before_problems=clear)
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
    from tui.terminal.base import run_app

    path = Path(file)
    try:
        app = create_app(
            story,
            path=path,
            theme=theme,
            watch=args.watch,
            watch_baseline=baseline,
            as_of=args.as_of,
        )
    except InvalidThemeError:
        app = None
    if app is None or (theme is not None and theme not in app.available_themes):
        # A probe with a theme every Textual has, to list the valid names.
        names = sorted((app or create_app(story, path=path, theme=_BUILTIN_THEME)).available_themes)
        usage_error(
            parser, f"unknown theme {theme!r} (from {origin}); valid themes: {', '.join(names)}"
        )
    # The terminal, before any of it is touched: refuse at once, in one line,
    # when there is none or it cannot run a full-screen program.
    from tui.terminal import tty

    try:
        terminal = tty.find_terminal()
    except tty.NoTerminal as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    refusal = tty.refuse_term(os.environ, terminal.output_fd)
    if refusal is not None:
        terminal.close()
        print(f"{PROG}: {refusal}", file=sys.stderr)
        return EXIT_USAGE

    # Textual draws through the original streams: on a non-UTF-8 terminal,
    # give them one-cell ASCII stand-ins so the layout keeps its columns.
    from tui.story import asciifallback

    asciifallback.install((sys.__stdout__, sys.__stderr__, terminal.output), keep_width=True)
    return run_app(app, terminal, mouse=not args.no_mouse)
