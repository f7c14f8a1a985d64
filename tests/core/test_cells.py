from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.story.cells import cell_width, wrap


@given(st.text(alphabet="ab中é🙂", min_size=1, max_size=400), st.integers(2, 40))
def test_a_long_word_is_broken_into_pieces_that_fit_and_rejoin(word: str, width: int) -> None:
    lines = wrap(word, width)
    assert "".join(lines) == word
    assert all(cell_width(line) <= width for line in lines)


def test_a_megabyte_word_wraps_into_full_lines() -> None:
    lines = wrap("x" * 1_000_000, 25)
    assert len(lines) == 40_000
    assert set(lines) == {"x" * 25}
