import factory

from included.joining.models import JoinRequest
from included.organisations.enums import Sector, Size
from tests.factories import PartnershipFactory


class JoinRequestFactory(factory.django.DjangoModelFactory):
    """A request to join, waiting for a decision."""

    class Meta:
        model = JoinRequest

    partnership = factory.SubFactory(PartnershipFactory)
    organisation_name = factory.Sequence(lambda n: f"Northgate Tenants Group {n}")
    sector = Sector.COMMUNITY_GROUP
    size = Size.MICRO
    local_area = "Northgate"
    contact_name = "Jordan Mensah"
    contact_email = factory.Sequence(lambda n: f"jordan{n}@example.org")
    message = "We run a weekly job club for tenants."
