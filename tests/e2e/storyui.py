"""What storybrowse shows, as the end-to-end tests look for it, and the steps
they share. One place to adapt when the UI's words change.

The browser lays the list pane out on top and the detail below, at every
width; the list's highlighted row is the one that starts with the cursor mark.
"""

from __future__ import annotations

import re

from sshterm import DEFAULT_TIMEOUT, Pane, restore_problems, shell_value

# On the main screen at every size, down to 40x12.
MAIN_MARK = "1 Timeline"
# On the help screen and nowhere else.
HELP_MARK = re.compile(r"Keys [—-] esc")
# The list's cursor: the highlighted row starts with it (or with its ASCII
# stand-in on a terminal that cannot show it).
CURSORS = ("▸", ">")

# The timeline's rows, in order, as the date column shows them.
FIRST_ROW = "Feb 2020"
SECOND_ROW = "15 Aug 2021"
TAJIKISTAN_ROW = "7 May 2022?"
TERMEZ_ROW = "18 Apr 2022?"

# The detail's heading says where the focus is.
DETAIL_FOCUSED = "esc: back to the list"
LIST_FOCUSED = "enter: open"

# The filter line, once an actor filters the lists.
FILTER_LINE = re.compile(r"Filter: (?P<actor>.+?) [—-]+ esc clears")
TIMELINE_TAB = re.compile(r"1 Timeline \((?:(?P<shown>\d+)/)?(?P<total>\d+)\)")
# A kept search (the bar closed): "Search “Termez”: 1/6 in the title of … — n/N".
SEARCH_STATUS = re.compile(
    r"Search [“\"](?P<query>[^”\"]*)[”\"]: (?P<pos>\d[\d,]*)/(?P<count>\d[\d,]*) in "
)
# The search bar open, in the footer's row: the query, then what it found.
SEARCH_FOUND = re.compile(r"(?m)^ (?P<query>\S.*?) {2,}(?P<pos>\d[\d,]*)/(?P<count>\d[\d,]*) in ")
# The search bar, empty (its placeholder).
SEARCH_PLACEHOLDER = "Search all the story's text"
# The search line once the bar is closed on a kept search: the n/N hint.
SEARCH_KEPT = re.compile(r"[—-]+ n/N")
# The bar lies over the footer while it is open: the footer's "/ Search"
# key shows again once it is closed.
SEARCH_CLOSED = re.compile(r"/ Search\b")
# The detail's heading when an actor is shown.
ACTOR_HEADING = re.compile(r"Actor [—-] ")
# Characters the app could not encode, printed as escapes: never acceptable.
VISIBLE_ESCAPES = re.compile(r"\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|\\U[0-9a-fA-F]{8}")


def start(pane: Pane, command: str = "storybrowse") -> tuple[int, str]:
    """Type *command* at the prompt; wait for the story. Returns the offset in
    the raw log where the app's output begins, and the first screen."""
    since = len(pane.raw_at_prompt())
    pane.line(command)
    screen = pane.wait_for(MAIN_MARK)
    screen = pane.wait_stable(quiet=0.2)
    assert not VISIBLE_ESCAPES.search(screen), pane.report(
        "characters the terminal's encoding lacks are shown as escapes"
    )
    return since, screen


def quit_app(pane: Pane, since: int) -> list[str]:
    """Press q; wait for the shell prompt. Returns what is wrong afterwards
    (exit status, modes left on, a traceback); empty when the quit was clean."""
    pane.keys("q")
    pane.wait_prompt(timeout=DEFAULT_TIMEOUT)
    problems = restore_problems(pane, since)
    if "Traceback" in pane.screen():
        problems.append("a traceback is on the screen")
    status = shell_value(pane, "echo $?")
    if status != 0:
        problems.append(f"storybrowse exited with status {status}")
    return problems


def highlighted(screen: str) -> list[str]:
    """The list rows that carry the cursor (normally one)."""
    return [row for row in screen.split("\n") if row.startswith(CURSORS)]


def wait_highlight(pane: Pane, text: str) -> str:
    return pane.wait(
        lambda s: any(text in row for row in highlighted(s)), f"the cursor on a row with {text!r}"
    )


def row_label(row: str) -> str:
    """A list row's first cell (the text before the first run of spaces), which
    does not change when the row is re-laid out at another width."""
    return re.split(r"\s{2,}", row[1:].strip())[0]


def labels(screen: str) -> list[str]:
    """The labels of the highlighted rows."""
    return [row_label(r) for r in highlighted(screen)]


def move_to(pane: Pane, text: str, key: str = "Down", limit: int = 30) -> str:
    """Press *key* until the highlighted list row contains *text*."""
    screen = pane.wait_stable(quiet=0.2)
    for _ in range(limit):
        rows = highlighted(screen)
        if any(text in row for row in rows):
            return screen
        before = [row_label(r) for r in rows]
        pane.keys(key)
        pane.wait(lambda s: labels(s) != before, "the cursor to move")  # noqa: B023
        screen = pane.wait_stable(quiet=0.1)
    raise AssertionError(pane.report(f"no row with {text!r} after {limit} x {key}"))


COLUMN_RULE = re.compile(r"[│|┃]")


def side_by_side_rows(screen: str, *cells: str) -> list[str]:
    """Rows where each of *cells* appears, left to right, each in its own column."""
    rows = []
    for row in screen.split("\n"):
        parts = COLUMN_RULE.split(row)
        if len(parts) >= len(cells) and all(c in p for c, p in zip(cells, parts, strict=False)):
            rows.append(row)
    return rows


def columns(screen: str, *headings: str) -> list[str]:
    """The text of each column of the block headed by *headings* (side by side
    on one row), read down the rows that keep the same column rules, with the
    words of each column joined by single spaces."""
    rows = screen.split("\n")
    start = next(i for i, row in enumerate(rows) if side_by_side_rows(row, *headings))
    width = len(COLUMN_RULE.split(rows[start]))
    texts: list[list[str]] = [[] for _ in range(width)]
    for row in rows[start:]:
        if row.strip() and set(row.strip()) <= set("─┼-+"):
            continue  # the rule under the headings
        parts = COLUMN_RULE.split(row)
        if len(parts) != width:
            break
        for i, part in enumerate(parts):
            texts[i].append(part.strip())
    return [" ".join(" ".join(t).split()) for t in texts]
