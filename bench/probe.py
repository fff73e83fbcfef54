"""Time page types against the database the environment names, without reloading it:
`python -m bench.probe [--page KEY ...] [--requests N] [--profile] [--explain]`.

For working on one slow page: generate a city once (`QUARTIER_VAR_DIR=/tmp/city
python manage.py generate_city --scale 1`), then probe it after every change with the
same environment. `make bench` stays the measurement of record.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.probe", description=__doc__)
    parser.add_argument("--page", action="append", help="page key (default: all)")
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--profile", action="store_true", help="print where time goes")
    parser.add_argument("--explain", action="store_true", help="plan of the slowest query")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from bench.pages import ANONYMOUS, bench_users, clients, instances, page_specs
    from bench.run import _time, explain, profile
    from bench.urls import BARE_URL
    from quartier.core.runtime import prepare_server_process

    found = instances()
    browsers = clients(bench_users(found))
    prepare_server_process()  # as bench.run and quartier/wsgi.py
    bare = _time(browsers[ANONYMOUS], BARE_URL, requests=max(args.requests, 20), warmups=2)
    print(
        f"{'bare page':24} median {bare['median_ms']:8.1f} ms  p95 {bare['p95_ms']:8.1f} ms  "
        f"cpu {bare['cpu_median_ms']:6.1f} ms"
    )
    for spec in page_specs(found):
        if args.page and spec.key not in args.page:
            continue
        client = browsers[spec.role]
        row = _time(client, spec.url, requests=args.requests, warmups=2)
        print(
            f"{spec.key:24} median {row['median_ms']:8.1f} ms  p95 {row['p95_ms']:8.1f} ms  "
            f"cpu {row['cpu_median_ms']:6.1f} ms  "
            f"{row['queries']:3} q  {row['query_ms']:7.1f} ms in SQL  {spec.url}"
        )
        if args.explain and row["slowest_sql"]:
            print(f"  slowest ({row['slowest_ms']:.1f} ms): {row['slowest_sql'][:600]}")
            print("  " + explain(row["slowest_sql"]).replace("\n", "\n  "))
        if args.profile:
            print(profile(client, spec.url, limit=15))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak memory':24} {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
