"""A record's line in the story file, for the editor's +LINE (``e``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.story.load import load_story
from tui.story.record_lines import record_line

ROOT = Path(__file__).resolve().parents[2]
STORIES = [*sorted((ROOT / "tests" / "fixtures" / "stories").glob("*.yaml")), ROOT / "story.yaml"]


def _ids(path: Path) -> list[str]:
    story = load_story(path)
    records = [*story.sources, *story.actors, *story.incidents, *story.quotes, *story.context]
    ids = [r.id for r in records]
    ids += [st.id for inc in story.incidents for st in inc.statements() if st.id is not None]
    return ids


@pytest.mark.parametrize("path", STORIES, ids=lambda p: p.stem)
def test_every_record_is_found_on_the_line_of_its_id(path: Path) -> None:
    """Each record's line holds its id key (``- id: x``) or begins the
    mapping whose id it is, in every fixture story and the seed."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    ids = _ids(path)
    if not ids:
        assert record_line(text, "anything") is None
        return
    for record_id in ids:
        line = record_line(text, record_id)
        assert line is not None, record_id
        # The record's mapping starts at that line; its id is on it or below
        # it, before the next item of the same list.
        block = lines[line - 1 :]
        assert any(
            row.strip().lstrip("- ").startswith("id:") and record_id in row for row in block[:40]
        ), (record_id, line)


DENIAL_THEN_ADMISSION = """\
storybrowse: 2
story:
  headline: Denied, then admitted
actors:
  - name: Government of Examplestan
    id: examplestan
  - id: vell
    name: Vell Front
incidents:
  - title: Missile strike on flight 311
    id: flight-311
    date: 2030-01-08
    claims:
      - id: c-vell
        by: vell
        text: "The Front says the airliner was shot down."
    responses:
      - by: examplestan
        id: r-deny
        stance: denied
        text: "A technical fault."
      - id: r-admit
        by: examplestan
        stance: confirmed
        text: "Our air defence fired by mistake."
quotes:
  - id: q-1
    about: flight-311
    by: examplestan
    text: 'It was "a technical fault", said id: vell.'
"""


def test_ids_anywhere_in_the_mapping_and_only_as_id_values() -> None:
    text = DENIAL_THEN_ADMISSION
    # An id after other keys: the mapping's first line.
    assert record_line(text, "examplestan") == 5
    assert record_line(text, "vell") == 7
    assert record_line(text, "flight-311") == 10
    # Statements (claims and responses with ids) too.
    assert record_line(text, "c-vell") == 14
    assert record_line(text, "r-deny") == 18
    assert record_line(text, "r-admit") == 22
    assert record_line(text, "q-1") == 27
    # A value of another key (by: vell, about: flight-311) is not an id.
    assert record_line(text.replace("    id: flight-311\n", ""), "flight-311") is None
    assert record_line(text, "nobody") is None


def test_a_file_broken_before_the_record() -> None:
    # In block style the line is still found (the editor opens there) ...
    assert record_line("story: [unclosed\nactors:\n  - id: x\n", "x") == 3
    # ... which parsing alone (flow style, a JSON file) cannot do.
    assert record_line('story: [unclosed\nactors: [{"id": "x"}]\n', "x") is None


def test_an_id_line_inside_a_text_is_not_taken_for_the_record() -> None:
    text = (
        "actors:\n"
        "  - name: A\n"
        "    note: |\n"
        "      id: a-1\n"  # a line of a block scalar that looks like an id
        "    id: a-1\n"
    )
    assert record_line(text, "a-1") == 2  # two candidates: parsed instead


def test_json_story() -> None:
    text = '{"story": {"headline": "h"},\n "actors": [\n  {"name": "A", "id": "a-1"}]}'
    assert record_line(text, "a-1") == 3


@pytest.mark.parametrize("path", STORIES, ids=lambda p: p.stem)
def test_the_text_scan_agrees_with_the_parser(path: Path) -> None:
    """The quick scan of the text (block style) and the YAML event stream
    give the same line for every record."""
    from tui.story.record_lines import _by_events, _by_text

    text = path.read_text(encoding="utf-8")
    for record_id in _ids(path):
        quick = _by_text(text, record_id)
        assert quick is None or quick == _by_events(text, record_id), record_id
