"""Plain-text tables of benchmark results."""

from __future__ import annotations

from typing import Any

from bench.targets import MEMORY_MB, target_text


def _ms(value: float) -> str:
    return f"{value:8.1f}"


def combination_header(result: dict[str, Any]) -> str:
    counts = result["counts"]
    bare, after = result["bare"], result["bare_after"]
    return (
        f"== {result['dataset']} on {result['db']}: "
        f"{counts['organisations']:,} organisations, {counts['people']:,} people, "
        f"{counts['bodies']:,} bodies, {counts['meetings']:,} meetings, "
        f"{counts['agenda_items']:,} agenda items (set up in {result['setup_seconds']:.0f} s)\n"
        f"   bare page: median {bare['median_ms']:.2f} ms, p95 {bare['p95_ms']:.2f} ms "
        f"(at the end: {after['median_ms']:.2f} / {after['p95_ms']:.2f} ms); "
        f"up to {result['requests']} timed requests (n) after up to {result['warmups']} "
        f"warm-ups per page\n"
        f"   peak memory {result['peak_memory_mb']:.0f} MB "
        f"(target ≤{MEMORY_MB:g} MB) {result['memory_verdict']}"
    )


def combination_table(result: dict[str, Any]) -> str:
    lines = [combination_header(result), ""]
    lines.append(
        f"   {'page':<20} {'kind':<8} {'role':<13} {'queries':>7} "
        f"{'n':>3} {'sql ms':>7} {'median ms':>9} {'p95 ms':>8} {'×bare':>7}  "
        f"{'target':<14} verdict"
    )
    for row in result["pages"]:
        lines.append(
            f"   {row['key']:<20} {row['kind']:<8} {row['role']:<13} {row['queries']:>7} "
            f"{row.get('samples', result['requests']):>3} {row['query_ms']:>7.1f} "
            f"{_ms(row['median_ms']):>9} {_ms(row['p95_ms'])} "
            f"{row['ratio']:>6.1f}×  "
            f"{target_text(row['kind']):<14} {row['verdict']}"
        )
    failures = [row for row in result["pages"] if row["verdict"] == "FAIL"]
    for row in failures:
        lines.append("")
        lines.append(
            f"   FAIL {row['key']}: slowest query {row['slowest_ms']:.1f} ms "
            f"of {row['query_ms']:.1f} ms in {row['queries']} queries"
        )
        lines.append("   " + row["slowest_sql"][:600])
        if row.get("explain"):
            lines += ["     " + line for line in row["explain"].splitlines()]
        if row.get("profile"):
            lines.append("   where the time goes (cumulative, application code):")
            lines += ["     " + line for line in row["profile"].splitlines()]
    return "\n".join(lines)


def summary(results: list[dict[str, Any]]) -> str:
    """One line per combination: how many figures pass."""
    lines = ["== summary"]
    for result in results:
        failed = [row["key"] for row in result["pages"] if row["verdict"] == "FAIL"]
        total = len(result["pages"])
        lines.append(
            f"   {result['dataset']:<10} {result['db']:<9} pages {total - len(failed)}/{total} "
            f"PASS, memory {result['peak_memory_mb']:.0f} MB {result['memory_verdict']}"
            + (f"; FAIL: {', '.join(failed)}" if failed else "")
        )
    return "\n".join(lines)


COMBINATIONS = [
    ("demo", "sqlite"),
    ("demo", "postgres"),
    ("scale1", "sqlite"),
    ("scale1", "postgres"),
]


def markdown(results: list[dict[str, Any]]) -> str:
    """The README's table: a row per page type, a column per combination."""
    by_combination = {(r["dataset"], r["db"]): r for r in results}
    present = [c for c in COMBINATIONS if c in by_combination]
    head = " | ".join(f"{dataset} · {db}" for dataset, db in present)
    lines = [f"| page | kind | {head} |", "|---|---|" + "---|" * len(present)]
    first = by_combination[present[0]]
    for index, page in enumerate(first["pages"]):
        cells = []
        for combination in present:
            row = by_combination[combination]["pages"][index]
            cells.append(
                f"{row['median_ms']:.0f} / {row['p95_ms']:.0f} · {row['ratio']:.0f}× · "
                f"{row['queries']} q · {row['verdict']}"
            )
        lines.append(f"| {page['key']} | {page['kind']} | " + " | ".join(cells) + " |")
    bare = [
        f"{r['bare']['median_ms']:.1f} / {r['bare']['p95_ms']:.1f}"
        for r in (by_combination[c] for c in present)
    ]
    memory = [
        f"{r['peak_memory_mb']:.0f} MB · {r['memory_verdict']}"
        for r in (by_combination[c] for c in present)
    ]
    setup = [f"{r['setup_seconds']:.0f} s" for r in (by_combination[c] for c in present)]
    lines.append("| *bare page* | – | " + " | ".join(bare) + " |")
    lines.append("| *peak memory* | – | " + " | ".join(memory) + " |")
    lines.append("| *set-up* | – | " + " | ".join(setup) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    import json
    import sys
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "var" / "bench"
    found = [
        json.loads((folder / f"{dataset}-{db}.json").read_text())
        for dataset, db in COMBINATIONS
        if (folder / f"{dataset}-{db}.json").exists()
    ]
    if not found:
        sys.exit("No results in var/bench/: run `make bench` first.")
    print(markdown(found))
