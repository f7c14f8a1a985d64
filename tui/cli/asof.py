"""``--as-of DATE``, shared by the browser, ``show`` and ``export``: the
story as it stood on DATE (see :func:`tui.story.positions.as_of`)."""

from __future__ import annotations

import argparse

from tui.story.dates import DateError, EdtfDate, parse_date

AS_OF_HELP = (
    "the story as it stood on DATE (EDTF: 2020-01-10, 2020-01, 2020): claims, "
    "responses, quotes and events dated after it are left out; undated ones stay"
)


def as_of_date(text: str) -> EdtfDate:
    """argparse type: an EDTF date whose year is known.

    Raises :class:`argparse.ArgumentTypeError` naming the problem."""
    try:
        date = parse_date(text)
    except DateError as exc:
        # The parse error names the value already; argparse adds the option.
        message = str(exc)
        if text not in message:
            message = f"{text!r}: {message}"
        raise argparse.ArgumentTypeError(message) from None
    if date.earliest() is None:
        raise argparse.ArgumentTypeError(f"{text!r}: the year must be given")
    return date


def add_as_of(parser: argparse.ArgumentParser) -> None:
    """Add ``--as-of DATE`` (dest ``as_of``, an :class:`EdtfDate` or None)."""
    parser.add_argument("--as-of", type=as_of_date, metavar="DATE", help=AS_OF_HELP)
