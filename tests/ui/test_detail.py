"""Pilot tests of the detail pane, mounted alone in a small app whose screen
includes tui/widgets/detail.tcss and sets the same breakpoint classes as the
browser screen (-narrow < 80 <= -normal < 120 <= -wide).

The pane is one line-API widget: its text is read from its laid-out lines
(``pane.lines``, what ``show`` prints) and from the screen; its links from
``pane.links``."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.message import Message
from textual.screen import Screen

from tui.messages import FilterByActor, Navigate
from tui.story.load import load_story
from tui.story.model import RecordKind, Story
from tui.widgets import detail as detail_module
from tui.widgets.detail import DetailPane

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "story.yaml"
STORIES = ROOT / "tests" / "fixtures" / "stories"
CSS = Path(detail_module.__file__).with_name("detail.tcss")

Target = tuple[RecordKind, str] | None


class DetailScreen(Screen[None]):
    CSS_PATH = str(CSS)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-normal"), (120, "-wide")]  # noqa: RUF012

    def __init__(self, story: Story, target: Target) -> None:
        super().__init__()
        self.story = story
        self.initial = target
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        yield DetailPane(self.story, id="detail")

    def on_mount(self) -> None:
        pane = self.query_one(DetailPane)
        pane.target = self.initial
        pane.focus()

    def on_navigate(self, message: Navigate) -> None:
        self.messages.append(message)

    def on_filter_by_actor(self, message: FilterByActor) -> None:
        self.messages.append(message)


class DetailApp(App[None]):
    def __init__(self, story: Story, target: Target) -> None:
        super().__init__()
        self.story = story
        self.target = target

    def on_mount(self) -> None:
        self.push_screen(DetailScreen(self.story, self.target))

    @property
    def pane(self) -> DetailPane:
        return self.screen.query_one(DetailPane)

    @property
    def messages(self) -> list[Message]:
        screen = self.screen
        assert isinstance(screen, DetailScreen)
        return screen.messages


def seed() -> Story:
    return load_story(SEED)


def fixture(name: str) -> Story:
    return load_story(STORIES / name)


def pane_text(pane: DetailPane) -> str:
    """Every line of the view (not only those on screen)."""
    return "\n".join(pane.lines)


def links(pane: DetailPane) -> list[tuple[str, str]]:
    return [(link.kind, link.record_id) for link in pane.links]


def words(pane: DetailPane) -> str:
    """The view's text with every run of spaces and line breaks as one space
    (for sentences that wrap)."""
    return " ".join(" ".join(line.split()) for line in pane.lines if line.strip())


def screen_lines(app: App[None]) -> list[str]:
    """What the terminal would show (the compositor's rendered strips)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def row_with(lines: list[str], *words: str) -> int:
    """The index of the first line holding every one of *words*."""
    return next(i for i, line in enumerate(lines) if all(w in line for w in words))


async def settle(pilot: object) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.pause()
    await pilot.pause()


# -- layout ------------------------------------------------------------------


async def test_claim_and_responses_side_by_side_at_80x24() -> None:
    app = DetailApp(seed(), ("incident", "tajikistan-rockets"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "-normal" in app.screen.classes
        lines = app.pane.lines
        row = lines[row_with(lines, "CLAIM")]
        # The three headings share one row, left to right, in equal columns.
        assert row.index("CLAIM") < row.index("DENIED") < row.index("INVESTIGATING")
        assert [c.strip() for c in row.split("│")] == ["CLAIM", "DENIED", "INVESTIGATING"]
        bars = [i for i, ch in enumerate(row) if ch == "│"]
        assert len(bars) == 2 and bars[1] - bars[0] == bars[0] + 2  # " │ " between
        # The actors below their stance words, then a rule crossed by the bars.
        actors = [c.strip() for c in lines[row_with(lines, "CLAIM") + 1].split("│")]
        assert actors == ["Islamic State-Khorasan", "Tajikistan (Dushanbe)", "Taliban"]
        assert "─┼─" in lines[row_with(lines, "CLAIM") + 3]
        heads = [(link.kind, link.record_id) for link in app.pane.links[:3]]
        assert heads == [("actor", "isk"), ("actor", "gov-tajikistan"), ("actor", "taliban")]
        # On screen, the three labels share one terminal row too.
        row = next(line for line in screen_lines(app) if "CLAIM" in line)
        assert "DENIED" in row and "INVESTIGATING" in row


async def test_columns_stack_on_narrow_terminal_and_come_back() -> None:
    app = DetailApp(seed(), ("incident", "tajikistan-rockets"))
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        assert "-narrow" in app.screen.classes
        lines = app.pane.lines
        claim, denied, investigating = (
            row_with(lines, "CLAIM —"),
            row_with(lines, "DENIED —"),
            row_with(lines, "INVESTIGATING —"),
        )
        assert claim < denied < investigating
        assert not any("│" in line for line in lines)

        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        lines = app.pane.lines
        row = lines[row_with(lines, "CLAIM")]
        assert "DENIED" in row and "INVESTIGATING" in row


async def test_stance_words_lead_their_columns_at_120() -> None:
    app = DetailApp(fixture("three_governments.yaml"), ("incident", "port-strike"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lines = app.pane.lines
        row = lines[row_with(lines, "CLAIM")]
        # Four columns side by side at 120 columns.
        words = ["CLAIM", "CONFIRMED", "DENIED", "DISPUTED"]
        assert [row.index(w) for w in words] == sorted(row.index(w) for w in words)


async def test_three_responses_wrap_into_a_grid_at_80_columns() -> None:
    app = DetailApp(fixture("three_governments.yaml"), ("incident", "port-strike"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = app.pane.lines
        first = row_with(lines, "CLAIM")
        second = row_with(lines, "DENIED")
        assert "CONFIRMED" in lines[first] and "DENIED" not in lines[first]
        assert second > first and "DISPUTED" in lines[second]
        # The second row of the grid starts where the first does.
        assert lines[first].index("CLAIM") == lines[second].index("DENIED") == 0
        assert lines[first].index("CONFIRMED") == lines[second].index("DISPUTED")


async def test_declined_to_comment_and_investigating_words() -> None:
    app = DetailApp(fixture("three_governments.yaml"), ("incident", "bridge-fire"))
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        lines = app.pane.lines
        row = lines[row_with(lines, "CLAIM")]
        assert row.index("CLAIM") < row.index("INVESTIGATING") < row.index("DECLINED TO COMMENT")
        claim = " ".join(" ".join(line.split("│")[0].split()) for line in lines)
        assert "“We hit the bridge to show that no border can stop us.”" in claim
        text = words(app.pane)
        assert "Aug 2031 (day not given)" in text
        assert "as reported: “in late August”" in text


async def test_claim_column_details() -> None:
    app = DetailApp(seed(), ("incident", "termez-rockets"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        claim = "\n".join(line.split("│")[0].rstrip() for line in app.pane.lines)
        assert "claimed (paraphrase):" in claim
        assert "From: Balkh province," in claim
        assert "To: Termez, Uzbekistan" in claim
        assert "When: 18 Apr 2022? (inferred)" in claim
        assert "as reported: “April 18”" in claim
        text = pane_text(app.pane)
        assert "How the date was inferred: The article gives the day and month" in text
        assert "Sources: RFE/RL contemporaneous reporting; Jamestown Foundation" in text


async def test_quotes_about_the_incident_are_listed_with_attribution() -> None:
    story = seed()
    app = DetailApp(story, ("incident", "tajikistan-rockets"))
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        quotes = [rid for kind, rid in links(app.pane) if kind == "quote"]
        expected = [q.id for q in story.quotes_about("tajikistan-rockets")]
        assert quotes == expected and expected
        text = " ".join(" ".join(line.split()) for line in app.pane.lines)
        assert (
            "— Andrew Mines, research fellow, Program on Extremism at George Washington "
            "University, told RFE/RL" in text
        )
        assert "Quotes about this incident (3)" in text
        # A quote's link covers its text and its attribution.
        mines = next(x for x in app.pane.links if x.record_id == "mines-showcase-failures")
        assert mines.bottom - mines.top >= 2


# -- links and keys ----------------------------------------------------------


async def test_down_and_enter_follow_the_actors_of_the_incident() -> None:
    app = DetailApp(seed(), ("incident", "tajikistan-rockets"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.press("j", "enter")
        await pilot.press("down", "enter")
        await pilot.press("k", "enter")
        await settle(pilot)
        got = [(m.kind, m.record_id) for m in app.messages if isinstance(m, Navigate)]
        assert got == [
            ("actor", "isk"),
            ("actor", "gov-tajikistan"),
            ("actor", "taliban"),
            ("actor", "gov-tajikistan"),
        ]


async def test_every_link_is_reachable_by_keyboard_and_stays_on_screen() -> None:
    app = DetailApp(seed(), ("incident", "tajikistan-rockets"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pane = app.pane
        all_links = links(pane)
        # Each source is linked from every Source: line that names it.
        assert all_links.count(("source", "article")) == 3
        seen: list[int] = []  # link indices, in the order j highlights them
        for _ in range(80):
            link = pane.current_link
            assert link is not None
            index = pane.links.index(link)
            if index not in seen:
                seen.append(index)
            await pilot.press("j")
            await pilot.pause()
        assert seen == list(range(len(all_links)))
        # The last link is a quote; enter follows it and it is on screen.
        await pilot.press("enter")
        await settle(pilot)
        last = app.messages[-1]
        assert isinstance(last, Navigate) and last.kind == "quote"
        assert last.record_id == all_links[-1][1]
        link = pane.current_link
        assert link is not None
        assert pane.on_screen(link)
        # home goes back to the first link.
        await pilot.press("home", "enter")
        await settle(pilot)
        first = app.messages[-1]
        assert isinstance(first, Navigate) and first.record_id == "isk"


async def test_page_down_moves_the_highlight_onto_the_screen() -> None:
    app = DetailApp(seed(), ("incident", "tajikistan-rockets"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pane = app.pane
        await pilot.press("end")
        await settle(pilot)
        assert pane.scroll_y == pane.max_scroll_y > 0
        link = pane.current_link
        assert link is not None and link.kind == "quote"
        assert pane.on_screen(link)
        await pilot.press("pageup", "pageup", "pageup")
        await settle(pilot)
        link = pane.current_link
        assert link is not None
        assert pane.on_screen(link)


async def test_click_on_a_link_navigates() -> None:
    app = DetailApp(seed(), ("incident", "tajikistan-rockets"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pane = app.pane
        taliban = next(x for x in pane.links if x.record_id == "taliban")
        y, x0, _ = taliban.regions[0]
        # Offsets are from the pane's top left: one cell of padding; the
        # content starts on the pane's first row, focused or not.
        await pilot.click(pane, offset=(1 + x0 + 1, y))
        await settle(pilot)
        assert pane.current_link is taliban
        assert any(
            isinstance(m, Navigate) and (m.kind, m.record_id) == ("actor", "taliban")
            for m in app.messages
        )


async def test_f_filters_by_the_shown_actor_only_in_an_actor_view() -> None:
    app = DetailApp(seed(), ("actor", "andrew-mines"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert [m.actor_id for m in app.messages if isinstance(m, FilterByActor)] == [
            "andrew-mines"
        ]
        app.pane.target = ("incident", "termez-rockets")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert len([m for m in app.messages if isinstance(m, FilterByActor)]) == 1


async def test_actor_view_lists_claims_responses_and_quotes() -> None:
    app = DetailApp(seed(), ("actor", "taliban"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = pane_text(app.pane)
        assert "Taliban" in text and "political-group" in text
        # Each statement with its own date (these have none), under its incident.
        assert "Statements on the incident of 18 Apr 2022? (1)" in text
        assert "Claimed rocket attack on Termez, Uzbekistan" in text
        assert "DENIED undated  Taliban officials have denied" in text
        assert "INVESTIGATING undated  Taliban officials say they are probing" in text
        assert "On the timeline (2)" in text
        found = set(links(app.pane))
        assert ("incident", "termez-rockets") in found
        assert ("context", "us-taliban-agreement") in found
        assert ("quote", "mines-fly-in-the-face") in found


async def test_actor_view_of_andrew_mines_links_his_quotes_and_affiliation() -> None:
    app = DetailApp(seed(), ("actor", "andrew-mines"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        found = links(app.pane)
        # "Quoted on": the entries he figures in only through his quotes,
        # as the actors pane counts them (2 incidents, 1 context event).
        assert found == [
            ("actor", "gwu-program-on-extremism"),
            ("context", "us-taliban-agreement"),
            ("incident", "termez-rockets"),
            ("incident", "tajikistan-rockets"),
            ("quote", "mines-showcase-failures"),
            ("quote", "mines-signal-commitments"),
            ("quote", "mines-fly-in-the-face"),
        ]
        await pilot.press("j", "enter")
        await settle(pilot)
        last = app.messages[-1]
        assert isinstance(last, Navigate)
        assert (last.kind, last.record_id) == ("context", "us-taliban-agreement")


async def test_quote_view_shows_the_via_sentence_and_links_what_it_is_about() -> None:
    app = DetailApp(seed(), ("quote", "mines-showcase-failures"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = words(app.pane)
        assert text.startswith(
            "QUOTE · mines-showcase-failures Andrew Mines “(IS-K) wants to showcase Taliban"
        )
        assert (
            "— Andrew Mines, research fellow, Program on Extremism at George Washington "
            "University, told RFE/RL" in text
        )
        assert links(app.pane) == [
            ("source", "rferl-report"),  # its Source: line
            ("actor", "andrew-mines"),
            ("actor", "gwu-program-on-extremism"),
            ("actor", "rferl"),
            ("actor", "isk"),
            ("actor", "taliban"),
            ("incident", "termez-rockets"),
            ("incident", "tajikistan-rockets"),
        ]
        for _ in range(7):
            await pilot.press("j")
        await pilot.press("enter")
        await settle(pilot)
        last = app.messages[-1]
        assert isinstance(last, Navigate)
        assert (last.kind, last.record_id) == ("incident", "tajikistan-rockets")
        await pilot.press("home", "enter")
        await settle(pilot)
        last = app.messages[-1]
        assert isinstance(last, Navigate)
        assert (last.kind, last.record_id) == ("source", "rferl-report")


async def test_paraphrase_is_labelled() -> None:
    app = DetailApp(seed(), ("quote", "mines-signal-commitments"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = words(app.pane)
        assert text.startswith("PARAPHRASE · mines-signal-commitments Andrew Mines IS-K is now")
        assert "“IS-K is now" not in text
        assert "— Andrew Mines, research fellow, Program on Extremism at George" in text
        assert "says" in text


async def test_context_view_links_its_actors() -> None:
    app = DetailApp(seed(), ("context", "us-taliban-agreement"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = pane_text(app.pane)
        assert "US–Taliban agreement" in text and "When: Feb 2020" in text
        assert "as reported: “February 2020”" in text
        # The first link is its Source: line, then its actors.
        assert links(app.pane)[:3] == [("source", "article"), ("actor", "taliban"), ("actor", "us")]
        await pilot.press("j", "j", "enter")
        await settle(pilot)
        last = app.messages[-1]
        assert isinstance(last, Navigate) and (last.kind, last.record_id) == ("actor", "us")


# -- targets -----------------------------------------------------------------


async def test_no_target_shows_the_story_overview_with_its_sources() -> None:
    app = DetailApp(seed(), None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = pane_text(app.pane)
        assert text.startswith("STORY\nUS election could decide fate of 70,000 Afghans")
        assert "2 incidents · 2 context events · 11 actors · 7 quotes · 5 sources" in text
        assert "Not recorded: outlet, byline, publication date, URL." in text
        assert "Sources (5)" in text
        seed_sources = [("source", s.id) for s in seed().sources]
        assert links(app.pane) == seed_sources
        await pilot.press("f")  # not an actor: nothing to filter by
        await settle(pilot)
        assert app.messages == []
        await pilot.press("j", "enter")  # a source is a link to its view
        await settle(pilot)
        assert [(m.kind, m.record_id) for m in app.messages] == [seed_sources[1]]


async def test_unknown_id_shows_a_message_and_keeps_working() -> None:
    app = DetailApp(seed(), ("incident", "no-such-thing"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert pane_text(app.pane).startswith("NOT FOUND · no-such-thing\n")
        assert "There is no record with this id in the story." in pane_text(app.pane)
        await pilot.press("enter", "j", "k", "f", "end", "home")
        await settle(pilot)
        assert app.messages == []
        app.pane.target = ("incident", "termez-rockets")
        await settle(pilot)
        assert "Claimed rocket attack on Termez" in pane_text(app.pane)


async def test_same_target_does_not_rebuild_and_new_target_replaces() -> None:
    app = DetailApp(seed(), ("incident", "termez-rockets"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        laid = app.pane._laid
        app.pane.target = ("incident", "termez-rockets")
        await settle(pilot)
        assert app.pane._laid is laid
        app.pane.target = ("actor", "isk")
        await settle(pilot)
        assert app.pane._laid is not laid
        assert app.pane.lines[0] == "ACTOR · isk"
        # One widget: nothing is mounted for a record.
        assert list(app.pane.children) == []


async def test_every_quote_of_a_prolific_speaker_is_listed_and_linked() -> None:
    from dataclasses import replace

    story = seed()
    base = story.quote("mines-showcase-failures")
    extra = tuple(replace(base, id=f"extra-{i}") for i in range(40))
    big = Story(
        meta=story.meta,
        sources=story.sources,
        actors=story.actors,
        incidents=story.incidents,
        quotes=story.quotes + extra,
        context=story.context,
    )
    app = DetailApp(big, ("actor", "andrew-mines"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Quotes (43)" in pane_text(app.pane)
        quotes = [rid for kind, rid in links(app.pane) if kind == "quote"]
        assert len(quotes) == 43 and quotes[-1] == "extra-39"
        await pilot.press("end", "enter")
        await settle(pilot)
        last = app.messages[-1]
        assert isinstance(last, Navigate) and last.record_id == "extra-39"


# -- hostile text --------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (
            ("incident", "x2022-04-18"),
            [
                "[red]Rocket[/red] attack on ␛[2J␛[H",
                "a [/ b",
                "[bold magenta]Not bold[/]",
                "[/]",
                "␛[?1049h",
            ],
        ),
        (("actor", "Yes2"), ["[bold magenta]Not bold[/]", "[@click=app.bell]ring[/]"]),
        (("context", "ctx_1.a-b"), ["[b]"]),
        (None, ["[red]not red[/red] and [@click=app.quit]click me[/]", "␛]52;c;aGVsbG8=␇"]),
    ],
)
async def test_hostile_text_is_shown_literally(target: Target, expected: list[str]) -> None:
    app = DetailApp(fixture("hostile.yaml"), target)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = pane_text(app.pane)
        for piece in expected:
            assert piece in text
        await pilot.press("end")
        await settle(pilot)
        for line in screen_lines(app):
            assert "\x1b" not in line and "\x9b" not in line and "\x07" not in line
        await pilot.press("home", "enter")
        await settle(pilot)
        assert app.is_running


async def test_end_highlights_a_link_on_screen_and_enter_follows_it() -> None:
    # No quotes and a long note: after `end` the last link (the Taliban's
    # column head) is far above the screen, so the highlight must not stay
    # on it; the links are all off screen and enter does nothing.
    from dataclasses import replace

    story = seed()
    incident = replace(story.incident("termez-rockets"), note="A long note. " * 200)
    small = Story(
        meta=story.meta, sources=story.sources, actors=story.actors, incidents=(incident,)
    )
    app = DetailApp(small, ("incident", "termez-rockets"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pane = app.pane
        await pilot.press("end")
        await settle(pilot)
        assert pane.scroll_y == pane.max_scroll_y > 0
        await pilot.press("enter")
        await settle(pilot)
        assert app.messages == []
        # Going back up with k highlights a column head once one is on screen.
        for _ in range(200):
            await pilot.press("k")
            link = pane.current_link
            assert link is not None
            if pane.on_screen(link):
                break
        else:
            pytest.fail("no link came back on screen")
        await pilot.press("enter")
        await settle(pilot)
        last = app.messages[-1]
        assert isinstance(last, Navigate) and last.record_id == link.record_id
        assert last.record_id in {"isk", "gov-uzbekistan", "taliban", "jamestown-tm-20-11"}


async def test_rapid_target_changes_end_on_the_last_one() -> None:
    app = DetailApp(seed(), None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for target in (
            ("incident", "termez-rockets"),
            ("actor", "isk"),
            ("quote", "mines-fly-in-the-face"),
            ("incident", "tajikistan-rockets"),
        ):
            app.pane.target = target
        await settle(pilot)
        assert app.pane.lines[0] == "INCIDENT · tajikistan-rockets"
        assert "Claimed rocket fire into Tajikistan" in pane_text(app.pane)


@pytest.mark.parametrize(("system", "ansi16"), [("standard", True), ("truecolor", False)])
async def test_sixteen_colour_terminals_get_saturated_stance_colours(
    monkeypatch: pytest.MonkeyPatch, system: str, ansi16: bool
) -> None:
    from textual import constants

    monkeypatch.setattr(constants, "COLOR_SYSTEM", system)
    app = DetailApp(fixture("three_governments.yaml"), ("incident", "port-strike"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.pane.has_class("-ansi16") is ansi16
        denied = app.pane.get_component_styles("detail--stance-denied")
        variables = app.get_css_variables()
        expected = variables["error" if ansi16 else "text-error"]
        assert denied.color.hex.upper() == expected.upper()[:7]
        # ... and the DENIED heading is drawn in that colour.
        lines = app.pane.lines
        y = row_with(lines, "DENIED")
        strip = app.pane._line_strip(y)
        segment = next(seg for seg in strip if seg.text.startswith("DENIED"))
        assert segment.style is not None and segment.style.color is not None
        assert segment.style.color.triplet is not None
        assert segment.style.color.triplet.hex.upper() == denied.color.hex.upper()
