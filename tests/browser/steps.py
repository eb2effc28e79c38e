"""Steps that several browser journeys take the same way: reading an invitation email, joining from it, turning on
two-step verification, finding a page in the menu, choosing a reviewer, signing out.

Each step takes the fixtures it needs (`page`, `click_through`, `submit`) from the test that calls it, so every page
on the way is still checked with axe (see fixtures.py).
"""

import re

from playwright.sync_api import expect

from tests.helpers import totp_code_to_type

INVITATION_LINK = re.compile(r"https?://\S+/invitations/\S+/")


def invitation_link(email):
    """The link in an invitation email, as the person would click it."""
    return INVITATION_LINK.search(email.body).group(0)


def sign_out(page, click_through):
    click_through(page.get_by_role("button", name="Sign out"))
    expect(page.locator("header")).to_contain_text("Sign in")


def open_from_menu(page, click_through, label):
    click_through(page.get_by_role("navigation", name="Menu").get_by_role("link", name=label, exact=True))


def join_with_a_new_account(page, visit, click_through, *, email, joining, name, password):
    """A person opens the link in their invitation `email`, creates an account with the address it was sent to, and
    accepts the invitation to join `joining`."""
    visit(invitation_link(email))
    expect(page.locator("h1")).to_have_text(f"You are invited to join {joining}")
    click_through(page.get_by_role("button", name="Create an account"))
    expect(page.get_by_label("Email address")).to_have_value(email.to[0])
    expect(page.get_by_label("Email address")).to_be_disabled()
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Create a password").fill(password)
    click_through(page.get_by_role("button", name="Create your account"))
    expect(page.locator("h1")).to_have_text(f"You are invited to join {joining}")
    click_through(page.get_by_role("button", name="Accept the invitation"))


def set_up_two_step(page, click_through, submit, *, password):
    """Coordinators and reviewers see other people's work, so the site asks them to turn on two-step verification
    before anything else. Returns the secret their authenticator app would keep, to sign in with later."""
    expect(page.locator("h1")).to_have_text("Set up two-step verification")
    click_through(page.get_by_role("button", name="Set up an authenticator app"))
    expect(page.locator("h1")).to_have_text("Enter your password again")
    password_field = page.get_by_label("Password")
    password_field.fill(password)
    submit(password_field)
    expect(page.locator("h1")).to_have_text("Set up two-step verification")
    secret = page.locator("#setup-key").inner_text().replace(" ", "")
    code = page.locator("input[name=code]")
    code.fill(totp_code_to_type(secret))
    submit(code)
    click_through(page.get_by_role("button", name="Continue").or_(page.get_by_role("link", name="Continue")).first)
    return secret


def choose_reviewer(page, click_through, *, organisation, reviewer):
    """A signed-in coordinator asks `reviewer` to review `organisation`'s submitted self-assessment."""
    open_from_menu(page, click_through, "Overview")
    submitted = page.get_by_role("table", name=re.compile("^Submitted self-assessments"))
    expect(submitted).to_contain_text("Needs reviewers")
    click_through(submitted.get_by_role("link", name=re.compile(f"^{re.escape(organisation)}")))
    click_through(page.get_by_role("link", name="Choose reviewers"))
    page.get_by_role("checkbox", name=f"{reviewer.name} ({reviewer.email})").check()
    click_through(page.get_by_role("button", name="Ask them to review"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"You asked {reviewer.name} to review this self-assessment."
    )
