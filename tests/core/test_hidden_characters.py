"""Names people type may not hide characters that change how text is shown.

A right-to-left override (U+202E) makes "Kim<U+202E>gpj.exe" show as "Kimexe.jpg"; zero-width characters make two
names that look the same differ. Names are shown to other people (invitations, member lists, the public register,
"you said, we did"), so every form that asks for one refuses them, with one message.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from included.accounts.forms import NameForm
from included.assessments.forms import SignUpForm
from included.coproduction.forms import ContributionForm, TakePartForm
from included.core.validators import HIDDEN_CHARACTERS, no_hidden_characters
from included.frameworks.models import FrameworkVersion
from included.invitations.forms import InvitePersonForm
from included.organisations.forms import InviteMemberForm, InviteOrganisationForm, OrganisationProfileForm
from tests.accounts.helpers import page_text
from tests.factories import OrganisationFactory, UserFactory

HIDDEN = {
    "right-to-left override": "Kim\u202egpj.exe",
    "left-to-right override": "Kim\u202dLee",
    "right-to-left isolate": "Kim \u2067Lee\u2069",
    "right-to-left mark": "Kim\u200fLee",
    "zero-width space": "Kim\u200bLee",
    "byte order mark": "\ufeffKim Lee",
    "soft hyphen": "Kim\u00adLee",
    "word joiner": "Kim\u2060Lee",
    "control character": "Kim\x1bLee",
    "line separator": "Kim\u2028Lee",
}
WRITTEN_BY_PEOPLE = [
    "Siân Ní Bhriain",
    "José O'Connor-Smith",
    "محمد رضایی",
    "می\u200cخواهم",  # Persian needs the zero-width non-joiner between some letters
    "क्\u200dष",  # so does Hindi, sometimes, with the zero-width joiner
    "王秀英",
    "Zoë 👩\u200d👩\u200d👧",
]


@pytest.mark.parametrize("name", HIDDEN.values(), ids=HIDDEN.keys())
def test_hidden_characters_are_refused(name):
    with pytest.raises(ValidationError) as refused:
        no_hidden_characters(name)
    assert refused.value.messages == [HIDDEN_CHARACTERS]


@pytest.mark.parametrize("name", WRITTEN_BY_PEOPLE)
def test_names_in_every_language_are_welcome(name):
    no_hidden_characters(name)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("form", "field"),
    [
        (lambda data: NameForm(data), "name"),
        (lambda data: InvitePersonForm(data), "name"),
        (lambda data: InviteMemberForm(data), "name"),
        (lambda data: InviteOrganisationForm(data), "organisation_name"),
        (lambda data: InviteOrganisationForm(data), "admin_name"),
        (lambda data: OrganisationProfileForm(data, organisation=OrganisationFactory()), "name"),
        (lambda data: SignUpForm(data, versions=FrameworkVersion.objects.none()), "lead_name"),
        (lambda data: ContributionForm(data), "contributor_name"),
        (lambda data: TakePartForm(data), "contributor_name"),
    ],
    ids=[
        "account name",
        "invited person",
        "invited member",
        "new organisation",
        "new organisation's admin",
        "organisation profile",
        "sign-up lead",
        "contributor, typed by the organisation",
        "contributor, typed by themselves",
    ],
)
def test_every_form_that_asks_for_a_name_refuses_hidden_characters(form, field):
    bound = form({field: HIDDEN["right-to-left override"]})
    assert not bound.is_valid()
    assert bound.errors[field] == [HIDDEN_CHARACTERS]


@pytest.mark.django_db
def test_a_person_is_told_plainly_when_their_name_has_a_hidden_character(client):
    person = UserFactory(name="Kim")
    client.force_login(person)
    response = client.post(reverse("accounts:edit_name"), {"name": "Kim\u202egpj.exe"})
    assert response.status_code == 200
    assert HIDDEN_CHARACTERS in page_text(response)
    person.refresh_from_db()
    assert person.name == "Kim"
