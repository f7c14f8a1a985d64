"""``show``'s timeline (no ID) fitted to a width: the title keeps at least
TITLE_MIN cells (or all the date and id leave), the summary is what gets
shortened or, where the title would still be short, goes on a line of its own, an
ellipsis marks only text that was cut, and into a pipe each line is whole
(issue 17).  The rule is the browser list's (tui.present.rows)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import tui
from tui.present.describe import timeline_rows
from tui.present.rows import (
    TIMELINE_DATE,
    TIMELINE_SUMMARY,
    TIMELINE_TITLE,
    TITLE_MIN,
    fit_columns,
)
from tui.present.text import TextOptions, render_text
from tui.present.view import build_view
from tui.story.cells import cell_width
from tui.story.load import load_story
from tui.story.sanitize import display_line
from tui.widgets.timeline import TimelinePane

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "stories"
STORIES = [ROOT / "story.yaml", *sorted(FIXTURES.glob("*.yaml"))]
LONG = FIXTURES / "competing_claims.yaml"  # long summaries
SEP = " · "


def _loadable(path: Path) -> bool:
    try:
        load_story(path)
    except Exception:
        return False
    return True


GOOD = [p for p in STORIES if _loadable(p)]
# Stories with a timeline to lay out (the empty story has none).
WITH_ROWS = [p for p in GOOD if timeline_rows(load_story(p))]


def timeline_lines(path: Path, width: int) -> list[tuple[str, str | None]]:
    """Each timeline row's line and, where the row is stacked (the title
    would get under TITLE_MIN cells beside the summary), its summary line."""
    story = load_story(path)
    nodes = build_view(story, None)
    assert nodes is not None
    out = render_text(nodes, TextOptions(width=width, fit=True))
    rows = timeline_rows(story)
    lines = out.splitlines()
    date_w = min(max(cell_width(r.date) for r in rows), TIMELINE_DATE.cap)
    found = []
    for r in rows:
        i = next(i for i, ln in enumerate(lines) if f"  {r.record_id}  " in ln + "  ")
        after = lines[i + 1] if i + 1 < len(lines) else ""
        stacked = after.startswith(" " * (date_w + 2)) and bool(after.strip())
        found.append((lines[i], after.strip() if stacked else None))
    return found


def timeline(path: Path, width: int) -> list[str]:
    return [line for line, _ in timeline_lines(path, width)]


def _cells(line: str) -> list[str]:
    # date, id, summary, title: two spaces or more between them (story text
    # is one line; a title may hold single spaces only).

    return re.split(r" {2,}", line, maxsplit=3)


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("path", WITH_ROWS, ids=lambda p: p.stem)
def test_titles_kept_and_only_cut_text_marked(path: Path, width: int) -> None:
    story = load_story(path)
    rows = timeline_rows(story)
    assert rows
    found = timeline_lines(path, width)
    date_w = max(cell_width(r.date) for r in rows)
    id_w = max(cell_width(r.record_id) for r in rows)
    stacked = any(below is not None for _, below in found)
    # A cut title keeps TITLE_MIN cells, or all the date and the id leave
    # (less one: a space before the ellipsis is dropped).
    title_min = min(TITLE_MIN, width - date_w - id_w - 4) - 1
    for row, (line, below) in zip(rows, found, strict=True):
        assert cell_width(line) <= width
        assert below is None or cell_width(below) <= width
        assert line.startswith(row.date)  # the date and the id are never cut
        assert line[len(line) - len(line.lstrip()) :].find(row.record_id) >= 0
        rest = line[date_w + 2 + id_w + 2 :] if cell_width(line[: date_w + id_w + 4]) else ""
        if stacked:  # the summary on the line below, the title beside the id
            summary, title = (below or ""), rest.strip()
        else:
            summary, _, title = rest.partition("  ")
        title = title.lstrip()
        summary = summary.rstrip()
        full_summary = row.short_summary
        # The title is there, whole or cut with an ellipsis: never lost.
        assert title, line
        if title.endswith("…"):
            assert display_line(row.title).startswith(title[:-1].rstrip())
            assert cell_width(title) >= title_min, line
        else:
            assert title == display_line(row.title)
        # An ellipsis only on a summary that was cut.
        if summary.endswith("…"):
            assert summary[:-1].rstrip() != full_summary
            assert full_summary.startswith(summary[:-1].rstrip())
        else:
            assert summary == full_summary, line


def test_long_summaries_give_way_to_the_title() -> None:
    # The reported case: at 80 and 120 the titles were lost, and a summary
    # that was not cut ended in "…".
    for width in (80, 120):
        lines = timeline(LONG, width)
        assert "Explosions damage the Lumen p" in lines[0]
        assert "1 confirmed  " in lines[1] and "1 confirmed…" not in lines[1]
        assert "Gas keeps leaking" in lines[1]
    lines = timeline(LONG, 120)
    assert lines[0].endswith("Explosions damage the Lumen pipeline")


def test_story_titles_not_crushed_at_80() -> None:
    lines = timeline(ROOT / "story.yaml", 80)
    assert any(line.endswith("US–Taliban agreement") for line in lines)
    for line in lines:
        title = _cells(line)[-1]
        assert cell_width(title) >= 20 or not title.endswith("…"), line


def test_pipe_keeps_lines_whole() -> None:
    env = dict(os.environ)
    env.pop("COLUMNS", None)
    env["PYTHONPATH"] = str(Path(tui.__file__).resolve().parent.parent)
    env["PYTHONIOENCODING"] = "utf-8"
    out = subprocess.run(
        [sys.executable, "-m", "tui", "show", str(LONG)],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=True,
    ).stdout
    story = load_story(LONG)
    for row in timeline_rows(story):
        line = next(ln for ln in out.splitlines() if f" {row.record_id} " in ln)
        assert row.short_summary.replace(SEP, " · ") in line
        assert line.endswith(row.title)
        assert "…" not in line


def test_show_and_the_list_share_the_columns() -> None:
    # One rule: the browser's timeline list sizes its columns with the same
    # column definitions and fit_columns as show.
    assert TimelinePane.COLUMNS == (TIMELINE_DATE, TIMELINE_TITLE, TIMELINE_SUMMARY)
    # A long summary takes at most its share; the title the rest.
    widths = fit_columns([11, 0, 80], TimelinePane.COLUMNS, 78)
    assert widths[2] <= TIMELINE_SUMMARY.cap and widths[1] >= 30
