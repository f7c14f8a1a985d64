"""Where ``storybrowse`` finds a story, and its JSON Schema, when none is named.

The lookup order for the story is:

1. ``./story.yaml`` in the current directory, if anything by that name exists
   (if it is a directory or unreadable, the loader says so; we never skip the
   user's own file silently);
2. the copy shipped in the package, ``tui/data/story.yaml`` (the wheel carries
   it; see ``[tool.hatch.build.targets.wheel.force-include]`` in pyproject.toml);
3. in a source checkout or an editable install, ``story.yaml`` at the top of
   the repository, next to the ``tui/`` package.

Never imports textual.
"""

from __future__ import annotations

from pathlib import Path

STORY_NAME = "story.yaml"
SCHEMA_NAME = "story.schema.json"

# tui/story/locate.py -> tui/
_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def packaged_story_candidates() -> tuple[Path, ...]:
    """The places the bundled story may be, in the order they are tried."""
    return (
        _PACKAGE_DIR / "data" / STORY_NAME,  # installed from a wheel
        _PACKAGE_DIR.parent / STORY_NAME,  # source checkout / editable install
    )


def default_story_path(cwd: Path | None = None) -> Path | None:
    """The story to open when the user names none, or ``None`` if there is none."""
    local = (cwd if cwd is not None else Path.cwd()) / STORY_NAME
    if local.exists() or local.is_symlink():
        return Path(STORY_NAME) if cwd is None else local
    for candidate in packaged_story_candidates():
        if candidate.is_file():
            return candidate
    return None


def schema_path() -> Path:
    """The JSON Schema for story files that ships in the package."""
    return Path(__file__).resolve().parent / SCHEMA_NAME
