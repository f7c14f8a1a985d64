"""What every ``storybrowse`` command shares: the exit statuses, the
argument parser class, safe output, and loading a story with its problems
printed."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from tui.story.sanitize import display_line
from tui.story.sizes import size_label

if TYPE_CHECKING:
    from tui.story.errors import Problem
    from tui.story.model import Story

PROG = "storybrowse"

EXIT_OK = 0
EXIT_INVALID = 1  # a story is invalid or unreadable
EXIT_USAGE = 2  # bad command line (argparse uses 2 as well)
EXIT_INTERRUPTED = 130  # ctrl+c: 128 + SIGINT
EXIT_BROKEN_PIPE = 141  # the reader went away: 128 + SIGPIPE, as if killed by it

SUBCOMMANDS = ("check", "export", "schema", "show", "new", "diff", "serve")

EXIT_HELP = """\
exit status:
  0 ok (warnings allowed), 1 story invalid or unreadable, 2 usage error,
  130 interrupted, 141 output pipe closed early
"""


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help keeps our line breaks, and whose usage
    errors never echo a control character from the command line raw."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(**kwargs)

    def error(self, message: str) -> NoReturn:
        super().error(display_line(message))


# -- output helpers ----------------------------------------------------------


def say(text: str, stream: TextIO | None = None) -> None:
    """Write one line of possibly story-derived text, made safe for a terminal."""
    print(display_line(text), file=stream if stream is not None else sys.stdout)


def write_utf8(text: str) -> None:
    """Write JSON to stdout as UTF-8 (RFC 8259), whatever the locale says."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a replaced stdout (tests): it takes text
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))


def write_utf8_pieces(pieces: Iterable[str]) -> None:
    """:func:`write_utf8` for text that comes in pieces (a streamed export):
    each is written as it comes, so the whole text is never held at once."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a replaced stdout (tests): it takes text
        for piece in pieces:
            sys.stdout.write(piece)
        return
    sys.stdout.flush()
    for piece in pieces:
        buffer.write(piece.encode("utf-8"))


def error(message: str) -> None:
    say(f"{PROG}: error: {message}", sys.stderr)


def usage_error(parser: argparse.ArgumentParser, message: str) -> NoReturn:
    parser.error(display_line(message))  # prints usage, exits 2


# -- loading -----------------------------------------------------------------


def resolve_story_path(file: str | None) -> str | None:
    if file is not None:
        return file
    from tui.story.locate import default_story_path

    found = default_story_path()
    if found is None:
        error("no FILE given, ./story.yaml does not exist and no story is bundled")
        return None
    return str(found)


def no_story_problem(file: str) -> Problem:
    from tui.story.errors import Problem

    return Problem(file=file, line=0, column=0, path="", message="the story could not be loaded")


# From this size a story takes about 0.3 s or more to load (measured: 1.6 MB
# in 0.1 s, 16 MB in 1.0-1.5 s, on a 2-core machine; see BENCHMARKS.md), so
# the browser says what it is doing rather than leave the terminal blank.
PROGRESS_BYTES = 2 * 1024 * 1024


def loading_message(file: str, stream: TextIO) -> bool:
    """Write ``Loading story.yaml (15.3 MiB)...`` (no newline) on *stream* if it
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
    stream.write(f"Loading {display_line(Path(file).name)} ({size_label(size)})...")
    stream.flush()
    return True


def clear_loading_message(stream: TextIO) -> None:
    """Erase the line :func:`loading_message` wrote (carriage return, then
    erase to the end of the line), so errors or the UI start on a clean line."""
    stream.write("\r\x1b[K")
    stream.flush()


def load(
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
            say(problem.format(), sys.stderr)
        if not any(p.severity == "error" for p in problems):
            say(no_story_problem(file).format(), sys.stderr)
        return None
    return story, problems


def load_for_output(file: str) -> Story | None:
    """For the commands that print a story (``export``, ``show``): load
    *file*, print its warnings to stderr (stdout carries the output), and
    return the story; None after printing the problems of a story that
    cannot be loaded."""
    loaded = load(file)
    if loaded is None:
        return None
    story, warnings = loaded
    for problem in warnings:
        say(problem.format(), sys.stderr)
    return story
