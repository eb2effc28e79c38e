"""No page is wider than a small phone's screen.

Every page of the role matrix (tests/core/test_role_page_matrix.py) is opened 320 CSS pixels wide, the narrowest
screen WCAG's reflow rule asks for, by each role allowed to see it. A page fails if it can be scrolled sideways.
Every page is also checked with axe like any other browser test. Each role signs in once, in its own context.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from included.invitations.enums import InvitationKind
from tests.assessments.factories import AssessmentFactory, ReviewFactory, SignUpFactory
from tests.browser.fixtures import PageChecker, open_context, sign_in_on
from tests.core.test_role_page_matrix import PAGES, ROLES, World, allowed
from tests.invitations.factories import InvitationFactory

pytestmark = pytest.mark.browser

PHONE_WIDTH = 320
WIDER_THAN_THE_SCREEN = "document.documentElement.scrollWidth > window.innerWidth"
PAGE_WIDTH = "document.documentElement.scrollWidth"


def with_more_to_show(world):
    """Long names, an email address with no place to break, and the rows that make tables wide: a reviewed cycle
    for the commitment page and the register, and an invitation waiting for an answer."""
    admin = world.users["admin_a"]
    organisation = admin.organisation_memberships.get().organisation
    organisation.name = "The Riverside and Northfield Supported-Employment Cooperative (Community Interest Company)"
    organisation.save(update_fields=["name"])
    member = world.users["member_a"]
    member.email = "firstname.middlename.lastname.longsurname@a-long-organisation-name.example"
    member.save(update_fields=["email"])
    reviewed = SignUpFactory(organisation=organisation)
    ReviewFactory(assessment=AssessmentFactory(sign_up=reviewed, submitted=True), completed=True)
    long_address = "someone.with.a.very.long.address@an-organisation-with-a-long-name.example"
    InvitationFactory(partnership=world.partnership, email=long_address)
    InvitationFactory(
        partnership=world.partnership,
        organisation=organisation,
        kind=InvitationKind.ORGANISATION_MEMBER,
        email=f"member.{long_address}",
    )


def open_as(browser, live_server, world, role):
    """A page 320 pixels wide, signed in as `role` (or signed out), watched by a PageChecker."""
    context = open_context(browser, live_server.url, javascript_enabled=True, width=PHONE_WIDTH, height=640)
    checker = PageChecker(context.new_page(), javascript_enabled=True)
    if role != "anonymous":
        sign_in_on(checker, world.users[role])
    return context, checker


def too_wide_pages(checker, urls):
    """The pages among `urls` that scroll sideways, as "url (width px)". Downloads are left out."""
    too_wide = []
    for url in urls:
        try:
            checker.page.goto(url)
        except PlaywrightError as error:
            if "Download is starting" in str(error):
                continue
            raise
        checker.check()
        if checker.page.evaluate(WIDER_THAN_THE_SCREEN):
            too_wide.append(f"{url} ({checker.page.evaluate(PAGE_WIDTH)} px)")
    return too_wide


def test_no_page_is_wider_than_a_small_phone_for_anyone_who_may_see_it(browser, live_server, db):
    world = World()
    with_more_to_show(world)
    problems = []
    for role in ROLES:
        urls = [reverse(name, kwargs=build(world)) for name, (who, build) in PAGES.items() if allowed(who, role)]
        context, checker = open_as(browser, live_server, world, role)
        try:
            problems.extend(f"{role}: {page}" for page in too_wide_pages(checker, urls))
        finally:
            context.close()
    assert not problems, f"Pages wider than a {PHONE_WIDTH} px screen:\n" + "\n".join(problems)
