"""Load a story file: safe YAML in, a checked :class:`~tui.story.model.Story` out.

How it works, and why, one job per module:

* :mod:`~tui.story.load_read`, reading and decoding: the file's size is
  checked with ``os.stat`` before reading (at most :data:`MAX_FILE_SIZE`);
  its bytes are decoded as strict UTF-8 and scanned for characters YAML does
  not allow, so binary data, bad encodings and stray control characters each
  get one clear message with their position.
* :mod:`~tui.story.load_events`, YAML events: nothing is *constructed* by
  PyYAML: its safe parser (libyaml's, through ``CSafeLoader``, when
  available) produces events, read once.  So every scalar is the raw text
  the author wrote (no YAML 1.1 coercion: ``no``, ``on``, ``010``,
  ``2022-04-18``, ``12:30`` stay strings), every problem has the line and
  column of its event, and no tree of the document is ever held in memory.
  Anchors and aliases, custom tags and extra documents are refused; nesting
  stops at :data:`MAX_DEPTH`.  Python recursion follows the format (a few
  levels), never the file; what the format does not expect is skipped
  iteratively.
* :mod:`~tui.story.load_build`, record building: a recursive descent that
  follows the format table (:mod:`tui.story.format`) and builds the model
  as it goes.
* :mod:`~tui.story.load_refs`, reference checks: ids are checked as they
  are read; references are resolved once every id is known.
* :mod:`~tui.story.load_sink`: every problem is collected (up to
  :data:`MAX_PROBLEMS`).

On 10,000 incidents (16 MB) this takes about 1 s, twice the time libyaml
needs just to produce the events and about a seventh of ``yaml.load`` with
``CSafeLoader``.

Public API: :func:`load_story`, :func:`load_story_text`, :func:`check_story`,
:func:`check_story_text`; errors are :class:`~tui.story.errors.StoryError`
holding :class:`~tui.story.errors.Problem` records.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable

import yaml

from .errors import Problem, StoryError
from .load_build import _Parser
from .load_events import MAX_DEPTH, _Stop, _yaml_error
from .load_read import (
    MAX_FILE_SIZE,
    _check_characters,
    _decode,
    _json_surrogates,
    _read,
    _suspect,
    _text_of,
)
from .load_sink import MAX_PROBLEMS, _Sink, _TooMany
from .model import Story

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_SIZE",
    "MAX_PROBLEMS",
    "Problem",
    "StoryError",
    "check_story",
    "check_story_text",
    "load_story",
    "load_story_text",
]


def _from_text(text: str, sink: _Sink) -> Story | None:
    text = _json_surrogates(text)
    suspect = _suspect(text)
    if suspect and _check_characters(text, sink):
        return None
    # Controls can come from raw characters or from escapes ("\e").
    parser = _Parser(text, sink, check_controls=suspect or "\\" in text)
    try:
        return parser.document()
    except yaml.YAMLError as exc:
        sink.drop_schema()
        _yaml_error(exc, text, sink)
        return None
    except _Stop:
        sink.drop_schema()
        return None
    finally:
        parser.loader.dispose()
        if parser.anchors:
            parser.refuse_anchors()
        parser.name_records()


def _run(load: Callable[[], Story | None]) -> Story | None:
    # The cyclic garbage collector is paused while loading: the loader makes
    # no reference cycles, but it allocates hundreds of thousands of objects,
    # and the collections that triggers scan them all again and again (on
    # 10,000 incidents this halves the load time).  It is switched back on
    # only if it was on.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return load()
    except _TooMany:
        return None
    finally:
        if enabled:
            gc.enable()


def check_story_text(
    data: str | bytes, filename: str = "<string>"
) -> tuple[Story | None, list[Problem]]:
    """Like :func:`check_story` for text or bytes already in memory."""
    sink = _Sink(filename)

    def load() -> Story | None:
        text = _text_of(data, sink)
        return None if text is None else _from_text(text, sink)

    story = _run(load)
    return (story if not sink.errors else None), sink.sorted()


def check_story(path: str | os.PathLike[str]) -> tuple[Story | None, list[Problem]]:
    """Load and check the story at *path*; never raises.

    Returns the story (None if there was any error) and every problem,
    warnings included, in file order.
    """
    name = os.fspath(path)
    sink = _Sink(name)

    def load() -> Story | None:
        data = _read(name, sink)
        text = None if data is None else _decode(data, sink)
        del data  # 32 MiB at most, but no need to keep it while parsing
        return None if text is None else _from_text(text, sink)

    story = _run(load)
    return (story if not sink.errors else None), sink.sorted()


def load_story(path: str | os.PathLike[str]) -> Story:
    """Load the story at *path*; raises :class:`StoryError` listing every problem."""
    story, problems = check_story(path)
    if story is None:
        raise StoryError(problems)
    return story


def load_story_text(data: str | bytes, filename: str = "<string>") -> Story:
    """Load a story from text or UTF-8 bytes; raises :class:`StoryError`."""
    story, problems = check_story_text(data, filename)
    if story is None:
        raise StoryError(problems)
    return story
