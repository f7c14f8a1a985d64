"""A withdrawn statement keeps its stance visible (issue 17: "Shown as
WITHDRAWN beside its stance, never hidden"): the column of an actor whose
only statement is withdrawn, the timeline summary, the strip and the actor
view, in ``show``'s text and Markdown (the browser's pane draws the same
lines: tests/ui/test_parity.py walks this fixture too)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.present.blocks import Columns
from tui.present.describe import response_summary
from tui.present.markdown import render_markdown
from tui.present.text import TextOptions, render_text
from tui.present.view import build_view
from tui.story.load import load_story
from tui.story.model import Incident, Story

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "tests" / "fixtures" / "stories" / "withdrawn_only.yaml"
MARK = "DISPUTED · WITHDRAWN 9 Jun 2040"


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(STORY)


def test_column_heading_keeps_the_withdrawn_stance(story: Story) -> None:
    nodes = build_view(story, "dam-breach")
    assert nodes is not None
    [cols] = [n for n in nodes if isinstance(n, Columns)]
    by_actor = {c.who_id: c for c in cols.columns}
    assert by_actor["ostravia"].kind == MARK
    assert by_actor["ostravia"].stance == "disputed"  # its colour, too
    assert by_actor["nordmark"].kind == "INVESTIGATING"


@pytest.mark.parametrize("width", [60, 80, 120])
def test_show_text_shows_the_stance_beside_withdrawn(story: Story, width: int) -> None:
    nodes = build_view(story, "dam-breach")
    assert nodes is not None
    out = render_text(nodes, TextOptions(width=width))
    # The heading may wrap (each column's cells read top to bottom); its
    # words stay in order, the date is never split, and no heading says
    # WITHDRAWN alone.
    text = out.splitlines()
    start = next(
        i
        for i, line in enumerate(text)
        if line.split("│")[-1].strip().startswith("DISPUTED")
        or ("DISPUTED" in line and "│" in line)
    )
    end = next(i for i in range(start, len(text)) if "─" in text[i])  # the rule under heads
    lines = [line.split("│") for line in text[start:end]]
    column = next(i for row in lines for i, c in enumerate(row) if "DISPUTED" in c)
    heading = [row[column].strip() for row in lines if len(row) > column]
    flat = " ".join(" ".join(heading).split())
    assert "DISPUTED · WITHDRAWN 9 Jun 2040" in flat
    assert any("9 Jun 2040" in cell for cell in heading)  # on one line
    assert not any(line.strip() == "WITHDRAWN" for line in out.splitlines())
    for line in out.splitlines():
        cells = [c.strip() for c in line.split("│")]
        assert "WITHDRAWN" not in cells


def test_markdown_heading(story: Story) -> None:
    nodes = build_view(story, "dam-breach")
    assert nodes is not None
    md = render_markdown(nodes)
    assert f"{MARK} — Government of Ostravia" in md


def test_timeline_summary_names_the_withdrawn_stance(story: Story) -> None:
    inc = story.get("dam-breach")
    assert isinstance(inc, Incident)
    summary = response_summary(inc)
    assert "1 disputed (withdrawn)" in summary
    assert "1 withdrawn" not in summary
    out = render_text(build_view(story, None) or [], TextOptions(width=200, fit=True))
    assert "1 disputed (withdrawn)" in out


def test_strip_and_actor_view_keep_the_stance(story: Story) -> None:
    inc = render_text(build_view(story, "dam-breach") or [], TextOptions(width=120))
    assert "DISPUTED 3 Jun (withdrawn)" in inc
    actor = render_text(build_view(story, "ostravia") or [], TextOptions(width=120))
    assert "DISPUTED 3 Jun 2040  WITHDRAWN 9 Jun 2040" in actor
