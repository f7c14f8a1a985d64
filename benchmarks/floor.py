"""The floor: the barest Textual app that shows a story's timeline.

    python -m benchmarks.floor STORY.yaml

One ``OptionList`` of the timeline rows (date and title), read from the same
story file with PyYAML's CSafeLoader and nothing else: no validation, no
detail view, no styling.  storybrowse is measured against it; a figure
"1.10x" means 1.10 times what this app does on the same machine in the same
run.

The rows are the ones storybrowse's timeline lists: incidents and context
events ordered as :meth:`tui.story.model.Story.timeline` orders them (date
sort key, context before incidents on the same date, then file order).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from tui.story.dates import DateError, parse_date
from tui.story.sanitize import display_line


def timeline_entries(data: Any) -> list[Mapping[str, Any]]:
    """The story's incidents and context events in timeline order.

    *data* is the story as plain Python data (``yaml.load`` output).  Dates
    that do not parse sort last; this is a benchmark helper, not a loader.
    """
    if not isinstance(data, Mapping):
        return []
    entries: list[tuple[tuple[int, ...], Mapping[str, Any]]] = []
    for group, rank in (("incidents", 1), ("context", 0)):
        records = data.get(group) or []
        if not isinstance(records, list):
            continue
        for pos, rec in enumerate(records):
            if not isinstance(rec, Mapping):
                continue
            try:
                key: tuple[int, ...] = parse_date(str(rec.get("date"))).sort_key()
            except DateError:
                key = (2, 0, 0, 0)
            # Story.timeline() keeps file order among incidents, then
            # context: incidents come first in its input list.
            order = pos if rank == 1 else 1_000_000_000 + pos
            entries.append(((*key, rank, order), rec))
    entries.sort(key=lambda e: e[0])
    return [rec for _, rec in entries]


def date_label(rec: Mapping[str, Any]) -> str:
    text = str(rec.get("date"))
    try:
        return parse_date(text).display()
    except DateError:
        return text


def row_text(rec: Mapping[str, Any]) -> str:
    return display_line(f"{date_label(rec)}  {rec.get('title')}")


def timeline_rows(data: Any) -> list[str]:
    return [row_text(rec) for rec in timeline_entries(data)]


def load_rows(path: str | Path) -> list[str]:
    with open(path, "rb") as fh:
        data = yaml.load(fh, Loader=yaml.CSafeLoader)
    return timeline_rows(data)


def make_app(rows: Iterable[str]) -> Any:
    """The floor app (Textual is imported here, not at module import)."""
    from textual.app import App, ComposeResult
    from textual.widgets import OptionList

    class FloorApp(App[None]):
        def compose(self) -> ComposeResult:
            yield OptionList(*rows, markup=False)

    return FloorApp()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m benchmarks.floor STORY.yaml", file=sys.stderr)
        return 2
    try:
        rows = load_rows(args[0])
    except (OSError, yaml.YAMLError) as exc:
        print(f"{args[0]}: {exc}", file=sys.stderr)
        return 1
    make_app(rows).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
