"""One benchmark combination: `python -m bench.run --dataset demo|scale1 --db sqlite|postgres`.

Sets up a throwaway database, loads the dataset in child processes, then times every page
type in this process with the Django test client (warm-ups first, then repeated requests),
next to the bare page of the same run; prints a table and writes JSON (--json).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from bench.databases import RESULTS, Dataset, fill, throwaway_database
from bench.targets import verdicts

REQUESTS = 30
WARMUPS = 3
PAGE_SECONDS = 15.0  # per page type: then stop repeating, keeping MIN_SAMPLES
MIN_SAMPLES = 3
SLOW_SECONDS = 1.0  # a warm-up slower than this is the last one
PROFILE_BELOW_MS = 2000.0  # profiling a slower page would cost minutes


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with `share` of all at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _time(client: Any, url: str, *, requests: int, warmups: int) -> dict[str, Any]:
    """Median and p95 of `requests` visits after `warmups`, and the queries of the last
    warm-up. A slow page gets one warm-up and fewer visits (at least MIN_SAMPLES, for at
    most about PAGE_SECONDS) so that the whole run stays within minutes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    for number in range(warmups):
        last = number == warmups - 1 or time.perf_counter() - started > SLOW_SECONDS
        if last:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            # Copied now: the next request's request_started signal empties the log.
            queries = list(captured.captured_queries)
        else:
            response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        if last:
            break
    timings: list[float] = []
    cpu: list[float] = []
    started = time.perf_counter()
    while len(timings) < requests:
        if len(timings) >= MIN_SAMPLES and time.perf_counter() - started > PAGE_SECONDS:
            break
        begun, begun_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        timings.append((time.perf_counter() - begun) * 1000)
        cpu.append((time.process_time() - begun_cpu) * 1000)
    slowest = max(queries, key=lambda q: float(q["time"]), default=None)
    return {
        "samples": len(timings),
        "median_ms": statistics.median(timings),
        "p95_ms": percentile(timings, 0.95),
        "max_ms": max(timings),
        # This process's CPU time (the database server's is not in it): steadier than the
        # wall clock when other work shares the machine.
        "cpu_median_ms": statistics.median(cpu),
        "queries": len(queries),
        "query_ms": sum(float(q["time"]) for q in queries) * 1000,
        "slowest_sql": slowest["sql"] if slowest else "",
        "slowest_ms": float(slowest["time"]) * 1000 if slowest else 0.0,
    }


def profile(client: Any, url: str, *, limit: int = 8) -> str:
    """Where one visit spends its time: the application's functions by cumulative time."""
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(client.get, url)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    # Paths are relative to the working directory when run with `python -m`.
    stats.print_stats(r"(^|/)quartier/", limit)
    lines = out.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    return "\n".join(line for line in lines[start:] if line.strip())


def explain(sql: str) -> str:
    """The plan of a captured query: EXPLAIN ANALYZE on PostgreSQL, the query plan on SQLite."""
    from django.db import connection

    if not sql.lstrip().upper().startswith("SELECT"):
        return ""
    prefix = (
        "EXPLAIN (ANALYZE, BUFFERS) "
        if connection.vendor == "postgresql"
        else "EXPLAIN QUERY PLAN "
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql)
            rows = cursor.fetchall()
    except Exception as error:  # noqa: BLE001 - a plan is a hint; never fail the run
        return f"(no plan: {error})"
    return "\n".join(" ".join(str(part) for part in row) for row in rows)


def _dataset_counts() -> dict[str, int]:
    from quartier.actors.models import Organisation, Person
    from quartier.bodies.models import AgendaItem, Body, Meeting

    return {
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "bodies": Body.objects.count(),
        "meetings": Meeting.objects.count(),
        "agenda_items": AgendaItem.objects.count(),
    }


def measure(*, requests: int, warmups: int) -> dict[str, Any]:
    """Time the bare page and every page type in this process (Django is set up here)."""
    import django

    django.setup()
    from django.db import connection

    from bench.pages import ANONYMOUS, bench_users, clients, instances, page_specs
    from bench.urls import BARE_URL
    from quartier.core.runtime import prepare_server_process

    if connection.vendor == "postgresql":
        # A freshly loaded database has no planner statistics and no visibility map yet
        # (without it, index-only scans still visit every row); autovacuum makes both in
        # production long before anyone looks (on this machine it is switched off), so
        # make them now.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    found = instances()
    browsers = clients(bench_users(found))
    # As a server process prepares itself (quartier/wsgi.py) before its first request.
    prepare_server_process()
    bare = _time(browsers[ANONYMOUS], BARE_URL, requests=requests, warmups=max(warmups, 1))
    pages = []
    for spec in page_specs(found):
        client = browsers[spec.role]
        row = {"key": spec.key, "kind": spec.kind, "role": spec.role, "url": spec.url}
        row.update(_time(client, spec.url, requests=requests, warmups=max(warmups, 1)))
        pages.append(row)
    # Timing the bare page again at the end shows whether the machine stayed steady.
    bare_after = _time(browsers[ANONYMOUS], BARE_URL, requests=requests, warmups=1)
    result = {
        "vendor": connection.vendor,
        "counts": _dataset_counts(),
        "bare": bare,
        "bare_after": bare_after,
        "pages": pages,
        "peak_memory_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    verdicts(result)
    for row in result["pages"]:
        if row["verdict"] == "FAIL":
            row["explain"] = explain(row["slowest_sql"])
            if row["median_ms"] < PROFILE_BELOW_MS:
                row["profile"] = profile(browsers[row["role"]], row["url"])
    connection.close()
    return result


def run(dataset: Dataset, db: str, *, requests: int, warmups: int, today: str) -> dict[str, Any]:
    with throwaway_database(db) as env:
        setup_seconds = fill(env, dataset, today)
        os.environ.update(env)
        result = measure(requests=requests, warmups=warmups)
    return {
        "dataset": dataset.label,
        "scale": None if dataset.name == "demo" else dataset.scale,
        "db": db,
        "requests": requests,
        "warmups": warmups,
        "setup_seconds": setup_seconds,
        **result,
    }


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--dataset", choices=["demo", "scale1"], required=True)
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--scale", type=float, default=1.0, help="scale of scale1 (default 1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=REQUESTS)
    parser.add_argument("--warmups", type=int, default=WARMUPS)
    parser.add_argument("--today", default=date.today().isoformat(), help="demo's day")
    parser.add_argument("--json", type=Path, help="write the result here as JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    from bench.report import combination_table

    args = parser().parse_args(argv)
    dataset = Dataset(args.dataset, args.scale, args.seed)
    result = run(dataset, args.db, requests=args.requests, warmups=args.warmups, today=args.today)
    target = args.json or RESULTS / f"{dataset.label}-{args.db}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(combination_table(result))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
