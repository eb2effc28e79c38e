"""Factories for co-production records, with traits named for what they mean."""

import datetime
from decimal import Decimal

import factory

from included.coproduction.enums import (
    ContributionSource,
    Decision,
    FeedbackMethod,
    LadderRung,
    Method,
    Recognition,
    Stage,
)
from included.coproduction.models import Activity, Contribution, FeedbackRecord, Response
from tests.factories import OrganisationFactory


class ActivityFactory(factory.django.DjangoModelFactory):
    """A workshop held on 12 November 2025, people invited three weeks before, paid the Real Living Wage."""

    class Meta:
        model = Activity
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Job fair planning workshop {n}")
    purpose = "To plan next spring's job fair with people who have looked for work with us."
    stage = Stage.SERVICE_DESIGN
    method = Method.WORKSHOP
    ladder_rung = LadderRung.CO_DESIGN
    held_on = datetime.date(2025, 11, 12)
    invited_on = factory.LazyAttribute(lambda a: a.held_on - datetime.timedelta(days=21))
    participants = 6
    hours_given = Decimal("12.0")
    recognition = Recognition.PAID_HOURLY
    hourly_rate = Decimal("13.45")
    other_costs = Decimal("80.00")
    staff_hours = Decimal("6.0")
    access_support = factory.LazyFunction(lambda: ["easy_read", "travel"])

    class Params:
        short_notice = factory.Trait(invited_on=factory.LazyAttribute(lambda a: a.held_on - datetime.timedelta(days=5)))
        below_living_wage = factory.Trait(hourly_rate=Decimal("11.00"))
        unpaid = factory.Trait(recognition=Recognition.UNPAID, hourly_rate=None)
        with_vouchers = factory.Trait(
            recognition=Recognition.VOUCHERS, hourly_rate=None, voucher_value=Decimal("60.00")
        )
        just_started = factory.Trait(
            participants=None,
            hours_given=None,
            recognition="",
            hourly_rate=None,
            other_costs=None,
            staff_hours=None,
            access_support=factory.LazyFunction(list),
        )


class ContributionFactory(factory.django.DjangoModelFactory):
    """Something said in an activity, which the person agreed can be published, without their name."""

    class Meta:
        model = Contribution

    activity = factory.SubFactory(ActivityFactory)
    text = factory.Sequence(lambda n: f"Please hold the job fair somewhere on a bus route ({n}).")
    stage = factory.LazyAttribute(lambda c: c.activity.stage)
    given_on = factory.LazyAttribute(lambda c: c.activity.held_on)
    source = ContributionSource.ORGANISATION
    consent_to_publish = True

    class Params:
        private = factory.Trait(consent_to_publish=False)
        named = factory.Trait(contributor_name="Amira Khan", named_publicly=True)
        hears_back = factory.Trait(
            contact_email=factory.Sequence(lambda n: f"contributor{n}@example.org"), wants_updates=True
        )


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    contribution = factory.SubFactory(ContributionFactory)
    decision = Decision.ADOPTED
    what_changed = "The job fair is now at the library, next to the bus station."

    class Params:
        not_adopted = factory.Trait(
            decision=Decision.NOT_ADOPTED, what_changed="", reason="The library is closed on Saturdays."
        )


class FeedbackRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackRecord

    response = factory.SubFactory(ResponseFactory)
    contribution = factory.LazyAttribute(lambda f: f.response.contribution)
    method = FeedbackMethod.MEETING
    told_on = datetime.date(2025, 12, 1)
