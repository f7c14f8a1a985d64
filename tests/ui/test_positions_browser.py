"""The browser on format-2 stories: an incident's claims and each actor's
statements over time, the timeline summary by actor, the actor view by
statement date, the actor filter with members, and what was known when
(--as-of, [ and ], escape)."""

from __future__ import annotations

from typing import Any

from tui.app import create_app
from tui.present.describe import timeline_rows
from tui.story.dates import parse_date


def words(lines: list[str]) -> str:
    return " ".join(" ".join(lines).split())


async def shown(ui: Any, pilot: Any, app: Any, kind: str, record_id: str) -> str:
    ui.browser(app).navigate(kind, record_id, focus="detail")
    await ui.settle(pilot)
    return words(ui.detail(app).lines)


async def test_the_incident_shows_every_statement_with_its_own_date(ui: Any) -> None:
    app = ui.app("denial_admitted")
    async with app.run_test(size=(120, 40)) as pilot:
        text = await shown(ui, pilot, app, "incident", "ex204-crash")
        assert "Positions (6)" in text
        assert "DENIED 10 Mar → CONFIRMED 11 Mar" in text
        assert "DENIED 8 Mar (withdrawn) → INVESTIGATING 10 Mar" in text
        assert "CONFIRMED undated" in text
        for said in ("No missile struck", "unforgivable", "engine failure", "no cause"):
            assert said in text, said
        assert "SUPPORTED" in text and "DID NOT RESPOND" in text
        # One column per responding actor: Examplestan's heading once.
        heads = [line for line in ui.detail(app).lines if "Government of Examplestan" in line]
        assert len(heads) == 2  # its line in the positions strip, its column heading


async def test_several_claims_each_response_says_which_it_answers(ui: Any) -> None:
    app = ui.app("competing_claims")
    async with app.run_test(size=(120, 40)) as pilot:
        text = await shown(ui, pilot, app, "incident", "pipeline-blast")
        assert text.count("CLAIM ") >= 3
        for claim in ("state-claim", "accident-claim", "group-claim"):
            assert f"Claim: {claim}" in text
        assert "Answers: group-claim" in text and "Answers: accident-claim" in text
        rows = ui.rows(app, "timeline")
        assert any("3 claims" in r for r in rows), rows


async def test_the_timeline_counts_actors_by_latest_stance(ui: Any) -> None:
    app = ui.app("denial_admitted")
    async with app.run_test(size=(120, 24)) as pilot:
        await ui.settle(pilot)
        row = next(r for r in ui.rows(app, "timeline") if "Nordmark Air" in r)
        assert "2 confirmed (1 changed)" in row
    story = ui.load("denial_admitted")
    [summary] = [r.summary for r in timeline_rows(story) if r.record_id == "ex204-crash"]
    assert summary == (
        "claimed · 2 confirmed (1 changed) · 1 denied · 1 investigating (1 changed) · "
        "1 supported · 1 did not respond"
    )


async def test_the_title_keeps_30_cells_at_80_columns(ui: Any) -> None:
    app = ui.app("denial_admitted")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        row = next(r for r in ui.rows(app, "timeline") if "Nordmark" in r)
        title = "Nordmark Air flight EX-204 crashes after take-off from Lumenburg"
        start = row.index("Nordmark")
        kept = 0
        while start + kept < len(row) and row[start + kept] == title[kept]:
            kept += 1
        assert kept >= 30, row


async def test_the_actor_view_dates_each_statement(ui: Any) -> None:
    app = ui.app("denial_admitted")
    async with app.run_test(size=(120, 40)) as pilot:
        text = await shown(ui, pilot, app, "actor", "examplestan")
        assert "TRAIL DENIED 10 Mar → CONFIRMED 11 Mar" in text
        assert text.index("DENIED 10 Mar 2031") < text.index("CONFIRMED 11 Mar 2031")
        assert "DISPUTED 21 Mar 2031" in text and "CONFIRMED 2 Apr 2031" in text


async def test_the_actor_filter_includes_members_and_says_so(ui: Any) -> None:
    app = ui.app("denial_admitted")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = ui.browser(app)
        screen.apply_filter("examplestan")
        await ui.settle(pilot)
        assert "Filter: Government of Examplestan and 5 members — esc clears" in ui.screen_text(app)
        screen.apply_filter("nordmark")
        await ui.settle(pilot)
        assert "Filter: Government of Nordmark — esc clears" in ui.screen_text(app)
        # The quote by Examplestan's spokesman is in Examplestan's filter.
        screen.apply_filter("examplestan")
        await ui.settle(pilot)
        assert ui.pane(app, "quotes").count == 1


async def test_as_of_then_brackets_then_escape(ui: Any) -> None:
    app = create_app(ui.load("denial_admitted"), as_of=parse_date("2031-03-10"))
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.settle(pilot)
        assert "as of 10 Mar 2031" in ui.screen_lines(app)[0]
        assert len(ui.pane(app, "timeline").rows) == 2  # the recorders came later
        text = await shown(ui, pilot, app, "incident", "ex204-crash")
        assert "unforgivable" not in text
        ui.browser(app).set_focus(ui.pane(app, "timeline"))
        await pilot.press("right_square_bracket")
        await ui.settle(pilot)
        assert "as of 11 Mar 2031" in ui.screen_lines(app)[0]
        assert "unforgivable" in words(ui.detail(app).lines)  # the place is kept
        await pilot.press("left_square_bracket", "left_square_bracket")
        await ui.settle(pilot)
        assert "as of 9 Mar 2031" in ui.screen_lines(app)[0]
        await pilot.press("escape")
        await ui.settle(pilot)
        assert "as of" not in ui.screen_lines(app)[0]
        assert len(ui.pane(app, "timeline").rows) == 3


async def test_brackets_from_the_whole_story(ui: Any) -> None:
    app = ui.app("denial_admitted")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await pilot.press("right_square_bracket")
        await ui.settle(pilot)
        assert "as of" not in ui.screen_lines(app)[0]
        assert "already the whole story" in ui.screen_text(app)
        await pilot.press("left_square_bracket")
        await ui.settle(pilot)
        assert "as of 2 Apr 2031" in ui.screen_lines(app)[0]
        await pilot.press("right_square_bracket")
        await ui.settle(pilot)
        assert "as of" not in ui.screen_lines(app)[0]
