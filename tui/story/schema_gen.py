"""The JSON Schema of the story format, generated from :mod:`tui.story.format`.

The package ships the result as ``tui/story/story.schema.json`` (what
``storybrowse schema`` prints and what an editor running
yaml-language-server checks a story against); a test asserts that the file
equals what :func:`story_schema` makes.  After changing the format table,
regenerate it::

    python -m tui.story.schema_gen          # rewrite the shipped file
    python -m tui.story.schema_gen --check  # exit 1 if it is out of date

The schema checks the shape, the vocabularies, the id spelling and the date
syntax.  What it cannot see (references, unique ids, a day that does not
exist in its month, YAML-level problems) is left to ``storybrowse check``.
Never imports textual.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .format import DOCUMENT, FORMAT_VERSION, FORMAT_VERSIONS, RECORD_TYPES, Field, RecordType
from .locate import schema_path
from .vocab import AMBIGUOUS_IDS, ID_PATTERN

JSON = dict[str, Any]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "https://storybrowse.invalid/story.schema.json"

# Scalars: YAML tools other than storybrowse type them (`no` is a boolean,
# `010` a number), so the schema accepts any scalar where the loader reads text.
_SCALAR = ["string", "number", "boolean"]
_DATE_PATTERN = (
    "^(?:[0-9]{4}|[0-9]{3}X|[0-9]{2}XX|[0-9]XXX|XXXX)[?~%]?"
    "(?:-(?:(?:0[1-9]|1[0-2])[?~%]?(?:-(?:0[1-9]|[12][0-9]|3[01]|XX)[?~%]?)?"
    "|XX[?~%]?(?:-XX[?~%]?)?))?$(?!\\n)"
)
_DATE_DESCRIPTION = (
    "YYYY, YYYY-MM or YYYY-MM-DD. `?` (uncertain), `~` (approximate) or `%` (both) after the "
    "whole date (2022-04-18?) or after one part (2022?-04-18: only the year is uncertain). X for "
    "digits not given: XXXX-04-18, 2022-04-XX, 201X. Quoting is optional; the loader reads the "
    "text as written. (The schema does not check that a day exists in its month, e.g. "
    "2022-02-30; the loader does.)"
)
_AMBIGUOUS = ", ".join(AMBIGUOUS_IDS)


def _any_case(word: str) -> str:
    """``[nN][oO]`` for ``no``: the pattern refuses the word in any case."""
    return "".join(f"[{c.lower()}{c.upper()}]" for c in word)


def _ref(name: str) -> JSON:
    return {"$ref": f"#/$defs/{name}"}


def _nullable(schema: JSON) -> JSON:
    return {"anyOf": [schema, {"type": "null"}]}


def _shared_defs() -> JSON:
    """The building blocks every record type uses: ids, references, dates."""
    words = "|".join(_any_case(w) for w in AMBIGUOUS_IDS)
    return {
        "id": {
            "title": "Id",
            "description": f"An id: `^{ID_PATTERN}$`, and not one of the YAML 1.1 boolean/null "
            f"words {_AMBIGUOUS} (any case).",
            "type": "string",
            "pattern": f"^(?!(?:{words})$){ID_PATTERN}$(?!\\n)",
            "patternErrorMessage": "An id starts with a letter, holds only letters, digits, "
            f"_ . - and is not one of {_AMBIGUOUS}",
        },
        "idRef": {
            "title": "Id reference",
            "description": "The id of another record in this story. The schema checks only the "
            "spelling; `storybrowse check` checks that it exists and is of the right kind.",
            **_ref("id"),
        },
        "optionalIdRef": {
            "title": "Id reference",
            "description": "The id of another record in this story, or null for none.",
            **_nullable(_ref("idRef")),
        },
        "idList": {
            "title": "Id list",
            "description": "A list of ids of other records in this story.",
            "type": ["array", "null"],
            "items": _ref("idRef"),
        },
        "date": {
            "title": "Date (EDTF subset)",
            "description": _DATE_DESCRIPTION,
            "anyOf": [
                {
                    "type": "string",
                    "pattern": _DATE_PATTERN,
                    "patternErrorMessage": "Not a date in the supported form: YYYY, YYYY-MM or "
                    "YYYY-MM-DD, with ? ~ % and X, e.g. 2022-04-18, 2022?-04-18, XXXX-04-18",
                },
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
        },
        "optionalDate": {
            "title": "Date (EDTF subset), optional",
            "description": _DATE_DESCRIPTION,
            **_nullable(_ref("date")),
        },
    }


def _choice(field: Field, version: int) -> JSON:
    choices = [c for c in field.choices if c.since <= version]
    values: list[str | None] = [c.value for c in choices]
    descriptions = [c.description for c in choices]
    if field.required:
        return {"type": "string", "enum": values, "enumDescriptions": descriptions}
    return {
        "type": ["string", "null"],
        "enum": [*values, None],
        "enumDescriptions": [*descriptions, "absent"],
    }


def _value(field: Field, version: int) -> JSON:
    """The schema of *field*'s value (without title and description)."""
    kind = field.type
    if kind == "text":
        if field.required:
            return {"type": _SCALAR, "minLength": 1}
        return {"type": [*_SCALAR, "null"]}
    if kind == "texts":
        return {"type": ["array", "null"], "items": {"type": _SCALAR, "minLength": 1}}
    if kind == "choice":
        return _choice(field, version)
    if kind == "id":
        return _ref("id")
    if kind == "ref":
        return _ref("idRef" if field.required else "optionalIdRef")
    if kind == "refs":
        return _ref("idList")
    if kind == "date":
        return _ref("date" if field.required else "optionalDate")
    if kind == "place":
        return _ref("place")
    if kind == "record":
        nullable = not field.required and field.record in _NULLABLE
        return _ref(_NULLABLE[field.record] if nullable else field.record)
    if kind == "records":
        if field.min_items:
            return {"type": "array", "items": _ref(field.record), "minItems": field.min_items}
        return {"type": ["array", "null"], "items": _ref(field.record)}
    if kind == "version":
        # A file of an older version is a valid file of this one.
        known = [v for v in FORMAT_VERSIONS if v <= version]
        return {"enum": [x for v in known for x in (v, str(v))]}
    if kind == "withdrawn":
        words = [True, False, *(w for b in ("true", "false") for w in (b, b.title(), b.upper()))]
        return {"anyOf": [{"enum": words}, _ref("optionalDate")]}
    raise ValueError(f"unknown field type {kind!r}")


# Optional nested records that may be null have a named nullable variant.
_NULLABLE = {"inference": "optionalInference"}


def _description(field: Field, record: RecordType) -> str:
    if field.type == "id":
        return (
            f"Unique id of this {record.title.lower()}. Letters, digits, `_`, `.`, `-`, starting "
            "with a letter; unique across the whole story (sources, actors, incidents, quotes "
            "and context share one namespace); not a YAML 1.1 boolean/null word "
            f"({_AMBIGUOUS})."
        )
    if field.default is not None:
        return f"{field.description} Default: {field.default}."
    return field.description


def _property(field: Field, record: RecordType, version: int) -> JSON:
    out: JSON = {"title": field.title, "description": _description(field, record)}
    out.update(_value(field, version))
    if field.default is not None:
        out["default"] = field.default
    return out


def _object(record: RecordType, version: int) -> JSON:
    record = record.for_version(version)
    out: JSON = {
        "title": record.title,
        "description": record.description,
        "type": "object",
        "properties": {f.name: _property(f, record, version) for f in record.fields},
        "required": list(record.required),
        "additionalProperties": False,
    }
    groups = record.alternatives
    if len(groups) == 1:  # exactly one of these keys
        out["oneOf"] = [{"required": [k]} for k in groups[0]]
    elif groups:
        out["allOf"] = [{"oneOf": [{"required": [k]} for k in g]} for g in groups]
    return out


def story_schema(version: int = FORMAT_VERSION) -> JSON:
    """The JSON Schema (draft 2020-12) of story files of format *version*,
    as a JSON-ready dict."""
    defs = _shared_defs()
    for name, record in RECORD_TYPES.items():
        obj = _object(record, version)
        if name == "place":
            defs["place"] = {
                "title": "Place",
                "description": 'A place: either a plain name ("Termez") or a mapping with '
                "`name` and optionally `region` and `country`.",
                "anyOf": [{"type": _SCALAR, "minLength": 1}, obj, {"type": "null"}],
            }
            continue
        defs[name] = obj
        if name in _NULLABLE:
            defs[_NULLABLE[name]] = {
                "title": obj["title"],
                "description": obj["description"],
                **_nullable(_ref(name)),
            }
    top = _object(DOCUMENT, version)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": f"storybrowse story file (format {version})",
        "description": f"{top['description']} See docs/story-format.md. This schema checks the "
        "shape, the vocabularies, the id spelling and the date syntax. It cannot check that "
        "references resolve to a record of the right kind, that ids are unique, that a day "
        "exists in its month, that a file declaring an older version uses nothing newer, "
        "or YAML-level problems (duplicate keys, anchors and aliases, "
        "custom tags): run `storybrowse check FILE`.",
        "type": "object",
        "properties": top["properties"],
        "required": top["required"],
        "additionalProperties": False,
        "$defs": defs,
    }


def schema_text(version: int = FORMAT_VERSION) -> str:
    """:func:`story_schema` as the text of ``story.schema.json`` (indented,
    ending with a newline)."""
    return json.dumps(story_schema(version), indent=2, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite the shipped schema file, or with ``--check`` say whether it
    is out of date (exit 1).  Returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m tui.story.schema_gen",
        description="Generate tui/story/story.schema.json from the format table.",
    )
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if stale")
    args = parser.parse_args(argv)
    path = Path(schema_path())
    text = schema_text()
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if args.check:
        if current != text:
            print(f"{path} is out of date: run python -m tui.story.schema_gen", file=sys.stderr)
            return 1
        return 0
    if current != text:
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
