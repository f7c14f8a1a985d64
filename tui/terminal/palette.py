"""Textual's command palette, made safe for bursts of keys on tiny terminals.

Found by the tiny-size end-to-end test (Textual 8.2.8), with keys arriving in
one burst on a terminal 1 to 10 columns wide:

* page down / page up before the option list has been laid out raised
  ``KeyError`` in ``OptionList._move_page`` and killed the app; now the key
  does nothing.
* a selection and an escape handled together dismissed the palette twice;
  the second ``pop_screen`` raised ``ScreenStackError``.  Now a palette that
  is no longer on the screen stack does not dismiss itself again.
* an escape right after a key that starts a search (``ctrl+p V``) removed
  the palette's widgets while its command-gathering worker was starting;
  the worker's ``query_one(CommandList)`` raised ``NoMatches`` and the
  failed worker ended the app.  Now a palette whose list is gone gathers
  nothing.
"""

from __future__ import annotations

from textual import work
from textual.await_complete import AwaitComplete
from textual.command import CommandList, CommandPalette
from textual.css.query import NoMatches

# The worker's body as Textual wrote it (``@work`` keeps it as __wrapped__).
_GATHER = CommandPalette._gather_commands.__wrapped__  # type: ignore[attr-defined]


class SafeCommandPalette(CommandPalette):
    """:class:`CommandPalette` with the fixes above."""

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        if not self.is_attached or not self.query(CommandList):
            return  # dismissed before the worker started
        try:
            await _GATHER(self, search_value)
        except NoMatches:
            if self.is_attached and self in self.app.screen_stack and self.query(CommandList):
                raise  # not the dismissal race: a real fault
            self.log.warning("command palette: dismissed while gathering, ignored")

    def _action_command_list(self, action: str) -> None:
        try:
            super()._action_command_list(action)
        except KeyError:
            # OptionList._move_page on a list not laid out yet: no page to move.
            self.log.warning(f"command palette: {action} before layout, ignored")

    def dismiss(self, result: None = None) -> AwaitComplete:
        if self not in self.app.screen_stack:
            done: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
            return done
        return super().dismiss(result)
