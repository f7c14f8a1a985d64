"""The browser's detail pane and ``storybrowse show`` say the same thing.

For every record of every fixture story and of story.yaml, at widths 60, 80
and 120, the text the detail pane draws (read from its rendered lines, every
line of the view, not only those on screen) equals what ``storybrowse show
FILE ID --width W`` prints, apart from the pane's hint line.  Both are drawn
from one view model and one layout (tui/present/); this test is what keeps
them from drifting apart again.
"""

from __future__ import annotations

import io
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from tui.app import create_app
from tui.cli import main
from tui.present.view import all_ids
from tui.story.load import load_story
from tui.widgets.detail import DetailPane

ROOT = Path(__file__).resolve().parents[2]
STORIES = sorted((ROOT / "tests" / "fixtures" / "stories").glob("*.yaml"))
PATHS = [ROOT / "story.yaml", *STORIES]
WIDTHS = (60, 80, 120)
# The pane's chrome around its content: one cell of padding on each side
# and the (always reserved) scrollbar column.
CHROME = 3


def show(path: Path, record_id: str | None, width: int) -> list[str]:
    """``storybrowse show PATH [ID] --width W``, as lines."""
    out = io.StringIO()
    ids = [record_id] if record_id is not None else []
    with redirect_stdout(out):
        code = main(["show", str(path), *ids, "--width", str(width)])
    assert code == 0, out.getvalue()
    return out.getvalue().splitlines()


def drawn(pane: DetailPane) -> list[str]:
    """Every line the pane draws for its record, as the rendered strips'
    text with trailing spaces removed."""
    height = pane.virtual_size.height
    return [pane._line_strip(y).text.rstrip(" ") for y in range(height)]


def test_every_story_is_covered() -> None:
    names = {p.stem for p in PATHS}
    assert {"story", "hostile", "three_governments", "partial_dates", "empty"} <= names


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
async def test_detail_pane_draws_what_show_prints(
    path: Path, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False, raising=False)
    story = load_story(path)
    ids = all_ids(story)
    app = create_app(story)
    async with app.run_test(size=(width + CHROME, 30)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one("#detail", DetailPane)
        pane.focus()
        await pilot.pause()
        assert pane.scrollable_content_region.width == width
        compared = 0
        for record_id in ids:
            kind = story.kind_of(record_id)
            assert kind is not None
            pane.target = (kind, record_id)
            await pilot.pause()
            assert pane.lines and pane.lines[0].endswith(record_id), record_id
            # Focused, the first row is the record's, as in `show`: no hint line.
            assert pane._line_strip(0).text.rstrip(" ") == pane.lines[0]
            assert drawn(pane) == show(path, record_id, width), (record_id, width)
            compared += 1
        assert compared == len(ids)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
async def test_overview_in_the_detail_is_how_show_begins(
    path: Path, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The story's overview (the detail with no record, as the browser
    opens) is what ``storybrowse show FILE`` prints before the timeline."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False, raising=False)
    story = load_story(path)
    app = create_app(story)
    async with app.run_test(size=(width + CHROME, 30)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one("#detail", DetailPane)
        assert pane.target is None
        pane.focus()
        await pilot.pause()
        lines = drawn(pane)
        printed = show(path, None, width)
        assert lines[0] == "STORY"
        assert printed[: len(lines)] == lines
        assert printed[len(lines)] == ""
        assert printed[len(lines) + 1].startswith("Timeline (")
