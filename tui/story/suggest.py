"""Did you mean...? The one helper that finds what a mistyped name was meant to be.

Used by the loader (unknown keys, values outside a vocabulary, unknown ids)
and by ``show`` (an unknown record id).  Never imports textual.
"""

from __future__ import annotations

from collections.abc import Sequence

from .matching import fold

# Below this many characters, "contains" matches too much to be a hint.
MIN_SUBSTRING = 3


def close_matches(wanted: str, choices: Sequence[str], n: int = 1) -> list[str]:
    """Up to *n* of *choices* that look like *wanted*, best first.

    In order of preference: those :func:`difflib.get_close_matches` finds
    (similarity ratio at least 0.6); else those equal to *wanted* folded as
    search folds (:func:`tui.story.matching.fold`: Unicode case folding,
    accents ignored, so ``İLKAY`` finds ``ilkay``); else, when *wanted* has
    at least :data:`MIN_SUBSTRING` characters, those that contain it folded,
    in the order of *choices*.  ``[]`` when nothing is close.
    """
    if not choices or not wanted:
        return []
    import difflib  # only when there is something to suggest

    close = difflib.get_close_matches(wanted, choices, n=n, cutoff=0.6)
    if close:
        return close
    folded = fold(wanted)
    if not folded:
        return []
    keys = [fold(c) for c in choices]
    same = [c for c, k in zip(choices, keys, strict=True) if k == folded]
    if same or len(wanted) < MIN_SUBSTRING:
        return same[:n]
    return [c for c, k in zip(choices, keys, strict=True) if folded in k][:n]


def did_you_mean(wanted: str, choices: Sequence[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of *choices*, or ``""``."""
    close = close_matches(wanted, choices)
    return f" (did you mean {close[0]!r}?)" if close else ""
