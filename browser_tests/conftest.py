"""The browser gate: one server on a file database with the demo city, Debian's Chromium.

The server is started once for the whole suite (not `live_server`, which would empty the
database between tests). Chromium is /usr/bin/chromium, never a downloaded browser.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
DEMO_DAY = "2026-11-25"
PASSWORD = "quartier-demo"
ARTIFACTS = ROOT / "artifacts" / "browser"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Site:
    def __init__(self, base_url: str, env: dict[str, str]) -> None:
        self.base_url = base_url
        self.env = env
        self._routes: dict | None = None

    def url(self, path: str) -> str:
        return self.base_url + path

    @property
    def routes(self) -> dict:
        if self._routes is None:
            out = subprocess.run(
                [sys.executable, "-m", "browser_tests.routes"],
                cwd=ROOT,
                env=self.env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            self._routes = json.loads(out)
        return self._routes


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} fehlt: `make browser-deps` installiert Debians chromium.")
    var = Path(tempfile.mkdtemp(prefix="quartier-gate-"))
    env = {
        **os.environ,
        "QUARTIER_VAR_DIR": str(var),
        "DEBUG": "false",
        "SECRET_KEY": "browser-gate-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_COOKIES": "false",
        "QUARTIER_TEST_PAGES": "1",
        "DJANGO_SETTINGS_MODULE": "quartier.settings",
    }
    env.pop("DATABASE_URL", None)
    manage = [sys.executable, "manage.py"]
    for command in (
        ["migrate", "--noinput"],
        ["load_demo", "--today", DEMO_DAY, "--with-accounts"],
        ["collectstatic", "--noinput"],
    ):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, capture_output=True)
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "quartier.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.terminate()
        pytest.fail("the gate's server did not start")
    try:
        yield Site(base, env)
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(var, ignore_errors=True)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def login(browser, site: Site, username: str | None, viewport: dict | None = None):
    """A fresh browser context, logged in through the real login form (None: anonymous)."""
    context = browser.new_context(
        viewport=viewport or {"width": 1280, "height": 900}, locale="de-DE"
    )
    if username:
        page = context.new_page()
        page.goto(site.url("/anmelden/"))
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        assert "/anmelden/" not in page.url, f"login failed for {username}"
        page.close()
    return context


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
