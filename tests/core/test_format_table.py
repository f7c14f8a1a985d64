"""The format table (tui/story/format.py) is the one declaration of the story
format: the shipped JSON Schema is generated from it, the model, the loader's
defaults and the export's field order follow it, and docs/story-format.md
lists the same fields."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest

from tui.story import model, schema_gen
from tui.story.export import story_json
from tui.story.format import DOCUMENT, KIND_NAMES, RECORD_TYPES, Field, RecordType
from tui.story.load import load_story, load_story_text

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_FILE = ROOT / "tui" / "story" / "story.schema.json"
DOCS = ROOT / "docs" / "story-format.md"
FIXTURE = ROOT / "tests" / "fixtures" / "stories" / "three_governments.yaml"

MODEL_OF: dict[str, type] = {
    "storyMeta": model.StoryMeta,
    "source": model.Source,
    "actor": model.Actor,
    "place": model.Place,
    "inference": model.Inference,
    "claim": model.Claim,
    "response": model.Response,
    "incident": model.Incident,
    "context": model.ContextEvent,
    "quote": model.Quote,
    "document": model.Story,
}
ALL_TYPES = [*RECORD_TYPES.values(), DOCUMENT]


# -- the generated schema ------------------------------------------------------


def test_the_packaged_schema_is_the_generated_one() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_gen.schema_text(), (
        "tui/story/story.schema.json is out of date: run python -m tui.story.schema_gen"
    )


def test_schema_gen_rewrites_a_stale_file_and_check_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "story.schema.json"
    target.write_text('{"stale": true}\n', encoding="utf-8")
    monkeypatch.setattr(schema_gen, "schema_path", lambda: target)
    assert schema_gen.main(["--check"]) == 1
    assert "out of date" in capsys.readouterr().err
    assert schema_gen.main([]) == 0
    assert target.read_text(encoding="utf-8") == schema_gen.schema_text()
    assert schema_gen.main(["--check"]) == 0


def test_a_field_added_to_the_table_reaches_the_schema() -> None:
    """The schema really is derived: change the table, the schema follows."""
    extra = Field("channel", "text", "Channel", "Where it was said.")
    claim = RECORD_TYPES["claim"]
    patched = dataclasses.replace(claim, fields=(*claim.fields, extra))
    original = dict(RECORD_TYPES)
    try:
        RECORD_TYPES["claim"] = patched
        props = schema_gen.story_schema()["$defs"]["claim"]["properties"]
    finally:
        RECORD_TYPES.clear()
        RECORD_TYPES.update(original)
    assert props["channel"]["description"] == "Where it was said."
    assert "channel" not in schema_gen.story_schema()["$defs"]["claim"]["properties"]


# -- versions ------------------------------------------------------------------


def test_version_2_adds_fields_and_choices_that_version_1_lacks() -> None:
    claim = RECORD_TYPES["claim"]
    assert claim.for_version(1).keys == ("by", "text", "form", "verb", "source", "date", "note")
    v2 = claim.for_version(2).keys
    for key in ("id", "speaker", "via", "date_reported", "withdrawn"):
        assert key in v2
    response = RECORD_TYPES["response"]
    assert "responds_to" in response.for_version(2).keys
    assert "responds_to" not in response.for_version(1).keys
    stance = response.field("stance")
    old = ("denied", "disputed", "investigating", "declined-to-comment", "confirmed")
    assert stance.values(1) == old
    assert stance.values(2) == (*old, "supported", "did-not-respond")
    assert stance.values(2) == model.STANCES
    incident = RECORD_TYPES["incident"]
    assert incident.for_version(1).required == ("id", "title", "date", "claim")
    assert "claim" not in incident.for_version(2).required
    assert incident.for_version(2).alternatives == (("claim", "claims"),)
    assert incident.for_version(1).alternatives == ()


# -- the model -----------------------------------------------------------------


# Model fields no story file has: a story as of a date records the date, and
# its incidents the claims not yet made that their remaining responses
# answer (tui.story.positions.as_of).
NOT_IN_FILES = frozenset({"later_claims", "as_of"})


def _model_fields(cls: type) -> dict[str, dataclasses.Field[Any]]:
    return {
        f.name: f
        for f in dataclasses.fields(cls)
        if f.init and not f.name.startswith("_") and f.name not in NOT_IN_FILES
    }


@pytest.mark.parametrize("record", ALL_TYPES, ids=lambda r: r.name)
def test_every_record_type_matches_its_model_class(record: RecordType) -> None:
    fields = _model_fields(MODEL_OF[record.name])
    table = [f for f in record.fields if f.type != "version"]
    assert set(fields) == {f.model_attr for f in table}
    for f in table:
        mf = fields[f.model_attr]
        # A required field has no default in the model; the others default to
        # the table's default, or to nothing.
        # (An incident's claim is filled from its claims: no default either.)
        if f.required or (record.name, f.name) == ("incident", "claim"):
            assert mf.default is dataclasses.MISSING, f.name
        elif f.type in ("texts", "refs", "records"):
            assert mf.default == (), f.name
        else:
            assert mf.default == f.default, f.name


def test_vocabularies_of_the_model_are_the_tables() -> None:
    assert RECORD_TYPES["response"].field("stance").values() == model.STANCES
    assert RECORD_TYPES["actor"].field("kind").values() == model.ACTOR_KINDS
    assert RECORD_TYPES["quote"].field("form").values() == model.FORMS


# -- the loader ----------------------------------------------------------------

STORY = """\
story: {headline: h}
actors: [{id: a, name: n, kind: other}]
incidents:
  - id: i
    title: t
    date: '2022'
    claim: {by: a, text: x%s}
    responses: [{by: a, stance: denied, text: y%s}]
quotes: [{id: q, speaker: a, text: z%s}]
"""


@pytest.mark.parametrize("given", ["", ", form: ~, verb: ~", ", verb: ''"])
def test_the_loader_applies_the_tables_defaults(given: str) -> None:
    story = load_story_text(STORY % (given, given, given))
    incident, quote = story.incidents[0], story.quotes[0]
    claim, response = incident.claim, incident.responses[0]
    table = RECORD_TYPES
    assert (claim.form, claim.verb) == (
        table["claim"].field("form").default,
        table["claim"].field("verb").default,
    )
    assert response.form == table["response"].field("form").default
    assert (quote.form, quote.verb) == (
        table["quote"].field("form").default,
        table["quote"].field("verb").default,
    )
    # No default in the table: an empty verb stays empty, an absent one None.
    assert response.verb == ("" if "''" in given else None)


def test_an_unknown_key_lists_the_tables_keys() -> None:
    text = STORY.replace("quotes: [{id: q,", "quotes: [{colour: red, id: q,") % ("", "", "")
    with pytest.raises(Exception) as info:
        load_story_text(text)
    message = str(info.value)
    assert "expected one of: " + ", ".join(RECORD_TYPES["quote"].keys) in message


# -- the export ----------------------------------------------------------------


def test_the_export_follows_the_tables_field_order() -> None:
    data = story_json(load_story(FIXTURE))

    def own_keys(record: dict[str, Any]) -> list[str]:
        return [k for k in record if not k.endswith("_ref") and k != "label"]

    assert own_keys(data["story"]) == list(RECORD_TYPES["storyMeta"].keys)
    for key in ("sources", "actors", "incidents", "quotes", "context"):
        kind = DOCUMENT.field(key).record
        assert data[key], key
        for record in data[key]:
            keys = own_keys(record)
            if key == "incidents":  # what the export adds after the fields
                assert keys.pop() == "positions"
            assert keys == list(RECORD_TYPES[kind].keys), key
    incident = data["incidents"][0]
    assert own_keys(incident["claim"]) == list(RECORD_TYPES["claim"].keys)
    assert own_keys(incident["responses"][0]) == list(RECORD_TYPES["response"].keys)


# -- the documentation ---------------------------------------------------------

# docs/story-format.md: the heading whose first field table describes each type.
DOC_SECTIONS = {
    "## Top level": "document",
    "## story": "storyMeta",
    "## sources": "source",
    "## actors": "actor",
    "## incidents": "incident",
    "### claim": "claim",
    "### responses": "response",
    "## quotes": "quote",
    "## context": "context",
    "## Inferred values": "inference",
}


def _sections() -> dict[str, str]:
    text = DOCS.read_text(encoding="utf-8")
    parts = re.split(r"^(#{2,3} .*)$", text, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def _table_rows(section: str, first: str) -> list[list[str]]:
    """The rows of the first table whose header starts with *first*."""
    lines = section.splitlines()
    for n, line in enumerate(lines[:-1]):
        if line.startswith(f"| {first} |") and lines[n + 1].startswith("| --- |"):
            rows = []
            for row in lines[n + 2 :]:
                if not row.startswith("|"):
                    break
                rows.append([cell.strip() for cell in row.strip().strip("|").split(" | ")])
            return rows
    raise AssertionError(f"no table starting with {first!r}")


@pytest.mark.parametrize(("heading", "name"), DOC_SECTIONS.items())
def test_the_docs_list_every_field_in_order(heading: str, name: str) -> None:
    record = DOCUMENT if name == "document" else RECORD_TYPES[name]
    rows = _table_rows(_sections()[heading], "Key" if name == "document" else "Field")
    assert [row[0].strip("`") for row in rows] == list(record.keys)
    for row in rows:
        field = record.field(row[0].strip("`"))
        assert row[1].startswith("yes" if field.required else "no"), row
        if field.default is not None:
            assert f"default `{field.default}`" in row[2], row


def test_the_docs_show_every_place_field() -> None:
    section = _sections()["## incidents"]
    for key in RECORD_TYPES["place"].keys:
        assert re.search(rf"^\s+{key}:", section, flags=re.MULTILINE), key


@pytest.mark.parametrize(
    ("heading", "record", "key"),
    [("## actors", "actor", "kind"), ("## Stances", "response", "stance")],
)
def test_the_docs_list_every_choice(heading: str, record: str, key: str) -> None:
    rows = _table_rows(_sections()[heading], f"`{key}`")
    assert [row[0].strip("`") for row in rows] == list(RECORD_TYPES[record].field(key).values())


def test_the_docs_say_what_each_reference_must_name() -> None:
    rows = _table_rows(_sections()["## Ids and references"], "Field")
    refs = [(r, f) for r in RECORD_TYPES.values() for f in r.fields if f.type in ("ref", "refs")]
    assert refs
    for record, field in refs:
        names = [KIND_NAMES[k] for k in field.refers_to]
        wanted = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
        [row] = [row for row in rows if row[1] == wanted]
        assert re.search(rf"\b{field.name}`", row[0]), (record.name, field.name)
