"""The detail pane: shows one record, with keyboard cross-links.

Contract (with the browser screen):

- ``DetailPane(story, id="detail")``; focusable.
- reactive ``target: tuple[RecordKind, str] | None``: the screen sets it; the
  pane shows the incident, context event, actor, quote (or source) with that
  id; None shows the story's overview.  Setting the same target again does
  nothing.  After replacing ``story``, ``await pane.watch_target(target)``
  redraws it.
- posts :class:`tui.messages.Navigate` to follow a cross-link and
  :class:`tui.messages.FilterByActor` (key ``f`` in an actor's view).
- its CSS is ``tui/widgets/detail.tcss`` (the app includes it).

Keys when the pane has focus (all bindings have ids, ``detail.*``):

- up/down, k/j: move the link cursor to the previous/next link; when the next
  link is not on screen yet, scroll one line towards it instead, so long text
  between links can be read;
- enter: follow the highlighted link (the highlight is only shown while the
  pane has focus and always stays on a link that is on screen);
- pgup/pgdn: scroll a page; home/g and end/G: top and bottom;
- f: in an actor's view, filter the timeline and quotes by that actor.

Search highlights: :meth:`DetailPane.show_marks` (the screen calls it as
the search changes) marks every occurrence of the query in the record's
story text, and the current match more strongly; the pane scrolls so the
current match is in view.

One line-API widget (``ScrollView`` + ``render_line``, like Textual's
``OptionList``): the record's view model (:mod:`tui.present.view`) is laid
out at the pane's width by :func:`tui.present.layout.layout`, the layout
``storybrowse show --width W`` prints, and drawn line by line.  Nothing is
mounted when the record changes; only the rows whose text or style changed
are refreshed, and moving the link cursor refreshes the rows of two links.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.events import Blur, Click, DescendantBlur, DescendantFocus, Focus
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.messages import FilterByActor, Navigate
from tui.present.blocks import Node
from tui.present.highlight import split_style
from tui.present.layout import Laid, LinkSpot, StyledLine, layout
from tui.present.story_view import overview_view
from tui.present.view import build_view, not_found_view
from tui.story.model import Actor, Record, RecordKind, Story
from tui.widgets.detail_marks import DetailMarks

# The layout's style names, drawn with these component classes (detail.tcss).
STYLE_CLASSES: dict[str, str] = {
    "kicker": "detail--kicker",
    "title": "detail--title",
    "label": "detail--label",
    "muted": "detail--muted",
    "heading": "detail--heading",
    "claim": "detail--claim",
    "hint": "detail--hint",
}
STANCES = ("denied", "disputed", "investigating", "declined-to-comment", "confirmed")


@dataclass(frozen=True)
class Place:
    """A position in the detail: the record shown, the index of the
    highlighted link, and the first row in view."""

    target: tuple[RecordKind, str] | None
    cursor: int = 0
    scroll_y: int = 0


def view_nodes(story: Story, target: tuple[RecordKind, str] | None) -> list[Node]:
    """The view model for *target*: the overview for None, a message for an
    unknown id (never an exception).  A kind that does not match the record
    is forgiven: the record is shown as what it is."""
    if target is None:
        return overview_view(story)
    return build_view(story, target[1]) or not_found_view(target[1])


class DetailPane(DetailMarks, ScrollView, can_focus=True):
    """Shows the record in ``target``; see the module docstring."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Named in the screen's label line above the pane, not in the (crowded) footer.
        Binding("down,j", "next_link", "Next link", show=False, id="detail.next_link"),
        Binding("up,k", "prev_link", "Previous link", show=False, id="detail.prev_link"),
        Binding("enter", "open_link", "Open link", id="detail.open_link"),
        Binding("f", "filter_actor", "Filter by actor", id="detail.filter_actor"),
        Binding("pageup", "page_up", "Page up", show=False, id="detail.page_up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="detail.page_down"),
        Binding("home,g", "first", "Top", show=False, id="detail.top"),
        Binding("end,G", "last", "Bottom", show=False, id="detail.bottom"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *STYLE_CLASSES.values(),
        *(f"detail--stance-{s}" for s in STANCES),
        "detail--stance-other",
        "detail--link",
        "detail--cursor",
        "detail--match",
        "detail--match-current",
    }

    # A place to return to (escape along followed links), used by the next
    # watch_target that shows its record.
    _return_to: Place | None = None

    # repaint=False: a new target repaints only the rows that change.
    target: reactive[tuple[RecordKind, str] | None] = reactive(None, repaint=False)

    def __init__(self, story: Story, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.story = story
        self._view: list[Node] = overview_view(story)
        self._shown: Record | None = None
        self._laid: Laid | None = None
        self._focused = False  # the link cursor is drawn while the pane has the focus
        self._cursor = 0
        self._strips: dict[int, Strip] = {}
        self._styles: dict[str, Style] = {}
        self._marks = None  # search highlights (DetailMarks)
        self._laid_target = None  # the record laid out

    # -- the view ------------------------------------------------------------
    async def watch_target(self, target: tuple[RecordKind, str] | None) -> None:
        if target != self.target:
            return  # superseded by a newer target while we waited
        ansi16 = self.app.console.color_system in ("standard", "windows")
        if ansi16 != self.has_class("-ansi16"):
            self.set_class(ansi16, "-ansi16")
            self._styles.clear()
        before = self._binding_state()
        self._view = view_nodes(self.story, target)
        self._shown = None if target is None else self.story.get(target[1])
        place, self._return_to = self._return_to, None
        if place is None or place.target != target:
            place = Place(target)
        self._cursor = place.cursor
        self._laid_target = target
        self._relayout()
        self.scroll_to(0, place.scroll_y, animate=False, immediate=True)
        self._scroll_to_mark()
        if self._binding_state() != before:
            # Only when a key comes or goes: refreshing the bindings
            # redraws the footer, which most moves leave as it is.
            self.refresh_bindings()

    @property
    def links(self) -> list[LinkSpot]:
        """The links of the shown view, in reading order."""
        return self._laid.links if self._laid is not None else []

    @property
    def lines(self) -> list[str]:
        """The text of every line of the view, as ``storybrowse show``
        prints it at this width."""
        return self._laid.plain() if self._laid is not None else []

    def _binding_state(self) -> tuple[bool, bool]:
        """What check_action depends on: an actor shown, links to open."""
        return (isinstance(self._shown, Actor), bool(self.links))

    def _relayout(self, *, focused: bool | None = None) -> None:
        """Lay the view out at the current width and repaint the rows that
        changed (all of them when the width changed).  *focused*: whether
        the pane has (or is getting) the focus, if not ``has_focus`` yet."""
        width = self.scrollable_content_region.width
        if width <= 0 and self.is_mounted:
            # Before the first layout: the pane spans the screen (as in
            # browser.tcss), less its padding and scrollbar.  Laid out now,
            # the record is in the first frame; if the guess is wrong,
            # on_resize lays it out again.
            width = (
                self.app.size.width - self.styles.gutter.width - self.styles.scrollbar_size_vertical
            )
        if width <= 0:
            return
        old = self._laid
        # The keys are named in the screen's label line above the pane, so
        # focus changes no row here but the highlighted link's.
        self._focused = self.has_focus if focused is None else focused
        self._laid = layout(self._view, width, marker=self._marker())
        self._cursor = min(self._cursor, max(0, len(self._laid.links) - 1))
        height = len(self._laid.lines)
        size = Size(width, height)
        old_strips = self._strips
        self._strips = {}
        if size != self.virtual_size:
            # Not a layout: the pane's size does not depend on its content,
            # and its scrollbar is always shown (overflow-y: scroll).
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)
        if old is None or old.width != width:
            self.refresh()
            return
        # Repaint only the rows whose strip changed.
        top = self.scroll_offset.y
        for row in range(self.scrollable_content_region.height):
            y = top + row
            before = old_strips.get(y)
            if before is None or before != self._line_strip(y):
                self.refresh_line(y)

    def on_resize(self) -> None:
        if self._laid is None or self._laid.width != self.scrollable_content_region.width:
            self._relayout()

    # Focus changes only the highlighted link's rows (on_focus / on_blur
    # refresh them).  Textual's own handlers would also repaint the whole
    # pane, and restyle it, which repaints its scrollbar on every row: an
    # Enter or Escape would rewrite the whole detail unchanged.  No CSS
    # rule of the pane depends on its focus (detail.tcss), so neither is
    # needed.

    # Textual dispatches one of ``_on_focus`` and ``on_focus`` per class
    # (``_get_dispatch_methods``), so the link cursor is drawn here, not in
    # an ``on_focus`` beside it (which never ran: no link was highlighted).

    def _on_focus(self, event: Focus) -> None:
        event.prevent_default()  # Widget._on_focus, less its repaint
        self._relayout(focused=True)
        self.has_focus = True
        if self.parent is not None:
            self.parent.post_message(DescendantFocus(self))

    def _on_blur(self, event: Blur) -> None:
        event.prevent_default()  # Widget._on_blur, less its repaint
        self._relayout(focused=False)
        self.has_focus = False
        if self.parent is not None:
            self.parent.post_message(DescendantBlur(self))

    def watch_has_focus(self, _has_focus: bool) -> None:
        pass  # no restyle: see above

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    # -- drawing -------------------------------------------------------------
    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None and "+" in name:
            base, mark = split_style(name)
            mark_style = self.get_component_rich_style(f"detail--{mark}", partial=True)
            style = self._style(base) + mark_style
            self._styles[name] = style
        if style is None:
            if name.startswith("stance:"):
                stance = name.removeprefix("stance:")
                cls = f"detail--stance-{stance if stance in STANCES else 'other'}"
            else:
                cls = STYLE_CLASSES.get(name, "")
            visual = self.get_visual_style(cls) if cls else self.visual_style
            style = visual.rich_style
            self._styles[name] = style
        return style

    def _line_strip(self, y: int) -> Strip:
        """Line *y* of the content."""
        strip = self._strips.get(y)
        if strip is not None:
            return strip
        width = self.scrollable_content_region.width
        base = self._style("")
        line: StyledLine
        if self._laid is not None and y < len(self._laid.lines):
            line = self._laid.lines[y]
        else:
            return Strip.blank(width, base)
        cursor = self._cursor if self._focused and self.links else None
        cursor_style: Style | None = None
        if cursor is not None:
            cursor_style = self.get_component_rich_style("detail--cursor", partial=True)
        segments = []
        for text, name, link in line:
            style = self._style(name)
            if link == cursor and cursor_style is not None:
                style = style + cursor_style
            segments.append(Segment(text, style))
        strip = Strip(segments).adjust_cell_length(width, base)
        self._strips[y] = strip
        return strip

    def render_line(self, y: int) -> Strip:
        return self._line_strip(self.scroll_offset.y + y)

    # -- link cursor ---------------------------------------------------------
    def _span(self, link: LinkSpot) -> tuple[int, int]:
        """Top and bottom (exclusive) of *link* in the content lines."""
        return link.top, link.bottom

    def _viewport(self) -> tuple[int, int]:
        top = round(self.scroll_y)
        return top, top + self.scrollable_content_region.height

    def on_screen(self, link: LinkSpot) -> bool:
        """Is any line of *link* inside the pane's visible rows?"""
        top, bottom = self._span(link)
        view_top, view_bottom = self._viewport()
        return top < view_bottom and bottom > view_top

    def _refresh_link(self, index: int) -> None:
        links = self.links
        if 0 <= index < len(links):
            top, bottom = self._span(links[index])
            for y in range(top, bottom):
                self._strips.pop(y, None)
            self.refresh_lines(top, bottom - top)

    def _set_cursor(self, index: int, *, scroll: bool = True) -> None:
        links = self.links
        if not links:
            return
        index = max(0, min(index, len(links) - 1))
        if index != self._cursor:
            old, self._cursor = self._cursor, index
            self._refresh_link(old)
            self._refresh_link(index)
        if scroll:
            top, bottom = self._span(links[index])
            region = Region(0, top, self.scrollable_content_region.width, bottom - top)
            self.scroll_to_region(region, animate=False, immediate=True, force=True)

    @property
    def place(self) -> Place:
        """Where the reader is in the record shown: link cursor and scroll."""
        return Place(self.target, self._cursor, round(self.scroll_y))

    def return_to(self, place: Place) -> None:
        """Show *place* (cursor and scroll) when its record is next shown:
        call it just before setting ``target`` to ``place.target``."""
        self._return_to = place

    @property
    def current_link(self) -> LinkSpot | None:
        """The highlighted link (None if the view has no links)."""
        links = self.links
        return links[self._cursor] if links else None

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self._keep_cursor_in_view(down=new_value > old_value)

    def _keep_cursor_in_view(self, *, down: bool) -> None:
        """After scrolling, if the highlighted link went off screen, move the
        highlight to the first on-screen link in the direction of the scroll
        (never backwards, so a key that scrolls down never selects a link
        above the one it left)."""
        links = self.links
        if not links or self.on_screen(links[self._cursor]):
            return
        visible = [i for i, link in enumerate(links) if self.on_screen(link)]
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
        links = self.links
        for index in range(self._cursor + 1, len(links)):
            top, bottom = self._span(links[index])
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
        links = self.links
        for index in range(self._cursor - 1, -1, -1):
            top, bottom = self._span(links[index])
            if top >= view_bottom:
                continue  # entirely below the screen: skip it
            if bottom > view_top or self.scroll_y <= 0:
                self._set_cursor(index)
                return
            break
        self.scroll_relative(y=-1, animate=False, immediate=True)

    def action_first(self) -> None:
        self.scroll_home(animate=False, immediate=True)
        visible = [i for i, link in enumerate(self.links) if self.on_screen(link)]
        self._set_cursor(visible[0] if visible else 0, scroll=False)

    def action_last(self) -> None:
        self.scroll_end(animate=False, immediate=True)
        visible = [i for i, link in enumerate(self.links) if self.on_screen(link)]
        self._set_cursor(visible[-1] if visible else len(self.links) - 1, scroll=False)

    def action_open_link(self) -> None:
        link = self.current_link
        if link is not None and self.on_screen(link):
            self.post_message(Navigate(link.kind, link.record_id))

    def link_at(self, x: int, y: int) -> int | None:
        """The index of the link at content cell (*x*, *y*), if any."""
        for index, link in enumerate(self.links):
            if any(ly == y and x0 <= x < x1 for ly, x0, x1 in link.regions):
                return index
        return None

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self.link_at(offset.x + self.scroll_offset.x, offset.y + self.scroll_offset.y)
        if index is None:
            return
        event.stop()
        self._set_cursor(index, scroll=False)
        link = self.links[index]
        self.post_message(Navigate(link.kind, link.record_id))

    def action_filter_actor(self) -> None:
        if isinstance(self._shown, Actor):
            self.post_message(FilterByActor(self._shown.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "filter_actor":
            return isinstance(self._shown, Actor)
        if action == "open_link":
            return bool(self.links)
        return True
