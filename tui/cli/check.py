"""``storybrowse check`` and ``schema``: the commands that validate a story
or describe its format, without a UI.  ``export`` is in :mod:`tui.cli.export`
(named here too, where the command line looks for it)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from tui.cli.common import (
    EXIT_HELP,
    EXIT_INVALID,
    EXIT_OK,
    PROG,
    Parser,
    error,
    no_story_problem,
    say,
    write_utf8,
)
from tui.cli.export import cmd_export as cmd_export
from tui.cli.export import export_parser as export_parser
from tui.present.describe import plural

if TYPE_CHECKING:
    from tui.story.errors import Problem


def check_parser() -> Parser:
    p = Parser(
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


def schema_parser() -> Parser:
    p = Parser(
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


def report_problems(file: str, problems: list[Problem], stream: TextIO | None = None) -> None:
    """Print *file*'s problems as ``check`` does, one per line, then
    ``FILE: ok`` or ``FILE: invalid: 2 errors, 1 warning``, on *stream*
    (stdout by default)."""
    for p in problems:
        say(p.format(), stream)
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if errors:
        counts = plural(errors, "error")
        if warnings:
            counts += ", " + plural(warnings, "warning")
        say(f"{file}: invalid: {counts}", stream)
    else:
        say(f"{file}: ok" + (f", {plural(warnings, 'warning')}" if warnings else ""), stream)


def cmd_check(args: argparse.Namespace) -> int:
    from tui.story.load import check_story

    results: list[tuple[str, list[Problem]]] = []
    for file in args.files:
        story, problems = check_story(file)
        if story is None and not any(p.severity == "error" for p in problems):
            # The loader promises an error whenever there is no story; never
            # let a file pass silently should that promise be broken.
            problems = [*problems, no_story_problem(file)]
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
        write_utf8(dumps(data) + "\n")
        return EXIT_INVALID if failed else EXIT_OK

    total_errors = total_warnings = 0
    for file, probs in results:
        report_problems(file, probs)
        errors = sum(1 for p in probs if p.severity == "error")
        total_errors += errors
        total_warnings += len(probs) - errors
    if len(results) > 1:
        say(
            f"{plural(len(results), 'file')} checked: {failed} invalid, "
            f"{plural(total_errors, 'error')}, {plural(total_warnings, 'warning')}"
        )
    return EXIT_INVALID if failed else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from tui.story.locate import schema_path

    path = schema_path()
    if not path.is_file():
        error(f"the story JSON Schema is missing from this installation: {path}")
        return EXIT_INVALID
    if args.print_content:
        write_utf8(path.read_text(encoding="utf-8"))
    else:
        say(str(path))
    return EXIT_OK
