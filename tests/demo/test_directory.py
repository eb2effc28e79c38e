"""The demo's directory: realistic made-up services, published and checked at different times, one led by people
with lived experience, and every one valid Open Referral UK."""

import pytest
from django.test import Client
from django.urls import reverse

from included.demo.directory import DIRECTORY, load_demo_directory
from included.directory.models import Service
from tests.directory.factories import ensure_taxonomy
from tests.directory.oruk import page_problems
from tests.factories import OrganisationFactory, OrganisationMemberFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    ensure_taxonomy()
    partnership = PartnershipFactory()
    keys = {spec["organisation"] for spec in DIRECTORY["services"]}
    organisations = {key: OrganisationFactory(partnership=partnership) for key in keys}
    admins = {key: OrganisationMemberFactory(organisation=o).user for key, o in organisations.items()}
    return partnership, load_demo_directory(partnership, organisations, admins)


def test_the_demo_directory_has_published_services_of_every_freshness(demo):
    partnership, made = demo
    published = Service.objects.for_partnership(partnership).published()
    assert len(made) == len(DIRECTORY["services"]) and published.count() == len(made) - 1
    assert published.filter(lived_experience_led=True).count() >= 1
    assert any(service.freshness < 1 for service in published)
    assert load_demo_directory(partnership, {}, {}) == []


def test_the_demo_directory_is_found_and_valid_open_referral(demo):
    partnership, _ = demo
    page = Client().get(reverse("directory:search", kwargs={"partnership_slug": partnership.slug}), {"area": "RV3"})
    assert [service.name for service in page.context["results"]] == ["Eastside safe space"]
    feed = Client().get(f"/api/openreferral/{partnership.slug}/services").json()
    assert page_problems("compiled/service_list.json", feed) == []
    assert feed["total_items"] == len(DIRECTORY["services"]) - 1
