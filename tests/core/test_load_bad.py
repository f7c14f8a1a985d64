"""Every class of bad story file gets one clear problem per fault, at the
exact line and column, with the path inside the story, all at once.

The fixtures are in tests/fixtures/bad/ (one file per class of bad input);
inputs that are huge, binary or absurdly deep are made at test time in
test_load_inputs.py instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tui.story import load_events
from tui.story.errors import Problem, StoryError
from tui.story.load import check_story, load_story

BAD_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "bad"

BAD: dict[str, list[tuple[int, int, str, str]]] = {
    "alias-bomb.yaml": [
        (
            3,
            13,
            "",
            "YAML anchors and aliases are not supported (found anchor '&a', and 22 more "
            "anchors or aliases); write each value out",
        ),
        (4, 12, "story.summary", "expected text, found a list"),
        (5, 11, "story.byline", "expected text, found a list"),
    ],
    "bad-dates.yaml": [
        (
            3,
            14,
            "story.published",
            "'10 May 2022' is not a date in the supported form: YYYY, YYYY-MM or YYYY-MM-DD, "
            "with ? (uncertain), ~ (approximate) or % (both) and X for digits not given, e.g. "
            "2022-04-18, 2022?-04-18, XXXX-04-18",
        ),
        (9, 11, "incidents[0] (termez).date", "'2022-04-31': day 31 does not exist in that month"),
        (
            10,
            50,
            "incidents[0] (termez).claim.date",
            "'2022-13': month 13 is not between 01 and 12",
        ),
        (
            13,
            11,
            "incidents[1] (takhar).date",
            "'April 18' is not a date in the supported form: YYYY, YYYY-MM or YYYY-MM-DD, with "
            "? (uncertain), ~ (approximate) or % (both) and X for digits not given, e.g. "
            "2022-04-18, 2022?-04-18, XXXX-04-18",
        ),
        (
            18,
            11,
            "context[0] (doha).date",
            "'2020-02-29/2020-03-01' is not a date in the supported form: YYYY, YYYY-MM or "
            "YYYY-MM-DD, with ? (uncertain), ~ (approximate) or % (both) and X for digits not "
            "given, e.g. 2022-04-18, 2022?-04-18, XXXX-04-18",
        ),
    ],
    "bad-enums.yaml": [
        (
            4,
            40,
            "actors[0] (taliban).kind",
            "'armed group' is not one of: government, political-group, armed-group, "
            "organisation, media, person, analyst, other (did you mean 'armed-group'?)",
        ),
        (
            5,
            58,
            "actors[1] (tashkent).kind",
            "'goverment' is not one of: government, political-group, armed-group, "
            "organisation, media, person, analyst, other (did you mean 'government'?)",
        ),
        (
            10,
            54,
            "incidents[0] (termez).claim.form",
            "'quoted' is not one of: quote, paraphrase (did you mean 'quote'?)",
        ),
        (
            12,
            32,
            "incidents[0] (termez).responses[0].stance",
            "'deny' is not one of: denied, disputed, investigating, declined-to-comment, "
            "confirmed, supported, did-not-respond (did you mean 'denied'?)",
        ),
        (
            13,
            32,
            "incidents[0] (termez).responses[1].stance",
            "'no comment' is not one of: denied, disputed, investigating, declined-to-comment, "
            "confirmed, supported, did-not-respond (did you mean 'declined-to-comment'?)",
        ),
    ],
    "bad-ids.yaml": [
        (
            4,
            10,
            "actors[0].id",
            "'no' cannot be an id: YAML 1.1 tools read it as a boolean or null",
        ),
        (
            5,
            10,
            "actors[1].id",
            "'42' is not a valid id: an id starts with a letter and has only letters, digits, "
            "'_', '.' and '-'",
        ),
        (
            6,
            10,
            "actors[2].id",
            "'two words' is not a valid id: an id starts with a letter and has only letters, "
            "digits, '_', '.' and '-'",
        ),
        (
            7,
            10,
            "actors[3].id",
            "'ON' cannot be an id: YAML 1.1 tools read it as a boolean or null",
        ),
        (
            8,
            10,
            "actors[4].id",
            "'2022-04-18' is not a valid id: an id starts with a letter and has only letters, "
            "digits, '_', '.' and '-'",
        ),
    ],
    "bad-indentation.yaml": [
        (
            3,
            10,
            "",
            "invalid YAML: unexpected ':' (mapping values are not allowed here); check the "
            "indentation, and if the ':' is part of the text, put the whole value in quotes",
        ),
    ],
    "bad-references.yaml": [
        (
            7,
            83,
            "actors[1] (tashkent).affiliation",
            "no such id 'talibn' (did you mean 'taliban'?)",
        ),
        (12, 17, "incidents[0] (termez).claim.by", "no such id 'isk'"),
        (
            12,
            52,
            "incidents[0] (termez).claim.source",
            "'taliban' is an actor (actors[0]), not a source",
        ),
        (
            14,
            14,
            "incidents[0] (termez).responses[0].by",
            "no such id 'tashknet' (did you mean 'tashkent'?)",
        ),
        (
            15,
            14,
            "incidents[0] (termez).responses[1].by",
            "'article' is a source (sources[0]), not an actor",
        ),
        (20, 11, "quotes[0] (mines).via[0]", "no such id 'rferl'"),
        (
            21,
            21,
            "quotes[0] (mines).about[1]",
            "'mines' is a quote (quotes[0]), not an incident, a context event or an actor",
        ),
        (
            21,
            28,
            "quotes[0] (mines).about[2]",
            "'article' is a source (sources[0]), not an incident, a context event or an actor",
        ),
        (
            23,
            66,
            "context[0] (kabul).actors[0]",
            "'termez' is an incident (incidents[0]), not an actor",
        ),
        (23, 83, "context[0] (kabul).source", "'tashkent' is an actor (actors[1]), not a source"),
    ],
    "comments-only.yaml": [
        (
            0,
            0,
            "",
            "the file has only comments or blank lines; a story needs at least story: "
            "{headline: ...}",
        ),
    ],
    "custom-tags.yaml": [
        (
            2,
            13,
            "",
            "YAML tag '!!python/object/apply:os.system' is not supported; remove it (a story "
            "file needs no tags)",
        ),
        (2, 13, "story.headline", "expected text, found a list"),
        (3, 12, "", "YAML tag '!secret' is not supported; remove it (a story file needs no tags)"),
    ],
    "duplicate-ids.yaml": [
        (
            6,
            10,
            "actors[0].id",
            "duplicate id 'rferl' (already used by sources[0] at line 4); ids are unique "
            "across the whole story",
        ),
        (
            9,
            9,
            "incidents[0].id",
            "duplicate id 'isk' (already used by actors[1] at line 7); ids are unique across "
            "the whole story",
        ),
    ],
    "duplicate-keys.yaml": [
        (
            4,
            3,
            "story.headline",
            "duplicate key 'headline' (first at line 2, column 3); YAML would silently keep "
            "only the last value",
        ),
        (
            9,
            5,
            "actors[0] (taliban).kind",
            "duplicate key 'kind' (first at line 8, column 5); YAML would silently keep only "
            "the last value",
        ),
    ],
    "empty.yaml": [
        (0, 0, "", "the file is empty; a story needs at least story: {headline: ...}"),
    ],
    "invalid-utf8.yaml": [
        (
            2,
            18,
            "",
            "invalid UTF-8: byte 0xFF at byte offset 25 cannot be decoded; a story file must "
            "be UTF-8 text",
        ),
    ],
    "missing-required.yaml": [
        (2, 3, "story", "missing required key 'headline'"),
        (4, 5, "actors[0] (taliban)", "missing required key 'name'"),
        (6, 5, "actors[1]", "missing required key 'id'"),
        (10, 12, "incidents[0] (termez).title", "a value is required here"),
        (11, 11, "incidents[0] (termez).date", "must not be empty"),
        (13, 7, "incidents[0] (termez).claim", "missing required key 'by'"),
        (15, 9, "incidents[0] (termez).responses[0]", "missing required key 'stance'"),
        (16, 15, "incidents[0] (termez).responses[0].text", "must not be empty"),
    ],
    "multiple-documents.yaml": [
        (
            3,
            1,
            "",
            "a second YAML document; a story file holds exactly one (remove this '---' and "
            "what follows, or split the file)",
        ),
    ],
    "raw-control-characters.yaml": [
        (
            2,
            19,
            "",
            "control character ␛ (U+001B ESC) is not allowed in a YAML file; write it as "
            '"\\x1b" inside a double-quoted string, or remove it',
        ),
        (
            2,
            27,
            "",
            "control character ␛ (U+001B ESC) is not allowed in a YAML file; write it as "
            '"\\x1b" inside a double-quoted string, or remove it',
        ),
        (
            3,
            19,
            "",
            "control character ␇ (U+0007 BEL) is not allowed in a YAML file; write it as "
            '"\\x07" inside a double-quoted string, or remove it',
        ),
    ],
    "tab-indent.yaml": [
        (
            4,
            1,
            "",
            "invalid YAML: a tab character where YAML allows only spaces (indent with spaces, "
            "not tabs)",
        ),
    ],
    "top-level-list.yaml": [
        (
            2,
            1,
            "",
            "the document is a list, not a mapping with keys such as story: and incidents:; a "
            "story needs at least story: {headline: ...}",
        ),
    ],
    "top-level-text.yaml": [
        (
            1,
            1,
            "",
            "the document is text, not a mapping with keys such as story: and incidents:; a "
            "story needs at least story: {headline: ...}",
        ),
    ],
    "unclosed-quote.yaml": [
        (
            4,
            1,
            "",
            "invalid YAML: found unexpected end of stream (while scanning a quoted scalar at "
            "line 2, column 13)",
        ),
    ],
    "unknown-keys.yaml": [
        (4, 3, "story.publisher", "unknown key 'publisher' (did you mean 'published'?)"),
        (9, 5, "actors[0] (tajikistan).alias", "unknown key 'alias' (did you mean 'aliases'?)"),
        (
            15,
            5,
            "incidents[0] (termez).respones",
            "unknown key 'respones' (did you mean 'responses'?)",
        ),
        (
            17,
            5,
            "incidents[0] (termez).colour",
            "unknown key 'colour'; expected one of: id, title, date, date_reported, "
            "date_inferred, kind, place, from, to, summary, note, claim, claims, responses",
        ),
        (18, 1, "quote", "unknown key 'quote' (did you mean 'quotes'?)"),
    ],
    "unquoted-colon.yaml": [
        (
            2,
            20,
            "",
            "invalid YAML: unexpected ':' (mapping values are not allowed here); check the "
            "indentation, and if the ':' is part of the text, put the whole value in quotes",
        ),
    ],
    "unsupported-version.yaml": [
        (
            1,
            14,
            "storybrowse",
            "format version '3' is not supported; this storybrowse reads version 1, 2",
        ),
    ],
    "wrong-types.yaml": [
        (2, 13, "story.headline", "expected text, found a list"),
        (3, 12, "story.summary", "expected text, found a mapping"),
        (4, 10, "sources", "expected a list, found a mapping"),
        (6, 5, "actors[0]", "expected a mapping, found 'just a string'"),
        (10, 14, "actors[1] (taliban).aliases", "expected a list, found 'Islamic Emirate'"),
        (15, 12, "incidents[0] (termez).claim", "expected a mapping, found 'Fired rockets.'"),
        (
            16,
            12,
            "incidents[0] (termez).place",
            "expected a place name or a mapping with 'name', found a list",
        ),
    ],
}


def _found(problems: list[Problem]) -> list[tuple[int, int, str, str]]:
    return [(p.line, p.column, p.path, p.message) for p in problems]


def test_every_fixture_is_listed() -> None:
    assert sorted(p.name for p in BAD_DIR.glob("*.yaml")) == sorted(BAD)


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_fixture(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD_DIR)
    story, problems = check_story(name)
    assert story is None
    assert _found(problems) == BAD[name]
    assert all(p.file == name and p.severity == "error" for p in problems)


@pytest.mark.parametrize("name", sorted(BAD))
def test_load_story_raises_story_error_with_the_same_problems(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(BAD_DIR)
    with pytest.raises(StoryError) as info:
        load_story(name)
    assert _found(list(info.value.problems)) == BAD[name]
    # The message is the compiler-style lines, one per problem.
    lines = str(info.value).split("\n")
    assert lines == [p.format() for p in info.value.problems]
    assert all(line.startswith(f"{name}:") for line in lines)


def test_compiler_style_format(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD_DIR)
    _, problems = check_story("bad-enums.yaml")
    assert problems[3].format() == (
        "bad-enums.yaml:12:32: incidents[0] (termez).responses[0].stance: 'deny' is not one of: "
        "denied, disputed, investigating, declined-to-comment, confirmed, supported, "
        "did-not-respond (did you mean 'denied'?)"
    )
    # No path: the problem is about the YAML itself.
    _, problems = check_story("tab-indent.yaml")
    assert problems[0].format() == (
        "tab-indent.yaml:4:1: invalid YAML: a tab character where YAML allows only spaces "
        "(indent with spaces, not tabs)"
    )
    # No position: the problem is about the whole file.
    _, problems = check_story("empty.yaml")
    assert problems[0].format() == (
        "empty.yaml: the file is empty; a story needs at least story: {headline: ...}"
    )


# The pure-Python parser (used where PyYAML has no libyaml) words some
# errors differently and is stricter about tabs; on these fixtures the
# loader's messages and positions are the same with either.
@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_fixture_with_the_pure_python_parser(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(BAD_DIR)
    monkeypatch.setattr(load_events, "_Loader", yaml.SafeLoader)
    story, problems = check_story(name)
    assert story is None
    assert _found(problems) == BAD[name]
