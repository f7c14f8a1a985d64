"""The wheel carries what the installed program needs, and works from elsewhere.

Builds the wheel once per module (hatchling, no build isolation, so no
network) and installs it into a temporary directory.  A few seconds.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

import tui

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "story.yaml"


def _pip(*args: str | Path, cwd: Path = ROOT) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pip", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _pip("wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", out, ROOT)
    (built,) = out.glob("storybrowse-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    _pip("install", "--no-deps", "--no-index", "-q", "--target", target, wheel)
    return target


def _names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


def test_wheel_carries_story_schema_and_styles(wheel: Path) -> None:
    names = _names(wheel)
    assert "tui/data/story.yaml" in names
    with zipfile.ZipFile(wheel) as zf:
        assert zf.read("tui/data/story.yaml") == SEED.read_bytes()
    assert "tui/story/story.schema.json" in names
    assert "tui/__main__.py" in names and "tui/cli/__init__.py" in names
    sources = {p.relative_to(ROOT).as_posix() for p in (ROOT / "tui").rglob("*.py")}
    assert sources <= names, sorted(sources - names)
    styles = {p.relative_to(ROOT).as_posix() for p in (ROOT / "tui").rglob("*.tcss")}
    assert styles <= names, sorted(styles - names)
    # Nothing from outside the package (tests, the top-level story, caches).
    assert all(n.startswith(("tui/", "storybrowse-")) for n in names), sorted(names)
    assert not any("__pycache__" in n for n in names)


def test_wheel_metadata(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        dist_info = next(n.split("/")[0] for n in zf.namelist() if n.endswith("/METADATA"))
        metadata = zf.read(f"{dist_info}/METADATA").decode()
        entry_points = zf.read(f"{dist_info}/entry_points.txt").decode()
    assert f"Version: {tui.__version__}" in metadata
    assert "Requires-Python: >=3.10" in metadata
    requires = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    runtime = [r for r in requires if "extra ==" not in r]
    names = [r.split()[1].split(";")[0].rstrip("<>=!~,0123456789.").lower() for r in runtime]
    # tomli: tomllib (config.toml) for Python 3.10, where the stdlib lacks it.
    assert sorted(names) == ["pyyaml", "textual", "tomli"]
    assert any("tomli" in r and "python_version < " in r and "3.11" in r for r in runtime)
    assert "storybrowse = tui.cli:main" in entry_points


def test_installed_wheel_finds_its_story_from_another_directory(
    installed: Path, tmp_path: Path
) -> None:
    # Run from an empty directory (no ./story.yaml), importing only the
    # installed copy: the bundled story must be found inside the package.
    env = dict(os.environ, PYTHONPATH=str(installed), PYTHONSAFEPATH="1")
    probe = subprocess.run(
        [sys.executable, "-c", "import tui, sys; print(tui.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert Path(probe.stdout.strip()).is_relative_to(installed)
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "export"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    exported = json.loads(proc.stdout)
    seed = subprocess.run(
        [sys.executable, "-m", "tui", "export", str(SEED)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert seed.returncode == 0, seed.stderr
    assert exported == json.loads(seed.stdout)

    schema = subprocess.run(
        [sys.executable, "-m", "tui", "schema"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert schema.returncode == 0
    assert Path(schema.stdout.strip()) == installed / "tui" / "story" / "story.schema.json"


def test_sdist_carries_what_the_wheel_is_built_from(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (sdist,) = tmp_path.glob("storybrowse-*.tar.gz")
    with tarfile.open(sdist) as tf:
        names = {n.split("/", 1)[1] for n in tf.getnames() if "/" in n}
    for needed in ("story.yaml", "README.md", "pyproject.toml", "tui/story/story.schema.json"):
        assert needed in names
