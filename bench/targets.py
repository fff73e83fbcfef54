"""The performance targets (met in the benchmark, never asserted in tests).

At scale 1: every page's p95 ≤ 50 ms in-process and ≤ 10× the bare page's p95 of the same
run; analysis, comparison and export pages ≤ 1 s; one process ≤ 250 MB at its peak.
"""

from __future__ import annotations

from typing import Any

PAGE_P95_MS = 50.0
PAGE_BARE_RATIO = 10.0
ANALYSIS_P95_MS = 1000.0
MEMORY_MB = 250.0


def page_verdict(*, kind: str, p95_ms: float, ratio: float) -> str:
    if kind == "page":
        return "PASS" if p95_ms <= PAGE_P95_MS and ratio <= PAGE_BARE_RATIO else "FAIL"
    return "PASS" if p95_ms <= ANALYSIS_P95_MS else "FAIL"


def target_text(kind: str) -> str:
    if kind == "page":
        return f"≤{PAGE_P95_MS:g}ms ≤{PAGE_BARE_RATIO:g}×"
    return f"≤{ANALYSIS_P95_MS:g}ms"


def verdicts(result: dict[str, Any]) -> None:
    """Add each page's ratio to the bare page and its verdict, and the memory verdict."""
    bare = result["bare"]["p95_ms"]
    for row in result["pages"]:
        row["ratio"] = row["p95_ms"] / bare if bare else float("inf")
        row["verdict"] = page_verdict(kind=row["kind"], p95_ms=row["p95_ms"], ratio=row["ratio"])
    result["memory_verdict"] = "PASS" if result["peak_memory_mb"] <= MEMORY_MB else "FAIL"
