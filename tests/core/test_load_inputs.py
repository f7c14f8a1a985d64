"""Hostile inputs made at test time: missing, unreadable, huge, binary,
badly encoded, absurdly deep.  Each gets one clear problem and never a
traceback."""

from __future__ import annotations

import gc
import os
import pickle
from pathlib import Path

import pytest
import yaml

from tui.story import fileio, load_events
from tui.story.errors import Problem, StoryError
from tui.story.load import (
    MAX_DEPTH,
    MAX_FILE_SIZE,
    MAX_PROBLEMS,
    check_story,
    check_story_text,
    load_story,
    load_story_text,
)

MINIMAL = "story:\n  headline: Minimal\n"
DEPTH_MESSAGE = f"nesting is deeper than {MAX_DEPTH} levels; a story file needs only a few"


def _only(problems: list[Problem]) -> tuple[int, int, str, str]:
    assert len(problems) == 1, [p.format() for p in problems]
    p = problems[0]
    return (p.line, p.column, p.path, p.message)


def _check_file(tmp_path: Path, data: bytes, name: str = "story.yaml") -> list[Problem]:
    path = tmp_path / name
    path.write_bytes(data)
    story, problems = check_story(path)
    assert story is None
    assert all(p.file == str(path) for p in problems)
    return problems


# -- the file itself ---------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    story, problems = check_story(tmp_path / "nope.yaml")
    assert story is None
    assert _only(problems) == (0, 0, "", "no such file")
    assert problems[0].format() == f"{tmp_path / 'nope.yaml'}: no such file"


def test_directory(tmp_path: Path) -> None:
    story, problems = check_story(tmp_path)
    assert story is None
    assert _only(problems) == (0, 0, "", "is a directory, not a story file")


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(MINIMAL)
    path.chmod(0)
    try:
        with open(path, "rb"):
            readable = True  # root reads anything: make open() refuse as it would
    except PermissionError:
        readable = False
    if readable:

        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(fileio.os, "open", refuse)
    try:
        story, problems = check_story(path)
    finally:
        path.chmod(0o644)
    assert story is None
    assert _only(problems) == (0, 0, "", "permission denied")


def test_100_mib_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # sparse: costs no disk and no time
    story, problems = check_story(path)
    assert story is None
    assert _only(problems) == (0, 0, "", "the file is too large (100.0 MiB); the limit is 32.0 MiB")


def test_file_just_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with open(path, "wb") as fh:
        fh.truncate(MAX_FILE_SIZE + 1)
    _, problems = check_story(path)
    assert _only(problems)[3] == "the file is too large (32.0 MiB); the limit is 32.0 MiB"


def test_an_endless_device_is_refused_unread() -> None:
    # /dev/zero has no size in stat and never ends: it is not a file.
    if not os.path.exists("/dev/zero"):  # pragma: no cover - every POSIX system has it
        pytest.fail("/dev/zero is missing")
    story, problems = check_story("/dev/zero")
    assert story is None
    assert _only(problems) == (
        0,
        0,
        "",
        "not a regular file: a character device; a story must be a plain file",
    )


def test_text_over_the_limit() -> None:
    with pytest.raises(StoryError) as info:
        load_story_text(b" " * (MAX_FILE_SIZE + 1))
    assert _only(list(info.value.problems))[3] == (
        "the text is too large (32.0 MiB); the limit is 32.0 MiB"
    )


# -- encodings and binary data -------------------------------------------------


def test_binary_data(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
    problems = _check_file(tmp_path, png)
    assert _only(problems) == (
        3,
        1,
        "",
        "binary data, not text: a NUL byte at byte offset 8; a story file must be UTF-8 text",
    )


def test_nul_in_text() -> None:
    _, problems = check_story_text("story:\n  headline: a\x00b\n")
    assert _only(problems) == (
        2,
        14,
        "",
        "binary data, not text: a NUL character (U+0000); a story file must be text",
    )


def test_utf16(tmp_path: Path) -> None:
    problems = _check_file(tmp_path, MINIMAL.encode("utf-16"))
    assert _only(problems) == (0, 0, "", "the file is UTF-16 text; save it as UTF-8")


def test_latin1(tmp_path: Path) -> None:
    problems = _check_file(tmp_path, "story:\n  headline: Café\n".encode("latin-1"))
    assert _only(problems) == (
        2,
        16,
        "",
        "invalid UTF-8: byte 0xE9 at byte offset 22 cannot be decoded; "
        "a story file must be UTF-8 text",
    )


def test_utf8_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "windows.yaml"
    path.write_bytes(
        b"\xef\xbb\xbf" + b"story:\r\n  headline: Caf\xc3\xa9\r\n  summary: |\r\n"
        b"    two\r\n    lines\r\n"
    )
    story = load_story(path)
    assert story.meta.headline == "Café"
    assert story.meta.summary == "two\nlines\n"


def test_raw_control_character_points_at_it() -> None:
    _, problems = check_story_text("story:\n  headline: x\n  summary: a\x7fb\n")
    assert _only(problems) == (
        3,
        13,
        "",
        'control character ␡ (U+007F DEL) is not allowed in a YAML file; write it as "\\x7f" '
        "inside a double-quoted string, or remove it",
    )


@pytest.mark.parametrize(
    ("char", "name", "escape"),
    [
        ("\u2028", "LINE SEPARATOR", "\\L"),
        ("\u2029", "PARAGRAPH SEPARATOR", "\\P"),
        ("\x85", "NEL", "\\N"),
    ],
)
def test_raw_yaml_line_breaks_are_refused(char: str, name: str, escape: str) -> None:
    # YAML would read them as line breaks: the text would be split, the
    # structure changed and every later line number off by one.
    _, problems = check_story_text(f"story:\n  headline: a{char}b\n  outlet: x\n")
    code = f"U+{ord(char):04X}"
    assert _only(problems) == (
        2,
        14,
        "",
        f"character <{code}> ({code} {name}) is a line break to YAML, invisible in most "
        f'editors; write it as "{escape}" inside a double-quoted string, or remove it',
    )
    # Written as an escape, it is kept (with a warning).
    story, problems = check_story_text(f'story:\n  headline: "a{escape}b"\n')
    assert story is not None and story.meta.headline == f"a{char}b"
    assert [p.severity for p in problems] == ["warning"]


def test_many_raw_control_characters_are_summed_up() -> None:
    _, problems = check_story_text("story:\n  headline: " + "\x01" * 50 + "\n")
    assert len(problems) == 21
    assert (problems[0].line, problems[0].column) == (2, 13)
    assert (problems[-1].line, problems[-1].column) == (2, 33)
    assert problems[-1].message == "30 more characters not allowed in YAML, the first here"


def test_lone_surrogate_in_text() -> None:
    _, problems = check_story_text("story:\n  headline: \ud800\n")
    assert _only(problems) == (2, 13, "", "lone surrogate U+D800 is not valid text")


# -- structure -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where"),
    [
        # 100,000 nested flow lists: libyaml gives up at 1000 levels, during
        # its look-ahead; the pure-Python parser reaches level 65 first.
        ("a: " + "[" * 100_000, {"CSafeLoader": (1, 1003), "SafeLoader": (1, 67)}),
        ("{a: " * 100_000, (1, 257)),
        ("- " * 100_000 + "x\n", (1, 129)),
        ("? " * 100_000 + "x\n", (1, 129)),
        ("a: " + "[{b: " * 50_000, (1, 160)),
        ("".join(" " * i + f"k{i}:\n" for i in range(200)), (65, 65)),
    ],
    ids=["flow-lists", "flow-mappings", "block-lists", "complex-keys", "mixed", "indented"],
)
@pytest.mark.parametrize("parser", [yaml.CSafeLoader, yaml.SafeLoader], ids=["libyaml", "python"])
def test_deep_nesting_is_refused_without_recursion(
    text: str,
    where: tuple[int, int] | dict[str, tuple[int, int]],
    parser: type,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(load_events, "_Loader", parser)
    _, problems = check_story_text(text)
    expected = where[parser.__name__] if isinstance(where, dict) else where
    assert _only(problems) == (*expected, "", DEPTH_MESSAGE)


def test_nesting_up_to_the_limit_is_only_a_type_error() -> None:
    # The top-level mapping and story: are two levels.
    text = "story:\n  headline: " + "[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2) + "\n"
    _, problems = check_story_text(text)
    assert _only(problems) == (2, 13, "story.headline", "expected text, found a list")


def test_real_billion_laughs() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    _, problems = check_story_text("\n".join(lines) + "\n")
    refused = [p.format() for p in problems if "anchor" in p.message]
    # Not a story (no key of one): nothing of the file is quoted.
    assert refused == [
        "<string>:1:5: YAML anchors and aliases are not supported (found an anchor, "
        "and 99 more anchors or aliases); write each value out"
    ]
    # The rest: one "not a story file" instead of ten quoted unknown keys.
    assert len(problems) == 2
    # In a story, the anchor is named and each unknown key listed.
    _, problems = check_story_text("storybrowse: '1'\n" + "\n".join(lines) + "\n")
    refused = [p.format() for p in problems if "anchor" in p.message]
    assert refused == [
        "<string>:2:5: YAML anchors and aliases are not supported (found anchor '&a0', "
        "and 99 more anchors or aliases); write each value out"
    ]
    assert len(problems) == 12


def test_too_many_problems_stop_early() -> None:
    items = "".join(f"  - {{id: a{i}, name: A, kind: nope}}\n" for i in range(MAX_PROBLEMS + 500))
    _, problems = check_story_text("story: {headline: x}\nactors:\n" + items)
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].format() == (
        f"<string>: too many problems; stopped after the first {MAX_PROBLEMS}"
    )
    assert problems[0].line == 3


# -- the API -------------------------------------------------------------------


def test_load_story_text_accepts_str_and_bytes() -> None:
    assert load_story_text(MINIMAL).meta.headline == "Minimal"
    assert load_story_text(MINIMAL.encode()).meta.headline == "Minimal"


def test_filename_is_used_in_problems() -> None:
    with pytest.raises(StoryError) as info:
        load_story_text("story: {}\n", filename="inline.yaml")
    assert str(info.value) == "inline.yaml:1:8: story: missing required key 'headline'"


def test_warnings_do_not_stop_loading() -> None:
    text = 'story:\n  headline: "a\\eb"\n'
    story, problems = check_story_text(text, "w.yaml")
    assert story is not None
    assert story.meta.headline == "a\x1bb"
    assert [p.format() for p in problems] == [
        "w.yaml:2:15: warning: story.headline: contains control character ␛ (U+001B ESC) "
        "(written as an escape); it will be shown as a symbol"
    ]
    assert load_story_text(text).meta.headline == "a\x1bb"


def test_story_error_carries_warnings_too() -> None:
    with pytest.raises(StoryError) as info:
        load_story_text('story:\n  headline: "a\\eb"\n  colour: red\n')
    assert [p.severity for p in info.value.problems] == ["warning", "error"]
    assert [p.message for p in info.value.errors] == [
        "unknown key 'colour'; expected one of: headline, outlet, published, url, summary, byline"
    ]


@pytest.mark.parametrize("was_enabled", [True, False])
def test_garbage_collector_state_is_restored(was_enabled: bool) -> None:
    try:
        if was_enabled:
            gc.enable()
        else:
            gc.disable()
        load_story_text(MINIMAL)
        check_story_text("- not a story\n")
        assert gc.isenabled() is was_enabled
    finally:
        gc.enable()


def test_story_error_survives_pickling() -> None:
    # Workers and process pools pass exceptions across by pickling.
    with pytest.raises(StoryError) as info:
        load_story_text("story: {}\n", filename="p.yaml")
    again = pickle.loads(pickle.dumps(info.value))
    assert again.problems == info.value.problems
    assert str(again) == "p.yaml:1:8: story: missing required key 'headline'"


@pytest.mark.parametrize(
    ("key", "column", "message"),
    [("claim", 5, "a value is required here"), ("claims", 13, "needs at least 1 claim")],
)
@pytest.mark.parametrize("null", ["null", "~", ""])
def test_a_null_claim_is_no_claim_and_an_error(
    key: str, column: int, message: str, null: str
) -> None:
    """One of ``claim``/``claims`` is required; written as null it is not
    given (the JSON Schema agrees: an object, or a list, not null)."""
    text = (
        "story:\n  headline: H\nactors:\n  - {id: a, name: A, kind: government}\n"
        f"incidents:\n  - id: i1\n    title: T\n    date: '2020'\n    {key}: {null}\n"
    )
    story, problems = check_story_text(text, "n.yaml")
    errors = [p.format() for p in problems if p.severity == "error"]
    if key == "claims" and not null:
        column -= 1  # an empty value is placed where the key's line ends
    assert story is None
    assert errors == [f"n.yaml:9:{column}: incidents[0] (i1).{key}: {message}"]
