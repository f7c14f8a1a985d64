"""Valid story files load, and every value is kept exactly as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.story.load import check_story, load_story, load_story_text
from tui.story.model import Actor, Claim, Place, Response, Source, StoryMeta

GOOD_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "good"


def test_minimal() -> None:
    story = load_story(GOOD_DIR / "minimal.yaml")
    assert story.meta == StoryMeta("The smallest valid story")
    assert (story.sources, story.actors, story.incidents, story.quotes, story.context) == (
        (),
        (),
        (),
        (),
        (),
    )


def test_yaml_11_coercions_never_happen() -> None:
    story = load_story(GOOD_DIR / "raw-scalars.yaml")
    meta = story.meta
    assert (meta.headline, meta.outlet, meta.url, meta.summary, meta.byline) == (
        "no",
        "on",
        "010",
        "12:30",
        "1e3",
    )
    assert meta.published is not None and meta.published.text == "2022-04-18"
    assert story.sources == (Source(id="Norway", name="NO", outlet="0x1F", url="null", note="~"),)
    actor = story.actors[0]
    assert actor.name == "yes"
    assert actor.role == "3.0"
    assert actor.aliases == ("off", "Y", "true", "2022-04-18", "1_000", ".inf", " padded  ")
    assert actor.description == "Two lines,\n  the second indented.\n"
    incident = story.incidents[0]
    assert incident.id == "inc.1"
    assert incident.title == "Folded text"
    assert incident.kind == "null string? no, this is text"
    assert incident.place == Place("Termez")
    assert incident.from_ == Place("Balkh", None, "Afghanistan")
    # region: ~ is null, so absent.
    assert incident.to == Place("Surxondaryo", None, "Uzbekistan")
    assert incident.claim == Claim(
        by="a1", text='Quoted, with "escapes" and a tab:\there', form="quote"
    )
    assert incident.responses == (Response(by="a1", stance="denied", text="It's false."),)


def test_every_field() -> None:
    story, problems = check_story(GOOD_DIR / "every-field.yaml")
    assert problems == []
    assert story is not None
    assert story.meta.published is not None and story.meta.published.text == "2022-05-10"
    mines = story.actor("mines")
    assert mines == Actor(
        id="mines",
        name="Andrew Mines",
        kind="analyst",
        affiliation="gwu",
        role="research fellow",
    )
    incident = story.incident("takhar")
    assert incident.date.text == "2022?-05-07"
    assert incident.date_reported == "May 7"
    assert incident.date_inferred is not None
    assert incident.date_inferred.sources == ("jamestown",)
    assert incident.from_ == Place("Khwaja Ghar", "Takhar", "Afghanistan")
    assert incident.claim.verb == "claimed"
    assert incident.claim.source == "article"
    assert incident.claim.date is not None and incident.claim.date.text == "2022?-05-07"
    assert [(r.by, r.stance, r.form, r.verb) for r in incident.responses] == [
        ("tajikistan", "denied", "paraphrase", "denied"),
        ("taliban", "investigating", "quote", None),
    ]
    quote = story.quote("q-mines")
    assert (quote.verb, quote.via, quote.about) == ("told", ("rferl",), ("takhar", "isk", "doha"))
    assert story.kind_of("doha") == "context"
    assert [e.id for e in story.timeline()] == ["doha", "takhar"]
    assert story.context[0].actors == ("taliban",)


def test_defaults() -> None:
    story = load_story_text(
        "story: {headline: h}\n"
        "actors: [{id: a, name: A, kind: other}]\n"
        "incidents:\n"
        "  - {id: i, title: t, date: 2022, claim: {by: a, text: c}}\n"
        "quotes: [{id: q, speaker: a, text: said}]\n"
    )
    assert story.incidents[0].claim.form == "paraphrase"
    assert story.incidents[0].claim.verb == "claimed"
    assert story.incidents[0].responses == ()
    assert (story.quotes[0].form, story.quotes[0].verb) == ("quote", "said")


@pytest.mark.parametrize("empty", ["", " ~", " null", " []"])
def test_empty_optional_lists(empty: str) -> None:
    story = load_story_text(f"story: {{headline: h}}\nsources:{empty}\nactors:{empty}\n")
    assert story.sources == () and story.actors == ()


def test_control_escapes_load_with_warnings() -> None:
    story, problems = check_story(GOOD_DIR / "control-escapes.yaml")
    assert story is not None
    assert story.meta.headline == "Red \x1b[31malert\x1b[0m"
    assert story.meta.summary == "Bell \x07 and carriage return \r and \x9b CSI"
    assert story.actors[0].name == "Right-to-left \u202e override"
    assert all(p.severity == "warning" for p in problems)
    assert [(p.line, p.column, p.path) for p in problems] == [
        (4, 18, "story.headline"),
        (5, 18, "story.summary"),
        (8, 26, "actors[0] (a1).name"),
        (10, 16, "actors[0] (a1).aliases[0]"),
    ]
    assert problems[0].format() == (
        f"{GOOD_DIR / 'control-escapes.yaml'}:4:18: warning: story.headline: contains "
        "control character ␛ (U+001B ESC) (written as an escape); it will be shown as a symbol "
        "(1 more in this text)"
    )
    assert problems[2].message == (
        "contains bidi control <U+202E> (U+202E RIGHT-TO-LEFT OVERRIDE) "
        "(written as an escape); it will be shown as a symbol"
    )


def test_seed_story_is_clean(seed_path: Path) -> None:
    story, problems = check_story(seed_path)
    assert [p.format() for p in problems] == []
    assert story is not None and len(story.incidents) >= 2


def test_standard_tags_are_accepted_and_ignored() -> None:
    story = load_story_text("story: !!map\n  headline: !!str 010\n  outlet: !!int 010\n")
    assert (story.meta.headline, story.meta.outlet) == ("010", "010")


def test_explicit_null_tag_means_absent() -> None:
    story = load_story_text("story: {headline: h, outlet: !!null ''}\n")
    assert story.meta.outlet is None
