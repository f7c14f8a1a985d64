"""The browser's footer: Textual's compact :class:`Footer` that, when its
keys do not fit, leaves out the ones a reader needs least, so quit, help
and back are always shown.

Textual's footer lays its keys out left to right and cuts whatever runs
past the right edge: at 80 columns, in an actor's detail, that was quit
and help.  Here keys are hidden (``display = False``) in the order of
:attr:`BrowserFooter.LEAVE_OUT` until the rest fit; the help screen (``?``)
still lists every key.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer

from tui.story.cells import cell_width


def _width(key: Widget) -> int:
    """Cells a compact footer key takes: ``key description`` and its margin."""
    shown = str(getattr(key, "key_display", ""))
    description = str(getattr(key, "description", ""))
    return cell_width(shown) + (1 + cell_width(description) if description else 0) + 1


class BrowserFooter(Footer):
    """A compact footer whose least needed keys give way first."""

    # Actions whose keys are left out, first to last, while the keys do not
    # fit; keys of other actions (open, back, quit, help) always stay.
    LEAVE_OUT: tuple[str, ...] = (
        "next_pane",
        "search",
        "filter_actor",
        "show_overview",
        "open_matrix",
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
