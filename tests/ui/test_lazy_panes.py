"""Hidden panes build their rows after the first frame; the tabs' counts,
known without building them, are the counts of the built rows."""

from __future__ import annotations

import pytest

from tui.screens.panes import PANES
from tui.widgets.listpane import ListPane

STORIES = ["seed", "denial_admitted", "three_governments", "competing_claims", "empty"]


@pytest.mark.parametrize("name", STORIES)
async def test_tab_counts_match_the_built_rows(ui, name: str) -> None:
    app = ui.app(name)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        for pane_name in PANES:
            pane: ListPane = ui.pane(app, pane_name)
            assert pane.unfiltered_count() is not None
            counted = pane.count
            await ui.until(pilot, lambda pane=pane: pane.built)  # built after the first frame
            assert pane.count == counted == len([r for r in pane.rows if r.record_id])
            assert pane.total == counted


async def test_a_filter_on_a_hidden_pane_counts_its_rows(ui) -> None:
    app = ui.app("three_governments")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        quotes = ui.pane(app, "quotes")
        actor = app.story.actors[0].id
        ui.browser(app).apply_filter(actor)
        await pilot.pause()
        expected = len(app.story.quotes_involving((actor, *_members(app, actor))))
        assert quotes.count == expected
        assert quotes.total == len(app.story.quotes)


def _members(app, actor: str) -> tuple[str, ...]:
    from tui.story.positions import members

    return members(app.story, actor)
