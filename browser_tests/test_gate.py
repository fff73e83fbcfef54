"""Every named HTML route, first and last instance, for every role: 200, no console errors,
axe-core clean, no sideways scrolling at 320 px, targets of at least 44 × 44 px."""

from __future__ import annotations

import time

import pytest

from browser_tests.checks import axe_violations, overflows, small_targets
from browser_tests.conftest import login
from browser_tests.routes import ROLES

WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 640}


def test_every_named_route_is_listed(site):
    assert site.routes["missing"] == []


def check_page(
    page, site, path: str, where: str, errors: list[str], timings: list[str]
) -> list[str]:
    problems: list[str] = []
    errors.clear()
    started = time.perf_counter()
    page.set_viewport_size(WIDE)
    response = page.goto(site.url(path), wait_until="domcontentloaded")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    loaded = time.perf_counter()
    if response is None or response.status != 200:
        return [f"{where}: HTTP {response.status if response else '-'}"]
    problems += [f"{where}: axe {v}" for v in axe_violations(page)]
    checked = time.perf_counter()
    problems += [f"{where}: small target {t}" for t in small_targets(page)]
    if page.locator("h1").count() != 1:
        problems.append(f"{where}: {page.locator('h1').count()} h1 headings")
    if path != "/" and "/anmelden/" not in path and page.locator("nav.breadcrumbs").count() != 1:
        problems.append(f"{where}: no breadcrumbs")
    if where.startswith("anonymous") and page.locator("main .intro").count() == 0:
        problems.append(f"{where}: no plain-language intro (p.intro) on a public page")
    page.set_viewport_size(NARROW)
    if overflows(page):
        problems.append(f"{where}: page scrolls sideways at 320 px")
    problems += [f"{where}: console {e}" for e in errors]
    timings.append(
        f"{where}\tload {loaded - started:.2f}\taxe {checked - loaded:.2f}"
        f"\trest {time.perf_counter() - checked:.2f}"
    )
    return problems


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_for_role(browser, site, artifacts, role):
    visits = site.routes["visits"][role]
    assert visits, role
    context = login(browser, site, ROLES[role])
    problems: list[str] = []
    timings: list[str] = []
    errors: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        for name, path in visits:
            problems += check_page(page, site, path, f"{role} {name} {path}", errors, timings)
    finally:
        context.close()
    (artifacts / f"problems-{role}.txt").write_text("\n".join(problems) + "\n", encoding="utf-8")
    (artifacts / f"timings-{role}.tsv").write_text("\n".join(timings) + "\n", encoding="utf-8")
    assert problems == []
