"""The browser screen's keys (``BrowserScreen.BINDINGS``).

Priority bindings: the App runs them as it reads each key, before it hands
the next key on.  Keys typed ahead in one read ("/Termez", "2G" over a
laggy SSH link) then reach the widget the previous key focused.  The
screen's ``check_action`` turns them off where they must not act (the
search bar).  Every binding has an id, so a user keymap can remap it.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

BROWSER_BINDINGS: list[BindingType] = [
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
    # -- the story's overview and sources (issue 13) --
    Binding("4", "show_pane('sources')", "Sources", show=False, id="pane.sources", priority=True),
    Binding(
        "0",
        "overview",
        "Story overview",
        show=False,
        id="story.overview",
        tooltip="The story's overview: headline, outlet, summary, counts, its sources",
        priority=True,
    ),
    # -- end of the overview and sources keys --
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
        "left_square_bracket",
        "as_of_step(-1)",
        "As of the previous date a statement was made or withdrawn",
        show=False,
        id="as_of.earlier",
        tooltip="The story as of the previous date a statement was made or withdrawn",
        priority=True,
    ),
    Binding(
        "right_square_bracket",
        "as_of_step(1)",
        "As of the next date (after the last: the whole story)",
        show=False,
        id="as_of.later",
        tooltip="As of the next date a statement was made or withdrawn (at the end: all)",
        priority=True,
    ),
    Binding(
        "escape",
        "back",
        "Back",
        id="back",
        tooltip=(
            "Back: to the record a link came from; from the detail to its list; "
            "else clear the filter; else the whole story (after [ or ]); else the search"
        ),
        priority=True,
    ),
    # Room to read, copy, edit (tui/screens/record_keys.py).
    Binding(
        "z",
        "zoom",
        "Zoom",
        show=False,
        id="detail.zoom",
        tooltip="Room to read: the detail at full height, the lists hidden (z or esc: back)",
        priority=True,
    ),
    Binding(
        "y",
        "copy_id",
        "Copy id",
        show=False,
        id="copy.id",
        tooltip="Copy the id of the record on screen to the clipboard (OSC 52)",
        priority=True,
    ),
    Binding(
        "Y",
        "copy_view",
        "Copy as Markdown",
        show=False,
        id="copy.view",
        tooltip="Copy the record on screen as Markdown, as `show ID --format markdown` prints it",
        priority=True,
    ),
    Binding(
        "e",
        "edit",
        "Edit",
        show=False,
        id="edit",
        tooltip="Edit the story file in $VISUAL or $EDITOR at the record's line; "
        "the browser reloads it when the editor exits",
        priority=True,
    ),
    # -- the positions matrix (tui/screens/matrix_keys.py) --
    Binding(
        "m",
        "matrix",
        "Positions matrix",
        show=False,  # the footer is full at 80 columns: in the help and the palette
        id="matrix.open_screen",
        tooltip="Positions matrix: every incident × every actor's latest stance",
        priority=True,
    ),
]
