"""--help, the README and the help screen list the same keys: all generated
from the bindings.  When a binding is added or changed, these fail until
``python -m tui.cli.keys --write`` regenerates the two files."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from textual.binding import Binding

from tui.cli.keys import (
    README_END,
    README_START,
    browser_bindings,
    browser_sections,
    keys_help,
    keys_markdown,
    keys_text_module,
)
from tui.cli.keys_text import KEYS_HELP
from tui.screens.help import spelled_key_display

ROOT = Path(__file__).resolve().parents[1]
REGENERATE = "out of date: run `python -m tui.cli.keys --write`"


def test_help_text_is_generated_from_the_current_bindings() -> None:
    assert keys_help() == KEYS_HELP, REGENERATE
    assert (ROOT / "tui" / "cli" / "keys_text.py").read_text(encoding="utf-8") == (
        keys_text_module()
    ), REGENERATE


def test_readme_key_table_is_generated_from_the_current_bindings() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(README_START) + len(README_START)
    block = readme[start : readme.index(README_END, start)]
    assert block.strip() == keys_markdown().strip(), REGENERATE


def _every_described_binding() -> list[Binding]:
    return [b for b in browser_bindings().values() if b.description and b.id]


def test_help_and_readme_list_every_key_of_every_binding() -> None:
    """Derived from the bindings, whoever adds them: each key of each
    described binding (help-screen-only keys aside) is in --help and in
    the README's table, next to its description."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table: list[tuple[set[str], str]] = []
    for cells in re.findall(r"^\| (`.+?`) \| (.+) \|$", readme, re.M):
        table.append((set(re.findall(r"`([^`]+)`", cells[0])), cells[1].replace("\\|", "|")))
    help_text = subprocess.run(
        [sys.executable, "-m", "tui", "--help"], capture_output=True, text=True, cwd=ROOT
    ).stdout
    described = {d for _, rows in browser_sections() for _, d in rows}
    checked = 0
    for binding in _every_described_binding():
        if binding.id.startswith("help."):
            continue  # the help screen's own keys: listed there only
        description = binding.tooltip or binding.description
        assert description in described, binding.id
        for key in binding.key.split(","):
            shown = spelled_key_display(binding.with_key(key.strip(), key_display=None))
            assert (shown, description) in {(k, d) for keys, d in table for k in keys}, (
                binding.id,
                shown,
            )
            assert re.search(rf"^  (?:\S+ )*{re.escape(shown)}(?=\s)", help_text, re.M), (
                binding.id,
                shown,
            )
            checked += 1
    assert checked >= 40  # every pane's keys, not a handful
    # The new keys of issue 13 are among them.
    ids = browser_bindings()
    for needed in ("detail.zoom", "copy.id", "copy.view", "edit"):
        assert needed in ids and ids[needed].id in KEYS_HELP
