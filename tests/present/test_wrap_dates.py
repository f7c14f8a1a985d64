"""A displayed date is never broken across lines, at any width where it
fits on a line, in any styled text the layout wraps."""

from __future__ import annotations

import re

import pytest

from tui.present.layout import wrap_spans
from tui.story.dates import parse_date

DATES = [parse_date(d).display() for d in ("2040-06-09", "2031-03", "2022-04-18?", "2022?-04-18")]
TEXT = "DISPUTED · WITHDRAWN {} then confirmed on {} and again {}, finally {}."


@pytest.mark.parametrize("width", range(14, 60))  # the longest date + "." fits
def test_dates_stay_whole(width: int) -> None:
    text = TEXT.format(*DATES)
    lines = wrap_spans([(text, "muted", 3)], width)
    rendered = ["".join(t for t, _, _ in line) for line in lines]
    # Nothing lost or changed: the words read the same, and no no-break
    # character leaks into the output.
    assert " ".join(" ".join(rendered).split()) == " ".join(text.split())
    assert not any("\u00a0" in line for line in rendered)
    assert all(style == "muted" and link == 3 for line in lines for t, style, link in line if t)
    for date in DATES:
        core = re.sub(r"[?].*| \(.*", "", date)  # the day, month and year
        assert any(core in line for line in rendered), (date, rendered)


@pytest.mark.parametrize("width", range(22, 50))
def test_withdrawn_stays_with_its_date_where_both_fit(width: int) -> None:
    text = "19 Mar 2032 · DENIED · WITHDRAWN 28 Mar 2032 and more words follow"
    rendered = ["".join(t for t, _, _ in line) for line in wrap_spans([(text, "", -1)], width)]
    assert any("WITHDRAWN 28 Mar 2032" in line for line in rendered), rendered
    assert any("19 Mar 2032" in line for line in rendered), rendered
