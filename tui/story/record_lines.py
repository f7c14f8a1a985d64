"""Where a record is in the story file: its line, for an editor's ``+LINE``.

The line is looked up in the file as it is now (it may have changed since it
was loaded), from the YAML event stream: the record is the mapping whose
``id`` key has the wanted value, at any depth (incidents, actors, quotes,
sources, context events, and claims and responses that have an id).  Never
imports textual.
"""

from __future__ import annotations

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
