"""The Textual application: a thin shell around :class:`BrowserScreen`.

``create_app`` is what the command line and the tests call.  The theme is
the ``theme`` argument, else ``$TEXTUAL_THEME``, else ``ansi-dark`` when the
terminal has only 16 colours (or none) or ``NO_COLOR`` is set, else
``textual-dark``.  ``ansi-dark`` draws with the terminal's own palette and
background: on a 16-colour terminal Textual's RGB themes are approximated
with the nearest ANSI colours, and under NO_COLOR the ansi themes let
Textual strip colour entirely instead of painting grey backgrounds.

Live reload (``watch=True``, ``storybrowse --watch``): a timer stats the
file every *watch_interval* seconds (:class:`tui.watch.FileWatch` decides
when a change has settled); the new version is loaded in a thread, then
applied here, on the UI thread: a good version replaces the story on the
browser screen, keeping the reader's place; a bad one leaves the last good
version on screen and lists its problems in the error panel.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, BinaryIO, ClassVar, Literal, TextIO

from rich.console import Console
from textual.app import SuspendNotSupported, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import BUILTIN_THEMES

from tui.present.describe import plural
from tui.screens.browser import BrowserScreen
from tui.screens.help import HelpScreen, key_display
from tui.screens.live import LiveBrowserScreen
from tui.screens.palette import app_command
from tui.story.dates import EdtfDate
from tui.story.model import Story
from tui.story.sanitize import display_line
from tui.terminal.base import TerminalApp

if TYPE_CHECKING:
    # Imported when watching only: the plain browser does without it.
    from tui.watch import FileWatch, Outcome, Signature

DEFAULT_THEME = "textual-dark"
LOW_COLOUR_THEME = "ansi-dark"

# System commands that make no sense for a reader (or write files).
DROPPED_COMMANDS = frozenset({"Screenshot"})

# Set to "1" by `storybrowse serve` for each reader's app: restricted mode.
RESTRICTED_VARIABLE = "STORYBROWSE_RESTRICTED"


def is_restricted(environ: Mapping[str, str]) -> bool:
    """Does *environ* ask for restricted mode (``STORYBROWSE_RESTRICTED=1``)?"""
    return environ.get(RESTRICTED_VARIABLE, "") == "1"


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


class StoryBrowser(TerminalApp):
    """Browse one story: timeline, actors, quotes, sources and the detail."""

    # The browser screen's CSS is loaded here: Textual reads a screen's
    # CSS_PATH only for pushed screens, not for the default screen.
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        "screens/browser.tcss",
        "widgets/lists.tcss",
        "widgets/detail.tcss",
        "widgets/problems.tcss",
        "terminal/palette.tcss",
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        # As in htop, k9s and lazygit; the search bar closes the search instead.
        Binding("ctrl+c", "quit", "Quit", show=False, id="quit.ctrl_c"),
        Binding(
            "ctrl+z",
            "suspend_process",
            "Suspend",
            show=False,
            id="suspend",
            tooltip="Suspend: back to the shell (fg returns here)",
        ),
        Binding("question_mark", "help", "Help", id="help", tooltip="Help: this list of keys"),
        Binding(
            "ctrl+p",
            "command_palette",
            "Jump to…",
            show=False,
            priority=True,
            id="palette",
            tooltip="Jump to the overview or any incident, actor, quote or source by name",
        ),
    ]
    # The palette's story providers are the browser screen's (its COMMANDS).
    ENABLE_COMMAND_PALETTE = True
    # Restricted mode: see RestrictedStoryBrowser.
    restricted: ClassVar[bool] = False

    def __init__(
        self,
        story: Story,
        *,
        path: Path | None = None,
        ansi_color: bool | None = None,
        watch: FileWatch | None = None,
        watch_interval: float | None = None,
        as_of: EdtfDate | None = None,
    ) -> None:
        super().__init__(ansi_color=ansi_color)
        self.story = story
        self.as_of = as_of  # --as-of: the first screen shows the story as of then
        self.path = path
        self.title = display_line(story.meta.headline)
        self.sub_title = self.path_shown(path)
        self.file_watch = watch
        self.watch_interval = watch_interval
        self._loading = False
        self.start_at: str | None = None  # storybrowse FILE ID: the record to open

    def path_shown(self, path: Path | None) -> str:
        """The story's path as the app shows it (its sub-title)."""
        return display_line(str(path)) if path is not None else ""

    @property
    def watching(self) -> bool:
        return self.file_watch is not None

    def get_default_screen(self) -> Screen[None]:
        # The live screen (its error panel) also when `e` can edit the file.
        live = self.file_watch is not None or (self.path is not None and not self.restricted)
        screen = (LiveBrowserScreen if live else BrowserScreen)(self.story, self.as_of)
        screen.start_at = self.start_at
        return screen

    def on_mount(self) -> None:
        if self.file_watch is not None:
            from tui.watch import POLL_INTERVAL

            interval = POLL_INTERVAL if self.watch_interval is None else self.watch_interval
            self.set_interval(interval, self._poll_story, name="story watch")

    # -- live reload ---------------------------------------------------------------
    def _poll_story(self) -> None:
        watch = self.file_watch
        if watch is None or self._loading or not watch.due():
            return
        self._loading = True
        self.run_worker(self._reload(watch), name="story reload", group="story reload")

    async def _reload(self, watch: FileWatch) -> None:
        """Load the settled file in a thread, then apply it here."""
        try:
            outcome = await watch.load_async()
        finally:
            self._loading = False
        if watch.accept(outcome):
            await self.apply_reload(outcome)
        # else: the file changed while it was read; the next polls see the
        # change and load it again once it has settled.

    def _browser(self) -> LiveBrowserScreen | None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, LiveBrowserScreen):
                return screen
        return None

    async def apply_reload(self, outcome: Outcome) -> None:
        """Show a loaded version of the file: the new story, or its problems
        over the last good version."""
        # An earlier "Reloaded" toast would cover the error panel.
        self.clear_notifications()
        screen = self._browser()
        # The file's name: the problems themselves give its whole path.
        name = self.path.name if self.path is not None else "the story"
        if outcome.story is None:
            if screen is not None:
                screen.show_problems(name, outcome.problems)
            return
        self.story = outcome.story
        self.title = display_line(outcome.story.meta.headline)
        message = f"Reloaded {display_line(name)}"
        if outcome.warnings:
            count = plural(len(outcome.warnings), "warning")
            message += f" ({count}: storybrowse check lists them)"
        self.notify(message, markup=False, timeout=3)
        if screen is not None:
            screen.dismiss_problems()
            await screen.replace_story(outcome.story)

    # -- e: the story file in the user's editor (tui.screens.record_keys) -----------
    def editor_terminal(self) -> tuple[int, int]:
        """The file descriptors (input, output) the editor runs on: the
        browser's own terminal."""
        if self.terminal is not None:
            return self.terminal.input_fd, self.terminal.output_fd
        return 0, 1

    async def reload_story(self, before: Signature) -> str:
        """Load the story file again now (after the editor) and show it as
        a live reload does, unless its signature is still *before* (taken
        before the editor ran): then a remark for the status line."""
        if self.path is None:
            return ""
        from tui.watch import FileWatch

        watch = FileWatch(self.path, settle=0)
        if watch.loaded == before:
            return f"{display_line(self.path.name)} was not changed"
        self._loading = True  # no --watch poll meanwhile
        try:
            outcome = await watch.load_async()
        finally:
            self._loading = False
        if self.file_watch is not None:
            self.file_watch.accept(outcome)
        await self.apply_reload(outcome)
        return ""

    def get_key_display(self, binding: Binding) -> str:
        return key_display(binding)

    def palette_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The app's own commands in the palette, in our words
        (:func:`tui.screens.palette.app_command`), without the dropped ones."""
        for command in super().get_system_commands(screen):
            if command.title not in DROPPED_COMMANDS:
                yield app_command(command)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # The browser screen's palette lists them itself, after the story's
        # records (tui.screens.palette.StoryCommands).
        if not isinstance(screen, BrowserScreen):
            yield from self.palette_commands(screen)

    def action_help(self) -> None:
        """Show the key help (from the browser screen only, never twice)."""
        screen = self.screen
        if isinstance(screen, BrowserScreen):
            self.push_screen(HelpScreen(screen.help_sections()))


class RestrictedStoryBrowser(StoryBrowser):
    """Restricted mode: each reader's app under ``storybrowse serve``.

    Nothing that touches the server beyond reading the story: no screenshot
    or other file written, no suspend (it would stop the process for good),
    no URL opened (on the server!), no file dialogs, and the server's
    directories are not shown.  Each of those is an override here; a new
    feature that writes, opens or runs anything adds one.
    """

    restricted: ClassVar[bool] = True

    def path_shown(self, path: Path | None) -> str:
        return display_line(path.name) if path is not None else ""

    def _not_here(self, what: str) -> None:
        self.notify(f"{what} is not available here.", severity="warning", markup=False)

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        self._not_here("Saving a screenshot")

    def save_screenshot(
        self,
        filename: str | None = None,
        path: str | None = None,
        time_format: str | None = None,
    ) -> str:
        raise PermissionError("restricted mode: no files are written")

    def deliver_text(
        self,
        path_or_file: str | Path | TextIO,
        *,
        save_directory: str | Path | None = None,
        save_filename: str | None = None,
        open_method: Literal["browser", "download"] = "download",
        encoding: str | None = None,
        mime_type: str | None = None,
        name: str | None = None,
    ) -> str | None:
        self._not_here("Saving files")
        return None

    def deliver_binary(
        self,
        path_or_file: str | Path | BinaryIO,
        *,
        save_directory: str | Path | None = None,
        save_filename: str | None = None,
        open_method: Literal["browser", "download"] = "download",
        mime_type: str | None = None,
        name: str | None = None,
    ) -> str | None:
        self._not_here("Saving files")
        return None

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        self._not_here("Opening links")

    def action_suspend_process(self) -> None:
        self._not_here("Suspending")

    @contextmanager
    def suspend(self) -> Iterator[None]:
        raise SuspendNotSupported("restricted mode: storybrowse cannot be suspended")
        yield  # never reached: makes this a generator, as contextmanager needs


def create_app(
    story: Story,
    *,
    path: Path | None = None,
    theme: str | None = None,
    environ: Mapping[str, str] | None = None,
    watch: bool = False,
    watch_interval: float | None = None,
    watch_settle: float | None = None,
    watch_baseline: Signature | None = None,
    restricted: bool | None = None,
    as_of: EdtfDate | None = None,
    start_at: str | None = None,
    keymap: Mapping[str, str] | None = None,
) -> StoryBrowser:
    """The browser for *story*.

    *theme*: a Textual theme name, else ``$TEXTUAL_THEME``, else chosen for
    the terminal (see the module doc).  An unknown name raises
    ``textual.app.InvalidThemeError``.

    *watch*: reload the story when *path* changes on disk, polling every
    *watch_interval* seconds (default ``tui.watch.POLL_INTERVAL``) and
    loading a new version once it has been unchanged for *watch_settle*
    seconds (default ``tui.watch.SETTLE``).  *watch_baseline*: the file's
    signature (``tui.watch.signature``) taken before *story* was loaded, so
    that a save during that load is not missed; by default, the file now.

    *as_of*: show the story as it stood on that date (``--as-of``; ``[``,
    ``]`` and escape change it).

    *start_at*: the id of a record to open at start (``storybrowse FILE
    ID``); the caller checks it exists (an unknown id opens the browser as
    usual).  *keymap*: binding id -> ``"key,key"`` (the config file's).

    *restricted*: restricted mode (a ``RestrictedStoryBrowser``); by
    default, on when the environment has ``STORYBROWSE_RESTRICTED=1``, as
    ``storybrowse serve`` sets for each reader.
    """
    if watch and path is None:
        raise ValueError("watching needs the story's path")
    env = os.environ if environ is None else environ
    name = theme or env.get("TEXTUAL_THEME") or default_theme(env)
    # Textual picks its NO_COLOR filter in App.__init__ from the theme it has
    # then; a theme set afterwards keeps the wrong one (Monochrome, which
    # paints an ansi theme black on black).  Say up front that the theme is
    # an ANSI one, so NO_COLOR strips colour instead.
    chosen = BUILTIN_THEMES.get(name)
    file_watch = None
    if watch and path is not None:
        from tui.watch import SETTLE, FileWatch

        settle = SETTLE if watch_settle is None else watch_settle
        file_watch = FileWatch(path, settle=settle, baseline=watch_baseline)
    if restricted is None:
        restricted = is_restricted(env)
    app_class = RestrictedStoryBrowser if restricted else StoryBrowser
    app = app_class(
        story,
        path=path,
        ansi_color=True if chosen and chosen.ansi else None,
        watch=file_watch,
        watch_interval=watch_interval,
        as_of=as_of,
    )
    app.theme = name
    app.start_at = start_at
    if keymap:
        app.set_keymap(dict(keymap))
    return app
