"""The help screen: every key, read from the bindings themselves.

The table is generated from the ``BINDINGS`` of the classes that make up
the browser (and the user's keymap, if any), so it cannot drift from what
the keys actually do.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.geometry import Size
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Static

from tui.widgets.actors import ActorsPane
from tui.widgets.detail import DetailPane
from tui.widgets.listpane import ListPane
from tui.widgets.search import SearchBar

KeySection = tuple[str, list[tuple[str, str]]]  # (heading, [(keys, description)])

NOTES: tuple[tuple[str, str], ...] = (
    ("▸", "the row under the cursor"),
    ("“Q  ≈P", "a direct quote, a paraphrase"),
    ("context", "a background event on the timeline, not a claimed incident"),
    ("18 Apr 2022?", "? uncertain, ~ approximate; '(year not given)' when unknown"),
    ("mouse", "click a row to select it, click it again to open it"),
    ("2 confirmed (1 changed)", "actors by their latest stance; (1 changed): one of them moved"),
    ("WITHDRAWN", "a statement later withdrawn: shown, but no longer the actor's position"),
    ("as of 10 Jan 2020", "the story as it stood then ([ ] step, escape: all of it)"),
)


def own_bindings(cls: type[DOMNode]) -> list[Binding]:
    """The bindings *cls* itself declares (not those it inherits)."""
    declared: list[BindingType] = list(cls.__dict__.get("BINDINGS", []))
    return list(Binding.make_bindings(declared))


# Footer, help and ``--help`` show keys as words: clearer than glyphs, and
# free of the East Asian "ambiguous width" arrows that misalign some terminals.
KEY_WORDS: dict[str, str] = {
    "enter": "enter",
    "up": "up",
    "down": "down",
    "left": "left",
    "right": "right",
    "escape": "esc",
    "pagedown": "pgdn",
    "pageup": "pgup",
}

KeyDisplay = Callable[[Binding], str]


def key_display(binding: Binding) -> str:
    """How storybrowse names *binding*'s key (``esc``, ``pgdn``, ``?``,
    ``^p``): :data:`KEY_WORDS`, else as Textual's ``App.get_key_display``
    (the footer, the help screen and ``--help`` all use this)."""
    if binding.key_display:
        return binding.key_display
    if binding.key in KEY_WORDS:
        return KEY_WORDS[binding.key]
    modifiers, key = binding.parse_key()
    key = format_key(key)
    if "ctrl" in modifiers:
        modifiers.remove("ctrl")
        key = f"^{key}"
    return "+".join([*modifiers, key])


def spelled_key_display(binding: Binding) -> str:
    """:func:`key_display` with names a shell user reads without a legend:
    ``ctrl+p`` rather than ``^p``, ``escape`` rather than ``esc`` (for
    ``storybrowse --help`` and the README)."""
    if binding.key_display:
        return binding.key_display
    if binding.key == "escape":
        return "escape"
    if binding.key in KEY_WORDS:
        return KEY_WORDS[binding.key]
    modifiers, key = binding.parse_key()
    return "+".join([*modifiers, format_key(key)])


def key_sections(
    groups: Sequence[tuple[str, Sequence[type[DOMNode]]]],
    *,
    keymap: Mapping[str, str] | None = None,
    display: KeyDisplay = key_display,
) -> list[KeySection]:
    """One section per group: each distinct action with all its keys, as
    remapped by *keymap* (binding id -> ``"key,key"``) and named by
    *display*, in the order the classes declare them."""
    keymap = keymap or {}
    sections: list[KeySection] = []
    for heading, classes in groups:
        order: list[tuple[str, str]] = []
        keys: dict[tuple[str, str], list[str]] = {}
        for cls in classes:
            for binding in own_bindings(cls):
                if not binding.description:
                    continue
                # The footer shows the short description; help the tooltip.
                entry = (binding.action, binding.tooltip or binding.description)
                if binding.id and binding.id in keymap:
                    bound = [
                        display(binding.with_key(k.strip(), key_display=None))
                        for k in keymap[binding.id].split(",")
                    ]
                else:
                    bound = [display(binding)]
                if entry not in keys:
                    order.append(entry)
                    keys[entry] = []
                keys[entry].extend(k for k in bound if k not in keys[entry])
        rows = [(" ".join(keys[e]), e[1]) for e in order]
        if rows:
            sections.append((heading, rows))
    return sections


def browser_groups(
    app_class: type[App[Any]], screens: Sequence[type[DOMNode]], *, with_help: bool = True
) -> list[tuple[str, Sequence[type[DOMNode]]]]:
    """The browser's classes by help section: *app_class* (and its bases up
    to ``App``) and *screens*, then the panes, the detail, the search bar
    and (*with_help*) this help screen."""
    apps = [c for c in reversed(app_class.__mro__) if issubclass(c, App) and c is not App]
    groups: list[tuple[str, Sequence[type[DOMNode]]]] = [
        ("Anywhere", [*apps, *screens]),
        ("In a list (timeline, actors, quotes, sources)", [ListPane]),
        ("In the actors list", [ActorsPane]),
        ("In the detail", [DetailPane]),
        ("In the search bar", [SearchBar]),
        *matrix_groups(),
    ]
    if with_help:
        groups.append(("In this help", [HelpScreen]))
    return groups


def matrix_groups() -> list[tuple[str, Sequence[type[DOMNode]]]]:
    """The positions matrix's keys (``m``): its screen's and its widget's."""
    # Imported here: the matrix screen imports this module for its own help.
    from tui.screens.matrix import MatrixScreen
    from tui.widgets.matrix import MatrixView

    return [("In the positions matrix (m)", [MatrixScreen, MatrixView])]


def browser_key_sections(app: App[object], screens: Sequence[type[DOMNode]]) -> list[KeySection]:
    """The browser's help, with the keys as the app's keymap binds them."""
    # App.set_keymap has no public getter; the mapping is id -> "key,key".
    keymap: dict[str, str] = dict(getattr(app, "_keymap", {}) or {})
    return key_sections(
        browser_groups(type(app), screens), keymap=keymap, display=app.get_key_display
    )


def render_sections(
    sections: Sequence[KeySection], width: int = 80, notes: Sequence[tuple[str, str]] = NOTES
) -> list[Content]:
    """The help text as lines of *width*: a heading per section, then
    ``keys  description`` with long descriptions wrapped under themselves."""
    key_width = max([len(k) for _, rows in sections for k, _ in rows] + [len(k) for k, _ in notes])
    key_width = min(key_width, 18)
    indent = 2 + key_width + 2
    text_width = max(10, width - indent)
    bold = Style(bold=True)
    lines: list[Content] = []
    for heading, rows in [*sections, ("What the marks mean", list(notes))]:
        if lines:
            lines.append(Content(""))
        lines.append(Content.styled(heading, bold))
        for keys, description in rows:
            wrapped = textwrap.wrap(description, text_width) or [""]
            lines.append(Content.assemble((f"  {keys:<{key_width}}", bold), "  ", wrapped[0]))
            lines.extend(Content(" " * indent + more) for more in wrapped[1:])
    return lines


class HelpBody(Widget):
    """The key table, re-wrapped to the width it is given."""

    def __init__(self, sections: Sequence[KeySection], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sections = list(sections)

    def _lines(self, width: int) -> list[Content]:
        return render_sections(self.sections, width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.content_region.width or 80))


class HelpScreen(ModalScreen[None]):
    """A scrollable list of every key; escape, q or ? closes it."""

    CSS_PATH = "help.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close this help", id="help.close"),
        Binding("down,j", "scroll('down')", "Scroll down", show=False, id="help.down"),
        Binding("up,k", "scroll('up')", "Scroll up", show=False, id="help.up"),
        Binding(
            "pagedown,space", "scroll('page_down')", "Page down", show=False, id="help.page_down"
        ),
        Binding("pageup", "scroll('page_up')", "Page up", show=False, id="help.page_up"),
        Binding("g,home", "scroll('home')", "Top", show=False, id="help.top"),
        Binding("G,end", "scroll('end')", "Bottom", show=False, id="help.bottom"),
    ]

    def __init__(self, sections: Sequence[KeySection]) -> None:
        super().__init__()
        self.sections = list(sections)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(Content("Keys — esc, q or ? closes this help"), id="help-title")
            with VerticalScroll(id="help-scroll"):
                yield HelpBody(self.sections, id="help-body")

    def on_mount(self) -> None:
        self.query_one("#help-scroll", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, where: str) -> None:
        scroll = self.query_one("#help-scroll", VerticalScroll)
        if where == "down":
            scroll.scroll_down(animate=False)
        elif where == "up":
            scroll.scroll_up(animate=False)
        elif where == "page_down":
            scroll.scroll_page_down(animate=False)
        elif where == "page_up":
            scroll.scroll_page_up(animate=False)
        elif where == "home":
            scroll.scroll_home(animate=False)
        elif where == "end":
            scroll.scroll_end(animate=False)
