import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from included.demo.partnership import SIGN_INS, load_demo

pytestmark = pytest.mark.browser


def printed_sign_ins():
    """What `manage.py demo_sign_ins` tells a person: each role's email, and the authenticator key if any."""
    out = StringIO()
    call_command("demo_sign_ins", stdout=out)
    password = re.search(r"the same password: (\S+)", out.getvalue()).group(1)
    people = []
    for block in out.getvalue().split("\n\n"):
        email = re.search(r"Email: (\S+)", block)
        if email:
            key = re.search(r"authenticator app: ([A-Z2-7 ]+)", block)
            people.append((email.group(1), key.group(1).replace(" ", "") if key else None))
    return password, people


# Signing in without JavaScript is covered in test_sign_in.py; once is enough for this slower, demo-sized test.
@pytest.mark.parametrize("javascript_enabled", [True], ids=["js"])
def test_a_person_trying_the_demo_can_sign_in_as_each_role_with_what_it_prints(
    page, sign_in, click_through, django_user_model
):
    load_demo()
    password, people = printed_sign_ins()
    assert len(people) == len(SIGN_INS)

    for email, key in people:
        user = django_user_model.objects.get(email=email)
        sign_in(user, password=password, totp_secret=key)

        expect(page.locator("header")).to_contain_text(f"Signed in as {user.name}")
        click_through(page.get_by_role("button", name="Sign out"))
