"""`storybrowse export --format csv|timelinejs|timelinejs-csv|jsonld` on every
fixture story and the bundled one: each checked against the target's own
documented format (RFC 4180 read back by :mod:`csv`; TimelineJS3's "JSON data
format" and Google Sheets template; schema.org Claim expanded by pyld)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld as pyld

from tui.present.export_csv import TABLES, write_csv
from tui.present.export_jsonld import actor_type, iter_jsonld, jsonld
from tui.present.export_timelinejs import (
    SHEET_COLUMNS,
    Skipped,
    iter_timelinejs,
    timelinejs,
    write_sheet_csv,
)
from tui.story.dates import parse_date
from tui.story.export import dumps
from tui.story.load import load_story
from tui.story.model import Actor, Incident, Response, Story
from tui.story.positions import as_of

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
STORIES = [*sorted((FIXTURES / "stories").glob("*.yaml")), ROOT / "story.yaml"]
ids = [p.stem for p in STORIES]


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "tui", "export", *args], capture_output=True, timeout=60
    )


def csv_of(story: Story, table: str) -> list[list[str]]:
    out = io.StringIO(newline="")
    write_csv(story, out, table)
    return list(csv.reader(io.StringIO(out.getvalue(), newline="")))


# -- CSV ----------------------------------------------------------------------


@pytest.mark.parametrize("path", STORIES, ids=ids)
@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_csv_table_reads_back_field_for_field(path: Path, table: str) -> None:
    story = load_story(path)
    columns, rows = TABLES[table]
    read = csv_of(story, table)
    assert read[0] == list(columns)
    assert read[1:] == list(rows(story))
    sizes = {
        "statements": sum(len(i.claims) + len(i.responses) for i in story.incidents),
        "incidents": len(story.incidents),
        "actors": len(story.actors),
        "quotes": len(story.quotes),
        "sources": len(story.sources),
    }
    assert len(read) - 1 == sizes[table]


@pytest.mark.parametrize("path", STORIES, ids=ids)
def test_the_statements_table_holds_each_statement_as_the_story_says(path: Path) -> None:
    story = load_story(path)
    table = csv_of(story, "statements")
    rows = [dict(zip(table[0], r, strict=True)) for r in table[1:]]
    statements = [(inc, st) for inc in story.incidents for st in inc.statements()]
    assert len(rows) == len(statements)
    for row, (inc, st) in zip(rows, statements, strict=True):
        assert row["incident_id"] == inc.id and row["incident_title"] == inc.title
        assert row["incident_date"] == inc.date.display()
        assert row["incident_date_edtf"] == inc.date.text
        assert row["role"] == ("response" if isinstance(st, Response) else "claim")
        assert row["actor_id"] == st.by and row["text"] == st.text and row["form"] == st.form
        actor = story.get(st.by)
        assert isinstance(actor, Actor) and row["actor_name"] == actor.name
        assert row["actor_kind"] == actor.kind
        assert row["stance"] == (st.stance if isinstance(st, Response) else "")
        assert row["date_edtf"] == (st.date.text if st.date else "")
        assert row["withdrawn"] == ("no" if st.withdrawn is None else "yes")
        assert row["via_ids"] == "; ".join(st.via)


TRICKY = """\
storybrowse: 2
story:
  headline: "Quotes, commas and \\"newlines\\" in a denial later admitted"
actors:
  - id: gov
    name: "Government of Examplestan, \\"the Republic\\""
    kind: government
  - id: rebels
    name: Frontier Front
    kind: armed-group
sources:
  - id: wire
    name: "Wire, Example \\"Service\\""
    url: "https://example.org/a?b=1&c=\\"2\\""
incidents:
  - id: depot
    title: "Depot fire, \\"an accident\\"\\nthen admitted"
    date: "2031-03-10?"
    claims:
      - id: c1
        by: rebels
        text: "Line one,\\nline \\"two\\"\\r\\nline three;\\n\\nnew paragraph <b>no</b> & more"
        source: wire
    responses:
      - by: gov
        stance: denied
        form: quote
        text: "\\"Nothing happened,\\" he said.\\n\\"Nothing.\\""
        date: 2031-03-11
        withdrawn: 2031-03-12
        source: wire
      - by: gov
        stance: confirmed
        text: "We admit it, \\"by error\\"."
        date: 2031-03-12
        source: wire
"""


@pytest.fixture
def tricky(tmp_path: Path) -> Path:
    path = tmp_path / "tricky.yaml"
    path.write_text(TRICKY, encoding="utf-8")
    return path


def test_csv_round_trips_newlines_quotes_and_commas_through_the_command(tricky: Path) -> None:
    story = load_story(tricky)
    proc = run(str(tricky), "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    raw = proc.stdout
    assert not raw.startswith(b"\xef\xbb\xbf")  # UTF-8 without a byte order mark
    assert raw.endswith(b"\r\n") and raw.count(b"\r\n") >= 4  # RFC 4180 record ends
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    header, data = rows[0], [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert len(header) == len(set(header))
    texts = [st.text for inc in story.incidents for st in inc.statements()]
    assert [d["text"] for d in data] == texts
    assert "\r\n" in texts[0] and "\n\n" in texts[0] and '"' in texts[1]
    assert data[0]["incident_title"] == story.incidents[0].title
    assert data[0]["source_url"] == 'https://example.org/a?b=1&c="2"'
    assert data[1]["actor_name"] == 'Government of Examplestan, "the Republic"'
    assert [d["withdrawn"] for d in data] == ["no", "yes", "no"]
    assert data[1]["withdrawn_date_edtf"] == "2031-03-12"
    assert data[0]["incident_date"] == "10 Mar 2031?"


def test_csv_table_choice_and_its_misuse() -> None:
    proc = run(str(ROOT / "story.yaml"), "--format", "csv", "--table", "actors")
    assert proc.returncode == 0
    header = next(csv.reader(io.StringIO(proc.stdout.decode("utf-8"))))
    assert header[:3] == ["id", "name", "kind"]
    proc = run(str(ROOT / "story.yaml"), "--format", "jsonld", "--table", "actors")
    assert proc.returncode == 2 and b"--table goes with --format csv" in proc.stderr


# -- TimelineJS ---------------------------------------------------------------

# From Knight Lab's "TimelineJS JSON data format" (timeline.knightlab.com/docs/
# json-format.html): the object's and a slide's properties, and the date parts.
TOP_KEYS = {"events", "title", "eras", "scale"}
SLIDE_KEYS = {
    "start_date",
    "end_date",
    "text",
    "media",
    "group",
    "display_date",
    "background",
    "autolink",
    "unique_id",
}
DATE_KEYS = {"year", "month", "day", "hour", "minute", "second", "millisecond"}
DATE_KEYS |= {"display_date", "format"}
ALLOWED_TAGS = {"p", "strong", "em", "small", "ul", "li", "a", "br"}


class Html(HTMLParser):
    """Collects the tags, the href values and the text of an HTML fragment."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.hrefs: list[str] = []
        self.text = ""
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.hrefs += [v or "" for k, v in attrs if k == "href"]

    def handle_data(self, data: str) -> None:
        self.text += data


def check_slide(slide: dict[str, Any], *, title: bool = False) -> None:
    assert set(slide) <= SLIDE_KEYS, set(slide) - SLIDE_KEYS
    if not title:
        start = slide["start_date"]
        assert set(start) <= DATE_KEYS
        assert isinstance(start["year"], int)
        assert 1 <= start.get("month", 1) <= 12 and 1 <= start.get("day", 1) <= 31
        assert "day" not in start or "month" in start
        assert isinstance(slide["display_date"], str) and slide["display_date"]
        assert isinstance(slide["group"], str)
    text = slide["text"]
    assert set(text) <= {"headline", "text"}
    for part in text.values():
        assert isinstance(part, str)
        parsed = Html(part)
        assert parsed.tags <= ALLOWED_TAGS, parsed.tags
        assert all(h.startswith(("http://", "https://")) for h in parsed.hrefs)


@pytest.mark.parametrize("path", STORIES, ids=ids)
def test_timelinejs_follows_the_documented_structure(path: Path) -> None:
    story = load_story(path)
    doc, skipped = timelinejs(story)
    doc = json.loads(json.dumps(doc))  # plain JSON, as TimelineJS reads it
    assert set(doc) <= TOP_KEYS and isinstance(doc["events"], list)
    check_slide(doc["title"], title=True)
    assert Html(doc["title"]["text"]["headline"]).text == story.meta.headline
    entries = [e for e in story.timeline() if e.date.year is not None]
    assert [s.record_id for s in skipped] == [e.id for e in story.timeline() if e.date.year is None]
    assert [ev["unique_id"] for ev in doc["events"]] == [e.id for e in entries]
    unique = {ev["unique_id"] for ev in doc["events"]} | {doc["title"]["unique_id"]}
    assert len(unique) == len(entries) + 1
    for ev, entry in zip(doc["events"], entries, strict=True):
        check_slide(ev)
        start = ev["start_date"]
        assert start["year"] == entry.date.year
        assert start.get("month") == entry.date.month
        assert start.get("day") == entry.date.day
        assert ev["display_date"] == entry.date.display()
        if entry.date.uncertain:
            assert "?" in ev["display_date"]
        assert ev["group"] == ("Incidents" if isinstance(entry, Incident) else "Context")
        # The headline's text, once the HTML is read, is the story's title.
        assert Html(ev["text"]["headline"]).text == entry.title
        if isinstance(entry, Incident):
            body = Html(ev["text"]["text"]).text
            for claim in entry.claims:
                for line in claim.text.split("\n"):
                    assert line.strip() in body


def test_timelinejs_escapes_story_text_and_lists_what_it_leaves_out(tmp_path: Path) -> None:
    hostile = FIXTURES / "stories" / "hostile.yaml"
    doc, _ = timelinejs(load_story(hostile))
    for ev in doc["events"]:
        assert "<script" not in json.dumps(ev).lower()
    partial = FIXTURES / "stories" / "partial_dates.yaml"
    proc = run(str(partial), "--format", "timelinejs")
    assert proc.returncode == 0
    story = load_story(partial)
    missing = [e.id for e in story.timeline() if e.date.year is None]
    assert missing  # the fixture has entries without a year
    err = proc.stderr.decode("utf-8")
    for record_id in missing:
        assert f": {record_id}: left out of the timeline" in err
    shown = {ev["unique_id"] for ev in json.loads(proc.stdout)["events"]}
    assert shown.isdisjoint(missing)


@pytest.mark.parametrize("path", STORIES, ids=ids)
def test_timelinejs_csv_has_the_google_sheet_template_columns(path: Path) -> None:
    story = load_story(path)
    out = io.StringIO(newline="")
    skipped = write_sheet_csv(story, out)
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    # Knight Lab's template (TimelineJS3's src/js/core test sheet has the same header).
    assert rows[0] == list(SHEET_COLUMNS) and len(SHEET_COLUMNS) == 18
    sheet = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert sheet[0]["Type"] == "title" and sheet[0]["Year"] == ""
    doc, same_skipped = timelinejs(story)
    assert skipped == same_skipped
    assert len(sheet) == 1 + len(doc["events"])
    for row, ev in zip(sheet[1:], doc["events"], strict=True):
        assert int(row["Year"]) == ev["start_date"]["year"]
        assert row["Month"] == str(ev["start_date"].get("month", ""))
        assert row["Day"] == str(ev["start_date"].get("day", ""))
        assert row["Display Date"] == ev["display_date"]
        assert row["Headline"] == ev["text"]["headline"] and row["Text"] == ev["text"]["text"]
        assert row["Group"] in ("Incidents", "Context") and row["Type"] == ""


# -- JSON-LD ------------------------------------------------------------------

SCHEMA = "http://schema.org/"
CONTEXT_DOC = json.loads((FIXTURES / "jsonld" / "schema.org.context.jsonld").read_text())


def offline_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """pyld's document loader, serving the stored schema.org context only."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contextUrl": None, "documentUrl": url, "document": CONTEXT_DOC}
    raise AssertionError(f"the test tried to fetch {url}")


def expand(doc: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = pyld.expand(doc, {"documentLoader": offline_loader})
    return out


@pytest.mark.parametrize("path", STORIES, ids=ids)
def test_jsonld_expands_and_every_node_has_the_right_type(path: Path) -> None:
    story = load_story(path)
    doc = jsonld(story)
    assert doc["@context"] == "https://schema.org"
    assert "ClaimReview" not in json.dumps(doc)
    expanded = expand(doc)
    graph = expanded  # a top-level @graph expands to its nodes
    statements = [(inc, st) for inc in story.incidents for st in inc.statements()]
    assert len(graph) == len(statements)
    for node, (inc, st) in zip(graph, statements, strict=True):
        assert node["@type"] == [f"{SCHEMA}Claim"]
        assert node[f"{SCHEMA}text"] == [{"@value": st.text}]
        authors = node[f"{SCHEMA}author"]
        actor = story.get(st.by)
        assert isinstance(actor, Actor)
        assert authors[0]["@type"] == [SCHEMA + actor_type(actor.kind)]
        assert actor_type(actor.kind) in (
            "Person",
            "Organization",
            "GovernmentOrganization",
            "NewsMediaOrganization",
        )
        about = node[f"{SCHEMA}about"]
        assert about[0]["@type"] == [f"{SCHEMA}Event"] and about[0]["@id"] == f"_:{inc.id}"
        for appearance in node.get(f"{SCHEMA}appearance", []):
            assert appearance["@type"] == [f"{SCHEMA}CreativeWork"]
        if st.date is not None and not (st.date.uncertain or st.date.approximate):
            assert node[f"{SCHEMA}datePublished"][0]["@value"].startswith(str(st.date.year))


def test_jsonld_person_speaker_source_url_and_withdrawal(tricky: Path) -> None:
    doc = jsonld(load_story(tricky))
    claim, denial, admission = doc["@graph"]
    assert claim["appearance"]["url"] == 'https://example.org/a?b=1&c="2"'
    assert denial["creativeWorkStatus"] == "Withdrawn" and "creativeWorkStatus" not in admission
    assert denial["datePublished"] == "2031-03-11"
    assert denial["about"][1] == {"@id": claim["@id"]}  # a response is about the claim too
    assert admission["author"]["@type"] == "GovernmentOrganization"
    expanded = expand(doc)
    assert all(n["@type"] == [f"{SCHEMA}Claim"] for n in expanded)
    url = expanded[0][f"{SCHEMA}appearance"][0][f"{SCHEMA}url"]
    assert url == [{"@id": 'https://example.org/a?b=1&c="2"'}]


# -- --as-of with every format ------------------------------------------------


def test_every_format_takes_as_of_as_the_picture_on_that_date() -> None:
    path = FIXTURES / "stories" / "denial_admitted.yaml"
    cutoff = "2031-03-10"
    then = as_of(load_story(path), parse_date(cutoff))
    made_then = sum(len(i.claims) + len(i.responses) for i in then.incidents)
    proc = run(str(path), "--format", "csv", "--as-of", cutoff)
    rows = list(csv.reader(io.StringIO(proc.stdout.decode("utf-8"), newline="")))
    assert len(rows) - 1 == made_then
    assert all(r[rows[0].index("date_edtf")] <= cutoff for r in rows[1:])
    proc = run(str(path), "--format", "jsonld", "--as-of", cutoff)
    assert len(json.loads(proc.stdout)["@graph"]) == made_then
    proc = run(str(path), "--format", "timelinejs", "--as-of", cutoff)
    events = json.loads(proc.stdout)["events"]
    assert [e["unique_id"] for e in events] == [e.id for e in then.timeline()]
    whole = json.loads(run(str(path), "--format", "timelinejs").stdout)["events"]
    assert len(events) < len(whole)


ANSWER_BEFORE_CLAIM = """\
storybrowse: 2
story:
  headline: A denial that came before the second claim
actors:
  - id: gov
    name: Government of Examplestan
    kind: government
  - id: nord
    name: Government of Nordmark
    kind: government
  - id: demo
    name: Government of Demoland
    kind: government
incidents:
  - id: blast
    title: Pipeline blast
    date: 2031-03-08
    claims:
      - id: sabotage
        by: nord
        text: Nordmark said saboteurs did it.
        date: 2031-03-08
      - id: missile
        by: demo
        text: Demoland said a missile hit the pipeline.
        date: 2031-03-12
    responses:
      - by: gov
        stance: denied
        responds_to: missile
        text: Examplestan denied firing any missile.
        date: 2031-03-09
"""


def test_as_of_names_a_claim_not_yet_made_instead_of_an_unknown_record(tmp_path: Path) -> None:
    path = tmp_path / "early.yaml"
    path.write_text(ANSWER_BEFORE_CLAIM, encoding="utf-8")
    proc = run(str(path), "--as-of", "2031-03-10")
    assert proc.returncode == 0, proc.stderr
    ref = json.loads(proc.stdout)["incidents"][0]["responses"][0]["responds_to_ref"]
    assert ref == {
        "id": "missile",
        "type": "claim",
        "name": "Demoland said a missile hit the pipeline.",
        "not_yet_made": True,
    }
    whole = json.loads(run(str(path)).stdout)["incidents"][0]["responses"][0]
    assert whole["responds_to_ref"]["not_yet_made"] is False
    # JSON-LD, as of that date: the response is about the incident only (the
    # claim it answers has no node yet).
    doc = json.loads(run(str(path), "--format", "jsonld", "--as-of", "2031-03-10").stdout)
    response = doc["@graph"][-1]
    assert response["about"]["@id"] == "_:blast"


def test_csv_on_a_terminal_shows_control_characters_as_symbols() -> None:
    """CSV cannot escape a control character: a terminal is shown its symbol
    (a file or a pipe gets the exact text, as the tests above check)."""
    import os
    import pty

    hostile = str(FIXTURES / "stories" / "hostile.yaml")
    primary, secondary = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "tui", "export", hostile, "--format", "csv"],
            stdout=secondary,
            stderr=subprocess.DEVNULL,
            timeout=60,
        )
        os.close(secondary)
        out = b""
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    finally:
        os.close(primary)
    assert proc.returncode == 0
    assert b"\x1b" not in out and b"\x07" not in out
    assert "␛".encode() in out
    piped = run(hostile, "--format", "csv").stdout
    assert b"\x1b" in piped  # the exact text, for a file or a pipe


@pytest.mark.parametrize("path", STORIES, ids=ids)
def test_streamed_timelinejs_and_jsonld_are_the_documents_exactly(path: Path) -> None:
    """The command writes them node by node (memory within the documented
    bound at 32 MiB); the text is that of the whole document."""
    story = load_story(path)
    doc, skipped = timelinejs(story)
    streamed_skips: list[Skipped] = []
    assert "".join(iter_timelinejs(story, streamed_skips)) == dumps(doc)
    assert streamed_skips == skipped
    assert "".join(iter_jsonld(story)) == dumps(jsonld(story))
    json.loads("".join(iter_jsonld(story)))
