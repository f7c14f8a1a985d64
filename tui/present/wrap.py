"""Wrapping styled text (spans of text, style, link) to a width in cells,
for the layout (:mod:`tui.present.layout`).  Never imports textual."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui.story.cells import cell_width, wrap

NO_LINK = -1

# (text, style, link): link is an index into Laid.links, or NO_LINK.
Span = tuple[str, str, int]
StyledLine = list[Span]


# A displayed date ("9 Jun 2040", "Jun 2040") is not broken across lines,
# nor parted from the WITHDRAWN it dates:
# its spaces are wrapped as a no-break character of the same width (_KEEP
# never reaches the output: each line is rebuilt from the original text).
_DATE = re.compile(
    r"(?:\bWITHDRAWN )?\b(?:\d{1,2} )?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b"
)
_KEEP = "\u00a0"


def _kept(found: str, room: int) -> str:
    """*found* (a date, maybe after WITHDRAWN) with its spaces kept from
    breaking, as far as it fits on a line of *room* cells: a unit wider
    than the line would be cut mid-word instead."""
    if len(found) <= room:
        return found.replace(" ", _KEEP)
    word, _, date = found.partition("WITHDRAWN ")
    date = date or word
    head = found[: len(found) - len(date)]
    return head + (date.replace(" ", _KEEP) if len(date) <= room else date)


def wrap_spans(
    spans: Sequence[Span], width: int, first: str = "", rest: str = ""
) -> list[StyledLine]:
    """Wrap styled text to *width* cells; each character keeps its style and
    link.  *first* and *rest* start the first and the other lines."""
    text = "".join(t for t, _, _ in spans)
    if "\n" not in text and cell_width(first) + cell_width(text) <= width:
        # Fits on one line (most list rows): what wrap() would give, faster.
        return [[(first, "", NO_LINK), *spans]]
    attrs = [(s, k) for t, s, k in spans for _ in t]
    out: list[StyledLine] = []
    pos = 0
    room = width - max(cell_width(first), cell_width(rest))
    original, text = text, _DATE.sub(lambda m: _kept(m.group(), room), text)
    for n, line in enumerate(wrap(text, width, first=first, rest=rest)):
        prefix = first if n == 0 else rest
        body = line[len(prefix) :]
        # wrap() drops only spaces (at breaks) and newlines (kept as lines).
        while body and pos < len(text) and text[pos] in " \n" and text[pos] != body[0]:
            pos += 1
        styled: StyledLine = [(prefix, "", NO_LINK)]
        if text[pos : pos + len(body)] == body:
            for i in range(len(body)):
                ch = original[pos + i]  # a date's kept space is a space again
                style, link = attrs[pos + i]
                last = styled[-1]
                if last[1] == style and last[2] == link:
                    styled[-1] = (last[0] + ch, style, link)
                else:
                    styled.append((ch, style, link))
            pos += len(body)
        else:  # not expected; never lose text over a style
            styled.append((body, spans[0][1] if spans else "", NO_LINK))
        if not body and pos < len(text) and text[pos] == "\n":
            pos += 1
        out.append(styled)
    return out
