"""Peak memory of the commands that read a whole story: check, export, show.

    python -m benchmarks.memory                 # 1 MB, 8 MB and 32 MB stories
    python -m benchmarks.memory --sizes 1,8     # fewer, faster
    python -m benchmarks.memory --check         # exit 1 if a bound is exceeded

Each story is written by ``benchmarks.generate`` to about the size asked for
(the 32 MB one just under the loader's 32 MiB limit).  Each command runs in
a fresh process, its output into /dev/null; its peak resident set size is
what ``wait4`` reports for it (``ru_maxrss``), so the figure includes the
interpreter and its imports.

The bound (README, "Security"; BENCHMARKS.md, "Memory"): peak RSS at most
:data:`BASE_MIB` MiB plus :data:`PER_BYTE` times the story file's size.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.generate import write_story
from tui.story.load import MAX_FILE_SIZE

MIB = 1024 * 1024
BASE_MIB = 64  # the interpreter, PyYAML, the loader: what a tiny story costs, rounded up
PER_BYTE = 10  # the documented multiple of the input size
COMMANDS: dict[str, list[str]] = {
    "check": ["check"],
    "export": ["export"],
    "show (timeline)": ["show"],
    "show --format json": ["show", "--format", "json"],
}
BYTES_PER_INCIDENT = 1600  # what benchmarks.generate writes, roughly


@dataclass(frozen=True)
class Measure:
    command: str
    size: int  # bytes of the story file
    peak: int  # bytes of peak RSS
    seconds: float
    status: int

    @property
    def bound(self) -> int:
        return BASE_MIB * MIB + PER_BYTE * self.size

    @property
    def multiple(self) -> float:
        return self.peak / self.size


def story_of_size(target: int, path: Path) -> int:
    """Write a generated story of about *target* bytes (never over the
    loader's limit) to *path*; return its size."""
    n = max(1, target // BYTES_PER_INCIDENT)
    for _ in range(4):
        write_story(n, path)
        size = path.stat().st_size
        if abs(size - target) < target * 0.02 and size <= MAX_FILE_SIZE:
            return size
        n = max(1, int(n * target / size))
    while path.stat().st_size > MAX_FILE_SIZE:
        n = int(n * 0.99)
        write_story(n, path)
    return path.stat().st_size


# Runs the command and prints its peak RSS in kilobytes.  A small launcher
# of its own: Linux counts the RSS a process had when it forked into its
# child's ru_maxrss, so measuring straight from this (larger) process would
# inflate small figures.
_LAUNCHER = (
    "import os, subprocess, sys\n"
    "with open(os.devnull, 'wb') as sink:\n"
    "    proc = subprocess.Popen(sys.argv[1:], stdout=sink, stderr=subprocess.DEVNULL)\n"
    "    _, status, usage = os.wait4(proc.pid, 0)\n"
    "print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)\n"
)


def measure(args: Sequence[str], story: Path) -> Measure:
    """Run ``storybrowse ARGS STORY`` once; its peak RSS (``wait4``)."""
    argv = [sys.executable, "-m", "tui", *args, str(story)]
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, *argv], capture_output=True, text=True, check=True
    ).stdout
    seconds = time.perf_counter() - start
    status_text, maxrss = out.split()
    # ru_maxrss: kilobytes on Linux, bytes on macOS.
    peak = int(maxrss) if sys.platform == "darwin" else int(maxrss) * 1024
    return Measure(" ".join(args), story.stat().st_size, peak, seconds, int(status_text))


def table(results: list[tuple[str, Measure]]) -> list[str]:
    lines = [
        f"| story | command | peak RSS | x file size | bound ({BASE_MIB} MiB + "
        f"{PER_BYTE}x) | time | status |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, m in results:
        ok = "met" if m.peak <= m.bound and m.status == 0 else "NOT MET"
        lines.append(
            f"| {label} ({m.size / 1e6:.1f} MB) | {m.command} | {m.peak / MIB:.0f} MiB | "
            f"{m.multiple:.1f}x | {m.bound / MIB:.0f} MiB: {ok} | {m.seconds:.1f} s | "
            f"{m.status} |"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.memory",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sizes", default="1,8,32", help="story sizes in MB (default 1,8,32)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a bound is exceeded")
    args = parser.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",") if s.strip()]
    results: list[tuple[str, Measure]] = []
    with tempfile.TemporaryDirectory(prefix="storybrowse-memory-") as tmp:
        for mb in sizes:
            path = Path(tmp) / f"story-{mb:g}mb.yaml"
            target = min(int(mb * 1_000_000), MAX_FILE_SIZE - 256 * 1024)
            if mb >= 32:
                target = MAX_FILE_SIZE - 256 * 1024  # "just under the limit"
            story_of_size(target, path)
            for name, command in COMMANDS.items():
                m = measure(command, path)
                results.append((f"{mb:g} MB", Measure(name, m.size, m.peak, m.seconds, m.status)))
                print(table(results[-1:])[-1], file=sys.stderr, flush=True)
            path.unlink()
    print("\n".join(table(results)))
    failed = [m for _, m in results if m.peak > m.bound or m.status != 0]
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
