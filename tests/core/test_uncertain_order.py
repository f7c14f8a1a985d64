"""``check`` warns where one actor's responses with different stances have
dates that allow either order: the coarser date is put first, and that
decides the actor's latest stance (the positions module's rule)."""

from __future__ import annotations

import pytest

from tui.story.load import check_story_text
from tui.story.positions import positions

HEAD = """storybrowse: 2
story: {headline: H}
actors:
  - {id: a, name: Alpha, kind: government}
  - {id: b, name: Beta, kind: government}
  - {id: g, name: Group, kind: armed-group}
incidents:
  - id: i1
    title: T
    date: '2020-01-01'
    claim: {by: g, text: We did it., date: '2020-01-01'}
    responses:
"""


def _warnings(*responses: str) -> list[str]:
    text = HEAD + "".join(f"      - {r}\n" for r in responses)
    story, problems = check_story_text(text, "o.yaml")
    assert story is not None, [p.format() for p in problems]
    return [p.format() for p in problems if "either order" in p.message]


@pytest.mark.parametrize(
    ("coarse", "fine"),
    [("2020-05", "2020-05-10"), ("2020", "2020-05"), ("2020-05~", "2020-05-31")],
)
def test_overlapping_dates_with_different_stances_warn(coarse: str, fine: str) -> None:
    found = _warnings(
        f"{{by: a, stance: confirmed, text: Yes., date: '{fine}'}}",
        f"{{by: a, stance: denied, text: No., date: '{coarse}'}}",
    )
    assert len(found) == 1
    assert "denied" in found[0] and "confirmed is taken as the later" in found[0]


@pytest.mark.parametrize(
    "responses",
    [
        # certainly ordered
        (
            "{by: a, stance: denied, text: No., date: '2020-05'}",
            "{by: a, stance: confirmed, text: Yes., date: '2020-06-10'}",
        ),
        # the same day: the file's order decides, as documented
        (
            "{by: a, stance: denied, text: No., date: '2020-05-10'}",
            "{by: a, stance: confirmed, text: Yes., date: '2020-05-10'}",
        ),
        # the same stance: the order changes nothing
        (
            "{by: a, stance: denied, text: No., date: '2020-05'}",
            "{by: a, stance: denied, text: Still no., date: '2020-05-10'}",
        ),
        # different actors
        (
            "{by: a, stance: denied, text: No., date: '2020-05'}",
            "{by: b, stance: confirmed, text: Yes., date: '2020-05-10'}",
        ),
        # a withdrawn response has no stance to compete
        (
            "{by: a, stance: denied, text: No., date: '2020-05', withdrawn: '2020-05-20'}",
            "{by: a, stance: confirmed, text: Yes., date: '2020-05-10'}",
        ),
        # an undated response is ordered last, which the file says plainly
        (
            "{by: a, stance: denied, text: No.}",
            "{by: a, stance: confirmed, text: Yes., date: '2020-05-10'}",
        ),
    ],
)
def test_no_warning_where_the_order_is_known_or_does_not_matter(
    responses: tuple[str, str],
) -> None:
    assert _warnings(*responses) == []


def test_the_warning_names_the_stance_the_positions_take() -> None:
    text = HEAD + (
        "      - {by: a, stance: confirmed, text: Yes., date: '2020-05-10'}\n"
        "      - {by: a, stance: denied, text: No., date: '2020-05'}\n"
    )
    story, problems = check_story_text(text, "o.yaml")
    assert story is not None
    (position,) = positions(story.incidents[0])
    (warning,) = [p for p in problems if "either order" in p.message]
    assert f"{position.latest} is taken as the later" in warning.message
    assert warning.path == "incidents[0] (i1).responses[0]"
