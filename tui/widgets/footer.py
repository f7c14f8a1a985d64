"""The key footer, drawn in the first frame and redrawn only when its keys change.

Textual's ``Footer`` composes nothing until the screen first publishes its
bindings, which happens after the first frame: the footer row is then drawn
by a later frame (a second write of the bottom row at every start).  And it
recomposes (new widgets, a repaint of its row) each time the bindings are
refreshed, even when the keys it shows are the same.

:class:`KeyFooter` composes its keys at once, from the bindings active when
it is mounted, and recomposes only when what it would show changes: the
keys, their descriptions and whether they are enabled.  It relies on
``Footer._bindings_ready`` and ``Footer.bindings_changed`` (Textual 8.2).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

Shown = tuple[tuple[str, str, bool], ...]


def shown_keys(screen: Screen[object]) -> Shown:
    """What a footer shows for *screen*: (key, description, enabled) of
    every binding with ``show``, in order."""
    return tuple(
        (binding.key, binding.description, enabled)
        for _node, binding, enabled, _tooltip in screen.active_bindings.values()
        if binding.show
    )


class KeyFooter(Footer):
    """A ``Footer`` in the first frame, recomposed only when its keys change."""

    def __init__(self, *, compact: bool = False, id: str | None = None) -> None:
        super().__init__(compact=compact, id=id)
        self.set_reactive(Footer._bindings_ready, True)
        self._shown: Shown | None = None

    def compose(self) -> ComposeResult:
        self._shown = shown_keys(self.screen)
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self._shown is not None and screen is self.screen and shown_keys(screen) == self._shown:
            return  # the same keys: nothing to redraw
        super().bindings_changed(screen)
