"""Real-browser tests: Playwright driving Debian's chromium against pytest-django's live server.

Every page a test opens is checked, and a test cannot skip the check:

- `visit(path)` opens a page and checks it.
- `click_through(locator)` clicks a link or button that loads a new page, waits for it and checks it;
  `submit(locator)` presses Enter in a form field, as a keyboard user would, and does the same.
- After anything else that loads a new page, call `check_page()`.
- Every new page the browser loads is written down. When the test ends, the last page is checked, and the test
  fails if it moved on from an earlier page without checking it.

A check fails the test when axe-core finds a WCAG 2.2 AA problem, when the page does not have exactly one <h1>,
when the server answered with an error, or when the browser logged an error (a blocked script or style under our
Content Security Policy shows up as one).

Journey tests run twice, with JavaScript on ("js") and off ("no-js"). A test that only makes sense with
JavaScript on can say so with `@pytest.mark.parametrize("javascript_enabled", [True], ids=["js"])`.

This module is a pytest plugin, registered once in tests/conftest.py, so browser tests anywhere under tests/ get
these fixtures and hooks. Registering it once matters: a second copy of the session-wide `browser` fixture would try
to start Playwright while the first copy is still running.
"""

import os
import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import sync_playwright

from tests.factories import PASSWORD, TOTP_SECRET
from tests.helpers import totp_code_to_type

ROOT = Path(__file__).resolve().parents[2]
AXE_SOURCE = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
SCREENSHOTS = ROOT / "test-results"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
TIMEOUT_MS = 10_000
NODES_SHOWN_PER_PROBLEM = 5

# axe is handed to the page with page.evaluate, which goes through the DevTools protocol and so is not subject to
# the page's Content Security Policy. We do not use add_script_tag (our nonce policy blocks it, rightly) nor a
# context with bypass_csp=True: that would switch the policy off for the page under test too, and hide the very
# violations these tests exist to catch.
#
# With JavaScript off, Chromium still runs code sent through DevTools but never fires its timers, and axe waits
# on setTimeout between checks. For those pages only, setTimeout is swapped for a promise callback while axe runs
# (promise callbacks still run; queueMicrotask callbacks do not). The page's own scripts never ran, so nothing
# else sees the swap.
RUN_AXE = """
async ({tags, javascriptOff}) => {
  const realSetTimeout = window.setTimeout;
  if (javascriptOff) {
    window.setTimeout = (callback, _delay, ...args) => { Promise.resolve().then(() => callback(...args)); return 0; };
  }
  try {
    const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
    return results.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      targets: v.nodes.map(node => node.target.join(" ")),
    }));
  } finally {
    window.setTimeout = realSetTimeout;
  }
}
"""


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so teardown can tell whether the test itself passed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    """One chromium for the whole run; each test gets its own context, so nothing carries over."""
    # Playwright's sync API keeps an asyncio event loop running in this thread from start() to stop(). Django
    # refuses database calls from a thread with a running loop (they could block it), and that would stop tests
    # and factories from touching the database. Nothing here is async: the loop only carries Playwright's own
    # messages, and the live server answers from its own thread. So the check is switched off for exactly as
    # long as the loop runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def javascript_enabled(request):
    return request.param


class PageChecker:
    """Watches one browser page: the documents it loads, its console errors, and which pages were checked."""

    def __init__(self, page, javascript_enabled):
        self.page = page
        self.javascript_enabled = javascript_enabled
        self.console_errors = []
        self.statuses = []
        self.documents = []
        self.checked = set()
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"{self.page.url}: uncaught {error}"))
        page.on("response", self._on_response)
        page.on("domcontentloaded", self._on_document)

    def _on_console(self, message):
        if message.type == "error":
            where = message.location.get("url") or self.page.url
            self.console_errors.append(f"{where}: {message.text}")

    def _on_response(self, response):
        request = response.request
        if request.is_navigation_request() and request.frame == self.page.main_frame:
            self.statuses.append((response.url, response.status))

    def _on_document(self, page):
        self.documents.append(page.url)

    @property
    def current_document(self):
        return len(self.documents) - 1

    def check(self, status=None):
        """Check the page the browser shows now. `status` is the answer the server should give, if not a success."""
        self.page.wait_for_load_state("load")
        problems = []
        if self.statuses:
            url, answered = self.statuses[-1]
            if status is None and answered >= 400:
                problems.append(f"The server answered {answered} for {url}.")
            elif status is not None and answered != status:
                problems.append(f"The server answered {answered} for {url}, not {status}.")
            elif status is not None:
                # Chromium logs an error page as a failed load; the test said it expects this one.
                expected = f"{url}: Failed to load resource: the server responded with a status of {status} "
                self.console_errors = [error for error in self.console_errors if not error.startswith(expected)]
        headings = self.page.locator("h1").all_inner_texts()
        if len(headings) != 1:
            problems.append(f"The page should have exactly one <h1>; it has {len(headings)}: {headings}.")
        problems.extend(self._axe_problems())
        if self.console_errors:
            problems.append("The browser logged errors:\n" + "\n".join(f"  {error}" for error in self.console_errors))
            self.console_errors.clear()
        self.checked.add(self.current_document)
        if problems:
            pytest.fail(f"Problems on {self.page.url}:\n" + "\n".join(f"- {problem}" for problem in problems))
        return self.page

    def _axe_problems(self):
        if not self.page.evaluate("typeof window.axe === 'object'"):
            self.page.evaluate(AXE_SOURCE)
        violations = self.page.evaluate(RUN_AXE, {"tags": WCAG_22_AA, "javascriptOff": not self.javascript_enabled})
        return [describe_violation(violation) for violation in violations]

    def unchecked_documents(self):
        return [url for number, url in enumerate(self.documents) if number not in self.checked]


def describe_violation(violation):
    targets = violation["targets"]
    shown = "\n".join(f"      {target}" for target in targets[:NODES_SHOWN_PER_PROBLEM])
    more = (
        f"\n      ...and {len(targets) - NODES_SHOWN_PER_PROBLEM} more"
        if len(targets) > NODES_SHOWN_PER_PROBLEM
        else ""
    )
    return (
        f"axe {violation['id']} ({violation['impact']}): {violation['help']}\n"
        f"    {violation['helpUrl']}\n    on:\n{shown}{more}"
    )


def open_context(browser, base_url, *, javascript_enabled, width=1024, height=768):
    """A fresh browser context (its own cookies) on the live server, as every browser test uses."""
    context = browser.new_context(
        base_url=base_url,
        java_script_enabled=javascript_enabled,
        locale="en-GB",
        timezone_id="Europe/London",
        viewport={"width": width, "height": height},
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def page_checker(browser, javascript_enabled, live_server, request):
    context = open_context(browser, live_server.url, javascript_enabled=javascript_enabled)
    checker = PageChecker(context.new_page(), javascript_enabled)
    yield checker
    try:
        call = getattr(request.node, "report_call", None)
        if call is not None and call.passed:
            if checker.current_document not in checker.checked and checker.documents:
                checker.check()
            forgotten = checker.unchecked_documents()
            if forgotten:
                pytest.fail(
                    "The test moved on from these pages without checking them. "
                    "Call check_page() after each click or form that loads a new page:\n"
                    + "\n".join(f"- {url}" for url in forgotten)
                )
    finally:
        context.close()


@pytest.fixture
def page(page_checker):
    """A fresh browser page on the live server, with JavaScript on or off (see the module docstring)."""
    return page_checker.page


@pytest.fixture
def check_page(page_checker):
    """Check the page now shown: axe WCAG 2.2 AA, one <h1>, no browser errors, no server error.

    `check_page(status=404)` when the test expects an error page.
    """
    return page_checker.check


@pytest.fixture
def visit(page_checker):
    """Open a path on the live server (like "/privacy/") and check the page."""

    def visit(path, *, status=None):
        page_checker.page.goto(path)
        return page_checker.check(status=status)

    return visit


@pytest.fixture
def click_through(page_checker):
    """Click a link or button that loads a new page, wait for that page, and check it."""

    def click_through(locator, *, status=None):
        with page_checker.page.expect_navigation():
            locator.click()
        return page_checker.check(status=status)

    return click_through


@pytest.fixture
def submit(page_checker):
    """Press Enter in a form field, as a keyboard user would; wait for the page that answers, and check it."""

    def submit(field, *, status=None):
        with page_checker.page.expect_navigation():
            field.press("Enter")
        return page_checker.check(status=status)

    return submit


@pytest.fixture
def sign_in(page_checker):
    """Sign a person in through the real sign-in page, typing a two-step code if the page asks for one.

    The fields are found by the names allauth gives them, so the helper keeps working when the wording changes.
    """

    def sign_in(user, *, password=PASSWORD, totp_secret=TOTP_SECRET):
        return sign_in_on(page_checker, user, password=password, totp_secret=totp_secret)

    return sign_in


def sign_in_on(checker, user, *, password=PASSWORD, totp_secret=TOTP_SECRET):
    """Sign in on the page `checker` watches, checking each page on the way. For tests that open their own context."""
    page = checker.page

    def submit(field):
        with page.expect_navigation():
            field.press("Enter")
        checker.check()

    page.goto(reverse("account_login"))
    checker.check()
    page.locator("input[name=login]").fill(user.email)
    password_field = page.locator("input[name=password]")
    password_field.fill(password)
    submit(password_field)
    code_field = page.locator("input[name=code]")
    if code_field.count():
        code_field.fill(totp_code_to_type(totp_secret))
        submit(code_field)
    return page


@pytest.fixture
def screenshot(page, request):
    """Save a picture of the whole page in test-results/, for a person to look at."""

    def screenshot(label="page"):
        SCREENSHOTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{request.node.name}-{label}").strip("-")
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return screenshot
