"""Real-browser fixtures: Debian's chromium driven by Playwright's sync API against
pytest-django's live_server, and an axe-core helper that uses the copy of axe.min.js
shipped in the axe-playwright-python package (nothing is fetched from the network)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the factories called
# from the same thread are plain synchronous ORM calls, which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
BLOCKING_IMPACTS = {"serious", "critical"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def _axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does this.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def browser_context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fi-FI")
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    page = browser_context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors
    yield page
    page.close()


@pytest.fixture
def mobile_page(browser):
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    return _axe_source()


def run_axe(page, axe_source: str) -> list[dict]:
    """axe-core's violations on the loaded page (WCAG 2.1 A/AA and best practices)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    return page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})).violations",
        AXE_TAGS,
    )


def assert_no_serious_violations(page, axe_source: str) -> None:
    violations = [v for v in run_axe(page, axe_source) if v.get("impact") in BLOCKING_IMPACTS]
    details = "\n".join(
        f"{v['impact']}: {v['id']} – {v['help']} ({', '.join(str(node['target']) for node in v['nodes'][:5])})" for v in violations
    )
    assert not violations, f"axe found serious or critical violations on {page.url}:\n{details}"


@pytest.fixture
def axe_check(axe_source):
    """Call ``axe_check(page)`` after loading a page: fails on serious or critical violations."""

    def check(page):
        assert_no_serious_violations(page, axe_source)

    return check
