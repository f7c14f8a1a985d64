"""The JSON Schema itself: valid, closed, documented, in step with the model,
and its date and id patterns in step with the loader.  (That the schema and
the loader agree on whole story files: test_schema_agreement.py.)
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from schematree import (
    SCHEMA,
    SCHEMA_FILE,
    Unrepresentable,
    check_text,
    schema_errors,
    tree_of,
    tree_of_text,
)

from tui.story import model
from tui.story.dates import DateError, parse_date
from tui.story.locate import schema_path


def test_tree_keeps_scalars_as_written() -> None:
    text = "a: ~\nb: '~'\nc: no\nd: 010\ne: !!null x\nf:\ng: 2022-04-18\nh: [1, true]\n"
    assert tree_of_text(text) == {
        "a": None,
        "b": "~",
        "c": "no",
        "d": "010",
        "e": None,
        "f": None,
        "g": "2022-04-18",
        "h": ["1", "true"],
    }


@pytest.mark.parametrize(
    "text",
    [
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{k}: &{k} [{', '.join(['*' + p] * 10)}]\n"
            for p, k in zip("abcdefg", "bcdefgh", strict=True)
        ),
        "[" * 5000 + "]" * 5000,
        "a:\n" + "".join("  " * i + "- \n" for i in range(1, 1200)),
        "a: 1\n---\nb: 2\n",
        "? [a]\n: b\n",
        "",
        "# only a comment\n",
    ],
    ids=[
        "alias bomb",
        "deep flow",
        "deep block",
        "two documents",
        "complex key",
        "empty",
        "comment",
    ],
)
def test_tree_refuses_what_json_cannot_hold(text: str) -> None:
    with pytest.raises(Unrepresentable):
        tree_of(text.encode("utf-8"))


# ---------------------------------------------------------------------------
# the schema itself


def test_schema_is_a_valid_2020_12_schema() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(SCHEMA)


def test_schema_ships_inside_the_package() -> None:
    assert schema_path() == SCHEMA_FILE
    assert SCHEMA_FILE.is_file()


def _properties(schema: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (name, subschema) under a ``properties`` keyword, recursively."""
    if isinstance(schema, dict):
        yield from schema.get("properties", {}).items()
        for value in schema.values():
            yield from _properties(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _properties(value)


def test_every_property_has_a_title_and_a_description() -> None:
    missing = [
        name
        for name, sub in _properties(SCHEMA)
        if not (sub.get("title") and sub.get("description"))
    ]
    assert missing == []


def _objects(schema: Any) -> Iterator[dict[str, Any]]:
    if isinstance(schema, dict):
        if schema.get("type") == "object":
            yield schema
        for value in schema.values():
            yield from _objects(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _objects(value)


def test_every_object_is_closed() -> None:
    objects = list(_objects(SCHEMA))
    assert len(objects) >= 11  # top level, 9 records, the place mapping
    assert all(o.get("additionalProperties") is False for o in objects)


def test_vocabularies_come_from_the_model() -> None:
    defs = SCHEMA["$defs"]
    assert defs["response"]["properties"]["stance"]["enum"] == list(model.STANCES)
    assert defs["actor"]["properties"]["kind"]["enum"] == list(model.ACTOR_KINDS)
    for name in ("claim", "response", "quote"):
        form = defs[name]["properties"]["form"]
        assert [v for v in form["enum"] if v is not None] == list(model.FORMS)


# Which $defs object describes which model dataclass, and the renames.
MODEL_OF = {
    "storyMeta": model.StoryMeta,
    "source": model.Source,
    "actor": model.Actor,
    "claim": model.Claim,
    "response": model.Response,
    "incident": model.Incident,
    "context": model.ContextEvent,
    "quote": model.Quote,
    "inference": model.Inference,
}
RENAMES = {"from": "from_"}


def _field_names(cls: type) -> set[str]:
    # later_claims, as_of: only in a story as of a date, never in a file.
    return {
        f.name
        for f in dataclasses.fields(cls)
        if f.init and not f.name.startswith("_") and f.name not in ("later_claims", "as_of")
    }


@pytest.mark.parametrize("def_name", sorted(MODEL_OF))
def test_schema_properties_match_model_fields(def_name: str) -> None:
    props = set(SCHEMA["$defs"][def_name]["properties"])
    assert {RENAMES.get(p, p) for p in props} == _field_names(MODEL_OF[def_name])


def test_place_properties_match_model() -> None:
    [mapping] = [s for s in SCHEMA["$defs"]["place"]["anyOf"] if s.get("type") == "object"]
    assert set(mapping["properties"]) == _field_names(model.Place)


def test_top_level_properties_match_story() -> None:
    top = set(SCHEMA["properties"]) - {"storybrowse"}
    story_fields = _field_names(model.Story)
    assert {"meta" if p == "story" else p for p in top} == story_fields


# ---------------------------------------------------------------------------
# the date and id patterns against the code


DATE_PATTERN = re.compile(SCHEMA["$defs"]["date"]["anyOf"][0]["pattern"])
ID_PATTERN = re.compile(SCHEMA["$defs"]["id"]["pattern"])


def _pattern_agrees(text: str) -> bool:
    """The pattern matches exactly what parse_date accepts, except that a
    day 29-31 that does not exist in its month (Feb 30) is left to the
    loader: the pattern accepts it, parse_date does not."""
    matched = DATE_PATTERN.search(text) is not None
    try:
        parse_date(text)
    except DateError as exc:
        day = re.search(r"-(\d\d)[?~%]?$", text)
        if "does not exist in that month" in str(exc) and day and "29" <= day[1] <= "31":
            return matched
        return not matched
    return matched


DATE_EXAMPLES = [
    "2022",
    "2022-04",
    "2022-04-18",
    "2022?",
    "2022~",
    "2022%",
    "2022-04?",
    "2022?-04-18",
    "2022-04~-18",
    "2022-04-18%",
    "XXXX-04-18",
    "2022-04-XX",
    "2022-XX-XX",
    "201X",
    "20XX",
    "2XXX",
    "XXXX",
    "XXXX-XX-XX",
    "2022-02-29",
    "2024-02-29",
    "2022-04-31",
    "2022-13",
    "2022-00",
    "2022-04-00",
    "2022-04-32",
    "X022",
    "20X2",
    "2022-0X",
    "2022-04-1X",
    "XXXX-XX-18",
    "22",
    "2022-4-18",
    "2022-04-18 ",
    " 2022",
    "2022\n",
    "2022-04-18??",
    "2022/04/18",
    "18 April 2022",
    "",
    "２０２２",
]


@pytest.mark.parametrize("text", DATE_EXAMPLES)
def test_date_pattern_matches_parse_date_on_examples(text: str) -> None:
    assert _pattern_agrees(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123129X?~%-", min_size=0, max_size=14))
@example("2022-02-30")
def test_date_pattern_matches_parse_date(text: str) -> None:
    assert _pattern_agrees(text)


@settings(max_examples=200, deadline=None)
@given(
    st.from_regex(r"\A[A-Za-z][A-Za-z0-9_.-]{0,5}\Z")
    | st.sampled_from(["no", "No", "NO", "yes", "Y", "n", "on", "OFF", "True", "null", "Null"])
    | st.sampled_from(["no2", "yes-", "nan", "e1", "null.x", "1a", "_a", "a b", "a/b", "é"])
)
def test_id_pattern_matches_the_loader(ident: str) -> None:
    text = (
        "story: {headline: h}\n"
        f"actors:\n  - id: {json.dumps(ident)}\n    name: n\n    kind: other\n"
    )
    tree = yaml.safe_load(text)
    schema_ok = not schema_errors(tree)
    story, problems = check_text(text)
    assert schema_ok == (story is not None), (ident, [p.format() for p in problems])
    assert (ID_PATTERN.search(ident) is not None) == schema_ok
