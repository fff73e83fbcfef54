"""Paper: a meeting's agenda, a body's members and a quarter's contacts print on A4."""

from __future__ import annotations

from browser_tests.checks import overflows
from browser_tests.conftest import login

A4_CONTENT_WIDTH = 673  # 210 mm less 2 × 16 mm margins, at 96 px per inch


def test_agenda_members_and_quarter_print_on_a4(browser, site, artifacts):
    context = login(browser, site, None, viewport={"width": A4_CONTENT_WIDTH, "height": 1000})
    page = context.new_page()
    page.goto(site.url("/"))
    quarter = page.locator(".quarter-list a", has_text="Südstadt").first.get_attribute("href")
    meeting = page.locator(".meeting-item a").first.get_attribute("href")
    page.goto(site.url("/gremien/"))
    body = page.locator(".area-list a").first.get_attribute("href")
    papers = artifacts / "paper"
    papers.mkdir(exist_ok=True)
    page.emulate_media(media="print")
    for name, path in (("tagesordnung", meeting), ("mitglieder", body), ("quartier", quarter)):
        page.goto(site.url(path))
        assert not page.locator(".site-nav").is_visible(), "the menu is not printed"
        assert not page.locator(".site-footer").is_visible()
        assert page.locator("h1").is_visible()
        assert not overflows(page), f"{name} is wider than A4"
        pdf = page.pdf(format="A4", print_background=False)
        assert pdf.startswith(b"%PDF")
        (papers / f"{name}.pdf").write_bytes(pdf)
    context.close()
