"""What a new user found in the exports (issue 14's follow-up), each as a
kind: TimelineJS slides worded as ``show`` words them, statement keys that
do not move with ``--as-of``, the CSV's context table and join keys,
spreadsheet formulas, ``--as-of`` traces, an empty timeline, non-http(s)
URLs, and the help that lists every column."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tui.present.describe import withdrawn_word
from tui.present.export_csv import AS_OF_COLUMN, TABLES, spreadsheet_safe, write_csv
from tui.present.export_jsonld import jsonld
from tui.present.export_timelinejs import SHEET_COLUMNS, timelinejs, write_sheet_csv
from tui.present.positions_view import latest_word
from tui.story.dates import parse_date
from tui.story.load import load_story
from tui.story.model import Response, Story
from tui.story.positions import as_of, positions, statement_dates
from tui.story.urls import is_web_url

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
STORIES = [*sorted((FIXTURES / "stories").glob("*.yaml")), ROOT / "story.yaml"]
ids = [p.stem for p in STORIES]


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, timeout=60)


def csv_rows(text: str) -> list[dict[str, str]]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def csv_of(story: Story, table: str, **kw: Any) -> list[dict[str, str]]:
    out = io.StringIO(newline="")
    write_csv(story, out, table, **kw)
    return csv_rows(out.getvalue())


# A denial later withdrawn (the whole position), an admission after a denial,
# several governments, a direct quote and paraphrases, HTML and formulas in
# the story's text, a source URL that is not http(s).
ORLANIA = """\
storybrowse: 2
story:
  headline: Orlania withdraws its denial of the Veyra leak
sources:
  - id: gazette
    name: The Example Gazette
    url: https://example.org/veyra
  - id: pamphlet
    name: A pamphlet
    url: "javascript:alert(1)"
actors:
  - id: orlania
    name: Government of Orlania
    kind: government
  - id: petrov
    name: Ivo Petrov
    kind: person
    role: spokesman
  - id: veyra
    name: Government of Veyra
    kind: government
  - id: nordmark
    name: Government of Nordmark
    kind: government
context:
  - id: talks
    title: Talks between Orlania and Veyra break down
    date: 2031-05-01
    actors: [orlania, veyra]
    text: "=HYPERLINK(\\"http://evil.example\\")"
    source: gazette
incidents:
  - id: veyra-leak
    title: "Leak of the <b>Veyra</b> cables"
    date: 2031-05-18
    claims:
      - by: veyra
        text: "@SUM(1+1) Veyra said Orlanian officials leaked the cables."
        date: 2031-05-18
        source: pamphlet
    responses:
      - by: orlania
        speaker: petrov
        stance: denied
        form: quote
        verb: said
        text: "There was no leak. <script>alert(1)</script>"
        date: 2031-05-19
        withdrawn: 2031-05-26
        source: gazette
      - id: nord-first
        by: nordmark
        stance: denied
        text: "-Nordmark said the cables were forged."
        date: 2031-05-20
        source: gazette
      - by: nordmark
        stance: confirmed
        form: quote
        verb: admitted
        text: "+The cables are genuine."
        date: 2031-05-28
        source: gazette
"""


@pytest.fixture
def orlania(tmp_path: Path) -> Path:
    path = tmp_path / "orlania.yaml"
    path.write_text(ORLANIA, encoding="utf-8")
    return path


def slide_text(doc: dict[str, Any], record_id: str) -> str:
    [ev] = [e for e in doc["events"] if e["unique_id"] == record_id]
    text: str = ev["text"]["text"]
    return text


# -- 1. TimelineJS in show's words ---------------------------------------------


def test_timelinejs_keeps_quote_marks_verb_paraphrase_and_withdrawal(orlania: Path) -> None:
    doc, _ = timelinejs(load_story(orlania))
    text = slide_text(doc, "veyra-leak")
    # The direct quote keeps its verb and its quote marks; story HTML is text.
    assert "<em>said:</em> “There was no leak. &lt;script&gt;alert(1)&lt;/script&gt;”" in text
    assert "<script" not in text
    assert "<strong>Speaker:</strong> Ivo Petrov, spokesman" in text
    # The position withdrawn whole is headed as show heads it, with the date.
    assert "<strong>DENIED · WITHDRAWN 26 May 2031</strong> · Government of Orlania" in text
    # A paraphrase is marked as one.
    assert "<em>(paraphrase)</em> -Nordmark said the cables were forged." in text
    assert "<em>admitted:</em> “+The cables are genuine.”" in text
    assert "&lt;b&gt;Veyra&lt;/b&gt;" in doc["events"][1]["text"]["headline"]


@pytest.mark.parametrize("path", STORIES, ids=ids)
def test_every_statement_is_on_its_slide_in_show_wording(path: Path) -> None:
    import html

    story = load_story(path)
    doc, _ = timelinejs(story)
    shown = {e["unique_id"] for e in doc["events"]}
    for inc in story.incidents:
        if inc.id not in shown:
            continue
        text = html.unescape(slide_text(doc, inc.id))
        for st in inc.statements():
            first = st.text.strip().split("\n")[0].strip()
            if st.form == "quote":
                assert f"“{first}" in text, (inc.id, first)
            else:
                assert "(paraphrase)" in text
            assert first in text
            mark = withdrawn_word(st.withdrawn)
            assert mark in text
        for pos in positions(inc):
            assert latest_word(pos) in text


# -- 2. JSON-LD node ids --------------------------------------------------------


def _by_id(doc: dict[str, Any]) -> dict[str, tuple[str, str, str]]:
    return {
        n["@id"]: (n["text"], n["name"], json.dumps(n["about"]))
        for n in doc["@graph"]
        if n["@type"] == "Claim"
    }


@pytest.mark.parametrize("path", [*STORIES, None], ids=[*ids, "orlania"])
def test_jsonld_node_ids_name_the_same_statement_as_of_every_date(
    path: Path | None, orlania: Path
) -> None:
    story = load_story(path or orlania)
    whole = _by_id(jsonld(story))
    statements = [st for inc in story.incidents for st in inc.statements()]
    assert len(whole) == len(statements)  # unique
    for st, node_id in zip(statements, whole, strict=True):
        if st.id is not None:
            assert node_id == f"_:{st.id}"
    for cutoff in statement_dates(story):
        then = _by_id(jsonld(story, cutoff))
        for node_id, (text, name, _) in then.items():
            assert whole[node_id][:2] == (text, name), (cutoff.text, node_id)


def test_statement_key_joins_csv_rows_to_jsonld_nodes(orlania: Path) -> None:
    story = load_story(orlania)
    cutoff = parse_date("2031-05-20")
    for c in (None, cutoff):
        rows = csv_of(story, "statements", cutoff=c)
        nodes = [n for n in jsonld(story, c)["@graph"] if n["@type"] == "Claim"]
        assert [f"_:{r['statement_key']}" for r in rows] == [n["@id"] for n in nodes]
        assert [r["text"] for r in rows] == [n["text"] for n in nodes]
    keys = [r["statement_key"] for r in csv_of(story, "statements")]
    assert keys == [
        "veyra-leak/claim/1",
        "veyra-leak/response/1",
        "nord-first",
        "veyra-leak/response/3",
    ]


# -- 3. CSV: context, about_names, responds_to -----------------------------------


@pytest.mark.parametrize("path", STORIES, ids=ids)
def test_csv_context_about_names_and_responds_to(path: Path) -> None:
    story = load_story(path)
    context = csv_of(story, "context")
    assert [r["id"] for r in context] == [e.id for e in story.context]
    for row, ev in zip(context, story.context, strict=True):
        assert row["title"] == ev.title and row["text"] == (ev.text or "")
        assert row["date_edtf"] == ev.date.text
        assert row["actor_ids"] == "; ".join(ev.actors)
    quotes = csv_of(story, "quotes")
    for row, q in zip(quotes, story.quotes, strict=True):
        assert len(row["about_names"].split("; ")) == len(row["about_ids"].split("; "))
        for about_id in q.about:
            rec = story.get(about_id)
            name = getattr(rec, "title", None) or getattr(rec, "name", about_id)
            assert name in row["about_names"]
    rows = csv_of(story, "statements")
    key = {r["text"] + r["actor_id"] + r["role"]: r["statement_key"] for r in rows}
    statements = [(inc, st) for inc in story.incidents for st in inc.statements()]
    for row, (inc, st) in zip(rows, statements, strict=True):
        if isinstance(st, Response):
            claim = inc.claim_for(st)
            assert row["responds_to"] == key[claim.text + claim.by + "claim"]
            assert row["responds_to"]  # also with a single claim
        else:
            assert row["responds_to"] == ""


# -- 4. Spreadsheet formulas ----------------------------------------------------


def test_formula_cells_are_raw_unless_spreadsheet_safe(orlania: Path) -> None:
    raw = run("export", str(orlania), "--format", "csv")
    assert raw.returncode == 0, raw.stderr
    texts = [r["text"] for r in csv_rows(raw.stdout.decode())]
    assert texts[0].startswith("@SUM") and texts[2].startswith("-Nordmark")
    safe = run("export", str(orlania), "--format", "csv", "--spreadsheet-safe")
    rows = csv_rows(safe.stdout.decode())
    assert [r["text"] for r in rows] == [
        "'" + t if t[:1] in ("=", "+", "-", "@") else t for t in texts
    ]
    context = run(
        "export", str(orlania), "--format", "csv", "--table", "context", "--spreadsheet-safe"
    )
    assert csv_rows(context.stdout.decode())[0]["text"] == '\'=HYPERLINK("http://evil.example")'
    sheet = run("export", str(orlania), "--format", "timelinejs-csv", "--spreadsheet-safe")
    assert sheet.returncode == 0
    assert all(
        not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
        for row in csv.reader(io.StringIO(sheet.stdout.decode(), newline=""))
        for cell in row
    )
    bad = run("export", str(orlania), "--format", "jsonld", "--spreadsheet-safe")
    assert bad.returncode == 2 and b"--spreadsheet-safe goes with" in bad.stderr


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"])
def test_spreadsheet_safe_prefixes_each_formula_start(cell: str) -> None:
    assert spreadsheet_safe(cell) == "'" + cell
    assert spreadsheet_safe("a" + cell) == "a" + cell
    assert spreadsheet_safe("") == ""


# -- 5. --as-of leaves a trace ----------------------------------------------------


def test_as_of_is_said_in_every_export(orlania: Path) -> None:
    story = load_story(orlania)
    cutoff = parse_date("2031-05-24")
    doc, _ = timelinejs(as_of(story, cutoff))
    assert "As of 24 May 2031" in doc["title"]["text"]["text"]
    out = io.StringIO(newline="")
    write_sheet_csv(as_of(story, cutoff), out)
    assert "As of 24 May 2031" in out.getvalue()
    first = jsonld(story, cutoff)["@graph"][0]
    assert first["@type"] == "Dataset" and "24 May 2031" in first["description"]
    assert first["temporalCoverage"] == "../2031-05-24"
    assert all(n["@type"] == "Claim" for n in jsonld(story)["@graph"])
    for table in TABLES:
        rows = csv_of(story, table, cutoff=cutoff)
        assert all(r[AS_OF_COLUMN] == "2031-05-24" for r in rows)
        assert AS_OF_COLUMN not in next(csv.reader(io.StringIO(_header(story, table))))


def _header(story: Story, table: str) -> str:
    out = io.StringIO(newline="")
    write_csv(story, out, table)
    return out.getvalue().split("\r\n")[0]


# -- 6. A timeline without events -------------------------------------------------


@pytest.mark.parametrize("fmt", ["timelinejs", "timelinejs-csv"])
@pytest.mark.parametrize(
    ("story", "extra", "why"),
    [
        ("denial_admitted", ["--as-of", "2000"], "as of 2000"),
        ("empty", [], "no incident or context event"),
    ],
)
def test_no_events_is_exit_1_with_nothing_written(
    fmt: str, story: str, extra: list[str], why: str
) -> None:
    path = FIXTURES / "stories" / f"{story}.yaml"
    proc = run("export", str(path), "--format", fmt, *extra)
    assert proc.returncode == 1 and proc.stdout == b""
    err = proc.stderr.decode()
    assert "no timeline written: TimelineJS needs at least one event" in err and why in err


def test_only_year_unknown_entries_is_exit_1_naming_them(tmp_path: Path) -> None:
    path = tmp_path / "xxxx.yaml"
    text = ORLANIA.replace("date: 2031-05-18\n    claims", "date: XXXX-05-18\n    claims")
    path.write_text(text.replace("date: 2031-05-01", "date: XXXX-05-01"), encoding="utf-8")
    proc = run("export", str(path), "--format", "timelinejs")
    err = proc.stderr.decode()
    assert proc.returncode == 1 and proc.stdout == b""
    assert "veyra-leak: left out" in err and "talks: left out" in err
    assert "2 entries left out" in err


# -- 7. URLs that are not http(s) ----------------------------------------------------


def test_jsonld_writes_a_non_web_url_as_identifier_and_says_so(orlania: Path) -> None:
    doc = jsonld(load_story(orlania))
    claim = doc["@graph"][0]
    assert claim["appearance"]["identifier"] == "javascript:alert(1)"
    assert "url" not in claim["appearance"]
    assert doc["@graph"][1]["appearance"]["url"] == "https://example.org/veyra"
    proc = run("export", str(orlania), "--format", "jsonld")
    assert proc.returncode == 0
    assert b"pamphlet: url is not http(s)" in proc.stderr
    sheet, _ = timelinejs(load_story(orlania))
    text = slide_text(sheet, "veyra-leak")
    assert "A pamphlet (javascript:alert(1))" in text and 'href="javascript' not in text


def test_check_warns_on_a_non_web_url_and_still_passes(orlania: Path) -> None:
    proc = run("check", str(orlania))
    err = proc.stderr.decode() + proc.stdout.decode()
    assert proc.returncode == 0, err
    assert "sources[1] (pamphlet).url: 'javascript:alert(1)' is not an http:// or https://" in err
    assert "warning" in err and "gazette" not in err


@pytest.mark.parametrize(
    ("url", "web"),
    [
        ("https://example.org/a", True),
        ("HTTP://EXAMPLE.ORG", True),
        ("javascript:alert(1)", False),
        (" https://example.org", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,x", False),
        ("https://", False),
        ("//example.org", False),
        ("ftp://example.org", False),
        ("", False),
    ],
)
def test_is_web_url(url: str, web: bool) -> None:
    assert is_web_url(url) is web


# -- 8. Help --------------------------------------------------------------------


def test_help_names_the_formats_and_export_help_lists_every_column() -> None:
    main = run("--help").stdout.decode()
    assert "as JSON to stdout" not in main
    for word in ("CSV", "TimelineJS", "JSON-LD", "diff OLD NEW"):
        assert word in main
    export = " ".join(run("export", "--help").stdout.decode().split())
    for name, (columns, _) in TABLES.items():
        listed = export.split(f" {name}: ", 1)[1]
        for column in columns:
            assert column in listed
    assert ", ".join(SHEET_COLUMNS) in export
    assert "README" not in export
