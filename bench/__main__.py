"""`python -m bench`: every dataset on every database, each in its own process, one table.

    python -m bench                                   # demo and scale 1, SQLite and PostgreSQL
    python -m bench --dataset demo --db sqlite        # one combination
    python -m bench --scale 0.1 --requests 10         # a quick run

Results: the table on stdout, and var/bench/latest.json (with the machine it ran on).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from bench.databases import RESULTS, ROOT, Dataset, postgres_version
from bench.report import combination_table, summary
from bench.run import REQUESTS, WARMUPS


def machine() -> dict[str, Any]:
    """What the figures came from."""
    import django

    memory_kb = 0
    cpu = platform.processor()
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_kb = int(line.split()[1])
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": postgres_version(),
    }


def machine_line(info: dict[str, Any]) -> str:
    return (
        f"machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory_gb']} GB RAM, "
        f"Python {info['python']}, Django {info['django']}, SQLite {info['sqlite']}, "
        f"PostgreSQL {info['postgresql']}"
    )


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--dataset", choices=["demo", "scale1"], action="append", help="repeatable; default both"
    )
    parser.add_argument(
        "--db", choices=["sqlite", "postgres"], action="append", help="repeatable; default both"
    )
    parser.add_argument("--scale", type=float, default=1.0, help="scale of scale1 (default 1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=REQUESTS)
    parser.add_argument("--warmups", type=int, default=WARMUPS)
    parser.add_argument("--today", default=date.today().isoformat(), help="demo's day")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    info = machine()
    print(machine_line(info), flush=True)
    results = []
    failed = []
    started = time.perf_counter()
    for name in args.dataset or ["demo", "scale1"]:
        dataset = Dataset(name, args.scale, args.seed)
        for db in args.db or ["sqlite", "postgres"]:
            target = RESULTS / f"{dataset.label}-{db}.json"
            target.unlink(missing_ok=True)
            print(f"\n-- {dataset.label} on {db} ...", flush=True)
            command = [sys.executable, "-m", "bench.run", "--dataset", name, "--db", db]
            command += ["--scale", f"{args.scale:g}", "--seed", str(args.seed)]
            command += ["--requests", str(args.requests), "--warmups", str(args.warmups)]
            command += ["--today", args.today, "--json", str(target)]
            done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, check=False)
            if done.returncode != 0 or not target.exists():
                failed.append(f"{dataset.label}-{db}")
                print(f"   failed (exit {done.returncode})", flush=True)
                continue
            result = json.loads(target.read_text())
            results.append(result)
            print(combination_table(result), flush=True)
    print()
    print(summary(results))
    elapsed = time.perf_counter() - started
    print(
        f"   {len(results)} combinations in {elapsed / 60:.1f} min"
        + (f"; failed to run: {', '.join(failed)}" if failed else "")
    )
    latest = RESULTS / "latest.json"
    latest.write_text(
        json.dumps(
            {"machine": info, "seconds": elapsed, "results": results, "failed": failed},
            indent=2,
            ensure_ascii=False,
        )
    )
    print(f"   written to {latest.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
