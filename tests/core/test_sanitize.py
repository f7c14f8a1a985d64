from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from tui.story.sanitize import display_line, display_text, unsafe_characters


def test_escape_becomes_a_visible_symbol() -> None:
    assert display_text("a\x1b[31mred") == "a\u241b[31mred"


def test_newline_and_tab_are_kept_in_text_and_flattened_in_lines() -> None:
    assert display_text("a\nb\tc") == "a\nb\tc"
    assert display_line("a\nb\tc") == "a b c"


def test_c1_bidi_and_invisible_characters_are_shown_by_code() -> None:
    assert display_text("\x9b") == "<U+009B>"
    assert display_text("x\u202ey") == "x<U+202E>y"
    assert display_text("\u200b") == "<U+200B>"
    assert display_text("\ufeffa") == "<U+FEFF>a"


def test_joiners_needed_by_persian_and_emoji_are_kept() -> None:
    persian = "می\u200cخواهم"
    family = "\U0001f469\u200d\U0001f467"
    assert display_text(persian) == persian
    assert display_text(family) == family


def test_markup_like_text_is_not_touched() -> None:
    text = "[red]x[/red] [@click=app.quit]q[/] a [/ b"
    assert display_text(text) == text


@given(st.text())
def test_output_has_no_control_characters_but_newline_and_tab(text: str) -> None:
    out = display_text(text)
    for ch in out:
        if ch in "\n\t":
            continue
        assert unicodedata.category(ch) != "Cc", repr(ch)
    assert not unsafe_characters(out)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Zl", "Zp"))))
def test_ordinary_text_is_returned_unchanged(text: str) -> None:
    assert display_text(text) == text
