"""The browser screen: list panes on top, the detail below.

Attributes go down, messages come up: the panes post ``Highlighted`` and
``Opened``, the detail posts ``Navigate`` and ``FilterByActor``, the command
palette ``JumpTo``; this screen handles them and sets ``detail.target`` and
the panes' selection.  The actor filter is the reactive ``filter_actor``,
bound to the timeline's and the quotes' own (``data_bind``).

Each feature keeps its state in its own small class: the search
(:mod:`tui.screens.search`), the way back along followed links
(:mod:`tui.screens.history`), the status lines (:mod:`tui.widgets.status`).
The error panel of live reload is :class:`tui.screens.live.LiveBrowserScreen`'s.

Layout is CSS only (``browser.tcss``, loaded by the app with the panes' CSS):
the breakpoint classes ``-narrow``, ``-normal`` and ``-wide`` come from
``HORIZONTAL_BREAKPOINTS``; the current pane gets the ``-current`` class;
``-side-by-side`` (very wide terminals), the status lines and the search bar
are switched by classes set from watchers.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import Reactive, reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from tui import messages
from tui.screens.asof import AsOf
from tui.screens.bindings import BROWSER_BINDINGS
from tui.screens.help import KeySection, browser_key_sections
from tui.screens.history import History
from tui.screens.matrix_keys import MatrixKeys
from tui.screens.palette import STORY_PROVIDERS
from tui.screens.panes import (
    FILTERED,
    KIND_PANE,
    PANES,
    PaneName,
    PaneTab,
    filter_line,
    label_content,
    tab_label,
    title_line,
)
from tui.screens.preview import PreviewPacer
from tui.screens.record_keys import RecordKeys
from tui.screens.restory import show_story
from tui.screens.search import Search
from tui.screens.search_keys import SearchKeys
from tui.story.dates import EdtfDate
from tui.story.model import RecordKind, Story
from tui.widgets.actors import ActorsPane
from tui.widgets.detail import DetailPane
from tui.widgets.footer import BrowserFooter
from tui.widgets.listpane import ListPane
from tui.widgets.quotes import QuotesPane
from tui.widgets.search import SearchBar, SearchRow
from tui.widgets.sources import SourcesPane
from tui.widgets.status import Line, StatusLine
from tui.widgets.timeline import TimelinePane

Focus = Literal["detail", "list", "keep"]


class BrowserScreen(MatrixKeys, RecordKeys, SearchKeys, Screen[None]):
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (Textual declares it a plain list)
        (0, "-narrow"),
        (80, "-normal"),
        (120, "-wide"),
    ]
    # The preview follows the list cursor (see tui.screens.preview).
    QUIET_AFTER: ClassVar[float] = 0.1  # seconds
    PREVIEW_DELAY: ClassVar[float] = 0.06  # seconds; reset on every cursor move
    # From this width the four lists sit side by side (each then has at
    # least 40 columns); below it one list at a time fills the width.
    SIDE_BY_SIDE: ClassVar[int] = 200  # the timeline 2fr, the others 1fr each

    BINDINGS: ClassVar[list[BindingType]] = BROWSER_BINDINGS
    # Jump to any record by name (ctrl+p): the providers post JumpTo here.
    COMMANDS = set(STORY_PROVIDERS)  # noqa: RUF012 (Textual declares it a plain set)

    # Screen.focused repaints the whole screen whenever the focus moves (a
    # plain Reactive): Enter and Escape rewrote every row unchanged.  The
    # widgets that the focus changes refresh themselves (their :focus
    # styles, the list cursor, the detail's highlighted link, the label).
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    current_pane: reactive[PaneName] = reactive[PaneName]("timeline", init=False)
    filter_actor: reactive[str | None] = reactive[str | None](None, init=False)
    side_by_side: reactive[bool] = reactive(False, init=False)
    zoomed: reactive[bool] = reactive(False, init=False)  # z: see RecordKeys

    def __init__(self, story: Story, as_of: EdtfDate | None = None) -> None:
        super().__init__()
        self.as_of = AsOf(story, as_of)  # what was known when: [ and ]
        story = self.story = self.as_of.story()
        self.search = Search(story)
        self.history = History()
        self.hint = ""  # a one-off remark on the search line, cleared by the next key
        self.preview = PreviewPacer(self, self._set_target)

    # -- composition -------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # Every line gets its content here, not in on_mount (see Line).
        panes: dict[PaneName, ListPane] = {
            "timeline": TimelinePane(self.story, id="timeline"),
            "actors": ActorsPane(self.story, id="actors"),
            "quotes": QuotesPane(self.story, id="quotes"),
            "sources": SourcesPane(self.story, id="sources"),
        }
        yield Line(self._title(), id="title")
        with Horizontal(id="tabs"):
            for name in PANES:
                tab = PaneTab(name, tab_label(name, panes[name]))
                tab.set_class(name == self.current_pane, "-active")
                panes[name].set_class(name == self.current_pane, "-current")
                panes[name].active = name == self.current_pane
                yield tab
        with Horizontal(id="lists"):
            yield from panes.values()
        yield Line(
            label_content(panes[self.current_pane].selected, focused=False), id="detail-label"
        )
        yield DetailPane(self.story, id="detail")
        yield StatusLine(id="filter-line")
        yield StatusLine(id="search-line")
        yield SearchRow(id="search-row")
        yield BrowserFooter(compact=True)  # in the first frame (see tui.widgets.footer)

    def _title(self) -> Content:
        return title_line(self.story, self.as_of.label())

    async def action_as_of_step(self, step: int) -> None:
        """``[`` / ``]``: the story as of the previous / next date on which
        a statement was made or withdrawn (past the last: the whole story)."""
        self.hint = self.as_of.step(step)
        if not self.hint:
            await show_story(self, self.as_of.story())
        self.update_status()

    def on_mount(self) -> None:
        # The panes are mounted by now, so the bindings are made at once; the
        # screen's own watcher comes after them: it reads the filtered panes.
        for name in FILTERED:
            self.pane(name).data_bind(BrowserScreen.filter_actor)
        self.watch(self, "filter_actor", self._filter_applied, init=False)
        self._apply_pane(self.current_pane)
        pane = self.pane(self.current_pane)
        self.set_focus(pane)
        # The detail opens on the overview; the selected row waits for a move.
        self._update_label()
        self.update_tabs()
        self.update_status()
        if self.start_at is not None:
            # After the panes' first Highlighted, queued already.
            self.call_later(self.open_start_record)
        self.call_after_refresh(self.start_search_index)  # a thread, after the first paint
        # The hidden panes' rows are built after the first frame, one pane
        # per turn of the event loop, so that Tab finds them ready.
        self.call_after_refresh(self.set_timer, 0.05, self._build_hidden_panes)

    def _build_hidden_panes(self) -> None:
        """Build the rows of the next hidden pane that has none yet (and
        come back for the one after it)."""
        for name in PANES:
            pane = self.pane(name)
            if not pane.built:
                pane.rows  # noqa: B018 (builds them)
                self.set_timer(0.01, self._build_hidden_panes)
                return

    def on_resize(self, event: events.Resize) -> None:
        self.side_by_side = event.size.width >= self.SIDE_BY_SIDE
        if self.search.query:
            self.update_search_status(self.hint)  # the match's words fitted anew

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
    def searching(self) -> bool:
        """The search bar is open."""
        return self.query_one("#search-row", SearchRow).open

    def help_sections(self) -> list[KeySection]:
        """The keys of the app and of this screen (and its panes), by section."""
        screens = [c for c in reversed(type(self).__mro__) if issubclass(c, BrowserScreen)]
        return browser_key_sections(self.app, screens)

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

    def focus_cycle(self) -> list[str]:
        """Where tab goes, in order: the panes, then the detail."""
        return [*PANES, "detail"]

    def focus_stop(self) -> str:
        """The stop of the focus cycle that has the focus."""
        return "detail" if self.detail.has_focus_within else self.current_pane

    def focus_on(self, stop: str) -> None:
        """Focus the stop *stop* of the focus cycle."""
        if stop == "detail":
            self.set_focus(self.detail)
        else:
            self.action_show_pane(stop)

    def _cycle(self, step: int) -> None:
        order = self.focus_cycle()
        self.focus_on(order[(order.index(self.focus_stop()) + step) % len(order)])

    def action_next_pane(self) -> None:
        self._cycle(1)

    def action_previous_pane(self) -> None:
        self._cycle(-1)

    def on_pane_tab_clicked(self, message: PaneTab.Clicked) -> None:
        message.stop()
        self.show_pane(message.pane, focus=True)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        widget = event.widget
        if isinstance(widget, ListPane):
            self.zoomed = False  # a list, so the lists come back
            for pane in PANES:
                if pane == widget.id:
                    self.current_pane = pane
        self._update_label()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self.call_after_refresh(self._update_label)

    # -- the detail ------------------------------------------------------------------
    def _set_target(self, target: tuple[RecordKind, str] | None, *, overview: bool = False) -> None:
        """Show *target* in the detail (None: keep it, or the overview)."""
        self.preview.cancel()
        if target is not None or overview:
            self.detail.target = target
        self._update_label()

    def flush_preview(self) -> None:
        """Show the pending preview now (used when leaving the list)."""
        self.preview.flush()

    def on_highlighted(self, message: messages.Highlighted) -> None:
        message.stop()
        if self.focused is self.search_bar:
            return  # the search moved the list and shows its match itself
        self.preview.moved((message.kind, message.record_id))

    def on_opened(self, message: messages.Opened) -> None:
        message.stop()
        self.open_record(message.kind, message.record_id)

    def open_record(self, kind: RecordKind, record_id: str) -> None:
        """Show the record in the detail and give the detail the focus."""
        self.history.clear()  # a new path through the story starts here
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
            # Nothing focused: the screen is starting and focuses a list
            # next; the footer drawn in the first frame already offers enter.
            return self.focused is None or isinstance(self.focused, ListPane)
        return True

    def on_navigate(self, message: messages.Navigate) -> None:
        message.stop()
        # A link followed in the detail can be walked back with escape.
        focused = self.detail.has_focus_within
        came_from, place = self.detail.target, self.detail.place  # None: the overview
        if self.navigate(message.kind, message.record_id, focus="detail") and focused:
            self.history.followed_from(came_from, place)
            self._update_label()

    def action_overview(self) -> None:
        """``0``: the story's overview in the detail, focused (its links)."""
        self.preview.cancel()
        self.history.clear()
        self._set_target(None, overview=True)
        self.set_focus(self.detail)

    def on_show_overview(self, message: messages.ShowOverview) -> None:
        message.stop()
        self.action_overview()

    def on_jump_to(self, message: messages.JumpTo) -> None:
        message.stop()
        self.navigate(message.kind, message.record_id, focus="list")

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
        with *keep_filter* (search) show the record in the detail only.  An
        empty *record_id* is the story itself: its overview.  False if the
        record has no pane or does not exist."""
        if not record_id:  # the story itself (a search hit in its metadata)
            self._set_target(None, overview=True)
            self.update_status()
            return True
        name = KIND_PANE.get(kind)
        if name is None or self.story.get(record_id) is None:
            return False
        pane = self.pane(name)
        hidden = not pane.has(record_id) and self.filter_actor is not None
        if hidden and not keep_filter:
            self.filter_actor = None
            self.hint = "filter cleared to show the record"
        if not pane.select(record_id) and not (hidden and keep_filter):
            return False
        self.current_pane = name
        self._set_target((kind, record_id))
        if focus == "detail":
            self.set_focus(self.detail)
        elif focus == "list":
            self.set_focus(pane)
        self.update_status()
        return True

    def listed(self, kind: str, record_id: str) -> bool:
        """Is the record in its pane's list (not hidden by the filter)?"""
        name = KIND_PANE.get(kind)  # no record id: the story, in its overview
        return not record_id or (name is not None and self.pane(name).has(record_id))

    def escape_words(self) -> str | None:
        """What escape does from the detail when it is not "back to" a
        followed link's record or the list (see :meth:`action_back`)."""
        if self.zoomed:
            return "z or esc: the lists back"
        if self.returns_to_matrix():
            return "esc: back to the matrix"
        return None

    def _update_label(self) -> None:
        focused = self.detail.has_focus_within
        label = self.query_one("#detail-label", Line)
        label.show(
            label_content(
                self.detail.target,
                focused=focused,
                back_to=self.history.last_kind,
                links=bool(self.detail.links),
                esc=self.escape_words(),
            )
        )
        label.set_class(focused, "-focused")

    # -- filter -------------------------------------------------------------------
    def apply_filter(self, actor_id: str | None) -> None:
        self.filter_actor = actor_id

    def _filter_applied(self, actor_id: str | None) -> None:
        """After the filtered panes have reloaded (they are bound to
        ``filter_actor`` and watch it first): the counts, and the pane that
        has something to show."""
        self.update_tabs()
        if actor_id is not None:
            timeline, quotes = self.pane("timeline"), self.pane("quotes")
            target: PaneName = "timeline" if timeline.count or not quotes.count else "quotes"
            self.show_pane(target)
        self.update_status()

    # -- search (the rest is SearchKeys) ---------------------------------------------
    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.run_search(event.value)

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.focused is self.search_bar:
            self.keep_search()

    # -- escape ---------------------------------------------------------------------
    def action_back(self) -> None:
        """Escape: the lists back after z; in the detail, back to the record a followed link came
        from, else back to its list; else clear the filter; else back to the
        whole story from an as-of date; else clear the search; else nothing."""
        self.hint = ""
        zoomed = self.zoomed
        back = self.history.back() if self.detail.has_focus_within and not zoomed else None
        if zoomed:
            self.zoomed = False
        elif back is not None:
            target, place = back
            self.detail.return_to(place)
            if target is None:  # the story's overview
                self._set_target(None, overview=True)
            elif not self.navigate(*target, focus="detail"):
                self.set_focus(self.pane(self.current_pane))
        elif self.detail.has_focus_within:
            if not self.back_to_matrix():  # opened from the positions matrix
                self.set_focus(self.pane(self.current_pane))
        elif self.filter_actor is not None:
            self.filter_actor = None
        elif self.as_of.date is not None:
            self.as_of.clear()
            self.run_worker(show_story(self, self.as_of.story()), group="as-of")
        elif self.search.query:
            self.clear_search()
        self.update_status()

    # -- status and tabs ---------------------------------------------------------------
    def update_tabs(self) -> None:
        """The tabs' labels and, side by side, the panes' border titles."""
        for name in PANES:
            pane = self.pane(name)
            label = tab_label(name, pane)
            self.query_one(f"#tab-{name}", PaneTab).show(label)
            if pane.border_title != label.plain:
                pane.border_title = label

    def update_status(self) -> None:
        """The filter line and the search line (each shown only when needed)."""
        self.query_one("#filter-line", StatusLine).say(filter_line(self.story, self.filter_actor))
        self.update_search_status(self.hint)
