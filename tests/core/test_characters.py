"""The character table, walked whole: for every character in it, `check`
gives the documented result on a raw occurrence and on an escaped one, the
sanitiser, `show` and `export` treat it as the table says.  (The browser's
side of the walk is in tests/ui/test_intl.py.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.story import characters
from tui.story.characters import CLASSES, CharClass, char_class, describe, symbol
from tui.story.export import dumps
from tui.story.load import check_story_text
from tui.story.sanitize import display_line, display_text, unsafe_characters

ROOT = Path(__file__).resolve().parents[2]
HEAD = 'storybrowse: 1\nstory:\n  headline: "x {}y"\n'


def _raw(ch: str) -> str:
    return HEAD.format(ch)


def _escaped(ch: str) -> str:
    return HEAD.format(f"\\U{ord(ch):08X}")


def _expect(cls: CharClass, outcome: str, text: str, ch: str) -> None:
    story, problems = check_story_text(text, "s.yaml")
    where = f"{cls.key} U+{ord(ch):04X} {outcome}"
    if outcome == "refused":
        assert story is None, where
        errors = [p for p in problems if p.is_error]
        assert len(errors) == 1 and errors[0].line == 3, (where, problems)
        assert f"U+{ord(ch):04X}" in errors[0].message, (where, errors)
        return
    assert story is not None, (where, problems)
    if outcome == "warned":
        assert [(p.severity, p.line, p.path) for p in problems] == [
            ("warning", 3, "story.headline")
        ], where
        assert describe(ch) in problems[0].message, (where, problems[0].message)
        assert f"contains {cls.kind} " in problems[0].message, where
        assert story.meta.headline == f"x {ch}y", where
    elif outcome == "line break":
        assert problems == [], where
        assert ch not in story.meta.headline, where
    else:
        assert outcome == "kept"
        assert problems == [], where
        assert story.meta.headline == f"x {ch}y", where


@pytest.mark.parametrize("cls", CLASSES, ids=[c.key for c in CLASSES])
def test_check_says_what_the_table_says_for_every_character(cls: CharClass) -> None:
    for ch in cls.chars():
        assert char_class(ch) is cls
        _expect(cls, cls.raw, _raw(ch), ch)
        _expect(cls, cls.escaped, _escaped(ch), ch)


@pytest.mark.parametrize("cls", CLASSES, ids=[c.key for c in CLASSES])
def test_sanitiser_and_export_follow_the_table(cls: CharClass) -> None:
    for ch in cls.chars():
        text = f"x {ch}y"
        shown = display_text(text)
        if cls.shown:
            assert shown == f"x {symbol(ch)}y"
            assert display_line(text) == shown
            assert unsafe_characters(text) == [(2, ch)]
            exported = dumps(text)
            assert ch not in exported and json.loads(exported) == text
        else:
            assert shown == text
            assert unsafe_characters(text) == []
            assert dumps(text) == json.dumps(text, ensure_ascii=False)


def test_symbols_are_visible_and_safe() -> None:
    for cls in CLASSES:
        for ch in cls.chars():
            sym = symbol(ch)
            assert sym and sym.isprintable() and not unsafe_characters(sym)
            assert describe(ch).startswith(sym + " (U+")


def test_standalone_only_where_nothing_precedes_but_space() -> None:
    vs16 = "\ufe0f"
    assert characters.by_key("variation-selector").standalone_only
    # After a letter or an emoji the selector does its job: kept as written.
    assert display_text(f"\u2764{vs16} ok") == f"\u2764{vs16} ok"
    assert display_text(f"{vs16}start") == "<U+FE0F>start"
    assert display_text(f"a\n{vs16}") == "a\n<U+FE0F>"
    _, problems = check_story_text(HEAD.format(f"\u2764{vs16} "))
    assert problems == []


def test_joiners_stay_for_persian_spelling() -> None:
    word = "می\u200cخواهم"  # ZWNJ inside a Dari/Persian word
    assert display_text(word) == word
    story, problems = check_story_text(HEAD.format(word))
    assert story is not None and problems == []


def test_raw_invisible_characters_warn_without_a_backslash_in_the_file() -> None:
    """The reported bug: a raw ZERO WIDTH SPACE passed `check` unless some
    backslash appeared anywhere in the file."""
    text = "storybrowse: 1\nstory:\n  headline: Zero\u200bwidth\n"
    _, problems = check_story_text(text)
    assert [(p.severity, p.path) for p in problems] == [("warning", "story.headline")]
    assert "<U+200B> (U+200B ZERO WIDTH SPACE)" in problems[0].message


def _show(path: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR")}
    env["PYTHONIOENCODING"] = "utf-8"
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "show", str(path), *args, "--width", "100"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_show_displays_the_symbol_of_every_shown_character(tmp_path: Path) -> None:
    """One actor per class, its description holding every character of the
    class (as escapes, so that refused ones load); `show` prints each as its
    symbol, and nothing of the table raw."""
    for cls in CLASSES:
        escapes = " ".join(f"\\U{ord(ch):08X}" for ch in cls.chars())
        path = tmp_path / f"{cls.key}.yaml"
        path.write_text(
            "storybrowse: 1\nstory:\n  headline: H\nactors:\n  - id: a\n    name: A\n"
            f'    kind: other\n    description: "{escapes}"\n',
            encoding="utf-8",
        )
        out = _show(path, "a")
        for ch in cls.chars():
            if cls.shown:
                assert symbol(ch) in out, (cls.key, f"U+{ord(ch):04X}")
                if ch not in "\r":
                    assert ch not in out, (cls.key, f"U+{ord(ch):04X}")
            else:
                assert ch in out, (cls.key, f"U+{ord(ch):04X}")


def test_the_format_doc_lists_every_class() -> None:
    doc = (ROOT / "docs" / "story-format.md").read_text(encoding="utf-8")
    for cls in CLASSES:
        assert f"| {cls.name} |" in doc, cls.key
