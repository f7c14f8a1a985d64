"""The browser screen: list panes on top, the detail below.

Attributes go down, messages come up: the panes post ``Highlighted`` and
``Opened``, the detail posts ``Navigate`` and ``FilterByActor``; this screen
handles them and sets ``detail.target``, the panes' selection and filter.

Layout is CSS only (``browser.tcss``, loaded by the app with the panes' CSS):
the breakpoint classes ``-narrow``, ``-normal`` and ``-wide`` come from
``HORIZONTAL_BREAKPOINTS``; the current pane gets the ``-current`` class;
``-side-by-side`` (very wide terminals), the status line and the search bar
are switched by classes set from watchers.

Live reload (``storybrowse --watch``): the app loads each new version of the
file and calls :meth:`BrowserScreen.replace_story` (the reader keeps their
place) or :meth:`BrowserScreen.show_problems` (the error panel, over the last
good version).  :class:`LiveBrowserScreen` is the screen used then: it adds
the key that dismisses the panel, so that the plain browser's keys, footer
and help stay as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from math import inf
from time import monotonic
from typing import ClassVar, Literal, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.style import Style
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Input, Static

from tui import messages
from tui.present.describe import actor_name
from tui.present.search import Match, RecordMatches, SearchIndex, by_record
from tui.screens.help import HelpScreen, KeySection, key_sections
from tui.story.errors import Problem
from tui.story.model import Actor, RecordKind, Story
from tui.widgets.actors import ActorsPane
from tui.widgets.detail import DetailPane
from tui.widgets.listpane import ListPane
from tui.widgets.problems import ProblemsPanel
from tui.widgets.quotes import QuotesPane
from tui.widgets.search import SearchBar
from tui.widgets.text import literal_line
from tui.widgets.timeline import TimelinePane

PaneName = Literal["timeline", "actors", "quotes"]
PANES: tuple[PaneName, ...] = ("timeline", "actors", "quotes")
PANE_TITLES: dict[PaneName, str] = {"timeline": "Timeline", "actors": "Actors", "quotes": "Quotes"}
KIND_PANE: dict[str, PaneName] = {
    "incident": "timeline",
    "context": "timeline",
    "actor": "actors",
    "quote": "quotes",
}
KIND_LABEL: dict[str, str] = {
    "incident": "Incident",
    "context": "Context event",
    "actor": "Actor",
    "quote": "Quote",
}
Focus = Literal["detail", "list", "keep"]
BOLD = Style(bold=True)


@dataclass
class SearchOrigin:
    """Where the user was when the search bar opened (escape goes back)."""

    pane: PaneName
    selected: str | None
    target: tuple[RecordKind, str] | None
    focused: Widget | None  # None: the pane


class PaneTab(Static):
    """``1 Timeline (4)`` in the tab strip; click to show that pane."""

    def __init__(self, pane: PaneName) -> None:
        super().__init__(id=f"tab-{pane}", classes="tab")
        self.pane: PaneName = pane

    def on_click(self) -> None:
        screen = self.screen
        if isinstance(screen, BrowserScreen):
            screen.show_pane(self.pane, focus=True)


class BrowserScreen(Screen[None]):
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (Textual declares it a plain list)
        (0, "-narrow"),
        (80, "-normal"),
        (120, "-wide"),
    ]
    # The preview follows the list cursor on the leading edge: a move made
    # after QUIET_AFTER seconds without one shows its record at once; moves
    # that follow closer together (a held key) only set the pending record,
    # shown PREVIEW_DELAY seconds after the last of them.
    QUIET_AFTER: ClassVar[float] = 0.1  # seconds
    PREVIEW_DELAY: ClassVar[float] = 0.06  # seconds; reset on every cursor move
    # From this width the three lists sit side by side (each then has at
    # least 40 columns); below it one list at a time fills the width.
    SIDE_BY_SIDE: ClassVar[int] = 160

    # Priority bindings: the App runs them as it reads each key, before it
    # hands the next key on.  Keys typed ahead in one read ("/Termez", "2G"
    # over a laggy SSH link) then reach the widget the previous key focused.
    # check_action() turns them off where they must not act (the search bar).
    BINDINGS: ClassVar[list[BindingType]] = [
        # enter in a list, run here so the detail has the focus for the next key.
        Binding(
            "enter",
            "open",
            "Open",
            id="list.open",
            tooltip="In a list: open the selected row in the detail (or click it twice)",
            priority=True,
        ),
        Binding("tab", "next_pane", "Next pane", id="pane.next", priority=True),
        Binding(
            "shift+tab",
            "previous_pane",
            "Previous pane",
            show=False,
            id="pane.previous",
            priority=True,
        ),
        Binding(
            "1", "show_pane('timeline')", "Timeline", show=False, id="pane.timeline", priority=True
        ),
        Binding("2", "show_pane('actors')", "Actors", show=False, id="pane.actors", priority=True),
        Binding("3", "show_pane('quotes')", "Quotes", show=False, id="pane.quotes", priority=True),
        Binding("slash", "search", "Search", id="search.start", priority=True),
        Binding("n", "search_step(1)", "Next match", show=False, id="search.next", priority=True),
        Binding(
            "N",
            "search_step(-1)",
            "Previous match",
            show=False,
            id="search.previous",
            priority=True,
        ),
        Binding(
            "escape",
            "back",
            "Back",
            id="back",
            tooltip=(
                "Back: to the record a link came from; from the detail to its list; "
                "else clear the filter; else the search"
            ),
            priority=True,
        ),
    ]

    current_pane: reactive[PaneName] = reactive[PaneName]("timeline", init=False)
    filter_actor: reactive[str | None] = reactive[str | None](None, init=False)
    side_by_side: reactive[bool] = reactive(False, init=False)

    def __init__(self, story: Story) -> None:
        super().__init__()
        self.story = story
        # Where cross-links in the detail came from: escape goes back along
        # it before it goes back to the list (the detail targets, in order).
        self._back: list[tuple[RecordKind, str]] = []
        # Built on the first search, not here: at 10,000 incidents it takes
        # most of a second, which first paint should not wait for.
        self._index: SearchIndex | None = None
        self.query_text = ""
        self.matches: list[Match] = []  # every field that matches
        self.hits: list[RecordMatches] = []  # the matches by record: what n/N visit
        self.hit_index = -1
        self._origin: SearchOrigin | None = None
        self._hint = ""
        self._pending: tuple[RecordKind, str] | None = None
        self._preview_timer: Timer | None = None
        self._last_move = -inf  # monotonic time of the last cursor move
        self._shown_statics: dict[str, tuple[str, object]] = {}
        self._problems: ProblemsPanel | None = None  # live reload's error panel

    # -- composition -------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # Every line gets its content here, not in on_mount: Textual may
        # paint a first frame before on_mount has run, and filling the tabs
        # and labels then would lay out and repaint the whole screen again.
        panes: dict[PaneName, ListPane] = {
            "timeline": TimelinePane(self.story, id="timeline"),
            "actors": ActorsPane(self.story, id="actors"),
            "quotes": QuotesPane(self.story, id="quotes"),
        }
        yield self._initial_static("title", self._title())
        with Horizontal(id="tabs"):
            for name in PANES:
                tab = PaneTab(name)
                tab.set_class(name == self.current_pane, "-active")
                panes[name].set_class(name == self.current_pane, "-current")
                panes[name].active = name == self.current_pane
                yield tab
                self._remember_static(tab, f"tab-{name}", tab_label(name, panes[name]))
        with Horizontal(id="lists"):
            yield from panes.values()
        yield self._initial_static(
            "detail-label", label_content(panes[self.current_pane].selected, focused=False)
        )
        yield DetailPane(self.story, id="detail")
        yield Static(id="filter-line", classes="status")
        yield Static(id="search-line", classes="status")
        yield SearchBar(id="search")
        yield Footer(compact=True)

    def _title(self) -> Content:
        return Content.assemble(
            ("storybrowse", BOLD), " · ", literal_line(self.story.meta.headline)
        )

    def _initial_static(self, widget_id: str, content: Content) -> Static:
        static = Static(id=widget_id)
        self._remember_static(static, widget_id, content)
        return static

    def _remember_static(self, static: Static, widget_id: str, content: Content) -> None:
        """Give a Static its first content, noted for _update_static."""
        static.update(content)
        self._shown_statics[widget_id] = (content.plain, content.spans)

    def on_mount(self) -> None:
        self._apply_pane(self.current_pane)
        pane = self.pane(self.current_pane)
        self.set_focus(pane)
        self._set_target(pane.selected)
        self._update_tabs()
        self._update_status()

    def on_resize(self, event: events.Resize) -> None:
        self.side_by_side = event.size.width >= self.SIDE_BY_SIDE

    def watch_side_by_side(self, value: bool) -> None:
        self.set_class(value, "-side-by-side")

    # -- accessors ---------------------------------------------------------------
    def pane(self, name: PaneName) -> ListPane:
        return self.query_one(f"#{name}", ListPane)

    @property
    def detail(self) -> DetailPane:
        return self.query_one("#detail", DetailPane)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one("#search", SearchBar)

    @property
    def search_index(self) -> SearchIndex:
        """The story's search index, built when first needed."""
        if self._index is None:
            self._index = SearchIndex(self.story)
        return self._index

    @property
    def searching(self) -> bool:
        """The search bar is open."""
        return self.has_class("-searching")

    def help_sections(self) -> list[KeySection]:
        from tui.app import StoryBrowser

        # The screen's own class and its bases up to BrowserScreen: a
        # LiveBrowserScreen adds the error panel's key.
        screens = [c for c in reversed(type(self).__mro__) if issubclass(c, BrowserScreen)]
        return key_sections(
            self.app,
            [
                ("Anywhere", [StoryBrowser, *screens]),
                ("In a list (timeline, actors, quotes)", [ListPane]),
                ("In the actors list", [ActorsPane]),
                ("In the detail", [DetailPane]),
                ("In the search bar", [SearchBar]),
                ("In this help", [HelpScreen]),
            ],
        )

    # -- panes ---------------------------------------------------------------------
    def _apply_pane(self, name: PaneName) -> None:
        for other in PANES:
            pane = self.pane(other)
            pane.set_class(other == name, "-current")
            pane.active = other == name
        for tab in self.query(PaneTab):
            tab.set_class(tab.pane == name, "-active")

    def watch_current_pane(self, name: PaneName) -> None:
        self._apply_pane(name)
        self._set_target(self.pane(name).selected)
        self._update_label()

    # Focus is moved with Screen.set_focus, which takes effect at once:
    # Widget.focus() is deferred, and keys that arrive in the same read (a
    # fast typist, a laggy SSH link) would still go to the old pane.

    def show_pane(self, name: PaneName, *, focus: bool = True) -> None:
        self.current_pane = name
        if focus:
            self.set_focus(self.pane(name))

    def action_show_pane(self, name: str) -> None:
        for pane in PANES:
            if pane == name:
                self.show_pane(pane)

    def _focus_cycle(self) -> list[str]:
        return [*PANES, "detail", *(["problems"] if self.problems_panel else [])]

    def _where(self) -> str:
        panel = self.problems_panel
        if panel is not None and panel.has_focus_within:
            return "problems"
        return "detail" if self.detail.has_focus_within else self.current_pane

    def _cycle(self, step: int) -> None:
        order = self._focus_cycle()
        nxt = order[(order.index(self._where()) + step) % len(order)]
        panel = self.problems_panel
        if nxt == "detail":
            self.set_focus(self.detail)
        elif nxt == "problems" and panel is not None:
            self.set_focus(panel.list)
        else:
            self.action_show_pane(nxt)

    def action_next_pane(self) -> None:
        self._cycle(1)

    def action_previous_pane(self) -> None:
        self._cycle(-1)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        widget = event.widget
        if isinstance(widget, ListPane):
            for pane in PANES:
                if pane == widget.id:
                    self.current_pane = pane
        self._update_label()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self.call_after_refresh(self._update_label)

    # -- the detail ------------------------------------------------------------------
    def _set_target(self, target: tuple[RecordKind, str] | None) -> None:
        self._cancel_preview()
        if target is not None:
            self.detail.target = target
        self._update_label()

    def _cancel_preview(self) -> None:
        self._pending = None
        if self._preview_timer is not None:
            self._preview_timer.stop()
            self._preview_timer = None

    def _apply_preview(self) -> None:
        pending = self._pending
        self._preview_timer = None
        if pending is not None:
            self._set_target(pending)

    def flush_preview(self) -> None:
        """Show the pending preview now (used when leaving the list)."""
        if self._pending is not None:
            self._set_target(self._pending)

    def on_highlighted(self, message: messages.Highlighted) -> None:
        message.stop()
        target = (message.kind, message.record_id)
        now = monotonic()
        quiet = now - self._last_move >= self.QUIET_AFTER
        self._last_move = now
        if quiet and self._preview_timer is None:
            self._set_target(target)  # a single move: show it at once
            return
        self._pending = target
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(self.PREVIEW_DELAY, self._apply_preview)

    def on_opened(self, message: messages.Opened) -> None:
        message.stop()
        self.open_record(message.kind, message.record_id)

    def open_record(self, kind: RecordKind, record_id: str) -> None:
        """Show the record in the detail and give the detail the focus."""
        self._back.clear()  # a new path through the story starts here
        self._set_target((kind, record_id))
        self.set_focus(self.detail)

    def action_open(self) -> None:
        """enter in a list pane: open its selection; in the search bar: keep
        the search.  Both run here, as the key is read, so that keys typed
        ahead in the same read (``enter n`` over SSH) reach the new focus."""
        focused = self.focused
        if focused is self.search_bar:
            self.keep_search()
        elif isinstance(focused, ListPane) and focused.selected is not None:
            self.open_record(*focused.selected)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys typed in the search bar are text (but enter keeps the search);
        enter opens only from a list."""
        if self.focused is self.search_bar and self.searching:
            return action == "open"
        if action == "open":
            return isinstance(self.focused, ListPane)
        return True

    def on_navigate(self, message: messages.Navigate) -> None:
        message.stop()
        # A link followed in the detail can be walked back with escape.
        came_from = self.detail.target if self.detail.has_focus_within else None
        if self.navigate(message.kind, message.record_id, focus="detail") and came_from:
            self._back.append(came_from)
            del self._back[:-50]

    def on_filter_by_actor(self, message: messages.FilterByActor) -> None:
        message.stop()
        self.apply_filter(message.actor_id)

    def navigate(
        self,
        kind: RecordKind,
        record_id: str,
        *,
        focus: Focus = "detail",
        keep_filter: bool = False,
    ) -> bool:
        """Select *record_id* in its pane, show that pane and the record in the
        detail.  If the actor filter hides the record, clear the filter, or
        with *keep_filter* (search) show the record in the detail only.
        False if the record has no pane (a source) or does not exist."""
        name = KIND_PANE.get(kind)
        if name is None or self.story.get(record_id) is None:
            return False
        pane = self.pane(name)
        hidden = not pane.has(record_id) and self.filter_actor is not None
        if hidden and not keep_filter:
            self.filter_actor = None
            self._hint = "filter cleared to show the record"
        if not pane.select(record_id) and not (hidden and keep_filter):
            return False
        self.current_pane = name
        self._set_target((kind, record_id))
        if focus == "detail":
            self.set_focus(self.detail)
        elif focus == "list":
            self.set_focus(pane)
        self._update_status()
        return True

    def _listed(self, kind: str, record_id: str) -> bool:
        """Is the record in its pane's list (not hidden by the filter)?"""
        name = KIND_PANE.get(kind)
        return name is not None and self.pane(name).has(record_id)

    def _update_label(self) -> None:
        content = label_content(self.detail.target, focused=self.detail.has_focus_within)
        self._update_static("detail-label", content)
        self.query_one("#detail-label").set_class(self.detail.has_focus_within, "-focused")

    # -- filter -------------------------------------------------------------------
    def apply_filter(self, actor_id: str | None) -> None:
        self.filter_actor = actor_id

    def watch_filter_actor(self, actor_id: str | None) -> None:
        filtered: tuple[PaneName, ...] = ("timeline", "quotes")
        for name in filtered:
            pane = self.pane(name)
            pane.filter_actor = actor_id
            pane.reload()
        self._update_tabs()
        if actor_id is not None:
            timeline, quotes = self.pane("timeline"), self.pane("quotes")
            target: PaneName = "timeline" if timeline.count or not quotes.count else "quotes"
            self.show_pane(target)
        self._update_status()

    # -- search -------------------------------------------------------------------
    def action_search(self) -> None:
        self.flush_preview()
        focused = self.focused
        self._origin = SearchOrigin(
            self.current_pane,
            self.pane(self.current_pane).selected_id,
            self.detail.target,
            focused if focused is not self.search_bar else None,
        )
        self.add_class("-searching")
        bar = self.search_bar
        bar.value = ""
        self.set_focus(bar)

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.run_search(event.value)

    def run_search(self, query: str) -> None:
        """Search as the user types: count the matches and show the first."""
        self.query_text = query
        self.matches = self.search_index.search(query)
        self.hits = by_record(self.matches)
        self.hit_index = -1
        self._hint = ""
        if self.hits:
            self._goto_hit(0, focus="keep")
        self._update_status()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.focused is self.search_bar:
            self.keep_search()

    def keep_search(self) -> None:
        """Close the search bar, keep the matches for n/N, focus the list."""
        self.remove_class("-searching")
        origin, self._origin = self._origin, None
        if self.hit_index >= 0 and self.hits[self.hit_index].navigable:
            self.set_focus(self.pane(self.current_pane))
        elif origin is not None and origin.focused is not None:
            self.set_focus(origin.focused)
        else:
            self.set_focus(self.pane(self.current_pane))
        self._update_status()

    def on_search_bar_cancelled(self, message: SearchBar.Cancelled) -> None:
        message.stop()
        self.remove_class("-searching")
        self.clear_search()
        origin, self._origin = self._origin, None
        if origin is not None:
            self.current_pane = origin.pane
            pane = self.pane(origin.pane)
            if origin.selected is not None:
                pane.select(origin.selected)
            self._set_target(pane.selected or origin.target)
            self.set_focus(origin.focused or self.pane(origin.pane))
        else:
            self.set_focus(self.pane(self.current_pane))

    def clear_search(self) -> None:
        self.query_text = ""
        self.matches = []
        self.hits = []
        self.hit_index = -1
        self._update_status()

    def _goto_hit(self, index: int, *, focus: Focus) -> None:
        self.hit_index = index
        hit = self.hits[index]
        if hit.navigable:
            kind = cast(RecordKind, hit.kind)
            self.navigate(kind, hit.record_id, focus=focus, keep_filter=True)

    def action_search_step(self, step: int) -> None:
        if not self.hits:
            self._hint = "no matches" if self.query_text else "no search yet: press / to search"
            self._update_status()
            return
        self._hint = ""
        index = (self.hit_index + step) % len(self.hits)
        self._goto_hit(index, focus="detail" if self.detail.has_focus_within else "list")
        self._update_status()

    # -- escape ---------------------------------------------------------------------
    def action_back(self) -> None:
        """Escape: in the error panel, dismiss it; in the detail, back to
        the record a followed link came from, else back to its list; else
        clear the filter; else clear the search; else nothing."""
        self._hint = ""
        panel = self.problems_panel
        if panel is not None and panel.has_focus_within:
            self.dismiss_problems()
        elif self.detail.has_focus_within and self._back:
            kind, record_id = self._back.pop()
            if not self.navigate(kind, record_id, focus="detail"):
                self.set_focus(self.pane(self.current_pane))
        elif self.detail.has_focus_within:
            self.set_focus(self.pane(self.current_pane))
        elif self.filter_actor is not None:
            self.filter_actor = None
        elif self.query_text:
            self.clear_search()
        self._update_status()

    # -- status and tabs ---------------------------------------------------------------
    def _update_tabs(self) -> None:
        for name in PANES:
            pane = self.pane(name)
            text = tab_label(name, pane).plain
            self._update_static(f"tab-{name}", Content(text))
            if self._shown_statics.get(f"border-{name}") != (text, None):
                self._shown_statics[f"border-{name}"] = (text, None)
                pane.border_title = Content(text)

    def _update_status(self) -> None:
        """The filter line and the search line (each shown only when needed)."""
        filter_line = self.query_one("#filter-line", Static)
        if self.filter_actor is not None:
            self._update_static(
                "filter-line",
                Content.assemble(
                    ("Filter: ", BOLD),
                    literal_line(actor_name(self.story, self.filter_actor)),
                    " — esc clears",
                ),
            )
        filter_line.set_class(self.filter_actor is not None, "-visible")

        parts: list[Content] = []
        if self.query_text.strip():
            parts.append(
                Content.assemble(
                    ("Search ", BOLD), "“", literal_line(self.query_text), "”: ", self._found()
                )
            )
        if self._hint:
            parts.append(Content(self._hint))
        self._update_static("search-line", Content(" · ").join(parts))
        self.query_one("#search-line").set_class(bool(parts), "-visible")

    def _update_static(self, widget_id: str, content: Content) -> None:
        """Give the Static *widget_id* new content, unless it already shows
        exactly that: an update lays out and repaints the widget, and the
        status lines are recomputed on every move."""
        key = (content.plain, content.spans)
        if self._shown_statics.get(widget_id) == key:
            return
        self._shown_statics[widget_id] = key
        self.query_one(f"#{widget_id}", Static).update(content)

    def _found(self) -> str:
        """``1/2 (5 matches) context title +3, hidden by the filter — n/N``."""
        if not self.hits:
            return "no matches"
        n, records = len(self.matches), len(self.hits)
        found = f"{n} match{'es' if n != 1 else ''}"
        if self.hit_index >= 0:
            hit = self.hits[self.hit_index]
            where = f"{hit.kind} {hit.fields[0]}"
            if len(hit.fields) > 1:
                where += f" +{len(hit.fields) - 1}"
            if not hit.navigable:
                where += ", not in a list"
            elif not self._listed(hit.kind, hit.record_id):
                where += ", hidden by the filter"
            found = f"{self.hit_index + 1}/{records} ({found}) {where}"
        if not self.searching:
            found += " — n/N"
        return found

    # -- live reload ----------------------------------------------------------------
    @property
    def problems_panel(self) -> ProblemsPanel | None:
        """The error panel, if a reload failed and it was not dismissed."""
        return self._problems

    def show_problems(self, file_label: str, problems: Sequence[Problem]) -> None:
        """Show the panel listing *problems* (the view stays as it is)."""
        if self._problems is None:
            self._problems = ProblemsPanel(file_label, problems)
            self.mount(self._problems, before=self.query_one("#filter-line"))
        else:
            self._problems.show(file_label, problems)
        self.refresh_bindings()

    def dismiss_problems(self) -> bool:
        """Remove the error panel; False if there was none."""
        panel, self._problems = self._problems, None
        if panel is None:
            return False
        if panel.has_focus_within:
            self.set_focus(self.pane(self.current_pane))
        origin = self._origin
        if origin is not None and origin.focused in panel.walk_children(with_self=True):
            self._origin = replace(origin, focused=None)  # escape in the search: the pane
        panel.remove()
        self.refresh_bindings()
        return True

    def action_dismiss_problems(self) -> None:
        self.dismiss_problems()

    async def replace_story(self, story: Story) -> None:
        """Show *story*, a new version of the file, keeping the reader's place.

        Kept when their ids still exist: the current pane and the focus, the
        selected row of every pane, the detail's record (and its scroll
        position when the record is the same), the actor filter, the search
        query and the match n/N is on.  A selected row whose record is gone
        gives way to the row now at its place (else the nearest one); a gone
        filter actor clears the filter; a gone detail record gives way to the
        current pane's selection.
        """
        self._cancel_preview()
        target = self.detail.target
        detail_y = self.detail.scroll_y
        before = {name: (self.pane(name).selected_id, self.pane(name).cursor) for name in PANES}
        hit = self.hits[self.hit_index] if 0 <= self.hit_index < len(self.hits) else None
        old_hit = hit.record_id if hit is not None else None

        self.story = story
        self._index = None  # rebuilt from the new story when next searched
        filter_gone = self.filter_actor is not None and not isinstance(
            story.get(self.filter_actor), Actor
        )
        if filter_gone:
            # Not through watch_filter_actor: that would also switch panes.
            self.set_reactive(BrowserScreen.filter_actor, None)
            self._hint = "filter cleared: that actor is no longer in the story"
        for name in PANES:
            pane = self.pane(name)
            pane.story = story
            if filter_gone:
                pane.filter_actor = None
            pane.reload()
            kept, cursor = before[name]
            if kept is not None and not pane.has(kept):
                nearest = nearest_record(pane, cursor)
                if nearest is not None:
                    pane.select(nearest)

        # The search: the same query over the new text, on the same record.
        if self.query_text:
            self.matches = self.search_index.search(self.query_text)
            self.hits = by_record(self.matches)
            self.hit_index = next(
                (i for i, hit in enumerate(self.hits) if hit.record_id == old_hit), -1
            )
        origin = self._origin
        if origin is not None and origin.target and story.get(origin.target[1]) is None:
            self._origin = replace(origin, target=None)

        self._update_static("title", self._title())
        self._update_tabs()
        self._update_status()
        self.refresh_bindings()

        # The detail: rebuilt from the new story, on the same record if it
        # is still there.  Its watcher is awaited here (rather than run by
        # setting the reactive) because the target may be unchanged, and so
        # that the scroll position can be put back once the view is built.
        new_target = self._surviving(target) or self.pane(self.current_pane).selected
        detail = self.detail
        detail.story = story
        detail.set_reactive(DetailPane.target, new_target)
        self._update_label()
        await detail.watch_target(new_target)
        # Nothing but the scroll position after the await: the app may have
        # been closed meanwhile.
        if detail.is_attached and new_target is not None and new_target == target and detail_y:
            detail.call_after_refresh(detail.scroll_to, y=detail_y, animate=False, immediate=True)

    def _surviving(self, target: tuple[RecordKind, str] | None) -> tuple[RecordKind, str] | None:
        """*target* if its record is still in the story (with its kind now)."""
        if target is None:
            return None
        kind = self.story.kind_of(target[1])
        return (kind, target[1]) if kind is not None else None


def tab_label(name: PaneName, pane: ListPane) -> Content:
    """``1 Timeline (4)``; ``(2/4)`` under the actor filter."""
    count = f"{pane.count}/{pane.total}" if pane.filter_actor is not None else str(pane.count)
    return Content(f"{PANES.index(name) + 1} {PANE_TITLES[name]} ({count})")


def label_content(target: tuple[RecordKind, str] | None, *, focused: bool) -> Content:
    """The line above the detail: what it shows, and the keys to use."""
    label = KIND_LABEL.get(target[0], "Detail") if target else "Detail"
    if focused:
        hint = "esc: back to the list · tab: next pane"
    else:
        hint = "enter: open it here · tab: next pane"
    return Content.assemble((label, BOLD), " — ", hint)


def nearest_record(pane: ListPane, cursor: int) -> str | None:
    """The record of the selectable row nearest to row *cursor*: the row now
    at that place first (the one after a removed record), then the rows
    before it, then the rows after."""
    rows = pane.rows
    if not rows:
        return None
    start = min(max(cursor, 0), len(rows) - 1)
    for distance in range(len(rows)):
        for index in (start + distance, start - distance):
            if 0 <= index < len(rows) and rows[index].selectable:
                return rows[index].record_id
    return None


class LiveBrowserScreen(BrowserScreen):
    """The browser of ``storybrowse --watch``: adds the key that dismisses the
    error panel (shown in the footer only while the panel is)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "x",
            "dismiss_problems",
            "Dismiss",
            id="problems.dismiss",
            tooltip="Live reload: hide the panel listing the story file's errors "
            "(a later save with errors shows it again; a good save removes it)",
            priority=True,
        ),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "dismiss_problems" and self.problems_panel is None:
            return False
        return super().check_action(action, parameters)
