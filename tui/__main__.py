"""``python -m tui`` does what the ``storybrowse`` command does."""

from __future__ import annotations

from tui.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
