"""``storybrowse export``: the validated story on stdout, as storybrowse's
JSON, tidy CSV, TimelineJS3 JSON or its Google Sheets CSV, or schema.org
JSON-LD.  ``--as-of DATE`` applies to every format: the export is the
story as it stood on that date."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tui.cli.common import (
    EXIT_HELP,
    EXIT_INVALID,
    EXIT_OK,
    PROG,
    Parser,
    load_for_output,
    resolve_story_path,
    say,
    usage_error,
    write_utf8,
    write_utf8_pieces,
)

if TYPE_CHECKING:
    from collections.abc import Callable

FORMATS = ("json", "csv", "timelinejs", "timelinejs-csv", "jsonld")
TABLES = ("statements", "incidents", "actors", "quotes", "sources")

FORMAT_HELP = (
    "json (the default): storybrowse's own JSON, every reference resolved; "
    "csv: one table (--table) as RFC 4180 CSV; "
    "timelinejs: Knight Lab's TimelineJS3 JSON; "
    "timelinejs-csv: the columns of TimelineJS's Google Sheets template; "
    "jsonld: schema.org Claim objects (JSON-LD), one per claim and per response"
)


def export_parser() -> Parser:
    p = Parser(
        prog=f"{PROG} export",
        description=(
            "Write the validated story to stdout: as JSON with every reference\n"
            "resolved (the default), as CSV, for TimelineJS, or as schema.org\n"
            "JSON-LD.  See README.md, 'storybrowse export', for each shape."
        ),
        epilog=EXIT_HELP,
    )
    p.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="story file (default: ./story.yaml, else the bundled story)",
    )
    p.add_argument("--format", choices=FORMATS, default="json", help=FORMAT_HELP)
    p.add_argument(
        "--table",
        choices=TABLES,
        default=None,
        help="with --format csv: the table to write (default: statements, one row "
        "per claim and per response)",
    )
    from tui.cli.asof import add_as_of

    add_as_of(p)
    return p


class _Utf8Stdout:
    """A text sink that writes to stdout as UTF-8 whatever the locale, piece
    by piece (for :mod:`csv`, which ends records with CRLF itself)."""

    def __init__(self) -> None:
        self._buffer = getattr(sys.stdout, "buffer", None)
        if self._buffer is not None:
            sys.stdout.flush()

    def write(self, text: str) -> int:
        if self._buffer is None:  # a replaced stdout (tests): it takes text
            return sys.stdout.write(text)
        self._buffer.write(text.encode("utf-8"))
        return len(text)


def _clean() -> Callable[[str], str] | None:
    """The sanitiser when stdout is a terminal (CSV cannot escape a control
    character, so a terminal is shown its symbol); None for a file or pipe,
    which gets the story's text exactly."""
    if sys.stdout.isatty():
        from tui.story.sanitize import display_text

        return display_text
    return None


def cmd_export(args: argparse.Namespace) -> int:
    if args.table is not None and args.format != "csv":
        usage_error(export_parser(), "--table goes with --format csv")
    file = resolve_story_path(args.file)
    if file is None:
        return EXIT_INVALID
    story = load_for_output(file)
    if story is None:
        return EXIT_INVALID

    if args.format == "json":
        from tui.story.export import iter_json

        # Written record by record: the JSON of a 32 MiB story is never held
        # whole in memory (see BENCHMARKS.md, "Memory").
        write_utf8_pieces(iter_json(story, as_of=args.as_of))
        write_utf8("\n")
        return EXIT_OK

    if args.as_of is not None:
        from tui.story.positions import as_of

        story = as_of(story, args.as_of)
    if args.format == "csv":
        from tui.present.export_csv import write_csv

        write_csv(story, _Utf8Stdout(), args.table or "statements", _clean())
    elif args.format == "timelinejs-csv":
        from tui.present.export_timelinejs import write_sheet_csv

        for skipped in write_sheet_csv(story, _Utf8Stdout(), _clean()):
            say(f"{file}: {skipped.message()}", sys.stderr)
    elif args.format == "timelinejs":
        from tui.present.export_timelinejs import Skipped, iter_timelinejs

        left_out: list[Skipped] = []
        # Streamed, as the JSON export is: memory stays within its bound.
        write_utf8_pieces(iter_timelinejs(story, left_out))
        write_utf8("\n")
        for skipped in left_out:
            say(f"{file}: {skipped.message()}", sys.stderr)
    else:
        from tui.present.export_jsonld import iter_jsonld

        write_utf8_pieces(iter_jsonld(story))
        write_utf8("\n")
    return EXIT_OK
