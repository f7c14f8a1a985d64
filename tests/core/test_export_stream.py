"""``export`` streams its JSON record by record (issue 12, item 8): the
pieces are exactly the document ``to_json`` makes, for every kind of story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.generate import generate
from tui.story.export import iter_json, to_json
from tui.story.load import load_story, load_story_text

ROOT = Path(__file__).resolve().parents[2]
STORIES = sorted((ROOT / "tests" / "fixtures" / "stories").glob("*.yaml"))


@pytest.mark.parametrize("path", [ROOT / "story.yaml", *STORIES], ids=lambda p: p.name)
def test_the_pieces_are_the_whole_document(path: Path) -> None:
    story = load_story(path)
    streamed = "".join(iter_json(story))
    assert streamed == to_json(story)
    json.loads(streamed)


@pytest.mark.parametrize("n", [0, 1, 7])
def test_generated_stories_stream_the_same(n: int) -> None:
    story = load_story_text(generate(n)[0])
    assert "".join(iter_json(story)) == to_json(story)


def test_no_piece_is_the_whole_story() -> None:
    """Record by record: with 200 incidents, no piece holds more than one."""
    story = load_story_text(generate(200)[0])
    pieces = list(iter_json(story))
    whole = sum(len(p) for p in pieces)
    assert max(len(p) for p in pieces) < whole / 50
