"""The core comparison (tui.story.compare): which changes two versions of a
story hold, matched the way an editor thinks of them.

On the fixture pairs in tests/fixtures/diff/ (base.yaml and one kind of
change each) and on versions made in code from other fixture stories."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tui.story.compare import (
    Change,
    FieldChange,
    RecordChange,
    StanceChange,
    StatementChange,
    compare,
    word_runs,
    word_similarity,
    words,
)
from tui.story.dates import parse_date
from tui.story.load import load_story
from tui.story.model import ContextEvent, Incident, Response, Story

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
DIFF = FIXTURES / "diff"


@pytest.fixture(scope="module")
def base() -> Story:
    return load_story(DIFF / "base.yaml")


def changes_to(base: Story, name: str) -> tuple[Change, ...]:
    return compare(base, load_story(DIFF / f"{name}.yaml"))


def summary(changes: tuple[Change, ...]) -> list[tuple[str, ...]]:
    """Each change as a short tuple, for comparing with what is expected."""
    out: list[tuple[str, ...]] = []
    for c in changes:
        if isinstance(c, RecordChange):
            out.append((c.kind, str(c.id), c.action, *(f.field for f in c.fields)))
        elif isinstance(c, StanceChange):
            old = f"{c.old}{'/w' if c.old_withdrawn else ''}"
            new = f"{c.new}{'/w' if c.new_withdrawn else ''}"
            out.append(("stance", c.incident, c.actor, old, new))
        else:
            out.append((c.role, c.incident, c.action, c.statement.by, *(f.field for f in c.fields)))
    return out


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("incident_added", [("incident", "ferry-seized", "added")]),
        ("incident_removed", [("incident", "bridge-fire", "removed")]),
        ("incident_retitled", [("incident", "port-strike", "changed", "title")]),
        (
            "stance_changed",
            [
                ("stance", "port-strike", "samplavia", "denied", "confirmed"),
                ("response", "port-strike", "added", "samplavia"),
            ],
        ),
        (
            "stance_edited",
            [
                ("stance", "port-strike", "examplestan", "investigating", "disputed"),
                ("response", "port-strike", "changed", "examplestan", "stance"),
            ],
        ),
        ("statement_added", [("response", "bridge-fire", "added", "examplestan")]),
        (
            "statement_withdrawn",
            [
                ("stance", "port-strike", "samplavia", "denied", "denied/w"),
                ("response", "port-strike", "withdrawn", "samplavia", "withdrawn"),
            ],
        ),
        ("text_edited", [("claim", "port-strike", "changed", "nlf", "text")]),
        ("metadata_changed", [("story", "None", "changed", "headline", "published")]),
        ("actor_renamed", [("actor", "demoland", "changed", "name")]),
        ("source_url_changed", [("source", "wire", "changed", "url")]),
        ("reformatted", []),
        ("base", []),
    ],
)
def test_each_kind_of_change_is_found_and_nothing_else(
    base: Story, name: str, expected: list[tuple[str, ...]]
) -> None:
    assert summary(changes_to(base, name)) == expected


def test_changes_come_in_reading_order(base: Story) -> None:
    got = summary(changes_to(base, "everything"))
    kinds = [g[0] for g in got]
    # metadata first, then the timeline (port-strike on 10 Sep, then the
    # ferry on 13 Sep), then actors, then sources
    assert kinds == [
        "story",
        "incident",
        "stance",
        "claim",
        "response",
        "response",
        "incident",
        "actor",
        "source",
    ]
    assert got[1][:2] == ("incident", "port-strike") and got[6][:2] == ("incident", "ferry-seized")


def test_field_values_are_the_models(base: Story) -> None:
    (meta,) = changes_to(base, "metadata_changed")
    assert isinstance(meta, RecordChange)
    published = next(f for f in meta.fields if f.field == "published")
    assert published == FieldChange(
        "published", "date", parse_date("2031-09-14"), parse_date("2031-09-15")
    )


def test_a_removed_entry_stands_at_its_date_among_the_new_ones() -> None:
    story = load_story(FIXTURES / "stories" / "denial_admitted.yaml")
    first = story.timeline()[0]
    assert isinstance(first, ContextEvent)
    later = replace(
        story,
        context=(),
        incidents=(
            *story.incidents,
            replace(story.incidents[0], id="later", date=parse_date("2031-04")),
        ),
    )
    got = summary(compare(story, later))
    assert got == [("context", first.id, "removed"), ("incident", "later", "added")]


# -- statements: matched as an editor would match them --------------------------------


def _inc(story: Story, incident_id: str) -> Incident:
    return story.incident(incident_id)


def _with_responses(story: Story, incident_id: str, responses: tuple[Response, ...]) -> Story:
    incidents = tuple(
        replace(i, responses=responses) if i.id == incident_id else i for i in story.incidents
    )
    return replace(story, incidents=incidents)


@pytest.fixture(scope="module")
def admitted() -> Story:
    return load_story(FIXTURES / "stories" / "denial_admitted.yaml")


def test_reordered_statements_are_no_change(admitted: Story) -> None:
    inc = _inc(admitted, "ex204-crash")
    shuffled = _with_responses(admitted, inc.id, tuple(reversed(inc.responses)))
    assert compare(admitted, shuffled) == ()


def test_an_edited_statement_without_id_is_changed_not_replaced(admitted: Story) -> None:
    inc = _inc(admitted, "ex204-crash")
    i = next(n for n, r in enumerate(inc.responses) if r.id is None and r.by == "samplavia")
    edited = replace(inc.responses[i], text=inc.responses[i].text.replace("missile", "rocket"))
    responses = (*inc.responses[:i], edited, *inc.responses[i + 1 :])
    got = compare(admitted, _with_responses(admitted, inc.id, responses))
    assert summary(got) == [("response", inc.id, "changed", "samplavia", "text")]


def test_a_rewritten_statement_is_one_removed_and_one_added(admitted: Story) -> None:
    inc = _inc(admitted, "ex204-crash")
    i = next(n for n, r in enumerate(inc.responses) if r.id is None and r.by == "samplavia")
    rewritten = replace(inc.responses[i], text="Samplavia will publish its own radar data.")
    responses = (*inc.responses[:i], rewritten, *inc.responses[i + 1 :])
    got = summary(compare(admitted, _with_responses(admitted, inc.id, responses)))
    assert sorted(got) == [
        ("response", inc.id, "added", "samplavia"),
        ("response", inc.id, "removed", "samplavia"),
    ]


def test_ids_match_statements_whose_text_changed_entirely(admitted: Story) -> None:
    inc = _inc(admitted, "ex204-crash")
    i = next(n for n, r in enumerate(inc.responses) if r.id == "ex-denial")
    rewritten = replace(inc.responses[i], text="Entirely different words.")
    responses = (*inc.responses[:i], rewritten, *inc.responses[i + 1 :])
    got = summary(compare(admitted, _with_responses(admitted, inc.id, responses)))
    assert got == [("response", inc.id, "changed", "examplestan", "text")]


def test_a_new_responder_and_a_silenced_one_are_stance_changes(admitted: Story) -> None:
    inc = _inc(admitted, "ex204-crash")
    without_ostravia = tuple(r for r in inc.responses if r.by != "ostravia")
    newcomer = Response(by="wire-service", stance="disputed", text="The wire disputes it.")
    got = summary(
        compare(admitted, _with_responses(admitted, inc.id, (*without_ostravia, newcomer)))
    )
    assert ("stance", inc.id, "wire-service", "None", "disputed") in got
    assert ("stance", inc.id, "ostravia", "did-not-respond", "None") in got
    assert ("response", inc.id, "added", "wire-service") in got
    assert ("response", inc.id, "removed", "ostravia") in got


def test_reinstating_a_withdrawn_statement(admitted: Story) -> None:
    inc = _inc(admitted, "ex204-crash")
    responses = tuple(
        replace(r, withdrawn=None) if r.id == "nm-denial" else r for r in inc.responses
    )
    got = compare(admitted, _with_responses(admitted, inc.id, responses))
    (change,) = got  # Nordmark's latest stance (investigating) is unchanged
    assert isinstance(change, StatementChange)
    assert change.action == "reinstated" and change.fields[0].field == "withdrawn"


def test_every_response_withdrawn_keeps_the_stance_marked(admitted: Story) -> None:
    inc = _inc(admitted, "ex204-recorders")
    responses = tuple(
        replace(r, withdrawn=True) if r.by == "examplestan" else r for r in inc.responses
    )
    got = compare(admitted, _with_responses(admitted, inc.id, responses))
    stance = [c for c in got if isinstance(c, StanceChange)]
    assert stance == [StanceChange(inc.id, "examplestan", "confirmed", "confirmed", False, True)]
    assert [c.action for c in got if isinstance(c, StatementChange)] == ["withdrawn", "withdrawn"]


def test_competing_claims_are_matched_by_id() -> None:
    story = load_story(FIXTURES / "stories" / "competing_claims.yaml")
    inc = next(i for i in story.incidents if len(i.claims) > 1)
    swapped = replace(inc, claims=tuple(reversed(inc.claims)), claim=inc.claims[-1])
    other = replace(
        story, incidents=tuple(swapped if i.id == inc.id else i for i in story.incidents)
    )
    assert compare(story, other) == ()


def test_an_id_that_moves_from_context_to_incident(base: Story) -> None:
    ctx = base.context[0]
    inc = replace(base.incidents[0], id=ctx.id)
    moved = replace(base, context=(), incidents=(*base.incidents, inc))
    got = summary(compare(base, moved))
    assert ("context", ctx.id, "removed") in got and ("incident", ctx.id, "added") in got


# -- word runs ------------------------------------------------------------------------


def test_word_runs() -> None:
    assert word_runs("a b c", "a x c") == (
        ("equal", ("a",)),
        ("delete", ("b",)),
        ("insert", ("x",)),
        ("equal", ("c",)),
    )
    assert word_runs("", "new words") == (("insert", ("new", "words")),)
    assert word_runs("same  words\n", "same words") == (("equal", ("same", "words")),)
    assert word_runs("", "") == ()


def test_words_keep_the_controls_the_character_table_shows() -> None:
    # Python's str.split() would drop U+001F and U+2028 as whitespace and
    # hide them; they are part of what the file says.
    assert words("a\x1fb c\u2028d\te\n f") == ["a\x1fb", "c\u2028d", "e", "f"]
    assert word_runs("x\x1fy", "x y") == (("delete", ("x\x1fy",)), ("insert", ("x", "y")))


def test_word_similarity() -> None:
    assert word_similarity("a b c d", "a b c d") == 1.0
    assert word_similarity("a b c d", "a b x y") == 0.5
    assert word_similarity("a b c d", "w x y z") == 0.0
    # Below the bar the answer is 0.0, whatever the exact ratio.
    assert word_similarity("a b c d", "a x y z", at_least=0.5) == 0.0
    assert word_similarity("a b c d", "a x y z") == 0.25
