"""A stable layout: moving the focus between a list and the detail changes
the label line above the detail (and the highlighted link), never where the
record's lines are on screen."""

from __future__ import annotations

import pytest

from tui.screens.panes import label_content

STORIES = ["seed", "denial_admitted", "three_governments", "competing_claims"]


def changed_rows(before: list[str], after: list[str]) -> list[int]:
    return [y for y, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]


@pytest.mark.parametrize("name", STORIES)
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_enter_and_escape_change_only_the_label_and_the_link(
    ui, name: str, size: tuple[int, int]
) -> None:
    app = ui.app(name)
    async with app.run_test(size=size) as pilot:
        await ui.settle(pilot)
        await pilot.press("down", "up")  # from the story overview to the first row's preview
        await ui.settle(pilot)
        detail = ui.detail(app)
        before = ui.screen_lines(app)
        label_row = next(y for y, line in enumerate(before) if "enter: open it here" in line)
        await pilot.press("enter")
        await pilot.pause()
        assert detail.has_focus_within
        opened = ui.screen_lines(app)
        # The label line names the detail's keys now ...
        assert "esc: back to the list" in opened[label_row]
        # ... and the record did not move: the rows that changed are the
        # label, the rows of the highlighted (first) link, and the footer
        # (the detail's keys).
        link = detail.current_link
        link_rows = set()
        if link is not None:
            top = detail.region.y - round(detail.scroll_y)
            link_rows = {top + y for y, _, _ in link.regions}
        footer = len(before) - 1
        assert set(changed_rows(before, opened)) <= {label_row, footer, *link_rows}
        await pilot.press("escape")
        await pilot.pause()
        assert not detail.has_focus_within
        assert ui.screen_lines(app) == before


def test_the_focused_label_fits_80_columns() -> None:
    kinds = ["incident", "context", "actor", "quote"]
    for kind in kinds:
        for back in [None, *kinds]:
            for links in (True, False):
                text = label_content(
                    (kind, "x"),  # type: ignore[arg-type]
                    focused=True,
                    back_to=back,  # type: ignore[arg-type]
                    links=links,
                ).plain
                assert len(text) <= 78, text  # 80 columns less the line's padding
                assert "esc: back to the" in text
                assert ("links" in text) is links
