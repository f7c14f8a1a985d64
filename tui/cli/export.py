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

    from tui.story.dates import EdtfDate
    from tui.story.model import Story

FORMATS = ("json", "csv", "timelinejs", "timelinejs-csv", "jsonld")
TABLES = ("statements", "incidents", "actors", "quotes", "sources", "context")
SAFE_FORMATS = ("csv", "timelinejs-csv")

FORMAT_HELP = (
    "json (the default): storybrowse's own JSON, every reference resolved; "
    "csv: one table (--table) as RFC 4180 CSV; "
    "timelinejs: Knight Lab's TimelineJS3 JSON; "
    "timelinejs-csv: the columns of TimelineJS's Google Sheets template; "
    "jsonld: schema.org Claim objects (JSON-LD), one per claim and per response"
)


def columns_help() -> str:
    """Each CSV table's columns, from the same definitions the writers use
    (:data:`tui.present.export_csv.TABLES`, ``SHEET_COLUMNS``)."""
    import textwrap

    from tui.present.export_csv import AS_OF_COLUMN
    from tui.present.export_csv import TABLES as CSV_TABLES
    from tui.present.export_timelinejs import SHEET_COLUMNS

    lines = [
        "columns of --format csv, by --table (with --as-of, a last column",
        f"{AS_OF_COLUMN!r} holds the date):",
    ]
    for name in TABLES:
        text = f"{name}: " + ", ".join(CSV_TABLES[name][0])
        lines += textwrap.wrap(text, 76, initial_indent="  ", subsequent_indent="    ")
    text = "timelinejs-csv: " + ", ".join(SHEET_COLUMNS)
    lines += textwrap.wrap(text, 76, initial_indent="  ", subsequent_indent="    ")
    lines += [
        "statement_key: the statement's id, else INCIDENT/claim/N or",
        "INCIDENT/response/N (its place in the file, also with --as-of); the",
        "JSON-LD node of the same statement is _:<statement_key>.",
    ]
    return "\n".join(lines)


EXIT_NO_EVENTS_HELP = (
    "With --format timelinejs or timelinejs-csv, exit status 1 also when no entry\n"
    "has a known year (TimelineJS3 refuses a timeline without events); nothing\n"
    "is written to stdout then."
)


def export_parser() -> Parser:
    p = Parser(
        prog=f"{PROG} export",
        description=(
            "Write the validated story to stdout: as JSON with every reference\n"
            "resolved (the default), as CSV, for TimelineJS, or as schema.org\n"
            "JSON-LD.  Story text is written exactly as the file has it (a cell\n"
            "starting with = is not changed unless you give --spreadsheet-safe)."
        ),
        epilog=f"{columns_help()}\n\n{EXIT_NO_EVENTS_HELP}\n\n{EXIT_HELP}",
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
        "per claim and per response; context: the context events)",
    )
    p.add_argument(
        "--spreadsheet-safe",
        action="store_true",
        help="with --format csv or timelinejs-csv: put a ' before every cell that "
        "starts with =, +, -, @, a tab or a carriage return, so that a spreadsheet "
        "shows it as text instead of running it as a formula (this changes the "
        "story's text; without it, cells are written exactly)",
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


def _no_events(file: str, as_of: EdtfDate | None, skipped: int) -> int:
    """Say why there is no timeline; the exit status."""
    from tui.present.describe import plural

    whys = []
    if as_of is not None:
        whys.append(f"as of {as_of.display()}")
    if skipped:
        whys.append(f"{plural(skipped, 'entry', 'entries')} left out, the year not known")
    why = "; ".join(whys) or "it has no incident or context event"
    say(
        f"{file}: no timeline written: TimelineJS needs at least one event with a "
        f"known year, and there is none ({why})",
        sys.stderr,
    )
    return EXIT_INVALID


def cmd_export(args: argparse.Namespace) -> int:
    if args.table is not None and args.format != "csv":
        usage_error(export_parser(), "--table goes with --format csv")
    if args.spreadsheet_safe and args.format not in SAFE_FORMATS:
        usage_error(export_parser(), "--spreadsheet-safe goes with --format csv or timelinejs-csv")
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
    if args.format == "csv":
        from tui.present.export_csv import write_csv

        table = args.table or "statements"
        out = _Utf8Stdout()
        write_csv(story, out, table, _clean(), cutoff=args.as_of, safe=args.spreadsheet_safe)
        return EXIT_OK
    if args.format == "jsonld":
        from tui.present.export_jsonld import iter_jsonld, odd_urls

        for source in odd_urls(story):
            say(
                f"{file}: {source.id}: url is not http(s), written as identifier, not url",
                sys.stderr,
            )
        write_utf8_pieces(iter_jsonld(story, args.as_of))
        write_utf8("\n")
        return EXIT_OK
    return _timeline(args, file, story)


def _timeline(args: argparse.Namespace, file: str, story: Story) -> int:
    """``--format timelinejs`` or ``timelinejs-csv``."""
    from tui.present.export_timelinejs import Skipped, events, iter_timelinejs, write_sheet_csv

    if args.as_of is not None:
        from tui.story.positions import as_of

        story = as_of(story, args.as_of)
    left_out: list[Skipped] = []
    # Whether there is any event at all, before anything is written.
    has_events = next(events(story, left_out), None) is not None
    for skipped in left_out if not has_events else ():
        say(f"{file}: {skipped.message()}", sys.stderr)
    if not has_events:
        return _no_events(file, args.as_of, len(left_out))
    left_out = []
    if args.format == "timelinejs-csv":
        left_out = write_sheet_csv(story, _Utf8Stdout(), _clean(), safe=args.spreadsheet_safe)
    else:
        # Streamed, as the JSON export is: memory stays within its bound.
        write_utf8_pieces(iter_timelinejs(story, left_out))
        write_utf8("\n")
    for skipped in left_out:
        say(f"{file}: {skipped.message()}", sys.stderr)
    return EXIT_OK
