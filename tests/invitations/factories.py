from datetime import timedelta

import factory
from django.utils import timezone

from included.invitations.enums import InvitationKind
from included.invitations.models import Invitation
from tests.factories import OrganisationFactory, PartnershipFactory, UserFactory


class InvitationFactory(factory.django.DjangoModelFactory):
    """An invitation whose link is `invitation.token`, as the email would carry it. Waiting, unless a trait says."""

    class Meta:
        model = Invitation

    partnership = factory.SubFactory(PartnershipFactory)
    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    name = "Sam Jones"
    kind = InvitationKind.REVIEWER
    token = factory.LazyFunction(Invitation.new_token)
    token_hash = factory.LazyAttribute(lambda o: Invitation.hash_token_value(o.token))
    expires_at = factory.LazyFunction(Invitation.default_expiry)
    invited_by = factory.SubFactory(UserFactory)

    class Params:
        for_organisation = factory.Trait(
            kind=InvitationKind.ORGANISATION_ADMIN,
            organisation=factory.SubFactory(OrganisationFactory, partnership=factory.SelfAttribute("..partnership")),
        )
        expired = factory.Trait(expires_at=factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1)))
        withdrawn = factory.Trait(withdrawn_at=factory.LazyFunction(timezone.now))
        accepted = factory.Trait(accepted_at=factory.LazyFunction(timezone.now))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        token = kwargs.pop("token")
        invitation = super()._create(model_class, *args, **kwargs)
        invitation.token = token
        return invitation
