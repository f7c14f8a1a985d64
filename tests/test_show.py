"""`storybrowse show`: text, Markdown and JSON views, widths, pipes, terminals.

Most tests run ``python -m tui show ...`` in a subprocess with stdout a pipe,
which is how ``storybrowse show story.yaml ID | cat`` runs.  Expected facts
are read from the loaded story, never written out here.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import shlex
import struct
import subprocess
import sys
import termios
import textwrap
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path

import pytest
import wcwidth
from markdown_it import MarkdownIt

import tui
from tui.present.attribution import attribution
from tui.present.describe import stance_word, timeline_rows
from tui.present.glyphs import ASCII, UNICODE, glyphs_for
from tui.present.layout import grid_shape
from tui.present.markdown import md_escape, render_markdown
from tui.present.text import render_text
from tui.present.view import build_view
from tui.story.cells import cell_width, split_at, truncate, wrap
from tui.story.export import story_json
from tui.story.load import load_story
from tui.story.model import Actor, Incident, Story
from tui.story.sanitize import display_line, display_text

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "story.yaml"
HOSTILE = ROOT / "tests" / "fixtures" / "stories" / "hostile.yaml"
TUI_PARENT = Path(tui.__file__).resolve().parent.parent
INCIDENT = "tajikistan-rockets"  # the incident: IS-K's claimed rockets into Tajikistan

# Anything a terminal could act on: C0 (but newline), DEL, C1.
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def run(
    *args: str | Path, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = dict(os.environ)
    full_env.pop("COLUMNS", None)
    full_env.pop("NO_COLOR", None)
    full_env["PYTHONPATH"] = str(TUI_PARENT)
    full_env["PYTHONIOENCODING"] = "utf-8"
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "tui", *map(str, args)],
        cwd=cwd or TUI_PARENT,
        env=full_env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def show(*args: str | Path, **kwargs: object) -> str:
    proc = run("show", *args, **kwargs)  # type: ignore[arg-type]
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stdout


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def seed() -> Story:
    return load_story(SEED)


@pytest.fixture(scope="module")
def hostile() -> Story:
    return load_story(HOSTILE)


def label(story: Story, actor_id: str) -> str:
    actor = story.get(actor_id)
    assert isinstance(actor, Actor)
    return actor.label


def headings(story: Story, inc: Incident, dash: str = " — ") -> list[str]:
    return [f"CLAIM{dash}{label(story, inc.claim.by)}"] + [
        f"{stance_word(r.stance)}{dash}{label(story, r.by)}" for r in inc.responses
    ]


def side_by_side(output: str, n: int, bar: str = "│") -> list[str]:
    """The text of each of the *n* columns (cells joined with spaces), from
    the lines that hold n - 1 bars."""
    cols: list[list[str]] = [[] for _ in range(n)]
    for line in output.splitlines():
        if line.count(bar) == n - 1:
            for i, cell in enumerate(line.split(bar)):
                cols[i].append(cell.strip())
    return [words(" ".join(c)) for c in cols]


# -- the incident, side by side -------------------------------------------------------


def test_incident_side_by_side_in_a_pipe(seed: Story) -> None:
    proc = subprocess.run(
        f"{shlex.quote(sys.executable)} -m tui show {shlex.quote(str(SEED))} {INCIDENT} | cat",
        shell=True,
        cwd=TUI_PARENT,
        env={k: v for k, v in os.environ.items() if k != "COLUMNS"}
        | {"PYTHONPATH": str(TUI_PARENT), "PYTHONIOENCODING": "utf-8"},
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert b"\x1b" not in proc.stdout
    out = proc.stdout.decode("utf-8")
    assert not CONTROL.search(out)
    inc = seed.incident(INCIDENT)
    assert len(inc.responses) == 2
    n = 1 + len(inc.responses)
    # The headings start on one line: the claim beside both responses.
    first = next(line for line in out.splitlines() if line.startswith("CLAIM"))
    assert first.count("│") == n - 1
    for r in inc.responses:
        assert stance_word(r.stance) in first
    # Each column holds its heading, form and the whole text, wrapped.
    columns = side_by_side(out, n)
    statements = [inc.claim, *inc.responses]
    # Side by side, each column is headed by its stance word, the actor below.
    for column, heading, st in zip(columns, headings(seed, inc, " "), statements, strict=True):
        assert column.startswith(words(heading)), column
        assert words(st.text) in column
        assert st.verb is None or st.verb in column
    # Text lines hold cells from every column at once: side by side.
    start = " ".join(inc.claim.text.split()[:3])
    claim_line = next(x for x in out.splitlines() if x.startswith(start))
    assert claim_line.count("│") == n - 1
    cells = [cell.strip() for cell in claim_line.split("│")]
    for cell, r in zip(cells[1:], inc.responses, strict=True):
        assert cell and r.text.startswith(cell)  # each response's first words
    # Fitted to 80 columns (the default when stdout is not a terminal).
    assert max(cell_width(x) for x in out.splitlines()) <= 80


def test_incident_details_and_quotes(seed: Story) -> None:
    inc = seed.incident(INCIDENT)
    out = show(SEED, INCIDENT)
    flat = words(out)
    assert display_line(inc.title) in out.splitlines()
    assert inc.date.display() in out
    assert inc.date_inferred is not None
    assert words(inc.date_inferred.note) in flat
    quotes = seed.quotes_about(inc.id)
    assert quotes
    for q in quotes:
        assert words(q.text) in flat
        assert words(attribution(seed, q)) in flat
        assert f"[{q.id}]" in out


@pytest.mark.parametrize("width", [60, 80, 100, 120, 200])
def test_width_is_respected(seed: Story, width: int) -> None:
    inc = seed.incident(INCIDENT)
    n = 1 + len(inc.responses)
    out = show(SEED, INCIDENT, "--width", str(width))
    lines = out.splitlines()
    assert max(cell_width(x) for x in lines) <= width
    stacked = grid_shape(n, width)[0] == 1
    if stacked:
        assert not any("│" in x for x in lines)
        for heading in headings(seed, inc):
            assert heading in lines  # each column's heading on a line of its own
    else:
        columns = side_by_side(out, n)
        for column, st in zip(columns, [inc.claim, *inc.responses], strict=True):
            assert words(st.text) in column
    if width >= 120:
        # Wide enough for every stance word on the first line and every
        # actor in full on the second.
        y = next(i for i, x in enumerate(lines) if x.startswith("CLAIM"))
        kinds = ["CLAIM", *(stance_word(r.stance) for r in inc.responses)]
        assert [c.strip() for c in lines[y].split("│")] == kinds
        who = [label(seed, inc.claim.by), *(label(seed, r.by) for r in inc.responses)]
        assert [c.strip() for c in lines[y + 1].split("│")] == who


def test_columns_variable_sets_the_width_of_a_pipe(seed: Story) -> None:
    out = show(SEED, INCIDENT, env={"COLUMNS": "110"})
    widths = [cell_width(x) for x in out.splitlines()]
    assert 80 < max(widths) <= 110
    assert max(cell_width(x) for x in show(SEED, INCIDENT).splitlines()) <= 80


def test_wide_characters_keep_columns_aligned(hostile: Story) -> None:
    inc = next(i for i in hostile.incidents if len(i.responses) >= 3)
    out = show(HOSTILE, inc.id, "--width", "120")
    assert not CONTROL.search(out)
    rows = [x for x in out.splitlines() if x.count("│") == len(inc.responses)]
    assert len(rows) > 3
    offsets = {tuple(cell_width(x[:i]) for i, ch in enumerate(x) if ch == "│") for x in rows}
    assert len(offsets) == 1, offsets  # every bar in the same terminal column
    assert max(cell_width(x) for x in out.splitlines()) <= 120


def test_hostile_text_is_literal_and_safe(hostile: Story) -> None:
    inc = hostile.incidents[0]
    out = show(HOSTILE, inc.id)
    assert "\x1b" not in out and not CONTROL.search(out)
    assert display_line(inc.title) in out  # "[red]Rocket[/red] ... ␛[2J" as written
    assert "[red]Rocket[/red]" in out and "␛[2J" in out
    assert "<U+0085>" in out and "<U+2028>" in out
    for line in out.splitlines():
        assert cell_width(line) <= 80


def test_incident_without_responses(tmp_path: Path) -> None:
    p = tmp_path / "lone.yaml"
    p.write_text(
        textwrap.dedent(
            """\
            story: {headline: H}
            actors: [{id: a, name: Alpha, kind: armed-group}]
            incidents:
              - {id: i, title: T, date: "2024", claim: {by: a, text: We did it.}}
            """
        ),
        encoding="utf-8",
    )
    out = show(p, "i")
    assert "CLAIM — Alpha" in out.splitlines()
    assert "No response is recorded for this claim." in out
    assert "│" not in out


# -- other records -----------------------------------------------------------------


def test_actor_view(seed: Story) -> None:
    actor = seed.get("andrew-mines")
    assert isinstance(actor, Actor) and actor.affiliation and actor.role
    out = show(SEED, actor.id)
    flat = words(out)
    assert out.startswith(f"ACTOR · {actor.id}\n{actor.name}\n")
    assert actor.role in out
    assert label(seed, actor.affiliation) in flat and f"[{actor.affiliation}]" in out
    said = [q for q in seed.quotes if q.speaker == actor.id]
    assert said
    for q in said:
        assert words(q.text) in flat and f"[{q.id}]" in out


def test_actor_view_lists_responses_with_stances(seed: Story) -> None:
    actor = next(a for a in seed.actors if a.kind == "government")
    out = show(SEED, actor.id)
    for inc in seed.incidents:
        for r in inc.responses:
            if r.by == actor.id:
                line = next(x for x in out.splitlines() if f"[{inc.id}]" in x)
                assert line.startswith(f"- {stance_word(r.stance)} ")


def test_quote_view(seed: Story) -> None:
    quote = next(q for q in seed.quotes if q.via and q.form == "quote")
    out = show(SEED, quote.id)
    flat = words(out)
    assert f"“{words(quote.text)}”" in flat  # the full text, in quote marks
    assert words(attribution(seed, quote)) in flat  # "... told RFE/RL"
    assert "told RFE/RL" in flat or "according to" in flat
    for about in quote.about:
        assert f"[{about}]" in out
    for via in quote.via:
        assert f"via: {label(seed, via)}  [{via}]" in out


def test_context_view(seed: Story) -> None:
    ev = seed.context[0]
    out = show(SEED, ev.id)
    assert out.startswith(f"CONTEXT · {ev.id}\n{ev.title}\n")
    assert ev.text is not None and words(ev.text) in words(out)
    for a in ev.actors:
        assert f"[{a}]" in out


def test_source_view(seed: Story) -> None:
    src = next(s for s in seed.sources if s.note)
    out = show(SEED, src.id)
    assert out.startswith(f"SOURCE · {src.id}\n")
    assert src.note is not None and words(src.note) in words(out)


# -- the timeline ------------------------------------------------------------------


def test_timeline_one_line_each(seed: Story) -> None:
    out = show(SEED)
    lines = out.splitlines()
    # The story's overview comes first (issue 13), then the timeline.
    assert lines[:2] == ["STORY", seed.meta.headline]
    rows = timeline_rows(seed)
    found = []
    for row in rows:
        matching = [x for x in lines if f" {row.record_id} " in x]
        assert len(matching) == 1, row
        line = matching[0]
        assert line.startswith(row.date)  # EdtfDate.display(): "7 May 2022?"
        assert line.endswith(row.title)  # whole in a pipe
        assert re.search(rf"\b{re.escape(row.short_summary)}\b", line)
        found.append(lines.index(line))
    assert found == sorted(found)  # in timeline order
    assert any("?" in row.date for row in rows)  # the inferred years stay marked


def test_timeline_fitted_to_an_explicit_width(seed: Story) -> None:
    out = show(SEED, "--width", "70")
    lines = out.splitlines()
    assert max(cell_width(x) for x in lines) <= 70
    assert any(x.endswith("…") for x in lines)
    for row in timeline_rows(seed):
        assert any(x.startswith(row.date) and f" {row.record_id} " in x for x in lines)
    # A line that does not fit is cut at the width, never wrapped.
    for row in timeline_rows(seed):
        assert sum(1 for x in lines if row.date in x) == 1


def test_timeline_of_an_empty_story(tmp_path: Path) -> None:
    p = tmp_path / "empty.yaml"
    p.write_text("story:\n  headline: Nothing yet\n", encoding="utf-8")
    out = show(p)
    assert out.splitlines()[:2] == ["STORY", "Nothing yet"]
    assert "no incidents" in out


# -- FILE and ID -----------------------------------------------------------------------

SMALL = textwrap.dedent(
    """\
    story: {headline: Local story}
    actors: [{id: grp, name: Some Group, kind: armed-group}]
    incidents:
      - {id: inc, title: Local incident, date: "2024", claim: {by: grp, text: We did it.}}
    """
)


def test_one_argument_that_is_an_id_uses_the_local_story(tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text(SMALL, encoding="utf-8")
    assert "Local incident" in show("inc", cwd=tmp_path)


def test_one_argument_that_is_an_id_uses_the_bundled_story(tmp_path: Path, seed: Story) -> None:
    out = show(INCIDENT, cwd=tmp_path)
    assert seed.incident(INCIDENT).title in out


def test_one_argument_that_is_a_file_is_the_file(tmp_path: Path) -> None:
    (tmp_path / "inc").write_text(SMALL, encoding="utf-8")  # a file named like an id
    out = show("inc", cwd=tmp_path)
    assert out.splitlines()[:2] == ["STORY", "Local story"]  # its overview
    assert "CLAIM" in show("inc", "inc", cwd=tmp_path)


def test_a_missing_yaml_file_is_reported_as_a_file(tmp_path: Path) -> None:
    proc = run("show", "missing.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.startswith("missing.yaml")
    assert proc.stdout == ""


def test_unknown_id_suggests(seed: Story) -> None:
    proc = run("show", SEED, INCIDENT[:-1])
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert f"did you mean '{INCIDENT}'" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = run("show", "tajikistan-rocket")
    assert proc.returncode == 1
    assert "no file named" in proc.stderr and f"'{INCIDENT}'" in proc.stderr


def test_unknown_id_without_close_match() -> None:
    proc = run("show", SEED, "zzzzzz")
    assert proc.returncode == 1
    assert "'zzzzzz'" in proc.stderr and "did you mean" not in proc.stderr


def test_invalid_story_exit_1(tmp_path: Path) -> None:
    p = tmp_path / "bad.yaml"
    p.write_text(SMALL.replace("armed-group", "gang"), encoding="utf-8")
    proc = run("show", p, "inc")
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"{p}:")
    assert proc.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        ["a.yaml", "b", "c"],
        ["--width", "5"],
        ["--width", "wide"],
        ["--format", "html"],
        ["--bogus"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    proc = run("show", *args)
    assert proc.returncode == 2
    assert proc.stderr.startswith("usage: storybrowse show")
    assert proc.stdout == ""


def test_help() -> None:
    proc = run("show", "--help")
    assert proc.returncode == 0
    assert proc.stdout.startswith("usage: storybrowse show")
    assert "--format" in proc.stdout and "--width" in proc.stdout and "NO_COLOR" in proc.stdout
    assert "show" in run("--help").stdout


def test_warnings_go_to_stderr(tmp_path: Path) -> None:
    p = tmp_path / "warn.yaml"
    p.write_text(SMALL.replace("We did it.", '"We \\e[31mdid\\e[0m it."'), encoding="utf-8")
    proc = run("show", p, "inc")
    assert proc.returncode == 0
    assert "warning" in proc.stderr
    assert "\x1b" not in proc.stdout and "We ␛[31mdid␛[0m it." in proc.stdout


# -- JSON --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record_id", "group"),
    [
        (INCIDENT, "incidents"),
        ("andrew-mines", "actors"),
        ("mines-showcase-failures", "quotes"),
        ("us-taliban-agreement", "context"),
        ("article", "sources"),
    ],
)
def test_json_is_the_exported_record(seed: Story, record_id: str, group: str) -> None:
    out = show(SEED, record_id, "--format", "json")
    exported = next(r for r in story_json(seed)[group] if r["id"] == record_id)
    assert json.loads(out) == exported


def test_json_without_id_is_the_export() -> None:
    out = show(SEED, "--format", "json")
    export = run("export", SEED)
    assert export.returncode == 0
    assert json.loads(out) == json.loads(export.stdout)


def test_json_keeps_hostile_text_exact_and_escaped(hostile: Story) -> None:
    inc = hostile.incidents[0]
    out = show(HOSTILE, inc.id, "--format", "json")
    assert not CONTROL.search(out.replace("\n", ""))
    assert json.loads(out)["claim"]["text"] == inc.claim.text


# -- Markdown --------------------------------------------------------------------------


class _Html(HTMLParser):
    """Collects the text of table cells, headings and paragraphs."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[tuple[str, str]] = []
        self.tags: list[str] = []
        self._stack: list[str] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "br":
            self._text.append("\n")
        elif tag in ("th", "td", "h1", "h2", "h3", "p"):
            self._stack.append(tag)
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if self._stack and tag == self._stack[-1]:
            self._stack.pop()
            self.blocks.append((tag, "".join(self._text)))
            self._text = []

    def handle_data(self, data: str) -> None:
        self._text.append(data)


def parse_markdown(text: str) -> _Html:
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    parser = _Html()
    parser.feed(md.render(text))
    return parser


def test_markdown_side_by_side_table(seed: Story) -> None:
    inc = seed.incident(INCIDENT)
    out = show(SEED, INCIDENT, "--format", "markdown")
    assert "\x1b" not in out
    n = 1 + len(inc.responses)
    lines = out.splitlines()
    table = [x for x in lines if x.startswith("| ")]
    assert len(table) == 3  # header, delimiter, one row: all side by side
    assert lines[lines.index(table[0]) + 1] == "|" + "|".join([" --- "] * n) + "|"
    html = parse_markdown(out)
    th = [t for tag, t in html.blocks if tag == "th"]
    td = [t for tag, t in html.blocks if tag == "td"]
    assert th == headings(seed, inc)
    assert len(td) == n
    for cell, st in zip(td, [inc.claim, *inc.responses], strict=True):
        assert words(st.text) in words(cell)
    h2 = [t for tag, t in html.blocks if tag == "h2"]
    assert h2 == [inc.title]
    for q in seed.quotes_about(inc.id):
        assert words(q.text) in words(out)
    assert "<blockquote>" in md_html(out)


def md_html(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(text)


def test_markdown_escapes_hostile_text(hostile: Story) -> None:
    inc = hostile.incidents[0]
    out = show(HOSTILE, inc.id, "--format", "markdown")
    assert not CONTROL.search(out)
    assert "\\[red\\]Rocket\\[/red\\]" in out  # `[red]` stays literal text
    html = parse_markdown(out)
    assert [t for tag, t in html.blocks if tag == "h2"] == [display_line(inc.title)]
    td = [t for tag, t in html.blocks if tag == "td"]
    assert len(td) == 1 + len(inc.responses)
    for cell, st in zip(td, [inc.claim, *inc.responses], strict=True):
        assert display_text(st.text) in cell
    assert "a" not in html.tags  # no link made of "[link=...]" or "[@click=...]"


TRICKY = textwrap.dedent(
    r"""
    story:
      headline: "*Not* _emphasis_ # nor `code` | a <b>tag</b> & &amp; ~~x~~ $x$"
    actors:
      - {id: a, name: "Pipe | Co [x](http://e.example)", kind: armed-group}
      - {id: b, name: "Back\\slash *B*", kind: government, aliases: ["<i>B</i>"]}
    incidents:
      - id: i
        title: "# Not a heading | [link](http://e.example) ![img](x.png)"
        date: "2024"
        summary: "- not a list\n1. not a list\n> not a quote\n    not code\n===\n+ plus\n2) two"
        note: "line one\nline two \\\nline | three"
        claim:
          by: a
          text: "a | b || c \\| d \\\\ e *f* _g_ `h` <br> &lt; [i](j) ~~k~~"
        responses:
          - by: b
            stance: disputed
            text: "| leading pipe and trailing \\"
    """
)


def test_markdown_escaping_round_trips(tmp_path: Path) -> None:
    p = tmp_path / "tricky.yaml"
    p.write_text(TRICKY, encoding="utf-8")
    story = load_story(p)
    inc = story.incident("i")
    out = show(p, "i", "--format", "markdown")
    html = parse_markdown(out)
    # Every table row still has one cell per column.
    assert [tag for tag, _ in html.blocks].count("th") == 2
    assert [tag for tag, _ in html.blocks].count("td") == 2
    th = [t for tag, t in html.blocks if tag == "th"]
    assert th == headings(story, inc)
    td = [t for tag, t in html.blocks if tag == "td"]
    assert inc.claim.text in td[0]
    assert inc.responses[0].text in td[1]
    assert [t for tag, t in html.blocks if tag == "h2"] == [inc.title]
    paragraphs = [t for tag, t in html.blocks if tag == "p"]
    assert inc.summary is not None and inc.note is not None
    summary = next(t for t in paragraphs if "not a list" in t)
    assert words(summary) == words(inc.summary)
    note = next(t for t in paragraphs if "line one" in t)
    assert words(note) == words("Note: " + inc.note)
    # Nothing in the story became structure.
    for tag in ("ul", "ol", "pre", "hr", "a", "img", "b", "i", "del", "h1"):
        assert tag not in html.tags, tag
    assert html.tags.count("code") == 1  # only the record id we add
    assert html.tags.count("blockquote") == 0


def test_markdown_timeline_and_actor(seed: Story) -> None:
    out = show(SEED, "--format", "markdown")
    html = parse_markdown(out)
    td = [t for tag, t in html.blocks if tag == "td"]
    rows = timeline_rows(seed)
    assert len(td) == 4 * len(rows)
    assert [td[i * 4 + 1] for i in range(len(rows))] == [r.title for r in rows]
    assert [td[i * 4 + 3] for i in range(len(rows))] == [r.record_id for r in rows]
    actor = show(SEED, "andrew-mines", "--format", "markdown")
    assert actor.startswith("## Andrew Mines\n")
    assert "### Quotes (" in actor


# -- a terminal ---------------------------------------------------------------------------


def run_in_pty(args: list[str], env: Mapping[str, str], columns: int = 100) -> str:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    full_env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR")}
    full_env.update(PYTHONPATH=str(TUI_PARENT), PYTHONIOENCODING="utf-8", **env)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", *args],
        stdout=slave,
        stderr=subprocess.PIPE,
        cwd=TUI_PARENT,
        env=full_env,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait(timeout=60) == 0
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


SGR = re.compile(r"\x1b\[[0-9;]*m")


def test_terminal_gets_bold_and_colour_fitted_to_its_width(seed: Story) -> None:
    out = run_in_pty(["show", str(SEED), INCIDENT], {"TERM": "xterm-256color"}, columns=100)
    assert "\x1b[1m" in out  # bold headings
    assert re.search(r"\x1b\[1;3[123]m", out)  # a coloured stance
    plain = SGR.sub("", out)
    assert "\x1b" not in plain  # nothing but SGR
    assert max(cell_width(x) for x in plain.splitlines()) <= 100
    assert max(cell_width(x) for x in plain.splitlines()) > 80  # the terminal's width
    inc = seed.incident(INCIDENT)
    first = next(x for x in plain.splitlines() if x.startswith("CLAIM"))
    assert all(stance_word(r.stance) in first for r in inc.responses)


def test_no_color_keeps_bold_only() -> None:
    out = run_in_pty(["show", str(SEED), INCIDENT], {"TERM": "xterm", "NO_COLOR": "1"})
    assert "\x1b[1m" in out
    assert not re.search(r"\x1b\[[0-9;]*3[0-7]m", out)


def test_dumb_terminal_gets_no_escape_codes() -> None:
    out = run_in_pty(["show", str(SEED), INCIDENT], {"TERM": "dumb"})
    assert "\x1b" not in out and "CLAIM" in out


def test_terminal_timeline_is_fitted(seed: Story) -> None:
    out = SGR.sub("", run_in_pty(["show", str(SEED)], {"TERM": "xterm"}, columns=60))
    assert max(cell_width(x) for x in out.splitlines()) <= 60
    assert "…" in out


def test_ascii_output_encoding_uses_ascii_rules(seed: Story) -> None:
    proc = run("show", SEED, INCIDENT, env={"PYTHONIOENCODING": "ascii"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.isascii()
    inc = seed.incident(INCIDENT)
    first = next(x for x in proc.stdout.splitlines() if x.startswith("CLAIM "))
    assert first.count(" | ") == len(inc.responses)
    assert "-+-" in proc.stdout


def test_broken_pipe_is_quiet() -> None:
    proc = subprocess.run(
        f"{shlex.quote(sys.executable)} -m tui show {shlex.quote(str(SEED))} {INCIDENT}"
        " | head -n 1",
        shell=True,
        cwd=TUI_PARENT,
        env=dict(os.environ, PYTHONPATH=str(TUI_PARENT)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.stdout == f"INCIDENT · {INCIDENT}\n"
    assert proc.stderr == ""


_PROBE = """\
import sys
from tui.cli import main
code = main(sys.argv[1:])
print("TEXTUAL-MODULES:", sum(m.split(".")[0] == "textual" for m in sys.modules), file=sys.stderr)
raise SystemExit(code)
"""


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_show_does_not_import_textual(fmt: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, "show", str(SEED), INCIDENT, "--format", fmt],
        cwd=TUI_PARENT,
        env=dict(os.environ, PYTHONPATH=str(TUI_PARENT)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "TEXTUAL-MODULES: 0" in proc.stderr


# -- the pieces ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "plain",
        "实验斯坦政府",
        "ＡＢＣ",
        "e\u0301te\u0301",
        "🚀🚀",
        "한국어",
        "a\u200bb",
        "🏳\ufe0f",
        "ویاند",
    ],
)
def test_cell_width_agrees_with_wcwidth(text: str) -> None:
    assert cell_width(text) == wcwidth.wcswidth(text)


def test_cell_width_errs_wide_on_joined_emoji() -> None:
    family = "👩\u200d👩\u200d👧\u200d👦"
    assert cell_width(family) >= wcwidth.wcswidth(family)


@pytest.mark.parametrize("width", [5, 7, 10, 23])
def test_wrap_fits_cells(width: int) -> None:
    text = "实验斯坦政府说 it was 🚀🚀 not e\u0301e\u0301 Supercalifragilistic"
    lines = wrap(text, width, first="- ", rest="  ")
    assert all(cell_width(x) <= width for x in lines), lines
    assert words("".join(x[2:] for x in lines).replace(" ", "")) == text.replace(" ", "")


def test_wrap_keeps_newlines_and_indents() -> None:
    assert wrap("one two three\n\nfour", 9, first="* ", rest="  ") == [
        "* one two",
        "  three",
        "",
        "  four",
    ]


def test_split_and_truncate_keep_marks_with_their_letter() -> None:
    assert split_at("e\u0301e\u0301e", 2) == ("e\u0301e\u0301", "e")
    assert truncate("实验斯坦政府", 7) == "实验斯…"
    assert truncate("short", 10) == "short"


def test_md_escape() -> None:
    assert md_escape("a|b") == "a\\|b"
    assert md_escape("[red]x[/]") == "\\[red\\]x\\[/\\]"
    assert md_escape("\\*") == "\\\\\\*"
    assert md_escape("\x1b[31m") == "␛\\[31m"
    assert md_escape("plain words, (and) dots.") == "plain words, (and) dots."


def test_glyphs_for_encoding() -> None:
    assert glyphs_for("utf-8") is UNICODE
    assert glyphs_for("ascii") is ASCII
    assert glyphs_for("latin-1") is ASCII  # no box drawing in latin-1
    assert glyphs_for("no-such-codec") is ASCII


def test_render_text_has_no_escape_without_sgr(hostile: Story) -> None:
    for record_id in [None, *(r.id for r in hostile.incidents), "q.1", "q.2", "Yes2", "ctx_1.a-b"]:
        view = build_view(hostile, record_id)
        assert view is not None
        for text in (render_text(view), render_markdown(view)):
            assert not CONTROL.search(text), record_id
