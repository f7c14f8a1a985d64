"""One vocabulary (issue 13): an uncertain date is written one way on every
surface, and "N quotes" means the same thing on every actor."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.present.describe import actor_counts, actor_quotes, actor_summary, plural
from tui.present.markdown import render_markdown
from tui.present.view import all_ids, build_view
from tui.story.dates import parse_date
from tui.story.load import load_story
from tui.story.model import Actor, Claim, Incident, Quote, Story, StoryMeta

ROOT = Path(__file__).resolve().parents[2]
STORIES = [*sorted((ROOT / "tests" / "fixtures" / "stories").glob("*.yaml")), ROOT / "story.yaml"]

# The wordings that used to mark uncertainty or approximation besides the
# sign: none may appear on any surface.
OLD_WORDINGS = re.compile(r"\(\?\)|\(~\)|\(\?~\)|\(uncertain|\(approx")


def _section_counts(nodes: list[object]) -> dict[str, int]:
    return {
        n.title: n.count  # type: ignore[attr-defined]
        for n in nodes
        if type(n).__name__ == "Section"
    }


@pytest.mark.parametrize("path", STORIES, ids=lambda p: p.stem)
def test_no_view_writes_uncertainty_in_words(path: Path) -> None:
    story = load_story(path)
    for record_id in [None, *all_ids(story)]:
        nodes = build_view(story, record_id)
        assert nodes is not None
        text = render_markdown(nodes)
        assert not OLD_WORDINGS.search(text), (record_id, OLD_WORDINGS.search(text))
        assert "(inferred) (inferred)" not in text


@pytest.mark.parametrize("path", STORIES, ids=lambda p: p.stem)
def test_an_uncertain_date_reads_the_same_in_the_list_and_the_detail(path: Path) -> None:
    story = load_story(path)
    for entry in story.timeline():
        nodes = build_view(story, entry.id)
        assert nodes is not None
        shown = entry.date.display()
        assert shown in render_markdown(nodes).replace("\\", "")


@pytest.mark.parametrize("path", STORIES, ids=lambda p: p.stem)
def test_n_quotes_means_the_same_on_every_actor(path: Path) -> None:
    story = load_story(path)
    for actor in story.actors:
        quotes = actor_quotes(story, actor.id)
        assert quotes.total == actor_counts(story, actor.id).quotes
        assert plural(quotes.total, "quote") in actor_summary(story, actor.id)
        nodes = build_view(story, actor.id)
        assert nodes is not None
        counts = _section_counts(nodes)
        in_view = sum(counts.get(t, 0) for t in ("Quotes", "Quotes relayed", "Quotes about"))
        assert in_view == quotes.total, actor.id


def test_a_quote_relayed_by_and_about_the_same_outlet_counts_once() -> None:
    """The case that used to differ: an outlet relays a quote about itself
    (listed under "relayed" and "about", counted once in the list)."""
    actors = (
        Actor("minister", "Interior minister", "person"),
        Actor("outlet", "Frontier Daily", "media"),
        Actor("gov", "Government of Examplestan", "government"),
    )
    quotes = (
        Quote("q1", "minister", "Frontier Daily lies.", via=("outlet",), about=("outlet",)),
        Quote("q2", "outlet", "We stand by our report.", about=("outlet",)),
        Quote("q3", "minister", "No shells fell.", about=("outlet", "gov"), via=("gov",)),
    )
    story = Story(
        meta=StoryMeta(headline="Shelling denied, then admitted"),
        actors=actors,
        incidents=(
            Incident(
                "shelling",
                "Shelling of the frontier post",
                parse_date("2031-03-10"),
                Claim(by="outlet", text="Shells fell on the post."),
            ),
        ),
        quotes=quotes,
    )
    grouped = actor_quotes(story, "outlet")
    assert [q.id for q in grouped.said] == ["q2"]
    assert [q.id for q in grouped.relayed] == ["q1"]
    assert [q.id for q in grouped.about] == ["q3"]
    assert actor_counts(story, "outlet").quotes == 3
    nodes = build_view(story, "outlet")
    assert nodes is not None
    counts = _section_counts(nodes)
    assert [counts.get(t) for t in ("Quotes", "Quotes relayed", "Quotes about")] == [1, 1, 1]


def test_the_format_docs_show_dates_as_display_writes_them() -> None:
    doc = (ROOT / "docs" / "story-format.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([0-9X?~%-]+)` \| `([^`]+)` \|", doc, re.MULTILINE)
    assert len(rows) >= 15
    for text, shown in rows:
        assert parse_date(text).display() == shown, text
