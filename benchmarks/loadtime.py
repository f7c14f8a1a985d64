"""Time loading a story file alone, in a fresh process.

    python -m benchmarks.loadtime STORY.yaml [--runs N] [--compare-runs M]

Prints one JSON object: seconds per run for

* ``load_story``: storybrowse's loader (``tui.story.load.load_story``), the
  whole job: read, parse, check, build the model;
* ``yaml_load``: ``yaml.load(..., Loader=yaml.CSafeLoader)`` alone (what the
  floor app does);
* ``yaml_load_nogc``: the same with the cyclic garbage collector disabled
  while it runs (it is most of the cost on large files);
* ``yaml_compose``: ``yaml.compose(..., Loader=yaml.CSafeLoader)`` alone;
* ``json_loads``: ``json.loads`` of the same data dumped as JSON, for scale.

The comparisons run *compare-runs* times (they are slow on large files).
``XDG_CACHE_HOME`` is pointed at a fresh empty directory, so a loader that
keeps a cache is measured cold.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from typing import Any


def _time(fn: Callable[[], Any], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        gc.collect()
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def measure(path: str, runs: int, compare_runs: int) -> dict[str, Any]:
    import yaml

    result: dict[str, Any] = {"path": path, "size": os.path.getsize(path)}
    with tempfile.TemporaryDirectory(prefix="sb-bench-cache-") as cache:
        os.environ["XDG_CACHE_HOME"] = cache
        try:
            from tui.story.load import load_story
        except ImportError as exc:
            result["load_story_error"] = f"cannot import tui.story.load: {exc}"
        else:
            try:
                result["load_story"] = _time(lambda: load_story(path), runs)
            except Exception as exc:  # reported in the output, never hidden
                result["load_story_error"] = f"{type(exc).__name__}: {exc}"[:2000]

    def yaml_load() -> Any:
        with open(path, "rb") as fh:
            return yaml.load(fh, Loader=yaml.CSafeLoader)

    def yaml_load_nogc() -> Any:
        gc.disable()
        try:
            return yaml_load()
        finally:
            gc.enable()

    def yaml_compose() -> Any:
        with open(path, "rb") as fh:
            return yaml.compose(fh, Loader=yaml.CSafeLoader)

    result["yaml_load"] = _time(yaml_load, compare_runs)
    result["yaml_load_nogc"] = _time(yaml_load_nogc, compare_runs)
    result["yaml_compose"] = _time(yaml_compose, compare_runs)
    text = json.dumps(yaml_load(), default=str)
    result["json_size"] = len(text)
    result["json_loads"] = _time(lambda: json.loads(text), max(runs, compare_runs))
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.loadtime")
    parser.add_argument("path")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--compare-runs", type=int, default=3)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.path, args.runs, args.compare_runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
