"""The detail pane: shows one record, with keyboard cross-links.

Contract (with the browser screen):

- ``DetailPane(story, id="detail")``; focusable.
- reactive ``target: tuple[RecordKind, str] | None``: the screen sets it; the
  pane shows the incident, context event, actor, quote (or source) with that
  id.  Setting the same target again does nothing.
- posts :class:`tui.messages.Navigate` to follow a cross-link and
  :class:`tui.messages.FilterByActor` (key ``f`` in an actor's view).
- its CSS is ``tui/widgets/detail.tcss`` (the screen includes it); the
  incident columns stack under ``Screen.-narrow``.

Keys when the pane has focus (all bindings have ids, ``detail.*``):

- up/down, k/j: move the link cursor to the previous/next link; when the next
  link is not on screen yet, scroll one line towards it instead, so long text
  between links can be read;
- enter: follow the highlighted link (the highlight is only shown while the
  pane has focus and always stays on a link that is on screen);
- pgup/pgdn: scroll a page; home/g and end/G: top and bottom;
- f: in an actor's view, filter the timeline and quotes by that actor.

Each view is a handful of widgets (a few ``Static`` blocks of ``Content``
plus one widget per link); switching targets swaps them in one batch.
"""

from __future__ import annotations

from math import ceil
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalGroup, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from tui.messages import FilterByActor, Navigate
from tui.story.model import (
    Actor,
    ContextEvent,
    Incident,
    Quote,
    Record,
    RecordKind,
    Source,
    Story,
)
from tui.widgets.actor_view import actor_view
from tui.widgets.context_view import context_view
from tui.widgets.detail_parts import MUTED, Columns, Lines, Link, source_name
from tui.widgets.incident_view import incident_view
from tui.widgets.quote_view import quote_view
from tui.widgets.text import literal, literal_line

# Below this many cells a column of the incident view is too thin to read;
# the columns then wrap into a grid (see ``_layout_columns``).
MIN_COLUMN_WIDTH = 20

HINT = "Links: up/down or j/k select · enter open · pgup/pgdn scroll"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _placeholder(story: Story) -> Widget:
    lines = Lines()
    lines.add(literal_line(story.meta.headline, "bold"))
    if story.meta.summary:
        lines.blank()
        lines.add(literal(story.meta.summary))
    lines.blank()
    counts = " · ".join(
        _count(n, word)
        for n, word in (
            (len(story.incidents), "incident"),
            (len(story.context), "context event"),
            (len(story.actors), "actor"),
            (len(story.quotes), "quote"),
        )
    )
    lines.add((counts, MUTED))
    lines.add(("Select an incident, actor or quote to see it here.", "italic"))
    return VerticalGroup(
        Static(lines.build(), classes="view-head"), classes="detail-view placeholder-view"
    )


def _not_found(record_id: str) -> Widget:
    text = Content.assemble(
        ("Not found: ", "bold"),
        "there is no record “",
        literal_line(record_id),
        "” in this story.",
    )
    return VerticalGroup(Static(text, classes="view-head"), classes="detail-view missing-view")


def _source_view(story: Story, source: Source) -> Widget:
    lines = Lines()
    lines.add(("SOURCE", "bold " + MUTED))
    name = source_name(story, source.id)
    if name is not None:
        lines.add(name.stylize("bold"))
    if source.outlet:
        lines.field("Outlet", literal_line(source.outlet))
    if source.published:
        lines.field("Published", literal_line(source.published.display()))
    if source.url:
        lines.field("URL", literal_line(source.url))
    if source.note:
        lines.blank()
        lines.add(literal(source.note))
    return VerticalGroup(
        Static(lines.build(), classes="view-head"), classes="detail-view source-view"
    )


def build_view(
    story: Story, target: tuple[RecordKind, str] | None, *, ansi16: bool = False
) -> Widget:
    """The view for *target*.  A kind that does not match the record is
    forgiven (the record is shown as what it is); an unknown id gets a
    message, never an exception.  *ansi16*: the terminal has 16 colours."""
    if target is None:
        return _placeholder(story)
    rec = story.get(target[1])
    if isinstance(rec, Incident):
        return incident_view(story, rec)
    if isinstance(rec, ContextEvent):
        return context_view(story, rec)
    if isinstance(rec, Actor):
        return actor_view(story, rec, ansi16=ansi16)
    if isinstance(rec, Quote):
        return quote_view(story, rec)
    if isinstance(rec, Source):
        return _source_view(story, rec)
    return _not_found(target[1])


class DetailPane(VerticalScroll, can_focus=True):
    """Shows the record in ``target``; see the module docstring."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Shown in the pane's own hint line, not in the (crowded) footer.
        Binding("down,j", "next_link", "Next link", show=False, id="detail.next_link"),
        Binding("up,k", "prev_link", "Previous link", show=False, id="detail.prev_link"),
        Binding("enter", "open_link", "Open link", id="detail.open_link"),
        Binding("f", "filter_actor", "Filter by actor", id="detail.filter_actor"),
        Binding("pageup", "page_up", "Page up", show=False, id="detail.page_up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="detail.page_down"),
        Binding("home,g", "first", "Top", show=False, id="detail.top"),
        Binding("end,G", "last", "Bottom", show=False, id="detail.bottom"),
    ]

    target: reactive[tuple[RecordKind, str] | None] = reactive(None)

    def __init__(self, story: Story, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.story = story
        self._links: list[Link] = []
        self._cursor = 0
        self._shown: Record | None = None
        self._view: Widget | None = None

    # -- building ------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(Content(HINT), id="detail-hint")

    async def watch_target(self, target: tuple[RecordKind, str] | None) -> None:
        if target != self.target:
            return  # superseded by a newer target while we waited
        ansi16 = self.app.console.color_system in ("standard", "windows")
        self.set_class(ansi16, "-ansi16")
        view = build_view(self.story, target, ansi16=ansi16)
        before = self._binding_state()
        async with self.batch():
            if self._view is not None:
                await self._view.remove()
            self._view = view
            await self.mount(view)
            self._shown = None if target is None else self.story.get(target[1])
            self._links = list(view.query(Link))
            self._cursor = 0
            if self._links:
                self._links[0].add_class("-current")
            self._layout_columns()
            self.scroll_home(animate=False, immediate=True)
        if self._binding_state() != before:
            # Only when a key comes or goes: refreshing the bindings
            # redraws the footer, which most moves leave as it is.
            self.refresh_bindings()

    def _binding_state(self) -> tuple[bool, bool]:
        """What check_action depends on: an actor shown, links to open."""
        return (isinstance(self._shown, Actor), bool(self._links))

    def on_resize(self) -> None:
        self._layout_columns()

    def _layout_columns(self) -> None:
        """Side by side if every column gets MIN_COLUMN_WIDTH cells, else a
        grid with as few rows as possible and balanced row lengths."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        for cols in self.query(Columns):
            n = len(cols.children)
            per_column = (width - (n - 1)) / max(n, 1)
            if n > 1 and per_column < MIN_COLUMN_WIDTH:
                most = max(1, (width + 1) // (MIN_COLUMN_WIDTH + 1))
                rows = ceil(n / most)
                per_row = ceil(n / rows)
                cols.styles.grid_size_columns = per_row
                cols.add_class("-grid")
                for i, child in enumerate(cols.children):
                    child.set_class(i % per_row == 0, "-row-start")
            else:
                cols.remove_class("-grid")

    # -- link cursor ---------------------------------------------------------
    def _span(self, widget: Widget) -> tuple[int, int]:
        """Top and bottom (exclusive) of *widget* in the pane's scrolled
        content, independent of the current scroll position."""
        y = 0
        node: Widget = widget
        while node is not self:
            y += node.virtual_region.y
            parent = node.parent
            if not isinstance(parent, Widget):
                break
            if parent is not self:
                y += parent.gutter.top
            node = parent
        return y, y + widget.outer_size.height

    def _viewport(self) -> tuple[int, int]:
        top = round(self.scroll_y)
        return top, top + self.scrollable_content_region.height

    def _visible(self, link: Link) -> bool:
        top, bottom = self._span(link)
        view_top, view_bottom = self._viewport()
        return top < view_bottom and bottom > view_top

    def _set_cursor(self, index: int, *, scroll: bool = True) -> None:
        if not self._links:
            return
        index = max(0, min(index, len(self._links) - 1))
        self._links[self._cursor].remove_class("-current")
        self._cursor = index
        link = self._links[index]
        link.add_class("-current")
        if scroll:
            self.scroll_to_widget(link, animate=False, immediate=True)

    @property
    def current_link(self) -> Link | None:
        """The highlighted link (None if the view has no links)."""
        return self._links[self._cursor] if self._links else None

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self._keep_cursor_in_view(down=new_value > old_value)

    def _keep_cursor_in_view(self, *, down: bool) -> None:
        """After scrolling, if the highlighted link went off screen, move the
        highlight to the first on-screen link in the direction of the scroll
        (never backwards, so a key that scrolls down never selects a link
        above the one it left)."""
        if not self._links or self._visible(self._links[self._cursor]):
            return
        visible = [i for i, link in enumerate(self._links) if self._visible(link)]
        if down:
            ahead = [i for i in visible if i > self._cursor]
            if ahead:
                self._set_cursor(ahead[0], scroll=False)
        else:
            behind = [i for i in visible if i < self._cursor]
            if behind:
                self._set_cursor(behind[-1], scroll=False)

    def action_next_link(self) -> None:
        """Highlight the next link that is on screen; if the next one is
        still below the screen, scroll down a line towards it."""
        view_top, view_bottom = self._viewport()
        for index in range(self._cursor + 1, len(self._links)):
            top, bottom = self._span(self._links[index])
            if bottom <= view_top:
                continue  # entirely above the screen: skip it
            if top < view_bottom or self.scroll_y >= self.max_scroll_y:
                self._set_cursor(index)
                return
            break
        self.scroll_relative(y=1, animate=False, immediate=True)

    def action_prev_link(self) -> None:
        """Highlight the previous link that is on screen; if it is still
        above the screen, scroll up a line towards it."""
        view_top, view_bottom = self._viewport()
        for index in range(self._cursor - 1, -1, -1):
            top, bottom = self._span(self._links[index])
            if top >= view_bottom:
                continue  # entirely below the screen: skip it
            if bottom > view_top or self.scroll_y <= 0:
                self._set_cursor(index)
                return
            break
        self.scroll_relative(y=-1, animate=False, immediate=True)

    def action_first(self) -> None:
        self.scroll_home(animate=False, immediate=True)
        visible = [i for i, link in enumerate(self._links) if self._visible(link)]
        self._set_cursor(visible[0] if visible else 0, scroll=False)

    def action_last(self) -> None:
        self.scroll_end(animate=False, immediate=True)
        visible = [i for i, link in enumerate(self._links) if self._visible(link)]
        self._set_cursor(visible[-1] if visible else len(self._links) - 1, scroll=False)

    def action_open_link(self) -> None:
        link = self.current_link
        if link is not None and self._visible(link):
            self.post_message(Navigate(link.kind, link.record_id))

    def on_link_clicked(self, event: Link.Clicked) -> None:
        event.stop()
        if event.link in self._links:
            self._set_cursor(self._links.index(event.link), scroll=False)
        self.post_message(Navigate(event.link.kind, event.link.record_id))

    def action_filter_actor(self) -> None:
        if isinstance(self._shown, Actor):
            self.post_message(FilterByActor(self._shown.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "filter_actor":
            return isinstance(self._shown, Actor)
        if action == "open_link":
            return bool(self._links)
        return True
