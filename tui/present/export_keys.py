"""Stable keys for the statements of a story, shared by the exports.

A statement's key is its own ``id`` when the story gives it one, else its
place in the story file: ``<incident id>/claim/<n>`` or ``<incident
id>/response/<n>``, *n* counting from 1 among the incident's claims (or
responses) in file order.  A ``/`` cannot occur in a story id, so a
positional key never equals an id.  The place is always the one in the
whole file, so an export ``--as-of`` a date gives each statement the key
it has in the full export (the CSV's ``statement_key``, the JSON-LD node
``_:<key>``).  Never imports textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from tui.story.model import Claim, Incident, Response, Story

S = TypeVar("S", Claim, Response)


def positional_key(incident_id: str, role: str, n: int) -> str:
    """``depot/response/3``: *role* is ``claim`` or ``response``, *n* 1-based."""
    return f"{incident_id}/{role}/{n}"


def _same(shown: S, whole: S) -> bool:
    """*shown* is *whole*, or *whole* with a later withdrawal undone (what
    :func:`tui.story.positions.as_of` does to a statement)."""
    return shown is whole or shown == whole or replace(whole, withdrawn=None) == shown


def _places(shown: Sequence[S], whole: Sequence[S]) -> list[int]:
    """The 1-based place in *whole* of each of *shown*, an order-kept
    subsequence of it (statements as of a date).  ValueError if one is not
    there."""
    out: list[int] = []
    j = 0
    for st in shown:
        while j < len(whole) and not _same(st, whole[j]):
            j += 1
        if j == len(whole):
            raise ValueError(f"statement not in the whole incident: {st!r}")
        out.append(j + 1)
        j += 1
    return out


class StatementKeys:
    """The keys of the statements of *whole* (the story as loaded), looked
    up for its incidents or for the same incidents as of a date."""

    def __init__(self, whole: Story) -> None:
        self._whole = {inc.id: inc for inc in whole.incidents}

    def of(self, inc: Incident) -> dict[int, str]:
        """``id(statement) -> key`` for each claim, response and not yet
        made claim (``later_claims``) of *inc*, which is an incident of the
        whole story or of a story as of a date made from it."""
        whole = self._whole.get(inc.id, inc)
        out: dict[int, str] = {}
        for role, shown, full in (
            ("claim", inc.claims, whole.claims),
            ("claim", inc.later_claims, whole.claims),
        ):
            for st, n in zip(shown, _places(shown, full), strict=True):
                out[id(st)] = st.id or positional_key(inc.id, role, n)
        for r, n in zip(inc.responses, _places(inc.responses, whole.responses), strict=True):
            out[id(r)] = r.id or positional_key(inc.id, "response", n)
        return out
