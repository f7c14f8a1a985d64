"""The story overview, a source's view and the Source: links (issue 13),
in the presentation layer: on an invented story told from several sources
(tests/fixtures/stories/sourced.yaml: a wire report cited by claims and a
response, a ministry statement by a denial and its later admission, an
interview by quotes, imagery by a date inference and a context event, a
leaked memo by nothing), the seed and every fixture story."""

from __future__ import annotations

import io
import re
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from tui.cli import main
from tui.present.citations import Citation, citation_counts, citations, cited_by
from tui.present.layout import layout
from tui.present.markdown import render_markdown
from tui.present.story_view import overview_view, source_rows, source_view
from tui.present.view import all_ids, build_view
from tui.story.cells import cell_width
from tui.story.load import load_story
from tui.story.model import Source, Story

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "story.yaml"
SOURCED = ROOT / "tests" / "fixtures" / "stories" / "sourced.yaml"
PATHS = [SEED, *sorted((ROOT / "tests" / "fixtures" / "stories").glob("*.yaml"))]


@pytest.fixture(scope="module")
def sourced() -> Story:
    return load_story(SOURCED)


def lines_and_links(story: Story, record_id: str | None, width: int = 80) -> tuple[list[str], list]:  # type: ignore[type-arg]
    laid = layout(build_view(story, record_id) or [], width)
    return laid.plain(), laid.links


def source(story: Story, source_id: str) -> Source:
    rec = story.get(source_id)
    assert isinstance(rec, Source)
    return rec


# -- the reverse index ---------------------------------------------------------------


def test_every_kind_of_citation_is_indexed_in_reading_order(sourced: Story) -> None:
    assert cited_by(sourced, "wire-0611") == (
        Citation("inference", "incident", "dam-breach"),
        Citation("claim", "incident", "dam-breach", 0),
        Citation("response", "incident", "dam-breach", 2),
        Citation("claim", "incident", "second-strike", 0),
    )
    assert cited_by(sourced, "ministry-statement") == (
        Citation("response", "incident", "dam-breach", 0),
        Citation("response", "incident", "dam-breach", 1),
    )
    assert [c.kind for c in cited_by(sourced, "interview")] == ["quote", "quote"]
    assert [(c.kind, c.record_id) for c in cited_by(sourced, "imagery")] == [
        ("event", "dam-tension"),
        ("inference", "dam-breach"),
    ]
    assert cited_by(sourced, "leaked-memo") == ()


def test_the_index_is_built_once_per_story(sourced: Story) -> None:
    assert citations(sourced) is citations(sourced)
    again = load_story(SOURCED)  # equal, but another story object
    assert citations(again) == citations(sourced)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_the_index_counts_every_source_field_of_the_story(path: Path) -> None:
    """Counted independently: every claim, response, quote and context
    event with a source, and every source of every date inference."""
    story = load_story(path)
    expected = 0
    for inc in story.incidents:
        expected += sum(1 for st in inc.statements() if st.source)
        expected += len(set(inc.date_inferred.sources)) if inc.date_inferred else 0
    for ev in story.context:
        expected += 1 if ev.source else 0
        expected += len(set(ev.date_inferred.sources)) if ev.date_inferred else 0
    expected += sum(1 for q in story.quotes if q.source)
    assert sum(len(v) for v in citations(story).values()) == expected


# -- a source's view ---------------------------------------------------------------


def test_source_view_shows_its_facts_and_links_everything_that_cites_it(sourced: Story) -> None:
    lines, links = lines_and_links(sourced, "wire-0611")
    text = "\n".join(lines)
    assert lines[:3] == ["SOURCE · wire-0611", "Example Wire report of 11 June", "4 citations"]
    assert "Outlet: Example Wire" in text and "Published: 11 Jun 2033" in text
    assert "URL: https://wire.example/0611" in text
    assert "Claims citing it (2)" in text and "Responses citing it (1)" in text
    assert "Dates inferred from it (1)" in text
    assert "- INVESTIGATING Government of Nordmark, on The Vesna dam is breached" in text
    assert [(x.kind, x.record_id) for x in links] == [
        ("incident", "dam-breach"),  # the claim
        ("incident", "second-strike"),  # the claim
        ("incident", "dam-breach"),  # Nordmark's response
        ("incident", "dam-breach"),  # the date inference
    ]


def test_a_denial_and_its_admission_both_cite_the_statement(sourced: Story) -> None:
    text = "\n".join(lines_and_links(sourced, "ministry-statement")[0])
    assert "Not recorded: publication date, URL." in text
    assert "Published on the ministry's channel; later edited." in text
    assert "- DENIED Government of Demoland (Demopolis), 10 Jun 2033, on The Vesna" in text
    assert "- CONFIRMED Government of Demoland (Demopolis), 15 Jun 2033, on The" in text


def test_quotes_and_events_that_cite_a_source_link_to_themselves(sourced: Story) -> None:
    _, links = lines_and_links(sourced, "interview")
    assert [(x.kind, x.record_id) for x in links] == [
        ("quote", "test-on-breach"),
        ("quote", "test-on-river"),
    ]
    text = "\n".join(lines_and_links(sourced, "imagery")[0])
    assert "Context events citing it (1)" in text
    assert "- May 2033  Examplestan and Demoland dispute the Vesna river's water" in text


def test_a_source_nothing_cites_says_so(sourced: Story) -> None:
    lines, links = lines_and_links(sourced, "leaked-memo")
    assert "0 citations" in lines
    assert "Nothing in the story cites this source." in lines
    assert links == []
    assert source_view(sourced, source(sourced, "leaked-memo"))  # a view, never an error


# -- every Source: line is a link ------------------------------------------------------------


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
@pytest.mark.parametrize("width", [60, 120])
def test_every_source_line_in_every_view_links_to_its_source(path: Path, width: int) -> None:
    story = load_story(path)
    names = {s.id: s.name for s in story.sources}
    found = 0
    for record_id in all_ids(story):
        laid = layout(build_view(story, record_id) or [], width)
        plain = laid.plain()
        for y, line in enumerate(plain):
            for m in re.finditer(r"Sources?: ", line):
                x = cell_width(line[: m.end()])  # where the name starts, in cells
                wrapped = not line[m.end() :].split("│")[0].strip()
                # The name follows the label, or (wrapped) starts the next line.
                spot = [
                    s
                    for s in laid.links
                    if any(
                        (ly, x0) == (y, x) or (wrapped and ly == y + 1) for ly, x0, _ in s.regions
                    )
                ]
                assert spot, (record_id, line)
                assert all(s.kind == "source" and s.record_id in names for s in spot)
                found += 1
    cited = sum(1 for v in citations(story).values() for _ in v)
    assert (found > 0) == (cited > 0)


# -- the overview ---------------------------------------------------------------------


def test_overview_shows_the_story_metadata_counts_and_sources(sourced: Story) -> None:
    laid = layout(overview_view(sourced), 100)
    text = "\n".join(laid.plain())
    assert laid.plain()[:2] == ["STORY", "Two governments trade blame over the Vesna dam breach"]
    assert "2 incidents · 1 context event · 4 actors · 2 quotes · 5 sources · 5 statements" in text
    for field in (
        "Outlet: The Example Ledger",
        "Byline: Ana Probna and Tomas Vzorec",
        "Published: 20 Jun 2033",
        "URL: https://ledger.example/2033/06/vesna-dam",
        "Demoland first denied",
    ):
        assert field in text
    assert "Not recorded" not in text
    assert "- Leaked Nordmark memo · Unknown · 0 citations  [leaked-memo]" in text
    assert [(x.kind, x.record_id) for x in laid.links] == [
        ("source", s.id) for s in sourced.sources
    ]


def test_overview_says_what_the_file_does_not_record() -> None:
    text = "\n".join(layout(overview_view(load_story(SEED)), 80).plain())
    assert "Not recorded: outlet, byline, publication date, URL." in text


def test_source_rows_give_outlet_date_and_citations(sourced: Story) -> None:
    rows = {r.record_id: r for r in source_rows(sourced)}
    assert (rows["wire-0611"].outlet, rows["wire-0611"].date) == ("Example Wire", "11 Jun 2033")
    assert rows["wire-0611"].cited == "4 citations"
    assert (rows["imagery"].outlet, rows["imagery"].date) == ("", "")
    assert rows["leaked-memo"].cited == "0 citations"


def _show(*args: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["show", *args]) == 0
    return out.getvalue()


def test_show_without_an_id_begins_with_the_overview_then_the_timeline() -> None:
    text = _show(str(SOURCED), "--width", "80")
    head, _, rest = text.partition("\nTimeline (3 entries)\n")
    assert head.startswith("STORY\nTwo governments trade blame over the Vesna dam breach\n")
    assert "Byline: Ana Probna and Tomas Vzorec" in head and "Sources (5)" in head
    assert "dam-breach" in rest and "second-strike" in rest


def test_markdown_without_an_id_begins_with_the_overview() -> None:
    text = _show(str(SOURCED), "--format", "markdown")
    assert text.startswith("# Two governments trade blame over the Vesna dam breach\n\n**STORY**\n")
    assert "**URL:** https://ledger.example/2033/06/vesna\\-dam" not in text  # not a list item
    assert "### Sources (5)" in text and "(`leaked-memo`)" in text
    assert text.index("### Sources (5)") < text.index("## Timeline (3 entries)")
    # The same blocks as the text: the markdown of the overview alone is its start.
    assert text.startswith(render_markdown(overview_view(load_story(SOURCED))).rstrip("\n"))


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_the_counts_agree_with_the_index(path: Path) -> None:
    """The sources list and the overview count without building the index:
    the counts must be the index's lengths."""
    story = load_story(path)
    index = citations(story)
    assert citation_counts(story) == {k: len(v) for k, v in index.items()}


@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "fixtures" / "stories").glob("*.yaml")))
def test_a_source_view_never_hides_a_withdrawal_and_dates_each_statement(path: Path) -> None:
    """Every statement that cites a source is listed with its date and, if
    withdrawn, WITHDRAWN as ``show`` writes it beside the stance (a new
    user found "INVESTIGATING ..." for a response the file says was
    withdrawn, with no date to tell it from the same actor's others)."""
    try:
        story = load_story(path)
    except Exception:  # an invalid fixture: nothing to show
        return
    for src in story.sources:
        text = " ".join(" ".join(lines_and_links(story, src.id, width=200)[0]).split())
        for inc in story.incidents:
            for statement in (*inc.claims, *inc.responses):
                if statement.source != src.id:
                    continue
                if statement.withdrawn is not None:
                    assert "WITHDRAWN" in text, (src.id, statement)
                if statement.date is not None:
                    assert statement.date.display() in text, (src.id, statement)
