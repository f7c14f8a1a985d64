"""Export version 2: every version-1 story exports as before apart from the
new fields; claims as a list, the statement refs, withdrawn, positions, and
the export as of a date."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tui.story.dates import parse_date
from tui.story.export import EXPORT_VERSION, story_json
from tui.story.load import load_story

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "fixtures" / "export_v1"
STORIES = ROOT / "tests" / "fixtures" / "stories"

# The export (export_version 1) of every version-1 story, made before format
# 2 existed, and the story it came from.
V1_STORIES = {
    "story": "story.yaml",
    "tests_serve_story": "tests/serve/story.yaml",
    **{
        f"tests_fixtures_{group}_{name}": f"tests/fixtures/{group}/{name}.yaml"
        for group, names in {
            "good": ("control-escapes", "every-field", "minimal", "raw-scalars"),
            "stories": ("empty", "hostile", "partial_dates", "three_governments"),
        }.items()
        for name in names
    },
}
NEW_STATEMENT_KEYS = (
    "id",
    "speaker",
    "speaker_ref",
    "via",
    "via_ref",
    "date_reported",
    "withdrawn",
    "responds_to",
    "responds_to_ref",
)


def _without_version_2(data: dict[str, Any]) -> dict[str, Any]:
    """*data* with what export version 2 adds taken out again."""
    data = json.loads(json.dumps(data))
    assert data.pop("as_of") is None
    data["export_version"] = 1
    for inc in data["incidents"]:
        assert inc.pop("claims") == [inc["claim"]]
        inc.pop("positions")
        for statement in (inc["claim"], *inc["responses"]):
            for key in NEW_STATEMENT_KEYS:
                statement.pop(key, None)
    return data


def test_the_golden_files_cover_every_version_1_story() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == sorted(V1_STORIES)


@pytest.mark.parametrize("name", sorted(V1_STORIES))
def test_a_version_1_story_exports_as_before_apart_from_the_new_fields(name: str) -> None:
    before = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    now = story_json(load_story(ROOT / V1_STORIES[name]))
    assert now["export_version"] == EXPORT_VERSION == 2
    assert _without_version_2(now) == before


def test_the_comparison_can_fail() -> None:
    now = story_json(load_story(ROOT / "story.yaml"))
    now["incidents"][0]["responses"][0]["stance"] = "confirmed!"
    before = json.loads((GOLDEN / "story.json").read_text(encoding="utf-8"))
    assert _without_version_2(now) != before


def test_version_2_statements_export_their_refs() -> None:
    data = story_json(load_story(STORIES / "denial_admitted.yaml"))
    inc = data["incidents"][0]
    assert [c["id"] for c in inc["claims"]] == ["missile-claim"]
    denial = inc["responses"][0]
    assert denial["speaker_ref"]["name"] == "Darin Vell"
    assert [v["id"] for v in denial["via_ref"]] == ["wire-service"]
    assert denial["withdrawn"] is None
    assert inc["responses"][1]["withdrawn"]["text"] == "2031-03-09"
    assert inc["claims"][0]["date_reported"] == "on Friday"


def test_responds_to_resolves_to_the_claim() -> None:
    data = story_json(load_story(STORIES / "competing_claims.yaml"))
    inc = data["incidents"][0]
    assert len(inc["claims"]) == 3 and inc["claim"] == inc["claims"][0]
    ref = inc["responses"][0]["responds_to_ref"]
    assert ref == {
        "id": "state-claim",
        "type": "claim",
        "name": "Samplavia said divers from an Examplestan naval unit planted the charges.",
        "not_yet_made": False,
    }


def test_positions_give_latest_stance_and_trail() -> None:
    data = story_json(load_story(STORIES / "denial_admitted.yaml"))
    found = {p["actor"]: p for p in data["incidents"][0]["positions"]}
    ex = found["examplestan"]
    assert ex["actor_ref"]["name"] == "Government of Examplestan"
    assert (ex["latest_stance"], ex["changed"]) == ("confirmed", True)
    assert [(t["index"], t["id"], t["stance"]) for t in ex["trail"]] == [
        (0, "ex-denial", "denied"),
        (4, "ex-admission", "confirmed"),
    ]
    nm = found["nordmark"]
    assert [(t["stance"], t["withdrawn"] and t["withdrawn"]["text"]) for t in nm["trail"]] == [
        ("denied", "2031-03-09"),
        ("investigating", None),
    ]


def test_the_export_as_of_a_date() -> None:
    story = load_story(STORIES / "denial_admitted.yaml")
    data = story_json(story, parse_date("2031-03-10"))
    assert data["as_of"]["text"] == "2031-03-10"
    assert [i["id"] for i in data["incidents"]] == ["ex204-crash"]
    found = {p["actor"]: p for p in data["incidents"][0]["positions"]}
    assert found["examplestan"]["latest_stance"] == "denied"


def test_the_streamed_export_is_the_same_with_positions_and_as_of() -> None:
    from tui.story.export import iter_json, to_json

    story = load_story(STORIES / "denial_admitted.yaml")
    cutoff = parse_date("2031-03-10")
    assert "".join(iter_json(story)) == to_json(story)
    streamed = "".join(iter_json(story, as_of=cutoff))
    assert streamed == to_json(story, as_of=cutoff)
    assert json.loads(streamed)["incidents"][0]["positions"]
