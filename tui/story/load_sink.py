"""The loader's problem collector (private to :mod:`tui.story.load`).

A :class:`_Sink` gathers the problems of one story file, in the order they
are found, up to :data:`MAX_PROBLEMS`; :func:`_q` quotes story text for a
one-line message.
"""

from __future__ import annotations

from .errors import Problem, Severity

MAX_PROBLEMS = 1000  # after this many, stop collecting (a garbage file could yield millions)


class _TooMany(Exception):
    """Raised inside the loader when :data:`MAX_PROBLEMS` is reached."""


class _Sink:
    """Collects the problems of one file."""

    __slots__ = ("errors", "file", "overflow", "problems", "schema")

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.errors = 0
        self.overflow = False
        self.schema: set[int] = set()  # indices of problems with the story's content

    def add(
        self,
        line: int,
        column: int,
        path: str,
        message: str,
        severity: Severity = "error",
        schema: bool = False,
    ) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.overflow = True
            self.errors += 1
            raise _TooMany
        if schema:
            self.schema.add(len(self.problems))
        self.problems.append(Problem(self.file, line, column, path, message, severity))
        if severity == "error":
            self.errors += 1

    def drop_schema(self) -> None:
        """Keep only the problems with the file and its YAML.

        Used when the YAML parse stops half way: what was found in the
        content so far would only distract from the one thing to fix.
        """
        self.problems = [p for i, p in enumerate(self.problems) if i not in self.schema]
        self.schema.clear()
        self.errors = sum(1 for p in self.problems if p.severity == "error")

    def sorted(self) -> list[Problem]:
        """In file order; problems at one place keep the order they were found in."""
        out = sorted(self.problems, key=lambda p: (p.line, p.column))
        if self.overflow:
            out.append(
                Problem(
                    self.file,
                    0,
                    0,
                    "",
                    f"too many problems; stopped after the first {MAX_PROBLEMS}",
                )
            )
        return out


def _q(value: str, limit: int = 60) -> str:
    """Quote story text for a one-line message (repr escapes controls)."""
    if len(value) > limit:
        value = value[: limit - 3] + "..."
    return repr(value)
