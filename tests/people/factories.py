from included.people import services
from tests.factories import OrganisationMemberFactory, UserFactory


def person_with_facts(**words):
    """A person who wrote these sections ({section: text}) of Facts About Me."""
    person = UserFactory()
    for section, text in words.items():
        services.save_fact(person, section, text, by=person)
    return person


def organisation_with_member(**kwargs):
    membership = OrganisationMemberFactory(member=True, **kwargs)
    return membership.organisation, membership.user
