"""Search shows where it landed (issue 13): the match highlighted on the
right cells in the list row and the detail, the detail scrolled to it, the
search line saying where in words; and the index never blocks a key
(issue 16).

The story is invented, shaped like a contested one: a claim denied by one
government and confirmed by another, a denial later admitted, and text in
the scripts that make highlights hard (CJK, a combining accent, ``İ``).
"""

from __future__ import annotations

import threading
from typing import Any

from rich.cells import cell_len
from rich.segment import Segment
from textual.strip import Strip

from tui.app import create_app
from tui.present.search import SearchIndex
from tui.screens.search import Search
from tui.story.load import load_story_text
from tui.story.model import Story

LONG_NOTE = "\n\n".join(
    f"Paragraph {n}: the monitors kept counting craters along the river bank." for n in range(30)
)

STORY = f"""\
storybrowse: 2
story:
  headline: Examplestan admits the shelling of Ishkoshim after denying it
  summary: Both governments first denied; one admitted it a week later.
  outlet: The Example Gazette
sources:
  - id: gazette
    name: The Example Gazette report on Ishkoshim
    url: https://example.org/ishkoshim
actors:
  - id: examplestan
    name: Government of Examplestan
    kind: government
    aliases: [Lumenburg]
  - id: samplistan
    name: Samplistan
    kind: government
  - id: ilkay
    name: İlkay Testoğlu
    kind: analyst
    role: researcher who mapped the craters
incidents:
  - id: shelling
    title: Shelling of Ishkoshim market
    date: 2031-03-08
    claim:
      by: ilkay
      text: İlkay Testoğlu said the shells came from the east bank of the river.
      source: gazette
    responses:
      - by: examplestan
        stance: denied
        text: Examplestan said no shell was fired towards Ishkoshim.
        source: gazette
      - by: samplistan
        stance: confirmed
        text: "Samplistan confirmed damage at the market of Dushanbe\\u0301 street."
        source: gazette
  - id: trade
    title: 東京 talks on border trade in 東京
    date: 2031-03-10
    claim:
      by: samplistan
      text: The talks in 東京 ended without a deal.
      source: gazette
  - id: craters
    title: Monitors count craters
    date: 2031-03-12
    note: {LONG_NOTE!r}
    claim:
      by: ilkay
      text: The craters were counted by hand.
      source: gazette
quotes:
  - id: q-ilkay
    speaker: ilkay
    text: The pattern of craters points east, towards the far bank.
    source: gazette
"""


def story() -> Story:
    return load_story_text(STORY, "search-marks.yaml")


def marked_cells(strip: Strip) -> list[tuple[int, int, str, str]]:
    """``(x0, x1, text, kind)`` of each highlighted run of *strip*: kind
    ``current`` (reverse video) or ``match`` (underlined)."""
    out: list[tuple[int, int, str, str]] = []
    x = 0
    for seg in strip:
        assert isinstance(seg, Segment)
        width = cell_len(seg.text)
        style = seg.style
        kind = ""
        if style is not None and style.reverse:
            kind = "current"
        elif style is not None and style.underline:
            kind = "match"
        if kind and width:
            if out and out[-1][1] == x and out[-1][3] == kind:
                x0, _, text, _ = out[-1]
                out[-1] = (x0, x + width, text + seg.text, kind)
            else:
                out.append((x, x + width, seg.text, kind))
        x += width
    return out


def detail_marks(ui: Any, app: Any) -> list[tuple[int, str, int, int, str]]:
    """Every highlight in the detail's visible rows: (row, kind, x0, x1, text)."""
    detail = ui.detail(app)
    out = []
    for y in range(detail.scrollable_content_region.height):
        strip = detail.render_line(y)
        out += [(y, kind, x0, x1, text) for x0, x1, text, kind in marked_cells(strip)]
    return out


def row_text(ui: Any, app: Any, y: int) -> str:
    return "".join(seg.text for seg in ui.detail(app).render_line(y))


async def search_for(pilot: Any, app: Any, ui: Any, query: str) -> None:
    screen = ui.browser(app)
    await pilot.press("slash")
    screen.search_bar.value = query
    await pilot.pause()


async def test_highlight_lands_on_the_cells_of_wide_characters(ui) -> None:  # type: ignore[no-untyped-def]
    app = create_app(story())
    async with app.run_test(size=(80, 24)) as pilot:
        await search_for(pilot, app, ui, "東京")
        screen = ui.browser(app)
        assert ui.detail(app).target == ("incident", "trade")
        marks = detail_marks(ui, app)
        # The title holds two occurrences: the first is current, the other not.
        title_row = next(y for y, *_ in marks if "talks on border" in row_text(ui, app, y))
        in_title = [(kind, x0, x1, text) for y, kind, x0, x1, text in marks if y == title_row]
        line = row_text(ui, app, title_row)
        first = cell_len(line[: line.index("東京")])
        second = cell_len(line[: line.rindex("東京")])
        assert in_title == [
            ("current", first, first + 4, "東京"),
            ("match", second, second + 4, "東京"),
        ]
        # The claim's occurrence is marked too, on its own cells.
        assert any(text == "東京" and x1 - x0 == 4 for y, _, x0, x1, text in marks if y > title_row)
        # The list row of the incident highlights the query (underlined).
        timeline = ui.pane(app, "timeline")
        cursor_row = timeline.cursor - timeline.scroll_offset.y
        row_marks = marked_cells(timeline.render_line(cursor_row))
        assert [text for _, _, text, _ in row_marks] == ["東京", "東京"]
        assert all(x1 - x0 == 4 for x0, x1, _, _ in row_marks)
        assert screen.search.ordinal == 1


async def test_highlight_covers_a_combining_accent_and_dotted_capital_i(ui) -> None:  # type: ignore[no-untyped-def]
    app = create_app(story())
    async with app.run_test(size=(80, 24)) as pilot:
        # "dushanbe" matches "Dushanbé" written as e + U+0301: the accent
        # is highlighted with its letter, and takes no cell of its own.
        await search_for(pilot, app, ui, "dushanbe")
        marks = detail_marks(ui, app)
        current = [m for m in marks if m[1] == "current"]
        assert len(current) == 1
        y, _, x0, x1, text = current[0]
        assert text == "Dushanbe\u0301" and x1 - x0 == 8
        line = row_text(ui, app, y)
        assert cell_len(line[: line.index("Dushanbe")]) == x0
        # "ilkay" matches "İlkay" (whose folded form is longer): five cells.
        await pilot.press("escape")
        await search_for(pilot, app, ui, "ilkay")
        marks = detail_marks(ui, app)
        current = [m for m in marks if m[1] == "current"]
        assert [(text, x1 - x0) for _, _, x0, x1, text in current] == [("İlkay", 5)]
        y, _, x0, _, _ = current[0]
        line = row_text(ui, app, y)
        assert cell_len(line[: line.index("İlkay")]) == x0


async def test_n_moves_the_strong_highlight_and_the_words(ui) -> None:  # type: ignore[no-untyped-def]
    app = create_app(story())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ui.browser(app)
        await pilot.press("slash", *"ishkoshim", "enter")
        seen = []
        for _ in range(6):
            current = [m for m in detail_marks(ui, app) if m[1] == "current"]
            line = next(r for r in ui.screen_lines(app) if "Search “ishkoshim”" in r)
            seen.append((ui.detail(app).target, len(current), line.strip()))
            await pilot.press("n")
        targets = [target for target, _, _ in seen]
        assert targets == [
            ("incident", "shelling"),
            ("incident", "shelling"),
            ("source", "gazette"),  # no list shows sources: the detail does
            ("source", "gazette"),
            None,  # the story's own text: the overview
            ("incident", "shelling"),  # wrapped around
        ]
        # One strong highlight at a time wherever the detail shows the match.
        assert all(n == 1 for target, n, _ in seen if target is not None)
        words = [line for _, _, line in seen]
        assert (
            words[0]
            == "Search “ishkoshim”: 1/5 in the title of “Shelling of Ishkoshim market” — n/N"
        )
        # Too long for 80 columns: the words are cut, never the n/N hint.
        assert words[1].startswith(
            "Search “ishkoshim”: 2/5 in Government of Examplestan's response to “"
        )
        assert words[1].endswith("… — n/N")
        assert words[2].startswith("Search “ishkoshim”: 3/5 in the name of source “The Example")
        assert words[3].startswith("Search “ishkoshim”: 4/5 in the URL of source “The Example")
        assert words[4] == "Search “ishkoshim”: 5/5 in the headline of the story — n/N"
        assert words[5] == words[0]
        assert screen.search.hits is not None and screen.search.hits.total == 5


async def test_the_detail_scrolls_to_a_match_far_down(ui) -> None:  # type: ignore[no-untyped-def]
    app = create_app(story())
    async with app.run_test(size=(80, 24)) as pilot:
        await search_for(pilot, app, ui, "paragraph 29")
        detail = ui.detail(app)
        assert detail.target == ("incident", "craters")
        assert detail.scroll_y > 20  # the note is long: it had to scroll
        current = [m for m in detail_marks(ui, app) if m[1] == "current"]
        assert [text for *_, text in current] == ["Paragraph 29"]
        # Back up the matches: the top of the same record comes back into view.
        await pilot.press("escape")
        await search_for(pilot, app, ui, "craters")
        await pilot.press("enter")
        assert detail.target == ("incident", "craters")
        first = detail.scroll_y
        for _ in range(3):
            await pilot.press("n")
        assert [text for *_, text in [m for m in detail_marks(ui, app) if m[1] == "current"]]
        assert detail.scroll_y >= first


async def test_marks_go_when_the_search_is_cancelled(ui) -> None:  # type: ignore[no-untyped-def]
    app = create_app(story())
    async with app.run_test(size=(80, 24)) as pilot:
        await search_for(pilot, app, ui, "market")
        assert detail_marks(ui, app)
        timeline = ui.pane(app, "timeline")
        assert any(marked_cells(timeline.render_line(y)) for y in range(3))
        await pilot.press("escape")
        await pilot.pause()
        assert detail_marks(ui, app) == []
        assert not any(marked_cells(timeline.render_line(y)) for y in range(3))


async def test_a_key_is_answered_while_the_index_is_building(ui, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The index builder waits on an event: keys typed meanwhile are drawn
    and answered ("indexing…"); once it is built, the last query runs."""
    release = threading.Event()
    started = threading.Event()
    built: list[SearchIndex] = []

    class SlowIndex(SearchIndex):
        def __init__(self, story: Story, **kwargs: Any) -> None:
            started.set()
            assert release.wait(10), "the test never released the index"
            super().__init__(story, **kwargs)
            built.append(self)

    monkeypatch.setattr(Search, "INLINE_RECORDS", 0)  # never indexed inline
    monkeypatch.setattr("tui.screens.search_keys.SearchIndex", SlowIndex)
    app = create_app(story())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ui.browser(app)
        await ui.until(pilot, started.is_set)
        await pilot.press("slash", *"ishk")
        assert screen.search_bar.value == "ishk"
        assert "indexing…" in ui.screen_text(app)
        assert screen.search.pending and not built
        await pilot.press(*"oshim")  # still answered
        assert screen.search_bar.value == "ishkoshim"
        release.set()
        await ui.until(pilot, lambda: screen.search.hit is not None)
        assert built and screen.search.query == "ishkoshim"
        assert ui.detail(app).target == ("incident", "shelling")
        assert "1/5 in the title of" in ui.screen_text(app)


async def test_a_kept_search_over_a_new_version_finds_its_match_without_moving(
    ui: Any, monkeypatch: Any
) -> None:
    """A new version of the file while a search is kept (indexed in the
    background): the match is found again; the reader stays where they are."""
    from tui.screens.restory import show_story

    monkeypatch.setattr(Search, "INLINE_RECORDS", 0)  # the worker indexes every version
    app = create_app(story())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ui.browser(app)
        await ui.until(pilot, lambda: screen.search.ready)
        await pilot.press("slash", *"ishkoshim", "enter", "n")
        hit = screen.search.hit
        assert hit is not None and hit.field == "responses[0].text"
        await pilot.press("3")  # the reader moves on to the quotes
        await ui.settle(pilot)
        target = ui.detail(app).target
        assert target == ("quote", "q-ilkay")
        edited = STORY.replace("Shelling of Ishkoshim market", "Shelling of the market")
        await show_story(screen, load_story_text(edited, "search-marks.yaml"))
        await ui.until(pilot, lambda: screen.search.ready and not screen.search.pending)
        await pilot.pause()
        again = screen.search.hit
        assert again is not None and (again.record_id, again.field) == (hit.record_id, hit.field)
        assert screen.search.ordinal == 1  # the title no longer matches: now the first
        assert ui.detail(app).target == target and screen.current_pane == "quotes"
