"""Factories for the spine of Included. Each app's own factories live in tests/<app>/factories.py."""

import factory
from allauth.mfa.models import Authenticator
from django.utils import timezone

from included.access.enums import MemberRole, PartnershipRole
from included.access.models import OrganisationMember, PartnershipMember
from included.accounts.models import User
from included.frameworks.models import Framework, FrameworkItem, FrameworkSection, FrameworkVersion, ItemPrompt
from included.organisations.enums import Sector, Size
from included.organisations.models import Organisation
from included.partnerships.models import Partnership

PASSWORD = "a long and private passphrase"
SCALE = [
    {"level": 1, "name": "Not started", "descriptor": "We have not started on this yet."},
    {"level": 2, "name": "Starting", "descriptor": "We have talked about it and taken first steps."},
    {"level": 3, "name": "Doing", "descriptor": "We do this in some of our work."},
    {"level": 4, "name": "Doing well", "descriptor": "We do this in most of our work, and can show it."},
    {"level": 5, "name": "Leading", "descriptor": "We do this everywhere and help others to do it."},
]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name", locale="en_GB")
    password = factory.django.Password(PASSWORD)

    class Params:
        with_two_step = factory.Trait(
            two_step=factory.RelatedFactory("tests.factories.TotpFactory", factory_related_name="user")
        )


class TotpFactory(factory.django.DjangoModelFactory):
    """A real authenticator secret, so tests can type a real code (see tests.helpers.totp_code)."""

    class Meta:
        model = Authenticator

    type = Authenticator.Type.TOTP
    data = factory.LazyFunction(lambda: {"secret": _encrypted_secret()})


def _encrypted_secret():
    from allauth.mfa.utils import encrypt

    return encrypt(TOTP_SECRET)


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Riverside Inclusion Partnership {n}")
    slug = factory.Sequence(lambda n: f"riverside-{n}")
    area = "Riverside"
    description = "Councils, employers and charities opening up work together."


class PartnershipMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipMember

    partnership = factory.SubFactory(PartnershipFactory)
    user = factory.SubFactory(UserFactory, with_two_step=True)
    role = PartnershipRole.COORDINATOR

    class Params:
        reviewer = factory.Trait(role=PartnershipRole.REVIEWER)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Bright Futures Bakery {n}")
    slug = factory.Sequence(lambda n: f"bright-futures-{n}")
    sector = Sector.EMPLOYER
    size = Size.SMALL
    local_area = "Riverside"


class OrganisationMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationMember

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = MemberRole.ADMIN

    class Params:
        member = factory.Trait(role=MemberRole.MEMBER)


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    slug = factory.Sequence(lambda n: f"test-framework-{n}")
    name = factory.Sequence(lambda n: f"Test Inclusion Framework {n}")
    short_name = "TIF"


class FrameworkVersionFactory(factory.django.DjangoModelFactory):
    """A small framework: one unassessed section, then `items` assessed items with prompts."""

    class Meta:
        model = FrameworkVersion
        skip_postgeneration_save = True

    framework = factory.SubFactory(FrameworkFactory)
    version = "1"
    credit = "Written for tests."
    scale = SCALE
    stakeholder_groups = [
        {"key": "employers", "name": "Employers", "sectors": ["employer"]},
        {"key": "vcse", "name": "VCSEs", "sectors": ["vcse", "community_group"]},
    ]
    source_sha256 = factory.Sequence(lambda n: f"{n:064d}")
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def items(self, create, extracted, **kwargs):
        if not create:
            return
        count = 3 if extracted is None else extracted
        FrameworkSection.objects.create(version=self, key="steps", title="Steps", assessed=False, position=0)
        section = FrameworkSection.objects.create(version=self, key="checklist", title="Checklist", position=1)
        for number in range(1, count + 1):
            item = FrameworkItem.objects.create(
                version=self,
                section=section,
                key=f"point-{number}",
                number=str(number),
                title=f"Checklist point {number}",
                summary=f"What point {number} asks.",
                position=number,
            )
            ItemPrompt.objects.create(
                item=item, group="employers", kind="what_works", text=f"Employers: point {number}.", position=1
            )
            ItemPrompt.objects.create(
                item=item, group="vcse", kind="what_works", text=f"VCSEs: point {number}.", position=2
            )
            ItemPrompt.objects.create(
                item=item, group="all", kind="can_strengthen", text=f"Everyone: point {number}.", position=3
            )
