"""The JSON Schema and the loader agree on every story file we have.

The schema (``tui/story/story.schema.json``) is what an editor running
yaml-language-server checks a story against; the loader is what
``storybrowse`` checks it against.  What one accepts, the other must accept,
with one documented exception: some rules are beyond what a JSON Schema can
see (see ``SCHEMA_BLIND``).  For those, and only those, the schema may accept
a file that the loader rejects.  The other way round (the schema rejects, the
loader accepts) is always a failure.

To compare like with like, each file is turned into the tree a schema
validator sees, except that every scalar stays the string the author wrote
(the loader's rule: ``no`` stays "no", ``010`` stays "010"); only YAML's
null (``~``, ``null``, nothing) becomes ``None``, because the loader treats it
as "absent".
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from tui.story import model
from tui.story.dates import DateError, parse_date
from tui.story.errors import Problem, StoryError
from tui.story.load import check_story, load_story_text
from tui.story.locate import schema_path
from tui.story.model import Story

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SEED = ROOT / "story.yaml"
SCHEMA_FILE = ROOT / "tui" / "story" / "story.schema.json"

# Files bigger than this are not turned into a tree (the loader's own limit
# tests use generated data, not fixture files).
MAX_BYTES = 2 * 1024 * 1024
# Enough for any real story; an alias bomb blows through it at once.
MAX_NODES = 200_000
NULL_TAG = "tag:yaml.org,2002:null"

# What the schema cannot see, and how the loader words it.  A file that the
# schema accepts and the loader rejects is fine only if every error the loader
# reports matches one of these.
SCHEMA_BLIND: dict[str, re.Pattern[str]] = {
    # A reference to an id that does not exist, or to a record of the wrong kind.
    "unresolved reference": re.compile(
        r"^no such id |^'.*' is (?:an incident|a context event|an actor|a quote|a source) "
        r"\(.*\), not "
    ),
    # The same id used twice (ids share one namespace across record kinds).
    "duplicate id": re.compile(r"^duplicate id "),
    # PyYAML (and so the JSON tree a schema sees) keeps the last of two equal keys.
    "duplicate key": re.compile(r"^duplicate key "),
    # The schema checks a date's shape, not whether the day exists (Feb 30).
    "date validity": re.compile(r"^'.*': day (?:29|30|31) does not exist in that month$"),
    # Things that exist only in YAML, not in the JSON tree a schema sees.
    "YAML level": re.compile(
        r"^YAML anchors and aliases are not supported|^YAML tag .* is not supported"
        r"|^a second YAML document|^nesting is deeper than|^the (?:file|text) is too large"
    ),
}


# ---------------------------------------------------------------------------
# helpers


def _load_schema() -> dict[str, Any]:
    with SCHEMA_FILE.open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


SCHEMA = _load_schema()
VALIDATOR = Draft202012Validator(SCHEMA)


class Unrepresentable(Exception):
    """The YAML cannot be turned into a JSON-like tree (too big, cyclic...)."""


# The parser the loader uses (libyaml's when PyYAML has it): the two YAML
# parsers differ at the edges (libyaml accepts `[2022?-04-18]`, PyYAML's own
# parser does not), and the comparison is about the format, not the parser.
_YamlLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))
_NO_KEY = object()
MAX_DEPTH = 1000


def tree_of_text(text: str) -> Any:
    """The JSON-like tree a schema validator sees, except that every scalar
    stays the string written; only YAML nulls become None.

    Built from parser events without recursion (a deeply nested file cannot
    overflow the stack); aliases are expanded, within :data:`MAX_NODES`.
    Raises Unrepresentable for what no JSON tree can hold.
    """
    stack: list[list[Any]] = []  # [container, node count, anchor, pending key]
    anchors: dict[str, tuple[Any, int]] = {}
    out: list[Any] = []
    documents = 0
    total = 0

    def add(value: Any, size: int) -> None:
        nonlocal total
        total += size
        if total > MAX_NODES:
            raise Unrepresentable(f"more than {MAX_NODES} nodes (an alias bomb?)")
        if not stack:
            out.append(value)
            return
        top = stack[-1]
        top[1] += size
        if isinstance(top[0], list):
            top[0].append(value)
        elif top[3] is _NO_KEY:
            if isinstance(value, (dict, list)):
                raise Unrepresentable("a mapping or list used as a key")
            top[3] = "~" if value is None else value
        else:
            top[0][top[3]] = value
            top[3] = _NO_KEY

    for ev in yaml.parse(text, Loader=_YamlLoader):
        if isinstance(ev, yaml.ScalarEvent):
            if ev.tag in (None, "!"):
                null = ev.tag is None and not ev.style and ev.value in _NULL_WORDS
            else:
                null = ev.tag == NULL_TAG
            value = None if null else str(ev.value)
            if ev.anchor is not None:
                anchors[ev.anchor] = (value, 1)
            add(value, 1)
        elif isinstance(ev, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(stack) >= MAX_DEPTH:
                raise Unrepresentable("nested too deeply")
            is_map = isinstance(ev, yaml.MappingStartEvent)
            stack.append([{} if is_map else [], 0, ev.anchor, _NO_KEY])
        elif isinstance(ev, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            container, size, anchor, _key = stack.pop()
            if anchor is not None:
                anchors[anchor] = (container, size + 1)
            add(container, size + 1)
        elif isinstance(ev, yaml.AliasEvent):
            if ev.anchor not in anchors:
                raise Unrepresentable("an alias to an unfinished anchor (a cycle)")
            value, size = anchors[ev.anchor]
            add(value, size)
        elif isinstance(ev, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise Unrepresentable("more than one document")
    if not out:
        raise Unrepresentable("an empty document")
    return out[0]


def tree_of(data: bytes) -> Any:
    """The tree of a story file's bytes (see :func:`tree_of_text`)."""
    if len(data) > MAX_BYTES:
        raise Unrepresentable("too big for this test")
    try:
        return tree_of_text(data.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise Unrepresentable(f"not parseable YAML: {type(exc).__name__}") from exc


def parse_tree(path: Path) -> Any:
    return tree_of(path.read_bytes())


def schema_errors(tree: Any) -> list[str]:
    return [
        f"{'/'.join(str(p) for p in err.absolute_path) or '<top>'}: {err.message}"
        for err in VALIDATOR.iter_errors(tree)
    ]


def check_text(text: str) -> tuple[Story | None, list[Problem]]:
    """The loader's verdict on *text*, through the raising API."""
    try:
        return load_story_text(text, "<test>"), []
    except StoryError as exc:
        return None, list(exc.problems)


def loader_errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def story_files() -> list[Path]:
    files = sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    if SEED.is_file():
        files.append(SEED)
    return files


def _file_id(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


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
    return {f.name for f in dataclasses.fields(cls) if f.init and not f.name.startswith("_")}


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


# ---------------------------------------------------------------------------
# every story file: schema and loader agree


def test_there_are_fixtures() -> None:
    names = {p.name for p in story_files()}
    assert {"three_governments.yaml", "empty.yaml", "partial_dates.yaml", "hostile.yaml"} <= names


def agreement(data: bytes, story: Story | None, problems: list[Problem]) -> str:
    """Compare the schema's and the loader's verdicts on one file; fail the
    test if they disagree in a way that is not allowed.  Returns the verdict:
    "accepted", "rejected", "loader only" (rejected for a reason in
    SCHEMA_BLIND) or "skipped" (too big for this test)."""
    errors = loader_errors(problems)
    loader_ok = story is not None and not errors
    try:
        tree = tree_of(data)
    except Unrepresentable as exc:
        if "too big for this test" in str(exc):
            return "skipped"  # the loader's own limit (32 MiB) is tested elsewhere
        # Not a document a schema validator could accept either.
        assert not loader_ok, f"the loader accepts a file that is {exc}"
        return "rejected"

    found = schema_errors(tree)
    if loader_ok:
        assert found == [], "the schema rejects what the loader accepts:\n" + "\n".join(found)
        return "accepted"
    assert errors, "the loader rejected the story without saying why"
    if found:
        return "rejected"
    # The schema accepts, the loader rejects: only for what the schema cannot see.
    unexplained = [
        p.format() for p in errors if not any(rx.search(p.message) for rx in SCHEMA_BLIND.values())
    ]
    assert unexplained == [], (
        "the schema accepts what the loader rejects, for a reason the schema could check:\n"
        + "\n".join(unexplained)
    )
    return "loader only"


@pytest.mark.parametrize("path", story_files(), ids=_file_id)
def test_schema_and_loader_agree(path: Path) -> None:
    story, problems = check_story(path)
    assert agreement(path.read_bytes(), story, problems) != "skipped"


@pytest.mark.parametrize(
    "path",
    [p for p in story_files() if p.parent.name in ("stories", "good") or p == SEED],
    ids=_file_id,
)
def test_valid_stories_pass_the_schema(path: Path) -> None:
    tree = parse_tree(path)
    assert schema_errors(tree) == []


def test_the_agreement_test_can_fail() -> None:
    """The schema rejects bad values: a misspelt stance, a bad date, a missing
    headline, an unknown key, a reserved id, and a list where text goes."""
    good = parse_tree(FIXTURES / "stories" / "three_governments.yaml")
    assert schema_errors(good) == []

    def broken(change: Callable[[Any], None]) -> list[str]:
        tree = json.loads(json.dumps(good))
        change(tree)
        return schema_errors(tree)

    assert broken(lambda t: t["incidents"][0]["responses"][0].update(stance="deny"))
    assert broken(lambda t: t["incidents"][0].update(date="April 18"))
    assert broken(lambda t: t["incidents"][0].update(date="2022-04-18\n"))
    assert broken(lambda t: t["story"].pop("headline"))
    assert broken(lambda t: t["story"].update(headline=""))
    assert broken(lambda t: t["story"].update(headline=None))
    assert broken(lambda t: t["incidents"][0].update(repsonses=[]))
    assert broken(lambda t: t["actors"][0].update(id="no"))
    assert broken(lambda t: t["actors"][0].update(id="2fast"))
    assert broken(lambda t: t["quotes"][0].update(text=["a", "b"]))
    assert broken(lambda t: t.update(storybrowse="2"))
    assert broken(lambda t: t["incidents"][0].update(to={"region": "r"}))


# ---------------------------------------------------------------------------
# beyond the fixtures: random damage to a valid story


def _paths(tree: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in *tree* (mapping keys and list indexes)."""
    out: list[tuple[Any, ...]] = []
    items: Any = tree.items() if isinstance(tree, dict) else enumerate(tree)
    for key, value in items:
        out.append((*prefix, key))
        if isinstance(value, (dict, list)):
            out.extend(_paths(value, (*prefix, key)))
    return out


def _containers(tree: Any) -> list[tuple[Any, ...]]:
    """Paths to every mapping in *tree* (the root is ``()``)."""
    found = [()] if isinstance(tree, dict) else []
    return found + [p for p in _paths(tree) if isinstance(_at(tree, p), dict)]


def _at(tree: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        tree = tree[key]
    return tree


DAMAGE_VALUES: list[Any] = [
    None,
    "",
    " ",
    "no",
    "yes",
    "on",
    "010",
    "12:30",
    "1",
    "2",
    "x",
    "1abc",
    "deny",
    "denied",
    "quote",
    "other",
    "2022-02-30",
    "2022-04-31",
    "2022-13",
    "XXXX-XX-18",
    "2022-04-18",
    "201X",
    "April 18",
    "gazette",
    "nlf",
    "port-strike",
    "wire-service",
    "q-port",
    "missing-id",
    "\u200b",
    "\x1b[31m",
    ["a"],
    [],
    [None],
    [""],
    ["nlf"],
    ["gazette"],
    ["port-strike", "nlf"],
    {},
    {"name": "n"},
    {"region": "r"},
    {"note": "n"},
    {"note": "n", "sources": ["gazette"]},
    {"note": "n", "sources": ["nlf"]},
]
DAMAGE_KEYS = [
    "id",
    "name",
    "kind",
    "text",
    "date",
    "title",
    "note",
    "sources",
    "form",
    "verb",
    "by",
    "stance",
    "place",
    "from",
    "via",
    "about",
    "repsonses",
    "Date",
]


@st.composite
def damaged_stories(draw: st.DrawFn) -> Any:
    tree = parse_tree(FIXTURES / "stories" / "three_governments.yaml")
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["set", "delete", "add"]))
        if action == "add":
            where = _at(tree, draw(st.sampled_from(_containers(tree))))
            # A copy: a later "delete" or "set" inside the added value must
            # not change DAMAGE_VALUES (hypothesis saw that as flaky data).
            value = json.loads(json.dumps(draw(st.sampled_from(DAMAGE_VALUES))))
            where[draw(st.sampled_from(DAMAGE_KEYS))] = value
            continue
        path = draw(st.sampled_from(_paths(tree)))
        parent = _at(tree, path[:-1])
        if action == "delete":
            del parent[path[-1]]
        else:
            parent[path[-1]] = json.loads(json.dumps(draw(st.sampled_from(DAMAGE_VALUES))))
    return tree


@settings(max_examples=300, deadline=None)
@given(damaged_stories())
def test_schema_and_loader_agree_on_damaged_stories(tree: Any) -> None:
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)
    agreement(text.encode("utf-8"), *check_text(text))


# ---------------------------------------------------------------------------
# hand-picked edge cases, with the verdict each must get

EDGE_BASE = """\
story: {headline: h}
sources: [{id: src, name: s}]
actors: [{id: a, name: n, kind: other}]
incidents:
  - id: i
    title: t
    date: '2022'
    claim: {by: a, text: x}
"""
# (added to the first incident, verdict)
INCIDENT_EDGES: list[tuple[str, str]] = [
    ('    place: ""\n', "rejected"),  # like place: {name: ""}
    ("    place: {name: ''}\n", "rejected"),
    ("    place: ~\n", "accepted"),
    ('    to: " "\n', "accepted"),
    ("    from: []\n", "rejected"),
    ("    kind: ''\n", "accepted"),  # an empty optional text is kept
    ("    kind: no\n", "accepted"),
    ("    kind: 010\n", "accepted"),
    ("    kind: !!str 12:30\n", "accepted"),
    ("    kind: !!int 5\n", "accepted"),
    ("    kind: !!null ''\n", "accepted"),
    ("    kind: !custom x\n", "loader only"),
    ("    kind: [a]\n", "rejected"),
    ("    note: &n x\n", "loader only"),
    ("    note: x\n    note: y\n", "loader only"),
    ("    date_inferred: ~\n", "accepted"),
    ("    date_inferred: {note: n, sources: ~}\n", "accepted"),
    ("    date_inferred: {note: n, sources: [src]}\n", "accepted"),
    ("    date_inferred: {note: n, sources: [a]}\n", "loader only"),
    ("    date_inferred: {note: n, sources: [nope]}\n", "loader only"),
    ("    date_inferred: {sources: [src]}\n", "rejected"),
    ("    date_inferred: {note: ~}\n", "rejected"),
    ("    responses: ~\n", "accepted"),
    ("    responses: [~]\n", "rejected"),
    ("    responses: [{by: a, stance: denied, text: t}]\n", "accepted"),
    ("    responses: [{by: a, stance: Denied, text: t}]\n", "rejected"),
    ("    responses: [{by: a, stance: denied, text: ''}]\n", "rejected"),
    ("    responses: [{by: a, stance: denied, text: t, form: ''}]\n", "rejected"),
    ("    responses: [{by: a, stance: denied, text: t, verb: ''}]\n", "accepted"),
    ("    responses: [{by: src, stance: denied, text: t}]\n", "loader only"),
    ("    date_reported: 2022-04-18\n", "accepted"),
    ("    summary: |\n      two\n      lines\n", "accepted"),
]
TOP_EDGES: list[tuple[str, str]] = [
    ("storybrowse: 1\n", "accepted"),
    ("storybrowse: '1'\n", "accepted"),
    ("storybrowse: ~\n", "rejected"),
    ("storybrowse: 2\n", "rejected"),
    ("storybrowse: 1.0\n", "rejected"),
    ("quotes: ~\ncontext: []\n", "accepted"),
    ("quotes: [{id: q, speaker: a, text: t, about: [i, a], via: [a]}]\n", "accepted"),
    ("quotes: [{id: q, speaker: a, text: t, about: [src]}]\n", "loader only"),
    ("quotes: [{id: q, speaker: a, text: t, via: ['']}]\n", "rejected"),
    ("quotes: [{id: a, speaker: a, text: t}]\n", "loader only"),
    ("quotes: [{id: NULL, speaker: a, text: t}]\n", "rejected"),
    ("quotes: [{id: 'No', speaker: a, text: t}]\n", "rejected"),
    ("quotes: [{id: No2, speaker: a, text: t}]\n", "accepted"),
    ("quotes: [{id: q, speaker: a, text: '~'}]\n", "accepted"),
    ("quotes: [{id: q, speaker: a, text: NULL}]\n", "rejected"),
    ("context: [{id: c, title: t, date: 2024-02-29}]\n", "accepted"),
    ("context: [{id: c, title: t, date: 2022-02-29}]\n", "loader only"),
    ("context: [{id: c, title: t, date: 2022-04-31}]\n", "loader only"),
    ("context: [{id: c, title: t, date: 2022-04-32}]\n", "rejected"),
    ("context: [{id: c, title: t, date: XXXX-XX-18}]\n", "rejected"),
    ("context: [{id: c, title: t, date: 2022?-04-18}]\n", "accepted"),
    ("context: [{id: c, title: t, date: ~}]\n", "rejected"),
    ("context: [{id: c, title: t, date: '2022', actors: ~}]\n", "accepted"),
    ("context: [{id: c, title: t, date: '2022', actors: [src]}]\n", "loader only"),
    ("actors2: []\n", "rejected"),
    ("---\nstory: {headline: h}\n", "loader only"),
]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [(EDGE_BASE + extra, v) for extra, v in INCIDENT_EDGES]
    + [(top + EDGE_BASE, v) for top, v in TOP_EDGES],
    ids=[" ".join(e.split()) for e, _ in INCIDENT_EDGES + TOP_EDGES],
)
def test_schema_and_loader_agree_on_edge_cases(text: str, verdict: str) -> None:
    assert agreement(text.encode("utf-8"), *check_text(text)) == verdict
