"""`python -m bench.http`: serve a dataset with gunicorn (2 workers) on 127.0.0.1 and load it.

For each main public page and the bare page, a bounded load generator (threads with
http.client, at most --requests requests AND at most --seconds seconds per page, only ever
to 127.0.0.1) reports requests per second and latency (median, p95); at the end, each
worker's peak memory. Each dataset is set up in a throwaway database, as in `bench.run`.

    python -m bench.http                                  # scale 1 on PostgreSQL
    python -m bench.http --dataset demo --db sqlite       # the demo city on SQLite
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

from bench.databases import RESULTS, ROOT, Dataset, fill, throwaway_database
from bench.run import percentile

HOST = "127.0.0.1"  # the load generator never talks to anything else
WORKERS = 2
PUBLIC_PAGES = [
    "home",
    "body-list",
    "body-detail",
    "meeting-detail",
    "calendar",
    "search",
    "area-detail",
    "organisation-list",
    "organisation-detail",
    "person-detail",
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _get(port: int, path: str) -> tuple[int, float]:
    """One GET on a fresh connection (gunicorn's sync workers close after each answer)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": HOST})
        response = connection.getresponse()
        response.read()
        status = response.status
    finally:
        connection.close()
    return status, (time.perf_counter() - started) * 1000


def load(
    port: int, path: str, *, concurrency: int, max_requests: int, max_seconds: float
) -> dict[str, Any]:
    """Send at most `max_requests` GETs from `concurrency` threads, for at most `max_seconds`."""
    lock = threading.Lock()
    issued = 0
    latencies: list[float] = []
    errors = 0
    started = time.perf_counter()
    deadline = started + max_seconds

    def worker() -> None:
        nonlocal issued, errors
        while True:
            with lock:
                if issued >= max_requests or time.perf_counter() >= deadline:
                    return
                issued += 1
            try:
                status, elapsed = _get(port, path)
            except OSError:
                status, elapsed = 0, 0.0
            with lock:
                if status == 200:
                    latencies.append(elapsed)
                else:
                    errors += 1

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max_seconds + 60)
    elapsed = time.perf_counter() - started
    return {
        "path": path,
        "requests": len(latencies),
        "errors": errors,
        "seconds": elapsed,
        "rps": len(latencies) / elapsed if elapsed else 0.0,
        "median_ms": percentile(latencies, 0.5) if latencies else 0.0,
        "p95_ms": percentile(latencies, 0.95) if latencies else 0.0,
    }


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _paths(env: dict[str, str]) -> dict[str, str]:
    """The URL of each public page for this dataset, found with Django in this process."""
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection

    from bench.pages import instances, page_specs
    from bench.urls import BARE_URL

    specs = {spec.key: spec.url for spec in page_specs(instances())}
    connection.close()
    return {"bare": BARE_URL, **{key: specs[key] for key in PUBLIC_PAGES}}


def _serve(env: dict[str, str], port: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [str(gunicorn), "quartier.wsgi", "--workers", str(WORKERS)]
    command += ["--bind", f"{HOST}:{port}", "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})
    for _ in range(100):
        try:
            if _get(port, "/bench/bare/")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not answer")


def run(dataset: Dataset, db: str, args: argparse.Namespace) -> dict[str, Any]:
    with throwaway_database(db) as env:
        setup_seconds = fill(env, dataset, args.today)
        paths = _paths(env)
        port = _free_port()
        server = _serve(env, port)
        try:
            pages = {}
            for key, path in paths.items():
                for _ in range(args.concurrency * 2):  # warm every worker
                    _get(port, path)
                pages[key] = load(
                    port,
                    path,
                    concurrency=args.concurrency,
                    max_requests=args.requests,
                    max_seconds=args.seconds,
                )
            workers = {pid: _peak_mb(pid) for pid in _children(server.pid)}
        finally:
            server.terminate()
            server.wait(30)
    return {
        "dataset": dataset.label,
        "db": db,
        "setup_seconds": setup_seconds,
        "workers": WORKERS,
        "concurrency": args.concurrency,
        "pages": pages,
        "worker_peak_mb": list(workers.values()),
    }


def table(result: dict[str, Any]) -> str:
    from bench.targets import MEMORY_MB

    lines = [
        f"== HTTP: {result['dataset']} on {result['db']}, gunicorn {result['workers']} workers, "
        f"{result['concurrency']} client threads on {HOST}",
        f"   {'page':<20} {'requests':>8} {'errors':>6} {'req/s':>7} "
        f"{'median ms':>9} {'p95 ms':>8}",
    ]
    for key, row in result["pages"].items():
        lines.append(
            f"   {key:<20} {row['requests']:>8} {row['errors']:>6} {row['rps']:>7.1f} "
            f"{row['median_ms']:>9.1f} {row['p95_ms']:>8.1f}"
        )
    for peak in result["worker_peak_mb"]:
        verdict = "PASS" if peak <= MEMORY_MB else "FAIL"
        lines.append(f"   worker peak memory {peak:.0f} MB (target ≤{MEMORY_MB:g} MB) {verdict}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.http", description=__doc__)
    parser.add_argument("--dataset", choices=["demo", "scale1"], default="scale1")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--scale", type=float, default=1.0, help="scale of scale1 (default 1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--requests", type=int, default=400, help="at most, per page")
    parser.add_argument("--seconds", type=float, default=8.0, help="at most, per page")
    parser.add_argument("--today", default=date.today().isoformat(), help="demo's day")
    args = parser.parse_args(argv)
    dataset = Dataset(args.dataset, args.scale, args.seed)
    result = run(dataset, args.db, args)
    RESULTS.mkdir(parents=True, exist_ok=True)
    target = RESULTS / f"http-{dataset.label}-{args.db}.json"
    target.write_text(json.dumps(result, indent=2))
    print(table(result))
    print(f"   written to {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
