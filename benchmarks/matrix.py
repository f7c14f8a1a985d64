"""The positions matrix benchmark: open it, move cell by cell, in a real pty.

    python -m benchmarks.matrix                     # 1,000 incidents, 80x24 and 120x40, 3 runs
    python -m benchmarks.matrix --incidents 10000 --runs 1 --sizes 80x24

Each run starts storybrowse on a generated story (``benchmarks.generate``)
in a fresh pseudo-terminal (TERM=xterm-256color), waits until the timeline
has settled, presses ``m`` and times the matrix until the screen settles
(the key sent -> the last byte), then presses each move key in turn and
records, per key: the time to the last byte, the bytes written, the screen
rows that changed and the rows written whose content did not change (the
harness of :mod:`benchmarks.run`).  Moves inside the screen (down, right,
up, left) should rewrite only the rows that change: the old and the new
cursor row, the header when the column changes, the line that describes
the cell.  pgdn scrolls, so it repaints the whole matrix.

Targets (issue 13): the matrix opens within 0.3 s and a move settles in
under 30 ms on a 1,000-incident story.  Markdown report on stdout.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate import write_story
from benchmarks.ptydriver import ChildExited, PtyProcess, Timeout, terminal_env
from benchmarks.run import REPO, START_TIMEOUT, KeyResult, app_argv, measure_key, settle

OPEN = b"m"
MOVES: tuple[tuple[str, bytes], ...] = (
    ("down", b"\x1b[B"),
    ("down", b"\x1b[B"),
    ("right", b"\x1b[C"),
    ("right", b"\x1b[C"),
    ("up", b"\x1b[A"),
    ("left", b"\x1b[D"),
    ("pgdn", b"\x1b[6~"),
)
MARK = "Positions matrix ·"


def one_run(path: Path, cols: int, rows: int) -> dict[str, list[KeyResult]]:
    """Start the app, open the matrix, press every move once."""
    out: dict[str, list[KeyResult]] = {}
    with tempfile.TemporaryDirectory(prefix="sb-bench-") as cache:
        env = terminal_env({"XDG_CACHE_HOME": cache})
        p = PtyProcess(app_argv("storybrowse", path), cols, rows, env=env, cwd=str(REPO))
        try:
            t_fp = p.wait_for(lambda s: s.has_text("1 Timeline"), START_TIMEOUT, "timeline")
            settle(p, t_fp, None)
            out["open"] = [measure_key(p, OPEN, lambda s: s.has_text(MARK), burst=False)]
            for name, key in MOVES:
                out.setdefault(name, []).append(measure_key(p, key, None, burst=False))
        finally:
            p.close(b"q", grace=1.0)
    return out


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value * 1000:.0f} ms"


def _med(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def report(results: dict[str, dict[str, list[KeyResult]]], incidents: int) -> str:
    lines = [
        f"Positions matrix, {incidents:,} incidents (median of runs; min–max in brackets)",
        "",
        "| size | key | settled | bytes | rows changed | rows written unchanged |",
        "|---|---|---|---|---|---|",
    ]
    for size, keys in results.items():
        for name, runs in keys.items():
            times = [r.settle_s for r in runs if r.settle_s is not None]
            spread = f" ({_ms(min(times))}–{_ms(max(times))})" if len(times) > 1 else ""
            lines.append(
                f"| {size} | {name} | {_ms(_med(times))}{spread} "
                f"| {_med([r.bytes for r in runs]):.0f} "
                f"| {_med([r.rows_changed for r in runs]):.0f} "
                f"| {_med([r.rows_written_unchanged for r in runs]):.0f} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.matrix", description=__doc__)
    parser.add_argument("--incidents", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="80x24,120x40")
    args = parser.parse_args(argv)
    results: dict[str, dict[str, list[KeyResult]]] = {}
    with tempfile.TemporaryDirectory(prefix="sb-bench-stories-") as work:
        path = Path(work) / f"story-{args.incidents}.yaml"
        write_story(args.incidents, path)
        for size in args.sizes.split(","):
            cols, rows = (int(x) for x in size.lower().split("x"))
            keys = results.setdefault(size, {})
            for _ in range(args.runs):
                try:
                    run = one_run(path, cols, rows)
                except (Timeout, ChildExited, OSError) as exc:
                    print(f"  {size}: FAILED {exc}", file=sys.stderr)
                    continue
                for name, found in run.items():
                    keys.setdefault(name, []).extend(found)
                opened = run["open"][0].settle_s
                print(f"  {size}: open {_ms(opened)}", file=sys.stderr)
    print(report(results, args.incidents))
    print(f"\n({time.strftime('%Y-%m-%d %H:%M')})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
