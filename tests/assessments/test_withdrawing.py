"""An organisation's admins leave a framework, and can sign up again later. Nothing they wrote is lost."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from included.assessments import services
from included.assessments.models import SignUp
from included.core.models import AuditEvent
from tests.accounts.helpers import h1_count, page_text
from tests.factories import OrganisationMemberFactory, PartnershipMemberFactory

from .factories import AssessmentFactory, SignUpFactory, admin_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def sign_up():
    return SignUpFactory()


def withdraw_url(record):
    organisation = record.organisation
    return reverse(
        "assessments:withdraw_sign_up",
        kwargs={
            "partnership_slug": organisation.partnership.slug,
            "organisation_slug": organisation.slug,
            "sign_up_id": record.pk,
        },
    )


def test_an_admin_leaves_after_a_page_that_says_what_happens(client, sign_up):
    admin = admin_of(sign_up.organisation)
    client.force_login(admin)
    response = client.get(withdraw_url(sign_up))
    assert response.status_code == 200
    assert h1_count(response) == 1
    text = page_text(response)
    assert "we keep everything you wrote" in text
    assert "you can sign up again at any time" in text
    response = client.post(withdraw_url(sign_up), follow=True)
    assert "You can sign up again at any time" in page_text(response)
    sign_up.refresh_from_db()
    assert sign_up.withdrawn_at is not None
    assert sign_up.withdrawn_by == admin
    assert "Frameworks you left" in page_text(response)
    event = AuditEvent.objects.get(action="sign_up.withdrawn")
    assert event.actor == admin


def test_leaving_keeps_the_cycles_and_stops_new_ones(sign_up):
    cycle = AssessmentFactory(sign_up=sign_up, submitted=True)
    services.withdraw_sign_up(sign_up, by=admin_of(sign_up.organisation))
    assert SignUp.objects.get(pk=sign_up.pk).assessments.get() == cycle
    with pytest.raises(ValidationError, match="left this framework"):
        services.start_assessment(sign_up, by=admin_of(sign_up.organisation))


def test_leaving_twice_changes_nothing_the_second_time(sign_up):
    admin = admin_of(sign_up.organisation)
    first = services.withdraw_sign_up(sign_up, by=admin).withdrawn_at
    assert services.withdraw_sign_up(sign_up, by=admin).withdrawn_at == first
    assert AuditEvent.objects.filter(action="sign_up.withdrawn").count() == 1


@pytest.mark.parametrize("who", ["member", "admin elsewhere", "coordinator", "reviewer"])
def test_only_the_organisations_admins_may_leave(sign_up, who):
    organisation = sign_up.organisation
    partnership = organisation.partnership
    people = {
        "member": lambda: OrganisationMemberFactory(organisation=organisation, member=True).user,
        "admin elsewhere": lambda: OrganisationMemberFactory(organisation__partnership=partnership).user,
        "coordinator": lambda: PartnershipMemberFactory(partnership=partnership).user,
        "reviewer": lambda: PartnershipMemberFactory(partnership=partnership, reviewer=True).user,
    }
    with pytest.raises(PermissionDenied):
        services.withdraw_sign_up(sign_up, by=people[who]())
    assert SignUp.objects.get(pk=sign_up.pk).withdrawn_at is None


def test_a_member_cannot_open_the_page_and_another_organisation_gets_not_found(client, sign_up):
    client.force_login(OrganisationMemberFactory(organisation=sign_up.organisation, member=True).user)
    assert client.post(withdraw_url(sign_up)).status_code == 403
    client.force_login(OrganisationMemberFactory(organisation__partnership=sign_up.organisation.partnership).user)
    assert client.post(withdraw_url(sign_up)).status_code == 404
    assert SignUp.objects.get(pk=sign_up.pk).withdrawn_at is None


def test_signing_up_again_brings_back_the_same_record_with_its_cycles(client, sign_up):
    admin = admin_of(sign_up.organisation)
    cycle = AssessmentFactory(sign_up=sign_up, submitted=True)
    services.withdraw_sign_up(sign_up, by=admin)
    organisation = sign_up.organisation
    client.force_login(admin)
    url = reverse(
        "assessments:sign_up",
        kwargs={"partnership_slug": organisation.partnership.slug, "organisation_slug": organisation.slug},
    )
    response = client.get(url)
    assert sign_up.framework_version.framework.name in page_text(response)
    response = client.post(
        url,
        {
            "framework_version": sign_up.framework_version.pk,
            "lead_name": "Sam Lee",
            "lead_role": "",
            "statement": "We are back, and we mean it.",
        },
        follow=True,
    )
    assert "You have signed up" in page_text(response)
    again = SignUp.objects.get(organisation=organisation)
    assert again.pk == sign_up.pk
    assert again.withdrawn_at is None
    assert again.statement == "We are back, and we mean it."
    assert list(again.assessments.all()) == [cycle]
    assert AuditEvent.objects.filter(action="sign_up.rejoined").exists()


def test_an_active_sign_up_still_cannot_be_made_twice(sign_up):
    with pytest.raises(ValidationError, match="already signed up"):
        services.sign_up(
            sign_up.organisation,
            sign_up.framework_version,
            lead_name="A",
            lead_role="",
            statement="Again",
            by=admin_of(sign_up.organisation),
        )


def test_a_statement_of_a_framework_left_cannot_be_changed(client, sign_up):
    admin = admin_of(sign_up.organisation)
    services.withdraw_sign_up(sign_up, by=admin)
    client.force_login(admin)
    organisation = sign_up.organisation
    url = reverse(
        "assessments:edit_statement",
        kwargs={
            "partnership_slug": organisation.partnership.slug,
            "organisation_slug": organisation.slug,
            "sign_up_id": sign_up.pk,
        },
    )
    assert client.get(url).status_code == 404
