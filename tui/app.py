"""The Textual application: a thin shell around :class:`BrowserScreen`.

``create_app`` is what the command line and the tests call.  The theme is
the ``theme`` argument, else ``$TEXTUAL_THEME``, else ``ansi-dark`` when the
terminal has only 16 colours (or none) or ``NO_COLOR`` is set, else
``textual-dark``.  ``ansi-dark`` draws with the terminal's own palette and
background: on a 16-colour terminal Textual's RGB themes are approximated
with the nearest ANSI colours, and under NO_COLOR the ansi themes let
Textual strip colour entirely instead of painting grey backgrounds.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePath
from typing import ClassVar

from rich.console import Console
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import BUILTIN_THEMES

from tui.commands import STORY_PROVIDERS
from tui.screens.browser import BrowserScreen
from tui.screens.help import HelpScreen
from tui.story.model import Story
from tui.story.sanitize import display_line

DEFAULT_THEME = "textual-dark"
LOW_COLOUR_THEME = "ansi-dark"

# Footer and help show keys as words: clearer than glyphs, and free of the
# East Asian "ambiguous width" arrows that misalign some terminals.
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

# System commands that make no sense for a reader (or write files).
DROPPED_COMMANDS = frozenset({"Screenshot"})


def colour_system(environ: Mapping[str, str]) -> str | None:
    """The colour system Textual will use: ``TEXTUAL_COLOR_SYSTEM`` if set,
    else what Rich detects from TERM and COLORTERM (Textual does the same)."""
    forced = environ.get("TEXTUAL_COLOR_SYSTEM", "auto")
    if forced != "auto":
        return forced
    env = {k: v for k, v in environ.items() if k != "NO_COLOR"}
    console = Console(file=io.StringIO(), force_terminal=True, _environ=env)
    return console.color_system


def default_theme(environ: Mapping[str, str]) -> str:
    """The theme when neither ``--theme`` nor TEXTUAL_THEME names one."""
    if "NO_COLOR" in environ or colour_system(environ) in (None, "standard", "windows"):
        return LOW_COLOUR_THEME
    return DEFAULT_THEME


class StoryBrowser(App[None]):
    """Browse one story: timeline, actors, quotes and the detail."""

    # The browser screen's CSS is loaded here: Textual reads a screen's
    # CSS_PATH only for pushed screens, not for the default screen.
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        "screens/browser.tcss",
        "widgets/lists.tcss",
        "widgets/detail.tcss",
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", id="help", tooltip="Help: this list of keys"),
        Binding(
            "ctrl+p",
            "command_palette",
            "Jump to…",
            show=False,
            priority=True,
            id="palette",
            tooltip="Jump to any incident, actor or quote by name (command palette)",
        ),
    ]
    COMMANDS: ClassVar[set[type]] = App.COMMANDS | STORY_PROVIDERS  # type: ignore[assignment]
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self, story: Story, *, path: Path | None = None, ansi_color: bool | None = None
    ) -> None:
        super().__init__(ansi_color=ansi_color)
        self.story = story
        self.path = path
        self.title = display_line(story.meta.headline)
        self.sub_title = display_line(str(path)) if path is not None else ""

    def get_default_screen(self) -> Screen[None]:
        return BrowserScreen(self.story)

    def get_key_display(self, binding: Binding) -> str:
        if not binding.key_display and binding.key in KEY_WORDS:
            return KEY_WORDS[binding.key]
        return super().get_key_display(binding)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title not in DROPPED_COMMANDS:
                yield command

    def action_help(self) -> None:
        """Show the key help (from the browser screen only, never twice)."""
        screen = self.screen
        if isinstance(screen, BrowserScreen):
            self.push_screen(HelpScreen(screen.help_sections()))


def create_app(
    story: Story,
    *,
    path: Path | None = None,
    theme: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> StoryBrowser:
    """The browser for *story*.

    *theme*: a Textual theme name, else ``$TEXTUAL_THEME``, else chosen for
    the terminal (see the module doc).  An unknown name raises
    ``textual.app.InvalidThemeError``.
    """
    env = os.environ if environ is None else environ
    name = theme or env.get("TEXTUAL_THEME") or default_theme(env)
    # Textual picks its NO_COLOR filter in App.__init__ from the theme it has
    # then; a theme set afterwards keeps the wrong one (Monochrome, which
    # paints an ansi theme black on black).  Say up front that the theme is
    # an ANSI one, so NO_COLOR strips colour instead.
    chosen = BUILTIN_THEMES.get(name)
    app = StoryBrowser(story, path=path, ansi_color=True if chosen and chosen.ansi else None)
    app.theme = name
    return app
