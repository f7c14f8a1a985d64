"""The installed ``storybrowse`` console script in a real pseudo-terminal.

No tmux and no ssh: the script runs on the slave side of a pty of 80x24 (and
120x40), TERM=xterm-256color, in its own session; pyte plays the terminal
(see ptyterm.py). The test types keys as a person would and asserts what the
pyte screen shows: the Tajikistan incident's claim and both responses side by
side on the same rows, the search for Termez, the help, and a clean quit
(exit status 0, the alternate screen left, no terminal mode left on).

Locally a missing console script skips; under CI=true the e2e conftest turns
any skip of this suite into a failure.
"""

from __future__ import annotations

import itertools
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import storyui
from ptyterm import PtyTerminal, child_env, find_storybrowse, visible_text
from sshterm import modes_left_on

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "story.yaml"

DOWN = b"\x1b[B"
ENTER = b"\r"
ESCAPE = b"\x1b"
ALT_SCREEN_ON = b"\x1b[?1049h"
ALT_SCREEN_OFF = b"\x1b[?1049l"

# The Tajikistan incident: the column headings, then one phrase from the top of
# each column's text (the claim, Dushanbe's denial, the Taliban's probe).
HEADINGS = ("CLAIM", "DENIED", "INVESTIGATING")
PHRASES = ("IS-K claimed", "Both Dushanbe", "Taliban officials say")
RULE = "│"

Spawn = Callable[[int, int], PtyTerminal]


@pytest.fixture
def spawn(tmp_path: Path) -> Iterator[Spawn]:
    """``spawn(width, height)``: ``storybrowse`` with no argument, in a directory
    holding the seed story as ./story.yaml, as a new user would run it. The
    finalizer kills whatever is still running."""
    script = find_storybrowse()
    if script is None or not script.is_file():
        pytest.skip("storybrowse is not installed in this environment (pip install .)")
    shutil.copyfile(SEED, tmp_path / "story.yaml")
    started: list[PtyTerminal] = []

    def start(width: int, height: int) -> PtyTerminal:
        term = PtyTerminal(
            [str(script)],
            width=width,
            height=height,
            cwd=tmp_path,
            env=child_env("xterm-256color"),
        )
        started.append(term)
        return term

    yield start
    for term in started:
        term.kill()


# -- reading the screen ------------------------------------------------------------


def find(rows: list[str], text: str) -> tuple[int, int] | None:
    """(row, column) of the first cell of *text* on the screen."""
    for y, row in enumerate(rows):
        x = row.find(text)
        if x >= 0:
            return y, x
    return None


def highlighted(rows: list[str]) -> list[str]:
    return [row for row in rows if row.startswith(storyui.CURSORS)]


def cursor_on(text: str) -> Callable[[list[str]], bool]:
    return lambda rows: any(text in row for row in highlighted(rows))


def column_ranges(row: str) -> list[range]:
    """The column ranges between the rules (│) of a row of side-by-side columns."""
    edges = [-1, *(x for x, ch in enumerate(row) if ch == RULE), len(row)]
    return [range(a + 1, b) for a, b in itertools.pairwise(edges)]


def headings_row(rows: list[str]) -> int | None:
    """The row where CLAIM, DENIED and INVESTIGATING head three columns."""
    for y, row in enumerate(rows):
        spans = column_ranges(row)
        if len(spans) < len(HEADINGS):
            continue
        cells = [row[s.start : s.stop].strip() for s in spans]
        if cells[: len(HEADINGS)] == list(HEADINGS):
            return y
    return None


def check_side_by_side(term: PtyTerminal, rows: list[str]) -> None:
    """The claim and both responses in three columns that share screen rows."""
    top = headings_row(rows)
    assert top is not None, term.report("CLAIM | DENIED | INVESTIGATING not on one row")
    spans = column_ranges(rows[top])[: len(HEADINGS)]
    assert len({(s.start, s.stop) for s in spans}) == 3 and all(len(s) >= 10 for s in spans)

    found = [find(rows, phrase) for phrase in PHRASES]
    assert all(f is not None for f in found), term.report(f"missing one of {PHRASES}")
    places = [f for f in found if f is not None]
    # Each phrase begins in its own column, below the headings ...
    for (y, x), span, phrase in zip(places, spans, PHRASES, strict=True):
        assert y > top and x in span, term.report(f"{phrase!r} at {y},{x}, outside {span}")
        assert x + len(phrase) <= span.stop, term.report(f"{phrase!r} crosses its column")
    # ... and the columns sit side by side: each phrase's row holds text in all
    # three columns, and the two responses begin on the same row.
    for y, _x in places:
        cells = [rows[y][s.start : s.stop].strip() for s in spans]
        assert all(cells), term.report(f"row {y} is not side by side: {cells}")
    assert places[1][0] == places[2][0], term.report("the responses do not start on one row")
    # Under each stance word, the actor it belongs to.
    names = [rows[top + 1][s.start : s.stop] for s in spans]
    assert "Islamic State-Khorasan" in names[0], term.report(f"claim by {names[0]!r}")
    assert "Tajikistan (Dushanbe)" in names[1], term.report(f"denial by {names[1]!r}")
    assert "Taliban" in names[2], term.report(f"probe by {names[2]!r}")


# -- the walk ---------------------------------------------------------------------------


def walk(term: PtyTerminal) -> None:
    # The story opens on the timeline, the first row highlighted and previewed.
    term.wait_for(storyui.MAIN_MARK)
    term.wait(cursor_on(storyui.FIRST_ROW), "the cursor on the first row")
    term.wait_for(re.compile("US[–-]Taliban agreement"))

    # j and the Down arrow move the cursor; G jumps to the last row.
    term.send(b"j")
    term.wait(cursor_on(storyui.SECOND_ROW), "j: the second row")
    term.send(DOWN, "Down")
    term.wait(cursor_on(storyui.TERMEZ_ROW), "Down: the Termez row")
    term.send(b"G")
    term.wait(cursor_on(storyui.TAJIKISTAN_ROW), "G: the Tajikistan row")

    # Enter opens the incident: the claim and both responses side by side.
    term.send(ENTER, "Enter")
    term.wait_for(storyui.DETAIL_FOCUSED)
    rows = term.wait(lambda r: headings_row(r) is not None, "the three columns")
    rows = term.wait(lambda r: all(find(r, p) for p in PHRASES), f"the phrases {PHRASES}")
    check_side_by_side(term, rows)

    # Escape goes back to the list; / searches for Termez.
    term.send(ESCAPE, "Escape")
    term.wait_for(storyui.LIST_FOCUSED)
    term.send(b"/")
    term.wait_for(storyui.SEARCH_PLACEHOLDER)
    term.send(b"Termez")
    rows = term.wait(
        lambda r: any(
            m.group("query") == "Termez" for m in storyui.SEARCH_FOUND.finditer("\n".join(r))
        ),
        "what the search for Termez found, beside the bar",
    )
    status = storyui.SEARCH_FOUND.search("\n".join(rows))
    assert status is not None and status.group("pos") == "1", term.report("search status")
    assert int(status.group("count")) >= 2, term.report("Termez is in more than one field")
    term.wait(cursor_on(storyui.TERMEZ_ROW), "the Termez row, the first match")
    term.wait_for("Claimed rocket attack on Termez")
    term.send(ENTER, "Enter")
    term.wait(
        lambda r: storyui.SEARCH_KEPT.search("\n".join(r)) is not None, "the search bar to close"
    )

    # ? opens the help; q closes it (and does not quit).
    term.send(b"?")
    rows = term.wait_for(storyui.HELP_MARK)
    assert find(rows, "Quit") and find(rows, "Search"), term.report("the help lists no keys")
    term.send(b"q")
    term.wait(lambda r: storyui.HELP_MARK.search("\n".join(r)) is None, "the help to close")
    term.wait_for(storyui.MAIN_MARK)
    assert term.proc.poll() is None, term.report("q in the help quit the app")

    # q quits: exit status 0, the alternate screen left, nothing left switched on.
    since = len(term.raw)
    term.send(b"q")
    assert term.wait_exit() == 0, term.report(f"exit status {term.returncode}")
    raw = bytes(term.raw)
    assert raw.count(ALT_SCREEN_ON) >= 1, term.report("the app never used the alternate screen")
    last_off = raw.rfind(ALT_SCREEN_OFF)
    assert last_off > raw.rfind(ALT_SCREEN_ON) and last_off >= since, term.report(
        "the output does not end by leaving the alternate screen"
    )
    after = visible_text(raw[last_off + len(ALT_SCREEN_OFF) :])
    assert after.strip() == "", term.report(f"text after leaving the alternate screen: {after!r}")
    assert modes_left_on(raw) == [], term.report(f"modes left on: {modes_left_on(raw)}")
    assert b"Traceback" not in raw, term.report("a traceback")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_console_script_in_a_pty(spawn: Spawn, size: tuple[int, int]) -> None:
    walk(spawn(*size))


def test_keys_typed_ahead_in_one_read_run_in_order(spawn: Spawn) -> None:
    """Over a laggy link (or a paste) "j j j enter" arrives in one read.  The
    moves must happen before the enter: the fourth timeline row (the
    Tajikistan incident) opens, not the first."""
    term = spawn(80, 24)
    term.wait_for(storyui.MAIN_MARK)
    term.wait_for(re.compile("US[–-]Taliban agreement"))
    term.wait_stable()
    term.send(b"jjj" + ENTER, "j j j enter in one write")
    rows = term.wait(lambda r: headings_row(r) is not None, "the Tajikistan incident")
    check_side_by_side(term, rows)
    # The cursor is on the fourth row (7 May), the one enter opened.
    assert any("7 May 2022?" in row for row in highlighted(rows)), term.report("cursor moved")
    term.send(b"q")
    assert term.wait_exit() == 0
