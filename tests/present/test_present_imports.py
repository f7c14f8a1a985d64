"""The presentation layer (tui/present) imports the core, never textual; the
core (tui/story) never imports the presentation layer."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import tui.present
import tui.story

ROOT = Path(__file__).resolve().parent.parent.parent


def _modules(package: object, prefix: str) -> list[str]:
    path = package.__path__  # type: ignore[attr-defined]
    return sorted(f"{prefix}.{m.name}" for m in pkgutil.iter_modules(path))


def _imported_after(modules: list[str], forbidden: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"bad = sorted(m for m in sys.modules if m == {forbidden!r} "
        f"or m.startswith({forbidden + '.'!r}))\n"
        "print(len(sys.modules))\n"
        "sys.exit('imported: ' + ', '.join(bad) if bad else 0)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_presentation_never_imports_textual() -> None:
    modules = _modules(tui.present, "tui.present")
    assert {"tui.present.view", "tui.present.layout", "tui.present.describe"} <= set(modules)
    result = _imported_after(modules, "textual")
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > len(modules)


def test_core_never_imports_the_presentation_layer() -> None:
    modules = _modules(tui.story, "tui.story")
    result = _imported_after(modules, "tui.present")
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > len(modules)
