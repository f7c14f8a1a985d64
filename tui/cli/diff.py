"""``storybrowse diff``: what changed between two versions of a story, in
the story's own terms (records, stances, statements, word diffs), not
YAML lines."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from tui.cli.common import PROG, Parser, error, usage_error, write_utf8, write_utf8_pieces

if TYPE_CHECKING:
    from tui.story.model import Story

# diff's own exit statuses, as diff(1) and `git diff --exit-code` have them.
EXIT_SAME = 0
EXIT_CHANGED = 1
EXIT_TROUBLE = 2

DIFF_DESCRIPTION = """\
Say what changed between two versions of a story, in the story's terms:
records (incidents, context events, actors, quotes, sources) added,
removed or changed field by field; each actor's position on an incident
(Government of Samplavia on port-strike: DENIED → CONFIRMED); claims and
responses added, removed, changed or withdrawn; text edits word by word,
[-taken out-]{+put in+}; the story's metadata.  The order of records in
the file, comments, quoting and layout are not changes.

  storybrowse diff OLD NEW          two story files
  storybrowse diff FILE --rev REV   FILE as it was at git revision REV
                                    (HEAD, a branch, a tag, HEAD~3...)
                                    compared with FILE as it is now

Both versions are checked first, as `storybrowse check` checks them; the
problems of an invalid one are printed as check prints them.  On a
terminal the text is coloured (NO_COLOR turns colour off, TERM=dumb all
styling) and wrapped to its width; into a pipe or a file it is plain,
without escape codes, one line per change or field.
"""

DIFF_EXIT_HELP = """\
exit status:
  0 no change to the story, 1 the story changed, 2 trouble (an invalid or
  unreadable story, a bad revision, a usage error), 130 interrupted,
  141 output pipe closed early
"""


def diff_parser() -> Parser:
    p = Parser(prog=f"{PROG} diff", description=DIFF_DESCRIPTION, epilog=DIFF_EXIT_HELP)
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="OLD and NEW; or, with --rev, the one FILE",
    )
    p.add_argument(
        "--rev",
        metavar="REV",
        help="compare FILE as it was at git revision REV (read with git show) with FILE now",
    )
    p.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="text (default); markdown; json (the shape: README.md, 'storybrowse diff')",
    )
    return p


def _load(data: bytes | None, file: str) -> Story | None:
    """Check a version as ``check`` does (a file when *data* is None);
    print its problems as ``check`` prints them, on stderr, when invalid."""
    from tui.cli.check import report_problems
    from tui.cli.common import no_story_problem
    from tui.story.load import check_story, check_story_text

    story, problems = check_story(file) if data is None else check_story_text(data, file)
    if story is not None:
        return story
    if not any(p.is_error for p in problems):
        problems = [*problems, no_story_problem(file)]
    report_problems(file, problems, sys.stderr)
    return None


def _versions(parser: Parser, args: argparse.Namespace) -> tuple[str, Story, str, Story] | None:
    """(old name, old story, new name, new story), or None after saying why not."""
    files: list[str] = args.files
    if args.rev is not None:
        if len(files) != 1:
            usage_error(parser, "with --rev, give one FILE (its version at REV is the old one)")
        from tui.cli.gitrev import RevisionError, read_at_revision

        try:
            data, old_name = read_at_revision(files[0], args.rev)
        except RevisionError as exc:
            error(str(exc))
            return None
        old, new_name = _load(data, old_name), files[0]
    else:
        if len(files) != 2:
            usage_error(parser, "give two story files, OLD and NEW (or one FILE and --rev REV)")
        old_name, new_name = files
        old = _load(None, old_name)
    new = _load(None, new_name)
    if old is None or new is None:
        return None
    return old_name, old, new_name, new


def cmd_diff(parser: Parser, args: argparse.Namespace) -> int:
    loaded = _versions(parser, args)
    if loaded is None:
        return EXIT_TROUBLE
    old_name, old, new_name, new = loaded

    from tui.story.compare import compare

    changes = compare(old, new)
    status = EXIT_CHANGED if changes else EXIT_SAME
    if args.format == "json":
        from tui.present.diff_json import iter_diff_json

        write_utf8_pieces(iter_diff_json(old, new, changes, old_name, new_name))
        write_utf8("\n")
        return status

    from tui.present.diff_view import build_report

    report = build_report(old, new, changes, old_name, new_name)
    if args.format == "markdown":
        from tui.present.diff_markdown import render_diff_markdown

        sys.stdout.write(render_diff_markdown(report))
        return status
    from tui.present.diff_text import render_diff_text

    is_tty = sys.stdout.isatty()
    styled = is_tty and os.environ.get("TERM") != "dumb"
    colour = styled and not os.environ.get("NO_COLOR")
    width = _terminal_width() if is_tty else None
    sys.stdout.write(render_diff_text(report, sgr=styled, colour=colour, width=width))
    return status


# Lines are wrapped to the terminal, from 20 to 1000 cells (as `show`).
WIDTH_MIN, WIDTH_MAX = 20, 1000


def _terminal_width() -> int:
    """$COLUMNS if it is a number, else the terminal's width, else 80;
    brought within :data:`WIDTH_MIN` to :data:`WIDTH_MAX`."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isascii() and columns.isdigit() and int(columns[:7]) > 0:
        size = int(columns[:7])
    else:
        try:
            size = os.get_terminal_size(sys.stdout.fileno()).columns
        except (OSError, ValueError):
            size = 80
    return max(WIDTH_MIN, min(WIDTH_MAX, size or 80))
