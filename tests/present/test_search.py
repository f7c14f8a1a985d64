from __future__ import annotations

from tui.present.search import SearchIndex, search
from tui.story.dates import parse_date
from tui.story.model import (
    Actor,
    Claim,
    ContextEvent,
    Incident,
    Place,
    Quote,
    Response,
    Source,
    Story,
    StoryMeta,
)


def make_story() -> Story:
    return Story(
        meta=StoryMeta(headline="US election could decide fate of Afghans", outlet="Gazette"),
        sources=(Source("src", "RFE/RL report", note="Relayed by the article"),),
        actors=(
            Actor("isk", "Islamic State-Khorasan", "armed-group", aliases=("IS-K",)),
            Actor("tj", "Tajikistan", "government", aliases=("Dushanbe",)),
            Actor("mines", "Andrew Mines", "analyst", role="research fellow"),
        ),
        incidents=(
            Incident(
                id="termez",
                title="Claimed rocket attack on Termez",
                date=parse_date("2022?-04-18"),
                date_reported="April 18",
                from_=Place("Balkh province", country="Afghanistan"),
                to=Place("Termez", country="Uzbekistan"),
                claim=Claim(by="isk", text="A similar attack on the border city\nof Termez."),
                responses=(Response(by="tj", stance="denied", text="No such attack took place."),),
            ),
        ),
        context=(
            ContextEvent("deal", "US–Taliban agreement", parse_date("2020-02"), text="A promise."),
        ),
        quotes=(
            Quote("q1", "mines", "IS-K wants to showcase Taliban failures.", note="told RFE/RL"),
        ),
    )


def keys(matches: list) -> list[tuple[str, str, str]]:  # type: ignore[type-arg]
    return [(m.kind, m.record_id, m.field) for m in matches]


def test_finds_every_field_in_reading_order() -> None:
    assert keys(search(make_story(), "termez")) == [
        ("incident", "termez", "title"),
        ("incident", "termez", "to"),
        ("incident", "termez", "claim.text"),
    ]


def test_ignores_case_and_whitespace_runs() -> None:
    assert keys(search(make_story(), "BORDER   city of")) == [("incident", "termez", "claim.text")]


def test_searches_actor_names_aliases_roles_quotes_sources_and_headline() -> None:
    story = make_story()
    assert keys(search(story, "dushanbe")) == [("actor", "tj", "aliases[0]")]
    assert keys(search(story, "fellow")) == [("actor", "mines", "role")]
    assert keys(search(story, "showcase")) == [("quote", "q1", "text")]
    assert keys(search(story, "rfe/rl")) == [("quote", "q1", "note"), ("source", "src", "name")]
    assert keys(search(story, "election")) == [("story", "", "headline")]
    assert keys(search(story, "balkh")) == [("incident", "termez", "from")]
    assert keys(search(story, "april 18")) == [("incident", "termez", "date_reported")]
    assert keys(search(story, "promise")) == [("context", "deal", "text")]


def test_stance_and_date_display_are_searchable() -> None:
    story = make_story()
    assert ("incident", "termez", "responses[0].stance") in keys(search(story, "denied"))
    assert ("incident", "termez", "date") in keys(search(story, "18 Apr 2022?"))


def test_match_carries_whole_field_and_navigability() -> None:
    matches = search(make_story(), "attack took")
    assert len(matches) == 1
    assert matches[0].text == "No such attack took place."
    assert matches[0].navigable
    assert search(make_story(), "election")[0].navigable  # shown in the overview


def test_empty_and_blank_queries_match_nothing() -> None:
    assert search(make_story(), "") == []
    assert search(make_story(), "   ") == []
    assert search(make_story(), "no such words anywhere") == []


def test_markup_is_plain_text_to_search() -> None:
    story = Story(meta=StoryMeta(headline="[red]not red[/red] and a [/ b"))
    assert keys(search(story, "[/ b")) == [("story", "", "headline")]
    assert keys(search(story, "[red]")) == [("story", "", "headline")]


def test_index_gives_same_results_as_search() -> None:
    story = make_story()
    index = SearchIndex(story)
    for query in ("termez", "IS-K", "a", "zzz"):
        assert index.search(query) == search(story, query)


def test_every_claim_of_an_incident_is_searched() -> None:
    from pathlib import Path

    from tui.present.search import search
    from tui.story.load import load_story

    story = load_story(
        Path(__file__).resolve().parents[1] / "fixtures" / "stories" / "competing_claims.yaml"
    )
    found = [(m.record_id, m.field) for m in search(story, "yacht")]
    assert found == [("pipeline-blast", "claims[2].text")]
    found = [(m.record_id, m.field) for m in search(story, "pressure failure")]
    assert ("pipeline-blast", "claims[1].text") in found
