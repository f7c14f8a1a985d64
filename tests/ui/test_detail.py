"""Pilot tests of the detail pane, mounted alone in a small app whose screen
includes tui/widgets/detail.tcss and sets the same breakpoint classes as the
browser screen (-narrow < 80 <= -normal < 120 <= -wide)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from tui.messages import FilterByActor, Navigate
from tui.story.load import load_story
from tui.story.model import RecordKind, Story
from tui.widgets import detail as detail_module
from tui.widgets.detail import DetailPane
from tui.widgets.detail_parts import SECTION_LIMIT, Columns, Link

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


def text_of(widget: Widget) -> str:
    """The plain text a Static shows."""
    assert isinstance(widget, Static)
    return str(widget.visual)


def pane_text(pane: DetailPane) -> str:
    return "\n".join(text_of(w) for w in pane.query(Static) if w.id != "detail-hint")


def screen_lines(app: App[None]) -> list[str]:
    """What the terminal would show (the compositor's rendered strips)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def columns(pane: DetailPane) -> list[Widget]:
    return list(pane.query_one(Columns).children)


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
        claim, *responses = columns(app.pane)
        assert len(responses) == 2
        regions = [c.region for c in (claim, *responses)]
        # Same top row, left to right, not overlapping, equal widths.
        assert len({r.y for r in regions}) == 1
        assert regions[0].right <= regions[1].x and regions[1].right <= regions[2].x
        assert max(r.width for r in regions) - min(r.width for r in regions) <= 1
        labels = [text_of(c.query_one(".column-kind")) for c in (claim, *responses)]
        assert labels == ["CLAIM", "DENIED", "INVESTIGATING"]
        heads = [text_of(c.query_one(".column-actor")) for c in (claim, *responses)]
        assert heads == ["Islamic State-Khorasan (IS-K)", "Tajikistan (Dushanbe)", "Taliban"]
        # On screen, the three labels share one terminal row.
        row = next(line for line in screen_lines(app) if "CLAIM" in line)
        assert "DENIED" in row and "INVESTIGATING" in row
        assert row.index("CLAIM") < row.index("DENIED") < row.index("INVESTIGATING")


async def test_columns_stack_on_narrow_terminal_and_come_back() -> None:
    app = DetailApp(seed(), ("incident", "tajikistan-rockets"))
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        assert "-narrow" in app.screen.classes
        regions = [c.region for c in columns(app.pane)]
        assert len({r.x for r in regions}) == 1
        assert regions[0].bottom <= regions[1].y and regions[1].bottom <= regions[2].y
        labels = [text_of(c.query_one(".column-kind")) for c in columns(app.pane)]
        assert labels == ["CLAIM", "DENIED", "INVESTIGATING"]

        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        regions = [c.region for c in columns(app.pane)]
        assert len({r.y for r in regions}) == 1
        assert len({r.x for r in regions}) == 3


async def test_stance_words_carry_colour_classes() -> None:
    app = DetailApp(fixture("three_governments.yaml"), ("incident", "port-strike"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        kinds = [c.query_one(".column-kind") for c in columns(app.pane)]
        assert [text_of(k) for k in kinds] == ["CLAIM", "CONFIRMED", "DENIED", "DISPUTED"]
        assert kinds[1].has_class("stance-confirmed")
        assert kinds[2].has_class("stance-denied")
        assert kinds[3].has_class("stance-disputed")
        # Four columns side by side at 120 columns.
        assert len({c.region.y for c in columns(app.pane)}) == 1


async def test_three_responses_wrap_into_a_grid_at_80_columns() -> None:
    app = DetailApp(fixture("three_governments.yaml"), ("incident", "port-strike"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        cols = columns(app.pane)
        assert app.pane.query_one(Columns).has_class("-grid")
        claim, confirmed, denied, disputed = (c.region for c in cols)
        assert claim.y == confirmed.y and claim.x < confirmed.x
        assert denied.y == disputed.y > claim.y
        assert denied.x == claim.x and disputed.x == confirmed.x


async def test_declined_to_comment_and_investigating_words() -> None:
    app = DetailApp(fixture("three_governments.yaml"), ("incident", "bridge-fire"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        kinds = [text_of(c.query_one(".column-kind")) for c in columns(app.pane)]
        assert kinds == ["CLAIM", "INVESTIGATING", "DECLINED TO COMMENT"]
        text = pane_text(app.pane)
        assert "“We hit the bridge to show that no border can stop us.”" in text
        assert "Aug 2031 (day not given)" in text
        assert "as reported: “in late August”" in text


async def test_claim_column_details() -> None:
    app = DetailApp(seed(), ("incident", "termez-rockets"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        claim = columns(app.pane)[0]
        body = text_of(claim.query_one(".column-body"))
        assert "claimed (paraphrase):" in body
        assert "From: Balkh province, Afghanistan" in body
        assert "To: Termez, Uzbekistan" in body
        assert "When: 18 Apr 2022?" in body
        assert "as reported: “April 18”" in body
        assert "Source: The article: US election could decide fate of 70,000 Afghans" in body
        text = pane_text(app.pane)
        assert "Date: 18 Apr 2022? (inferred)" in text
        assert "Sources: RFE/RL contemporaneous reporting; Jamestown Foundation" in text


async def test_quotes_about_the_incident_are_listed_with_attribution() -> None:
    story = seed()
    app = DetailApp(story, ("incident", "tajikistan-rockets"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        quote_links = [w for w in app.pane.query(Link) if w.kind == "quote"]
        expected = [q.id for q in story.quotes_about("tajikistan-rockets")]
        assert [w.record_id for w in quote_links] == expected and expected
        mines = next(w for w in quote_links if w.record_id == "mines-showcase-failures")
        assert (
            "— Andrew Mines, research fellow, Program on Extremism at George Washington "
            "University, told RFE/RL" in text_of(mines)
        )
        assert "Quotes about this incident (3)" in pane_text(app.pane)


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
        all_links = [(w.kind, w.record_id) for w in pane.query(Link)]
        seen = []
        for _ in range(80):
            link = pane.current_link
            assert link is not None
            if (link.kind, link.record_id) not in seen:
                seen.append((link.kind, link.record_id))
            await pilot.press("j")
            await pilot.pause()
        assert seen == all_links
        # The last link is a quote; enter follows it and it is on screen.
        await pilot.press("enter")
        await settle(pilot)
        last = app.messages[-1]
        assert isinstance(last, Navigate) and last.kind == "quote"
        assert last.record_id == all_links[-1][1]
        link = pane.current_link
        assert link is not None
        assert pane.scrollable_content_region.overlaps(link.region)
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
        assert pane.scrollable_content_region.overlaps(link.region)
        await pilot.press("pageup", "pageup", "pageup")
        await settle(pilot)
        link = pane.current_link
        assert link is not None
        assert pane.scrollable_content_region.overlaps(link.region)


async def test_click_on_a_link_navigates() -> None:
    app = DetailApp(seed(), ("incident", "tajikistan-rockets"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        taliban = next(w for w in app.pane.query(Link) if w.record_id == "taliban")
        await pilot.click(taliban)
        await settle(pilot)
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
        assert "Responses (2)" in text
        assert "DENIED 18 Apr 2022?  Claimed rocket attack on Termez, Uzbekistan" in text
        assert "INVESTIGATING 7 May 2022?  Claimed rocket fire into Tajikistan" in text
        assert "On the timeline (2)" in text
        links = {(w.kind, w.record_id) for w in app.pane.query(Link)}
        assert ("incident", "termez-rockets") in links
        assert ("context", "us-taliban-agreement") in links
        assert ("quote", "mines-fly-in-the-face") in links


async def test_actor_view_of_andrew_mines_links_his_quotes_and_affiliation() -> None:
    app = DetailApp(seed(), ("actor", "andrew-mines"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        links = [(w.kind, w.record_id) for w in app.pane.query(Link)]
        # "Quoted on": the entries he figures in only through his quotes,
        # as the actors pane counts them (2 incidents, 1 context event).
        assert links == [
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
        text = pane_text(app.pane)
        assert text.startswith("QUOTE\n“(IS-K) wants to showcase Taliban failures")
        assert (
            "— Andrew Mines, research fellow, Program on Extremism at George Washington "
            "University, told RFE/RL" in text
        )
        links = [(w.kind, w.record_id) for w in app.pane.query(Link)]
        assert links == [
            ("actor", "andrew-mines"),
            ("actor", "gwu-program-on-extremism"),
            ("actor", "rferl"),
            ("actor", "isk"),
            ("actor", "taliban"),
            ("incident", "termez-rockets"),
            ("incident", "tajikistan-rockets"),
        ]
        for _ in range(6):
            await pilot.press("j")
        await pilot.press("enter")
        await settle(pilot)
        last = app.messages[-1]
        assert isinstance(last, Navigate)
        assert (last.kind, last.record_id) == ("incident", "tajikistan-rockets")


async def test_paraphrase_is_labelled() -> None:
    app = DetailApp(seed(), ("quote", "mines-signal-commitments"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = pane_text(app.pane)
        assert text.startswith("PARAPHRASE\nIS-K is now trying")
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
        await pilot.press("j", "enter")
        await settle(pilot)
        last = app.messages[-1]
        assert isinstance(last, Navigate) and (last.kind, last.record_id) == ("actor", "us")


# -- targets -----------------------------------------------------------------


async def test_no_target_shows_the_story_and_a_hint() -> None:
    app = DetailApp(seed(), None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = pane_text(app.pane)
        assert text.startswith("US election could decide fate of 70,000 Afghans")
        assert "Select an incident" in text
        assert "2 incidents · 2 context events" in text
        await pilot.press("enter", "f")
        await settle(pilot)
        assert app.messages == []


async def test_unknown_id_shows_a_message_and_keeps_working() -> None:
    app = DetailApp(seed(), ("incident", "no-such-thing"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Not found: there is no record “no-such-thing” in this story." in pane_text(app.pane)
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
        view = app.pane.query_one(".detail-view")
        app.pane.target = ("incident", "termez-rockets")
        await settle(pilot)
        assert app.pane.query_one(".detail-view") is view
        app.pane.target = ("actor", "isk")
        await settle(pilot)
        views = list(app.pane.query(".detail-view"))
        assert len(views) == 1 and views[0] is not view
        assert views[0].has_class("actor-view")


async def test_many_quotes_are_capped_with_a_count() -> None:
    from dataclasses import replace

    story = seed()
    base = story.quote("mines-showcase-failures")
    extra = tuple(replace(base, id=f"extra-{i}") for i in range(SECTION_LIMIT + 5))
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
        text = pane_text(app.pane)
        total = SECTION_LIMIT + 5 + 3
        assert f"Quotes ({total})" in text
        assert f"… and {total - SECTION_LIMIT} more" in text
        quote_links = [w for w in app.pane.query(Link) if w.kind == "quote"]
        assert len(quote_links) == SECTION_LIMIT


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
            if pane.scrollable_content_region.overlaps(link.region):
                break
        else:
            pytest.fail("no link came back on screen")
        await pilot.press("enter")
        await settle(pilot)
        last = app.messages[-1]
        assert isinstance(last, Navigate) and last.record_id == link.record_id
        assert last.record_id in {"isk", "gov-uzbekistan", "taliban"}


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
        views = list(app.pane.query(".detail-view"))
        assert len(views) == 1 and views[0].has_class("incident-view")
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
        denied = app.pane.query_one(".stance-denied")
        variables = app.get_css_variables()
        expected = variables["error" if ansi16 else "text-error"]
        assert denied.styles.color.hex.upper() == expected.upper()[:7]
