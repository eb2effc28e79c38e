"""The organisation's co-production pages: who may see them, recording an activity step by step, and bad input."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from included.coproduction import services
from included.coproduction.enums import Decision, Recognition
from included.coproduction.models import Activity, Contribution, FeedbackRecord, Response
from tests.assessments.factories import SignUpFactory
from tests.factories import FrameworkVersionFactory, OrganisationFactory, OrganisationMemberFactory

from .conftest import activity_kwargs, org_kwargs
from .factories import ActivityFactory, ContributionFactory, FeedbackRecordFactory, ResponseFactory

pytestmark = pytest.mark.django_db


def form_token(page):
    """The one-time token of the form on a page, as a browser would send it back."""
    return re.search(r'name="form_token" value="([^"]+)"', page).group(1)


def date_fields(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


ABOUT = {
    "title": "Planning the job fair with people who use our service",
    "purpose": "To plan next spring's job fair together.",
    "stage": "service_design",
    "method": "workshop",
    "ladder_rung": "co_design",
    **date_fields("invited_on", datetime.date(2026, 9, 1)),
    **date_fields("held_on", datetime.date(2026, 9, 8)),
}


def organisation_urls(activity, contribution):
    org = org_kwargs(activity.organisation)
    act = activity_kwargs(activity)
    return [
        reverse("coproduction:activities", kwargs=org),
        reverse("coproduction:record_activity", kwargs=org),
        reverse("coproduction:organisation_measures", kwargs=org),
        reverse("coproduction:export_activities", kwargs=org),
        reverse("coproduction:export_contributions", kwargs=org),
        reverse("coproduction:export_responses", kwargs=org),
        reverse("coproduction:activity", kwargs=act),
        reverse("coproduction:edit_activity", kwargs=act | {"section": "people"}),
        reverse("coproduction:add_contribution", kwargs=act),
        reverse("coproduction:record_response", kwargs=act | {"contribution_id": contribution.pk}),
        reverse("coproduction:record_feedback", kwargs=act),
        reverse("coproduction:change_contribution_choices", kwargs=act | {"contribution_id": contribution.pk}),
        reverse("coproduction:delete_contribution", kwargs=act | {"contribution_id": contribution.pk}),
    ]


def test_signed_out_people_are_asked_to_sign_in_for_every_organisation_page(client, activity):
    contribution = ContributionFactory(activity=activity)

    for url in organisation_urls(activity, contribution):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("account_login")), url


def test_a_member_of_another_organisation_is_told_the_pages_do_not_exist(client, activity):
    contribution = ContributionFactory(activity=activity)
    outsider = OrganisationMemberFactory(organisation__partnership=activity.organisation.partnership)
    client.force_login(outsider.user)

    for url in organisation_urls(activity, contribution):
        assert client.get(url).status_code == 404, url


def test_a_coordinator_who_is_not_a_member_cannot_open_an_organisations_records(client, activity, coordinator):
    client.force_login(coordinator)

    assert client.get(reverse("coproduction:activity", kwargs=activity_kwargs(activity))).status_code == 404


def test_an_outsider_cannot_change_anything_by_posting(client, activity):
    contribution = ContributionFactory(activity=activity)
    outsider = OrganisationMemberFactory(organisation__partnership=activity.organisation.partnership)
    client.force_login(outsider.user)
    act = activity_kwargs(activity)

    posts = [
        (reverse("coproduction:edit_activity", kwargs=act | {"section": "about"}), ABOUT),
        (reverse("coproduction:create_link", kwargs=act), {}),
        (reverse("coproduction:add_contribution", kwargs=act), {"text": "Sneaky"}),
        (
            reverse("coproduction:record_response", kwargs=act | {"contribution_id": contribution.pk}),
            {"decision": "adopted", "what_changed": "Sneaky"},
        ),
        (
            reverse("coproduction:change_contribution_choices", kwargs=act | {"contribution_id": contribution.pk}),
            {"consent_to_publish": "yes"},
        ),
        (reverse("coproduction:delete_contribution", kwargs=act | {"contribution_id": contribution.pk}), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url

    activity.refresh_from_db()
    assert activity.title != ABOUT["title"]
    assert not activity.links.exists()
    assert activity.contributions.count() == 1
    assert not Response.objects.exists()


def test_an_activity_of_another_organisation_is_not_found_through_my_own_organisation(member_client, organisation):
    elsewhere = ActivityFactory(organisation=OrganisationFactory(partnership=organisation.partnership))

    url = reverse("coproduction:activity", kwargs=org_kwargs(organisation) | {"activity_id": elsewhere.pk})

    assert member_client.get(url).status_code == 404


def test_a_member_lists_their_activities_newest_first_with_short_notice_flagged(member_client, organisation):
    ActivityFactory(organisation=organisation, title="Older panel", held_on=datetime.date(2025, 10, 1))
    ActivityFactory(
        organisation=organisation, title="Newer survey", held_on=datetime.date(2026, 2, 1), short_notice=True
    )
    ActivityFactory(title="Someone else's workshop")

    response = member_client.get(reverse("coproduction:activities", kwargs=org_kwargs(organisation)))

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<h1") == 1
    assert page.index("Newer survey") < page.index("Older panel")
    assert "Someone else" not in page
    assert page.count("Short notice") == 1


def test_a_member_records_an_activity_one_short_section_at_a_time(member_client, organisation, member):
    version = SignUpFactory(organisation=organisation, framework_version__items=2).framework_version
    item = version.items.get(key="point-1")

    response = member_client.post(reverse("coproduction:record_activity", kwargs=org_kwargs(organisation)), ABOUT)

    activity = Activity.objects.get()
    act = activity_kwargs(activity)
    assert response.url == reverse("coproduction:edit_activity", kwargs=act | {"section": "people"}) + "?setup=1"
    assert activity.created_by == member.user
    assert activity.notice_days == 7

    people = {
        "version": "1",
        "participants": "6",
        "hours_given": "12",
        "recognition": "paid_hourly",
        "hourly_rate": "£13.45",
        "voucher_value": "",
        "wage_area": "uk",
    }
    response = member_client.post(response.url, people)
    assert response.url == reverse("coproduction:edit_activity", kwargs=act | {"section": "access"}) + "?setup=1"

    access = {
        "version": "2",
        "access_support": ["bsl", "other"],
        "access_support_other": "A hearing loop",
        "other_costs": "1,250.50",
        "staff_hours": "7.5",
    }
    response = member_client.post(response.url, access)
    assert response.url == reverse("coproduction:edit_activity", kwargs=act | {"section": "evidence"}) + "?setup=1"

    response = member_client.post(response.url, {"version": "3", "framework_items": [str(item.pk)]})
    assert response.url == reverse("coproduction:activity", kwargs=act)

    activity.refresh_from_db()
    assert (activity.participants, activity.hours_given, activity.hourly_rate) == (6, Decimal("12.0"), Decimal("13.45"))
    assert activity.access_support == ["bsl", "other"]
    assert activity.other_costs == Decimal("1250.50")
    assert list(activity.framework_items.all()) == [item]

    page = member_client.get(response.url).content.decode()
    assert "At or above the Real Living Wage of £13.45" in page
    assert "Something else: A hearing loop" in page
    assert "Checklist point 1" in page


def test_the_first_section_explains_the_ladder_and_credits_its_authors(member_client, organisation):
    page = member_client.get(reverse("coproduction:record_activity", kwargs=org_kwargs(organisation))).content.decode()

    assert "Think Local Act Personal" in page
    assert "National Co-production Advisory Group" in page
    assert "Co-production: People and the organisation shared power" in page


def test_paying_below_the_real_living_wage_is_shown_plainly(member_client, organisation):
    activity = ActivityFactory(organisation=organisation, below_living_wage=True)

    page = member_client.get(reverse("coproduction:activity", kwargs=activity_kwargs(activity))).content.decode()

    assert "Below the Real Living Wage of £13.45" in page


def test_a_section_not_filled_in_yet_says_so_with_a_link(member_client, organisation):
    activity = ActivityFactory(organisation=organisation, just_started=True)

    page = member_client.get(reverse("coproduction:activity", kwargs=activity_kwargs(activity))).content.decode()

    assert "Say who took part and how you thanked them" in page
    assert "Say what access support you offered and what it cost" in page


def test_an_unknown_section_is_not_found(member_client, activity):
    url = reverse("coproduction:edit_activity", kwargs=activity_kwargs(activity) | {"section": "secrets"})

    assert member_client.get(url).status_code == 404


HUGE = "x" * 20_000
TYPED_FIELDS = {"title", "purpose", "participants", "hours_given", "hourly_rate", "access_support_other", "other_costs"}
SCRIPT = "<script>alert('hi')</script>"


@pytest.mark.parametrize(
    ("section", "data", "message"),
    [
        ("about", {}, "Enter a name for the activity"),
        ("about", {**ABOUT, "title": HUGE}, "The name must be 200 characters or fewer"),
        ("about", {**ABOUT, "purpose": HUGE}, "What it was for must be 2,000 characters or fewer"),
        ("about", {**ABOUT, "ladder_rung": SCRIPT}, "Choose how much say people had"),
        ("about", {**ABOUT, "held_on_0": "31", "held_on_1": "2"}, "Enter a real date"),
        ("about", {**ABOUT, "held_on_1": ""}, "Enter a day, month and year"),
        ("about", {**ABOUT, "held_on_0": "0", "held_on_1": "13", "held_on_2": "99"}, "Enter a real date"),
        ("about", {**ABOUT, **date_fields("invited_on", datetime.date(2026, 9, 20))}, "must be on or before"),
        (
            "people",
            {"participants": "lots", "hours_given": "12", "recognition": "unpaid", "wage_area": "uk"},
            "Enter how many people took part as a whole number",
        ),
        (
            "people",
            {"participants": "3", "hours_given": "-2", "recognition": "unpaid", "wage_area": "uk"},
            "The hours people gave cannot be less than 0",
        ),
        (
            "people",
            {"participants": "3", "hours_given": "2", "recognition": "paid_hourly", "wage_area": "uk"},
            "Enter how much you paid an hour",
        ),
        (
            "people",
            {
                "participants": "3",
                "hours_given": "2",
                "recognition": "paid_hourly",
                "hourly_rate": SCRIPT,
                "wage_area": "uk",
            },
            "Enter the hourly rate as a number of pounds",
        ),
        (
            "people",
            {"participants": "3", "hours_given": "9" * 30, "recognition": "unpaid", "wage_area": "uk"},
            "The hours people gave is too large",
        ),
        (
            "access",
            {"access_support": ["other"], "other_costs": "0", "staff_hours": "1"},
            "Say what the other access support was",
        ),
        (
            "access",
            {"access_support": [SCRIPT], "other_costs": "0", "staff_hours": "1"},
            "Choose access support from the list",
        ),
        ("access", {"other_costs": "", "staff_hours": ""}, "Enter what it cost, in pounds"),
        ("evidence", {"framework_items": ["999999"]}, "Choose items from the list"),
        ("evidence", {"framework_items": ["abc"]}, "Choose items from the list"),
    ],
)
def test_bad_activity_input_gets_a_clear_error_and_keeps_what_was_typed(
    member_client, activity, section, data, message
):
    url = reverse("coproduction:edit_activity", kwargs=activity_kwargs(activity) | {"section": section})
    before = Activity.objects.filter(pk=activity.pk).values().get()

    response = member_client.post(url, {"version": str(activity.version), **data})

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert message in page
    assert page.count("<title>Error: ") == 1
    assert "<script>alert" not in page
    for name in TYPED_FIELDS & set(data):
        assert escape(data[name]) in page, name
    assert Activity.objects.filter(pk=activity.pk).values().get() == before


@pytest.mark.parametrize(
    ("section", "mine", "theirs"),
    [
        ("about", {**ABOUT, "title": "My title"}, {"title": "Their title"}),
        ("people", {"participants": "9", "hours_given": "3", "recognition": "unpaid", "wage_area": "uk"}, {}),
        ("access", {"other_costs": "5", "staff_hours": "2"}, {"staff_hours": Decimal("40.5")}),
    ],
)
def test_two_people_changing_an_activity_at_once_see_both_versions(
    member_client, activity, organisation, section, mine, theirs
):
    colleague = OrganisationMemberFactory(organisation=organisation, member=True)
    url = reverse("coproduction:edit_activity", kwargs=activity_kwargs(activity) | {"section": section})
    assert 'name="version" value="1"' in member_client.get(url).content.decode()
    services.update_activity(Activity.objects.get(pk=activity.pk), by=colleague.user, participants=14, **theirs)

    response = member_client.post(url, {"version": "1", **mine})

    page = response.content.decode()
    assert response.status_code == 409
    assert f"{escape(colleague.user.name)} saved this activity" in page
    assert "We have not saved your changes yet" in page
    saved = Activity.objects.get(pk=activity.pk)
    assert saved.participants == 14
    if section == "people":
        assert "14" in page and 'value="9"' in page
    # Saving again from the conflict page is a knowing choice, and it goes through.
    response = member_client.post(url, {"version": str(saved.version), **mine})
    assert response.status_code == 302
    assert Activity.objects.get(pk=activity.pk).version == saved.version + 1


def test_setting_up_an_activity_says_which_step_of_four_each_page_is(member_client, organisation):
    page = member_client.get(reverse("coproduction:record_activity", kwargs=org_kwargs(organisation))).text
    assert "Step 1 of 4:" in page

    response = member_client.post(reverse("coproduction:record_activity", kwargs=org_kwargs(organisation)), ABOUT)
    for section, step in [("people", 2), ("access", 3), ("evidence", 4)]:
        url = reverse(
            "coproduction:edit_activity", kwargs=activity_kwargs(Activity.objects.get()) | {"section": section}
        )
        assert f"Step {step} of 4:" in member_client.get(url + "?setup=1").text
        assert "Step " not in member_client.get(url).text.split("<h1")[0].split("govuk-caption-l")[-1]
    assert response.status_code == 302


def test_the_evidence_step_offers_only_frameworks_the_organisation_signed_up_to(member_client, activity, organisation):
    signed = SignUpFactory(organisation=organisation, framework_version__items=2).framework_version
    other = FrameworkVersionFactory(items=2)
    url = reverse("coproduction:edit_activity", kwargs=activity_kwargs(activity) | {"section": "evidence"})

    page = member_client.get(url).text

    offered = {item.pk for item in signed.items.filter(section__assessed=True)}
    assert offered and all(f'name="framework_items" value="{pk}"' in page for pk in offered)
    assert not any(f'name="framework_items" value="{item.pk}"' in page for item in other.items.all())
    response = member_client.post(url, {"version": "1", "framework_items": [str(other.items.first().pk)]})
    assert "Choose items from the list" in response.text
    assert not activity.framework_items.exists()


def test_two_people_choosing_evidence_at_once_see_both_versions(member_client, activity, organisation):
    version = SignUpFactory(organisation=organisation, framework_version__items=2).framework_version
    first, second = version.items.filter(section__assessed=True).order_by("position")
    colleague = OrganisationMemberFactory(organisation=organisation, member=True)
    url = reverse("coproduction:edit_activity", kwargs=activity_kwargs(activity) | {"section": "evidence"})
    services.set_activity_evidence(Activity.objects.get(pk=activity.pk), [first], by=colleague.user)

    response = member_client.post(url, {"version": "1", "framework_items": [str(second.pk)]})

    assert response.status_code == 409
    assert "Checklist point 1" in response.content.decode()
    assert list(activity.framework_items.all()) == [first]


def test_a_script_in_a_title_is_shown_as_text(member_client, organisation):
    response = member_client.post(
        reverse("coproduction:record_activity", kwargs=org_kwargs(organisation)), {**ABOUT, "title": SCRIPT}
    )
    activity = Activity.objects.get()

    page = member_client.get(response.url.split("?")[0]).content.decode()

    assert activity.title == SCRIPT
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def test_a_member_adds_a_contribution_with_the_persons_choices(member_client, activity, member):
    url = reverse("coproduction:add_contribution", kwargs=activity_kwargs(activity))
    assert member_client.get(url).status_code == 200

    response = member_client.post(
        url,
        {
            "text": "Please hold it near a bus stop.",
            "stage": "delivery",
            **date_fields("given_on", activity.held_on),
            "consent_to_publish": "yes",
            "contributor_name": "Amira",
            "named_publicly": "on",
            "contact_email": "amira@example.org",
            "wants_updates": "on",
        },
    )

    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.created_by == member.user
    assert (contribution.consent_to_publish, contribution.named_publicly, contribution.wants_updates) == (
        True,
        True,
        True,
    )


def test_a_contribution_sent_twice_is_added_once(member_client, activity):
    url = reverse("coproduction:add_contribution", kwargs=activity_kwargs(activity))
    sent = {
        "form_token": form_token(member_client.get(url).content.decode()),
        "text": "Please hold it near a bus stop.",
        "stage": "delivery",
        **date_fields("given_on", activity.held_on),
        "consent_to_publish": "yes",
    }

    first = member_client.post(url, sent)
    again = member_client.post(url, sent)

    assert Contribution.objects.count() == 1
    assert again.status_code == first.status_code == 302
    assert again.url == first.url


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Enter what the person said"),
        ({"text": HUGE}, "What they said must be 3,000 characters or fewer"),
        ({"text": SCRIPT, "wants_updates": "on"}, "Enter their email address, or untick the box"),
        ({"text": SCRIPT, "contact_email": "not-an-email"}, "Enter an email address in the right format"),
        ({"text": SCRIPT, "named_publicly": "on"}, "Enter their name, or untick the box"),
        ({"text": SCRIPT, **date_fields("given_on", datetime.date(2099, 1, 1))}, "cannot be in the future"),
        ({"text": SCRIPT, "consent_to_publish": "maybe"}, "Say whether they agreed"),
    ],
)
def test_bad_contribution_input_gets_a_clear_error_and_saves_nothing(member_client, activity, data, message):
    url = reverse("coproduction:add_contribution", kwargs=activity_kwargs(activity))

    response = member_client.post(url, data)

    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "<script>alert" not in page
    if data.get("text") == SCRIPT:
        assert "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt;" in page
    assert not Contribution.objects.exists()


def test_a_member_responds_then_updates_and_the_history_is_shown(member_client, activity):
    contribution = ContributionFactory(activity=activity, hears_back=True)
    url = reverse(
        "coproduction:record_response", kwargs=activity_kwargs(activity) | {"contribution_id": contribution.pk}
    )

    member_client.post(url, {"decision": "in_progress", "what_changed": "We are asking the library."})
    form_page = member_client.get(url).content.decode()
    member_client.post(
        url,
        {
            "decision": "adopted",
            "what_changed": "The fair is at the library.",
            **date_fields("changed_on", datetime.date(2026, 3, 1)),
        },
    )

    assert "We are asking the library." in form_page
    assert [r.decision for r in contribution.responses.all()] == [Decision.ADOPTED, Decision.IN_PROGRESS]
    assert len(mail.outbox) == 2
    history = member_client.get(url).content.decode()
    assert "History" in history
    assert "We are asking the library." in history
    assert "(current)" in history


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose what you decided"),
        ({"decision": "not_adopted"}, "Say why you did not adopt it"),
        ({"decision": "adopted"}, "Say what you did, or what you are doing"),
        ({"decision": SCRIPT, "what_changed": SCRIPT}, "Choose what you decided"),
        ({"decision": "adopted", "what_changed": HUGE}, "must be 3,000 characters or fewer"),
        (
            {
                "decision": "adopted",
                "what_changed": "Done",
                "changed_on_0": "x",
                "changed_on_1": "y",
                "changed_on_2": "z",
            },
            "Enter a real date",
        ),
    ],
)
def test_bad_response_input_gets_a_clear_error_and_saves_nothing(member_client, activity, data, message):
    contribution = ContributionFactory(activity=activity, hears_back=True)
    url = reverse(
        "coproduction:record_response", kwargs=activity_kwargs(activity) | {"contribution_id": contribution.pk}
    )

    response = member_client.post(url, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert "<script>alert" not in response.content.decode()
    assert not Response.objects.exists()
    assert mail.outbox == []


def test_a_member_records_that_people_were_told_at_a_meeting(member_client, activity):
    answered = ResponseFactory(contribution__activity=activity).contribution
    waiting = ContributionFactory(activity=activity)
    url = reverse("coproduction:record_feedback", kwargs=activity_kwargs(activity))

    page = member_client.get(url).content.decode()
    response = member_client.post(
        url,
        {
            "contributions": [str(answered.pk)],
            "method": "meeting",
            **date_fields("told_on", datetime.date(2026, 1, 5)),
            "note": "Panel",
        },
    )

    assert answered.text in page
    assert waiting.text not in page
    assert response.status_code == 302
    assert FeedbackRecord.objects.get().contribution == answered


@pytest.mark.parametrize(("told", "words"), [(1, "1 contribution marked as told"), (2, "2 contributions marked")])
def test_the_message_after_recording_who_was_told_counts_in_proper_words(member_client, activity, told, words):
    answered = [ResponseFactory(contribution__activity=activity).contribution for _ in range(told)]
    url = reverse("coproduction:record_feedback", kwargs=activity_kwargs(activity))

    response = member_client.post(
        url,
        {
            "contributions": [str(contribution.pk) for contribution in answered],
            "method": "meeting",
            **date_fields("told_on", datetime.date(2026, 1, 5)),
        },
        follow=True,
    )

    page = response.content.decode()
    assert words in page
    assert "(s)" not in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose at least one contribution"),
        ({"contributions": ["999999"], "method": "meeting"}, "Choose contributions from the list"),
        ({"contributions": [SCRIPT], "method": "email"}, "Choose how you told them"),
        ({"method": "phone", **date_fields("told_on", datetime.date(2099, 1, 1))}, "cannot be in the future"),
        ({"method": "letter", "note": HUGE}, "must be 1,000 characters or fewer"),
    ],
)
def test_bad_feedback_input_gets_a_clear_error_and_saves_nothing(member_client, activity, data, message):
    ResponseFactory(contribution__activity=activity)
    url = reverse("coproduction:record_feedback", kwargs=activity_kwargs(activity))

    response = member_client.post(url, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not FeedbackRecord.objects.exists()


def test_a_contribution_from_another_activity_cannot_be_marked_as_told(member_client, activity, organisation):
    ResponseFactory(contribution__activity=activity)
    other = ResponseFactory(contribution__activity=ActivityFactory(organisation=organisation)).contribution
    url = reverse("coproduction:record_feedback", kwargs=activity_kwargs(activity))

    response = member_client.post(
        url,
        {"contributions": [str(other.pk)], "method": "meeting", **date_fields("told_on", datetime.date(2026, 1, 5))},
    )

    assert "Choose contributions from the list" in response.content.decode()
    assert not FeedbackRecord.objects.exists()


def test_with_nothing_answered_there_is_nothing_to_record_as_told(member_client, activity):
    ContributionFactory(activity=activity)
    url = reverse("coproduction:record_feedback", kwargs=activity_kwargs(activity))

    response = member_client.post(url, {})

    assert "There is nothing to tell people about yet" in response.content.decode()
    assert "There is a problem" not in response.content.decode()


def test_a_new_link_is_shown_once_then_only_its_existence(member_client, activity):
    url = reverse("coproduction:activity", kwargs=activity_kwargs(activity))

    member_client.post(reverse("coproduction:create_link", kwargs=activity_kwargs(activity)))
    first = member_client.get(url).content.decode()
    second = member_client.get(url).content.decode()

    assert "http://testserver/take-part/" in first
    assert "take-part/" not in second
    assert "A link has been working since" in second


def test_a_member_switches_off_the_link(member_client, activity):
    member_client.post(reverse("coproduction:create_link", kwargs=activity_kwargs(activity)))

    response = member_client.post(
        reverse("coproduction:switch_off_link", kwargs=activity_kwargs(activity)), follow=True
    )

    assert "The link is switched off" in response.content.decode()
    assert not activity.links.active().exists()


def test_links_are_only_changed_by_posting(member_client, activity):
    assert member_client.get(reverse("coproduction:create_link", kwargs=activity_kwargs(activity))).status_code == 405


def test_the_activity_page_shows_each_contribution_with_its_status_and_who_was_told(member_client, activity):
    waiting = ContributionFactory(activity=activity, text="More breaks.")
    told = FeedbackRecordFactory(response__contribution__activity=activity, response__contribution__text="Bus route.")

    page = member_client.get(reverse("coproduction:activity", kwargs=activity_kwargs(activity))).content.decode()

    assert "More breaks." in page
    assert "Bus route." in page
    assert "Waiting for a response" in page
    assert "Adopted" in page
    assert "At a meeting, 1 December 2025" in page
    assert waiting.pk and told.pk


def _count_queries(client, url):
    client.get(url)  # The first visit remembers the organisation in the session; count a settled visit.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_activity_page_runs_the_same_queries_however_many_contributions(member_client, activity):
    url = reverse("coproduction:activity", kwargs=activity_kwargs(activity))
    FeedbackRecordFactory(response__contribution__activity=activity)
    few = _count_queries(member_client, url)

    for _ in range(8):
        ResponseFactory(contribution__activity=activity)
        FeedbackRecordFactory(response__contribution__activity=activity)
        ContributionFactory(activity=activity)

    assert _count_queries(member_client, url) == few


def test_the_measures_page_runs_the_same_queries_however_much_data(member_client, organisation):
    url = reverse("coproduction:organisation_measures", kwargs=org_kwargs(organisation))
    ActivityFactory(organisation=organisation)
    few = _count_queries(member_client, url)

    for year in (2025, 2026):
        for month in range(1, 7):
            activity = ActivityFactory(organisation=organisation, held_on=datetime.date(year, month, 10))
            FeedbackRecordFactory(response__contribution__activity=activity)

    assert _count_queries(member_client, url) == few


def test_the_measures_page_hides_figures_about_people_for_fewer_than_five_activities(member_client, organisation):
    for day in range(1, 5):
        ActivityFactory(organisation=organisation, held_on=datetime.date(2025, 11, day))
    url = reverse("coproduction:organisation_measures", kwargs=org_kwargs(organisation))

    four = member_client.get(url).content.decode()
    ActivityFactory(organisation=organisation, held_on=datetime.date(2025, 11, 5))
    five = member_client.get(url).content.decode()

    assert "Not shown: fewer than 5 activities" in four
    assert "Not shown: fewer than 5 activities" not in five
    assert "100% (5 of 5)" in five
    assert "£807.00" in five
    assert "govuk-table__caption" in five


def test_the_measures_page_with_nothing_recorded_says_so(member_client, organisation):
    page = member_client.get(reverse("coproduction:organisation_measures", kwargs=org_kwargs(organisation)))

    assert "There is nothing to measure yet" in page.content.decode()


def test_recognition_choices_cover_every_way_of_thanking_people():
    assert {choice for choice, _label in Recognition.choices} == {"paid_hourly", "vouchers", "expenses_only", "unpaid"}


def test_words_typed_as_a_session_ended_are_offered_again_after_signing_in(client, activity, member):
    url = reverse("coproduction:add_contribution", kwargs=activity_kwargs(activity))

    signed_out = client.post(url, {"text": "Typed just as my session ran out.", "consent_to_publish": "yes"})
    client.force_login(member.user)
    page = client.get(url).content.decode()

    assert signed_out.status_code == 302
    assert "Typed just as my session ran out." in page
    assert not Contribution.objects.exists()


def test_with_no_frameworks_there_is_no_empty_evidence_form(member_client, activity):
    url = reverse("coproduction:edit_activity", kwargs=activity_kwargs(activity) | {"section": "evidence"})

    page = member_client.get(url).content.decode()

    assert "There are no framework items to choose from yet" in page
    assert 'name="framework_items"' not in page
