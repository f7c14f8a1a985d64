"""The storybrowse benchmark: storybrowse against the floor, in a real pty.

    python -m benchmarks.run            # full: seed, 10, 1000, 10000 incidents, 7 runs
    python -m benchmarks.run --quick    # smoke test, under a minute: 3 runs, fewer stories

Each run starts the app in a fresh pseudo-terminal (TERM=xterm-256color, at
80x24 and at 120x40), reads everything it writes, and keeps a pyte screen to
know what is shown.  See BENCHMARKS.md for what each figure means.  The
Markdown report goes to stdout; the full mode also writes JSON under
benchmarks/results/.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.generate import write_story
from benchmarks.ptydriver import ChildExited, PtyProcess, Timeout, terminal_env
from benchmarks.repaint import minimal_repaint_bytes
from tui.story.sanitize import display_line

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "story.yaml"
RESULTS = Path(__file__).resolve().parent / "results"

DOWN = b"\x1b[B"
TAB = b"\t"
ENTER = b"\r"
ESCAPE = b"\x1b"
CACHE_MIN_BYTES = 512 * 1024  # tui.story.cache.MIN_BYTES: smaller stories are not cached
BURST_GAP = 0.030  # the first burst of a move ends at the first 30 ms silence
QUIET = 0.050  # settled: no output for 50 ms ...
LATE = 0.300  # ... and none for 300 ms after that either (debounced previews)
START_TIMEOUT = 60.0
KEY_TIMEOUT = 10.0
HOLD_RATE = 30.0  # keys per second, a typical key-repeat rate
HOLD_SECONDS = 2.0

APPS = ("storybrowse", "floor")


# ---------------------------------------------------------------------------
# The stories and what to look for on screen


@dataclass(frozen=True)
class Entry:
    """One timeline entry, as far as the screen is concerned."""

    title: str  # the title as shown (sanitised, one line)
    row: str  # the floor's row text: date label, two spaces, title
    preview: str  # a piece of text the detail view shows and the list does not


@dataclass
class StoryCase:
    label: str  # "seed", "10", "1000", "10000"
    path: Path
    incidents: int
    size: int
    entries: list[Entry] = field(default_factory=list)


def _head_words(text: str, length: int = 12) -> str:
    words = display_line(text).split()
    out: list[str] = []
    for w in words:
        out.append(w)
        if len(" ".join(out)) >= length:
            break
    return " ".join(out)


def story_entries(path: Path, limit: int) -> tuple[int, list[Entry]]:
    """The first *limit* timeline entries of the story (via storybrowse's
    loader, or through PyYAML and the floor's ordering if that fails)."""
    try:
        from tui.story.load import load_story
        from tui.story.model import Incident

        story = load_story(path)
    except Exception as exc:  # the loader may not exist yet: fall back, say so
        print(
            f"note: load_story({path.name}) failed ({type(exc).__name__}); "
            "using PyYAML for the markers",
            file=sys.stderr,
        )
        import yaml

        from benchmarks.floor import row_text, timeline_entries

        with open(path, "rb") as fh:
            data = yaml.load(fh, Loader=yaml.CSafeLoader)
        recs = timeline_entries(data)
        out = []
        for rec in recs[:limit]:
            claim = rec.get("claim")
            text = claim.get("text") if isinstance(claim, dict) else rec.get("text")
            out.append(
                Entry(
                    display_line(str(rec.get("title"))),
                    row_text(rec),
                    _head_words(str(text or rec.get("title"))),
                )
            )
        return len(data.get("incidents") or []), out
    entries = []
    for e in story.timeline()[:limit]:
        text = e.claim.text if isinstance(e, Incident) else (e.text or e.title)
        title = display_line(e.title)
        entries.append(
            Entry(title, f"{display_line(e.date.display())}  {title}", _head_words(text))
        )
    return len(story.incidents), entries


def prepare_stories(labels: Sequence[str], workdir: Path) -> list[StoryCase]:
    cases = []
    for label in labels:
        if label == "seed":
            path = SEED
        else:
            path = workdir / f"story-{label}.yaml"
            write_story(int(label), path)
        n, entries = story_entries(path, 80)
        cases.append(StoryCase(label, path, n, path.stat().st_size, entries))
    return cases


# ---------------------------------------------------------------------------
# One process: start, first paint, keys, RSS, quit


def app_argv(app: str, path: Path) -> list[str]:
    if app == "storybrowse":
        return [sys.executable, "-m", "tui", str(path)]
    return [sys.executable, "-m", "benchmarks.floor", str(path)]


QUIT_KEYS = {"storybrowse": b"q", "floor": b"\x11"}  # q / ctrl+q

_CUP_RE = re.compile(rb"\x1b\[(\d+)(?:;(\d+))?H")


def rows_written(data: bytes) -> set[int]:
    """0-based screen rows the output positions the cursor on (Textual
    moves the cursor with CUP before each run of cells it writes)."""
    return {int(m.group(1)) - 1 for m in _CUP_RE.finditer(data)}


def changed_rows(before: list[tuple[object, ...]], after: list[tuple[object, ...]]) -> set[int]:
    return {y for y, (a, b) in enumerate(zip(before, after, strict=False)) if a != b}


def _shows(text: str) -> Callable[[PtyProcess], bool]:
    def check(p: PtyProcess) -> bool:
        return p.has_text(text)

    return check


def expect_entry(p: PtyProcess, app: str, target: Entry) -> Callable[[PtyProcess], bool]:
    """What shows that *target* is now the selected entry.

    The floor: its row (date and title) is on screen.  storybrowse: the
    detail view shows the entry: either its preview text, or its title where
    the title was not on screen before the key (the timeline may shorten
    titles; the detail view shows them whole).
    """
    if app != "storybrowse":
        return _shows(target.row[: p.cols - 4])
    title = target.title[:24]
    title_before = p.has_text(title)

    def check(s: PtyProcess) -> bool:
        return s.has_text(target.preview) or (not title_before and s.has_text(title))

    return check


def screen_has_content(p: PtyProcess) -> bool:
    return any(line.strip() for line in p.screen.display)


def _tail(p: PtyProcess) -> str:
    lines = [line.rstrip() for line in p.screen.display if line.strip()]
    return " | ".join(lines[-6:])[:600]


@dataclass
class KeyResult:
    settle_s: float | None  # key sent -> last byte before the screen settled
    bytes: int  # every byte until settled
    burst_s: float | None = None  # key sent -> end of the first burst of output
    burst_bytes: int | None = None
    burst_rows_changed: int | None = None  # screen rows that differ after the burst
    rows_changed: int = 0  # screen rows that differ once settled
    rows_written: int = 0  # screen rows the app wrote to
    rows_written_unchanged: int = 0  # ... whose content did not change
    minimal_bytes: int = 0  # a minimal repaint of the changed rows (benchmarks/repaint.py)
    change_seen: bool | None = None  # the expected text appeared


def settle(
    p: PtyProcess,
    since: float,
    expect: Callable[[PtyProcess], bool] | None,
    timeout: float = KEY_TIMEOUT,
) -> tuple[float | None, bool | None]:
    """Wait until output stops (QUIET, then LATE with nothing more) and, if
    *expect* is given, it holds.  Returns (time of the last byte after *since*
    or None if there was none, whether *expect* held)."""
    end = time.monotonic() + timeout
    seen: bool | None = None
    while True:
        last = p.wait_quiet(since, QUIET, max(0.1, end - time.monotonic()), need_output=False)
        # Nothing more for LATE seconds?
        p.pump(LATE)
        later = p.last_output_time()
        if later is not None and later > last + 1e-9 and later >= since:
            if time.monotonic() > end:
                raise Timeout("output kept coming: the screen never settled")
            continue
        if expect is not None:
            seen = expect(p)
            if not seen and time.monotonic() < end:
                try:
                    p.wait_for(expect, min(2.0, end - time.monotonic()), "expected change")
                except Timeout:
                    seen = False
                else:
                    continue
        t_last = p.last_output_time()
        return (t_last - since if t_last is not None and t_last >= since else None), seen


def measure_key(
    p: PtyProcess, key: bytes, expect: Callable[[PtyProcess], bool] | None, burst: bool
) -> KeyResult:
    p.sync_screen()
    before = p.snapshot()
    t0 = p.send(key)
    res = KeyResult(settle_s=None, bytes=0)
    if burst:
        try:
            t_b = p.wait_quiet(t0, BURST_GAP, 2.0, need_output=True)
        except Timeout:
            t_b = None
        if t_b is not None:
            res.burst_s = t_b - t0
            res.burst_bytes = p.bytes_between(t0, t_b)
            p.sync_screen()
            res.burst_rows_changed = len(changed_rows(before, p.snapshot()))
    res.settle_s, res.change_seen = settle(p, t0, expect)
    t_end = t0 + (res.settle_s or 0.0)
    res.bytes = p.bytes_between(t0, t_end) if res.settle_s is not None else 0
    after = p.snapshot()
    changed = changed_rows(before, after)
    written = rows_written(p.data_between(t0, t_end)) if res.settle_s is not None else set()
    res.rows_changed = len(changed)
    res.rows_written = len(written)
    res.rows_written_unchanged = len(written - changed)
    res.minimal_bytes = minimal_repaint_bytes(after, changed)
    return res


@dataclass
class SessionResult:
    app: str
    story: str
    size: str
    ok: bool
    error: str | None = None
    first_output_s: float | None = None  # first non-blank screen (anything)
    first_paint_s: float | None = None  # first screen showing story content
    first_paint_bytes: int | None = None  # bytes until that screen first went quiet (50 ms)
    first_frame_bytes: int | None = None  # every byte until the screen settled after start
    moves: list[KeyResult] = field(default_factory=list)
    enter: KeyResult | None = None  # open the previewed record (the detail gets the focus)
    escape: KeyResult | None = None  # back to the list
    tab: KeyResult | None = None
    # storybrowse, stories it caches: the first open (empty cache) before
    # the measured one, which is then a second open.
    cold_first_paint_s: float | None = None
    peak_rss_kb: int | None = None
    exit_status: int | None = None
    timed_out: bool = False


def run_session(
    app: str,
    case: StoryCase,
    cols: int,
    rows: int,
    n_moves: int,
    start_timeout: float = START_TIMEOUT,
) -> SessionResult:
    res = SessionResult(app, case.label, f"{cols}x{rows}", ok=False)
    if len(case.entries) < 2:
        res.error = "story has fewer than 2 timeline entries"
        return res
    with tempfile.TemporaryDirectory(prefix="sb-bench-") as cache:
        env = terminal_env({"XDG_CACHE_HOME": cache})
        if app == "storybrowse" and case.size >= CACHE_MIN_BYTES:
            try:
                res.cold_first_paint_s = first_open(case, cols, rows, env, Path(cache))
            except (Timeout, ChildExited, OSError) as exc:
                res.error = f"first open: {type(exc).__name__}: {exc}"
                return res
        p = PtyProcess(app_argv(app, case.path), cols, rows, env=env, cwd=str(REPO))
        try:
            first = case.entries[0].title[:12]
            t_any = p.wait_for(screen_has_content, start_timeout, "output")
            res.first_output_s = t_any - p.t_start
            left = max(0.1, start_timeout - (time.monotonic() - p.t_start))
            t_fp = p.wait_for(lambda s: s.has_text(first), left, "story content")
            res.first_paint_s = t_fp - p.t_start
            t_set = p.wait_quiet(t_fp, QUIET, KEY_TIMEOUT, need_output=False)
            res.first_paint_bytes = p.bytes_between(p.t_start, t_set)
            settle(p, t_set, None)
            res.first_frame_bytes = p.total
            for k in range(n_moves):
                target = case.entries[min(k + 1, len(case.entries) - 1)]
                res.moves.append(measure_key(p, DOWN, expect_entry(p, app, target), burst=True))
            if app == "storybrowse":
                res.enter = measure_key(p, ENTER, None, burst=False)
                res.escape = measure_key(p, ESCAPE, None, burst=False)
                res.tab = measure_key(p, TAB, None, burst=False)
            res.peak_rss_kb = p.peak_rss_kb()
            res.ok = True
        except (Timeout, ChildExited, OSError) as exc:
            res.error = f"{type(exc).__name__}: {exc}; screen: {_tail(p)}"
            res.timed_out = isinstance(exc, Timeout)
        finally:
            res.exit_status = p.close(QUIT_KEYS[app], grace=1.0)
    return res


def first_open(case: StoryCase, cols: int, rows: int, env: dict[str, str], cache: Path) -> float:
    """Open storybrowse once with the (empty) cache directory *cache*: the
    first paint of a first open; then wait (up to 20 s) until the story's
    cache entry has been written, so that the next open is a second open."""
    p = PtyProcess(app_argv("storybrowse", case.path), cols, rows, env=env, cwd=str(REPO))
    try:
        first = case.entries[0].title[:12]
        t_fp = p.wait_for(lambda s: s.has_text(first), START_TIMEOUT, "story content")
        settle(p, t_fp, None)
    finally:
        p.close(QUIT_KEYS["storybrowse"], grace=1.0)
    deadline = time.monotonic() + 20
    while not list(cache.glob("storybrowse/*.pickle")) and time.monotonic() < deadline:
        time.sleep(0.05)
    return t_fp - p.t_start


@dataclass
class HoldResult:
    app: str
    story: str
    size: str
    ok: bool
    error: str | None = None
    keys: int = 0
    hold_s: float = 0.0
    settle_after_release_s: float | None = None  # last key -> screen settled
    bytes_during: int = 0
    caught_up: bool | None = None  # the final entry is shown (no key lost or pending)


def hold_key(
    app: str, case: StoryCase, cols: int, rows: int, start_timeout: float = START_TIMEOUT
) -> HoldResult:
    """Hold Down for HOLD_SECONDS at HOLD_RATE, then time the settle."""
    n_keys = int(HOLD_RATE * HOLD_SECONDS)
    res = HoldResult(app, case.label, f"{cols}x{rows}", ok=False)
    target = case.entries[min(n_keys, len(case.entries) - 1)]
    with tempfile.TemporaryDirectory(prefix="sb-bench-") as cache:
        env = terminal_env({"XDG_CACHE_HOME": cache})
        p = PtyProcess(app_argv(app, case.path), cols, rows, env=env, cwd=str(REPO))
        try:
            first = case.entries[0].title[:12]
            t_fp = p.wait_for(lambda s: s.has_text(first), start_timeout, "story content")
            settle(p, t_fp, None)
            p.sync_screen()
            expect = expect_entry(p, app, target)
            interval = 1.0 / HOLD_RATE
            t_first = time.monotonic()
            t_next = t_first
            t_last = t_first
            for _ in range(n_keys):
                while True:
                    left = t_next - time.monotonic()
                    if left <= 0:
                        break
                    p.pump(min(left, 0.005))
                t_last = p.send(DOWN)
                t_next += interval
            res.keys = n_keys
            res.hold_s = t_last - t_first
            res.settle_after_release_s, res.caught_up = settle(p, t_last, expect)
            end = t_last + (res.settle_after_release_s or 0.0)
            res.bytes_during = p.bytes_between(t_first, end)
            res.ok = True
        except (Timeout, ChildExited, OSError) as exc:
            res.error = f"{type(exc).__name__}: {exc}; screen: {_tail(p)}"
        finally:
            p.close(QUIT_KEYS[app], grace=1.0)
    return res


# ---------------------------------------------------------------------------
# Load time, machine


def load_times(case: StoryCase, runs: int, compare_runs: int) -> dict[str, Any]:
    cmd = [
        sys.executable,
        "-m",
        "benchmarks.loadtime",
        str(case.path),
        "--runs",
        str(runs),
        "--compare-runs",
        str(compare_runs),
    ]
    try:
        out = subprocess.run(
            cmd, cwd=str(REPO), capture_output=True, text=True, timeout=600, check=False
        )
    except subprocess.TimeoutExpired:
        return {"error": "timed out"}
    if out.returncode != 0:
        return {"error": out.stderr.strip()[-600:]}
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def machine() -> dict[str, Any]:
    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = None
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    mem = f"{int(line.split()[1]) // 1024} MiB"
    except OSError:
        pass
    versions: dict[str, str] = {}
    for mod, dist in (
        ("textual", "textual"),
        ("rich", "rich"),
        ("yaml", "PyYAML"),
        ("pyte", "pyte"),
    ):
        try:
            versions[mod] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            versions[mod] = "missing"
    try:
        import yaml

        versions["libyaml"] = "yes" if yaml.__with_libyaml__ else "no"
    except ImportError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "versions": versions,
        "loadavg_at_start": [round(x, 2) for x in load] if load else None,
    }


# ---------------------------------------------------------------------------
# Statistics and the report


def med(values: Sequence[float | int | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return statistics.median(vals) if vals else None


def spread(values: Sequence[float | int | None]) -> tuple[float, float] | None:
    vals = [v for v in values if v is not None]
    return (min(vals), max(vals)) if vals else None


def summarise(
    sessions: list[SessionResult], holds: list[HoldResult], loads: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """Per (story, size, app): medians and min-max of every figure."""
    figs: dict[str, dict[str, Any]] = {}
    for s in sessions:
        key = f"{s.story}|{s.size}|{s.app}"
        d = figs.setdefault(key, {"runs": 0, "failed": 0, "errors": [], "raw": {}})
        if not s.ok:
            d["failed"] += 1
            if s.error and s.error not in d["errors"]:
                d["errors"].append(s.error)
            continue
        d["runs"] += 1
        raw = d["raw"]

        def add(name: str, value: float | int | None, raw: dict[str, list[Any]] = raw) -> None:
            raw.setdefault(name, []).append(value)

        add("first_output_ms", s.first_output_s * 1000 if s.first_output_s is not None else None)
        add("first_paint_ms", s.first_paint_s * 1000 if s.first_paint_s is not None else None)
        add("first_frame_bytes", s.first_frame_bytes)
        add("first_paint_bytes", s.first_paint_bytes)
        add("peak_rss_mb", s.peak_rss_kb / 1024 if s.peak_rss_kb else None)
        # Per process: the median over its moves, so each run counts once.
        add(
            "move_settle_ms",
            med([m.settle_s * 1000 if m.settle_s is not None else None for m in s.moves]),
        )
        add("move_bytes", med([m.bytes for m in s.moves]))
        add("move_minimal_bytes", med([m.minimal_bytes for m in s.moves]))
        add(
            "move_bytes_ratio",
            med([m.bytes / m.minimal_bytes if m.minimal_bytes else None for m in s.moves]),
        )
        add(
            "move_burst_ms",
            med([m.burst_s * 1000 if m.burst_s is not None else None for m in s.moves]),
        )
        add("move_burst_bytes", med([m.burst_bytes for m in s.moves]))
        add("move_burst_rows_changed", med([m.burst_rows_changed for m in s.moves]))
        add("move_rows_changed", med([m.rows_changed for m in s.moves]))
        add("move_rows_written", med([m.rows_written for m in s.moves]))
        add("move_rows_written_unchanged", med([m.rows_written_unchanged for m in s.moves]))
        add("move_change_seen", all(bool(m.change_seen) for m in s.moves))
        if s.cold_first_paint_s is not None:
            add("cold_first_paint_ms", s.cold_first_paint_s * 1000)
        for name, key in (("enter", s.enter), ("escape", s.escape), ("tab", s.tab)):
            if key is not None:
                add(f"{name}_settle_ms", key.settle_s * 1000 if key.settle_s is not None else None)
                add(f"{name}_bytes", key.bytes)
                add(f"{name}_rows_changed", key.rows_changed)
                add(f"{name}_rows_written_unchanged", key.rows_written_unchanged)
    for d in figs.values():
        d["median"] = {}
        d["spread"] = {}
        for name, vals in d["raw"].items():
            if name == "move_change_seen":
                d["median"][name] = all(vals)
                continue
            d["median"][name] = med(vals)
            d["spread"][name] = spread(vals)
    hold: dict[str, Any] = {}
    for h in holds:
        key = f"{h.story}|{h.size}|{h.app}"
        d = hold.setdefault(key, {"raw": [], "errors": []})
        if h.ok:
            d["raw"].append(asdict(h))
        elif h.error:
            d["errors"].append(h.error)
    for d in hold.values():
        vals = [
            r["settle_after_release_s"] * 1000
            for r in d["raw"]
            if r["settle_after_release_s"] is not None
        ]
        d["settle_ms"] = med(vals)
        d["settle_ms_spread"] = spread(vals)
        d["bytes_during"] = med([r["bytes_during"] for r in d["raw"]])
        d["caught_up"] = all(r["caught_up"] for r in d["raw"]) if d["raw"] else None
    load_summary = {}
    for label, lt in loads.items():
        ls: dict[str, Any] = {
            "size": lt.get("size"),
            "error": lt.get("error") or lt.get("load_story_error"),
        }
        for name in ("load_story", "yaml_load", "yaml_load_nogc", "yaml_compose", "json_loads"):
            if name in lt:
                ls[name + "_ms"] = med([v * 1000 for v in lt[name]])
                sp = spread([v * 1000 for v in lt[name]])
                ls[name + "_ms_spread"] = sp
        load_summary[label] = ls
    return {"figures": figs, "hold": hold, "load": load_summary}


def _fmt(v: float | int | None, unit: str = "") -> str:
    if v is None:
        return "–"
    if unit == "B":
        return f"{v / 1024:.1f} KB" if v >= 10240 else f"{v:.0f} B"
    if unit == "ms":
        return f"{v:.0f} ms" if v >= 10 else f"{v:.1f} ms" if v >= 1 else f"{v:.2f} ms"
    if unit == "MB":
        return f"{v:.0f} MB"
    return f"{v:.0f}"


def _ratio(v: float | None) -> str:
    return "–" if v is None else f"{v:.2f}×"


def _cell(
    d: dict[str, Any] | None,
    name: str,
    unit: str,
    floor: dict[str, Any] | None = None,
    show_spread: bool = True,
) -> str:
    if not d or name not in d.get("median", {}):
        return "–"
    v = d["median"][name]
    out = _fmt(v, unit)
    sp = d["spread"].get(name)
    if show_spread and sp and sp[0] != sp[1]:
        out += f" ({_fmt(sp[0], unit)}–{_fmt(sp[1], unit)})"
    if floor is not None:
        fv = floor.get("median", {}).get(name)
        if isinstance(v, (int, float)) and isinstance(fv, (int, float)) and fv:
            out += f" **{v / fv:.2f}×**"
    return out


def render(
    summary: dict[str, Any],
    cases: list[StoryCase],
    sizes: list[str],
    info: dict[str, Any],
    mode: str,
) -> str:
    figs = summary["figures"]
    lines: list[str] = []
    m = info["machine"]
    lines.append(f"## storybrowse benchmark ({mode}, {info['runs']} runs, {info['date']})")
    lines.append("")
    lines.append(
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory']}, {m['os']}; "
        f"Python {m['python']}, Textual {m['versions'].get('textual')}, "
        f"Rich {m['versions'].get('rich')}, PyYAML {m['versions'].get('yaml')} "
        f"(libyaml {m['versions'].get('libyaml')}), pyte {m['versions'].get('pyte')}; "
        f"load average at start {m['loadavg_at_start']}, "
        f"at end {m.get('loadavg_at_end')}."
    )
    lines.append("")
    lines.append(
        "Medians, (min–max) over runs; **bold** = ratio to the floor measured in the same run."
    )
    lines.append("")
    hdr = (
        "| story | size | app | first paint | first frame | move: list only "
        "| move: with preview | move settle | tab | tab settle | peak RSS |"
    )
    lines.append(hdr)
    lines.append("|" + "---|" * 11)
    for case in cases:
        for size in sizes:
            floor = figs.get(f"{case.label}|{size}|floor")
            for app in APPS:
                d = figs.get(f"{case.label}|{size}|{app}")
                if d is None:
                    continue
                ref = floor if app == "storybrowse" else None
                if d["runs"] == 0:
                    err = d["errors"][0] if d["errors"] else "failed"
                    lines.append(
                        f"| {case.label} | {size} | {app} | FAILED: "
                        f"{err[:160].replace('|', '/')} |" + " |" * 8
                    )
                    continue
                lines.append(
                    f"| {case.label} | {size} | {app} "
                    f"| {_cell(d, 'first_paint_ms', 'ms', ref)} "
                    f"| {_cell(d, 'first_frame_bytes', 'B', ref)} "
                    f"| {_cell(d, 'move_burst_bytes', 'B', ref)} "
                    f"| {_cell(d, 'move_bytes', 'B', ref)} "
                    f"| {_cell(d, 'move_settle_ms', 'ms', ref)} "
                    f"| {_cell(d, 'tab_bytes', 'B')} "
                    f"| {_cell(d, 'tab_settle_ms', 'ms')} "
                    f"| {_cell(d, 'peak_rss_mb', 'MB', ref)} |"
                )
    lines.append("")
    lines.append(
        "Screen rows per timeline move (medians): rows changed after the first burst / "
        "rows changed once settled / rows the app wrote / rows written that did not "
        "change; and whether the expected entry was shown after every move."
    )
    lines.append("")
    lines.append(
        "| story | size | app | burst changed | changed | written | written, unchanged "
        "| minimal repaint | bytes / minimal | expected shown | first output "
        "| bytes at first paint |"
    )
    lines.append("|" + "---|" * 12)
    for case in cases:
        for size in sizes:
            for app in APPS:
                d = figs.get(f"{case.label}|{size}|{app}")
                if not d or not d["runs"]:
                    continue
                md = d["median"]
                lines.append(
                    f"| {case.label} | {size} | {app} | {_fmt(md.get('move_burst_rows_changed'))} "
                    f"| {_fmt(md.get('move_rows_changed'))} | {_fmt(md.get('move_rows_written'))} "
                    f"| {_fmt(md.get('move_rows_written_unchanged'))} "
                    f"| {_cell(d, 'move_minimal_bytes', 'B', show_spread=False)} "
                    f"| {_ratio(md.get('move_bytes_ratio'))} "
                    f"| {'yes' if md.get('move_change_seen') else 'NO'} "
                    f"| {_cell(d, 'first_output_ms', 'ms', show_spread=False)} "
                    f"| {_cell(d, 'first_paint_bytes', 'B', show_spread=False)} |"
                )
    lines.append("")
    lines.append(
        "storybrowse's other keys after the moves: enter (open the previewed record), "
        "escape (back to the list), tab (next pane): bytes, key → settled, rows "
        "changed / rows written that did not change; first paint of a first open "
        "(empty story cache; the figures above are then a second open)."
    )
    lines.append("")
    lines.append(
        "| story | size | enter | escape | tab | unchanged rows written (enter/escape/tab) "
        "| first paint, first open |"
    )
    lines.append("|" + "---|" * 7)
    for case in cases:
        for size in sizes:
            d = figs.get(f"{case.label}|{size}|storybrowse")
            if not d or not d["runs"]:
                continue
            md = d["median"]
            keys = [
                f"{_cell(d, f'{k}_bytes', 'B', show_spread=False)}, "
                f"{_cell(d, f'{k}_settle_ms', 'ms', show_spread=False)}, "
                f"{_fmt(md.get(f'{k}_rows_changed'))} rows"
                for k in ("enter", "escape", "tab")
            ]
            unchanged = "/".join(
                _fmt(md.get(f"{k}_rows_written_unchanged")) for k in ("enter", "escape", "tab")
            )
            lines.append(
                f"| {case.label} | {size} | {' | '.join(keys)} | {unchanged} "
                f"| {_cell(d, 'cold_first_paint_ms', 'ms')} |"
            )
    lines.append("")
    lines.append("Load time of the story file alone (in a fresh process, cold cache):")
    lines.append("")
    lines.append(
        "| story | file | load_story | CSafeLoader load | ratio | load, gc off "
        "| compose | json.loads |"
    )
    lines.append("|" + "---|" * 8)
    for case in cases:
        ls = summary["load"].get(case.label)
        if not ls:
            continue
        a, b = ls.get("load_story_ms"), ls.get("yaml_load_ms")
        ratio = f"{a / b:.2f}×" if a and b else "–"
        sz = ls.get("size") or case.size
        lines.append(
            f"| {case.label} | {sz / 1e6:.2f} MB | {_fmt(a, 'ms')} | {_fmt(b, 'ms')} | {ratio} "
            f"| {_fmt(ls.get('yaml_load_nogc_ms'), 'ms')} "
            f"| {_fmt(ls.get('yaml_compose_ms'), 'ms')} "
            f"| {_fmt(ls.get('json_loads_ms'), 'ms')} |"
        )
        if ls.get("error"):
            lines.append(f"| {case.label} | load_story error: {ls['error'][:200]} |||||||")
    if summary["hold"]:
        lines.append("")
        lines.append(f"Holding Down at {HOLD_RATE:.0f} keys/s for {HOLD_SECONDS:.0f} s:")
        lines.append("")
        lines.append("| story | size | app | release → settled | bytes while held | caught up |")
        lines.append("|---|---|---|---|---|---|")
        for key, d in summary["hold"].items():
            story, size, app = key.split("|")
            if not d["raw"]:
                err = d["errors"][0][:160] if d["errors"] else "failed"
                lines.append(f"| {story} | {size} | {app} | FAILED: {err} | | |")
                continue
            sp = d["settle_ms_spread"]
            sps = f" ({_fmt(sp[0], 'ms')}–{_fmt(sp[1], 'ms')})" if sp and sp[0] != sp[1] else ""
            lines.append(
                f"| {story} | {size} | {app} | {_fmt(d['settle_ms'], 'ms')}{sps} "
                f"| {_fmt(d['bytes_during'], 'B')} "
                f"| {'yes' if d['caught_up'] else 'NO'} |"
            )
    lines.append("")
    lines.extend(render_targets(summary, cases))
    failures = [(k, d["failed"], d["errors"]) for k, d in figs.items() if d["failed"]]
    if failures:
        lines.append("")
        lines.append("Failed runs:")
        for k, n, errs in failures:
            lines.append(f"- {k}: {n} failed: {'; '.join(e[:300] for e in errs)}")
    return "\n".join(lines)


def render_targets(summary: dict[str, Any], cases: list[StoryCase]) -> list[str]:
    figs = summary["figures"]
    labels = {c.label for c in cases}
    out = ["Targets (issues 4 and 10):", "", "| target | measured | verdict |", "|---|---|---|"]

    def get(story: str, size: str, app: str, name: str) -> Any:
        d = figs.get(f"{story}|{size}|{app}")
        if not d or not d["runs"]:
            return None
        return d["median"].get(name)

    def never_painted(story: str, size: str) -> bool:
        d = figs.get(f"{story}|{size}|storybrowse")
        if d is None:  # skipped because it never painted at another size
            return any(
                (x := figs.get(f"{story}|{s}|storybrowse")) is not None
                and not x["runs"]
                and any("Timeout" in e for e in x["errors"])
                for s in ("80x24", "120x40")
            )
        return not d["runs"] and any("Timeout" in e for e in d["errors"])

    def row(target: str, value: str, ok: bool | None, story: str = "", size: str = "") -> None:
        verdict = "not measured" if ok is None else ("met" if ok else "**NOT MET**")
        if ok is None and story and never_painted(story, size):
            value = "storybrowse never painted (no output within the start timeout)"
            verdict = "**NOT MET**" if "first paint" in target else "**not measurable**"
        out.append(f"| {target} | {value} | {verdict} |")

    if "seed" in labels:
        for size in ("80x24", "120x40"):
            a = get("seed", size, "storybrowse", "first_paint_ms")
            b = get("seed", size, "floor", "first_paint_ms")
            r = a / b if a is not None and b else None
            row(
                f"seed, {size}: first paint ≤ 1.15 × floor",
                f"{_fmt(a, 'ms')} vs {_fmt(b, 'ms')} = {r:.2f}×" if r else "–",
                None if r is None else r <= 1.15,
            )
        v = get("seed", "80x24", "storybrowse", "first_frame_bytes")
        row("seed, 80x24: first frame ≤ 15 KB", _fmt(v, "B"), None if v is None else v <= 15 * 1024)
    if "10000" in labels:
        for size in ("80x24", "120x40"):
            v = get("10000", size, "storybrowse", "first_paint_ms")
            row(
                f"10,000, {size}: first paint ≤ 1.5 s",
                _fmt(v, "ms"),
                None if v is None else v <= 1500,
                "10000",
                size,
            )
        for size in ("80x24", "120x40"):
            v = get("10000", size, "storybrowse", "move_settle_ms")
            t = get("10000", size, "storybrowse", "tab_settle_ms")
            row(
                f"10,000, {size}: keypress → settled ≤ 30 ms (timeline move; tab)",
                f"move {_fmt(v, 'ms')}; tab {_fmt(t, 'ms')}",
                None if v is None else v <= 30,
                "10000",
                size,
            )
        v = max(
            (
                x
                for x in (
                    get("10000", s, "storybrowse", "peak_rss_mb") for s in ("80x24", "120x40")
                )
                if x is not None
            ),
            default=None,
        )
        row(
            "10,000: peak RSS ≤ 200 MB",
            _fmt(v, "MB"),
            None if v is None else v <= 200,
            "10000",
            "80x24",
        )
    worst = None
    where = ""
    for c in cases:
        v = get(c.label, "80x24", "storybrowse", "move_burst_bytes")
        ch = get(c.label, "80x24", "storybrowse", "move_burst_rows_changed")
        if v is not None and (worst is None or v > worst):
            worst, where = v, f"{c.label} (rows changed in the burst: {_fmt(ch)})"
    row(
        "80x24: list move without detail change ≤ 500 B (worst story)",
        f"{_fmt(worst, 'B')} on {where}" if worst is not None else "–",
        None if worst is None else worst <= 500,
    )
    worst_u = None
    for c in cases:
        v = get(c.label, "80x24", "storybrowse", "move_rows_written_unchanged")
        if v is not None:
            worst_u = v if worst_u is None else max(worst_u, v)
    for size in ("80x24", "120x40"):
        worst_r, where_r = None, ""
        for c in cases:
            v = get(c.label, size, "storybrowse", "move_bytes_ratio")
            if v is not None and (worst_r is None or v > worst_r):
                b = get(c.label, size, "storybrowse", "move_bytes")
                m = get(c.label, size, "storybrowse", "move_minimal_bytes")
                worst_r, where_r = v, f"{c.label}: {_fmt(b, 'B')} vs {_fmt(m, 'B')} minimal"
        row(
            f"{size}: preview move ≤ 1.3 × minimal repaint of the changed rows (worst story)",
            f"{_ratio(worst_r)} on {where_r}" if worst_r is not None else "–",
            None if worst_r is None else worst_r <= 1.3,
        )
    row(
        "preview move: only changed lines sent (rows written but unchanged, worst story)",
        _fmt(worst_u),
        None if worst_u is None else worst_u <= 0,
    )
    h = summary["hold"].get("10000|80x24|storybrowse")
    if h and h["raw"]:
        row(
            "10,000: hold Down 2 s, release → settled ≤ 100 ms",
            f"{_fmt(h['settle_ms'], 'ms')}, caught up: {'yes' if h['caught_up'] else 'no'}",
            h["settle_ms"] is not None and h["settle_ms"] <= 100 and bool(h["caught_up"]),
        )
    else:
        row(
            "10,000: hold Down 2 s, release → settled ≤ 100 ms",
            "–",
            None,
            "10000" if "10000" in labels else "",
            "80x24",
        )
    return out


# ---------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true", help="smoke test, under a minute")
    parser.add_argument("--runs", type=int, help="runs per figure (quick 3, full 7)")
    parser.add_argument(
        "--stories",
        help="comma-separated: seed and/or incident counts "
        "(quick: seed,1000; full: seed,10,1000,10000)",
    )
    parser.add_argument("--sizes", help="comma-separated COLSxROWS (default 80x24,120x40)")
    parser.add_argument("--apps", default=",".join(APPS), help="storybrowse,floor")
    parser.add_argument("--moves", type=int, help="timeline moves measured per run")
    parser.add_argument(
        "--hold-story",
        help="story for the holding-a-key test (default 10000 when measured; 'none' to skip)",
    )
    parser.add_argument(
        "--start-timeout",
        type=float,
        help=f"seconds to wait for the first paint (quick 20, full {START_TIMEOUT:.0f})",
    )
    parser.add_argument(
        "--budget",
        type=float,
        help="stop starting new runs after this many "
        "seconds (quick 50, full none); what is skipped is reported",
    )
    parser.add_argument(
        "--json",
        dest="json_out",
        help="write the raw results to this file (full mode default: benchmarks/results/DATE.json)",
    )
    args = parser.parse_args(argv)

    quick = args.quick
    runs = args.runs or (3 if quick else 7)
    stories = (args.stories or ("seed,1000" if quick else "seed,10,1000,10000")).split(",")
    sizes = (args.sizes or "80x24,120x40").split(",")
    apps = [a for a in args.apps.split(",") if a]
    n_moves = args.moves or (2 if quick else 3)
    start_timeout = args.start_timeout or (20.0 if quick else START_TIMEOUT)
    budget = args.budget if args.budget is not None else (50.0 if quick else None)
    for a in apps:
        if a not in APPS:
            parser.error(f"unknown app {a!r}")
    for s in stories:
        if s != "seed" and not s.isdigit():
            parser.error(f"a story is 'seed' or a number of incidents, not {s!r}")
    dims: list[tuple[int, int]] = []
    for size in sizes:
        m = re.fullmatch(r"(\d+)x(\d+)", size.strip().lower())
        if not m:
            parser.error(f"a size looks like 80x24, not {size!r}")
        dims.append((int(m.group(1)), int(m.group(2))))
    hold_story = args.hold_story or ("10000" if "10000" in stories and not quick else "none")
    if hold_story != "none" and hold_story not in stories:
        parser.error(f"--hold-story {hold_story} is not among the stories measured")

    started = time.monotonic()
    info: dict[str, Any] = {
        "machine": machine(),
        "mode": "quick" if quick else "full",
        "runs": runs,
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "quiet_ms": QUIET * 1000,
        "late_ms": LATE * 1000,
        "burst_gap_ms": BURST_GAP * 1000,
        "start_timeout_s": start_timeout,
        "skipped": [],
    }
    skipped: list[str] = info["skipped"]

    def over_budget() -> bool:
        return budget is not None and time.monotonic() - started > budget

    workdir = Path(tempfile.mkdtemp(prefix="sb-bench-stories-"))
    sessions: list[SessionResult] = []
    holds: list[HoldResult] = []
    loads: dict[str, dict[str, Any]] = {}
    cases: list[StoryCase] = []
    try:
        cases = prepare_stories(stories, workdir)
        for case in cases:
            big = case.incidents >= 1000
            # Quick mode: large stories once, at 80x24 only (a smoke test).
            case_runs = 1 if quick and big else runs
            case_dims = dims[:1] if quick and big else dims
            cmp_runs = 1 if quick else min(runs, 3) if case.incidents >= 5000 else min(runs, 5)
            loads[case.label] = load_times(case, 1 if quick and big else runs, cmp_runs)
            broken: set[str] = set()
            for cols, rows in case_dims:
                # The apps take turns, run by run, so a change in the
                # machine's load affects both alike.
                failed = dict.fromkeys(apps, 0)
                done: set[str] = set()
                for i in range(case_runs):
                    for app in apps:
                        if app in done:
                            continue
                        if app in broken:
                            skipped.append(
                                f"{app} {case.label} {cols}x{rows}: it never "
                                "painted at an earlier size"
                            )
                            done.add(app)
                            continue
                        if over_budget():
                            skipped.append(
                                f"{app} {case.label} {cols}x{rows}: "
                                f"{case_runs - i} runs (time budget)"
                            )
                            done.add(app)
                            continue
                        r = run_session(app, case, cols, rows, n_moves, start_timeout)
                        sessions.append(r)
                        status = (
                            f"paint {r.first_paint_s * 1000:.0f} ms"
                            if r.ok and r.first_paint_s
                            else f"FAILED {r.error}"
                        )
                        print(
                            f"  {case.label:>6} {cols}x{rows} {app:<11} {status}", file=sys.stderr
                        )
                        if not r.ok:
                            failed[app] += 1
                            if r.first_paint_s is None and r.timed_out:
                                # Never painted within the timeout: once is
                                # conclusive; do not spend it again.
                                broken.add(app)
                                done.add(app)
                            elif failed[app] >= 2:
                                done.add(app)
            if case.label == hold_story:
                for app in apps:
                    if app in broken:
                        skipped.append(f"hold test {app} {case.label}: it never painted")
                        continue
                    for _ in range(min(runs, 3)):
                        if over_budget():
                            skipped.append(f"hold test {app} {case.label} (time budget)")
                            break
                        h = hold_key(app, case, 80, 24, start_timeout)
                        holds.append(h)
                        status = (
                            f"{(h.settle_after_release_s or 0) * 1000:.0f} ms"
                            if h.ok
                            else f"FAILED {h.error}"
                        )
                        print(f"  hold {case.label} {app}: {status}", file=sys.stderr)
                        if not h.ok:
                            break
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    info["elapsed_s"] = round(time.monotonic() - started, 1)
    if hasattr(os, "getloadavg"):
        info["machine"]["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    summary = summarise(sessions, holds, loads)
    print(render(summary, cases, [f"{c}x{r}" for c, r in dims], info, info["mode"]))
    if skipped:
        print("\nSkipped:")
        for line in skipped:
            print(f"- {line}")
    print(f"\n(elapsed {info['elapsed_s']} s)")
    json_out = args.json_out
    if json_out is None and not quick:
        RESULTS.mkdir(parents=True, exist_ok=True)
        json_out = str(RESULTS / (time.strftime("%Y%m%d-%H%M%S") + ".json"))
    if json_out:
        payload = {
            "info": info,
            "stories": [
                {"label": c.label, "incidents": c.incidents, "bytes": c.size} for c in cases
            ],
            "summary": summary,
            "sessions": [asdict(s) for s in sessions],
            "holds": [asdict(h) for h in holds],
            "load_raw": loads,
        }
        Path(json_out).write_text(json.dumps(payload, indent=1, default=str), encoding="utf-8")
        print(f"results: {json_out}", file=sys.stderr)
    ok = all(s.ok for s in sessions) and all(h.ok for h in holds)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
