"""The gate tests itself: a page with seeded faults must fail every check it is built for."""

from browser_tests.checks import axe_violations, overflows, small_targets
from browser_tests.conftest import login


def test_canary_page_fails_the_checks(browser, site):
    wide = login(browser, site, None)
    page = wide.new_page()
    assert page.goto(site.url("/_test/kanarienvogel/")).status == 200
    found = " ".join(axe_violations(page))
    assert "image-alt" in found
    assert "color-contrast-enhanced" in found
    assert any('"x"' in target for target in small_targets(page))
    wide.close()
    narrow = login(browser, site, None, viewport={"width": 320, "height": 640})
    page = narrow.new_page()
    page.goto(site.url("/_test/kanarienvogel/"))
    assert overflows(page)
    narrow.close()


def test_real_home_page_passes_the_same_checks(browser, site):
    """The other half of the canary: the checks are not simply always red."""
    context = login(browser, site, None, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(site.url("/"))
    assert not overflows(page)
    context.close()
