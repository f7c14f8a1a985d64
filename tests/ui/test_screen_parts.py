"""The browser screen's feature classes on their own: the way back along
followed links (History), the search state (Search) and the lines that
repaint only on change (Line, StatusLine)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.content import Content

from tui.screens.history import History
from tui.screens.search import Search, SearchOrigin
from tui.story.load import load_story
from tui.widgets.detail import Place
from tui.widgets.status import Line, StatusLine

SEED = Path(__file__).resolve().parents[2] / "story.yaml"


def test_history_walks_back_most_recent_first_and_keeps_the_last_fifty() -> None:
    history = History()
    assert not history and history.back() is None
    for n in range(60):
        history.followed_from(("incident", f"i{n}"))
    assert len(history) == History.LIMIT == 50
    history.followed_from(("incident", "i60"), Place(("incident", "i60"), cursor=3, scroll_y=7))
    assert len(history) == History.LIMIT == 50
    assert history.back() == (("incident", "i60"), Place(("incident", "i60"), 3, 7))
    assert [history.back() for _ in range(3)] == [
        (("incident", "i59"), Place(("incident", "i59"))),
        (("incident", "i58"), Place(("incident", "i58"))),
        (("incident", "i57"), Place(("incident", "i57"))),
    ]
    history.clear()
    assert not history and history.back() is None


def test_search_steps_around_its_matches_and_survives_a_new_version() -> None:
    story = load_story(SEED)
    search = Search(story)
    assert search.step(1) is None  # nothing searched yet
    first = search.run("tashkent")
    assert first is not None and search.ordinal == 1
    hits = search.hits
    assert hits is not None and hits.total is not None and hits.total >= 3
    total = hits.total
    second = search.step(1)
    assert second is not None and second != first and search.ordinal == 2
    assert search.step(-2) is not None and search.ordinal == total  # wraps around
    last = search.hit
    assert last is not None and last.kind == "story"
    found = search.status(lambda kind, record_id: False, bar_open=False)
    assert found is not None
    assert found.plain == f"Search “tashkent”: {total}/{total} in the summary of the story"
    # A new version of the story: the same query, still on the same field.
    search.step(-1)
    on = search.hit
    assert on is not None
    search.origin = SearchOrigin("timeline", None, ("incident", "no-such-record"), None)
    search.replace_story(load_story(SEED))
    assert search.query == "tashkent" and search.hit is not None
    assert (search.hit.record_id, search.hit.field) == (on.record_id, on.field)
    assert search.ordinal == total - 1
    assert search.origin is not None and search.origin.target is None  # its record is gone
    search.clear()
    assert (search.query, search.hits, search.hit, search.ordinal) == ("", None, None, 0)
    assert search.status(lambda kind, record_id: False, bar_open=False) is None


class Lines(App[None]):
    def compose(self) -> ComposeResult:
        yield Line(Content("first"), id="line")
        yield StatusLine(id="status")


async def test_a_line_updates_only_when_its_content_changes() -> None:
    app = Lines()
    async with app.run_test() as pilot:
        line = app.query_one("#line", Line)
        assert line.show(Content("first")) is False  # what it shows already
        assert line.show(Content("second")) is True
        assert line.show(Content("second").stylize("bold")) is True  # a style counts
        status = app.query_one("#status", StatusLine)
        assert not status.has_class("-visible")
        status.say(Content("Filter: Taliban"))
        await pilot.pause()
        assert status.has_class("-visible") and "Filter: Taliban" in str(status.render())
        status.say(Content(""))
        assert not status.has_class("-visible")
        status.say(None)
        assert not status.has_class("-visible")
