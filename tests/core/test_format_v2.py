"""Format version 2: several claims, statement fields, the new stances, the
checks, the version key, and the schema's agreement with the loader."""

from __future__ import annotations

from pathlib import Path

import pytest
from schematree import agreement, check_text, loader_errors

from tui.story.dates import parse_date
from tui.story.load import check_story, check_story_text, load_story
from tui.story.schema_gen import story_schema

STORIES = Path(__file__).resolve().parent.parent / "fixtures" / "stories"
DENIAL = STORIES / "denial_admitted.yaml"
COMPETING = STORIES / "competing_claims.yaml"

BASE = """\
story: {headline: h}
actors:
  - {id: a, name: A, kind: government}
  - {id: b, name: B, kind: government}
  - {id: s, name: S, kind: person, affiliation: a}
  - {id: m, name: M, kind: media}
incidents:
  - id: i
    title: t
    date: '2020-01-08'
"""


def problems_of(text: str) -> list[tuple[int, str, str, str]]:
    _story, problems = check_story_text(text, "<t>")
    return [(p.line, p.path, p.severity, p.message) for p in problems]


def test_the_first_fixture_loads_with_every_statement_field() -> None:
    story = load_story(DENIAL)
    inc = story.incident("ex204-crash")
    assert [c.id for c in inc.claims] == ["missile-claim"]
    assert inc.claim is inc.claims[0]
    claim = inc.claim
    assert claim.date_reported == "on Friday"
    denial = inc.responses[0]
    assert (denial.id, denial.by, denial.speaker, denial.via) == (
        "ex-denial",
        "examplestan",
        "vell",
        ("wire-service",),
    )
    withdrawn = inc.responses[1]
    assert withdrawn.withdrawn == parse_date("2031-03-09")
    stances = {r.stance for r in inc.responses}
    assert {"supported", "did-not-respond"} <= stances
    assert story.kind_of("missile-claim") == "claim"
    assert story.kind_of("ex-denial") == "response"
    found = story.statement("ex-admission")
    assert found is not None and found[0] is inc and found[1].stance == "confirmed"


def test_a_response_dated_before_its_claim_is_a_warning() -> None:
    story, problems = check_story(DENIAL)
    assert story is not None
    warnings = [p for p in problems if p.severity == "warning"]
    assert [(p.line, p.path) for p in warnings] == [
        (107, "incidents[0] (ex204-crash).responses[1]"),
        (135, "incidents[0] (ex204-crash).responses[5]"),
    ]
    assert "dated before the claim it answers" in warnings[0].message
    assert "8 Mar 2031" in warnings[0].message and "10 Mar 2031" in warnings[0].message


def test_month_precision_is_not_before_a_day_in_that_month() -> None:
    text = BASE + (
        "    claims: [{id: c, by: a, text: x, date: '2020-01-10'}]\n"
        "    responses: [{by: b, stance: denied, text: y, date: '2020-01'}]\n"
    )
    assert problems_of(text) == []


def test_the_second_fixture_has_three_claims_and_answers_each() -> None:
    story, problems = check_story(COMPETING)
    assert problems == []
    assert story is not None
    inc = story.incident("pipeline-blast")
    assert [c.id for c in inc.claims] == ["state-claim", "accident-claim", "group-claim"]
    answers = {(r.by, r.stance): inc.claim_for(r).id for r in inc.responses}
    assert answers[("nordmark", "disputed")] == "accident-claim"
    assert answers[("demoland", "denied")] == "group-claim"
    assert answers[("examplestan", "denied")] == "state-claim"


def test_several_claims_need_responds_to_and_the_error_names_them() -> None:
    text = BASE + (
        "    claims:\n"
        "      - {id: c1, by: a, text: x}\n"
        "      - {id: c2, by: b, text: y}\n"
        "    responses:\n"
        "      - {by: b, stance: denied, text: z}\n"
    )
    [(line, path, severity, message)] = problems_of(text)
    assert (line, path, severity) == (15, "incidents[0] (i).responses[0]", "error")
    assert (
        message
        == "this incident has 2 claims; say which it answers with responds_to: one of c1, c2"
    )


def test_responds_to_must_name_a_claim_of_the_same_incident() -> None:
    text = BASE + (
        "    claims: [{id: c1, by: a, text: x}, {id: c2, by: b, text: y}]\n"
        "    responses: [{by: b, stance: denied, text: z, responds_to: c3}]\n"
        "  - id: j\n"
        "    title: u\n"
        "    date: '2020'\n"
        "    claim: {id: c3, by: a, text: w}\n"
    )
    [(_line, path, _severity, message)] = problems_of(text)
    assert path == "incidents[0] (i).responses[0].responds_to"
    assert message.startswith("'c3' is a claim of another incident (incidents[1].claim)")
    assert message.endswith("one of c1, c2")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("a", "'a' is an actor (actors[0]), not a claim"), ("cx", "no such id 'cx'")],
)
def test_responds_to_is_a_checked_reference(value: str, expected: str) -> None:
    text = BASE + (
        "    claims: [{id: c1, by: a, text: x}]\n"
        f"    responses: [{{by: b, stance: denied, text: z, responds_to: {value}}}]\n"
    )
    messages = [m for _l, _p, _s, m in problems_of(text)]
    assert any(m.startswith(expected) for m in messages), messages


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("    claim: {by: a, text: x}\n    claims: [{by: a, text: y}]\n", "not both"),
        ("    claims: []\n", "needs at least 1 claim"),
        ("    summary: no claim\n", "missing required key 'claim' or 'claims'"),
        ("    claim: {by: a, text: x, withdrawn: maybe}\n", "or true when the date is not known"),
    ],
)
def test_claim_and_claims_errors(extra: str, message: str) -> None:
    found = problems_of(BASE + extra)
    assert any(message in m and s == "error" for _l, _p, s, m in found), found


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("true", True), ("false", None), ("2020-01-09", parse_date("2020-01-09")), ("~", None)],
)
def test_withdrawn_is_a_date_or_true(raw: str, expected: object) -> None:
    story, problems = check_story_text(BASE + f"    claim: {{by: a, text: x, withdrawn: {raw}}}\n")
    assert problems == [] and story is not None
    assert story.incidents[0].claim.withdrawn == expected


def test_a_version_1_file_cannot_use_version_2_even_when_the_key_comes_last() -> None:
    text = BASE + (
        "    claim: {by: a, text: x, speaker: s}\n"
        "    responses: [{by: b, stance: supported, text: z}]\n"
        "storybrowse: 1\n"
    )
    found = problems_of(text)
    assert [(line, path) for line, path, _s, _m in found] == [
        (11, "incidents[0] (i).claim.speaker"),
        (12, "incidents[0] (i).responses[0].stance"),
    ]
    assert found[0][3] == (
        "'speaker' is new in format version 2; this file says storybrowse: 1 "
        "(change it to storybrowse: 2)"
    )
    assert found[1][3].startswith("stance 'supported' is new in format version 2")
    assert problems_of(text.replace("storybrowse: 1", "storybrowse: 2")) == []
    assert problems_of(text.replace("storybrowse: 1\n", "")) == []


def test_claims_and_responses_share_the_one_id_namespace() -> None:
    text = BASE + "    claims: [{id: a, by: a, text: x}]\n"
    [(_l, path, _s, message)] = problems_of(text)
    assert path == "incidents[0] (i).claims[0].id" and message.startswith("duplicate id 'a'")


# -- the schema of both versions agrees with the loader ------------------------

V2_EDGES: list[tuple[str, str]] = [
    ("    claims: [{id: c, by: a, text: x}]\n", "accepted"),
    ("    claims: []\n", "rejected"),
    ("    claims: ~\n", "rejected"),
    ("    claim: {by: a, text: x}\n    claims: [{by: a, text: x}]\n", "rejected"),
    ("    claim: {by: a, text: x, withdrawn: true}\n", "accepted"),
    ("    claim: {by: a, text: x, withdrawn: '2020-02'}\n", "accepted"),
    ("    claim: {by: a, text: x, withdrawn: soon}\n", "rejected"),
    ("    claim: {by: a, text: x, via: [m], speaker: s, date_reported: on Friday}\n", "accepted"),
    ("    claim: {by: a, text: x, speaker: nobody}\n", "loader only"),
    (
        "    claims: [{id: c, by: a, text: x}, {id: d, by: b, text: y}]\n"
        "    responses: [{by: b, stance: did-not-respond, text: z}]\n",
        "loader only",
    ),
    (
        "    claims: [{id: c, by: a, text: x}, {id: d, by: b, text: y}]\n"
        "    responses: [{id: r, by: b, stance: supported, text: z, responds_to: d}]\n",
        "accepted",
    ),
]


@pytest.mark.parametrize(
    ("extra", "verdict"), V2_EDGES, ids=[" ".join(e.split()) for e, _ in V2_EDGES]
)
def test_schema_and_loader_agree_on_version_2(extra: str, verdict: str) -> None:
    text = BASE + extra
    assert agreement(text.encode("utf-8"), *check_text(text)) == verdict


def test_the_version_1_schema_still_describes_version_1() -> None:
    v1, v2 = story_schema(1), story_schema(2)
    assert "claims" not in v1["$defs"]["incident"]["properties"]
    assert v1["$defs"]["incident"]["required"] == ["id", "title", "date", "claim"]
    assert v1["properties"]["storybrowse"]["enum"] == [1, "1"]
    assert v2["properties"]["storybrowse"]["enum"] == [1, "1", 2, "2"]
    assert "supported" not in v1["$defs"]["response"]["properties"]["stance"]["enum"]
    assert "supported" in v2["$defs"]["response"]["properties"]["stance"]["enum"]
    assert v2["$defs"]["incident"]["oneOf"] == [{"required": ["claim"]}, {"required": ["claims"]}]


def test_the_errors_are_errors() -> None:
    text = BASE + "    claims: []\n"
    _story, problems = check_text(text)
    assert loader_errors(problems)
