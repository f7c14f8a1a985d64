"""Keep a bracketed paste text, whatever it holds.

Textual's input parser (8.2.8, ``XTermParser.parse``) ends a bracketed paste
at the first ESC inside it: ``Vesna<ESC><CR>q`` pasted into the search bar
runs enter and ``q`` as keys (and quits), and ``Vesna<ESC>[1mcrossing``
leaves the bar reordered as ``^[1mcrossingVesna``.  Text copied from
coloured terminal output holds such ESCs.

:class:`PasteGuard` sits between the decoder and the parser: between the
terminal's paste start (``ESC [ 200 ~``) and end (``ESC [ 201 ~``) markers it
replaces every control character but tab, newline and carriage return by a
visible symbol (the core sanitiser's: ESC becomes ``␛``), so the parser sees
one paste of plain text.  No textual here.
"""

from __future__ import annotations

from tui.story.sanitize import display_text

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


def pasted_text(text: str) -> str:
    """*text* from inside a paste with its control characters made visible;
    tab, newline and carriage return (how terminals send a line break in a
    paste) are kept."""
    return "\r".join(display_text(part) for part in text.split("\r"))


def _partial_suffix(data: str, marker: str) -> int:
    """Length of the longest end of *data* that begins *marker* (but is not
    all of it)."""
    for size in range(min(len(marker) - 1, len(data)), 0, -1):
        if marker.startswith(data[-size:]):
            return size
    return 0


class PasteGuard:
    """A filter over the decoded input, one chunk at a time.

    Outside a paste every character passes at once (a lone Escape key is
    never held back).  Inside one, the text is cleaned with
    :func:`pasted_text`; only the end of a chunk that may be the start of the
    end marker is held until the next chunk.
    """

    def __init__(self) -> None:
        self.in_paste = False
        self._tail = ""  # outside a paste: the last characters passed on
        self._held = ""  # inside a paste: a possible start of PASTE_END

    def feed(self, text: str) -> str:
        """The filtered form of *text* (the next chunk of input)."""
        out: list[str] = []
        while text:
            if not self.in_paste:
                # The start marker may have begun in the previous chunk.
                window = self._tail + text
                found = window.find(PASTE_START)
                if found < 0:
                    out.append(text)
                    self._tail = window[-(len(PASTE_START) - 1) :]
                    break
                body = found + len(PASTE_START) - len(self._tail)
                out.append(text[:body])
                text = text[body:]
                self._tail = ""
                self.in_paste = True
            else:
                data = self._held + text
                self._held = ""
                found = data.find(PASTE_END)
                if found < 0:
                    keep = _partial_suffix(data, PASTE_END)
                    out.append(pasted_text(data[: len(data) - keep]))
                    self._held = data[len(data) - keep :]
                    break
                out.append(pasted_text(data[:found]) + PASTE_END)
                text = data[found + len(PASTE_END) :]
                self.in_paste = False
        return "".join(out)
