"""The senior-friendly basics: 18 px body text, landmarks, a skip link that works."""

from browser_tests.conftest import login


def test_body_text_is_at_least_18_px_and_landmarks_exist(browser, site):
    context = login(browser, site, None)
    page = context.new_page()
    page.goto(site.url("/"))
    size = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)"
    )
    assert size >= 18
    for landmark in ("header", "nav", "main", "footer"):
        assert page.locator(landmark).count() >= 1, landmark
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "inhalt"
    context.close()


def test_zoom_200_percent_has_no_sideways_scrolling(browser, site):
    """200 % zoom of a 1280 px window is a 640 px layout viewport."""
    context = browser.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    page = context.new_page()
    for path in ("/", "/termine/", "/gremien/", "/struktur/", "/organisationen/"):
        page.goto(site.url(path))
        assert not page.evaluate(
            "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
        ), path
    context.close()
