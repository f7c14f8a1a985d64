"""Ids and references between records (private to :mod:`tui.story.load`).

Each id is checked as it is read (spelling, YAML 1.1 words, uniqueness
across the story); references are collected as they are read and resolved
once every id is known, so a reference may point forward in the file.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .format import KIND_NAMES, RecordKind
from .load_events import _Events, _join, _Key, _mark
from .load_sink import _q, _Sink
from .suggest import did_you_mean
from .vocab import AMBIGUOUS_IDS, ID_PATTERN

_ID_RE = re.compile(ID_PATTERN)
_AMBIGUOUS_IDS = frozenset(AMBIGUOUS_IDS)
_MAX_ID_SUGGESTIONS = 20  # distinct unknown ids that get a "did you mean"


class _References(_Events):
    """The YAML event reader, plus ids and references."""

    def __init__(self, text: str, sink: _Sink, check_controls: bool) -> None:
        super().__init__(text, sink, check_controls)
        # id -> (kind, path of the record, line)
        self.ids: dict[str, tuple[RecordKind, str, int]] = {}
        # (line, column, path, key, id, allowed kinds), resolved at the end
        self.refs: list[tuple[int, int, str, _Key, str, tuple[RecordKind, ...]]] = []

    # -- ids and references ----------------------------------------------
    def ident(self, ev: Any, path: str, kind: RecordKind) -> str | None:
        value = self.text(ev, path, "id", True)
        if value is None:
            return None
        if _ID_RE.fullmatch(value) is None:
            self.error(
                ev,
                path,
                "id",
                f"{_q(value)} is not a valid id: an id starts with a letter and has only "
                "letters, digits, '_', '.' and '-'",
            )
            return None
        if value.lower() in _AMBIGUOUS_IDS:
            self.error(
                ev,
                path,
                "id",
                f"{_q(value)} cannot be an id: YAML 1.1 tools read it as a boolean or null",
            )
            return None
        first = self.ids.get(value)
        if first is not None:
            self.error(
                ev,
                path,
                "id",
                f"duplicate id {_q(value)} (already used by {first[1]} at line {first[2]}); "
                "ids are unique across the whole story",
            )
            return value
        self.ids[value] = (kind, path, _mark(ev)[0])
        return value

    def ref(
        self, ev: Any, path: str, key: _Key, kinds: tuple[RecordKind, ...], required: bool = False
    ) -> str | None:
        value = self.text(ev, path, key, required)
        if value is not None:
            line, column = _mark(ev)
            self.refs.append((line, column, path, key, value, kinds))
        return value

    def ref_list(
        self, ev: Any, path: str, key: str, kinds: tuple[RecordKind, ...]
    ) -> tuple[str, ...]:
        out = []
        for i, item in self.items(ev, path, key):
            value = self.ref(item, _join(path, key), i, kinds, True)
            if value is not None:
                out.append(value)
        return tuple(out)

    def name_records(self) -> None:
        """Name each record in the problems' paths by its id:
        ``incidents[1].responses[0].by`` becomes
        ``incidents[1] (lumen-rockets).responses[0].by``.  Run once, after
        the parse, and only when there are problems (so it costs nothing on
        a clean file); a record whose id is missing or invalid keeps the
        bare index."""
        sink = self.sink
        if not sink.problems:
            return
        names = {path: f"{path} ({rid})" for rid, (_k, path, _l) in self.ids.items()}
        for n, problem in enumerate(sink.problems):
            path = problem.path
            end = path.find("]") + 1
            if end:
                named = names.get(path[:end])
                if named is not None:
                    sink.problems[n] = replace(problem, path=named + path[end:])

    def resolve(self) -> None:
        ids = self.ids
        sink = self.sink
        # A suggestion scans every id of the wanted kinds: cache them, and
        # stop suggesting after a few distinct unknown ids so that a story
        # of 10,000 records with a renamed actor still loads at once.
        hints: dict[tuple[str, tuple[RecordKind, ...]], str] = {}
        for line, column, path, key, value, kinds in self.refs:
            found = ids.get(value)
            if found is None:
                hint = hints.get((value, kinds))
                if hint is None:
                    hint = ""
                    if len(hints) < _MAX_ID_SUGGESTIONS:
                        candidates = [i for i, (k, _p, _l) in ids.items() if k in kinds]
                        hint = did_you_mean(value, candidates)
                    hints[value, kinds] = hint
                sink.add(line, column, _join(path, key), f"no such id {_q(value)}{hint}")
            elif found[0] not in kinds:
                wanted = [KIND_NAMES[k] for k in kinds]
                listed = wanted[0]
                if len(wanted) > 1:
                    listed = ", ".join(wanted[:-1]) + " or " + wanted[-1]
                sink.add(
                    line,
                    column,
                    _join(path, key),
                    f"{_q(value)} is {KIND_NAMES[found[0]]} ({found[1]}), not {listed}",
                )
