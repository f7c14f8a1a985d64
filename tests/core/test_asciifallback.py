from __future__ import annotations

import io

from tui.story import asciifallback
from tui.story.sanitize import display_text


def _encode(text: str, *, keep_width: bool, encoding: str = "latin-1") -> str:
    buf = io.BytesIO()
    stream = io.TextIOWrapper(buf, encoding=encoding)
    asciifallback.install((stream,), keep_width=keep_width)
    stream.write(text)
    stream.flush()
    return buf.getvalue().decode(encoding)


def test_box_drawing_keeps_one_cell_per_character() -> None:
    line = "CLAIM │ DENIED ─ … ▸ “x”"
    out = _encode(line, keep_width=True)
    assert out == 'CLAIM | DENIED - ~ > "x"'
    assert len(out) == len(line)


def test_wide_characters_keep_their_width_in_the_browser() -> None:
    assert _encode("a中b", keep_width=True) == "a??b"


def test_latin1_text_is_untouched() -> None:
    assert _encode("café Dushanbe", keep_width=True) == "café Dushanbe"


def test_control_pictures_stay_visible_as_caret_notation() -> None:
    shown = display_text("a\x1bb\x7fc")
    assert _encode(shown, keep_width=True) == "a^[b^?c"
    assert _encode(shown, keep_width=False) == "a^[b^?c"


def test_printed_text_escapes_what_it_cannot_map() -> None:
    assert _encode("x中y", keep_width=False) == "x\\u4e2dy"


def test_utf8_streams_are_left_alone() -> None:
    buf = io.BytesIO()
    stream = io.TextIOWrapper(buf, encoding="utf-8")
    asciifallback.install((stream,), keep_width=True)
    assert stream.errors == "strict"
