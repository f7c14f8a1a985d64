"""Every occurrence of a query in a story, found the slow, obvious way
(field by field with ``find_all``), to check the browser's search against.

Not a test module: imported by the tests (``from occurrences import occurrences``).
"""

from __future__ import annotations

from tui.present.search import Match, all_fields
from tui.story.matching import find_all
from tui.story.model import Story


def occurrences(story: Story, query: str) -> list[Match]:
    """One Match per occurrence of *query*, in reading order."""
    return [
        Match(kind, record_id, name, text, query, n)
        for kind, record_id, name, text in all_fields(story)
        for n in range(len(find_all(text, query)))
    ]
