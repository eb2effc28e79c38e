"""The checks every browser test relies on must catch what they promise to catch.

Each test serves a small page with one known fault from the live server's address, under the same kind of
Content Security Policy Included sends, and shows that checking it fails the test with a message that names
the fault.
"""

import pytest

pytestmark = pytest.mark.browser

POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"
GOOD_PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Checks</title></head>
<body><main><h1>Checks</h1>{body}</main></body></html>"""


@pytest.fixture
def serve(page):
    """Answer one path with the given body inside an otherwise good page."""

    def serve(path, body, *, status=200):
        html = GOOD_PAGE.format(body=body)
        page.route(
            f"**{path}",
            lambda route: route.fulfill(
                status=status, body=html, content_type="text/html", headers={"Content-Security-Policy": POLICY}
            ),
        )

    return serve


def failure_of(check):
    with pytest.raises(pytest.fail.Exception) as failure:
        check()
    return str(failure.value)


def test_a_good_page_passes(serve, visit):
    serve("/checks/good/", "<p>All fine.</p>")

    visit("/checks/good/")


def test_an_image_without_alt_text_is_named_with_its_rule_and_place(serve, visit):
    serve("/checks/image/", '<img id="photo" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">')

    message = failure_of(lambda: visit("/checks/image/"))

    assert "axe image-alt (critical)" in message
    assert "#photo" in message


def test_a_page_without_exactly_one_main_heading_fails(serve, visit):
    serve("/checks/headings/", "<h1>A second main heading</h1>")

    message = failure_of(lambda: visit("/checks/headings/"))

    assert "exactly one <h1>; it has 2" in message


@pytest.mark.parametrize("javascript_enabled", [True], ids=["js"])
def test_an_inline_script_blocked_by_the_security_policy_fails(serve, visit):
    serve("/checks/script/", "<script>document.title = 'changed';</script>")

    message = failure_of(lambda: visit("/checks/script/"))

    assert "The browser logged errors" in message
    assert "Content Security Policy" in message


def test_an_inline_style_blocked_by_the_security_policy_fails(serve, visit):
    serve("/checks/style/", '<p style="color: red">Red words.</p>')

    message = failure_of(lambda: visit("/checks/style/"))

    assert "Content Security Policy" in message


def test_a_server_error_fails_unless_the_test_expects_it(serve, visit):
    serve("/checks/broken/", "<p>Sorry, something went wrong.</p>", status=500)

    message = failure_of(lambda: visit("/checks/broken/"))
    assert "The server answered 500" in message

    visit("/checks/broken/", status=500)


def test_pages_the_test_moved_on_from_without_checking_are_listed(serve, page, page_checker, visit):
    serve("/checks/first/", "<p>First.</p>")
    serve("/checks/second/", "<p>Second.</p>")

    page.goto("/checks/first/")
    visit("/checks/second/")

    assert [url.rsplit("/checks", 1)[1] for url in page_checker.unchecked_documents()] == ["/first/"]
    # The fault is shown on purpose; mark it seen so this test's own teardown passes.
    page_checker.checked.add(0)
