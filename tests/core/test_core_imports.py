"""The core (tui/story) never imports textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import tui.story

ROOT = Path(__file__).resolve().parent.parent.parent


def _core_modules() -> list[str]:
    return sorted(f"tui.story.{m.name}" for m in pkgutil.iter_modules(tui.story.__path__))


def test_core_modules_are_found() -> None:
    modules = _core_modules()
    for name in ("model", "dates", "sanitize", "load", "errors"):
        assert f"tui.story.{name}" in modules


def test_core_never_imports_textual() -> None:
    modules = _core_modules()
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(len(sys.modules))\n"
        "sys.exit('textual was imported: ' + ', '.join(bad) if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > len(modules)  # the imports really ran
