"""One `mkdocs build --strict` in this process; prints a JSON line with its times.

Run as a child of bench/run.py, which reads the child's peak memory (ru_maxrss)
from the operating system. The hooks' share is measured two ways:

- always, by timers around each `on_*` handler of hooks/events.py as MkDocs
  registered it (wall and CPU time; CPU time is what other processes on the
  machine disturb least), over the build's own wall and CPU time;
- with --profile, under cProfile: the cumulative time of the same handlers
  over the profiled total. MkDocs calls each handler from its own loop, so the
  handlers never nest and their cumulative times add up. cProfile slows pure
  Python code (PyYAML, HTMLParser) more than C code, so this share reads high;
  its per-function stats (--stats) show which step costs what.

Usage: python bench/build_once.py CONFIG SITE_DIR [--profile] [--stats FILE]
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import json
import logging
import os
import pstats
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build
from mkdocs.config import load_config

HOOKS_FILE = "hooks/events.py"


def _is_hook(method: Callable[..., Any]) -> bool:
    code = getattr(method, "__code__", None)
    return code is not None and Path(code.co_filename).as_posix().endswith(HOOKS_FILE)


def time_hooks(plugins: Any) -> tuple[dict[str, float], dict[str, float]]:
    """Wrap the hooks' handlers in `plugins.events` with timers: (CPU s, wall s) by handler name."""
    cpu: dict[str, float] = defaultdict(float)
    wall: dict[str, float] = defaultdict(float)

    def timed(method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            cpu_start, wall_start = time.process_time(), time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                cpu[method.__name__] += time.process_time() - cpu_start
                wall[method.__name__] += time.perf_counter() - wall_start

        return wrapper

    for name, methods in plugins.events.items():
        plugins.events[name] = [timed(m) if _is_hook(m) else m for m in methods]
    return cpu, wall


def profiled_hooks_time(stats: pstats.Stats) -> dict[str, float]:
    """Cumulative seconds of each `on_*` handler of hooks/events.py under cProfile."""
    handlers: dict[str, float] = defaultdict(float)
    for (filename, _, function), (_, _, _, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        if Path(filename).as_posix().endswith(HOOKS_FILE) and function.startswith("on_"):
            handlers[function] += cumulative
    return dict(handlers)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("config", type=Path)
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--stats", type=Path, help="with --profile, also save the profile here (pstats format)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    config_file, site_dir = args.config.resolve(), args.site_dir.resolve()
    stats_file = args.stats.resolve() if args.stats else None
    os.chdir(config_file.parent)  # as `mkdocs build` run from the project folder

    cpu_start, wall_start = time.process_time(), time.perf_counter()
    config = load_config(config_file=str(config_file), strict=True, site_dir=str(site_dir))
    hooks_cpu, hooks_wall = time_hooks(config.plugins)
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.runcall(build, config)
    else:
        build(config)
    result: dict[str, Any] = {
        "wall_s": time.perf_counter() - wall_start,
        "cpu_s": time.process_time() - cpu_start,
        "hooks_cpu_s": sum(hooks_cpu.values()),
        "hooks_wall_s": sum(hooks_wall.values()),
        "handlers_cpu_s": dict(hooks_cpu),
    }
    if profiler:
        stats = pstats.Stats(profiler)
        if stats_file:
            stats.dump_stats(str(stats_file))
        handlers = profiled_hooks_time(stats)
        result |= {"profiled_s": stats.total_tt, "profiled_hooks_s": sum(handlers.values()),  # type: ignore[attr-defined]
                   "profiled_handlers_s": handlers}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
