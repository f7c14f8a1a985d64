"""``storybrowse new FILE``: write a commented starter story."""

from __future__ import annotations

import argparse

from tui.cli.common import EXIT_INVALID, EXIT_OK, PROG, Parser, error, say

NEW_DESCRIPTION = """\
Write a commented starter story to FILE: a small, valid, invented example of
every section, with a first line that points yaml-language-server at the JSON
Schema installed with storybrowse.  FILE is written atomically (a temporary
file renamed into place).  An existing FILE is never overwritten unless
--force is given.
"""


def new_parser() -> Parser:
    epilog = (
        "exit status:\n  0 written, 1 FILE exists (without --force) or cannot be written,\n"
        "  2 usage error"
    )
    p = Parser(prog=f"{PROG} new", description=NEW_DESCRIPTION, epilog=epilog)
    p.add_argument("file", metavar="FILE", help="the story file to create")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    return p


def cmd_new(args: argparse.Namespace) -> int:
    from tui.story.starter import starter_text, write_new

    file: str = args.file
    try:
        write_new(file, starter_text(), force=args.force)
    except FileExistsError:
        error(f"{file} already exists; not overwriting it (use --force to replace it)")
        return EXIT_INVALID
    except OSError as exc:
        error(f"cannot write {file}: {exc.strerror or exc}")
        return EXIT_INVALID
    say(f"wrote {file}: a starter story to edit; then run: {PROG} check {file}")
    return EXIT_OK
