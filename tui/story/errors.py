"""The loader's error types: one :class:`Problem` per thing wrong with a file.

A problem points at a place in the file (1-based line and column, the way
editors and compilers count) and at a path inside the story such as
``incidents[1].responses[0].stance``.  :meth:`Problem.format` renders it in
the compiler style that editors can jump to::

    story.yaml:42:7: incidents[1].responses[0].stance: 'deny' is not one of: ...
    story.yaml:12:9: warning: actors[0].name: contains control character ...

A problem about the whole file (it is missing, unreadable, too large) has
``line == 0`` and ``column == 0`` and formats as ``story.yaml: message``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int  # 1-based; 0 when the problem is about the whole file
    column: int  # 1-based; 0 when the problem is about the whole file
    path: str  # e.g. "incidents[1].responses[0].stance"; "" for the whole file
    message: str  # one line; story text in it is quoted with repr()
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format(self) -> str:
        """``file:line:column: [warning: ][path: ]message``."""
        where = self.file
        if self.line > 0:
            where += f":{self.line}"
            if self.column > 0:
                where += f":{self.column}"
        out = f"{where}: "
        if self.severity == "warning":
            out += "warning: "
        if self.path:
            out += f"{self.path}: "
        return out + self.message


class StoryError(Exception):
    """A story file could not be loaded.

    The only exception the ``load_*`` functions raise.  ``problems`` holds
    every error found (and the warnings too), in file order.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(p.format() for p in self.problems))

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    def __str__(self) -> str:
        return "\n".join(p.format() for p in self.problems)

    def __reduce__(self) -> tuple[type[StoryError], tuple[tuple[Problem, ...]]]:
        return (StoryError, (self.problems,))
