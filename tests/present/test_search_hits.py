"""The lazy search (Hits), the words for where a match is, and the marks
the layout draws."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.present.highlight import CURRENT, MATCH, Marker, Marks, marked_row, marks_for
from tui.present.layout import layout
from tui.present.search import Match, SearchIndex, all_fields
from tui.present.search_where import where
from tui.present.view import build_view
from tui.story.load import load_story
from tui.story.matching import find_all
from tui.story.model import Story

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "stories"
SEED = Path(__file__).resolve().parents[2] / "story.yaml"


def occurrences(story: Story, query: str) -> list[tuple[str, str, str, int]]:
    """(kind, id, field, n) of every occurrence, found field by field."""
    return [
        (kind, rid, name, n)
        for kind, rid, name, text in all_fields(story)
        for n in range(len(find_all(text, query)))
    ]


def walk(index: SearchIndex, query: str) -> list[tuple[str, str, str, int]]:
    hits = index.hits(query)
    out = []
    pos = hits.first_pos()
    while pos is not None:
        m = hits.match(pos)
        out.append((m.kind, m.record_id, m.field, m.occurrence))
        pos = hits.next_pos(pos)
    return out


STORIES = [SEED, *sorted(FIXTURES.glob("*.yaml"))]


@pytest.mark.parametrize("path", STORIES, ids=lambda p: p.stem)
@pytest.mark.parametrize("query", ["a", "the", "an", "ss", "aa", "denied", "İ", "zzz"])
def test_hits_walk_every_occurrence_in_reading_order(path: Path, query: str) -> None:
    story = load_story(path)
    index = SearchIndex(story)
    expected = occurrences(story, query)
    assert walk(index, query) == expected
    hits = index.hits(query)
    assert hits.count_all() == len(expected)
    # Backwards: the same occurrences in reverse.
    back = []
    pos = hits.last_pos()
    while pos is not None:
        m = hits.match(pos)
        back.append((m.kind, m.record_id, m.field, m.occurrence))
        pos = hits.prev_pos(pos)
    assert back == expected[::-1]


def test_overlapping_occurrences_count_as_find_all_does() -> None:
    from tui.story.model import Actor, StoryMeta

    story = Story(
        meta=StoryMeta(headline="aaa"), actors=(Actor("x", "aaaa aaa", "person", role="aa"),)
    )
    index = SearchIndex(story)
    assert walk(index, "aa") == occurrences(story, "aa")
    hits = index.hits("aa")
    last = hits.last_pos()
    assert last is not None and hits.match(last).field == "headline"
    m = hits.match(last)
    assert m.span == (0, 2)  # "aa" in "aaa": the first two, as find_all says


def test_counting_in_slices_gives_the_same_total() -> None:
    story = load_story(FIXTURES / "three_governments.yaml")
    index = SearchIndex(story)
    whole = index.hits("e").count_all()
    hits = index.hits("e")
    assert hits.total is None
    steps = 0
    while not hits.count_some(50):
        steps += 1
    assert steps > 3 and hits.total == whole == len(occurrences(story, "e"))


def test_an_index_built_with_pauses_is_the_same() -> None:
    story = load_story(SEED)
    calls = []
    SearchIndex.PAUSE_EVERY = 7
    try:
        paused = SearchIndex(story, pause=lambda: calls.append(1))
    finally:
        SearchIndex.PAUSE_EVERY = 500
    assert calls and walk(paused, "e") == walk(SearchIndex(story), "e")


def test_locate_finds_the_same_place_in_a_new_version() -> None:
    story = load_story(SEED)
    index = SearchIndex(story)
    hits = index.hits("tashkent")
    pos = hits.next_pos(hits.first_pos() or 0)
    assert pos is not None
    match = hits.match(pos)
    again = SearchIndex(load_story(SEED))
    found = again.locate(match, again.hits("tashkent"))
    assert found == pos and again.count_before("tashkent", pos) == 1
    gone = Match("incident", "no-such-record", "title", "x", "tashkent")
    assert again.locate(gone, again.hits("tashkent")) is None


# -- where, in words -------------------------------------------------------------
def first(story: Story, query: str, field: str | None = None) -> Match:
    index = SearchIndex(story)
    hits = index.hits(query)
    pos = hits.first_pos()
    while pos is not None:
        m = hits.match(pos)
        if field is None or m.field == field:
            return m
        pos = hits.next_pos(pos)
    raise AssertionError(f"{query!r} not found in {field}")


def test_where_names_claims_responses_quotes_actors_and_the_story() -> None:
    seed = load_story(SEED)
    tj = load_story(FIXTURES / "three_governments.yaml")
    claims = load_story(FIXTURES / "competing_claims.yaml")
    admitted = load_story(FIXTURES / "denial_admitted.yaml")
    cases = [
        (
            seed,
            "similar attack",
            "claim.text",
            "in the claim of “Claimed rocket attack on Term…”",
        ),
        (
            seed,
            "such attacks took",
            "responses[0].text",
            "in Uzbekistan's response to “Claimed rocket attack on Term…”",
        ),
        (seed, "dushanbe", "aliases[0]", "in an alias of “Tajikistan”"),
        (seed, "research fellow", "role", "in the role of “Andrew Mines”"),
        (seed, "70,000", "headline", "in the headline of the story"),
        (claims, "yacht", "claims[2].text", "in claim 3 of “"),
        (admitted, "lumenburg", "aliases[0]", "in an alias of “Government of Examplestan”"),
    ]
    for story, query, field, words in cases:
        said = where(story, first(story, query, field))
        assert said.startswith(words), (query, said)
        assert "[" not in said and ".text" not in said  # never an internal path
    quote = next(q for q in seed.quotes)
    words = quote.text.split()[:3]
    m = first(seed, " ".join(words), "text")
    assert where(seed, m).startswith("in the quote by ")
    for story in (seed, tj, claims, admitted):
        for kind, rid, name, _text in all_fields(story):
            said = where(story, Match(kind, rid, name, _text, "x"))
            assert said.startswith("in ") and "[" not in said and "_" not in said, said


def test_where_cuts_the_title_and_sanitises_it() -> None:
    from tui.story.dates import parse_date
    from tui.story.model import Actor, Claim, Incident, StoryMeta

    story = Story(
        meta=StoryMeta(headline="h"),
        actors=(Actor("a", "A\x1b[31m", "government"),),
        incidents=(
            Incident(
                id="i",
                title="A very long title that goes on\x1b]52;c;x\x07 and on",
                date=parse_date("2020"),
                claim=Claim(by="a", text="word"),
            ),
        ),
    )
    said = where(story, first(story, "word"), cells=12)
    assert "\x1b" not in said and "\x07" not in said
    assert said == "in the claim of “A very long…”"


# -- marks in the layout ------------------------------------------------------------
def test_marks_survive_wrapping_and_columns() -> None:
    seed = load_story(SEED)
    m = first(seed, "uzbek border city", "claim.text")
    view = build_view(seed, "termez-rockets")
    assert view is not None
    for width in (30, 78, 120):
        laid = layout(view, width, marker=Marker(marks_for(seed, m.query, m)))
        text = "".join(t for line in laid.lines for t, s, _ in line if s.endswith(f"+{CURRENT}"))
        assert text.replace(" ", "") == "Uzbekbordercity", width  # across line breaks
        assert marked_row(laid.lines) is not None
        # The layout's text is what it is without marks.
        assert laid.plain() == layout(view, width).plain()


def test_only_story_text_is_marked() -> None:
    seed = load_story(SEED)
    view = build_view(seed, "termez-rockets")
    assert view is not None
    laid = layout(view, 78, marker=Marker(Marks("source")))
    marked = [t for line in laid.lines for t, s, _ in line if s.endswith(f"+{MATCH}")]
    # "Source:" labels are our words: not a match, though they say "Source".
    assert all(t.lower() == "source" for t in marked)
    labels = [t for line in laid.lines for t, s, _ in line if s == "label" and "Source" in t]
    assert labels, "the view has Source: labels"
