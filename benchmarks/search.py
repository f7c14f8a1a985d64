"""The search benchmark: how long a search keystroke takes, in a real pty.

    python -m benchmarks.search                       # 10,000 incidents, 80x24, 3 runs
    python -m benchmarks.search --incidents 1000 --runs 5 --json out.json

Each run starts storybrowse on a generated story in a fresh pseudo-terminal
(TERM=xterm-256color) and, once the first paint has settled:

* **at once**: types ``/`` and ``t`` right after the first paint (the search
  index may still be building): *answered* is the time until the bar shows
  the ``t`` (the key was read and drawn), *result* until the search's
  answer for ``t`` is on screen (a position ``1/N`` or "no matches");
* **typed**: after escape and a pause (the index is ready), ``/`` then the
  keys of ``termez`` one at a time: for each key the time until the answer
  for the query typed so far is on screen (*shown*) and until the screen
  settled (*settled*: no output for 50 ms, then none for 300 ms more, as in
  ``benchmarks.run``);
* **paste**: escape, ``/``, then ``termez`` as one bracketed paste: shown
  and settled.

Times are from the key's write to the arrival of the output that showed the
answer (or the last output before the screen settled).  Medians over the
runs, with the range.  The target (issue 16): the answer to the last key
typed on screen within 50 ms, the index never blocking a key.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.generate import write_story
from benchmarks.ptydriver import PtyProcess, terminal_env
from benchmarks.run import REPO, app_argv, settle, story_entries

QUERY = "termez"
PASTE_START, PASTE_END = b"\x1b[200~", b"\x1b[201~"
ESCAPE = b"\x1b"
TIMEOUT = 30.0


def answered(query: str) -> Callable[[PtyProcess], bool]:
    """The search's answer to *query* is on screen: the status line says
    ``Search “query”: N/M`` or ``no matches`` (the search bar's own row
    included, where the answer follows the query)."""
    q = re.escape(query)
    pattern = re.compile(
        rf"Search [“\"]{q}[”\"]: (\d|no matches)"
        rf"|^\W?/? ?{q} +.*?(\d[\d,]*/[\d,…]+|no matches)"
    )

    def check(p: PtyProcess) -> bool:
        return any(pattern.search(line) for line in p.screen.display)

    return check


def in_bar(query: str) -> Callable[[PtyProcess], bool]:
    """The search bar shows *query* (the key was read and drawn)."""
    q = re.escape(query)
    pattern = re.compile(rf"^\W?/? ?{q}\b")

    def check(p: PtyProcess) -> bool:
        return any(pattern.search(line) for line in p.screen.display[-3:])

    return check


def timed(
    p: PtyProcess, data: bytes, shown: Callable[[PtyProcess], bool]
) -> dict[str, float | None]:
    """Send *data*; seconds until *shown* holds and until the screen settled."""
    p.sync_screen()
    t0 = p.send(data)
    t_shown = p.wait_for(shown, TIMEOUT, "the search's answer")
    last, _ = settle(p, t0, shown, timeout=TIMEOUT)
    return {"shown": t_shown - t0, "settled": last}


def one_run(path: Path, cols: int, rows: int, first_title: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="sb-search-") as cache:
        env = terminal_env({"XDG_CACHE_HOME": cache})
        p = PtyProcess(app_argv("storybrowse", path), cols, rows, env=env, cwd=str(REPO))
        try:
            t_fp = p.wait_for(lambda s: s.has_text(first_title), 120.0, "story content")
            out["first_paint"] = t_fp - p.t_start
            # At once: / and t right after the first paint.
            p.send(b"/")
            t0 = p.send(b"t")
            out["at_once_answered"] = p.wait_for(in_bar("t"), TIMEOUT, "the t in the bar") - t0
            out["at_once_result"] = p.wait_for(answered("t"), TIMEOUT, "the answer to t") - t0
            settle(p, t0, None, timeout=TIMEOUT)
            p.send(ESCAPE)
            p.pump(1.0)
            # Typed, one key at a time.
            p.send(b"/")
            p.pump(0.5)
            out["typed"] = [
                timed(p, QUERY[i].encode(), answered(QUERY[: i + 1])) for i in range(len(QUERY))
            ]
            # Pasted.
            p.send(ESCAPE)
            p.pump(0.6)
            p.send(b"/")
            p.pump(0.5)
            out["paste"] = timed(p, PASTE_START + QUERY.encode() + PASTE_END, answered(QUERY))
            out["peak_rss_kb"] = p.peak_rss_kb()
        finally:
            p.close(b"\x1bq", grace=1.0)
    return out


def _ms(values: Sequence[float | None]) -> str:
    got = [v for v in values if v is not None]
    if not got:
        return "—"
    med = statistics.median(got) * 1000
    if len(got) == 1:
        return f"{med:.0f} ms"
    return f"{med:.0f} ms ({min(got) * 1000:.0f}–{max(got) * 1000:.0f})"


def report(runs: list[dict[str, Any]], label: str) -> str:
    lines = [
        f"Search at {label}: medians of {len(runs)} runs (range)",
        "",
        "| figure | shown | settled |",
        "|---|---|---|",
        f"| first paint | {_ms([r['first_paint'] for r in runs])} | |",
        f"| `/t` at once after first paint: t in the bar | "
        f"{_ms([r['at_once_answered'] for r in runs])} | |",
        f"| `/t` at once after first paint: answer | "
        f"{_ms([r['at_once_result'] for r in runs])} | |",
    ]
    for i in range(len(QUERY)):
        key = [r["typed"][i] for r in runs]
        lines.append(
            f"| key {i + 1} `{QUERY[: i + 1]}` | {_ms([k['shown'] for k in key])} "
            f"| {_ms([k['settled'] for k in key])} |"
        )
    paste = [r["paste"] for r in runs]
    lines.append(
        f"| `{QUERY}` pasted | {_ms([k['shown'] for k in paste])} "
        f"| {_ms([k['settled'] for k in paste])} |"
    )
    rss = [r["peak_rss_kb"] for r in runs if r.get("peak_rss_kb")]
    if rss:
        lines.append(f"| peak RSS | {statistics.median(rss) / 1024:.0f} MB | |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--incidents", type=int, default=10000)
    parser.add_argument("--story", type=Path, help="an existing story file instead")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", default="80x24")
    parser.add_argument("--json", type=Path, help="write the raw figures here")
    args = parser.parse_args(argv)
    cols, rows = (int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory(prefix="sb-search-story-") as tmp:
        path = args.story
        if path is None:
            path = Path(tmp) / f"story-{args.incidents}.yaml"
            write_story(args.incidents, path)
        _, entries = story_entries(path, 1)
        first = entries[0].title[:12]
        runs = []
        for n in range(args.runs):
            print(f"run {n + 1}/{args.runs}…", file=sys.stderr)
            t = time.monotonic()
            runs.append(one_run(path, cols, rows, first))
            print(f"  {time.monotonic() - t:.1f} s", file=sys.stderr)
    label = str(args.story) if args.story else f"{args.incidents:,} incidents"
    print(report(runs, f"{label}, {args.size}"))
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
