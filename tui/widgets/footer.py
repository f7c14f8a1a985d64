"""The browser's key footer: drawn in the first frame, redrawn only when its
keys change, and never cutting quit, help or back.

Textual's ``Footer`` composes nothing until the screen first publishes its
bindings, which happens after the first frame: the footer row is then drawn
by a later frame (a second write of the bottom row at every start).  And it
recomposes (new widgets, a repaint of its row) each time the bindings are
refreshed, even when the keys it shows are the same.  :class:`KeyFooter`
composes its keys at once, from the bindings active when it is mounted, and
recomposes only when what it would show changes: the keys, their
descriptions and whether they are enabled.  It relies on
``Footer._bindings_ready`` and ``Footer.bindings_changed`` (Textual 8.2).

Textual's footer also lays its keys out left to right and cuts whatever
runs past the right edge: at 80 columns, in an actor's detail, that was
quit and help.  :class:`BrowserFooter` hides keys (``display = False``) in
the order of :attr:`BrowserFooter.LEAVE_OUT` until the rest fit; the help
screen (``?``) still lists every key.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

from tui.story.cells import cell_width

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


def _width(key: Widget) -> int:
    """Cells a compact footer key takes: ``key description`` and its margin."""
    shown = str(getattr(key, "key_display", ""))
    description = str(getattr(key, "description", ""))
    return cell_width(shown) + (1 + cell_width(description) if description else 0) + 1


class BrowserFooter(KeyFooter):
    """A compact footer whose least needed keys give way first."""

    # Actions whose keys are left out, first to last, while the keys do not
    # fit; keys of other actions (open, back, quit, help) always stay.
    LEAVE_OUT: tuple[str, ...] = (
        "next_pane",
        "search",
        "filter_actor",
        "show_overview",
        "open_matrix",
        "as_of_step(1)",  # the matrix's [ and ]
        "as_of_step(-1)",
    )

    def compose(self) -> ComposeResult:
        yield from super().compose()
        self.call_after_refresh(self.fit_keys)

    def on_resize(self, event: events.Resize) -> None:
        self.fit_keys()

    def fit_keys(self) -> None:
        """Show every key, then hide keys in :attr:`LEAVE_OUT` order until
        the rest fit the footer's width."""
        keys = [k for k in self.query("FooterKey") if not k.has_class("-command-palette")]
        palette = [k for k in self.query("FooterKey") if k.has_class("-command-palette")]
        room = self.size.width - sum(_width(k) + 2 for k in palette)  # border and padding
        need = sum(_width(k) for k in keys)
        hidden: set[int] = set()
        for action in self.LEAVE_OUT:
            if need <= room:
                break
            for i, key in enumerate(keys):
                if getattr(key, "action", None) == action and i not in hidden:
                    hidden.add(i)
                    need -= _width(key)
        for i, key in enumerate(keys):
            if key.display == (i in hidden):
                key.display = i not in hidden
