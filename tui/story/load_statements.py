"""Format 2's statements while loading (private to :mod:`tui.story.load`):
``withdrawn``, which claim each response answers, the response dated before
its claim, and the uses of newer fields in a file that declares an older
format version.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from yaml.events import ScalarEvent

from .dates import DateError, EdtfDate, parse_date
from .format import FORMAT_VERSION, FORMAT_VERSIONS
from .load_events import _join, _mark
from .load_refs import _References
from .load_sink import _q, _Sink
from .model import Incident, Response, Withdrawn
from .positions import date_key

_VERSIONS = tuple(str(v) for v in FORMAT_VERSIONS)
_NEWEST = str(FORMAT_VERSION)
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))
_MAX_NEWER = 200  # uses of newer fields remembered (each one is an error at most)


def _before(a: EdtfDate, b: EdtfDate) -> bool:
    """True if *a* is certainly before *b* (its last possible day is before
    *b*'s first); False when either year is unknown."""
    last, first = a.latest(), b.earliest()
    return last is not None and first is not None and last < first


class _Statements(_References):
    """The YAML event reader with ids and references, plus format 2's
    statement checks."""

    def __init__(self, text: str, sink: _Sink, check_controls: bool) -> None:
        super().__init__(text, sink, check_controls)
        # (line, column, path, key, what, since) of each use of a newer field
        self.newer_uses: list[tuple[int, int, str, str, str, int]] = []
        # The responses read (line, column, path, record) of the incident
        # being read, for the checks that need the incident's claims.
        self.responses_read: list[tuple[int, int, str, Response]] = []
        # responds_to values that name no claim of their own incident:
        # (line, column, path, value, that incident's claim ids)
        self.foreign_claims: list[tuple[int, int, str, str, tuple[str, ...]]] = []

    # -- format 2: statements ---------------------------------------------
    def withdrawn(self, ev: Any, p: str, key: str) -> Withdrawn:
        """``withdrawn``: an EDTF date, ``true`` (date not known) or ``false``."""
        raw = self.text(ev, p, key)
        if raw is None:
            return None
        plain = type(ev) is ScalarEvent and not ev.style
        if plain and raw in _TRUE:
            return True
        if plain and raw in _FALSE:
            return None
        parsed = self.dates.get(raw)
        if parsed is None:
            try:
                parsed = parse_date(raw)
            except DateError as exc:
                self.error(ev, p, key, f"{exc}; or true when the date is not known")
                return None
            self.dates[raw] = parsed
        return parsed

    def check_responses(
        self, incident: Incident, read: list[tuple[int, int, str, Response]]
    ) -> None:
        """Each response of *incident* names the claim it answers when there
        are several; a response dated before its claim is a warning."""
        claims = incident.claims
        ids = tuple(c.id for c in claims if c.id is not None)
        self._check_order(read)
        for line, column, path, response in read:
            target = response.responds_to
            if target is None and len(claims) > 1:
                if ids:
                    which = "say which it answers with responds_to: one of " + ", ".join(ids)
                else:
                    which = "give each claim an id and name one here with responds_to"
                self.sink.add(
                    line,
                    column,
                    path,
                    f"this incident has {len(claims)} claims; {which}",
                )
                continue
            if target is not None and target not in ids:
                self.foreign_claims.append((line, column, path, target, ids))
                continue
            claim = incident.claim_for(response)
            if response.date and claim.date and _before(response.date, claim.date):
                self.sink.add(
                    line,
                    column,
                    path,
                    f"this response ({response.date.display()}) is dated before the claim it "
                    f"answers ({claim.date.display()}); check the dates",
                    "warning",
                )

    def _check_order(self, read: list[tuple[int, int, str, Response]]) -> None:
        """Warn where one actor's two responses with different stances have
        dates that allow either order (``2020-05`` and ``2020-05-10``): the
        coarser date is put first (see :func:`positions.date_key`), which
        decides the actor's latest stance, but the file does not say so."""
        by_actor: dict[str, list[tuple[int, int, str, Response]]] = {}
        for item in read:
            if item[3].withdrawn is None and item[3].date is not None:
                by_actor.setdefault(item[3].by, []).append(item)
        for items in by_actor.values():
            items.sort(key=lambda item: date_key(item[3].date))
            for (_, _, earlier, a), (line, column, path, b) in pairwise(items):
                assert a.date is not None and b.date is not None
                if a.stance == b.stance or _before(a.date, b.date):
                    continue
                if a.date.earliest() == a.date.latest() == b.date.earliest() == b.date.latest():
                    continue  # the same day: the file's order is the order
                self.sink.add(
                    line,
                    column,
                    path,
                    f"this response ({b.date.display()}, {b.stance}) and "
                    f"{earlier.rsplit('.', 1)[-1]} ({a.date.display()}, {a.stance}) may have "
                    f"been made in either order; {b.stance} is taken as the later (a coarser "
                    "date sorts first); give both days to settle it",
                    "warning",
                )

    def resolve_claims(self) -> None:
        """Report each responds_to that names a claim of another incident
        (an unknown id was reported by :meth:`resolve`)."""
        for line, column, path, target, ids in self.foreign_claims:
            found = self.ids.get(target)
            if found is None or found[0] != "claim":
                continue
            own = f"one of {', '.join(ids)}" if ids else "this incident's claims have no ids"
            self.sink.add(
                line,
                column,
                _join(path, "responds_to"),
                f"{_q(target)} is a claim of another incident ({found[1]}); {own}",
            )

    def newer(self, ev: Any, p: str, key: str, what: str, since: int) -> None:
        """Note that *what* (a key, or a choice) of format *since* is used here."""
        if len(self.newer_uses) < _MAX_NEWER:
            line, column = _mark(ev)
            self.newer_uses.append((line, column, p, key, what, since))

    def check_version(self, raw: str | None) -> None:
        """Each use of a field or choice that the declared version lacks is
        an error (no ``storybrowse:`` key: the newest version)."""
        declared = int(raw) if raw in _VERSIONS else FORMAT_VERSION
        for line, column, path, key, what, since in self.newer_uses:
            if since > declared:
                self.sink.add(
                    line,
                    column,
                    _join(path, key),
                    f"{what} is new in format version {since}; this file says storybrowse: "
                    f"{raw} (change it to storybrowse: {_NEWEST})",
                )
