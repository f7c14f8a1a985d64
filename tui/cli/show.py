"""``storybrowse show``: a record, or the timeline, as text, Markdown or
JSON on stdout."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from tui.cli.common import (
    EXIT_HELP,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    PROG,
    Parser,
    error,
    load_for_output,
    resolve_story_path,
    write_utf8,
    write_utf8_pieces,
)

if TYPE_CHECKING:
    from tui.story.model import Story

SHOW_DESCRIPTION = """\
Print a view of the story, for pipes and for terminals that cannot run the
browser:
  no ID               the story's overview (headline, counts, outlet, byline,
                      date, URL, summary, sources), then the timeline, one
                      line per entry (date, id, responses, title)
  an incident's id    its claim and every response side by side, fitted to
                      the width, then the quotes about it
  any other id        that actor, quote, context event or source in detail

FILE and ID are both optional.  With one argument: if it names an existing
file (or ends in .yaml or .yml, or holds a /), it is FILE; otherwise it is an
ID in the default story (./story.yaml, else the bundled story).  To show an
id from a file that shares its name, give both: show story.yaml ID.

The width is --width, else $COLUMNS, else the terminal's, else 80; it is
20 to 1000 columns (--width outside that is a usage error; $COLUMNS or a
terminal outside it is brought to the nearest bound).  On a
terminal, headings are bold and stances coloured (NO_COLOR turns colour off,
TERM=dumb all styling) and timeline lines are fitted to the width as the
browser's list fits them (the title keeps at least 30 columns where the
width allows; the summary is shortened first, and only text that was cut
ends in an ellipsis); into a pipe or a file the output is plain text without
any escape code, and timeline lines are whole unless --width is given.
"""


# The widths `show` lays text out in.  Below 20 columns nothing fits; above
# 1000 a line is no longer something a person reads, and the layout's memory
# grows with the width (an unbounded --width reached 19 GB).
WIDTH_MIN = 20
WIDTH_MAX = 1000


def _width(text: str) -> int:
    """``--width N``: a whole number from :data:`WIDTH_MIN` to
    :data:`WIDTH_MAX`; anything else is a usage error (exit status 2)."""
    value = int(text) if text.isascii() and text.isdigit() and len(text) <= 6 else -1
    if not WIDTH_MIN <= value <= WIDTH_MAX:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a whole number from {WIDTH_MIN} to {WIDTH_MAX}"
        )
    return value


def _clamp_width(value: int) -> int:
    return max(WIDTH_MIN, min(WIDTH_MAX, value))


def show_parser() -> Parser:
    p = Parser(prog=f"{PROG} show", description=SHOW_DESCRIPTION, epilog=EXIT_HELP)
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
        help=f"lay text out in N columns, {WIDTH_MIN} to {WIDTH_MAX} "
        "(default: $COLUMNS, the terminal's width, or 80)",
    )
    p.add_argument(
        "--matrix",
        action="store_true",
        help="the positions matrix instead of a record: one row per incident, one "
        "column per actor that made or answered a claim, each cell its latest stance "
        "(text fitted to the width, or --format markdown); with --as-of, on that date",
    )
    from tui.cli.asof import add_as_of

    add_as_of(p)
    return p


def _names_a_file(arg: str) -> bool:
    """For ``show`` with one argument: is it FILE rather than an ID?"""
    if os.path.lexists(arg):
        return True
    seps = [sep for sep in (os.sep, os.altsep) if sep]
    return any(sep in arg for sep in seps) or arg.lower().endswith((".yaml", ".yml"))


def _output_width(explicit: int | None, is_tty: bool) -> int:
    from tui.present.layout import DEFAULT_WIDTH

    if explicit is not None:
        return explicit
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isascii() and columns.isdigit() and int(columns[:7]) > 0:
        # Seven digits are more than enough to know it is over the maximum.
        return _clamp_width(int(columns[:7]))
    if is_tty:
        try:
            size = os.get_terminal_size(sys.stdout.fileno()).columns
        except (OSError, ValueError):
            size = 0
        if size > 0:
            return _clamp_width(size)
    return DEFAULT_WIDTH


def cmd_show(args: argparse.Namespace) -> int:
    file: str | None = args.file
    record_id: str | None = args.record_id
    guessed = False
    if file is not None and record_id is None and not _names_a_file(file):
        file, record_id, guessed = None, file, True
    path = resolve_story_path(file)
    if path is None:
        return EXIT_INVALID
    story = load_for_output(path)
    if story is None:
        return EXIT_INVALID
    if args.matrix:
        return _show_matrix(args, story, record_id)
    if args.as_of is not None:
        from tui.story.positions import as_of

        whole, story = story, as_of(story, args.as_of)
        if record_id is not None and story.get(record_id) is None and whole.get(record_id):
            error(
                f"{path}: {record_id!r} is not in the story as of {args.as_of.display()} "
                "(--as-of): it is dated after that, or nothing had been claimed about it"
            )
            return EXIT_INVALID

    from tui.present import markdown, text, view
    from tui.present.glyphs import glyphs_for

    if record_id is not None and story.get(record_id) is None:
        message = f"{path}: no record has the id {record_id!r}"
        if guessed:
            message += f", and there is no file named {record_id!r}"
        close = view.suggest_ids(story, record_id)
        if close:
            message += f" (did you mean {' or '.join(repr(c) for c in close)}?)"
        error(message)
        return EXIT_INVALID

    if args.format == "json" and record_id is None:
        from tui.story.export import iter_json

        # the whole export, streamed (as_of: the story is already as of it)
        write_utf8_pieces(iter_json(story, as_of=args.as_of))
        write_utf8("\n")
        return EXIT_OK
    if args.format == "json":
        data = view.record_json(story, record_id)
        assert data is not None  # the id was checked above
        write_utf8(data + "\n")
        return EXIT_OK

    nodes = view.build_view(story, record_id, args.as_of)
    assert nodes is not None  # the id was checked above
    glyphs = glyphs_for(getattr(sys.stdout, "encoding", None))
    if args.format == "markdown":
        sys.stdout.write(markdown.render_markdown(nodes, glyphs))
        return EXIT_OK
    is_tty = sys.stdout.isatty()
    styled = is_tty and os.environ.get("TERM") != "dumb"
    options = text.TextOptions(
        width=_output_width(args.width, is_tty),
        fit=is_tty or args.width is not None,
        sgr=styled,
        colour=styled and not os.environ.get("NO_COLOR"),
        glyphs=glyphs,
    )
    sys.stdout.write(text.render_text(nodes, options))
    return EXIT_OK


def _show_matrix(args: argparse.Namespace, story: Story, record_id: str | None) -> int:
    """``show --matrix``: the positions matrix of *story* (as of
    ``--as-of``) as text fitted to the width, or as Markdown."""
    from tui.present import text
    from tui.present.glyphs import glyphs_for
    from tui.present.matrix import fit_matrix, positions_matrix
    from tui.present.matrix_text import matrix_lines, matrix_markdown

    if record_id is not None:
        error(f"--matrix shows every incident: give no ID (not {record_id!r})")
        return EXIT_USAGE
    if args.format == "json":
        error("--matrix is printed as text or --format markdown, not json")
        return EXIT_USAGE
    matrix = positions_matrix(story, args.as_of)
    if args.format == "markdown":
        sys.stdout.write(matrix_markdown(matrix, story.meta.headline))
        return EXIT_OK
    is_tty = sys.stdout.isatty()
    styled = is_tty and os.environ.get("TERM") != "dumb"
    glyphs = glyphs_for(getattr(sys.stdout, "encoding", None))
    options = text.TextOptions(
        sgr=styled, colour=styled and not os.environ.get("NO_COLOR"), glyphs=glyphs
    )
    fitted = fit_matrix(matrix, _output_width(args.width, is_tty))
    lines = matrix_lines(fitted, story.meta.headline, glyphs)
    sys.stdout.write(text.render_lines(lines, options))
    return EXIT_OK
