"""The ``storybrowse`` command line.

``storybrowse [FILE]`` opens the browser; ``check``, ``export``, ``schema``,
``show``, ``new``, ``diff`` and ``serve`` are subcommands.  A subcommand is
recognised only as the first argument, so ``storybrowse check`` always means
the subcommand and a file that happens to be called ``check`` is opened with
``storybrowse ./check``.

Only the browser imports textual, and only once the story has loaded: the
other commands stay fast, and a story that fails to load is reported (one
line per problem, on stderr, exit status 1) before any UI starts.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from tui.cli.common import (
    EXIT_BROKEN_PIPE,
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    PROGRESS_BYTES,
    SUBCOMMANDS,
    clear_loading_message,
    loading_message,
)

__all__ = [
    "EXIT_BROKEN_PIPE",
    "EXIT_INTERRUPTED",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "PROGRESS_BYTES",
    "clear_loading_message",
    "loading_message",
    "main",
]


def _tolerate_unencodable_output() -> None:
    """On a terminal whose encoding cannot show some character (a latin-1
    locale, say), print a one-cell ASCII stand-in (``│`` -> ``|``) instead of
    failing, so the browser's layout and printed columns stay aligned."""
    from tui.story import asciifallback

    asciifallback.install((sys.stdout, sys.stderr))


def _run(argv: list[str]) -> int:
    if argv and argv[0] in SUBCOMMANDS:
        command, rest = argv[0], argv[1:]
        if command == "check":
            from tui.cli.check import check_parser, cmd_check

            return cmd_check(check_parser().parse_args(rest))
        if command == "export":
            from tui.cli.check import cmd_export, export_parser

            return cmd_export(export_parser().parse_args(rest))
        if command == "show":
            from tui.cli.show import cmd_show, show_parser

            return cmd_show(show_parser().parse_args(rest))
        if command == "new":
            from tui.cli.new import cmd_new, new_parser

            return cmd_new(new_parser().parse_args(rest))
        if command == "diff":
            from tui.cli.diff import cmd_diff, diff_parser

            parser = diff_parser()
            return cmd_diff(parser, parser.parse_args(rest))
        if command == "serve":
            # Its own parser; asyncssh is imported only in there.
            from tui.serve import main as serve_main

            return serve_main(rest)
        from tui.cli.check import cmd_schema, schema_parser

        return cmd_schema(schema_parser().parse_args(rest))
    from tui.cli.browse import cmd_browse, main_parser

    parser = main_parser()
    return cmd_browse(parser, parser.parse_args(argv))


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
    from tui.terminal.tty import fill_missing_std_streams

    fill_missing_std_streams()
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
    except Exception as exc:  # a bug: one line and a report file, never a traceback
        from tui.terminal.crash import report_exception

        return report_exception(exc)
    return code
