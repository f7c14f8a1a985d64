"""The browser screen's keys for the record on screen: ``z`` room to read,
``y`` / ``Y`` copy, ``e`` edit, and the record a deep link opens.

A mixin of :class:`tui.screens.browser.BrowserScreen` (Textual finds the
``action_*`` and ``watch_*`` methods by name, through the screen's class):

- ``z``: the reactive ``zoomed`` (declared on the screen) sets the class
  ``-zoomed``, which hides the tabs and the lists (``browser.tcss``); z
  again, escape, or focusing a list gives them back.
- ``y`` copies the record's id, ``Y`` the record as Markdown (what
  ``storybrowse show ID --format markdown`` prints), to the clipboard of the
  terminal with OSC 52 (``App.copy_to_clipboard``); the search line says
  what was copied.
- ``e`` opens the story file in the user's editor (:mod:`tui.editor`) at the
  record's line (:func:`tui.story.record_lines.record_line`), with the app
  suspended; then the app reloads the file as ``--watch`` does.  Refused
  in serve's restricted mode and when the story has no file.
- ``storybrowse FILE ID``: :meth:`RecordKeys.open_start_record`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal, Protocol, cast

from textual.app import SuspendNotSupported

from tui.present.markdown import render_markdown
from tui.present.story_view import overview_view
from tui.present.view import build_view
from tui.story.model import RecordKind, Story
from tui.story.sanitize import display_line

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer, TimerCallback
    from textual.widget import Widget
    from typing_extensions import Self

    from tui.screens.asof import AsOf
    from tui.screens.panes import PaneName
    from tui.watch import Signature
    from tui.widgets.detail import DetailPane
    from tui.widgets.listpane import ListPane

# A remark on the status line (what was copied, why e did nothing) goes
# away after this many seconds, unless another one replaced it.
REMARK_SECONDS = 5.0


class EditingApp(Protocol):
    """What ``e`` needs of the app (``tui.app.StoryBrowser``)."""

    path: Path | None
    restricted: ClassVar[bool]

    async def reload_story(self, before: Signature) -> str: ...

    def editor_terminal(self) -> tuple[int, int]: ...


class RecordKeys:
    """z, y, Y, e and the deep link (see the module's docstring)."""

    if TYPE_CHECKING:  # what the screen provides
        story: Story
        hint: str
        as_of: AsOf
        zoomed: bool
        current_pane: PaneName
        focused: Widget | None
        app: App[object]

        @property
        def detail(self) -> DetailPane: ...

        def pane(self, name: PaneName) -> ListPane: ...
        def update_status(self) -> None: ...
        def _update_label(self) -> None: ...
        def set_focus(
            self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
        ) -> None: ...
        def set_class(self, add: bool, *class_names: str, update: bool = True) -> Self: ...
        def set_timer(
            self,
            delay: float,
            callback: TimerCallback | None = None,
            *,
            name: str | None = None,
            pause: bool = False,
        ) -> Timer: ...
        def _set_target(self, target: tuple[RecordKind, str] | None) -> None: ...
        def navigate(
            self,
            kind: RecordKind,
            record_id: str,
            *,
            focus: Literal["detail", "list", "keep"] = "detail",
            keep_filter: bool = False,
        ) -> bool: ...

    # The record `storybrowse FILE ID` opens (set before the screen mounts).
    start_at: str | None = None

    # -- z: room to read -------------------------------------------------------------
    def watch_zoomed(self, zoomed: bool) -> None:
        self.set_class(zoomed, "-zoomed")
        if zoomed:
            self.set_focus(self.detail)
        self._update_label()  # escape now gives the lists back

    def action_zoom(self) -> None:
        self.zoomed = not self.zoomed

    # -- y, Y: copy ---------------------------------------------------------------------
    def remark(self, text: str) -> None:
        """Say *text* on the status line for :data:`REMARK_SECONDS`."""
        self.hint = text
        self.update_status()

        def fade() -> None:
            if self.hint == text:
                self.hint = ""
                self.update_status()

        self.set_timer(REMARK_SECONDS, fade)

    def action_copy_id(self) -> None:
        """``y``: the id of the record in the detail."""
        target = self.detail.target
        if target is None:
            self.remark("nothing to copy: the overview has no id (Y copies it as Markdown)")
            return
        record_id = display_line(target[1])
        self.app.copy_to_clipboard(record_id)
        self.remark(f"copied the id {record_id} to the clipboard")

    def action_copy_view(self) -> None:
        """``Y``: the record in the detail as Markdown, as ``show`` prints it."""
        target = self.detail.target
        if target is None:
            nodes = overview_view(self.story)
            what = "the story's overview"
        else:
            found = build_view(self.story, target[1], self.as_of.date)
            if found is None:
                self.remark(f"nothing to copy: {display_line(target[1])} is not in the story")
                return
            nodes, what = found, display_line(target[1])
        text = render_markdown(nodes)
        self.app.copy_to_clipboard(text)
        lines = text.count("\n") + (not text.endswith("\n"))
        self.remark(f"copied {what} as Markdown ({lines} lines) to the clipboard")

    # -- e: edit ----------------------------------------------------------------------------
    async def action_edit(self) -> None:
        """``e``: the story file in the user's editor, at the record's line;
        then the file reloaded, keeping the reader's place."""
        from tui.editor import EditorError, editor_command, run_editor
        from tui.story.fileio import NotReadable, read_regular_file
        from tui.story.record_lines import record_line
        from tui.watch import signature

        app = cast("EditingApp", self.app)
        if app.restricted:
            self.remark("editing is not available here: this is a read-only session")
            return
        if app.path is None:
            self.remark("editing needs a story file: this story was not read from one")
            return
        target = self.detail.target
        line = None
        if target is not None:
            try:
                text = read_regular_file(app.path, 64 * 1024 * 1024).decode("utf-8", "replace")
            except NotReadable as exc:
                self.remark(f"cannot edit: {display_line(str(exc))}")
                return
            line = record_line(text, target[1])
        try:
            argv = editor_command(os.environ, app.path, line)
            input_fd, output_fd = app.editor_terminal()
            before = signature(app.path)
            with self.app.suspend():
                run_editor(argv, input_fd=input_fd, output_fd=output_fd)
        except EditorError as exc:
            self.remark(display_line(str(exc)))
            return
        except SuspendNotSupported:
            self.remark("editing is not available here: the browser cannot give up the terminal")
            return
        said = await app.reload_story(before)
        if said:
            self.remark(said)

    # -- storybrowse FILE ID -----------------------------------------------------------------
    def open_start_record(self) -> None:
        """Show the record ``start_at`` names (once, when the screen mounts):
        selected in its list, open in the detail, which has the focus.  A
        claim or response opens its incident; a record no list holds (a
        source) is shown in the detail alone."""
        record_id, self.start_at = self.start_at, None
        if record_id is None:
            return
        found = self.story.statement(record_id)
        if found is not None:
            record_id = found[0].id
        kind = self.story.kind_of(record_id)
        if kind is None or self.navigate(kind, record_id, focus="detail"):
            return
        self._set_target((kind, record_id))
        self.set_focus(self.detail)
