"""A place of their own, end to end in a real browser: a person signs up alone (with the code from their email),
writes three parts of Facts About Me, and shares two with an organisation for 30 days; a member there reads exactly
those two; the person stops sharing and the member gets a page not found; the person sees who looked. Every page
on the way is checked with axe, with JavaScript on and off.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from included.accounts.models import User
from tests.browser.steps import sign_out
from tests.factories import PASSWORD, OrganisationMemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CODE = re.compile(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", flags=re.MULTILINE)


def write(page, click_through, part, words):
    click_through(page.get_by_role("link", name=f"Write {part.lower()}"))
    expect(page.locator("h1")).to_have_text(part)
    page.get_by_label("Your words").fill(words)
    click_through(page.get_by_role("button", name="Save"))
    expect(page.locator("main")).to_contain_text(f"Saved “{part}”")


def test_a_person_signs_up_alone_shares_two_parts_and_stops_sharing(page, visit, click_through, sign_in):
    membership = OrganisationMemberFactory(member=True, organisation__name="Riverside Works")
    organisation, member = membership.organisation, membership.user

    visit("/")
    click_through(page.get_by_role("link", name="Create an account as yourself"))
    page.get_by_label("Your name").fill("Robin Hale")
    page.get_by_label("Email address").fill("robin@example.org")
    page.get_by_label("Create a password").fill(PASSWORD)
    click_through(page.get_by_role("button", name="Create your account"))
    expect(page.locator("h1")).to_have_text("Check your email")
    [email] = mail.outbox
    page.get_by_label("Code from the email").fill(CODE.search(email.body).group(1))
    click_through(page.get_by_role("button", name="Continue"))

    expect(page.locator("h1")).to_have_text("Your own place")
    click_through(page.get_by_role("link", name="Facts About Me"))
    write(page, click_through, "How I like to be known and spoken to", "Call me Robin. Speak slowly, please.")
    write(page, click_through, "What I am good at and proud of", "I fixed bikes for my neighbours.")
    write(page, click_through, "What helps me, and what does not", "A quiet room helps me.")

    click_through(page.get_by_role("link", name="Choose who can see it"))
    click_through(page.get_by_role("link", name="Share with an organisation"))
    expect(page.locator("h1")).to_have_text("Who do you want to share with?")
    page.get_by_label("Find an organisation").fill("riverside")
    click_through(page.get_by_role("button", name="Search"))
    click_through(page.locator("main").get_by_role("link", name="Riverside Works", exact=True))
    expect(page.locator("h1")).to_have_text("Share with Riverside Works")
    expect(page.locator("main")).to_contain_text("Everyone who works at Riverside Works can see it.")
    page.get_by_label("How I like to be known and spoken to").check()
    page.get_by_label("What I am good at and proud of").check()
    expect(page.get_by_label("30 days")).to_be_checked()
    click_through(page.get_by_role("button", name="Share"))
    expect(page.locator("main")).to_contain_text("You are sharing with Riverside Works until")
    sign_out(page, click_through)

    sign_in(member)
    shared_with_us = reverse(
        "people:shared_with_organisation",
        kwargs={"partnership_slug": organisation.partnership.slug, "organisation_slug": organisation.slug},
    )
    visit(shared_with_us)
    click_through(page.get_by_role("link", name="Robin Hale"))
    main = page.locator("main")
    expect(main).to_contain_text("Call me Robin. Speak slowly, please.")
    expect(main).to_contain_text("I fixed bikes for my neighbours.")
    expect(main).not_to_contain_text("A quiet room helps me.")
    shared_page = page.url
    sign_out(page, click_through)

    sign_in(User.objects.get(email="robin@example.org"))
    visit(reverse("people:shares"))
    click_through(page.get_by_role("link", name="Stop sharing with Riverside Works"))
    click_through(page.get_by_role("button", name="Stop sharing"))
    expect(page.locator("main")).to_contain_text("You stopped sharing with Riverside Works")
    sign_out(page, click_through)

    sign_in(member)
    visit(shared_page, status=404)
    sign_out(page, click_through)

    sign_in(User.objects.get(email="robin@example.org"))
    visit(reverse("people:looked"))
    table = page.get_by_role("table")
    expect(table).to_contain_text(member.name)
    expect(table).to_contain_text("What I am good at and proud of")


PRINTED_CODE = re.compile(r"\b([A-Z]{4}-[A-Z]{4}-[A-Z]{4})\b")


def test_a_support_worker_helps_someone_start_an_account_and_it_becomes_theirs(page, visit, click_through, sign_in):
    """Assisted sign-up: the worker prints a code; the person types it, makes their own sign-in, checks their
    address with the emailed code, and sees who helped; the worker sees only that the account was made."""
    helper = OrganisationMemberFactory(member=True, organisation__name="Harbour Bakery", user__name="Alex Reed")
    organisation = helper.organisation

    sign_in(helper.user)
    visit(
        reverse(
            "www:organisation_home",
            kwargs={"partnership_slug": organisation.partnership.slug, "organisation_slug": organisation.slug},
        )
    )
    click_through(page.get_by_role("link", name="Help someone you support start an account"))
    click_through(page.get_by_role("link", name="Start an account for someone"))
    page.get_by_label("Their name").fill("Robin Hale")
    click_through(page.get_by_role("button", name="Make the code"))
    expect(page.locator("h1")).to_have_text("Robin Hale: your code for Included")
    code = PRINTED_CODE.search(page.locator("main").inner_text()).group(1)
    sign_out(page, click_through)

    visit(reverse("invitations:claim"))
    page.get_by_label("Your code").fill(code.lower())
    click_through(page.get_by_role("button", name="Carry on"))
    expect(page.locator("h1")).to_have_text("Create your account")
    expect(page.locator("main")).to_contain_text("Alex Reed from Harbour Bakery helped you start")
    expect(page.get_by_label("Your name")).to_have_value("Robin Hale")
    page.get_by_label("Email address").fill("robin@mail.example")
    page.get_by_label("Create a password").fill(PASSWORD)
    click_through(page.get_by_role("button", name="Create your account"))
    expect(page.locator("h1")).to_have_text("Check your email")
    [email] = mail.outbox
    page.get_by_label("Code from the email").fill(CODE.search(email.body).group(1))
    click_through(page.get_by_role("button", name="Continue"))
    expect(page.locator("h1")).to_have_text("Your own place")
    expect(page.locator("main")).to_contain_text("Alex Reed from Harbour Bakery helped you start this account")
    sign_out(page, click_through)

    sign_in(helper.user)
    visit(
        reverse(
            "invitations:assisted_list",
            kwargs={"partnership_slug": organisation.partnership.slug, "organisation_slug": organisation.slug},
        )
    )
    expect(page.get_by_role("table")).to_contain_text("Account made")
    expect(page.locator("main")).not_to_contain_text("robin@mail.example")
