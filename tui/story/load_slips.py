"""Plain words for the YAML slips authors make most (private to
:mod:`tui.story.load`).

libyaml's own words (``did not find expected key``) say what the parser
missed, not what the author did.  :func:`_common_slip` recognises, from the
problem and the text around its mark: an apostrophe inside a single-quoted
string, a key indented less than its siblings, and JSON's surrogate-pair
escapes, and says what to do about each.
"""

from __future__ import annotations

import re


def _line_of(text: str, index: int) -> tuple[int, str]:
    """Offset where the line holding *index* starts, and the line."""
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    return start, text[start : end if end >= 0 else len(text)]


def _indent_above(text: str, line_start: int) -> int | None:
    """Indentation of the nearest line above that is not blank or a comment."""
    end = line_start - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        stripped = line.lstrip(" ")
        if stripped and not stripped.startswith("#"):
            if stripped.startswith("- "):  # a list item's first key
                return len(line) - len(stripped) + 2
            return len(line) - len(stripped)
        end = start - 1
    return None


_ESCAPED_PAIR = re.compile(r"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")


def _common_slip(problem: str, text: str, index: int) -> str | None:
    """Plain words for the slips authors make most, or None.

    An apostrophe inside a single-quoted string ends it early; a key
    indented less than its siblings ends the block it belongs to; a
    surrogate-pair escape (JSON's way to write an emoji) is not YAML.
    """
    if not 0 <= index <= len(text):
        return None
    if problem.startswith("found invalid Unicode character escape code"):
        start = text.rfind("\\", 0, index)
        pair = _ESCAPED_PAIR.match(text, max(start, 0))
        if pair is not None:
            high, low = int(pair.group(1), 16), int(pair.group(2), 16)
            code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            what, fix = pair.group(), f"\\U{code:08X}"
        else:
            what, fix = text[max(start, 0) : index + 4], "\\U0001F600"
        return (
            f"invalid YAML: {what} is a UTF-16 surrogate escape (JSON's way to write "
            "characters such as emoji), which YAML does not read; write the character "
            f'itself, or one YAML escape such as "{fix}"'
        )
    if problem not in ("did not find expected key", "did not find expected '-' indicator"):
        return None
    line_start, line = _line_of(text, index)
    column = index - line_start
    if index > 0 and text[index - 1] == "'" and index < len(text) and text[index].isalnum():
        opening = line.find("'")
        closing = line.rfind("'")
        value = line[opening + 1 : closing] if 0 <= opening < closing else ""
        doubled = value.replace("'", "''")
        hint = f" (\"{value}\" or '{doubled}')" if value and '"' not in value else ""
        return (
            "invalid YAML: an apostrophe ends this single-quoted text early; write the "
            f"text in double quotes, or double the apostrophe{hint}"
        )
    if line[:column].strip(" "):
        return None
    above = _indent_above(text, line_start)
    if above is None or column >= above:
        return None
    item = ", or start a new list item with '- '" if "'-'" in problem else ""
    return (
        f"invalid YAML: this line is indented by {column}, less than the line above "
        f"({above}), which ends the block it belongs to; indent it by {above} spaces "
        f"like the keys above it{item}"
    )
