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

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from schematree import (
    FIXTURES,
    SEED,
    agreement,
    check_text,
    file_id,
    parse_tree,
    schema_errors,
    story_files,
)

from tui.story.load import check_story

# ---------------------------------------------------------------------------
# every story file: schema and loader agree


def test_there_are_fixtures() -> None:
    names = {p.name for p in story_files()}
    assert {"three_governments.yaml", "empty.yaml", "partial_dates.yaml", "hostile.yaml"} <= names


@pytest.mark.parametrize("path", story_files(), ids=file_id)
def test_schema_and_loader_agree(path: Path) -> None:
    story, problems = check_story(path)
    assert agreement(path.read_bytes(), story, problems) != "skipped"


@pytest.mark.parametrize(
    "path",
    [p for p in story_files() if p.parent.name in ("stories", "good") or p == SEED],
    ids=file_id,
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
    assert broken(lambda t: t.update(storybrowse="3"))
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
            # A copy: a later damage may change it, and DAMAGE_VALUES must stay
            # as it is for every example (hypothesis replays them).
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
    ("storybrowse: 2\n", "accepted"),
    ("storybrowse: 3\n", "rejected"),
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
