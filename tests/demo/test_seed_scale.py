"""`manage.py seed_scale` fills a partnership with made-up organisations for load tests: quickly, the same way for
the same seed, within every rule the database keeps, and never on a production server."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import transaction

from included.access.enums import PartnershipRole
from included.access.models import PartnershipMember
from included.accounts.models import User
from included.assessments.enums import AssessmentStatus, ReviewStatus, Verdict
from included.assessments.models import Assessment, AssessmentItem, Review, ReviewComment, SignUp
from included.coproduction.models import Activity, Contribution
from included.demo.partnership import load_demo
from included.demo.scale import fingerprint
from included.directory.models import Contact, Location, Service
from included.invitations.models import Invitation
from included.organisations.enums import Sector, Size
from included.organisations.models import Organisation
from included.partnerships.models import Partnership
from tests.directory.factories import ensure_taxonomy

pytestmark = pytest.mark.django_db


def seed(*args):
    out = StringIO()
    call_command("seed_scale", *args, stdout=out)
    return out.getvalue()


class Undo(Exception):
    pass


def test_a_small_seed_makes_every_kind_of_record():
    seed("--organisations", "48", "--cycles", "2")

    partnership = Partnership.objects.get(slug="scale-1-1")
    organisations = Organisation.objects.filter(partnership=partnership)
    assert organisations.count() == 48
    assert set(organisations.values_list("sector", flat=True)) == set(Sector.values)
    assert set(organisations.values_list("size", flat=True)) == set(Size.values)
    cycles = Assessment.objects.for_partnership(partnership)
    assert set(cycles.values_list("number", flat=True)) == {1, 2}
    assert cycles.filter(status=AssessmentStatus.REVIEWED).exists()
    assert cycles.filter(status=AssessmentStatus.DRAFT).exists()
    assert not AssessmentItem.objects.filter(assessment__in=cycles.submitted(), rating__isnull=True).exists()
    assert ReviewComment.objects.filter(
        review__assessment__organisation__partnership=partnership, verdict=Verdict.CHALLENGE
    ).exists()
    assert (
        not Review.objects.filter(
            assessment__organisation__partnership=partnership, assessment__status=AssessmentStatus.REVIEWED
        )
        .exclude(status=ReviewStatus.COMPLETED)
        .exists()
    )
    assert Contribution.objects.for_partnership(partnership).exists()
    assert Activity.objects.for_partnership(partnership).exists()
    assert Invitation.objects.for_partnership(partnership).pending().exists()
    assert PartnershipMember.objects.filter(partnership=partnership, role=PartnershipRole.REVIEWER).exists()


def test_nobody_seeded_can_sign_in_with_a_password():
    seed("--organisations", "6")

    person = User.objects.filter(email__endswith="@scale.example").first()
    assert not person.has_usable_password()
    assert authenticate(email=person.email, password="") is None


def test_the_same_seed_gives_the_same_data_and_another_seed_different_data():
    def seeded(seed_number):
        with pytest.raises(Undo), transaction.atomic():
            seed("--organisations", "30", "--seed", str(seed_number))
            digest = fingerprint(Partnership.objects.get(slug=f"scale-{seed_number}-1"))
            raise Undo
        return digest

    assert seeded(7) == seeded(7)
    assert seeded(7) != seeded(8)


def test_it_adds_to_the_demo_partnership_and_spreads_over_several():
    demo = load_demo()
    demo_sign_ups = SignUp.objects.for_partnership(demo).count()

    seed("--organisations", "10", "--into", demo.slug)
    seed("--organisations", "9", "--partnerships", "3", "--seed", "2")

    assert SignUp.objects.for_partnership(demo).count() > demo_sign_ups
    for number in (1, 2, 3):
        assert Organisation.objects.filter(partnership__slug=f"scale-2-{number}").count() == 3


def test_it_adds_services_to_the_directory_with_places_times_and_roles_to_contact():
    ensure_taxonomy()
    output = seed("--organisations", "6", "--services", "40")

    assert "6 organisations and 40 services" in output
    services = Service.objects.filter(partnership__slug="scale-1-1")
    assert services.count() == 40
    assert services.published().exists() and services.filter(publication="draft").exists()
    assert not services.filter(places__isnull=True).exists() and not services.filter(schedules__isnull=True).exists()
    assert not services.filter(attributes__isnull=True).exists()
    checked = sorted(services.values_list("last_checked_on", flat=True))
    assert (checked[-1] - checked[0]).days > 365
    assert not Contact.objects.filter(service__in=services).exclude(name="").exists()
    assert all(len(place.postcode_district) >= 3 for place in Location.objects.filter(partnership__slug="scale-1-1"))


def test_seeding_a_partnership_again_adds_more_organisations():
    seed("--organisations", "3", "--seed", "4")
    seed("--organisations", "5", "--into", "scale-4-1", "--seed", "4")

    assert Organisation.objects.filter(partnership__slug="scale-4-1").count() == 8


def test_seeding_a_partnership_that_does_not_exist_is_refused():
    with pytest.raises(CommandError, match="no partnership"):
        seed("--organisations", "3", "--into", "nowhere")


def test_it_is_refused_on_a_production_server(settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="production"):
        seed("--organisations", "3")

    assert not Organisation.objects.exists()
