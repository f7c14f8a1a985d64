"""``storybrowse diff`` in words (tui.present.diff_view) and as text and
Markdown (diff_text, diff_markdown): what a reader sees, and that story
text never reaches a terminal raw nor becomes Markdown structure."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tui.present.diff_json import diff_json, iter_diff_json
from tui.present.diff_markdown import render_diff_markdown
from tui.present.diff_text import render_diff_text
from tui.present.diff_view import DiffReport, build_report, field_spans, word_diff
from tui.story.cells import cell_width
from tui.story.compare import FieldChange, compare
from tui.story.dates import parse_date
from tui.story.export import dumps
from tui.story.load import load_story
from tui.story.model import ContextEvent, Quote, Response, Story

DIFF = Path(__file__).resolve().parent.parent / "fixtures" / "diff"
SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def base() -> Story:
    return load_story(DIFF / "base.yaml")


def report(base: Story, name: str) -> DiffReport:
    new = load_story(DIFF / f"{name}.yaml")
    return build_report(base, new, compare(base, new), "base.yaml", f"{name}.yaml")


def plain(base: Story, name: str) -> str:
    return render_diff_text(report(base, name))


def test_word_diff_marks_words_taken_out_and_put_in() -> None:
    spans = word_diff("the drone came from the hills", "two drones came from the hills")
    text = "".join(
        f"[-{t}-]" if s == "del" else f"{{+{t}+}}" if s == "ins" else t for t, s in spans
    )
    assert text == "[-the drone-] {+two drones+} came from the hills"


def test_word_diff_shortens_long_unchanged_runs() -> None:
    words = [f"w{i}" for i in range(40)]
    changed = [*words[:20], "NEW", *words[21:]]
    spans = word_diff(" ".join(words), " ".join(changed), context=3)
    text = "".join(t for t, _ in spans)
    assert text == "… w17 w18 w19 w20 NEW w21 w22 w23 …"
    assert [s for t, s in spans if t == "…"] == ["muted", "muted"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (FieldChange("url", "text", None, "https://x.example"), "url: {+https://x.example+}"),
        (FieldChange("note", "text", "A note.", None), "note: [-A note.-]"),
        (
            FieldChange("text", "text", "Two  words", "Two\nwords"),
            "text: only the spacing or line breaks changed",
        ),
        (
            FieldChange("date", "date", None, parse_date("2031?-09-10")),
            "date: not given → 10 Sep 2031?",
        ),
        (FieldChange("stance", "choice", "denied", "confirmed"), "stance: DENIED → CONFIRMED"),
        (FieldChange("via", "refs", ("a",), ("a", "b")), "via: a → a, b"),
        (
            FieldChange("withdrawn", "withdrawn", None, True),
            "withdrawn: not given → yes, date not known",
        ),
    ],
)
def test_field_wording(change: FieldChange, expected: str) -> None:
    spans = field_spans(change)
    text = "".join(
        f"[-{t}-]" if s == "del" else f"{{+{t}+}}" if s == "ins" else t for t, s in spans
    )
    assert text == expected


def test_stance_change_reads_as_in_the_issue(base: Story) -> None:
    out = plain(base, "stance_changed")
    assert "  Government of Samplavia on port-strike: DENIED → CONFIRMED\n" in out
    assert out.startswith("From base.yaml to stance_changed.yaml: 2 changes\n")
    assert (
        "+ Added response sa-admission by Government of Samplavia · 13 Sep 2031 · CONFIRMED" in out
    )


def test_withdrawal_names_its_date_and_keeps_the_text(base: Story) -> None:
    out = plain(base, "statement_withdrawn")
    assert "DENIED → DENIED (withdrawn)" in out
    lines = out.splitlines()
    i = next(n for n, x in enumerate(lines) if "~ Withdrawn 13 Sep 2031: response sa-denial" in x)
    assert lines[i + 1].strip() == base.incident("port-strike").responses[0].text


def test_records_outside_the_timeline_are_grouped(base: Story) -> None:
    out = plain(base, "everything")
    headings = [x for x in out.splitlines() if x and not x.startswith(" ")]
    assert headings == [
        "From base.yaml to everything.yaml: 9 changes",
        "Story",
        "Incident port-strike · 10 Sep 2031 · Drone strike on the Port Lumen grain terminal",
        "+ Added incident ferry-seized · 13 Sep 2031 · Ferry seized on the Lumen river",
        "Actors",
        "Sources",
    ]
    assert "    name: Government of {+the Republic of+} Demoland\n" in out


def test_no_change_says_so(base: Story) -> None:
    assert (
        plain(base, "reformatted") == "No change to the story from base.yaml to reformatted.yaml\n"
    )


def test_plain_text_holds_no_control_character(base: Story) -> None:
    out = plain(base, "everything")
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f]", out)


def test_terminal_styles_and_colours_within_16_colours(base: Story) -> None:
    r = report(base, "everything")
    coloured = render_diff_text(r, sgr=True, colour=True)
    assert "\x1b[1;32m+ Added\x1b[0m" in coloured
    assert "\x1b[31m[-the drone-]\x1b[0m" in coloured
    assert "\x1b[1;31mDENIED\x1b[0m" in coloured and "\x1b[1;32mCONFIRMED\x1b[0m" in coloured
    codes = {c for m in re.findall(r"\x1b\[([0-9;]*)m", coloured) for c in m.split(";")}
    assert codes <= {"0", "1", "2", "31", "32", "33", "36"}
    # The same text once the codes are gone: the markers never rest on colour.
    assert SGR.sub("", coloured) == render_diff_text(r)
    no_colour = render_diff_text(r, sgr=True, colour=False)
    assert "\x1b[1m" in no_colour and not re.search(r"\x1b\[[0-9;]*3[0-7]m", no_colour)


def hostile_pair(base: Story) -> tuple[Story, Story]:
    evil = "\x1b]0;owned\x07 [red]markup[/red] **bold** <b>x</b>\n1. item\u202e"
    inc = base.incidents[0]
    claim = replace(inc.claim, text=inc.claim.text + evil)
    new_inc = replace(inc, title="# " + inc.title + evil, claim=claim, claims=(claim,))
    return base, replace(base, incidents=(new_inc, *base.incidents[1:]))


def test_story_text_is_sanitised_on_a_terminal(base: Story) -> None:
    old, new = hostile_pair(base)
    r = build_report(old, new, compare(old, new), "old\x1b[2J.yaml", "new.yaml")
    out = render_diff_text(r, sgr=True, colour=True)
    assert "\x07" not in out and "\u202e" not in out
    assert "\x1b]" not in out and "\x1b[2J" not in out
    assert "␛]0;owned␇" in out and "old␛[2J.yaml" in out
    assert all(
        code.startswith("\x1b[") and code.endswith("m") for code in re.findall(r"\x1b\S*?m", out)
    )


def test_markdown_escapes_story_text(base: Story) -> None:
    old, new = hostile_pair(base)
    md = render_diff_markdown(build_report(old, new, compare(old, new), "a.yaml", "b.yaml"))
    assert "\x1b" not in md and "\u202e" not in md
    html = MarkdownIt("commonmark").enable("strikethrough").render(md)
    assert "<b>" not in html and "<strong>bold</strong>" not in html
    assert "<ol>" not in html
    assert html.count("<h2>") == 1 and html.count("<h1>") == 1
    assert "<ins>" in html  # our own insertion mark
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_markdown_of_every_fixture_is_lists_under_headings(base: Story) -> None:
    md = render_diff_markdown(report(base, "everything"))
    html = MarkdownIt("commonmark").enable("strikethrough").render(md)
    assert html.count("<h2>") == 5
    assert "<s>the drone</s> <ins>two drones</ins>" in html
    assert "<strong>DENIED</strong> → <strong>CONFIRMED</strong>" in html


@pytest.mark.parametrize("width", [20, 41, 80])
def test_wrapped_to_a_terminal_width(base: Story, width: int) -> None:
    new = load_story(DIFF / "everything.yaml")
    inc = new.incidents[0]
    wide = replace(inc, title=inc.title + " 港口遭无人机袭击，三国首都各执一词")
    new = replace(new, incidents=(wide, *new.incidents[1:]))
    r = build_report(base, new, compare(base, new), "base.yaml", "new.yaml")
    whole = render_diff_text(r)
    wrapped = SGR.sub("", render_diff_text(r, sgr=True, colour=True, width=width))
    assert max(cell_width(x) for x in wrapped.splitlines()) <= width
    # Nothing lost or added but line breaks and indentation.
    assert "".join(wrapped.split()) == "".join(whole.split())
    # A continuation is indented four more spaces than the line it continues.
    lines = wrapped.splitlines()
    i = next(n for n, x in enumerate(lines) if x.startswith("  ~ Withdrawn"))
    assert lines[i + 1].startswith("      ") and not lines[i + 1].startswith("       ")


@pytest.mark.parametrize("name", ["everything", "base", "incident_removed"])
def test_json_streamed_is_the_document(base: Story, name: str) -> None:
    new = load_story(DIFF / f"{name}.yaml")
    changes = compare(base, new)
    streamed = "".join(iter_diff_json(base, new, changes, "a", "b"))
    assert streamed == dumps(diff_json(base, new, changes, "a", "b"))
    assert json.loads(streamed)["changed"] is bool(changes)


def test_quotes_and_context_events(base: Story) -> None:
    q = base.quotes[0]
    talks = ContextEvent(
        id="talks", title="Talks in Samplegrad", date=parse_date("2031-09"), text="Delegations met."
    )
    new = replace(
        base,
        quotes=(
            replace(q, text=q.text.replace("blame", "accuse")),
            Quote(id="vell-reply", speaker="vell", text="We will respond."),
        ),
        context=(*base.context, talks),
    )
    out = render_diff_text(build_report(base, new, compare(base, new), "a", "b")).splitlines()
    # Sep 2031 sorts before 10 Sep 2031 (a coarser date first), so before port-strike
    assert out[2:4] == [
        "+ Added context event talks · Sep 2031 · Talks in Samplegrad",
        "  Delegations met.",
    ]
    assert out[-5:] == [
        "Quotes",
        "  ~ Changed quote sample-blame by Ana Sample",
        "    text: The Front wants the three capitals to [-blame-] {+accuse+} each other, not it.",
        "  + Added quote vell-reply by Darin Vell",
        "    We will respond.",
    ]


def test_a_withdrawal_without_a_date_says_so(base: Story) -> None:
    inc = base.incident("bridge-fire")
    withdrawn = replace(inc, responses=(replace(inc.responses[0], withdrawn=True),))
    new = replace(base, incidents=(base.incidents[0], withdrawn))
    out = render_diff_text(build_report(base, new, compare(base, new), "a", "b")).splitlines()
    assert out[3:6] == [
        "  Government of Examplestan on bridge-fire: DENIED → DENIED (withdrawn)",
        "  ~ Withdrawn (date not known): response by Government of Examplestan"
        " · 12 Sep 2031 · DENIED",
        "    Examplestan said no rocket reached the bridge.",
    ]


@pytest.mark.parametrize("text", ["1. No rockets.", "- dash", "+ plus", "= equals", "2) two"])
def test_markdown_list_items_never_open_another_list(base: Story, text: str) -> None:
    inc = base.incident("bridge-fire")
    said = Response(by="samplavia", stance="denied", text=text)
    new = replace(
        base, incidents=(base.incidents[0], replace(inc, responses=(*inc.responses, said)))
    )
    md = render_diff_markdown(build_report(base, new, compare(base, new), "a", "b"))
    html = MarkdownIt("commonmark").render(md)
    assert f"<li>{text}</li>" in html
    assert "<ol" not in html and "<h1>" in html and html.count("<ul>") == 2
