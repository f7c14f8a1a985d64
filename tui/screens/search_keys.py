"""The browser screen's search keys: ``/`` opens the bar, every keystroke
searches, enter keeps the matches for ``n``/``N``, escape (or ctrl+c) in the
bar cancels and puts the reader back where they were.

A mixin of :class:`tui.screens.browser.BrowserScreen`, which keeps the
search's state in :class:`tui.screens.search.Search` (``self.search``) and
owns the two ``@on`` handlers that call :meth:`SearchKeys.run_search` and
:meth:`SearchKeys.keep_search`.  Textual finds the ``action_*`` and
``on_*`` methods here by name, through the screen's class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, cast

from tui.present.search import RecordMatches
from tui.screens.panes import PaneName
from tui.screens.search import Search, SearchOrigin
from tui.story.model import RecordKind
from tui.widgets.search import SearchBar

if TYPE_CHECKING:
    from textual.widget import Widget
    from typing_extensions import Self

    from tui.widgets.detail import DetailPane
    from tui.widgets.listpane import ListPane

Focus = Literal["detail", "list", "keep"]


class SearchKeys:
    """What the search's keys do (see the module's docstring)."""

    if TYPE_CHECKING:  # what the screen provides
        search: Search
        hint: str
        current_pane: PaneName
        focused: Widget | None

        @property
        def detail(self) -> DetailPane: ...
        @property
        def search_bar(self) -> SearchBar: ...

        def pane(self, name: PaneName) -> ListPane: ...
        def flush_preview(self) -> None: ...
        def update_status(self) -> None: ...
        def add_class(self, *class_names: str, update: bool = True) -> Self: ...
        def remove_class(self, *class_names: str, update: bool = True) -> Self: ...
        def set_focus(
            self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
        ) -> None: ...
        def _set_target(self, target: tuple[RecordKind, str] | None) -> None: ...
        def navigate(
            self,
            kind: RecordKind,
            record_id: str,
            *,
            focus: Focus = "detail",
            keep_filter: bool = False,
        ) -> bool: ...

    def action_search(self) -> None:
        self.flush_preview()
        focused = self.focused
        self.search.origin = SearchOrigin(
            self.current_pane,
            self.pane(self.current_pane).selected_id,
            self.detail.target,
            focused if focused is not self.search_bar else None,
        )
        self.add_class("-searching")
        bar = self.search_bar
        bar.value = ""
        self.set_focus(bar)

    def run_search(self, query: str) -> None:
        """Search as the user types: count the matches and show the first."""
        self.hint = ""
        hit = self.search.run(query)
        if hit is not None:
            self._go_to(hit, focus="keep")
        self.update_status()

    def keep_search(self) -> None:
        """Close the search bar, keep the matches for n/N, focus the list."""
        self.remove_class("-searching")
        origin, self.search.origin = self.search.origin, None
        hit = self.search.hit
        if hit is not None and hit.navigable:
            self.set_focus(self.pane(self.current_pane))
        elif origin is not None and origin.focused is not None:
            self.set_focus(origin.focused)
        else:
            self.set_focus(self.pane(self.current_pane))
        self.update_status()

    def on_search_bar_cancelled(self, message: SearchBar.Cancelled) -> None:
        """Escape or ctrl+c in the bar: no search, back where the reader was."""
        message.stop()
        self.remove_class("-searching")
        self.clear_search()
        origin, self.search.origin = self.search.origin, None
        if origin is None:
            self.set_focus(self.pane(self.current_pane))
            return
        name = cast(PaneName, origin.pane)
        self.current_pane = name
        pane = self.pane(name)
        if origin.selected is not None:
            pane.select(origin.selected)
        self._set_target(pane.selected or origin.target)
        self.set_focus(origin.focused or pane)

    def clear_search(self) -> None:
        self.search.clear()
        self.update_status()

    def _go_to(self, hit: RecordMatches, *, focus: Focus) -> None:
        if hit.navigable:
            kind = cast(RecordKind, hit.kind)
            self.navigate(kind, hit.record_id, focus=focus, keep_filter=True)

    def action_search_step(self, step: int) -> None:
        hit = self.search.step(step)
        if hit is None:
            self.hint = "no matches" if self.search.query else "no search yet: press / to search"
        else:
            self.hint = ""
            self._go_to(hit, focus="detail" if self.detail.has_focus_within else "list")
        self.update_status()
