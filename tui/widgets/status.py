"""One-line labels that repaint only when what they show changes.

The browser recomputes its title, tabs, the detail's label and the status
lines on every cursor move; updating a ``Static`` lays it out and repaints
it even when the text is the same, which over SSH is bytes for nothing.
:class:`Line` compares first.  :class:`StatusLine` is a line that is shown
only while it has something to say (the class ``-visible``, see
``browser.tcss``).

Content only, never markup: story text reaches these lines as ``Content``
built by :mod:`tui.widgets.text`.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class Line(Static):
    """A ``Static`` given whole ``Content`` lines through :meth:`show`."""

    def __init__(
        self, content: Content | None = None, *, id: str | None = None, classes: str | None = None
    ) -> None:
        # The first content is given here, not in on_mount: Textual may paint
        # a first frame before on_mount has run, and filling the line then
        # would lay out and repaint the screen again.
        super().__init__(content if content is not None else "", id=id, classes=classes)
        self._shown: tuple[str, object] | None = None
        if content is not None:
            self._shown = (content.plain, content.spans)

    def show(self, content: Content) -> bool:
        """Show *content*, unless the line already shows exactly that.
        True if the line was updated."""
        key = (content.plain, content.spans)
        if key == self._shown:
            return False
        self._shown = key
        # A line of fixed height and width (not auto) keeps its size whatever
        # it says: no layout of the screen, which would repaint all of it.
        width, height = self.styles.width, self.styles.height
        sized = height is not None and not height.is_auto and not (width and width.is_auto)
        self.update(content, layout=not sized)
        return True


class StatusLine(Line):
    """A line at the foot of the screen, hidden while it is empty."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="status")

    def say(self, content: Content | None) -> None:
        """Show *content*, or hide the line when it is None or empty."""
        visible = content is not None and bool(content.plain)
        if content is not None and visible:
            self.show(content)
        self.set_class(visible, "-visible")
