"""Textual's command palette, made safe for bursts of keys on tiny terminals.

Found by the tiny-size end-to-end test (Textual 8.2.8), with keys arriving in
one burst on a terminal 1 to 10 columns wide:

* page down / page up before the option list has been laid out raised
  ``KeyError`` in ``OptionList._move_page`` and killed the app; now the key
  does nothing.
* a selection and an escape handled together dismissed the palette twice;
  the second ``pop_screen`` raised ``ScreenStackError``.  Now a palette that
  is no longer on the screen stack does not dismiss itself again.
"""

from __future__ import annotations

from textual.await_complete import AwaitComplete
from textual.command import CommandPalette


class SafeCommandPalette(CommandPalette):
    """:class:`CommandPalette` with the two fixes above."""

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
