"""Positions over time (tui.story.positions) on the two format-2 fixtures:
order, latest stance, trail, changes, counts, members, the actor's
statements, and the story as of a date."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.story.dates import parse_date
from tui.story.load import load_story, load_story_text
from tui.story.model import Response, Story
from tui.story.positions import (
    actor_statements,
    after,
    as_of,
    in_order,
    members,
    positions,
    stance_counts,
    statement_dates,
)

STORIES = Path(__file__).resolve().parent.parent / "fixtures" / "stories"


@pytest.fixture(scope="module")
def denial() -> Story:
    return load_story(STORIES / "denial_admitted.yaml")


@pytest.fixture(scope="module")
def competing() -> Story:
    return load_story(STORIES / "competing_claims.yaml")


def _r(date: str | None, n: int) -> Response:
    return Response("a", "denied", f"r{n}", date=None if date is None else parse_date(date))


def test_statements_sort_by_date_with_precision_then_file_order() -> None:
    rs = [
        _r(None, 0),
        _r("2020-01-10", 1),
        _r("XXXX-01-05", 2),
        _r("2020-01", 3),
        _r("2020-01-10", 4),
        _r("2019", 5),
    ]
    assert [r.text for r in in_order(rs)] == ["r5", "r3", "r1", "r4", "r2", "r0"]


def test_one_position_per_responding_actor_with_its_latest_stance(denial: Story) -> None:
    inc = denial.incident("ex204-crash")
    found = {p.actor: p for p in positions(inc)}
    assert list(found) == [
        "examplestan",
        "nordmark",
        "samplavia",
        "lumen-tv",
        "ostravia",
        "ex-air-defence",
    ]
    ex = found["examplestan"]
    assert [r.stance for r in ex.responses] == ["denied", "confirmed"]
    assert (ex.latest, ex.changed) == ("confirmed", True)
    nm = found["nordmark"]
    # The withdrawn denial is in the trail but is not the position.
    assert [(r.stance, r.withdrawn is not None) for r in nm.responses] == [
        ("denied", True),
        ("investigating", False),
    ]
    assert (nm.latest, nm.changed) == ("investigating", True)
    assert (found["samplavia"].latest, found["samplavia"].changed) == ("supported", False)


def test_counts_are_of_actors_by_latest_stance_not_of_statements(denial: Story) -> None:
    inc = denial.incident("ex204-crash")
    assert stance_counts(inc) == (
        ("denied", 1, 0),
        ("investigating", 1, 1),
        ("confirmed", 2, 1),
        ("supported", 1, 0),
        ("did-not-respond", 1, 0),
    )


def test_an_actor_whose_every_statement_is_withdrawn_is_counted_as_withdrawn() -> None:
    story = load_story_text(
        "story: {headline: h}\n"
        "actors: [{id: a, name: A, kind: other}, {id: b, name: B, kind: other}]\n"
        "incidents:\n"
        "  - {id: i, title: t, date: '2020', claim: {by: a, text: x},\n"
        "     responses: [{by: b, stance: denied, text: y, withdrawn: true}]}\n"
    )
    inc = story.incidents[0]
    [p] = positions(inc)
    assert (p.latest, p.latest_key, p.changed) == (None, "withdrawn", True)
    assert stance_counts(inc) == (("withdrawn", 1, 1),)


def test_members_follow_affiliation_through_members(denial: Story) -> None:
    assert members(denial, "examplestan") == (
        "ex-foreign",
        "vell",
        "ex-president",
        "lumen-tv",
        "ex-air-defence",
    )
    assert members(denial, "ex-foreign") == ("vell",)
    assert members(denial, "nordmark") == ()


def test_an_affiliation_cycle_ends() -> None:
    story = load_story_text(
        "story: {headline: h}\n"
        "actors: [{id: a, name: A, kind: other, affiliation: b},\n"
        "         {id: b, name: B, kind: other, affiliation: a}]\n"
    )
    assert members(story, "a") == ("b",)


def test_an_actors_statements_by_date_grouped_by_incident(denial: Story) -> None:
    groups = actor_statements(denial, "examplestan")
    assert [inc.id for inc, _ in groups] == ["ex204-crash", "ex204-recorders"]
    assert [(s.stance, s.date and s.date.text) for s in groups[0][1]] == [  # type: ignore[union-attr]
        ("denied", "2031-03-10"),
        ("confirmed", "2031-03-11"),
    ]
    # As a speaker, Vell's own statements; with members, the government's
    # include the broadcaster's and the air defence's.
    vell = actor_statements(denial, "vell")
    assert [len(s) for _i, s in vell] == [1, 1]
    whole = actor_statements(denial, "examplestan", with_members=True)
    assert len(whole[0][1]) == 4
    assert whole[0][1][-1].date is None  # undated last


def test_the_claimant_has_its_claims(competing: Story) -> None:
    groups = actor_statements(competing, "samplavia")
    [(inc, said)] = groups
    assert inc.id == "pipeline-blast"
    assert [type(s).__name__ for s in said] == ["Claim", "Response"]


def test_after_respects_precision() -> None:
    cutoff = parse_date("2031-03-10")
    assert after(parse_date("2031-03-11"), cutoff)
    assert not after(parse_date("2031-03"), cutoff)
    assert not after(None, cutoff)
    assert not after(parse_date("XXXX-03-11"), cutoff)
    assert not after(parse_date("2031-03-31"), parse_date("2031-03"))


def test_the_story_as_of_a_date(denial: Story) -> None:
    then = as_of(denial, parse_date("2031-03-10"))
    assert [i.id for i in then.incidents] == ["ex204-crash"]  # the recorders came later
    inc = then.incident("ex204-crash")
    ex = {p.actor: p for p in positions(inc)}["examplestan"]
    assert (ex.latest, ex.changed) == ("denied", False)  # the admission came on the 11th
    assert [r.id for r in ex.responses] == ["ex-denial"]
    # Undated statements stay.
    assert any(r.by == "ex-air-defence" and r.date is None for r in inc.responses)
    assert then.quotes == denial.quotes  # the quote is of the 10th


def test_a_claim_made_after_the_date_is_left_out_with_its_incident(denial: Story) -> None:
    # The only claim came on the 10th; the denials of the 8th and 9th answer
    # it, but a claim is a statement: on the 9th it had not been made.
    then = as_of(denial, parse_date("2031-03-09"))
    assert then.get("ex204-crash") is None
    cutoff = parse_date("2031-03-09")
    assert all(not after(s.date, cutoff) for i in then.incidents for s in i.statements())


EARLY_ANSWER = (
    "storybrowse: 2\n"
    "story: {headline: h}\n"
    "actors: [{id: a, name: A, kind: other}, {id: b, name: B, kind: other},\n"
    "         {id: d, name: D, kind: other}]\n"
    "incidents:\n"
    "  - id: i\n"
    "    title: t\n"
    "    date: 2020-01-01\n"
    "    claims:\n"
    "      - {id: c1, by: a, text: first, date: 2020-01-01}\n"
    "      - {id: c2, by: d, text: second, date: 2020-01-10}\n"
    "    responses:\n"
    "      - {by: b, stance: confirmed, responds_to: c1, text: yes, date: 2020-01-03,\n"
    "         withdrawn: 2020-01-08}\n"
    "      - {by: b, stance: denied, responds_to: c2, text: early, date: 2020-01-05}\n"
    "      - {by: a, stance: denied, responds_to: c2, text: late, date: 2020-01-12}\n"
)


def test_as_of_keeps_only_the_claims_made_by_then_and_the_responses_dated_by_then() -> None:
    story = load_story_text(EARLY_ANSWER)
    inc = as_of(story, parse_date("2020-01-06")).incident("i")
    assert [c.id for c in inc.claims] == ["c1"]  # c2 came on the 10th
    # The denial of the 5th answers c2 before it was made (a warning): it is
    # dated by then, so it stays, and still names the claim it answers.
    assert [r.text for r in inc.responses] == ["yes", "early"]
    assert inc.claim_for(inc.responses[1]).id == "c2"
    assert [c.id for c in inc.later_claims] == ["c2"]
    assert stance_counts(inc) == (("denied", 1, 1),)  # b: confirmed, then denied


def test_a_withdrawal_after_the_date_had_not_happened() -> None:
    story = load_story_text(EARLY_ANSWER)
    inc = as_of(story, parse_date("2020-01-06")).incident("i")
    assert inc.responses[0].withdrawn is None  # withdrawn on the 8th
    later = as_of(story, parse_date("2020-01-08")).incident("i")
    assert later.responses[0].withdrawn is not None


def test_an_incident_with_no_claim_yet_is_left_out(competing: Story) -> None:
    before = as_of(competing, parse_date("2032-09-26"))
    assert before.incidents == ()
    late = as_of(competing, parse_date("2032-09-30"))
    inc = late.incident("pipeline-blast")
    assert [c.id for c in inc.claims] == ["state-claim", "accident-claim"]
    assert {r.responds_to for r in inc.responses} == {"state-claim"}


def test_as_of_is_the_identity_after_the_last_date(denial: Story) -> None:
    assert as_of(denial, parse_date("2040")) == denial


def test_the_story_as_of_a_date_records_it(denial: Story) -> None:
    assert denial.as_of is None
    assert as_of(denial, parse_date("2031-03-10")).as_of == parse_date("2031-03-10")


def test_statement_dates_are_distinct_and_in_order(denial: Story) -> None:
    dates = [d.text for d in statement_dates(denial)]
    assert dates == [
        "2031-03-08",
        "2031-03-09",
        "2031-03-10",
        "2031-03-11",
        "2031-03-20",
        "2031-03-21",
        "2031-04-02",
    ]


def test_statement_dates_include_the_dates_statements_were_withdrawn() -> None:
    # The confirmation was withdrawn on the 8th, when no statement was made:
    # b's position changed that day, so [ and ] stop there.
    dates = [d.text for d in statement_dates(load_story_text(EARLY_ANSWER))]
    days = [1, 3, 5, 8, 10, 12]
    assert dates == [f"2020-01-{d:02}" for d in days]
