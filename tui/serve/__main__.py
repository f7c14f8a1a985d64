"""``python -m tui.serve ARGS`` is ``storybrowse serve ARGS``."""

from __future__ import annotations

import sys

from tui.serve import main

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
