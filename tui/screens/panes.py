"""The browser's four list panes: their names, tabs and labels.

The timeline, the actors, the quotes and the sources are shown one at a
time under a tab strip (side by side on very wide terminals); a record kind
lives in one of them.  The story's overview has no list: it is the detail's
view of no record (key 0).  The line above the detail says what kind of record it shows; the
title and the filter line frame them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.content import Content
from textual.message import Message
from textual.style import Style

from tui.present.describe import actor_name, plural
from tui.story.model import RecordKind, Story
from tui.story.positions import members
from tui.widgets.listpane import ListPane
from tui.widgets.status import Line
from tui.widgets.text import literal_line

PaneName = Literal["timeline", "actors", "quotes", "sources"]
PANES: tuple[PaneName, ...] = ("timeline", "actors", "quotes", "sources")
PANE_TITLES: dict[PaneName, str] = {
    "timeline": "Timeline",
    "actors": "Actors",
    "quotes": "Quotes",
    "sources": "Sources",
}
FILTERED: tuple[PaneName, ...] = ("timeline", "quotes")  # the panes the actor filter applies to
KIND_PANE: dict[str, PaneName] = {
    "incident": "timeline",
    "context": "timeline",
    "actor": "actors",
    "quote": "quotes",
    "source": "sources",
}
KIND_LABEL: dict[str, str] = {
    "incident": "Incident",
    "context": "Context event",
    "actor": "Actor",
    "quote": "Quote",
    "source": "Source",
    "story": "Story overview",  # where escape goes back to (back_to)
}
# The detail's label when it shows no record: the story's overview.
OVERVIEW_LABEL = "Story overview"
BOLD = Style(bold=True)


class PaneTab(Line):
    """``1 Timeline (4)`` in the tab strip; a click posts :class:`PaneTab.Clicked`."""

    @dataclass
    class Clicked(Message):
        """Show this pane."""

        pane: PaneName

    def __init__(self, pane: PaneName, content: Content) -> None:
        super().__init__(content, id=f"tab-{pane}", classes="tab")
        self.pane: PaneName = pane

    def on_click(self) -> None:
        self.post_message(self.Clicked(self.pane))


def tab_label(name: PaneName, pane: ListPane) -> Content:
    """``1 Timeline (4)``; ``(2/4)`` under the actor filter."""
    count = f"{pane.count}/{pane.total}" if pane.filter_actor is not None else str(pane.count)
    return Content(f"{PANES.index(name) + 1} {PANE_TITLES[name]} ({count})")


def label_content(
    target: tuple[RecordKind, str] | None,
    *,
    focused: bool,
    back_to: str | None = None,
    links: bool = True,
    esc: str | None = None,
) -> Content:
    """The line above the detail: what it shows, and the keys to use;
    *back_to*: the kind of record escape returns to (a followed link's
    origin), else escape goes back to the list; *links*: the record shown
    has links (up/down then move between them, else they scroll); *esc*:
    what escape does instead (``esc: back to the matrix``).  While
    the detail has the focus this line names its keys (the footer has
    enter, f and tab): at most 78 cells, so it fits 80 columns."""
    label = KIND_LABEL.get(target[0], "Detail") if target else OVERVIEW_LABEL
    if focused:
        back = KIND_LABEL.get(back_to, "record").lower() if back_to is not None else "list"
        move = "up/down: links" if links else "up/down: scroll"
        hint = f"{move} · pgdn: page · {esc or f'esc: back to the {back}'}"
    elif target is None:
        hint = "enter: open the selected row · 0: back here"
    else:
        hint = "enter: open it here · tab: next pane"
    return Content.assemble((label, BOLD), " — ", hint)


def title_line(story: Story, as_of: str = "") -> Content:
    """The top line: ``storybrowse · <headline>``; with *as_of* (``as of 10
    Mar 2031``) that first: ``storybrowse · as of 10 Mar 2031 · <headline>``."""
    parts: list[str | tuple[str, Style] | Content] = [("storybrowse", BOLD), " · "]
    if as_of:
        parts += [(as_of, BOLD), " · "]
    parts.append(literal_line(story.meta.headline))
    return Content.assemble(*parts)


def filter_line(story: Story, actor_id: str | None) -> Content | None:
    """``Filter: <actor> — esc clears``, or ``Filter: <actor> and 4 members
    — esc clears`` when the filter includes its members; None without a
    filter."""
    if actor_id is None:
        return None
    n = len(members(story, actor_id))
    also = f" and {plural(n, 'member')}" if n else ""
    return Content.assemble(
        ("Filter: ", BOLD), literal_line(actor_name(story, actor_id)), also, " — esc clears"
    )
