import re
from datetime import timedelta
from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import validate_totp_code
from allauth.mfa.utils import decrypt
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from included.access.enums import MemberRole, PartnershipRole
from included.access.models import OrganisationMember, PartnershipMember
from included.accounts.models import User
from included.assessments.enums import ActionStatus, AssessmentStatus, ReviewStatus, Verdict
from included.assessments.models import Action, Assessment, AssessmentItem, Review, ReviewComment, SignUp
from included.demo.partnership import DEMO_PASSWORD, PARTNERSHIP, SIGN_INS, load_demo
from included.organisations.enums import Sector, Size
from included.organisations.models import Organisation
from included.partnerships.models import Partnership
from tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    return load_demo()


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_the_demo_has_organisations_of_every_sector_and_size(demo):
    organisations = Organisation.objects.filter(partnership=demo)

    assert demo.name == "Riverside Inclusive Economy Partnership"
    assert demo.area == "Riverside and district"
    assert set(organisations.values_list("sector", flat=True)) == set(Sector.values)
    assert set(organisations.values_list("size", flat=True)) == set(Size.values)
    assert organisations.filter(lived_experience_led=True).count() >= 2
    assert organisations.filter(lived_experience_led=False).exists()
    assert organisations.filter(registration_number="").count() >= 2


def test_the_demo_has_two_coordinators_and_three_reviewers_who_use_two_step_and_belong_to_no_organisation(demo):
    roles = PartnershipMember.objects.filter(partnership=demo)
    reviewers = User.objects.filter(partnership_roles__in=roles.reviewers())

    assert roles.coordinators().count() == 2
    assert reviewers.count() == 3
    assert not OrganisationMember.objects.filter(user__in=reviewers).exists()
    for role in roles.select_related("user"):
        kinds = set(Authenticator.objects.filter(user=role.user).values_list("type", flat=True))
        assert kinds == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}, role


def test_every_organisation_has_an_admin_and_a_member_and_one_person_is_in_two(demo):
    for organisation in Organisation.objects.filter(partnership=demo):
        roles = set(organisation.memberships.values_list("role", flat=True))
        assert roles == {MemberRole.ADMIN, MemberRole.MEMBER}, organisation

    in_two = [user for user in User.objects.all() if user.organisation_memberships.count() == 2]
    assert len(in_two) == 1


def test_most_organisations_signed_up_to_emif_with_a_statement_and_one_to_colif_too(demo):
    organisations = Organisation.objects.filter(partnership=demo)
    emif = SignUp.objects.filter(organisation__in=organisations, framework_version__framework__slug="emif")
    colif = SignUp.objects.filter(organisation__in=organisations, framework_version__framework__slug="colif")

    assert emif.count() > organisations.count() / 2
    assert emif.count() < organisations.count()
    assert colif.count() == 1
    assert all(len(sign_up.statement) > 80 for sign_up in emif)
    assert all(sign_up.signed_at < timezone.now() - timedelta(days=30) for sign_up in [*emif, *colif])


def test_two_organisations_have_a_cycle_reviewed_a_year_ago_and_a_second_submitted_recently(demo):
    now = timezone.now()
    seconds = Assessment.objects.filter(organisation__partnership=demo, number=2).select_related("previous")

    assert seconds.count() == 2
    for second in seconds:
        first = second.previous
        assert first.status == AssessmentStatus.REVIEWED
        assert timedelta(days=300) < now - first.submitted_at < timedelta(days=450)
        assert first.reviewed_at > first.submitted_at
        assert now - second.submitted_at < timedelta(days=60)
        assert second.status in {AssessmentStatus.IN_REVIEW, AssessmentStatus.REVIEWED}
        before = dict(first.items.values_list("item__key", "rating"))
        after = dict(second.items.values_list("item__key", "rating"))
        assert set(before) == set(after)
        assert any(after[key] > before[key] for key in before), "some ratings go up"
        changed = [key for key in before if after[key] != before[key]]
        assert len(changed) >= 3


def test_cycles_have_evidence_links_and_actions_with_owners_dates_and_every_status(demo):
    submitted = AssessmentItem.objects.filter(
        assessment__organisation__partnership=demo, assessment__status__in=[AssessmentStatus.REVIEWED]
    )
    actions = Action.objects.filter(assessment_item__in=submitted)

    assert not submitted.filter(evidence="").exists()
    assert submitted.exclude(evidence_links="").count() >= 5
    assert all(link.startswith("https://") for item in submitted for link in item.links)
    assert set(actions.values_list("status", flat=True)) == set(ActionStatus.values)
    assert not actions.filter(who="").exists()
    assert not actions.filter(due__isnull=True).exists()


def test_reviews_agree_and_challenge_and_organisations_answer_challenges(demo):
    completed = Review.objects.filter(assessment__organisation__partnership=demo, status=ReviewStatus.COMPLETED)
    comments = ReviewComment.objects.filter(review__in=completed)

    assert completed.count() >= 3
    assert all(review.summary for review in completed)
    assert comments.filter(verdict=Verdict.AGREE).count() > comments.filter(verdict=Verdict.CHALLENGE).count()
    challenges = comments.filter(verdict=Verdict.CHALLENGE)
    assert challenges.exclude(response="").count() >= 3
    assert challenges.filter(response="").exists(), "one challenge is still waiting for an answer"
    assert all(c.responded_at > c.created_at for c in challenges.exclude(response=""))


def test_a_reviewer_has_a_review_under_way_and_the_coordinator_has_a_cycle_to_assign(demo):
    assert Review.objects.filter(assessment__organisation__partnership=demo, status=ReviewStatus.IN_PROGRESS).exists()
    waiting = Assessment.objects.filter(organisation__partnership=demo, status=AssessmentStatus.SUBMITTED)
    assert waiting.count() == 1
    assert not waiting.get().reviews.exists()


def test_one_organisation_has_a_cycle_in_progress_with_some_items_answered(demo):
    draft = Assessment.objects.get(organisation__partnership=demo, status=AssessmentStatus.DRAFT)

    answered = draft.items.filter(rating__isnull=False).count()
    assert 0 < answered < draft.items.count()
    assert draft.submitted_at is None


def test_the_demo_includes_co_production_records(demo):
    from included.coproduction.models import Activity

    assert Activity.objects.filter(organisation__partnership=demo).exists()


def test_load_demo_on_an_empty_database_loads_the_frameworks_and_the_demo():
    output = run("load_demo", "--if-empty")

    assert "Loaded the demo: Riverside Inclusive Economy Partnership" in output
    assert Partnership.objects.filter(slug=PARTNERSHIP["slug"]).exists()


def test_load_demo_if_empty_does_nothing_when_any_partnership_exists():
    PartnershipFactory()

    output = run("load_demo", "--if-empty")

    assert "already a partnership" in output
    assert Partnership.objects.count() == 1
    assert not User.objects.exists()


def test_loading_the_demo_twice_is_refused_in_plain_words(demo):
    with pytest.raises(CommandError, match="already loaded"):
        run("load_demo")
    assert Partnership.objects.count() == 1


def test_the_demo_is_not_loaded_on_a_production_server_unless_asked(settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="production"):
        run("load_demo")
    assert not Partnership.objects.exists()

    run("load_demo", "--on-production")
    assert Partnership.objects.filter(slug=PARTNERSHIP["slug"]).exists()


def sign_in_blocks(output):
    """Each person's lines, by the role named on their first line."""
    blocks = {}
    for block in output.split("\n\n"):
        first, *rest = block.strip().splitlines()
        role = first.split(":")[0]
        if role in {role for role, _, _ in SIGN_INS}:
            blocks[role] = "\n".join(rest)
    return blocks


def test_demo_sign_ins_prints_a_working_sign_in_for_every_role(demo, rf):
    output = run("demo_sign_ins", "--url", "http://demo.example:8000/")

    assert "Sign in at http://demo.example:8000/accounts/login/" in output
    assert f"the same password: {DEMO_PASSWORD}" in output
    assert "only for the demo" in output
    blocks = sign_in_blocks(output)
    assert set(blocks) == {role for role, _, _ in SIGN_INS}
    for role, block in blocks.items():
        email = re.search(r"Email: (\S+)", block).group(1)
        user = authenticate(rf.post("/accounts/login/"), email=email, password=DEMO_PASSWORD)
        assert user is not None, role
        if role in {"Partnership coordinator", "Lived-experience reviewer"}:
            assert PartnershipMember.objects.filter(user=user, partnership=demo).exists()
            stored = decrypt(Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"])
            key = re.search(r"authenticator app: ([A-Z2-7 ]+)", block).group(1).replace(" ", "")
            code = re.search(r"The code right now is (\d{6})\.", block).group(1)
            assert key == stored
            assert validate_totp_code(stored, code)
            recovery = re.search(r"recovery code once instead: (\d+)", block).group(1)
            codes = RecoveryCodes(Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES))
            assert recovery in codes.get_unused_codes()
        else:
            assert OrganisationMember.objects.filter(user=user, organisation__partnership=demo).exists()
            assert "authenticator" not in block


def test_demo_sign_ins_names_the_role_of_each_organisation_person(demo):
    blocks = sign_in_blocks(run("demo_sign_ins"))

    for role, wanted in (("Organisation admin", MemberRole.ADMIN), ("Organisation member", MemberRole.MEMBER)):
        email = re.search(r"Email: (\S+)", blocks[role]).group(1)
        assert OrganisationMember.objects.filter(user__email=email, role=wanted).exists()
    coordinator = re.search(r"Email: (\S+)", blocks["Partnership coordinator"]).group(1)
    assert PartnershipMember.objects.filter(user__email=coordinator, role=PartnershipRole.COORDINATOR).exists()


def test_demo_sign_ins_without_the_demo_says_how_to_load_it():
    assert "not loaded" in run("demo_sign_ins")


def test_every_demo_sign_in_opens_its_home_page(demo, client):
    for _, email, _ in SIGN_INS:
        client.force_login(User.objects.get(email=email))
        response = client.get("/")
        assert response.status_code == 200, email
        client.logout()


def test_the_demo_has_a_person_who_shares_some_facts_with_an_organisation(demo, client):
    from included.people.models import Fact, SectionView, Share

    person = User.objects.get(email="alex.morgan@mail.example")
    assert Fact.objects.filter(person=person).count() == 5
    [share] = Share.objects.filter(person=person)
    assert share.is_current() and len(share.sections) == 3
    assert SectionView.objects.filter(person=person).count() == 3
    client.force_login(User.objects.get(email="sam.patel@riversideworks.example"))
    page = client.get(
        reverse(
            "people:shared_person",
            kwargs={
                "partnership_slug": demo.slug,
                "organisation_slug": share.organisation.slug,
                "share_id": share.pk,
            },
        )
    ).content.decode()
    assert "I ran the tea stall" in page
    assert "My dog, Pepper" not in page


def test_the_demo_has_a_decided_funding_round_on_the_public_ledger(demo, client):
    from included.commissioning.enums import ApplicationStatus
    from included.commissioning.models import Application

    applications = Application.objects.filter(round__partnership=demo)
    assert applications.filter(status=ApplicationStatus.AWARDED).count() == 2
    assert applications.filter(status=ApplicationStatus.DECLINED).count() == 1
    page = client.get(f"/p/{demo.slug}/grants/").content.decode()
    assert "Eastside Peer Support Group" in page
    assert "Digital skills sessions" not in page
