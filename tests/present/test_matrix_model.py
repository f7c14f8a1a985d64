"""The positions matrix model (tui/present/matrix.py) and its text and
Markdown (tui/present/matrix_text.py), on invented stories."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.present.glyphs import ASCII
from tui.present.matrix import (
    CLAIMED,
    SHORT_WORDS,
    cell_summary,
    cell_text,
    fit_matrix,
    header_lines,
    legend,
    positions_matrix,
)
from tui.present.matrix_text import groups, matrix_lines, matrix_markdown, width_of
from tui.story.cells import cell_width
from tui.story.dates import parse_date
from tui.story.load import load_story
from tui.story.model import Story
from tui.story.positions import WITHDRAWN
from tui.story.vocab import STANCES

ROOT = Path(__file__).resolve().parents[2]
STORIES = ROOT / "tests" / "fixtures" / "stories"


BLAME = STORIES / "blame_matrix.yaml"  # the invented story these tests read


@pytest.fixture
def story() -> Story:
    return load_story(BLAME)


def grid(story: Story, date: str | None = None) -> dict[tuple[str, str], str]:
    """(incident, actor) -> the cell as drawn, for every non-empty cell."""
    m = positions_matrix(story, parse_date(date) if date else None)
    return {
        (r.incident.id, c.actor_id): cell_text(cell).strip()
        for r in m.rows
        for c, cell in zip(m.columns, r.cells, strict=True)
        if cell is not None
    }


def test_rows_are_incidents_in_timeline_order_and_columns_governments_first(
    story: Story,
) -> None:
    m = positions_matrix(story)
    assert [r.incident.id for r in m.rows] == ["crossing-shelled", "bridge-fire", "drone-sighting"]
    # Governments first, by number of statements (Vesna 4 = Korlan 4 > Ostra
    # 1; a tie in file order), then the rest.
    assert [c.actor_id for c in m.columns] == ["vesna", "korlan", "ostra", "wire"]
    assert [c.statements for c in m.columns] == [4, 4, 1, 1]
    # The armed group said nothing anywhere: no column.
    assert "front" not in {c.actor_id for c in m.columns}


def test_a_denial_later_admitted_is_the_admission_marked_as_changed(story: Story) -> None:
    cells = grid(story)
    assert cells[("crossing-shelled", "vesna")] == "*CONFIRMED"
    assert cells[("crossing-shelled", "korlan")] == "CLAIMED"
    assert cells[("drone-sighting", "vesna")] == "DECLINED TO COMMENT"
    m = positions_matrix(story)
    row = m.rows[0]
    assert cell_summary(story, row, 0, m.columns[0]) == (
        "Government of Vesna (Vesnograd): DENIED 2 May → CONFIRMED 9 May"
    )


def test_competing_claims_claimant_and_responder(story: Story) -> None:
    cells = grid(story)
    # Vesna made the first claim and answered nothing on the bridge: CLAIMED.
    assert cells[("bridge-fire", "vesna")] == "CLAIMED"
    assert cells[("bridge-fire", "wire")] == "CLAIMED"
    # Korlan answered both claims, the latest is its stance; changed, as it moved.
    assert cells[("bridge-fire", "korlan")] == "*INVESTIGATING"
    m = positions_matrix(story)
    summary = cell_summary(story, m.rows[1], 1, m.columns[1])
    assert summary == "Government of Korlan: DENIED 5 May → INVESTIGATING 7 May"


def test_an_actor_that_claimed_and_answered_shows_its_answer(tmp_path: Path) -> None:
    m = positions_matrix(load_story(STORIES / "competing_claims.yaml"))
    ids = [c.actor_id for c in m.columns]
    row = m.rows[0]
    examplestan = row.cells[ids.index("examplestan")]
    assert examplestan is not None and examplestan.key == "denied"
    assert [c.id for c in examplestan.claims] == ["accident-claim"]
    herald = row.cells[ids.index("herald")]
    assert herald is not None and herald.key == CLAIMED and not herald.changed


def test_a_withdrawn_only_actor_is_withdrawn_and_changed(story: Story) -> None:
    cells = grid(story)
    assert cells[("crossing-shelled", "ostra")] == "*WITHDRAWN"
    m = positions_matrix(load_story(STORIES / "withdrawn_only.yaml"))
    [row] = m.rows
    keys = {c.actor_id: cell for c, cell in zip(m.columns, row.cells, strict=True)}
    ostravia = keys["ostravia"]
    assert ostravia is not None and ostravia.key == WITHDRAWN and ostravia.changed
    only = load_story(STORIES / "withdrawn_only.yaml")
    summary = cell_summary(only, row, 1, m.columns[1])
    assert summary == "Government of Ostravia: DISPUTED 3 Jun (withdrawn)"


def test_empty_when_the_actor_said_nothing(story: Story) -> None:
    m = positions_matrix(story)
    by_id = {c.actor_id: i for i, c in enumerate(m.columns)}
    drone = m.rows[2]
    assert drone.cells[by_id["ostra"]] is None
    assert drone.cells[by_id["wire"]] is None
    assert cell_text(None) == ""
    assert cell_summary(story, drone, by_id["ostra"], m.columns[by_id["ostra"]]) == (
        "Government of Ostra: said nothing on this incident"
    )


def test_as_of_is_the_picture_on_that_date(story: Story) -> None:
    before = grid(story, "2033-05-04")
    # Vesna had denied and not yet admitted; Ostra's support still stood.
    assert before[("crossing-shelled", "vesna")] == "DENIED"
    assert before[("crossing-shelled", "ostra")] == "SUPPORTED"
    assert before[("bridge-fire", "vesna")] == "CLAIMED"
    assert ("bridge-fire", "korlan") not in before
    assert ("drone-sighting", "vesna") not in before
    m = positions_matrix(story, parse_date("2033-05-04"))
    assert m.as_of is not None and m.as_of.text == "2033-05-04"
    assert [r.incident.id for r in m.rows] == ["crossing-shelled", "bridge-fire"]
    # Columns keep the whole story's order (Vesna before Korlan), only
    # those who had spoken; the wire service had not yet.
    assert [c.actor_id for c in m.columns] == ["vesna", "korlan", "ostra"]


def test_every_stance_has_one_distinct_short_word() -> None:
    assert set(STANCES) | {CLAIMED, WITHDRAWN} == set(SHORT_WORDS)
    assert len(set(SHORT_WORDS.values())) == len(SHORT_WORDS)


def test_full_words_when_they_fit_short_words_with_a_legend_when_not(story: Story) -> None:
    m = positions_matrix(story)
    wide = fit_matrix(m, 160)
    assert not wide.short
    assert all("DENY" not in t for t in wide.legend())
    narrow = fit_matrix(m, 60)
    assert narrow.short
    text = " · ".join(narrow.legend())
    assert "CONF confirmed" in text and "WDRN withdrawn" in text and "CLAIM claimed" in text
    assert "DISP" not in text  # no cell is disputed: not in the legend
    assert "* the stance changed" in text
    row = m.rows[0]
    assert narrow.cell(row, 0).strip() == "*CONF"
    assert wide.cell(row, 0).strip() == "*CONFIRMED"


def test_legend_without_changes_has_no_mark(tmp_path: Path) -> None:
    m = positions_matrix(load_story(ROOT / "story.yaml"))
    assert legend(m, short=False) == ["empty: said nothing on it"]


def test_headers_use_an_alias_or_a_tail_when_the_name_does_not_fit(story: Story) -> None:
    m = positions_matrix(story)
    narrow = fit_matrix(m, 60)
    heads = {c.actor_id: col.header for c, col in zip(m.columns, narrow.columns, strict=True)}
    assert heads["vesna"] in (("Government", "of Vesna"), ("Vesnograd", ""))
    lines, whole = header_lines("Program on Extremism at George Washington University", 10)
    assert not whole and lines[-1].endswith("…") and all(cell_width(x) <= 10 for x in lines)
    assert header_lines("Taliban", 10) == (["Taliban", ""], True)


@pytest.mark.parametrize("width", [20, 33, 60, 80, 120, 200])
@pytest.mark.parametrize(
    "name", ["blame_matrix", "denial_admitted", "competing_claims", "hostile", "intl"]
)
def test_text_lines_fit_the_width(tmp_path: Path, width: int, name: str) -> None:
    story = load_story(STORIES / f"{name}.yaml")
    fitted = fit_matrix(positions_matrix(story), width)
    lines = matrix_lines(fitted, story.meta.headline)
    widest_column = max((c.width for c in fitted.columns), default=0)
    for line in lines[1:]:  # the title line is the headline, whole
        assert width_of(line) <= max(width, fitted.label_width + 2 + widest_column), line
    # Every column is in exactly one group.
    shown = [i for g in groups(fitted) for i in g]
    assert shown == list(range(len(fitted.columns)))
    text = "\n".join("".join(t for t, _, _ in line) for line in lines)
    assert "\x1b" not in text and "\x9b" not in text


def test_text_in_groups_repeats_the_incidents(story: Story) -> None:
    fitted = fit_matrix(positions_matrix(story), 40)
    text = "\n".join("".join(t for t, _, _ in line) for line in matrix_lines(fitted, "H", ASCII))
    assert len(groups(fitted)) > 1
    assert text.count("Shell") == len(groups(fitted))
    assert "Actor 1 of 4" in text and "Actor 4 of 4" in text and "---" in text


def test_markdown_table_escapes_story_text(story: Story) -> None:
    md = matrix_markdown(positions_matrix(story, parse_date("2033-05-10")), "Blame | shift")
    lines = md.splitlines()
    assert lines[0] == "# Positions matrix: Blame \\| shift"
    assert "As of 10 May 2033" in md
    header = next(line for line in lines if line.startswith("| Date"))
    assert header.count(" | ") == 5  # date, incident and four actors
    bridge = next(line for line in lines if "bridge-fire" in line)
    assert "\\[red\\]Korlan\\[/\\] bridge \\| east span" in bridge
    assert "\\*CONFIRMED" in md and "\\*WITHDRAWN" in md
    # Every table row has as many cells as the header.
    rows = [line for line in lines if line.startswith("| ")]
    assert len({line.count(" | ") for line in rows}) == 1
