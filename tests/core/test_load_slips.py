"""Files as editors really save them, and the slips authors make most: each
gets a message that says what it is, where, and what to do."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tui.story.errors import Problem
from tui.story.load import check_story, check_story_text, load_story

ROOT = Path(__file__).resolve().parents[2]
THREE = ROOT / "tests" / "fixtures" / "stories" / "three_governments.yaml"
INTL = ROOT / "tests" / "fixtures" / "stories" / "intl.yaml"

HEAD = "storybrowse: 1\nstory:\n  headline: Rockets on the river\n"


def problems_of(text: str | bytes) -> list[Problem]:
    story, problems = check_story_text(text, "s.yaml")
    assert story is None
    return problems


def test_byte_order_mark_in_the_middle_of_the_file(tmp_path: Path) -> None:
    """Two files joined with cat: the second one's BOM lands at a line start."""
    first = b"\xef\xbb\xbf" + HEAD.encode()
    second = b"\xef\xbb\xbfactors:\n  - id: a\n    name: A\n    kind: other\n"
    (tmp_path / "joined.yaml").write_bytes(first + second)
    story, problems = check_story(tmp_path / "joined.yaml")
    assert story is None
    assert [(p.line, p.column, p.message) for p in problems] == [
        (
            4,
            1,
            "byte order mark (U+FEFF) in the middle of the file (were two files joined?); "
            "remove it: only the very start of a file may hold one",
        )
    ]
    # Inside a line too; a BOM at the very start is dropped silently.
    problems = problems_of(HEAD.replace("Rockets", "Rock\ufeffets"))
    assert [(p.line, p.column) for p in problems] == [(3, 17)]
    assert "byte order mark (U+FEFF) in the middle of the file" in problems[0].message
    assert check_story_text("\ufeff" + HEAD)[1] == []


def _story_data() -> dict[str, object]:
    return {
        "storybrowse": 1,
        "story": {"headline": "Rockets \U0001f680 on the river \u2014 \U0001d54f"},
        "actors": [{"id": "ilkay", "name": "İlkay Testoğlu \U0001f600", "kind": "analyst"}],
        "incidents": [
            {
                "id": "river",
                "title": "Rockets hit the port",
                "date": "2031-04-28",
                "claim": {"by": "ilkay", "text": 'Quote \\ud83d\\ude00 and "\U0001f4a5"'},
            }
        ],
    }


def test_json_with_surrogate_pairs_loads_exactly(tmp_path: Path) -> None:
    """json.dumps (ensure_ascii) writes every non-BMP character as a
    surrogate pair, which libyaml refuses; the story must load, and a
    backslash that is text (an escaped backslash) must stay text."""
    data = _story_data()
    path = tmp_path / "story.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert "\\ud83d\\ude80" in path.read_text()
    tool = subprocess.run(
        [sys.executable, "-m", "json.tool", str(path)], capture_output=True, timeout=30
    )
    assert tool.returncode == 0
    story = load_story(path)
    assert story.meta.headline == data["story"]["headline"]  # type: ignore[index]
    assert story.actors[0].name == "İlkay Testoğlu \U0001f600"
    assert story.incidents[0].claim.text == 'Quote \\ud83d\\ude00 and "\U0001f4a5"'


def test_json_with_a_lone_surrogate_says_what_it_is() -> None:
    text = '{"storybrowse": 1, "story": {"headline": "broken \\ud83d here"}}'
    problems = problems_of(text)
    assert len(problems) == 1
    assert "\\ud83d is a UTF-16 surrogate escape" in problems[0].message
    assert "write the character itself" in problems[0].message


def test_yaml_with_a_surrogate_pair_gets_the_exact_fix() -> None:
    problems = problems_of(HEAD.replace("Rockets on the river", '"Rockets \\ud83d\\ude80"'))
    assert len(problems) == 1
    message = problems[0].message
    assert message.startswith("invalid YAML: \\ud83d\\ude80 is a UTF-16 surrogate escape")
    assert message.endswith('one YAML escape such as "\\U0001F680"')


def test_key_indented_too_little_in_a_list_item() -> None:
    text = HEAD + "actors:\n  - id: a\n    name: A\n   kind: other\n"
    [problem] = problems_of(text)
    assert (problem.line, problem.column) == (7, 4)
    assert problem.message == (
        "invalid YAML: this line is indented by 3, less than the line above (4), which ends "
        "the block it belongs to; indent it by 4 spaces like the keys above it, or start a "
        "new list item with '- '"
    )


def test_key_indented_too_little_in_a_mapping() -> None:
    text = "storybrowse: 1\nstory:\n  headline: H\n outlet: Gazette\n"
    [problem] = problems_of(text)
    assert (problem.line, problem.column) == (4, 2)
    assert "indented by 1, less than the line above (2)" in problem.message
    assert "'- '" not in problem.message


def test_apostrophe_inside_single_quotes() -> None:
    text = HEAD + "actors:\n  - id: a\n    name: 'Samplegrad's spokesman'\n    kind: person\n"
    [problem] = problems_of(text)
    assert (problem.line, problem.column) == (6, 23)
    assert problem.message == (
        "invalid YAML: an apostrophe ends this single-quoted text early; write the text in "
        'double quotes, or double the apostrophe ("Samplegrad\'s spokesman" or '
        "'Samplegrad''s spokesman')"
    )
    # Both fixes load.
    for fixed in ('"Samplegrad\'s spokesman"', "'Samplegrad''s spokesman'"):
        story, _ = check_story_text(text.replace("'Samplegrad's spokesman'", fixed))
        assert story is not None and story.actors[0].name == "Samplegrad's spokesman"


def test_missing_dash_before_a_list_item() -> None:
    text = HEAD + (
        "actors:\n"
        "  - id: samplavia\n    name: Samplavia\n    kind: government\n"
        "    id: demoland\n    name: Demoland\n    kind: government\n"
    )
    problems = problems_of(text)
    assert len(problems) == 3
    for problem in problems:
        assert "duplicate key" in problem.message
        assert problem.message.endswith("did you forget '- ' to start a new item?")
    # A key repeated in the middle of an item is just a duplicate.
    text = HEAD + "actors:\n  - id: a\n    name: A\n    kind: other\n    name: B\n"
    [problem] = problems_of(text)
    assert "did you forget" not in problem.message


def test_paths_name_the_record_by_its_id() -> None:
    text = THREE.read_text(encoding="utf-8").replace("- by: samplavia\n", "- by: samplavai\n", 1)
    story, problems = check_story_text(text, "s.yaml")
    assert story is None
    [problem] = problems
    assert problem.path == "incidents[0] (port-strike).responses[1].by"
    assert problem.format().startswith("s.yaml:")
    assert "incidents[0] (port-strike).responses[1].by: no such id 'samplavai'" in problem.format()


def test_a_record_without_a_valid_id_keeps_its_index() -> None:
    text = HEAD + "actors:\n  - id: 1bad\n    name: A\n    kind: robot\n"
    problems = problems_of(text)
    assert {p.path for p in problems} == {"actors[0].id", "actors[0].kind"}


def test_right_to_left_text_loads_as_written() -> None:
    story = load_story(INTL)
    kabul = story.get("kabul-mfa")
    assert kabul is not None and kabul.name == "وزارت امور خارجه"  # type: ignore[union-attr]
