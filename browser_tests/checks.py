"""What the gate checks on every page: axe-core, reflow at 320 px, target sizes."""

from __future__ import annotations

import json

from axe_playwright_python.sync_playwright import Axe

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    # AAA contrast (7:1) on top of the tags: body text for older readers.
    "rules": {"color-contrast-enhanced": {"enabled": True}},
    "resultTypes": ["violations"],
}
AXE_SOURCE = Axe().axe_script  # the axe-core build that axe-playwright-python ships


def prepare(context) -> None:
    """Load axe-core into every page of `context` once, instead of injecting it per check."""
    context.add_init_script(script=AXE_SOURCE)


TARGET_SCRIPT = """
() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + '[role=button]';
  const small = [];
  for (const el of document.querySelectorAll(selector)) {
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    let rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;  // not rendered (e.g. skip link)
    if (el.matches('input[type=checkbox], input[type=radio]') && el.labels && el.labels.length) {
      const label = el.labels[0].getBoundingClientRect();
      const left = Math.min(rect.left, label.left), top = Math.min(rect.top, label.top);
      const right = Math.max(rect.right, label.right), bottom = Math.max(rect.bottom, label.bottom);
      rect = {width: right - left, height: bottom - top};
    }
    if (rect.width >= 44 && rect.height >= 44) continue;
    // Inline links in running text are exempt (WCAG 2.5.5): a link inside a sentence.
    if (el.tagName === 'A' && style.display === 'inline') {
      const block = el.closest('p, li, dd, td, th, figcaption, blockquote');
      if (block) {
        const own = (el.textContent || '').trim().length;
        const all = (block.textContent || '').trim().length;
        if (all > own + 3) continue;
      }
    }
    const name = el.getAttribute('aria-label') || el.textContent || el.name || el.id || '';
    const size = `${Math.round(rect.width)}x${Math.round(rect.height)}`;
    small.push(`${el.tagName.toLowerCase()} "${name.trim().slice(0, 40)}" ${size}`);
  }
  return small;
}
"""


def axe_violations(page) -> list[str]:
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    response = page.evaluate(f"() => axe.run(document, {json.dumps(AXE_OPTIONS)})")
    found = []
    for violation in response.get("violations", []):
        targets = [", ".join(node.get("target", [])) for node in violation.get("nodes", [])][:3]
        found.append(f"{violation['id']} ({violation.get('impact')}): {' | '.join(targets)}")
    return found


def overflows(page) -> bool:
    """True when the page itself scrolls sideways (wide tables must scroll in their box)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def small_targets(page) -> list[str]:
    return page.evaluate(TARGET_SCRIPT)
