"""A warning about a control or invisible character points at that
character (line and column), however the scalar was written."""

from __future__ import annotations

import pytest

from tui.story.load import check_story_text

ZWSP = "\u200b"

# Each case: the YAML of story.summary, with the expected character's
# position marked by a caret on the line below it (the caret line is
# removed before loading), and whether it was written as an escape.
CASES = [
    ("plain", f"  summary: plain {ZWSP} text\n" + " " * 17 + "^\n", False),
    ("single-quoted", f"  summary: 'it''s {ZWSP}'\n" + " " * 18 + "^\n", False),
    ("double-quoted raw", f'  summary: "a{ZWSP}b"\n' + " " * 13 + "^\n", False),
    ("escape \\u", '  summary: "ab \\u200b c"\n' + " " * 15 + "^\n", True),
    ("escape \\e", '  summary: "\\\\e then \\e"\n' + " " * 21 + "^\n", True),
    ("escaped backslash first", '  summary: "\\\\u200b \\x1b"\n' + " " * 20 + "^\n", True),
    (
        "block literal, second line",
        f"  summary: |\n    first line\n    second {ZWSP} line\n" + " " * 11 + "^\n",
        False,
    ),
    (
        "folded over two lines",
        '  summary: "one\n    two \\e"\n' + " " * 8 + "^\n",
        True,
    ),
]


def _split(marked: str) -> tuple[str, int, int]:
    """The YAML without the caret line, and the caret's 1-based line/column
    in the story file (the summary follows ``story:`` and a headline)."""
    lines = marked.splitlines(keepends=True)
    caret = next(i for i, line in enumerate(lines) if line.strip() == "^")
    column = lines[caret].index("^") + 1
    del lines[caret]
    return "".join(lines), caret + 2, column  # +2: 'story:' and the headline


@pytest.mark.parametrize(("label", "marked", "escaped"), CASES, ids=[c[0] for c in CASES])
def test_warning_points_at_the_character(label: str, marked: str, escaped: bool) -> None:
    body, line, column = _split(marked)
    text = "story:\n  headline: H\n" + body
    story, problems = check_story_text(text, "w.yaml")
    assert story is not None
    warnings = [p for p in problems if p.path == "story.summary"]
    assert len(warnings) == 1, problems
    assert (warnings[0].line, warnings[0].column) == (line, column), warnings[0].format()
    assert ("(written as an escape)" in warnings[0].message) is escaped
    assert "offset" not in warnings[0].message


def test_the_first_of_repeated_characters_is_pointed_at() -> None:
    text = f"story:\n  headline: x{ZWSP}y{ZWSP}z\n"
    _, problems = check_story_text(text, "w.yaml")
    (warning,) = problems
    assert (warning.line, warning.column) == (2, 14)
    assert warning.message.endswith("(1 more in this text)")


def test_the_nth_copy_is_found_after_earlier_escaped_copies() -> None:
    # The value's first ESC is an escape, then a literal ESC is impossible in
    # YAML, so check nth counting with two escapes of the same character.
    text = 'story:\n  headline: "a \\x1b b \\e"\n'
    _, problems = check_story_text(text, "w.yaml")
    (warning,) = problems
    assert (warning.line, warning.column) == (2, 16)
