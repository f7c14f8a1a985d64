"""The layer contracts (``[tool.importlinter]`` in pyproject.toml) hold, and
they can fail: the same check on a copy of the package with one forbidden
import must report it.  CI also runs ``lint-imports`` itself (.ci/run)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("importlinter", reason="import-linter is in the dev extra")

ROOT = Path(__file__).resolve().parent.parent
RUN = "from importlinter.cli import lint_imports_command; lint_imports_command()"


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", RUN, "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
    )


def test_the_package_keeps_every_layer_contract() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    kept = [line for line in result.stdout.splitlines() if line.endswith(" KEPT")]
    assert len(kept) >= 3, result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("tui/story/model.py", "import textual.app", "The core imports neither textual"),
        ("tui/story/model.py", "import tui.present.view", "The core imports neither textual"),
        (
            "tui/present/view.py",
            "import textual.app",
            "The presentation layer does not import textual",
        ),
        ("tui/widgets/text.py", "import tui.screens.browser", "Widgets import neither"),
        ("tui/screens/history.py", "import tui.app", "tui.screens is not allowed to import"),
    ],
)
def test_a_forbidden_import_breaks_a_contract(
    tmp_path: Path, module: str, line: str, broken: str
) -> None:
    shutil.copytree(ROOT / "tui", tmp_path / "tui", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    path = tmp_path / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert broken in result.stdout, result.stdout
