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
from typing import TYPE_CHECKING, TextIO

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

if TYPE_CHECKING:
    from tui.app import StoryBrowser
    from tui.config import Config
    from tui.story.dates import EdtfDate
    from tui.story.model import Story

_BUILTIN_THEME = "textual-dark"

DESCRIPTION = """\
Browse a contested news story kept in a YAML file: a timeline of incidents,
the actors, the quotes, and each incident's claim beside every response.

commands:
  storybrowse [FILE [ID]]       open the browser on FILE (at the record ID)
  storybrowse check FILE...     validate story files, print every problem
  storybrowse export [FILE]     write the validated story to stdout: JSON,
                                CSV, TimelineJS (JSON or sheet CSV) or
                                schema.org JSON-LD (--format)
  storybrowse schema [--print]  path (or content) of the story JSON Schema
  storybrowse show [FILE] [ID]  print the overview and timeline, or any one
                                record by its id, as text, Markdown or JSON
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

# BrowseParser puts the keys (tui.cli.keys_text) before this.
EPILOG = """\
config file: $XDG_CONFIG_HOME/storybrowse/config.toml (default
~/.config/storybrowse/config.toml), or --config PATH:
  theme = "ansi-dark"                 a theme, as --theme
  [keymap]
  "list.down" = "down,j,ctrl+n"       binding id = the keys, comma-separated
  quit = "q,ctrl+q"
--theme and $TEXTUAL_THEME win over its theme.  Never read under serve.

environment:
  TEXTUAL_THEME        theme to use when --theme is not given

exit status:
  0 ok (warnings allowed), 1 story invalid or unreadable, 2 usage error or
  no terminal to draw on, 70 internal error (details written to a file),
  128+N ended by signal N (129 hangup, 130 interrupted, 143 terminated),
  141 output pipe closed early
"""


class BrowseParser(Parser):
    """The browser's parser: its help lists the keys, generated from the
    bindings into :mod:`tui.cli.keys_text` (so --help needs no textual)."""

    def format_help(self) -> str:
        from tui.cli.keys_text import KEYS_HELP

        saved = self.epilog
        self.epilog = KEYS_HELP + "\n" + (saved or "")
        try:
            return super().format_help()
        finally:
            self.epilog = saved


def main_parser() -> Parser:
    p = BrowseParser(
        prog=PROG,
        usage=(
            f"{PROG} [-h] [--version] [--theme NAME] [--config PATH] [--no-mouse] [--watch]\n"
            f"       {' ' * len(PROG)} [--as-of DATE] [FILE [ID]]\n"
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
        "record_id",
        nargs="?",
        metavar="ID",
        help="open the browser at this record (any id: incident, actor, quote, source, "
        "context event, claim or response), as `show FILE ID` prints it",
    )
    p.add_argument(
        "--config",
        metavar="PATH",
        help="settings file (theme, keymap); default: "
        "$XDG_CONFIG_HOME/storybrowse/config.toml if it exists",
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
    record_id: str | None = args.record_id
    if record_id is not None and (
        "/" in record_id or record_id.lower().endswith((".yaml", ".yml", ".json"))
    ):
        usage_error(
            parser,
            f"the browser opens one story file; {record_id!r} looks like a second one "
            "(after FILE comes the id of a record to open)",
        )
    file = resolve_story_path(args.file)
    if file is None:
        return EXIT_INVALID
    # tui.app.is_restricted's rule, without importing textual yet.
    from tui.terminal.crash import RESTRICTED_VARIABLE

    restricted = os.environ.get(RESTRICTED_VARIABLE, "") == "1"
    config = _read_config(parser, args.config, restricted=restricted)
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
        loaded = load(file, before_problems=clear, cached=True)
        # The story is read-only from here on: take its (many) objects out
        # of the cyclic garbage collector's scans before it runs again, or
        # it walks them all at once (40-60 ms at 10,000 incidents) and again
        # while the UI is built.  They are still freed by reference
        # counting when a reload replaces them.
        gc.freeze()
    finally:
        gc.enable()
        clear(sys.stderr)
    if loaded is None:
        return EXIT_INVALID
    story, _warnings = loaded
    if args.record_id is not None:
        _check_record_id(parser, file, story, args.record_id, args.as_of)

    theme: str | None = args.theme
    origin = "--theme"
    if not theme:
        theme = os.environ.get("TEXTUAL_THEME") or None
        origin = "TEXTUAL_THEME"
    if not theme and config.theme:
        theme, origin = config.theme, f"{config.path}:{config.lines.get('theme', 0)}"

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
            start_at=args.record_id,
        )
    except InvalidThemeError:
        app = None
    if app is None or (theme is not None and theme not in app.available_themes):
        # A probe with a theme every Textual has, to list the valid names.
        names = sorted((app or create_app(story, path=path, theme=_BUILTIN_THEME)).available_themes)
        usage_error(
            parser, f"unknown theme {theme!r} (from {origin}); valid themes: {', '.join(names)}"
        )
    _apply_keymap(parser, app, config)
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


def _read_config(parser: argparse.ArgumentParser, given: str | None, *, restricted: bool) -> Config:
    """The config file's settings: *given* (``--config``, which must exist),
    else the default file if there is one.  Never read in restricted mode
    (``storybrowse serve``: the server's user's settings are not the
    readers'); its problems are usage errors (exit 2), before any screen."""
    from tui.config import Config, ConfigError, default_config_path, read_config

    if restricted:
        return Config()
    try:
        if given is not None:
            return read_config(Path(given), required=True)
        return read_config(default_config_path(os.environ))
    except ConfigError as exc:
        usage_error(parser, f"config file: {exc}")


def _apply_keymap(parser: argparse.ArgumentParser, app: StoryBrowser, config: Config) -> None:
    """Check *config* against the browser's bindings and themes, then give
    its keymap to *app*; a problem is a usage error naming the file and line."""
    if config.path is None:
        return
    from tui.cli.keys import browser_bindings
    from tui.config import ConfigError, check_config

    try:
        check_config(config, binding_ids=browser_bindings(), themes=app.available_themes)
    except ConfigError as exc:
        usage_error(parser, f"config file: {exc}")
    if config.keymap:
        app.set_keymap(dict(config.keymap))


def _check_record_id(
    parser: argparse.ArgumentParser,
    file: str,
    story: Story,
    record_id: str,
    as_of: EdtfDate | None,
) -> None:
    """``storybrowse FILE ID``: a usage error (exit 2, before any screen)
    if no record has the id, with the closest ids; or, with ``--as-of``, if
    the record is not yet in the story on that date."""
    from tui.present.view import suggest_ids

    if story.kind_of(record_id) is None:
        close = suggest_ids(story, record_id)
        hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
        usage_error(
            parser,
            f"{file}: no record has the id {record_id!r}{hint}; "
            f"`storybrowse show {file}` lists the timeline's ids",
        )
    if as_of is not None:
        from tui.story.positions import as_of as story_as_of

        then = story_as_of(story, as_of)
        if then.kind_of(record_id) is None:
            usage_error(
                parser,
                f"{file}: {record_id!r} is not in the story as of {as_of.display()} (--as-of): "
                "it is dated after that, or nothing had been claimed about it",
            )
