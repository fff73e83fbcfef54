"""Every named HTML route, first and last instance, for every role: 200, no console errors,
axe-core clean, no sideways scrolling at 320 px, targets of at least 44 × 44 px."""

from __future__ import annotations

import pytest

from browser_tests.checks import axe_violations, overflows, small_targets
from browser_tests.conftest import login
from browser_tests.routes import ROLES


def test_every_named_route_is_listed(site):
    assert site.routes["missing"] == []


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_for_role(browser, site, artifacts, role):
    visits = site.routes["visits"][role]
    assert visits, role
    wide = login(browser, site, ROLES[role])
    narrow = login(browser, site, ROLES[role], viewport={"width": 320, "height": 640})
    problems: list[str] = []
    try:
        for name, path in visits:
            for context, width in ((wide, 1280), (narrow, 320)):
                page = context.new_page()
                errors: list[str] = []
                page.on(
                    "console", lambda m, e=errors: e.append(m.text) if m.type == "error" else None
                )
                page.on("pageerror", lambda exc, e=errors: e.append(str(exc)))
                response = page.goto(site.url(path))
                where = f"{role} {name} {path} @{width}"
                if response is None or response.status != 200:
                    problems.append(f"{where}: HTTP {response.status if response else '-'}")
                    page.close()
                    continue
                if width == 1280:
                    problems += [f"{where}: axe {v}" for v in axe_violations(page)]
                    problems += [f"{where}: small target {t}" for t in small_targets(page)]
                elif overflows(page):
                    problems.append(f"{where}: page scrolls sideways")
                problems += [f"{where}: console {e}" for e in errors]
                page.close()
    finally:
        wide.close()
        narrow.close()
    (artifacts / f"problems-{role}.txt").write_text("\n".join(problems) + "\n", encoding="utf-8")
    assert problems == []
