"""Where a record is in the story file: its line, for an editor's ``+LINE``.

The line is looked up in the file as it is now (it may have changed since it
was loaded), from the YAML event stream: the record is the mapping whose
``id`` key has the wanted value, at any depth (incidents, actors, quotes,
sources, context events, and claims and responses that have an id).  Never
imports textual.
"""

from __future__ import annotations

import re

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def record_line(text: str, record_id: str) -> int | None:
    """The 1-based line where the record with id *record_id* starts in the
    YAML (or JSON) *text*: the line of its first key (for ``- id: x`` the
    line of the dash).  ``None`` if no mapping has that id, or if the text
    is not YAML up to that record (a file broken before it)."""
    # Cheap refusal first: most calls are on a file that has the id.
    if record_id not in text:
        return None
    # The usual block style, found in the text (a 16 MB story: milliseconds
    # rather than seconds of parsing); anything else is parsed.
    found = _by_text(text, record_id)
    return found if found is not None else _by_events(text, record_id)


def _by_text(text: str, record_id: str) -> int | None:
    """The line of ``- id: X`` or of the ``- `` item holding ``id: X``, when
    exactly one line of *text* is such an id line; else None."""
    pattern = re.compile(
        r"""( *)(- +)?(["']?)id\3 *: *(["']?)""" + re.escape(record_id) + r"""\4 *(?:#.*)?"""
    )
    # Each occurrence of the id (a few, or one per reference to it), its
    # line matched whole: far quicker than a multi-line search of the text.
    matches: list[tuple[int, re.Match[str]]] = []
    at = text.find(record_id)
    while at >= 0 and len(matches) < 2:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        found = pattern.fullmatch(text, start, end)
        if found is not None:
            matches.append((start, found))
        at = text.find(record_id, end)
    if len(matches) != 1:
        return None
    start, match = matches[0]
    line = text.count("\n", 0, start) + 1
    if match.group(2):
        return line
    key_indent = len(match.group(1))
    # Up to the item's first line: "- " two columns left of the key.
    end = start
    while end > 0:
        start = text.rfind("\n", 0, end - 1) + 1
        row = text[start : end - 1]
        end, line = start, line - 1
        stripped = row.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(row) - len(stripped)
        if indent == key_indent - 2 and stripped.startswith("- "):
            return line
        if indent < key_indent:
            return None
    return None


def _by_events(text: str, record_id: str) -> int | None:
    """:func:`record_line` from the YAML event stream."""
    # One frame per open collection: for a mapping, [start line, expecting a
    # key?, the last key read]; for a sequence, None.
    stack: list[list[object] | None] = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                _value_read(stack)
                line = event.start_mark.line + 1 if event.start_mark else 0
                stack.append([line, True, None] if isinstance(event, MappingStartEvent) else None)
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                stack.pop()
            elif isinstance(event, AliasEvent):
                _value_read(stack)
            elif isinstance(event, ScalarEvent):
                frame = stack[-1] if stack else None
                if frame is not None and frame[1]:
                    frame[1], frame[2] = False, event.value
                    continue
                if frame is not None and frame[2] == "id" and event.value == record_id:
                    start = frame[0]
                    return start if isinstance(start, int) and start > 0 else None
                _value_read(stack)
    except yaml.YAMLError:
        return None
    return None


def _value_read(stack: list[list[object] | None]) -> None:
    """A value was read in the innermost mapping: a key comes next."""
    if stack and stack[-1] is not None:
        frame = stack[-1]
        frame[1], frame[2] = True, None
