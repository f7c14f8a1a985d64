"""The browser's keys for the command line: ``storybrowse --help``, the
README's key table and the config file's ``[keymap]`` ids.

One source: the ``BINDINGS`` of the browser's classes, grouped as the help
screen groups them (:func:`tui.screens.help.browser_groups`).  ``--help``
must not import textual (it stays instant), so its key list is generated
into :mod:`tui.cli.keys_text`, and the README's table between its markers,
by ``python -m tui.cli.keys --write``; ``tests/test_keys_doc.py`` fails
when either differs from the bindings.  This module imports textual and the
app's classes: use it for the config's ids once a story has loaded, or to
regenerate.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Mapping
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode

from tui.screens.help import (
    KeySection,
    browser_groups,
    key_sections,
    own_bindings,
    spelled_key_display,
)


def _groups() -> list[tuple[str, list[type[DOMNode]]]]:
    from tui.app import StoryBrowser
    from tui.screens.browser import BrowserScreen
    from tui.screens.live import LiveBrowserScreen

    screens: list[type[DOMNode]] = [BrowserScreen, LiveBrowserScreen]
    return [(h, list(c)) for h, c in browser_groups(StoryBrowser, screens)]


def browser_sections(
    keymap: Mapping[str, str] | None = None, *, with_help: bool = False
) -> list[KeySection]:
    """The help screen's sections (``[(heading, [(keys, description)])]``),
    with *keymap* applied, the keys spelled out (``ctrl+p``, ``escape``);
    the help screen's own keys only if *with_help*."""
    groups = _groups() if with_help else _groups()[:-1]
    return key_sections(groups, keymap=keymap, display=spelled_key_display)


def browser_bindings() -> dict[str, Binding]:
    """Every binding of the browser with an id, by id (what ``[keymap]``
    in the config file may remap)."""
    found: dict[str, Binding] = {}
    for _heading, classes in _groups():
        for cls in classes:
            for binding in own_bindings(cls):
                if binding.id:
                    found.setdefault(binding.id, binding)
    return found


def keys_help(width: int = 80) -> str:
    """The ``keys in the browser`` part of ``storybrowse --help``: each
    section's keys and what they do, then every binding id."""
    sections = browser_sections()
    key_width = min(18, max(len(k) for _, rows in sections for k, _ in rows))
    indent = 2 + key_width + 2
    out: list[str] = []
    for heading, rows in sections:
        out.append(f"keys {heading[0].lower()}{heading[1:]}:")
        for keys, description in rows:
            wrapped = textwrap.wrap(description, width - indent) or [""]
            if len(keys) > key_width:
                out.append(f"  {keys}")
                out.extend(" " * indent + more for more in wrapped)
            else:
                out.append(f"  {keys:<{key_width}}  {wrapped[0]}")
                out.extend(" " * indent + more for more in wrapped[1:])
        out.append("")
    ids = ", ".join(browser_bindings())
    out.append("binding ids, for [keymap] in the config file:")
    out.extend(textwrap.wrap(ids, width - 2, initial_indent="  ", subsequent_indent="  "))
    return "\n".join(out) + "\n"


README_START = "<!-- keys: generated from the bindings by `python -m tui.cli.keys --write` -->"
README_END = "<!-- end of the generated keys -->"
_ROOT = Path(__file__).resolve().parents[2]
KEYS_TEXT = Path(__file__).with_name("keys_text.py")


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def keys_markdown() -> str:
    """The README's key table: one table per section of the help screen."""
    out: list[str] = []
    for heading, rows in browser_sections():
        out.append(f"**{heading}**")
        out.append("")
        out.append("| Key | Action |")
        out.append("| --- | --- |")
        for keys, description in rows:
            shown = " ".join(f"`{k}`" for k in keys.split(" "))
            out.append(f"| {shown} | {_md(description)} |")
        out.append("")
    return "\n".join(out)


def keys_text_module() -> str:
    """The source of :mod:`tui.cli.keys_text` (what ``--help`` prints)."""
    return (
        '"""The keys part of ``storybrowse --help``, generated from the bindings by\n'
        "``python -m tui.cli.keys --write`` (do not edit; tests/test_keys_doc.py\n"
        'checks it is current)."""\n\n'
        'KEYS_HELP = """\\\n' + keys_help().replace("\\", "\\\\").replace('"""', '\\"""') + '"""\n'
    )


def readme_with_keys(readme: str) -> str:
    """*readme* with the generated table between :data:`README_START` and
    :data:`README_END` (ValueError if the markers are missing)."""
    start = readme.index(README_START) + len(README_START)
    end = readme.index(README_END, start)
    return readme[:start] + "\n\n" + keys_markdown() + "\n" + readme[end:]


def main(argv: list[str]) -> int:
    """``python -m tui.cli.keys [--write]``: print the help text, or write
    it to :mod:`tui.cli.keys_text` and the table into README.md."""
    if argv != ["--write"]:
        sys.stdout.write(keys_help())
        return 0
    KEYS_TEXT.write_text(keys_text_module(), encoding="utf-8")
    readme = _ROOT / "README.md"
    readme.write_text(readme_with_keys(readme.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
