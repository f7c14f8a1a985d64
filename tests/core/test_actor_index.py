"""The per-actor index (Story.actor_index) answers exactly what scanning the
whole story answers: the actor view, the filter and the counts read it."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from benchmarks.generate import generate
from tui.story.load import load_story, load_story_text
from tui.story.model import Story

ROOT = Path(__file__).resolve().parent.parent.parent
STORIES = sorted((ROOT / "tests" / "fixtures" / "stories").glob("*.yaml"))


def stories() -> list[tuple[str, Story]]:
    found = [(p.stem, load_story(p)) for p in STORIES]
    found.append(("seed", load_story(ROOT / "story.yaml")))
    # Invented at scale: relayed quotes, quotes about actors, members.
    found.append(("generated-300", load_story_text(generate(300, seed=3)[0])))
    return found


@pytest.mark.parametrize(
    ("name", "story"), stories(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_the_index_agrees_with_a_scan(name: str, story: Story) -> None:
    index = story.actor_index()
    checked = 0
    for actor in story.actors:
        a = actor.id
        scanned = tuple(e for e in story.timeline() if story.involves(e, a))
        assert story.entries_involving((a,)) == scanned, (name, a)
        quotes = tuple(q for q in story.quotes if story.quote_involves(q, a))
        assert story.quotes_involving((a,)) == quotes, (name, a)
        members = tuple(m.id for m in story.actors if m.affiliation == a)
        assert index.members.get(a, ()) == members
        incidents = sum(1 for e in scanned if e in story.incidents)
        assert story.involvement_counts()[a] == (incidents, len(scanned) - incidents, len(quotes))
        checked += 1
    assert checked == len(story.actors)


@pytest.mark.parametrize(
    ("name", "story"), stories(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_several_actors_union_in_story_order(name: str, story: Story) -> None:
    ids = [a.id for a in story.actors][:6]
    for pair in itertools.combinations(ids, 2):
        scanned = tuple(e for e in story.timeline() if any(story.involves(e, a) for a in pair))
        assert story.entries_involving(pair) == scanned, (name, pair)
        quotes = tuple(q for q in story.quotes if any(story.quote_involves(q, a) for a in pair))
        assert story.quotes_involving(pair) == quotes, (name, pair)


def test_an_unknown_actor_involves_nothing() -> None:
    story = load_story(STORIES[0])
    assert story.entries_involving(("no-such-actor",)) == ()
    assert story.quotes_involving(("no-such-actor",)) == ()
