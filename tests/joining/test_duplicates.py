"""Coordinators are told when a request may come from a member already, or repeat another request."""

import pytest
from django.db import IntegrityError

from included.joining.duplicates import SAME_EMAIL, SAME_NAME, SAME_NUMBER, SIMILAR_NAME, possible_duplicates
from included.joining.enums import JoinRequestStatus
from tests.factories import OrganisationFactory, PartnershipFactory
from tests.joining.factories import JoinRequestFactory

pytestmark = pytest.mark.django_db


def _found(partnership, request):
    return {(d.name, d.reasons, d.is_member) for d in possible_duplicates(partnership, [request])[request.pk]}


def test_a_member_with_the_same_number_written_differently_is_found():
    partnership = PartnershipFactory()
    OrganisationFactory(partnership=partnership, name="Eastside Skills", registration_number="sc 012345")
    request = JoinRequestFactory(
        partnership=partnership, organisation_name="Westward Ho", registration_number="SC012345"
    )

    assert _found(partnership, request) == {("Eastside Skills", (SAME_NUMBER,), True)}


def test_members_with_the_same_or_a_similar_name_are_found():
    partnership = PartnershipFactory()
    OrganisationFactory(partnership=partnership, name="The Riverside Food Bank Ltd")
    OrganisationFactory(partnership=partnership, name="Riverside Foodbanks")
    OrganisationFactory(partnership=partnership, name="Riverside Housing Association")
    request = JoinRequestFactory(partnership=partnership, organisation_name="Riverside Food Bank")

    assert _found(partnership, request) == {
        ("The Riverside Food Bank Ltd", (SAME_NAME,), True),
        ("Riverside Foodbanks", (SIMILAR_NAME,), True),
    }


def test_other_waiting_requests_that_repeat_it_are_found_but_decided_ones_are_not():
    partnership = PartnershipFactory()
    request = JoinRequestFactory(
        partnership=partnership, organisation_name="Northgate Job Club", contact_email="a@x.org"
    )
    JoinRequestFactory(partnership=partnership, organisation_name="Northgate Job Club CIC", contact_email="b@x.org")
    JoinRequestFactory(partnership=partnership, organisation_name="Something Else", contact_email="A@x.org")
    JoinRequestFactory(
        partnership=partnership,
        organisation_name="Northgate Job Club",
        status=JoinRequestStatus.DECLINED,
        decided_at="2026-01-01T00:00Z",
    )

    assert _found(partnership, request) == {
        ("Northgate Job Club CIC", (SAME_NAME,), False),
        ("Something Else", (SAME_EMAIL,), False),
    }


def test_organisations_and_requests_of_other_partnerships_are_never_shown():
    partnership = PartnershipFactory()
    elsewhere = PartnershipFactory()
    OrganisationFactory(partnership=elsewhere, name="Riverside Food Bank", registration_number="1123456")
    JoinRequestFactory(partnership=elsewhere, organisation_name="Riverside Food Bank")
    request = JoinRequestFactory(
        partnership=partnership, organisation_name="Riverside Food Bank", registration_number="1123456"
    )

    assert _found(partnership, request) == set()


def test_a_page_of_requests_is_checked_in_the_same_two_queries_whatever_its_size(django_assert_num_queries):
    partnership = PartnershipFactory()
    for number in range(12):
        OrganisationFactory(
            partnership=partnership, name=f"Member {number} Trust", registration_number=f"11{number:05}"
        )
    few = [JoinRequestFactory(partnership=partnership, organisation_name="Member 1 Trust")]
    many = [
        JoinRequestFactory(
            partnership=partnership, organisation_name=f"Member {n} Trust", registration_number=f"11{n:05}"
        )
        for n in range(10)
    ]

    with django_assert_num_queries(2):
        possible_duplicates(partnership, few)
    with django_assert_num_queries(2):
        found = possible_duplicates(partnership, many)

    assert all(found[request.pk] for request in many)


def test_the_database_refuses_a_decision_without_a_date_and_an_unknown_status():
    partnership = PartnershipFactory()
    with pytest.raises(IntegrityError):
        JoinRequestFactory(partnership=partnership, status=JoinRequestStatus.ACCEPTED, decided_at=None)


def test_the_database_refuses_an_unknown_status():
    with pytest.raises(IntegrityError):
        JoinRequestFactory(status="maybe")
