"""Screenshots of the key pages at 1280 and 320 px, kept in artifacts/browser/screens."""

from __future__ import annotations

import pytest

from browser_tests.checks import overflows
from browser_tests.conftest import login

KEY_PAGES = {
    "start": "/",
    "termine": "/termine/",
    "gremien": "/gremien/",
    "struktur": "/struktur/",
    "suche": "/suche/?q=wohnen",
    "organisationen": "/organisationen/",
    "anmelden": "/anmelden/",
}


@pytest.mark.parametrize("width", [1280, 320])
def test_key_pages_screenshots(browser, site, artifacts, width):
    screens = artifacts / "screens"
    screens.mkdir(exist_ok=True)
    context = login(browser, site, None, viewport={"width": width, "height": 900})
    page = context.new_page()
    pages = dict(KEY_PAGES)
    # The first district, quarter, body and meeting of the demo, reached by their links.
    page.goto(site.url("/"))
    pages["bezirk"] = page.locator(".area-list > li > a").first.get_attribute("href")
    pages["quartier"] = page.locator(".quarter-list a", has_text="Südstadt").first.get_attribute(
        "href"
    )
    pages["sitzung"] = page.locator(".meeting-item a").first.get_attribute("href")
    page.goto(site.url("/gremien/"))
    pages["gremium"] = page.locator(".area-list a").first.get_attribute("href")
    for name, path in pages.items():
        page.goto(site.url(path))
        page.screenshot(path=str(screens / f"{name}-{width}.png"), full_page=True)
        assert not overflows(page), f"{name} scrolls sideways at {width} px"
    context.close()
