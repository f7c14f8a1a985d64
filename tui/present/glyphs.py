"""The non-ASCII characters the renderings use (bars, rules, quote marks),
with ASCII stand-ins for an output encoding that cannot show them.  Never
imports textual."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Glyphs:
    """The non-ASCII characters the renderings use, with ASCII stand-ins for
    an output encoding that cannot show them."""

    dash: str  # between "CLAIM" and the claimant
    bar: str  # between columns
    rule: str  # under column headings
    cross: str  # where a rule meets a bar
    dot: str  # between facts on one line
    open_quote: str
    close_quote: str
    ellipsis: str
    long_dash: str  # before an attribution


UNICODE = Glyphs(" — ", " │ ", "─", "─┼─", " · ", "“", "”", "…", "—")
ASCII = Glyphs(" - ", " | ", "-", "-+-", " / ", '"', '"', "...", "--")


def glyphs_for(encoding: str | None) -> Glyphs:
    """:data:`UNICODE` if *encoding* can encode all of it, else :data:`ASCII`."""
    sample = "".join(
        (
            UNICODE.dash,
            UNICODE.bar,
            UNICODE.rule,
            UNICODE.cross,
            UNICODE.dot,
            UNICODE.open_quote,
            UNICODE.close_quote,
            UNICODE.ellipsis,
            UNICODE.long_dash,
        )
    )
    try:
        sample.encode(encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return ASCII
    return UNICODE
