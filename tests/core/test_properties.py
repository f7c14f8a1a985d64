"""Property: for any input, the loader returns a Story or raises StoryError.

Never any other exception, and every problem is one line with a sane
position.  Inputs: arbitrary text and bytes, a soup of YAML tokens, and
YAML documents built from the story format's own vocabulary (so the checks
past the parser get exercised too).
"""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.story.errors import StoryError
from tui.story.load import check_story_text, load_story_text
from tui.story.model import Story
from tui.story.sanitize import display_line

SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(data: str | bytes) -> None:
    try:
        story = load_story_text(data, "p.yaml")
    except StoryError as exc:
        assert exc.errors, "StoryError without an error"
        problems = list(exc.problems)
        outcome: Story | None = None
    else:
        assert isinstance(story, Story)
        outcome = story
        problems = []
    # check_story_text never raises and agrees with load_story_text.
    story2, problems2 = check_story_text(data, "p.yaml")
    assert (story2 is None) == (outcome is None)
    if outcome is None:
        assert problems2 == problems
    else:
        assert all(p.severity == "warning" for p in problems2)
    for p in problems2:
        assert p.file == "p.yaml"
        assert p.line >= 0 and p.column >= 0
        assert (p.line == 0) == (p.column == 0)
        line = p.format()
        # One printable line: nothing a terminal would act on.
        assert display_line(line) == line
        assert line.startswith("p.yaml")


@SETTINGS
@given(st.text(st.characters(codec=None, exclude_categories=())))
def test_any_text(text: str) -> None:
    _check(text)


@SETTINGS
@given(st.binary())
def test_any_bytes(data: bytes) -> None:
    _check(data)


TOKENS = [
    "story:",
    "headline:",
    "incidents:",
    "actors:",
    "quotes:",
    "context:",
    "sources:",
    "id:",
    "title:",
    "date:",
    "claim:",
    "by:",
    "text:",
    "responses:",
    "stance:",
    "kind:",
    "via:",
    "about:",
    "place:",
    "from:",
    "name:",
    "storybrowse:",
    "date_inferred:",
    "note:",
    "\n",
    "\n  ",
    "\n    ",
    " ",
    "  ",
    "\t",
    "- ",
    "-",
    "? ",
    ": ",
    ":",
    ",",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!str ",
    "!!python/object ",
    "!x ",
    "'",
    '"',
    "\\e",
    "\\x1b",
    "#",
    "---",
    "...",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2002:\n",
    "|",
    ">-",
    "~",
    "null",
    "no",
    "yes",
    "2022-04-18",
    "XXXX-04-18",
    "2022?-04-18",
    "2022-13-01",
    "010",
    "12:30",
    "a",
    "b",
    "x1",
    "denied",
    "government",
    "quote",
    "é",
    "\u202e",
    "\x1b",
    "\x00",
    "\x85",
    "\ufeff",
    "\r\n",
]


@SETTINGS
@given(st.lists(st.sampled_from(TOKENS), max_size=60).map("".join))
def test_yaml_token_soup(text: str) -> None:
    _check(text)


KEYS = [
    "storybrowse",
    "story",
    "sources",
    "actors",
    "incidents",
    "quotes",
    "context",
    "headline",
    "outlet",
    "published",
    "url",
    "summary",
    "byline",
    "id",
    "name",
    "kind",
    "aliases",
    "affiliation",
    "role",
    "description",
    "title",
    "date",
    "date_reported",
    "date_inferred",
    "place",
    "from",
    "to",
    "note",
    "claim",
    "by",
    "text",
    "form",
    "verb",
    "source",
    "responses",
    "stance",
    "speaker",
    "via",
    "about",
    "region",
    "country",
    "respones",
    "headlin",
]
SCALARS = st.one_of(
    st.sampled_from(
        [
            "a",
            "b",
            "x1",
            "no",
            "on",
            "",
            "~",
            "1",
            "2022-04-18",
            "2022?-04",
            "XXXX-04-18",
            "April 18",
            "denied",
            "deny",
            "government",
            "quote",
            "paraphrase",
            "\x1b[31m",
        ]
    ),
    st.text(max_size=8),
    st.integers(),
    st.booleans(),
    st.none(),
)


def _documents() -> st.SearchStrategy[Any]:
    values = st.recursive(
        SCALARS,
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.sampled_from(KEYS), children, max_size=5)
        ),
        max_leaves=30,
    )
    return st.dictionaries(st.sampled_from(KEYS), values, max_size=7)


@SETTINGS
@given(_documents(), st.booleans())
def test_structured_documents(doc: dict[str, Any], flow: bool) -> None:
    _check(yaml.safe_dump(doc, default_flow_style=flow, allow_unicode=True))


def _story() -> st.SearchStrategy[dict[str, Any]]:
    """Nearly valid stories: the right shape, values drawn to hit every check."""
    ids = st.sampled_from(["a", "b", "c", "i1", "q1", "s1", "no", "1x"])
    actor = st.fixed_dictionaries(
        {"id": ids, "name": SCALARS, "kind": st.sampled_from(["government", "media", "x"])},
        optional={"aliases": st.lists(SCALARS, max_size=2), "affiliation": ids},
    )
    claim = st.fixed_dictionaries(
        {"by": ids, "text": SCALARS},
        optional={"form": st.sampled_from(["quote", "paraphrase", "q"]), "source": ids},
    )
    response = st.fixed_dictionaries(
        {"by": ids, "stance": st.sampled_from(["denied", "confirmed", "deny"]), "text": SCALARS}
    )
    incident = st.fixed_dictionaries(
        {
            "id": ids,
            "title": SCALARS,
            "date": st.sampled_from(["2022-04-18", "XXXX-04-18", "2022-02-30", "201X"]),
            "claim": claim,
        },
        optional={
            "responses": st.lists(response, max_size=3),
            "place": st.one_of(SCALARS, st.fixed_dictionaries({"name": SCALARS})),
            "date_inferred": st.fixed_dictionaries(
                {"note": SCALARS}, optional={"sources": st.lists(ids, max_size=2)}
            ),
        },
    )
    quote = st.fixed_dictionaries(
        {"id": ids, "speaker": ids, "text": SCALARS},
        optional={"via": st.lists(ids, max_size=2), "about": st.lists(ids, max_size=2)},
    )
    return st.fixed_dictionaries(
        {"story": st.fixed_dictionaries({"headline": SCALARS})},
        optional={
            "sources": st.lists(st.fixed_dictionaries({"id": ids, "name": SCALARS}), max_size=2),
            "actors": st.lists(actor, max_size=3),
            "incidents": st.lists(incident, max_size=3),
            "quotes": st.lists(quote, max_size=2),
        },
    )


@SETTINGS
@given(_story())
def test_nearly_valid_stories(doc: dict[str, Any]) -> None:
    _check(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))
