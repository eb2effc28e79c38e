"""The item page keeps everything typed whichever button is pressed, with JavaScript on and off; axe checks each page.

- "Add action" before saving keeps the rating, the evidence and the chosen file.
- After adding an action, "Save and go to the next item" opens the next item at its top, not at "#actions".
- The check-and-submit page lists the items still to rate, and each item has a "Change" link.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from included.assessments import services
from tests.factories import FrameworkVersionFactory, OrganisationMemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EVIDENCE = "People from our job club read every advert before it goes out."
ACTION = "Ask the job club to help us rewrite the welcome pack"


@pytest.fixture
def draft():
    admin = OrganisationMemberFactory()
    record = services.sign_up(
        admin.organisation,
        FrameworkVersionFactory(items=3),
        lead_name="Ana Okafor",
        lead_role="",
        statement="We hire people who others overlook.",
        by=admin.user,
    )
    cycle = services.start_assessment(record, by=admin.user)
    cycle.admin = admin.user
    return cycle


def kwargs_of(cycle):
    organisation = cycle.organisation
    return {
        "partnership_slug": organisation.partnership.slug,
        "organisation_slug": organisation.slug,
        "assessment_id": cycle.pk,
    }


def item_path(answer):
    return reverse("assessments:item", kwargs=kwargs_of(answer.assessment) | {"item_id": answer.pk})


def test_adding_an_action_before_saving_loses_nothing(page, sign_in, visit, click_through, draft):
    first, second, _ = draft.items.with_framework()
    sign_in(draft.admin)
    visit(item_path(first))

    page.get_by_role("group", name="Where are you now?").get_by_role("radio").nth(2).check()
    page.get_by_label("How do you know? (evidence)").fill(EVIDENCE)
    page.get_by_label("Add a file (optional)").set_input_files(
        {"name": "adverts.txt", "mimeType": "text/plain", "buffer": b"Our adverts, checked by the job club."}
    )
    page.get_by_label("What will you do?").fill(ACTION)
    page.get_by_label("Who will do it?").fill("Ana")
    click_through(page.get_by_role("button", name="Add action"))

    expect(page.locator(".govuk-notification-banner")).to_contain_text("Action added.")
    assert page.url.endswith("#actions")
    expect(page.get_by_role("group", name="Where are you now?").get_by_role("radio").nth(2)).to_be_checked()
    expect(page.get_by_label("How do you know? (evidence)")).to_have_value(EVIDENCE)
    expect(page.get_by_role("link", name="adverts.txt")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text(ACTION)
    first.refresh_from_db()
    assert (first.rating, first.evidence, first.files.count(), first.actions.count()) == (3, EVIDENCE, 1, 1)

    click_through(page.get_by_role("button", name="Save and go to the next item"))
    assert page.url.endswith(item_path(second)), page.url
    assert "#" not in page.url
    assert page.evaluate("window.scrollY") == 0


def test_a_half_typed_action_is_kept_when_saving(page, sign_in, visit, click_through, draft):
    first = draft.items.with_framework().first()
    sign_in(draft.admin)
    visit(item_path(first))
    page.get_by_role("group", name="Where are you now?").get_by_role("radio").first.check()
    page.get_by_label("What will you do?").fill(ACTION)
    click_through(page.get_by_role("button", name="Save and stay here"))

    expect(page.locator(".govuk-error-summary")).to_contain_text("Say who will do it")
    expect(page.get_by_label("What will you do?")).to_have_value(ACTION)
    first.refresh_from_db()
    assert first.rating == 1


def test_check_and_submit_lists_what_is_left_and_links_to_each_item(page, sign_in, visit, click_through, draft):
    first, second, third = draft.items.with_framework()
    for answer in (first, third):
        services.save_item(answer, {"rating": 2}, expected_version=answer.version, by=draft.admin)
    sign_in(draft.admin)
    visit(reverse("assessments:submit", kwargs=kwargs_of(draft)))

    expect(page.get_by_role("heading", name="Items still to rate")).to_be_visible()
    expect(page.get_by_role("button", name="Submit self-assessment")).to_have_count(0)
    click_through(page.get_by_role("link", name=re.compile(rf"^{re.escape(second.item.number)}\. ")))
    assert page.url.endswith(item_path(second))

    page.get_by_role("group", name="Where are you now?").get_by_role("radio").first.check()
    click_through(page.get_by_role("button", name="Save and go back to all items"))
    visit(reverse("assessments:submit", kwargs=kwargs_of(draft)))
    expect(page.get_by_role("heading", name="Items still to rate")).to_have_count(0)
    click_through(page.get_by_role("link", name=f"Change {first.item.number}. {first.item.title}"))
    assert page.url.endswith(item_path(first))


@pytest.mark.parametrize("javascript_enabled", [True], ids=["js"])
def test_a_button_pressed_while_a_draft_is_being_saved_waits_for_it(page, sign_in, visit, check_page, draft):
    """The draft saved as you type changes the version number; a page sent with the old one would be refused as
    someone else's change. So a button pressed while a draft is on its way waits for it, then sends the page."""
    first = draft.items.with_framework().first()
    sign_in(draft.admin)
    visit(item_path(first))
    held = []

    def hold_the_draft(route, request):
        if request.headers.get("x-requested-with") == "fetch" and not held:
            # The draft reaches the server and is saved; its answer is held back until the test lets it go.
            held.append((route, route.fetch(), request.post_data_buffer))
        else:
            route.continue_()

    page.route(re.compile(r".*/items/\d+/$"), hold_the_draft)
    page.get_by_label("How do you know? (evidence)").fill("People from our job club")
    page.get_by_label("Add a file (optional)").set_input_files(
        {"name": "adverts.txt", "mimeType": "text/plain", "buffer": b"Our adverts."}
    )
    page.wait_for_timeout(2500)
    assert held, "the draft was not saved as the person typed"
    route, answer, sent = held[0]
    assert b"adverts.txt" not in sent, "a draft saved as you type should not carry the file"

    page.get_by_label("How do you know? (evidence)").fill(EVIDENCE)
    page.get_by_label("What will you do?").fill(ACTION)
    page.get_by_label("Who will do it?").fill("Ana")
    with page.expect_navigation():
        page.get_by_role("button", name="Add action").click()
        route.fulfill(response=answer)
    check_page()

    expect(page.locator(".govuk-notification-banner")).to_contain_text("Action added.")
    first.refresh_from_db()
    assert (first.evidence, first.actions.count(), first.files.count()) == (EVIDENCE, 1, 1)
