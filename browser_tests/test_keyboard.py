"""Keyboard-only walks: what an older citizen and a secretary do, without a mouse."""

from __future__ import annotations

from browser_tests.conftest import login


def tab_to(page, text: str, limit: int = 250) -> None:
    """Press Tab until the focused element's text is `text` (fails after `limit` presses)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => (document.activeElement && document.activeElement.textContent || '').trim()"
        )
        if focused == text:
            return
    raise AssertionError(f"Tab never reached {text!r}")


def tab_to_selector(page, selector: str, limit: int = 250) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_find_a_quarter_and_its_next_meeting_by_keyboard(browser, site):
    context = login(browser, site, None)
    page = context.new_page()
    page.goto(site.url("/"))
    # The skip link comes first and lands on the content.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Zum Inhalt springen"
    page.keyboard.press("Enter")
    tab_to(page, "Südstadt")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text().endswith("Südstadt")
    tab_to_selector(page, ".meeting-item a")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/sitzungen/" in page.url
    assert page.locator("h2", has_text="Tagesordnung").count() == 1
    context.close()


def test_focus_is_always_visible(browser, site):
    context = login(browser, site, None)
    page = context.new_page()
    page.goto(site.url("/"))
    for _ in range(15):
        page.keyboard.press("Tab")
        outline = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }"
        )
        assert outline, page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
    context.close()
