"""A small, fast parser for the subset of EDTF that story files use.

Accepted forms (ISO 8601-2 / EDTF levels 0-2, restricted):

* ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``;
* ``?`` (uncertain), ``~`` (approximate) and ``%`` (both) after the whole date
  (``2022-04-18?``) or after one component (``2022?-04-18``: only the year is
  uncertain);
* ``X`` for unspecified digits: ``XXXX-04-18``, ``2022-04-XX``, ``201X``.

The date keeps its original text and its precision so the UI can show what
is known and nothing more.  It never invents a value: an unspecified year
stays unknown, and :func:`EdtfDate.sort_key` places such dates after the
dated ones rather than guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["year", "month", "day"]
Qualifier = Literal["", "?", "~", "%"]

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_DATE_RE = re.compile(
    r"""
    (?P<year>[0-9X]{4})(?P<yq>[?~%]?)
    (?:-(?P<month>[0-9X]{2})(?P<mq>[?~%]?)
       (?:-(?P<day>[0-9X]{2})(?P<dq>[?~%]?))?
    )?
    """,
    re.VERBOSE,
)

_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


# How a qualifier is written after the part of a date it qualifies: the
# one wording of uncertainty (see EdtfDate.display).
SIGNS: dict[Qualifier, str] = {"": "", "?": "?", "~": "~", "%": "?~"}


class DateError(ValueError):
    """Raised for a string that is not in the supported EDTF subset."""


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


@dataclass(frozen=True, slots=True)
class EdtfDate:
    """A parsed date.  ``None`` means the component is not given."""

    text: str
    year: int | None
    month: int | None
    day: int | None
    precision: Precision
    year_qualifier: Qualifier = ""
    month_qualifier: Qualifier = ""
    day_qualifier: Qualifier = ""
    # The lowest and highest year the text allows (``201X`` -> 2010..2019).
    year_low: int | None = None
    year_high: int | None = None

    @property
    def uncertain(self) -> bool:
        """True if any component is marked ``?`` or ``%``."""
        return any(q in ("?", "%") for q in self._qualifiers())

    @property
    def approximate(self) -> bool:
        """True if any component is marked ``~`` or ``%``."""
        return any(q in ("~", "%") for q in self._qualifiers())

    @property
    def year_known(self) -> bool:
        return self.year is not None

    def _qualifiers(self) -> tuple[Qualifier, Qualifier, Qualifier]:
        return (self.year_qualifier, self.month_qualifier, self.day_qualifier)

    def sort_key(self) -> tuple[int, int, int, int]:
        """A key that sorts dates sensibly.

        Dated entries come first in calendar order; a date with a partly
        unspecified year (``201X``) sorts at the start of its range; a date
        whose year is wholly unknown sorts after every dated entry, by month
        and day.  Coarser dates sort before finer ones in the same period.
        """
        if self.year_low is None:
            return (1, 0, self.month or 0, self.day or 0)
        return (0, self.year_low, self.month or 0, self.day or 0)

    def earliest(self) -> tuple[int, int, int] | None:
        """The first day the date allows, as ``(year, month, day)``; None
        when the year is wholly unknown (``XXXX-04-18``)."""
        if self.year_low is None:
            return None
        return (self.year_low, self.month or 1, self.day or 1)

    def latest(self) -> tuple[int, int, int] | None:
        """The last day the date allows (``2020-01`` -> 31 January 2020,
        compared as a tuple, so the day may be 31 in any month); None when
        the year is wholly unknown."""
        if self.year_high is None:
            return None
        return (self.year_high, self.month or 12, self.day or 31)

    def display(self, *, compact: bool = False) -> str:
        """The date as storybrowse writes it everywhere (list rows, details,
        ``show``, Markdown, exports' ``display``): precision kept, and each
        qualifier written once as its EDTF sign after the part it
        qualifies (``?`` uncertain, ``~`` approximate, ``?~`` both).

        ``2022-04-18`` -> ``18 Apr 2022``; ``2022-04-18?`` and
        ``2022?-04-18`` -> ``18 Apr 2022?`` (when every part carries the
        same qualifier it is written once, at the end; the year comes last,
        so a doubtful year and a doubtful date read alike: the EDTF text,
        :attr:`text`, tells them apart); ``2004-06~-11`` -> ``11 Jun~
        2004~``; ``2022-06%`` -> ``Jun 2022?~``; ``XXXX-04-18`` -> ``Apr 18
        (year not given)``; ``2022-04-XX`` -> ``Apr 2022 (day not given)``;
        ``201X`` -> ``201X``; ``XXXX`` -> ``date not given``.

        *compact* is accepted and changes nothing: there is one wording (it
        once chose a shorter one for lists; callers may still pass it).
        """
        del compact
        given = [q for q, v in self._given() if v]
        whole = bool(given) and given[0] != "" and all(q == given[0] for q in given)

        def mark(q: Qualifier) -> str:
            return "" if whole else SIGNS[q]

        year_text: str | None
        if self.year is not None:
            year_text = f"{self.year:04d}{mark(self.year_qualifier)}"
        elif self.year_low is not None:
            year_text = self.text[:4] + mark(self.year_qualifier)
        else:
            year_text = None
        month_text = MONTHS[self.month - 1] + mark(self.month_qualifier) if self.month else None
        day_text = f"{self.day}{mark(self.day_qualifier)}" if self.day else None
        suffix = SIGNS[given[0]] if whole else ""

        if year_text is None:
            parts = [p for p in (month_text, day_text) if p]
            if not parts:
                return "date not given"
            return " ".join(parts) + suffix + " (year not given)"
        if month_text is None:
            if self.precision != "year":
                return f"{year_text}{suffix} (month not given)"
            return year_text + suffix
        if day_text is None:
            if self.precision == "day":
                return f"{month_text} {year_text}{suffix} (day not given)"
            return f"{month_text} {year_text}{suffix}"
        return f"{day_text} {month_text} {year_text}{suffix}"

    def _given(self) -> list[tuple[Qualifier, bool]]:
        """(qualifier, known) for each component the text gives."""
        out: list[tuple[Qualifier, bool]] = [(self.year_qualifier, self.year_low is not None)]
        if self.precision in ("month", "day"):
            out.append((self.month_qualifier, self.month is not None))
        if self.precision == "day":
            out.append((self.day_qualifier, self.day is not None))
        return out

    def __str__(self) -> str:
        return self.text


def _component(raw: str | None, name: str, text: str) -> tuple[int | None, bool]:
    """Return (value, given); value is None when any digit is ``X``."""
    if raw is None:
        return None, False
    if "X" in raw:
        if name != "year" and raw != "XX":
            raise DateError(f"{text!r}: the {name} must be two digits or XX")
        return None, True
    return int(raw), True


def _combine(a: Qualifier, b: Qualifier) -> Qualifier:
    if not a:
        return b
    if not b or a == b:
        return a
    return "%"


def parse_date(text: str) -> EdtfDate:
    """Parse *text* as a date in the supported EDTF subset.

    Raises :class:`DateError` with a message that says what is accepted.
    """
    if not isinstance(text, str):
        raise DateError(f"a date must be a string, not {type(text).__name__}")
    s = text.strip()
    m = _DATE_RE.fullmatch(s)
    if m is None or s != text:
        raise DateError(
            f"{text!r} is not a date in the supported form: YYYY, YYYY-MM or "
            "YYYY-MM-DD, with ? (uncertain), ~ (approximate) or % (both) and X "
            "for digits not given, e.g. 2022-04-18, 2022?-04-18, XXXX-04-18"
        )
    year_raw, month_raw, day_raw = m.group("year"), m.group("month"), m.group("day")
    yq: Qualifier = m.group("yq")  # type: ignore[assignment]
    mq: Qualifier = m.group("mq") or ""  # type: ignore[assignment]
    dq: Qualifier = m.group("dq") or ""  # type: ignore[assignment]

    year_low: int | None
    year_high: int | None
    if "X" in year_raw:
        head = year_raw.rstrip("X")
        if "X" in head:
            raise DateError(f"{text!r}: X may only replace the last digits of the year")
        year = None
        if head:
            scale = 10 ** (4 - len(head))
            year_low = int(head) * scale
            year_high = year_low + scale - 1
        else:
            year_low = year_high = None
    else:
        year = int(year_raw)
        year_low = year_high = year

    month, month_given = _component(month_raw, "month", text)
    day, day_given = _component(day_raw, "day", text)

    if month is not None and not 1 <= month <= 12:
        raise DateError(f"{text!r}: month {month_raw} is not between 01 and 12")
    if day is not None:
        limit = _DAYS_IN_MONTH[month - 1] if month is not None else 31
        if month == 2 and year is not None and not _is_leap(year):
            limit = 28
        if not 1 <= day <= limit:
            raise DateError(f"{text!r}: day {day_raw} does not exist in that month")
    if day is not None and month is None:
        raise DateError(f"{text!r}: a day cannot be given when the month is not")

    precision: Precision = "day" if day_given else "month" if month_given else "year"
    # EDTF: a qualifier after a component applies to it and to every
    # component on its left (2004-06~-11: year and month approximate).
    yq = _combine(_combine(yq, mq), dq)
    mq = _combine(mq, dq)
    return EdtfDate(
        text=text,
        year=year,
        month=month,
        day=day,
        precision=precision,
        year_qualifier=yq,
        month_qualifier=mq,
        day_qualifier=dq,
        year_low=year_low,
        year_high=year_high,
    )
