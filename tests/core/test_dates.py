"""The EDTF subset parser against the examples of the EDTF specification.

The examples are those of the Library of Congress EDTF specification
(https://www.loc.gov/standards/datetime/, levels 0, 1 and 2).  The ones in
the subset story files use (dates, qualifiers after a component or after the
whole date, X for unspecified digits) must parse to the meaning the
specification gives them; the others (times, intervals, seasons, sets,
prefix qualifiers, long or negative years...) must be refused with a
:class:`DateError`.
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.story.dates import DateError, EdtfDate, parse_date

# (text, year, month, day, precision, (year, month, day qualifiers), year range)
ACCEPTED = [
    # Level 0: date
    ("1985-04-12", 1985, 4, 12, "day", ("", "", ""), (1985, 1985)),
    ("1985-04", 1985, 4, None, "month", ("", "", ""), (1985, 1985)),
    ("1985", 1985, None, None, "year", ("", "", ""), (1985, 1985)),
    # Level 1: qualification of a date (complete)
    ("1984?", 1984, None, None, "year", ("?", "", ""), (1984, 1984)),
    ("2004-06~", 2004, 6, None, "month", ("~", "~", ""), (2004, 2004)),
    ("2004-06-11%", 2004, 6, 11, "day", ("%", "%", "%"), (2004, 2004)),
    # Level 1: unspecified digit(s) from the right
    ("201X", None, None, None, "year", ("", "", ""), (2010, 2019)),
    ("20XX", None, None, None, "year", ("", "", ""), (2000, 2099)),
    ("2004-XX", 2004, None, None, "month", ("", "", ""), (2004, 2004)),
    ("1985-04-XX", 1985, 4, None, "day", ("", "", ""), (1985, 1985)),
    ("1985-XX-XX", 1985, None, None, "day", ("", "", ""), (1985, 1985)),
    # Level 2: qualification of a component: a qualifier after a component
    # applies to it and to everything on its left.
    ("2004?-06-11", 2004, 6, 11, "day", ("?", "", ""), (2004, 2004)),
    ("2004-06~-11", 2004, 6, 11, "day", ("~", "~", ""), (2004, 2004)),
    ("2004?-06~-11", 2004, 6, 11, "day", ("%", "~", ""), (2004, 2004)),
    # Level 2: unspecified digit(s) anywhere within the year, month and day
    # (the forms with X only at the end of the year)
    ("156X-12-25", None, 12, 25, "day", ("", "", ""), (1560, 1569)),
    ("15XX-12-25", None, 12, 25, "day", ("", "", ""), (1500, 1599)),
    ("XXXX-12-XX", None, 12, None, "day", ("", "", ""), (None, None)),
    ("1XXX-XX", None, None, None, "month", ("", "", ""), (1000, 1999)),
    ("1XXX-12", None, 12, None, "month", ("", "", ""), (1000, 1999)),
    # The forms story files use for the seed story's incidents.
    ("XXXX-04-18", None, 4, 18, "day", ("", "", ""), (None, None)),
    ("2022?-04-18", 2022, 4, 18, "day", ("?", "", ""), (2022, 2022)),
    ("2022-04-18?", 2022, 4, 18, "day", ("?", "?", "?"), (2022, 2022)),
    # Leap days.
    ("2020-02-29", 2020, 2, 29, "day", ("", "", ""), (2020, 2020)),
    ("2000-02-29", 2000, 2, 29, "day", ("", "", ""), (2000, 2000)),
    ("XXXX-02-29", None, 2, 29, "day", ("", "", ""), (None, None)),
]


@pytest.mark.parametrize(("text", "year", "month", "day", "precision", "quals", "years"), ACCEPTED)
def test_spec_examples_in_the_subset(
    text: str,
    year: int | None,
    month: int | None,
    day: int | None,
    precision: str,
    quals: tuple[str, str, str],
    years: tuple[int | None, int | None],
) -> None:
    d = parse_date(text)
    assert d.text == text
    assert (d.year, d.month, d.day) == (year, month, day)
    assert d.precision == precision
    assert (d.year_qualifier, d.month_qualifier, d.day_qualifier) == quals
    assert (d.year_low, d.year_high) == years
    assert str(d) == text


REJECTED = [
    # Level 0: date and time, intervals
    "2001-02-03T09:30:01",
    "2004-01-01T10:10:10Z",
    "2004-01-01T10:10:10+05:00",
    "1985-04-12T23:20:30",
    "1964/2008",
    "2004-06/2006-08",
    "2004-02-01/2005-02-08",
    "2004-02-01/2005-02",
    "2004-02-01/2005",
    "2005/2006-02",
    # Level 1: letter-prefixed calendar year, seasons, extended intervals,
    # negative calendar year
    "Y170000002",
    "Y-170000002",
    "2001-21",
    "1985-04-12/..",
    "1985-04-12/",
    "../1985-04-12",
    "/1985-04-12",
    "1985-04/..",
    "-1985",
    # Level 2: exponential and significant-digit years, sub-year groupings,
    # sets, prefix qualifiers, unspecified month digits, level 2 intervals
    "Y-17E7",
    "1950S2",
    "Y171010000S3",
    "Y3388E2S3",
    "2001-34",
    "[1667,1668,1670..1672]",
    "[..1760-12-03]",
    "[1760-12..]",
    "{1667,1668,1670..1672}",
    "{1960,1961-12}",
    "{..1984}",
    "2004-?06-11",
    "?2004-06-~11",
    "2004-%06-11",
    "1984-1X",
    "2004-06-~01/2004-06-~20",
    "2004-06-XX/2004-07-03",
    # Not dates at all, or almost
    "",
    " 2022",
    "2022 ",
    "2022-4-18",
    "22-04-18",
    "20222",
    "2022-13",
    "2022-00",
    "2022-04-00",
    "2022-04-31",
    "2022-02-29",
    "1900-02-29",
    "2022-06-31",
    "2022-04-1X",
    "2X22",
    "X022",
    "XXXX-XX-18",
    "2022-XX-18",
    "201x",
    "2022??",
    "2022-04-18?~",
    "April 18",
    "2022\n",
    "２０２２",
]


@pytest.mark.parametrize("text", REJECTED)
def test_spec_examples_outside_the_subset_are_refused(text: str) -> None:
    with pytest.raises(DateError) as info:
        parse_date(text)
    # The message quotes the text so the user can see what was refused.
    assert repr(text) in str(info.value)


def test_error_messages_say_what_is_wrong() -> None:
    with pytest.raises(DateError, match=r"month 13 is not between 01 and 12"):
        parse_date("2022-13-01")
    with pytest.raises(DateError, match=r"day 31 does not exist in that month"):
        parse_date("2022-04-31")
    with pytest.raises(DateError, match=r"the month must be two digits or XX"):
        parse_date("1984-1X")
    with pytest.raises(DateError, match=r"X may only replace the last digits of the year"):
        parse_date("2X22")
    with pytest.raises(DateError, match=r"a day cannot be given when the month is not"):
        parse_date("2022-XX-18")
    with pytest.raises(DateError, match=r"YYYY, YYYY-MM or YYYY-MM-DD"):
        parse_date("April 18")


def test_non_string_is_refused() -> None:
    with pytest.raises(DateError, match="a date must be a string, not int"):
        parse_date(2022)  # type: ignore[arg-type]


def test_uncertain_and_approximate_flags() -> None:
    assert parse_date("1984?").uncertain and not parse_date("1984?").approximate
    assert parse_date("2004-06~").approximate and not parse_date("2004-06~").uncertain
    both = parse_date("2004-06-11%")
    assert both.uncertain and both.approximate
    plain = parse_date("2004-06-11")
    assert not plain.uncertain and not plain.approximate
    assert parse_date("2004?-06-11").uncertain


def test_year_known() -> None:
    assert parse_date("2022-04-18").year_known
    assert not parse_date("XXXX-04-18").year_known
    assert not parse_date("201X").year_known


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2022-04-18", "18 Apr 2022"),
        ("2022?-04-18", "18 Apr 2022?"),
        ("2022-04-18?", "18 Apr 2022?"),
        ("2022-04~", "Apr 2022~"),
        ("2022-04-18%", "18 Apr 2022?~"),
        ("XXXX-04-18", "Apr 18 (year not given)"),
        ("2022-04", "Apr 2022"),
        ("2022", "2022"),
        ("201X", "201X"),
        ("1984?", "1984?"),
        ("2022-04-XX", "Apr 2022 (day not given)"),
        ("2022-XX", "2022 (month not given)"),
        ("XXXX", "date not given"),
        ("2004-06~-11", "11 Jun~ 2004~"),
        ("2022-04?-18", "18 Apr? 2022?"),
        ("2022-XX?", "2022? (month not given)"),
        ("XXXX-04-18?", "Apr 18? (year not given)"),
        ("2022-04-XX~", "Apr 2022~ (day not given)"),
        ("201X?", "201X?"),
    ],
)
def test_display_keeps_precision_and_qualifiers(text: str, shown: str) -> None:
    assert parse_date(text).display() == shown


def _order(texts: list[str]) -> list[str]:
    dates: list[EdtfDate] = [parse_date(t) for t in texts]
    return [d.text for d in sorted(dates, key=lambda d: d.sort_key())]


def test_dates_sort_sensibly() -> None:
    assert _order(["2022-05-07", "2022-04-18", "2020-02-29", "2021-08"]) == [
        "2020-02-29",
        "2021-08",
        "2022-04-18",
        "2022-05-07",
    ]
    # Coarser dates sort before finer ones in the same period.
    assert _order(["2022-04-18", "2022-04", "2022"]) == ["2022", "2022-04", "2022-04-18"]
    # A partly unspecified year sorts at the start of its range.
    assert _order(["2015-06-01", "201X", "2009-12-31"]) == ["2009-12-31", "201X", "2015-06-01"]
    # A wholly unknown year sorts after every dated entry, by month and day.
    assert _order(["XXXX-05-07", "2022-04-18", "XXXX-04-18", "1999"]) == [
        "1999",
        "2022-04-18",
        "XXXX-04-18",
        "XXXX-05-07",
    ]
    # Qualifiers do not move a date.
    assert parse_date("2022?-04-18").sort_key() == parse_date("2022-04-18").sort_key()


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=0, max_value=9999),
    st.integers(min_value=0, max_value=13),
    st.integers(min_value=0, max_value=32),
)
@example(0, 2, 29).via("year 0 is a leap year")
@example(1900, 2, 29).via("1900 is not")
def test_full_dates_agree_with_the_calendar(year: int, month: int, day: int) -> None:
    text = f"{year:04d}-{month:02d}-{day:02d}"
    # datetime has no year 0; EDTF (proleptic Gregorian) does, and it is a
    # leap year like 2000.
    try:
        real: datetime.date | None = datetime.date(year or 2000, month, day)
    except ValueError:
        real = None
    if real is None:
        with pytest.raises(DateError):
            parse_date(text)
    else:
        d = parse_date(text)
        assert (d.year, d.month, d.day) == (year, real.month, real.day)
        assert d.precision == "day"


def test_uncertainty_is_written_one_way() -> None:
    """One sign per qualifier, never words: the wording of every surface
    (list rows, details, show, Markdown, exports) comes from display()."""
    texts = ["2021-08-15?", "2022?-04-18", "2022-06?", "2022-04~", "2022-06%", "1984?", "201X~"]
    for text in texts:
        shown = parse_date(text).display()
        assert "(" not in shown and "uncertain" not in shown and "approx" not in shown
        assert shown.count("?") + shown.count("~") >= 1
    assert parse_date("2022-06?").display() == "Jun 2022?"
    assert parse_date("2022-06%").display() == "Jun 2022?~"
    for text in texts:  # the old narrow-list option writes the same
        assert parse_date(text).display(compact=True) == parse_date(text).display()
