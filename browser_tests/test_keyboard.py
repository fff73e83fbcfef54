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


def tab_to_selector(page, selector: str, limit: int = 250, backwards: bool = False) -> None:
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
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


def enter_and_wait(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_secretary_logs_in_and_edits_agenda_and_attendance_by_keyboard(browser, site):
    context = login(browser, site, None)
    page = context.new_page()
    page.goto(site.url("/anmelden/"))
    tab_to_selector(page, "#id_username")
    page.keyboard.type("geschaeftsfuehrung")
    page.keyboard.press("Tab")
    page.keyboard.type("quartier-demo")
    enter_and_wait(page)
    tab_to(page, "Mein Bereich")
    enter_and_wait(page)
    tab_to_selector(page, ".meeting-item a")
    enter_and_wait(page)
    tab_to(page, "Tagesordnung")
    enter_and_wait(page)
    assert "/tagesordnung/" in page.url

    # Add two items: type the title, Enter submits (htmx swaps the list, or the page
    # reloads); the focus comes back to the title field for the next one.
    tab_to_selector(page, "#id_title")
    for title in ("Bericht aus dem Quartier", "Verschiedenes"):
        page.keyboard.type(title)
        page.keyboard.press("Enter")
        page.locator("tr.agenda-item", has_text=title).wait_for()
        page.wait_for_function(
            "() => document.activeElement && document.activeElement.id === 'id_title'"
        )
    titles = page.locator("tr.agenda-item th").all_inner_texts()
    assert titles[-2:] == ["Bericht aus dem Quartier", "Verschiedenes"]

    # Move the last one up with the keyboard (the list is above the form).
    tab_to_selector(page, 'button[aria-label="nach oben: Verschiedenes"]', backwards=True)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => { const rows = [...document.querySelectorAll('tr.agenda-item th')];"
        " return rows.length > 1 && rows[rows.length - 2].textContent.trim()"
        " === 'Verschiedenes'; }"
    )

    # Attendance: the first seat's holder came; save with the keyboard.
    page.goto(page.url.replace("/tagesordnung/", "/anwesenheit/"))
    first_radio = page.locator("tr.attendance-seat input[type=radio]").first
    first_radio_id = first_radio.get_attribute("id")
    tab_to_selector(page, f"#{first_radio_id}")
    page.keyboard.press("Space")
    assert first_radio.is_checked()
    tab_to(page, "Anwesenheit speichern")
    enter_and_wait(page)
    assert "/sitzungen/" in page.url and "/anwesenheit/" not in page.url
    assert page.locator(".kern-alert--success, [role=status]").count() >= 1
    context.close()
