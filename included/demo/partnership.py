"""A made-up partnership to try Included with: the Riverside Inclusive Economy Partnership.

Its content is data: data/riverside.yaml holds the partnership, its people, organisations and sign-ups, and
data/self_assessments.yaml the cycles, actions and reviews. `load_demo()` builds it through the same service
functions people use, so the demo behaves like real data: its audit trail, its cycles and its reviews are what the
pages would make. Afterwards the dates are moved into the past, because the services stamp everything with today
and a demo needs a history.

Everyone in the demo signs in with DEMO_PASSWORD. It is printed by `manage.py demo_sign_ins` and written in
docs/demo.md, so it is no secret: the demo is for a developer's machine or a throwaway demo server, never for a
server with real people's data on it.

Every person and organisation here is fictional. Email addresses end in .example, a name kept for examples, so
no email can reach a real inbox.
"""

import datetime

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import generate_totp_secret
from allauth.mfa.utils import encrypt
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from included.access.enums import MemberRole, PartnershipRole
from included.access.models import OrganisationMember, PartnershipMember
from included.accounts.models import User
from included.assessments import services
from included.assessments.enums import ActionStatus, Involvement, Verdict
from included.assessments.models import Action, Assessment, AssessmentItem, Review, ReviewComment, SignUp
from included.core import audit, public_cache
from included.core.enums import EmailStatus
from included.core.models import OutgoingEmail
from included.demo.commissioning import load_demo_commissioning
from included.demo.content import read
from included.demo.coproduction import COPRODUCTION, load_demo_coproduction
from included.demo.directory import load_demo_directory
from included.demo.impact import load_demo_impact
from included.demo.joining import NOT_SENT, load_demo_join_requests
from included.demo.people import load_demo_person
from included.demo.steps_and_wellbeing import (
    load_demo_counted_answers,
    load_demo_reviewer_care,
    load_demo_steps_and_wellbeing,
)
from included.demo.stories import load_demo_stories
from included.frameworks.models import FrameworkVersion
from included.organisations.enums import Sector, Size
from included.organisations.services import create_organisation, update_profile
from included.partnerships.models import Partnership

DEMO_PASSWORD = "riverside-demo"  # noqa: S105 - public on purpose: see the module's docstring
RIVERSIDE = read("riverside")
SELF_ASSESSMENTS = read("self_assessments")["self_assessments"]
PARTNERSHIP = RIVERSIDE["partnership"]
# The four people `manage.py demo_sign_ins` offers, one for each role: (role, email, what is worth trying as them).
SIGN_INS = [(person["role"], person["email"], person["try"]) for person in RIVERSIDE["sign_ins"]]


class DemoAlreadyLoaded(Exception):
    """The demo partnership is already in the database."""


def load_demo():
    """Load the frameworks, then build the demo partnership with its people, organisations, sign-ups, cycles and
    reviews, and its co-production records. Returns the partnership.

    Raises DemoAlreadyLoaded if the demo is already there. Everything is one transaction: on any failure, nothing
    of the demo is saved.
    """
    call_command("load_frameworks", verbosity=0)
    started = timezone.now()
    with transaction.atomic():
        if Partnership.objects.filter(slug=PARTNERSHIP["slug"]).exists():
            raise DemoAlreadyLoaded(f"The demo partnership, {PARTNERSHIP['name']}, is already loaded.")
        builder = _DemoBuilder()
        builder.build()
        audit.record(
            "demo.loaded",
            partnership=builder.partnership,
            summary="Loaded the demo partnership. Everyone in it is made up.",
        )
        # Some dates are set with update(), which sends no signals.
        public_cache.bump_public_generation(builder.partnership.pk)
    # The demo's made-up past (cycles submitted, reviews finished) queued emails, once it was saved, to addresses
    # that are made up too. None of them goes: it would only fill the terminal of someone trying the demo.
    OutgoingEmail.objects.filter(status=EmailStatus.WAITING, created_at__gte=started).update(
        status=EmailStatus.CANCELLED, last_error=NOT_SENT
    )
    return builder.partnership


def _days_ago(days, hour=11):
    """A moment in London `days` before today, during working hours."""
    day = timezone.localdate() - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


class _DemoBuilder:
    def __init__(self):
        self.password = make_password(DEMO_PASSWORD)
        self.users = {}  # by email
        self.partnership_people = {}  # by name
        self.organisations = {}  # by key
        self.sign_ups = {}  # by (organisation key, framework slug)

    def build(self):
        self.partnership = Partnership.objects.create(**PARTNERSHIP)
        self._partnership_people()
        self._organisations()
        self._sign_ups()
        for history in SELF_ASSESSMENTS:
            self._self_assessments(history)
        self._coproduction()
        load_demo_directory(
            self.partnership, self.organisations, {key: self.admin(o) for key, o in self.organisations.items()}
        )
        load_demo_stories(self.partnership, self.organisations, self.reviewer())
        load_demo_join_requests(self.partnership, self.coordinator())
        load_demo_person(self.organisations, self.password)
        load_demo_impact(self.partnership, self.coordinator(), self.reviewer(), self.organisations)
        load_demo_commissioning(self.organisations, {u.name: u for u in self.users.values()}, self.admin)
        load_demo_reviewer_care(self.partnership, self.coordinator())
        load_demo_steps_and_wellbeing(self.partnership, self._person)
        load_demo_counted_answers(list(self.users.values()))
        self._date_the_beginning()

    def _date_the_beginning(self):
        """The partnership began about a year and a half ago; its people and organisations joined then."""
        began = {name: _days_ago(days) for name, days in RIVERSIDE["began_days_ago"].items()}
        Partnership.objects.filter(pk=self.partnership.pk).update(
            created_at=began["partnership"], updated_at=began["partnership"]
        )
        PartnershipMember.objects.filter(partnership=self.partnership).update(
            created_at=began["partnership"], updated_at=began["partnership"]
        )
        organisations = self.partnership.organisations.all()
        organisations.update(created_at=began["organisations"], updated_at=began["organisations"])
        OrganisationMember.objects.filter(organisation__in=organisations).update(
            created_at=began["organisation_memberships"], updated_at=began["organisation_memberships"]
        )
        User.objects.filter(pk__in=[user.pk for user in self.users.values()]).update(date_joined=began["accounts"])

    def reviewer(self):
        """The first lived-experience reviewer, who reads the demo's stories and writes in the annual report."""
        first = next(p for p in RIVERSIDE["partnership_people"] if p["role"] == PartnershipRole.REVIEWER)
        return self.partnership_people[first["name"]]

    def coordinator(self):
        """The first coordinator, who adds the organisations."""
        first = next(p for p in RIVERSIDE["partnership_people"] if p["role"] == PartnershipRole.COORDINATOR)
        return self.partnership_people[first["name"]]

    def _person(self, name, email):
        if email not in self.users:
            self.users[email] = User.objects.create(email=email, name=name, password=self.password)
        return self.users[email]

    def _partnership_people(self):
        for person in RIVERSIDE["partnership_people"]:
            user = self._person(person["name"], person["email"])
            PartnershipMember.objects.create(
                partnership=self.partnership, user=user, role=PartnershipRole(person["role"])
            )
            # Coordinators and reviewers must use two-step verification. Each gets their own secret;
            # `manage.py demo_sign_ins` shows it, with the code it makes right now.
            Authenticator.objects.create(
                user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt(generate_totp_secret())}
            )
            RecoveryCodes.activate(user)
            self.partnership_people[person["name"]] = user

    def _organisations(self):
        for spec in RIVERSIDE["organisations"]:
            organisation = create_organisation(
                self.partnership,
                name=spec["name"],
                sector=Sector(spec["sector"]),
                size=Size(spec["size"]),
                by=self.coordinator(),
            )
            # People join an organisation by accepting an emailed invitation. The demo has nobody to click the
            # link, so it adds them as accepting would.
            for person in spec["people"]:
                OrganisationMember.objects.create(
                    organisation=organisation,
                    user=self._person(person["name"], person["email"]),
                    role=MemberRole(person["role"]),
                )
            update_profile(
                organisation,
                by=self.admin(organisation),
                lived_experience_led=spec["lived_experience_led"],
                registration_number=spec["registration_number"],
                website=spec["website"],
                local_area=spec["local_area"],
            )
            self.organisations[spec["key"]] = organisation

    def admin(self, organisation):
        return organisation.memberships.filter(role=MemberRole.ADMIN).select_related("user").first().user

    def member(self, organisation):
        return organisation.memberships.filter(role=MemberRole.MEMBER).select_related("user").first().user

    def _sign_ups(self):
        specs = RIVERSIDE["sign_ups"]
        versions = {slug: _latest_version(slug) for slug in sorted({spec["framework"] for spec in specs})}
        for spec in specs:
            organisation = self.organisations[spec["organisation"]]
            lead = self.admin(organisation)
            sign_up = services.sign_up(
                organisation,
                versions[spec["framework"]],
                lead_name=lead.name,
                lead_role=spec["lead_role"],
                statement=spec["statement"],
                by=lead,
            )
            signed = _days_ago(spec["days_ago"])
            SignUp.objects.filter(pk=sign_up.pk).update(signed_at=signed, created_at=signed, updated_at=signed)
            self.sign_ups[spec["organisation"], spec["framework"]] = sign_up

    def _self_assessments(self, history):
        """An organisation's cycles, oldest first: each with its answers, actions and review, and its actions (and
        those carried into it) moved on to how far they had got by the end of it.

        A finished review comes before the actions move on; a review still under way starts after.
        """
        key = history["organisation"]
        cycles = history["cycles"]
        for number, cycle in enumerate(cycles):
            assessment = self._cycle(key, self.sign_ups[key, history["framework"]], cycle)
            review = cycle.get("review")
            if review and "completed_days_ago" in review:
                self._review(assessment, review)
            self._move_actions_on(assessment, _progress(cycles, number))
            if review and "completed_days_ago" not in review:
                self._start_review(assessment, review)

    def _coproduction(self):
        organisations = [self.organisations[plan["organisation"]] for plan in COPRODUCTION["organisations"]]
        people = [m.user for o in organisations for m in o.memberships.select_related("user")]
        load_demo_coproduction(self.partnership, organisations, people)

    def _cycle(self, key, sign_up, cycle):
        """Start a cycle, answer it (on top of what the last cycle said) and add its actions; then submit it, or
        leave it in progress if it has no submitted date."""
        organisation = self.organisations[key]
        admin, member = self.admin(organisation), self.member(organisation)
        started = cycle["started_days_ago"]
        assessment = services.start_assessment(sign_up, by=admin)
        self._answer(assessment, cycle["answers"], by=member)
        items = _items_by_key(assessment)
        for action in cycle.get("actions", []):
            due = (_days_ago(started) + datetime.timedelta(days=action["due_in_days"])).date()
            services.add_action(items[action["item"]], what=action["what"], who=action["who"], due=due, by=member)
        if "submitted_days_ago" not in cycle:
            updated = cycle["updated_days_ago"]
            Assessment.objects.filter(pk=assessment.pk).update(
                created_at=_days_ago(started), updated_at=_days_ago(updated)
            )
            AssessmentItem.objects.filter(assessment=assessment, rating__isnull=False).update(
                updated_at=_days_ago(updated)
            )
            Action.objects.filter(assessment_item__assessment=assessment).update(
                created_at=_days_ago(started), updated_at=_days_ago(updated)
            )
            assessment.refresh_from_db()
            return assessment
        submitted = cycle["submitted_days_ago"]
        services.submit_assessment(assessment, by=admin)
        Assessment.objects.filter(pk=assessment.pk).update(
            created_at=_days_ago(started),
            submitted_at=_days_ago(submitted, hour=15),
            updated_at=_days_ago(submitted, hour=15),
        )
        AssessmentItem.objects.filter(assessment=assessment).update(updated_at=_days_ago(submitted + 2))
        Action.objects.filter(assessment_item__assessment=assessment).update(
            created_at=_days_ago(started), updated_at=_days_ago(submitted)
        )
        assessment.refresh_from_db()
        return assessment

    def _answer(self, assessment, answers, *, by):
        items = _items_by_key(assessment)
        for key, answer in answers.items():
            item = items[key]
            data = {
                "rating": answer["rating"],
                "target": answer["target"],
                "evidence": answer["evidence"],
                "evidence_links": "\n".join(answer.get("links", [])),
                "involvement": Involvement(answer.get("involvement", Involvement.YES)),
                "involvement_note": answer.get("involvement_note", ""),
            }
            services.save_item(item, data, expected_version=item.version, by=by)

    def _review(self, assessment, spec):
        """A finished review: the reviewer's verdicts and summary, and the organisation's responses."""
        reviewer = self.partnership_people[spec["reviewer"]]
        review = services.assign_reviewer(assessment, reviewer, by=self.partnership_people[spec["assigned_by"]])
        self._verdicts(review, spec["verdicts"], everything=True)
        services.complete_review(review, summary=spec["summary"], by=reviewer)
        responder = self.admin(assessment.organisation)
        for comment in review.comments.select_related("assessment_item__item"):
            response = spec["verdicts"].get(comment.assessment_item.item.key, {}).get("response", "")
            if response:
                services.respond_to_comment(comment, response=response, by=responder)
        assigned, completed = spec["assigned_days_ago"], spec["completed_days_ago"]
        Review.objects.filter(pk=review.pk).update(
            created_at=_days_ago(assigned), updated_at=_days_ago(completed), completed_at=_days_ago(completed)
        )
        ReviewComment.objects.filter(review=review).update(
            created_at=_days_ago(completed + 1), updated_at=_days_ago(completed + 1)
        )
        ReviewComment.objects.filter(review=review).exclude(response="").update(
            responded_at=_days_ago(completed - 3), updated_at=_days_ago(completed - 3)
        )
        Assessment.objects.filter(pk=assessment.pk).update(reviewed_at=_days_ago(completed))

    def _start_review(self, assessment, spec):
        """A review still under way: the reviewer has given verdicts on some items so far."""
        reviewer = self.partnership_people[spec["reviewer"]]
        review = services.assign_reviewer(assessment, reviewer, by=self.partnership_people[spec["assigned_by"]])
        self._verdicts(review, spec["verdicts"], everything=False)
        updated = _days_ago(spec["updated_days_ago"])
        Review.objects.filter(pk=review.pk).update(created_at=_days_ago(spec["assigned_days_ago"]), updated_at=updated)
        ReviewComment.objects.filter(review=review).update(created_at=updated, updated_at=updated)

    def _verdicts(self, review, verdicts, *, everything):
        """Record the given verdicts; with `everything`, agree with every other item, as a finished review does."""
        for key, item in _items_by_key(review.assessment).items():
            if key in verdicts:
                verdict, comment = Verdict(verdicts[key]["verdict"]), verdicts[key].get("comment", "")
            elif everything:
                verdict, comment = Verdict.AGREE, ""
            else:
                continue
            services.record_verdict(review, item, verdict=verdict, comment=comment, by=review.reviewer)

    def _move_actions_on(self, assessment, statuses):
        """Set each of the cycle's actions named in `statuses` (by what it says) to the status given."""
        member = self.member(assessment.organisation)
        for action in Action.objects.filter(assessment_item__assessment=assessment):
            status = statuses.get(action.what)
            if status and status != action.status:
                services.set_action_status(action, ActionStatus(status), by=member)


def _progress(cycles, number):
    """How far each action had got by the end of cycle `number`, by what it says: the actions planned in that cycle
    and those planned earlier, which are carried into it if they were not done."""
    statuses = {}
    for planned_in, cycle in enumerate(cycles[: number + 1]):
        for action in cycle.get("actions", []):
            progress = action.get("progress", [])
            if number - planned_in < len(progress):
                statuses[action["what"]] = progress[number - planned_in]
    return statuses


def _latest_version(slug):
    """The newest shipped version of a framework: the demo signs up to what a new organisation would see."""
    return (
        FrameworkVersion.objects.filter(framework__slug=slug, framework__partnership__isnull=True)
        .order_by("-published_at", "-id")
        .first()
    )


def _items_by_key(assessment):
    return {answer.item.key: answer for answer in assessment.items.select_related("item", "assessment")}
