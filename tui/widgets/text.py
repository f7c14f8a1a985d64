"""The only way story text becomes something Textual can draw.

Story text is untrusted: it may contain ``[red]``, ``[@click=app.quit]``,
``a [/ b`` or raw escape sequences.  ``textual.markup.escape`` is not enough in
Textual 8, so story text is never passed where markup is parsed.  Every piece
of story text goes through :func:`literal` (or :func:`literal_line` for one-line
labels), which first runs the core's sanitiser and then wraps the result in a
``Content`` object, which Textual draws literally.
"""

from __future__ import annotations

from textual.content import Content
from textual.style import Style

from tui.story.sanitize import display_line, display_text


def literal(text: str, style: Style | str = "") -> Content:
    """Story text as literal, sanitised Content (newlines kept)."""
    return Content.styled(display_text(text), style)


def literal_line(text: str, style: Style | str = "") -> Content:
    """Story text as one literal, sanitised line (newlines become spaces)."""
    return Content.styled(display_line(text), style)
