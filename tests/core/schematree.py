"""What the schema tests share: the tree a schema sees, and the agreement rule.

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
import re
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from tui.story.errors import Problem, StoryError
from tui.story.load import load_story_text
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
        r"^no such id |^'.*' is (?:an incident|a context event|an actor|a quote|a source|a claim"
        r"|a response) \(.*\), not "
    ),
    # The shipped schema is version 2's, which accepts `storybrowse: 1`: it does
    # not check that a version-1 file uses nothing from version 2 (the
    # version-1 schema, story_schema(1), does).
    "newer field": re.compile(r"^.* is new in format version \d+; "),
    # Format 2: which claim a response answers depends on the incident's other keys.
    "claim answered": re.compile(r"^this incident has \d+ claims; |^'.*' is a claim of another"),
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


def file_id(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


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
