"""The host starts a partnership and invites its first coordinators: on the page, and from the command line."""

from io import StringIO
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse

from included.access.enums import PartnershipRole
from included.access.models import PartnershipMember
from included.core.models import AuditEvent
from included.invitations.enums import InvitationKind
from included.invitations.models import Invitation
from included.invitations.services import InvitationError, accept_invitation, find_invitation, start_partnership
from included.partnerships.models import Partnership
from included.partnerships.services import PartnershipError, create_partnership
from tests.accounts.helpers import extract_link, h1_count, page_text
from tests.factories import OrganisationMemberFactory, PartnershipFactory, PartnershipMemberFactory, UserFactory
from tests.partnerships.factories import make_host

pytestmark = pytest.mark.django_db

NEW = reverse("www:host_new_partnership")
LIST = reverse("www:host_partnerships")


def form(**changes):
    data = {
        "name": "Northvale Inclusion Partnership",
        "slug": "",
        "area": "Northvale",
        "description": "Employers and charities in Northvale.",
        "contact_email": "Hello@Northvale.example",
        "coordinators": "kim@northvale.example\nlee@northvale.example",
    }
    return data | changes


# The service


def test_the_host_starts_a_partnership_with_its_first_coordinators(django_capture_on_commit_callbacks):
    host = make_host()
    with django_capture_on_commit_callbacks(execute=True):
        partnership, invitations = start_partnership(
            by=host,
            coordinator_emails=["Kim@Northvale.example", "kim@northvale.example ", "lee@northvale.example"],
            base_url="https://included.example",
            name="  Northvale Inclusion Partnership ",
            area="Northvale",
        )
    assert partnership.slug == "northvale-inclusion-partnership"
    assert partnership.name == "Northvale Inclusion Partnership"
    assert [i.email for i in invitations] == ["kim@northvale.example", "lee@northvale.example"]
    assert {i.kind for i in invitations} == {InvitationKind.COORDINATOR}
    assert all(i.link.startswith("https://included.example/invitations/") for i in invitations)
    assert sorted(m.to[0] for m in mail.outbox) == ["kim@northvale.example", "lee@northvale.example"]
    assert AuditEvent.objects.filter(action="partnership.created", partnership=partnership, actor=host).exists()


@pytest.mark.parametrize("who", ["coordinator", "organisation admin", "reviewer", "staff without superuser"])
def test_only_the_host_may_start_a_partnership(who):
    people = {
        "coordinator": lambda: PartnershipMemberFactory().user,
        "organisation admin": lambda: OrganisationMemberFactory().user,
        "reviewer": lambda: PartnershipMemberFactory(reviewer=True).user,
        "staff without superuser": lambda: UserFactory(is_staff=True, with_two_step=True),
    }
    person = people[who]()
    before = Partnership.objects.count()
    with pytest.raises(PermissionDenied):
        start_partnership(by=person, coordinator_emails=["kim@example.org"], name="Sneaky", area="Anywhere")
    with pytest.raises(PermissionDenied):
        create_partnership(by=person, name="Sneaky", area="Anywhere")
    assert Partnership.objects.count() == before
    assert not Invitation.objects.exists()


def test_a_name_or_web_address_already_used_is_refused_and_nothing_is_made():
    host = make_host()
    PartnershipFactory(name="Northvale Inclusion Partnership", slug="northvale")
    with pytest.raises(PartnershipError, match="already a partnership called"):
        start_partnership(
            by=host, coordinator_emails=["a@example.org"], name="NORTHVALE inclusion partnership", area="N"
        )
    with pytest.raises(PartnershipError, match="already used"):
        start_partnership(by=host, coordinator_emails=["a@example.org"], name="Another", slug="northvale", area="N")
    assert Partnership.objects.count() == 1
    assert not Invitation.objects.exists()


def test_a_bad_coordinator_address_stops_the_whole_partnership():
    host = make_host()
    with pytest.raises(InvitationError):
        start_partnership(by=host, coordinator_emails=["kim@example.org", "not an address"], name="N", area="N")
    with pytest.raises(InvitationError):
        start_partnership(by=host, coordinator_emails=["  "], name="N", area="N")
    assert not Partnership.objects.exists()
    assert not Invitation.objects.exists()


def test_the_first_coordinator_accepts_and_runs_the_partnership():
    host = make_host()
    _, (invitation,) = start_partnership(by=host, coordinator_emails=["kim@example.org"], name="N", area="N")
    kim = UserFactory(email="kim@example.org")
    token = urlparse(invitation.link).path.rstrip("/").rsplit("/", 1)[-1]
    accept_invitation(find_invitation(token), kim)
    assert PartnershipMember.objects.filter(user=kim, role=PartnershipRole.COORDINATOR).exists()


# The pages


def test_the_host_starts_a_partnership_on_the_page(client, django_capture_on_commit_callbacks):
    host = make_host()
    client.force_login(host)
    response = client.get(NEW)
    assert response.status_code == 200
    assert h1_count(response) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEW, form(slug="northvale"), follow=True)
    assert response.status_code == 200
    text = page_text(response)
    assert "Northvale Inclusion Partnership is started" in text
    assert "kim@northvale.example, lee@northvale.example" in text
    partnership = Partnership.objects.get(slug="northvale")
    assert partnership.contact_email == "hello@northvale.example"
    assert "Northvale Inclusion Partnership" in page_text(client.get(LIST))
    link = extract_link(mail.outbox[0].body)
    assert urlparse(link).path.startswith("/invitations/")


def test_the_web_address_is_made_from_the_name_when_left_empty(client):
    client.force_login(make_host())
    client.post(NEW, form(name="Vale & Shire: Work for All"))
    assert Partnership.objects.get().slug == "vale-shire-work-for-all"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "Enter the name of the partnership"),
        ({"name": "x" * 151}, "name", "150 characters or fewer"),
        ({"name": "Nul\x00here"}, "name", "hidden character"),
        ({"name": "Kim\u202egpj"}, "name", "hidden character"),
        ({"area": ""}, "area", "Enter the area it covers"),
        ({"slug": "Not A Slug!"}, "slug", "lower case letters, numbers and dashes"),
        ({"slug": "", "name": "!!!"}, "slug", "no letters or numbers"),
        ({"coordinators": ""}, "coordinators", "at least one coordinator"),
        ({"coordinators": "kim@example.org\nnot-an-address"}, "coordinators", "not-an-address"),
        ({"coordinators": "\n".join(f"p{n}@example.org" for n in range(11))}, "coordinators", "up to 10"),
        ({"coordinators": "a@example.org," * 5000}, "coordinators", "up to 10"),
        ({"description": "x" * 2001}, "description", "2,000 characters or fewer"),
        ({"contact_email": "nope"}, "contact_email", "right format"),
    ],
)
def test_bad_input_is_explained_and_what_was_typed_is_kept(client, changes, field, message):
    client.force_login(make_host())
    data = form(**changes)
    response = client.post(NEW, data)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert "govuk-error-summary" in response.content.decode()
    assert not Partnership.objects.exists()
    if field != "area":
        assert data["area"] in response.content.decode()


def test_a_duplicate_web_address_is_shown_on_its_field(client):
    PartnershipFactory(slug="northvale")
    client.force_login(make_host())
    response = client.post(NEW, form(slug="northvale"))
    assert "already used" in response.context["form"].errors["slug"][0]
    assert Partnership.objects.count() == 1


@pytest.mark.parametrize("url", [LIST, NEW, "invite"])
def test_nobody_but_the_host_opens_the_host_pages(client, url):
    if url == "invite":
        url = reverse("www:host_invite_coordinator", kwargs={"partnership_slug": PartnershipFactory().slug})
    for person in [PartnershipMemberFactory().user, OrganisationMemberFactory().user, UserFactory()]:
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert client.post(url, form()).status_code in (403, 405)
    assert not Partnership.objects.filter(name=form()["name"]).exists()
    client.logout()
    assert client.get(url).status_code == 302


def test_the_host_list_counts_coordinators_and_organisations(client):
    partnership = PartnershipFactory(name="Counted Partnership")
    PartnershipMemberFactory.create_batch(2, partnership=partnership)
    PartnershipMemberFactory(partnership=partnership, reviewer=True)
    OrganisationMemberFactory.create_batch(3, organisation__partnership=partnership)
    client.force_login(make_host())
    response = client.get(LIST)
    row = next(p for p in response.context["hosted"] if p.pk == partnership.pk)
    assert (row.coordinator_count, row.organisation_count) == (2, 3)


def test_the_host_invites_a_coordinator_to_a_partnership_whose_link_ran_out(client, django_capture_on_commit_callbacks):
    partnership = PartnershipFactory(name="Quiet Partnership")
    client.force_login(make_host())
    url = reverse("www:host_invite_coordinator", kwargs={"partnership_slug": partnership.slug})
    response = client.get(url)
    assert response.status_code == 200
    assert h1_count(response) == 1
    assert "It has 0 coordinators" in page_text(response)
    response = client.post(url, {"name": "Sam", "email": "not an email"})
    assert "govuk-error-summary" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"name": "Sam Lee", "email": "Sam@Example.org"}, follow=True)
    assert "We have emailed sam@example.org a link to join Quiet Partnership as coordinator" in page_text(response)
    invitation = Invitation.objects.get(partnership=partnership)
    assert invitation.kind == InvitationKind.COORDINATOR
    assert mail.outbox[0].to == ["sam@example.org"]
    row = next(p for p in response.context["hosted"] if p.pk == partnership.pk)
    assert row.coordinators_invited == 1
    assert (
        client.get(
            reverse("www:host_invite_coordinator", kwargs={"partnership_slug": "no-such-partnership"})
        ).status_code
        == 404
    )


def test_the_home_page_lists_the_partnerships_with_links_to_their_register(client):
    partnership = PartnershipFactory(name="Listed Partnership", area="Listed Area")
    response = client.get(reverse("www:home"))
    text = page_text(response)
    assert "Listed Partnership" in text and "Listed Area" in text
    assert reverse("assessments:register", kwargs={"partnership_slug": partnership.slug}) in response.content.decode()


def test_a_signed_in_host_is_pointed_to_the_host_pages(client):
    client.force_login(make_host())
    assert LIST in client.get(reverse("www:home")).content.decode()


# The command


def test_the_command_starts_a_partnership_and_prints_each_link(django_capture_on_commit_callbacks):
    host = make_host()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "create_partnership",
            "--name=Northvale Inclusion Partnership",
            "--area=Northvale",
            "--coordinator=kim@example.org",
            "--coordinator=lee@example.org",
            "--base-url=https://included.example",
            stdout=out,
        )
    printed = out.getvalue()
    partnership = Partnership.objects.get()
    assert partnership.slug == "northvale-inclusion-partnership"
    assert "https://included.example/p/northvale-inclusion-partnership/" in printed
    links = [line.split(": ", 1)[1] for line in printed.splitlines() if line.strip().startswith(("kim@", "lee@"))]
    assert len(links) == 2
    assert all(link.startswith("https://included.example/invitations/") for link in links)
    assert {extract_link(m.body) for m in mail.outbox} == set(links)
    assert AuditEvent.objects.filter(action="partnership.created", actor=host).exists()


def test_the_command_refuses_a_duplicate_clearly():
    make_host()
    PartnershipFactory(slug="northvale")
    with pytest.raises(CommandError, match="already used"):
        call_command(
            "create_partnership",
            "--name=New",
            "--area=A",
            "--slug=northvale",
            "--coordinator=a@example.org",
            "--base-url=https://included.example",
        )
    assert Partnership.objects.count() == 1


def test_the_command_needs_a_superuser_and_says_which_when_there_are_several():
    with pytest.raises(CommandError, match="createsuperuser"):
        call_command("create_partnership", "--name=N", "--area=A", "--coordinator=a@example.org", "--base-url=http://x")
    make_host()
    make_host()
    with pytest.raises(CommandError, match="--by"):
        call_command("create_partnership", "--name=N", "--area=A", "--coordinator=a@example.org", "--base-url=http://x")
    with pytest.raises(CommandError, match="no active superuser"):
        call_command(
            "create_partnership",
            "--name=N",
            "--area=A",
            "--coordinator=a@example.org",
            "--by=nobody@example.org",
            "--base-url=http://x",
        )
    assert not Partnership.objects.exists()
