"""The one did-you-mean helper and the one size formatter of the core."""

from __future__ import annotations

import pytest

from tui.present import view
from tui.story.load import check_story_text
from tui.story.sizes import size_label
from tui.story.suggest import close_matches, did_you_mean

IDS = ["tajikistan-govt", "taliban", "tashkent", "rferl", "termez-rockets-2022"]


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        ("talibn", ["taliban"]),  # a typo
        ("TALIBAN", ["taliban"]),  # another case
        ("RFERL", ["rferl"]),  # too short for difflib's ratio, same ignoring case
        ("rockets", ["termez-rockets-2022"]),  # a part of the id
        ("ta", []),  # too short to be a part worth suggesting
        ("zzzzzz", []),
        ("", []),
    ],
)
def test_close_matches(wanted: str, expected: list[str]) -> None:
    assert close_matches(wanted, IDS) == expected


def test_close_matches_gives_up_to_n_best_first() -> None:
    assert close_matches("tashkent", IDS, n=3)[0] == "tashkent"
    assert len(close_matches("ta-", ["ta-1", "ta-2", "ta-3", "ta-4"], n=3)) == 3
    assert close_matches("x", []) == []


def test_did_you_mean_wording() -> None:
    assert did_you_mean("talibn", IDS) == " (did you mean 'taliban'?)"
    assert did_you_mean("zzzzzz", IDS) == ""


def test_the_loader_and_show_use_the_same_helper() -> None:
    """An id named only by a part of it is suggested by both."""
    text = (
        "story: {headline: h}\n"
        "actors: [{id: a, name: n, kind: other}]\n"
        "incidents:\n"
        "  - {id: termez-rockets-2022, title: t, date: '2022', claim: {by: a, text: x}}\n"
    )
    bad = text + "quotes: [{id: q, speaker: a, text: t, about: [rockets]}]\n"
    _, problems = check_story_text(bad)
    assert [p.message for p in problems] == [
        "no such id 'rockets' (did you mean 'termez-rockets-2022'?)"
    ]
    story, _ = check_story_text(text)
    assert story is not None
    assert view.suggest_ids(story, "rockets") == ["termez-rockets-2022"]


@pytest.mark.parametrize(
    ("n", "label"),
    [
        (0, "0 bytes"),
        (1023, "1023 bytes"),
        (1024, "1.0 KiB"),
        (1536, "1.5 KiB"),
        (2 * 1024 * 1024, "2.0 MiB"),
        (16_060_691, "15.3 MiB"),
        (32 * 1024 * 1024, "32.0 MiB"),
        (5 * 1024**3, "5.0 GiB"),
    ],
)
def test_size_label_uses_binary_units(n: int, label: str) -> None:
    assert size_label(n) == label
