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
        # A line of fixed width and height (all but width: auto) needs no new
        # layout of the screen for new text, only a repaint of itself.
        width = self.styles.width
        self.update(content, layout=width is None or width.is_auto)
        return True


class StatusLine(Line):
    """A line at the foot of the screen, hidden while it is empty.

    A line may end with a *tail* that is never cut (a key hint such as
    ``— n/N``): when the line is too narrow, the words before it are cut
    with an ellipsis instead, at whatever width the line has now.
    """

    def __init__(self, *, id: str | None = None, classes: str = "status") -> None:
        super().__init__(id=id, classes=classes)
        self._body = Content("")
        self._tail = Content("")

    def say(self, content: Content | None, tail: Content | str = "") -> None:
        """Show *content* followed by *tail*, or hide the line when
        *content* is None or empty."""
        visible = content is not None and bool(content.plain)
        if content is not None and visible:
            self._body = content
            self._tail = Content(tail) if isinstance(tail, str) else tail
            self.show(Content.assemble(content, self._tail))
        self.set_class(visible, "-visible")

    def render(self) -> Content:
        """The body cut to leave room for the whole tail."""
        width = self.content_size.width
        body, tail = self._body, self._tail
        if not body.plain:
            return Content("")
        # Without a tail nothing is fitted here (CSS cuts it): a line whose
        # width is its content's (width: auto) is measured with render().
        if tail.plain and width > 0 and body.cell_length + tail.cell_length > width:
            room = width - tail.cell_length
            if room < 2:  # not even a letter and an ellipsis: the tail alone
                return tail.truncate(width, ellipsis=True)
            body = body.truncate(room, ellipsis=True)
        return Content.assemble(body, tail)
