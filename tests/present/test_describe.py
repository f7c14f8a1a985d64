from __future__ import annotations

from tui.present.describe import (
    actor_counts,
    actor_groups,
    actor_summary,
    one_line,
    quote_row,
    quote_rows,
    response_summary,
    stance_label,
    timeline_row,
    timeline_rows,
)
from tui.story.dates import parse_date
from tui.story.model import (
    Actor,
    Claim,
    ContextEvent,
    Incident,
    Quote,
    Response,
    Story,
    StoryMeta,
)


def incident(iid: str, date: str, *stances: str, title: str = "An incident") -> Incident:
    return Incident(
        id=iid,
        title=title,
        date=parse_date(date),
        claim=Claim(by="isk", text="We did it."),
        responses=tuple(
            Response(by=f"gov{n}", stance=s, text=f"Response {n}") for n, s in enumerate(stances)
        ),
    )


def make_story() -> Story:
    actors = (
        Actor("isk", "Islamic State-Khorasan", "armed-group", aliases=("IS-K",)),
        Actor("gov0", "Tajikistan", "government", aliases=("Dushanbe",)),
        Actor("gov1", "Taliban", "political-group"),
        Actor("gov2", "Uzbekistan", "government", aliases=("Tashkent",)),
        Actor("mines", "Andrew Mines", "analyst", role="research fellow"),
        Actor("rferl", "RFE/RL", "media"),
        Actor("us", "United States", "government"),
    )
    return Story(
        meta=StoryMeta(headline="Headline"),
        actors=actors,
        incidents=(
            incident(
                "tj", "2022?-05-07", "denied", "investigating", title="Rockets\n into  Tajikistan"
            ),
            incident("uz", "2022?-04-18", "denied", "denied"),
        ),
        context=(
            ContextEvent(
                "deal", "US–Taliban agreement", parse_date("2020-02"), actors=("gov1", "us")
            ),
        ),
        quotes=(
            Quote(
                "q1", "mines", "IS-K wants\nto showcase failures.", via=("rferl",), about=("tj",)
            ),
            Quote(
                "q2",
                "mines",
                "The Taliban cannot keep promises.",
                form="paraphrase",
                about=("gov1",),
            ),
        ),
    )


def test_response_summary_counts_each_stance() -> None:
    assert response_summary(incident("a", "2022", "denied", "denied")) == "claimed · 2 denied"
    assert (
        response_summary(incident("a", "2022", "investigating", "denied"))
        == "claimed · 1 denied · 1 investigating"
    )


def test_response_summary_without_responses_says_so() -> None:
    assert response_summary(incident("a", "2022")) == "claimed · no responses"


def test_response_summary_spells_out_declined_to_comment() -> None:
    summary = response_summary(incident("a", "2022", "declined-to-comment", "confirmed"))
    assert summary == "claimed · 1 confirmed · 1 declined to comment"  # confirmed first
    assert stance_label("declined-to-comment") == "declined to comment"


def test_timeline_rows_in_date_order_with_precision_visible() -> None:
    rows = timeline_rows(make_story())
    assert [(r.kind, r.record_id) for r in rows] == [
        ("context", "deal"),
        ("incident", "uz"),
        ("incident", "tj"),
    ]
    assert rows[0].date == "Feb 2020"
    assert rows[0].summary == "context"
    assert rows[1].date == "18 Apr 2022?"
    assert rows[2].title == "Rockets into Tajikistan"
    assert rows[2].summary == "claimed · 1 denied · 1 investigating"


def test_timeline_row_year_not_given() -> None:
    row = timeline_row(incident("x", "XXXX-04-18", "denied"))
    assert row.date == "Apr 18 (year not given)"


def test_timeline_rows_filtered_by_actor() -> None:
    story = make_story()
    assert [r.record_id for r in timeline_rows(story, "us")] == ["deal"]
    # Andrew Mines is quoted about the Tajikistan incident.
    assert [r.record_id for r in timeline_rows(story, "mines")] == ["tj"]
    assert timeline_rows(story, "rferl") == []


def test_actor_groups_by_kind_in_vocabulary_order() -> None:
    groups = actor_groups(make_story())
    assert [(k, [a.id for a in members]) for k, members in groups] == [
        ("government", ["gov0", "gov2", "us"]),
        ("political-group", ["gov1"]),
        ("armed-group", ["isk"]),
        ("media", ["rferl"]),
        ("analyst", ["mines"]),
    ]


def test_actor_counts_and_summary() -> None:
    story = make_story()
    assert actor_counts(story, "gov1").incidents == 2
    assert actor_counts(story, "gov1").quotes == 1
    assert actor_counts(story, "gov1").context == 1
    assert actor_summary(story, "gov1") == "2 incidents · 1 quote · 1 context"
    assert actor_summary(story, "gov0") == "2 incidents · 0 quotes"
    assert actor_summary(story, "us") == "0 incidents · 0 quotes · 1 context"
    assert actor_summary(story, "rferl") == "0 incidents · 1 quote"
    assert actor_summary(story, "mines") == "1 incident · 2 quotes"


def test_quote_rows_mark_form_with_a_letter() -> None:
    story = make_story()
    rows = quote_rows(story)
    assert [(r.speaker, r.mark) for r in rows] == [("Andrew Mines", "“Q"), ("Andrew Mines", "≈P")]
    assert rows[0].excerpt == "IS-K wants to showcase failures."
    assert [r.record_id for r in quote_rows(story, "gov1")] == ["q2"]
    assert quote_row(story, story.quote("q1")).mark.endswith("Q")


def test_record_line_for_each_kind() -> None:
    from tui.present.view import record_line

    story = make_story()
    assert record_line(story, "gov0") == "Tajikistan (Dushanbe)"
    deal = story.get("deal")
    assert isinstance(deal, ContextEvent)
    assert record_line(story, "deal") == f"{deal.date.display()}  US–Taliban agreement"
    assert record_line(story, "q2") == "Andrew Mines: The Taliban cannot keep promises."
    assert record_line(story, "q2", with_kind=True).startswith("quote: Andrew Mines: ")
    assert record_line(story, "nope") == "nope (not found)"


def test_one_line_keeps_markup_like_text() -> None:
    assert one_line("[red]a\n  [/ b ") == "[red]a [/ b"


def test_compact_response_summary_drops_claimed_only_when_there_are_responses() -> None:
    assert (
        response_summary(incident("a", "2022", "denied", "investigating"), compact=True)
        == "1 denied · 1 investigating"
    )
    assert response_summary(incident("a", "2022"), compact=True) == "claimed · no responses"
    row = timeline_row(incident("a", "2022", "denied", "denied"))
    assert (row.summary, row.short_summary) == ("claimed · 2 denied", "2 denied")


def test_actor_counts_agree_with_the_filter_rules_on_every_fixture() -> None:
    """The one-pass counts and the indexed involves() must equal a brute-force
    reading of the rules, actor by actor."""
    from pathlib import Path

    from tui.present.describe import actor_counts
    from tui.story.load import load_story
    from tui.story.model import TimelineEntry

    root = Path(__file__).resolve().parents[2]
    paths = [root / "story.yaml", *sorted((root / "tests/fixtures/stories").glob("*.yaml"))]
    checked = 0
    for path in paths:
        story = load_story(path)

        def brute(entry: TimelineEntry, actor_id: str, story: Story = story) -> bool:
            speakers = {q.speaker for q in story.quotes if entry.id in q.about}
            return actor_id in story.actors_in(entry) or actor_id in speakers

        for actor in story.actors:
            counts = actor_counts(story, actor.id)
            assert counts.incidents == sum(brute(i, actor.id) for i in story.incidents)
            assert counts.context == sum(brute(c, actor.id) for c in story.context)
            quotes = sum(actor.id in (q.speaker, *q.via, *q.about) for q in story.quotes)
            assert counts.quotes == quotes
            for entry in story.timeline():
                assert story.involves(entry, actor.id) == brute(entry, actor.id)
            checked += 1
    assert checked > 10
