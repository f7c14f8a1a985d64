"""The benchmark's own parts: the story generator, the floor's rows and the
pty driver.  (The benchmark itself runs with ``python -m benchmarks.run``.)"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from benchmarks.floor import load_rows, timeline_rows
from benchmarks.generate import generate
from benchmarks.generate import main as generate_main
from benchmarks.ptydriver import PtyProcess, Timeout
from benchmarks.run import changed_rows, rows_written
from tui.story.format import RECORD_TYPES
from tui.story.load import check_story, load_story, load_story_text

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("n", [0, 1, 10, 250])
def test_generated_story_loads_with_the_requested_counts(n: int) -> None:
    text, counts = generate(n)
    story = load_story_text(text, f"gen-{n}.yaml")
    assert len(story.incidents) == counts.incidents == n
    assert len(story.actors) == counts.actors == max(5, n // 10)
    assert len(story.quotes) == counts.quotes == n
    assert len(story.context) == counts.context == max(1, round(n / 50))
    assert sum(len(i.responses) for i in story.incidents) == counts.responses
    for inc in story.incidents:
        assert 1 <= len(inc.responses) <= 3
        assert inc.claim.by not in {r.by for r in inc.responses}
    assert len({a.kind for a in story.actors}) >= 5


def test_generated_story_has_no_warnings_and_varied_stances(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    assert generate_main(["300", str(path)]) == 0
    story, problems = check_story(path)
    assert story is not None
    assert problems == []
    stances = {r.stance for i in story.incidents for r in i.responses}
    # The generator writes format 1 (so that the benchmark stays comparable
    # across versions): every stance format 1 has.
    assert stances == set(RECORD_TYPES["response"].field("stance").values(1))
    # Realistic lengths: titles about 50 characters, claims about 200.
    titles = [len(i.title) for i in story.incidents]
    claims = [len(i.claim.text) for i in story.incidents]
    assert 35 <= sum(titles) / len(titles) <= 65
    assert 150 <= sum(claims) / len(claims) <= 250
    # Partial and uncertain dates are in the mix.
    assert any(i.date.precision == "month" for i in story.incidents)
    assert any(not i.date.year_known for i in story.incidents)
    assert any(i.date.uncertain for i in story.incidents)


def test_generator_is_deterministic_and_seeded() -> None:
    assert generate(40)[0] == generate(40)[0]
    assert generate(40, seed=2)[0] != generate(40)[0]


def test_generator_cli_rejects_a_negative_count() -> None:
    with pytest.raises(SystemExit) as exc:
        generate_main(["-1", "out.yaml"])
    assert exc.value.code == 2


@pytest.mark.parametrize("n", ["seed", 60])
def test_floor_rows_follow_the_story_timeline(tmp_path: Path, n: object) -> None:
    if n == "seed":
        path = REPO / "story.yaml"
    else:
        path = tmp_path / "s.yaml"
        path.write_text(generate(int(str(n)))[0], encoding="utf-8")
    story = load_story(path)
    rows = load_rows(path)
    expected = [f"{e.date.display()}  {e.title}" for e in story.timeline()]
    assert rows == expected


def test_floor_rows_make_control_characters_visible() -> None:
    data = {"incidents": [{"title": "a\x1b[31mred", "date": "2022-04-18"}]}
    assert timeline_rows(data) == ["18 Apr 2022  a␛[31mred"]


# -- the pty driver --------------------------------------------------------

_PROGRAM = textwrap.dedent(
    """
    import os, sys, tty
    tty.setraw(0)
    os.write(1, b"A" * 1000 + b"\\x1b[3;5Hmark")
    key = os.read(0, 1)
    os.write(1, b"\\x1b[5;1Hgot " + key)
    """
)


def test_pty_driver_counts_every_byte_and_reads_the_screen() -> None:
    p = PtyProcess([sys.executable, "-c", _PROGRAM], cols=40, rows=10)
    try:
        p.wait_for(lambda s: s.has_text("mark"), 10.0, "mark")
        # The text landed where the cursor sequence put it (row 3, column 5).
        assert p.screen.display[2][4:8] == "mark"
        t0 = p.send(b"q")
        p.wait_for(lambda s: s.has_text("got q"), 10.0, "reply")
        assert p.screen.display[4].startswith("got q")
        p.pump(0.05)
        assert p.total == 1000 + len(b"\x1b[3;5Hmark") + len(b"\x1b[5;1Hgot q")
        reply = p.data_between(t0, p.last_output_time() or t0)
        assert reply == b"\x1b[5;1Hgot q"
        assert rows_written(reply) == {4}
    finally:
        status = p.close()
    assert status == 0


def test_pty_driver_times_out_and_kills_a_silent_child() -> None:
    p = PtyProcess([sys.executable, "-c", "import time; time.sleep(60)"], cols=20, rows=5)
    try:
        with pytest.raises(Timeout):
            p.wait_for(lambda s: s.has_text("never"), 0.3, "never")
    finally:
        p.close()
    assert p.proc.poll() is not None


def test_pty_driver_sets_the_terminal_size_and_term() -> None:
    prog = (
        "import os, shutil; s = shutil.get_terminal_size(); "
        "print(s.columns, s.lines, os.environ['TERM'])"
    )
    p = PtyProcess([sys.executable, "-c", prog], cols=123, rows=45)
    try:
        p.wait_for(lambda s: s.has_text("xterm-256color"), 10.0, "size")
        assert p.screen.display[0].startswith("123 45 xterm-256color")
    finally:
        p.close()


def test_changed_rows_compares_cells() -> None:
    before = [("a", "b"), ("c", "d")]
    after = [("a", "b"), ("c", "x")]
    assert changed_rows(before, after) == {1}  # type: ignore[arg-type]


def test_the_memory_benchmark_writes_the_size_asked_and_measures_a_peak(tmp_path: Path) -> None:
    from benchmarks.memory import measure, story_of_size

    path = tmp_path / "s.yaml"
    size = story_of_size(200_000, path)
    assert abs(size - 200_000) < 200_000 * 0.05
    m = measure(["check"], path)
    assert m.status == 0
    assert m.size == size
    assert 5 * 1024 * 1024 < m.peak < m.bound
