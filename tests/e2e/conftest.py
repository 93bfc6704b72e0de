"""Browser fixtures: Debian's Chromium against the live server, axe-core, signing in.

Every test under tests/e2e is marked ``e2e`` and skipped, with the reason, when Chromium or
axe-core is missing (``apt-get install chromium``, ``npm ci``); .ci/run fails on such skips.
"""

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

CHROMIUM = Path("/usr/bin/chromium")
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SIGN_IN_PATH = "/conta/entrar/"
TIMEOUT_MS = 10_000

# Playwright's sync API keeps an asyncio loop running in the main thread from the first browser
# test to the end of the session, so Django would refuse every ORM call made there afterwards.
# The Makefile exports the same; this keeps a bare `pytest tests/e2e` working too.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

E2E_DIR = Path(__file__).resolve().parent


def _missing_tools() -> str | None:
    if not CHROMIUM.exists():
        return f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium`"
    if not AXE_SCRIPT.exists():
        return f"axe-core not found at {AXE_SCRIPT}: install it with `npm ci`"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the browser tests ``e2e``, skip them saying why when a tool is missing, run them last.

    The live server sees only committed rows, so each browser test runs in a transactional
    database that is emptied afterwards. ``serialized_rollback`` makes pytest-django serialize
    the rows that the data migrations made, which ``_rows_of_the_migrations`` puts back before
    each browser test. Running them after every other test (pytest-django has already put
    transactional tests after the rest) keeps the emptying from reaching another transactional
    test that expects those rows.
    """
    missing = _missing_tools()
    browser_tests = [item for item in items if E2E_DIR in item.path.parents]
    items[:] = [item for item in items if E2E_DIR not in item.path.parents] + browser_tests
    for item in browser_tests:
        if item.get_closest_marker("e2e") is None:
            item.add_marker(pytest.mark.e2e)
        if item.get_closest_marker("django_db") is None:
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
        if missing:
            item.add_marker(pytest.mark.skip(reason=missing))


@pytest.fixture(scope="session", autouse=True)
def _rows_from_migrations(django_db_setup) -> str:
    """Give what the migrations put in the test database, as pytest-django serialized it.

    Read before Playwright starts (autouse fixtures of a scope come first): Playwright runs the
    rest of the session in another contextvars context, where Django hands out new connection
    objects that no longer carry the serialized rows.
    """
    from django.db import DEFAULT_DB_ALIAS, connections

    rows = getattr(connections[DEFAULT_DB_ALIAS], "_test_serialized_contents", None)
    if rows is None:
        pytest.fail(
            "pytest-django did not serialize the test database: leave the django_db marker off "
            "browser tests, or give it serialized_rollback=True",
            pytrace=False,
        )
    return rows


@pytest.fixture(autouse=True)
def _rows_of_the_migrations(_rows_from_migrations: str, transactional_db) -> None:
    """Start every browser test from the database as the migrations left it.

    Emptied first: a transactional test before this one may have left rows, or content types
    and permissions that post_migrate made again under other keys than the serialized ones.
    """
    from django.core.management import call_command
    from django.db import DEFAULT_DB_ALIAS, connections

    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    connections[DEFAULT_DB_ALIAS].creation.deserialize_db_from_string(_rows_from_migrations)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's Chromium: Playwright cannot download its own browser here."""
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--headless",
            "--no-sandbox",  # the tests run as root
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            # No network but loopback: without these Chromium keeps calling home and failing.
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    """Resolve relative URLs (``page.goto("/grupo/")``) against the live server."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    # The portal's strict CSP would block the axe-core script that the tests inject.
    return {**browser_context_args, "bypass_csp": True, "locale": "pt-PT"}


@pytest.fixture
def page(page: Page, live_server) -> Iterator[Page]:
    """Give a page that waits seconds, not thirty, and fails the test on any server error."""
    page.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    server_errors: list[str] = []
    page.on(
        "response",
        lambda response: (
            server_errors.append(f"{response.status} {response.request.method} {response.url}")
            if response.status >= 500 and response.url.startswith(live_server.url)
            else None
        ),
    )
    yield page
    if server_errors:
        pytest.fail(
            "The portal answered with server errors:\n" + "\n".join(server_errors), pytrace=False
        )


def _format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe-core found {len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            target = " ".join(
                " >> ".join(part) if isinstance(part, list) else part for part in node["target"]
            )
            lines.append(f"    at {target}")
    return "\n".join(lines)


def check_accessible(page: Page) -> None:
    """Run axe-core's WCAG 2.1 A and AA rules on the page and fail listing every violation."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    if result["violations"]:
        pytest.fail(_format_violations(page.url, result["violations"]), pytrace=False)


@pytest.fixture
def assert_accessible() -> Callable[[Page], None]:
    """``assert_accessible(page)``: fail with axe-core's WCAG 2.1 AA violations on the page."""
    return check_accessible


@pytest.fixture
def sign_in(live_server) -> Callable[[Page, str, str], None]:
    """``sign_in(page, email, password)``: sign in through the form and leave the sign-in page."""

    def sign_in(page: Page, email: str, password: str) -> None:
        page.goto(f"{live_server.url}{SIGN_IN_PATH}")
        page.locator("#id_username").fill(email)
        page.locator("#id_password").fill(password)
        page.locator("main form button[type=submit]").click()
        try:
            page.wait_for_url(lambda url: SIGN_IN_PATH not in url)
        except PlaywrightTimeoutError:
            shown = " ".join(page.locator("main").inner_text().split())
            pytest.fail(f"Signing in as {email} failed; the page says: {shown}", pytrace=False)

    return sign_in
