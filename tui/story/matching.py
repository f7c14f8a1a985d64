"""Matching text the way a reader means it, in every script.  Pure.

Search (``/``), the command palette and the did-you-mean helper
(:mod:`tui.story.suggest`, for ``show`` and the loader) all match through
this module, so that a query finds the same things everywhere and
highlights land on the right characters.

Folding (:func:`fold`) makes text comparable:

* Unicode case folding (:meth:`str.casefold`, not :meth:`str.lower`):
  ``STRASSE`` finds ``Straße``, ``ΟΔΥΣΣΕΥΣ`` finds ``Οδυσσεύς`` (final
  sigma), ``İLKAY`` finds ``İlkay``;
* with ``loose`` (the default): compatibility decomposition (NFKD, the
  decomposition half of NFKC: ligatures, full-width and Arabic presentation
  forms become the letters they show), and what a reader does not see as a
  letter of its own is ignored: combining marks (accents, the dot of ``İ``,
  Arabic and Hebrew vowel marks), format characters (zero width joiners,
  bidi marks, soft hyphens) and the Arabic tatweel.  Dotless ``ı`` counts
  as ``i``, and the Arabic letters yeh, alef maksura and kaf as the Persian
  yeh and keheh Dari and Pashto use, so ``Dushanbe`` finds ``Dushanbé``,
  ``ilkay`` finds ``İlkay`` and ``Ilgaz`` finds ``Ilgaz``/``ılgaz``, and a
  Dari name typed on an Arabic keyboard finds the story's spelling.
* runs of whitespace count as one space; leading and trailing space is
  dropped.

The folded text is a different length from the original (``ß`` folds to
``ss``, ``é`` to ``e`` plus a dropped mark), so every function that reports
positions builds an index map while folding, character by character, and
gives offsets into the ORIGINAL text.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

_EXTRA = {
    0x0131: "i",  # LATIN SMALL LETTER DOTLESS I
    0x0640: "",  # ARABIC TATWEEL
    0x064A: "\u06cc",  # ARABIC LETTER YEH -> FARSI YEH
    0x0649: "\u06cc",  # ARABIC LETTER ALEF MAKSURA -> FARSI YEH
    0x0643: "\u06a9",  # ARABIC LETTER KAF -> KEHEH
}
_DROPPED = frozenset(("Mn", "Me", "Cf"))


class _LooseTable(dict[int, str]):
    """``str.translate`` table, filled as characters are met: combining
    marks and format characters dropped, :data:`_EXTRA` mapped, everything
    else kept (a table of all of Unicode would take a second to build)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        out = "" if unicodedata.category(ch) in _DROPPED else ch
        self[code] = out
        return out


_LOOSE = _LooseTable(_EXTRA)


def _fold_piece(text: str, loose: bool) -> str:
    """Fold without touching whitespace."""
    if text.isascii():
        return text.lower()
    if not loose:
        return text.casefold()
    out = unicodedata.normalize("NFKD", text).casefold()
    return unicodedata.normalize("NFKD", out).translate(_LOOSE)


def fold(text: str, *, loose: bool = True) -> str:
    """*text* folded for comparison (see the module doc); no positions."""
    return " ".join(_fold_piece(text, loose).split())


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text with, for each of its characters, the offset in the
    original text of the character it came from (``origin[i]``)."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span ``[start, end)`` that folded ``[start, end)``
        (non-empty) came from."""
        return self.origin[start], self.origin[end - 1] + 1


def fold_mapped(text: str, *, loose: bool = True) -> Folded:
    """Like :func:`fold`, keeping where each folded character came from.

    ``fold_mapped(t).text == fold(t)`` for every text (a test checks it on
    every script the module doc names)."""
    if text.isascii():
        low = text.lower()
        if " ".join(low.split()) == low:  # no runs, no leading or trailing space
            return Folded(low, tuple(range(len(low))))
    chars: list[str] = []
    origin: list[int] = []
    space = True  # drop leading whitespace
    for i, ch in enumerate(text):
        piece = _fold_piece(ch, loose)
        for c in piece:
            if c.isspace():
                if not space:
                    chars.append(" ")
                    origin.append(i)
                    space = True
            else:
                chars.append(c)
                origin.append(i)
                space = False
    if chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return Folded("".join(chars), tuple(origin))


def contains(text: str, query: str, *, loose: bool = True) -> bool:
    """Does *text* contain *query*, folded?  An empty query matches nothing."""
    needle = fold(query, loose=loose)
    return bool(needle) and needle in fold(text, loose=loose)


def find_all(text: str, query: str, *, loose: bool = True) -> list[tuple[int, int]]:
    """Every non-overlapping occurrence of *query* in *text*, folded, as
    ``(start, end)`` offsets into the ORIGINAL *text*, left to right."""
    needle = fold(query, loose=loose)
    if not needle:
        return []
    folded = fold_mapped(text, loose=loose)
    out: list[tuple[int, int]] = []
    at = folded.text.find(needle)
    kept: set[int] | None = None
    while at >= 0:
        start, end = folded.span(at, at + len(needle))
        # Take the marks that folded to nothing after the last character.
        kept = set(folded.origin) if kept is None else kept
        while end < len(text) and end not in kept and not text[end].isspace():
            end += 1
        out.append((start, end))
        at = folded.text.find(needle, at + len(needle))
    return out


_WORD = re.compile(r"\w+")


def _word_starts(text: str) -> frozenset[int]:
    return frozenset(m.start() for m in _WORD.finditer(text))


def _score(starts: frozenset[int], positions: Sequence[int]) -> float:
    """Textual's fuzzy score: one point per matched character, one more per
    word start (*starts*), times ``1 + g*g`` where g is 1 for one run of characters
    and smaller for more runs."""
    count = len(positions)
    score = float(count + len(starts.intersection(positions)))
    groups = 1 + sum(1 for a, b in itertools.pairwise(positions) if b != a + 1)
    normalized = (count - (groups - 1)) / count
    return score * (1 + normalized * normalized)


def fuzzy(query: str, text: str) -> tuple[float, tuple[int, ...]]:
    """Fuzzy match for the command palette: ``(score, offsets)``.

    Folds both (loose); if the folded *query* occurs in the folded *text*,
    the first occurrence scores best (x2 for the whole text, x1.5
    otherwise); else its characters must occur in order (a subsequence:
    the best-scoring of the greedy matches starting at each place the
    first character occurs).  ``offsets`` are the offsets in the ORIGINAL
    *text* of every character that matched, ascending, without repeats
    (``ß`` matched by ``ss`` is one offset).  ``(0.0, ())``: no match.
    """
    needle = fold(query)
    if not needle:
        return 0.0, ()
    # Match on the folded text (fast: no index map); map the positions back
    # only for a match (most candidates of a palette search are not one).
    hay = fold(text)
    at = hay.find(needle)
    if at < 0 and not _in_order(needle, hay):
        return 0.0, ()
    starts = _word_starts(hay)
    if at >= 0:
        positions: Sequence[int] = range(at, at + len(needle))
        factor = 2.0 if at == 0 and len(needle) == len(hay) else 1.5
        return _score(starts, positions) * factor, _original(text, fold_mapped(text), positions)
    best: tuple[float, Sequence[int]] = (0.0, ())
    start = hay.find(needle[0])
    while start >= 0:
        positions = [start]
        i = start
        for c in needle[1:]:
            i = hay.find(c, i + 1)
            if i < 0:
                break
            positions.append(i)
        if i < 0:
            break  # later starts cannot match either
        score = _score(starts, positions)
        if score > best[0]:
            best = (score, positions)
        start = hay.find(needle[0], start + 1)
    if not best[0]:
        return 0.0, ()
    return best[0], _original(text, fold_mapped(text), best[1])


def _in_order(needle: str, hay: str) -> bool:
    """Do the characters of *needle* occur in *hay* in order?"""
    i = -1
    for c in needle:
        i = hay.find(c, i + 1)
        if i < 0:
            return False
    return True


def _original(text: str, folded: Folded, positions: Sequence[int]) -> tuple[int, ...]:
    """The original offsets of folded *positions*, with the marks that
    folded to nothing right after a matched character (``é`` written as
    ``e`` and a combining accent is highlighted whole)."""
    kept = set(folded.origin)
    out = set()
    for p in positions:
        q = folded.origin[p]
        out.add(q)
        q += 1
        while q < len(text) and q not in kept and not text[q].isspace():
            out.add(q)
            q += 1
    return tuple(sorted(out))
