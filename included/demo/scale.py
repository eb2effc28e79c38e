"""Made-up partnerships at national scale, for load tests and for trying the pages with thousands of members.

`seed_scale()` writes organisations of every sector and size, their people and invitations, sign-ups, cycles with
answers and actions, lived-experience reviews with challenges and responses, and co-production activities with
contributions, responses and feedback. The same seed gives the same data.

Unlike the demo, it does not go through the service functions one change at a time: at 5,000 organisations that
would take hours. It builds the rows in memory and saves them with `bulk_create`, in one transaction, so the
database's constraints (one draft per sign-up, ratings within the scale, a challenge has a reason, ...) check every
row, and a failure saves nothing. One audit row records the seeding. Every email address ends in .example, and
nobody it creates can sign in with a password.
"""

import datetime
import hashlib
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from included.access.enums import MemberRole, PartnershipRole
from included.access.models import OrganisationMember, PartnershipMember
from included.accounts.models import User
from included.assessments.enums import ActionStatus, AssessmentStatus, Involvement, ReviewStatus, Verdict
from included.assessments.models import Action, Assessment, AssessmentItem, Review, ReviewComment, SignUp
from included.coproduction.enums import (
    AccessSupport,
    ContributionSource,
    Decision,
    FeedbackMethod,
    LadderRung,
    Method,
    Recognition,
    Stage,
)
from included.coproduction.models import Activity, Contribution, FeedbackRecord, Response
from included.core import audit, public_cache
from included.directory.models import Location, Service
from included.frameworks.enums import SCALE_HIGHEST, SCALE_LOWEST
from included.frameworks.models import FrameworkItem, FrameworkVersion
from included.invitations.enums import InvitationKind
from included.invitations.models import Invitation, hash_token
from included.organisations.enums import Sector, Size
from included.organisations.models import Organisation
from included.partnerships.models import Partnership

from .scale_directory import SERVICES_PER_ORGANISATION, seed_directory

# Starts with "!", so Django reads it as an unusable password: nobody seeded can sign in with one.
NO_PASSWORD = "!seeded-at-scale-no-password"  # noqa: S105 - not a password: the mark of an unusable one
BATCH = 2000

PLACES = [
    "Ashby", "Belper", "Bingham", "Bolsover", "Buxton", "Carlton", "Clay Cross", "Coalville", "Corby", "Daventry",
    "Eastwood", "Glossop", "Grantham", "Hinckley", "Ilkeston", "Kettering", "Kimberley", "Loughborough", "Louth",
    "Mansfield", "Market Harborough", "Matlock", "Melton", "Newark", "Oakham", "Oundle", "Ripley", "Retford",
    "Shepshed", "Skegness", "Sleaford", "Southwell", "Spalding", "Stamford", "Swadlincote", "Towcester",
    "Uppingham", "Wellingborough", "Wigston", "Worksop",
]  # fmt: skip
KINDS = {
    Sector.PUBLIC_BODY: ["District Council", "Jobcentre Partnership", "Health Trust", "Library Service"],
    Sector.EMPLOYER: ["Logistics", "Builders", "Care Homes", "Bakery", "Engineering", "Hotels", "Print Works"],
    Sector.VCSE: ["Community Trust", "Advice Centre", "Food Bank", "Mind", "Carers Network", "Social Enterprise"],
    Sector.EDUCATION: ["College", "Adult Learning Service", "University Careers Team", "Training Academy"],
    Sector.FUNDER: ["Community Foundation", "Lottery Partnership", "Skills Fund", "Health Commissioners"],
    Sector.COMMUNITY_GROUP: ["Tenants Group", "Peer Support Circle", "Youth Club", "Allotment Society"],
}
FIRST_NAMES = [
    "Aisha", "Ben", "Chloe", "Dev", "Ewa", "Femi", "Grace", "Hassan", "Iona", "Jack", "Kavita", "Liam", "Maya",
    "Niall", "Olu", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Vic", "Wen", "Yusuf", "Zara",
]  # fmt: skip
LAST_NAMES = [
    "Ahmed", "Bennett", "Clarke", "Dhillon", "Evans", "Fraser", "Gill", "Hughes", "Iqbal", "Jones", "Khan",
    "Lewis", "Mensah", "Nowak", "Okafor", "Patel", "Reid", "Shah", "Taylor", "Walsh", "Young",
]  # fmt: skip
STATEMENTS = [
    "Inclusion means that anyone who wants to work with us can, and gets the support to stay and grow.",
    "We want our recruitment to reach people who face barriers, and our teams to reflect the place we serve.",
    "Everyone who comes through our door is treated with respect, and people with lived experience shape what we do.",
    "We change how we work so that disabled people, carers and people leaving care can take part on equal terms.",
]
EVIDENCE = [
    "We changed our job adverts after a panel of people with lived experience read them.",
    "Our managers had training on reasonable adjustments, and we now ask every new starter what helps them.",
    "We track who applies and who is hired, and we share the figures with our board every quarter.",
    "A peer mentor meets each new starter in their first month.",
]
ACTIONS = [
    "Ask the lived-experience panel to read the next job advert",
    "Offer a guaranteed interview to people from the supported employment service",
    "Publish our pay ranges on every advert",
    "Train every manager on flexible working requests",
    "Pay people for their time at every workshop",
]
CHALLENGES = [
    "I could not see what people with lived experience changed here.",
    "The evidence is about plans, not what has happened yet.",
    "This rating seems high for one training session.",
]
SAID = [
    "The application form was too long to do on a phone.",
    "Please hold meetings somewhere with step-free access.",
    "Tell us what happened to our ideas afterwards.",
    "Interviews felt like a test. A chat would be better.",
    "Pay us on the day, not weeks later.",
]
DID = [
    "We cut the form to one page and tested it on phones.",
    "We moved our meetings to the library, which has a lift.",
    "We now write to everyone within a month to say what changed.",
]


def seed_scale(*, organisations, partnerships=1, cycles=1, seed=1, into=None, services=None):
    """Add `organisations` made-up organisations, spread over `partnerships` new partnerships (or all into the
    existing partnership with slug `into`), each with `cycles` self-assessment cycles, and `services` services and
    spaces in the directory among them (three for each organisation unless told). Returns the partnerships.

    The same arguments give the same data. Seeding a partnership again adds more organisations after the others.
    """
    versions = _framework_versions()
    if services is None:
        services = SERVICES_PER_ORGANISATION * organisations
    with transaction.atomic():
        builder = _Builder(random.Random(seed), seed, versions, cycles)
        if into:
            targets = list(Partnership.objects.filter(slug=into))
            if not targets:
                raise ValueError(f"There is no partnership with the address name {into}.")
        else:
            targets = [builder.partnership(number) for number in range(1, partnerships + 1)]
        shares = _shares(organisations, len(targets))
        for partnership, count, service_count in zip(targets, shares, _shares(services, len(targets)), strict=True):
            made = builder.fill(partnership, count)
            seed_directory(partnership, made, service_count, seed=seed, places=PLACES)
            audit.record(
                "demo.seeded_at_scale",
                partnership=partnership,
                summary=f"Added {count} made-up organisations and {service_count} services for load tests. "
                "Everyone and everything in them is made up.",
            )
            # bulk_create sends no signals: clear the partnership's cached public pages once this commits.
            public_cache.bump_public_generation(partnership.pk)
    return targets


def _shares(total, parts):
    """`total` split into `parts` whole numbers as equal as can be."""
    return [total // parts + (i < total % parts) for i in range(parts)]


def _framework_versions():
    """The newest shipped version of each framework, with its assessed items in order."""
    versions = []
    for slug in ("emif", "colif"):
        version = (
            FrameworkVersion.objects.filter(framework__slug=slug, framework__partnership__isnull=True)
            .order_by("-published_at", "-id")
            .first()
        )
        if version is not None:
            version.assessed = list(
                FrameworkItem.objects.filter(version=version, section__assessed=True).order_by(
                    "section__position", "position"
                )
            )
            versions.append(version)
    if not versions:
        raise ValueError("Load the frameworks first: manage.py load_frameworks")
    return versions


def _days_ago(days, hour=11):
    day = timezone.localdate() - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _save(model, rows):
    return model.objects.bulk_create(rows, batch_size=BATCH)


class _Builder:
    def __init__(self, rng, seed, versions, cycles):
        self.rng = rng
        self.seed = seed
        self.versions = versions
        self.cycles = cycles
        self.start = 0  # how many organisations the partnership being filled had from earlier seeding

    def partnership(self, number):
        slug = f"scale-{self.seed}-{number}"
        return Partnership.objects.create(
            name=f"Scale test partnership {number}",
            slug=slug,
            area=self.rng.choice(PLACES) + " and district",
            description="Made up for load tests. Every organisation and person here is fictional.",
        )

    def _person_name(self):
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def _users(self, emails):
        users = [User(email=email, name=self._person_name(), password=NO_PASSWORD) for email in emails]
        return _save(User, users)

    def _token(self, *parts):
        return hash_token("-".join(str(part) for part in (self.seed, *parts)))

    def fill(self, partnership, count):
        rng = self.rng
        slug = partnership.slug
        coordinators = list(
            User.objects.filter(
                partnership_roles__partnership=partnership, partnership_roles__role=PartnershipRole.COORDINATOR
            ).order_by("pk")
        )
        reviewers = list(
            User.objects.filter(
                partnership_roles__partnership=partnership, partnership_roles__role=PartnershipRole.REVIEWER
            ).order_by("pk")
        )
        new_coordinators = self._users(
            [f"{slug}-coordinator-{i}@scale.example" for i in range(1, 3 - min(len(coordinators), 2))]
        )
        start = self.start = Organisation.objects.filter(partnership=partnership, slug__startswith="scale-").count()
        new_reviewers = self._users(
            [f"{slug}-reviewer-{start + i}@scale.example" for i in range(1, max(3, count // 40) + 1)]
        )
        _save(
            PartnershipMember,
            [
                PartnershipMember(partnership=partnership, user=u, role=PartnershipRole.COORDINATOR)
                for u in new_coordinators
            ]
            + [
                PartnershipMember(partnership=partnership, user=u, role=PartnershipRole.REVIEWER) for u in new_reviewers
            ],
        )
        coordinators += new_coordinators
        reviewers += new_reviewers

        sectors, sizes = list(Sector), list(Size)
        organisations = []
        for i in range(count):
            sector = sectors[i % len(sectors)]
            name = f"{rng.choice(PLACES)} {rng.choice(KINDS[sector])}"
            organisations.append(
                Organisation(
                    partnership=partnership,
                    name=f"{name} {self.start + i + 1}",
                    slug=f"scale-{self.start + i + 1}-{slugify(name)}"[:80],
                    sector=sector,
                    size=sizes[(i // len(sectors)) % len(sizes)],
                    lived_experience_led=rng.random() < 0.15,
                    local_area=rng.choice(PLACES),
                    website=f"https://{slugify(name)}-{self.start + i + 1}.example" if rng.random() < 0.7 else "",
                )
            )
        organisations = _save(Organisation, organisations)

        admins = self._users([f"{slug}-o{self.start + i + 1}-admin@scale.example" for i in range(count)])
        members = self._users([f"{slug}-o{self.start + i + 1}-member@scale.example" for i in range(count)])
        _save(
            OrganisationMember,
            [
                OrganisationMember(organisation=o, user=u, role=MemberRole.ADMIN)
                for o, u in zip(organisations, admins, strict=True)
            ]
            + [
                OrganisationMember(organisation=o, user=u, role=MemberRole.MEMBER)
                for o, u in zip(organisations, members, strict=True)
            ],
        )
        self._invitations(partnership, organisations, admins, coordinators)
        sign_ups = self._sign_ups(organisations, admins)
        people = {o.pk: (a, m) for o, a, m in zip(organisations, admins, members, strict=True)}
        self._cycles(sign_ups, people, reviewers, coordinators)
        self._coproduction(organisations, members)
        return organisations

    def _invitations(self, partnership, organisations, admins, coordinators):
        rng = self.rng
        rows = []
        for i, (organisation, admin) in enumerate(zip(organisations, admins, strict=True)):
            joined = _days_ago(400 - i % 300)
            rows.append(
                Invitation(
                    partnership=partnership,
                    email=admin.email,
                    name=admin.name,
                    kind=InvitationKind.ORGANISATION_ADMIN,
                    organisation=organisation,
                    token_hash=self._token(partnership.slug, "admin", self.start + i),
                    expires_at=joined + datetime.timedelta(days=14),
                    invited_by=coordinators[i % len(coordinators)],
                    accepted_at=joined,
                    accepted_by=admin,
                )
            )
            if rng.random() < 0.2:
                days = rng.choice([2, 5, 30])  # most still open, some expired
                rows.append(
                    Invitation(
                        partnership=partnership,
                        email=f"{partnership.slug}-o{self.start + i + 1}-new-{rng.randrange(1000)}@scale.example",
                        kind=InvitationKind.ORGANISATION_MEMBER,
                        organisation=organisation,
                        token_hash=self._token(partnership.slug, "member", self.start + i),
                        expires_at=_days_ago(days) + datetime.timedelta(days=14),
                        invited_by=admin,
                        withdrawn_at=_days_ago(1) if rng.random() < 0.1 else None,
                    )
                )
        _save(Invitation, rows)

    def _sign_ups(self, organisations, admins):
        rng = self.rng
        rows = []
        for organisation, admin in zip(organisations, admins, strict=True):
            if rng.random() < 0.05:
                continue  # a few members have not signed up to anything yet
            chosen = [self.versions[0]]
            if len(self.versions) > 1 and rng.random() < 0.2:
                chosen = self.versions[1:] if rng.random() < 0.5 else self.versions
            for version in chosen:
                signed = _days_ago(rng.randrange(120, 500))
                rows.append(
                    SignUp(
                        organisation=organisation,
                        framework_version=version,
                        lead_name=admin.name,
                        lead_role=rng.choice(["Chief executive", "Head of people", "Director", "Chair"]),
                        statement=rng.choice(STATEMENTS),
                        signed_at=signed,
                        signed_by=admin,
                        withdrawn_at=_days_ago(10) if rng.random() < 0.02 else None,
                    )
                )
        return _save(SignUp, rows)

    def _cycles(self, sign_ups, people, reviewers, coordinators):
        """Earlier cycles are all reviewed; the last one is in progress, submitted, being reviewed or reviewed."""
        rng = self.rng
        plans = []  # (assessment, fate)
        for sign_up in sign_ups:
            if sign_up.withdrawn_at is not None:
                continue
            for number in range(1, self.cycles + 1):
                last = number == self.cycles
                fate = rng.choice(["draft", "submitted", "in_review", "reviewed"]) if last else "reviewed"
                if last and rng.random() < 0.1:
                    fate = "none"  # signed up, not started yet
                if fate == "none":
                    continue
                submitted = None if fate == "draft" else _days_ago(30 + 90 * (self.cycles - number), hour=15)
                status = {
                    "draft": AssessmentStatus.DRAFT,
                    "submitted": AssessmentStatus.SUBMITTED,
                    "in_review": AssessmentStatus.IN_REVIEW,
                    "reviewed": AssessmentStatus.REVIEWED,
                }[fate]
                admin, _ = people[sign_up.organisation_id]
                plans.append(
                    (
                        Assessment(
                            sign_up=sign_up,
                            organisation_id=sign_up.organisation_id,
                            number=number,
                            status=status,
                            started_by=admin,
                            submitted_at=submitted,
                            submitted_by=admin if submitted else None,
                            reviewed_at=submitted + datetime.timedelta(days=14) if fate == "reviewed" else None,
                        ),
                        fate,
                    )
                )
        assessments = _save(Assessment, [assessment for assessment, _ in plans])
        previous = {}
        for assessment in assessments:
            if assessment.number > 1:
                assessment.previous = previous[assessment.sign_up_id]
            previous[assessment.sign_up_id] = assessment
        Assessment.objects.bulk_update([a for a in assessments if a.number > 1], ["previous"], batch_size=BATCH)

        answers = []
        for assessment, fate in plans:
            _, member = people[assessment.organisation_id]
            for item in assessment.sign_up.framework_version.assessed:
                rated = fate != "draft" or rng.random() < 0.5
                rating = rng.randint(SCALE_LOWEST, SCALE_HIGHEST) if rated else None
                answers.append(
                    AssessmentItem(
                        assessment=assessment,
                        item=item,
                        rating=rating,
                        target=min(rating + 1, SCALE_HIGHEST) if rated else None,
                        evidence=rng.choice(EVIDENCE) if rated else "",
                        involvement=rng.choice(list(Involvement)) if rated else "",
                        version=2 if rated else 1,
                        updated_by=member if rated else None,
                    )
                )
        answers = _save(AssessmentItem, answers)

        actions = []
        for answer in answers:
            if answer.rating is not None and answer.rating < 3 and rng.random() < 0.5:
                actions.append(
                    Action(
                        assessment_item=answer,
                        what=rng.choice(ACTIONS),
                        who=rng.choice(["Head of people", "Recruitment lead", "Our board", "Team leaders"]),
                        due=timezone.localdate() + datetime.timedelta(days=rng.randrange(30, 300)),
                        status=rng.choice(list(ActionStatus)),
                    )
                )
        _save(Action, actions)
        self._reviews(plans, answers, people, reviewers, coordinators)

    def _reviews(self, plans, answers, people, reviewers, coordinators):
        rng = self.rng
        answers_of = {}
        for answer in answers:
            answers_of.setdefault(answer.assessment_id, []).append(answer)
        reviews = []
        for assessment, fate in plans:
            if fate not in ("in_review", "reviewed"):
                continue
            for reviewer in rng.sample(reviewers, min(len(reviewers), rng.choice([1, 1, 2]))):
                finished = fate == "reviewed"
                reviews.append(
                    Review(
                        assessment=assessment,
                        reviewer=reviewer,
                        assigned_by=rng.choice(coordinators),
                        status=ReviewStatus.COMPLETED
                        if finished
                        else rng.choice([ReviewStatus.ASSIGNED, ReviewStatus.IN_PROGRESS]),
                        summary="Thank you for a clear self-assessment. My comments are on each item."
                        if finished
                        else "",
                        completed_at=assessment.reviewed_at if finished else None,
                    )
                )
        reviews = _save(Review, reviews)
        comments = []
        for review in reviews:
            if review.status == ReviewStatus.ASSIGNED:
                continue
            given = answers_of[review.assessment_id]
            if review.status == ReviewStatus.IN_PROGRESS:
                given = given[: len(given) // 2]
            admin, _ = people[review.assessment.organisation_id]
            for answer in given:
                challenge = rng.random() < 0.15
                responded = challenge and review.status == ReviewStatus.COMPLETED and rng.random() < 0.6
                comments.append(
                    ReviewComment(
                        review=review,
                        assessment_item=answer,
                        verdict=Verdict.CHALLENGE if challenge else Verdict.AGREE,
                        comment=rng.choice(CHALLENGES) if challenge else "",
                        response="Thank you. We will add what changed to our next cycle." if responded else "",
                        responded_at=_days_ago(5) if responded else None,
                        responded_by=admin if responded else None,
                    )
                )
        _save(ReviewComment, comments)

    def _coproduction(self, organisations, members):
        rng = self.rng
        activities = []
        for organisation, member in zip(organisations, members, strict=True):
            for _ in range(rng.choice([0, 1, 1, 2, 3])):
                held_on = timezone.localdate() - datetime.timedelta(days=rng.randrange(10, 500))
                recognition = rng.choice(list(Recognition))
                participants = rng.randrange(3, 25)
                activities.append(
                    Activity(
                        organisation=organisation,
                        title=f"{rng.choice(list(Method)).label} on {rng.choice(list(Stage)).label.lower()}",
                        purpose="To hear from people with lived experience before we decide.",
                        stage=rng.choice(list(Stage)),
                        method=rng.choice(list(Method)),
                        ladder_rung=rng.choice(list(LadderRung)),
                        invited_on=held_on - datetime.timedelta(days=rng.choice([3, 7, 14, 21, 28])),
                        held_on=held_on,
                        participants=participants,
                        hours_given=Decimal(participants * 2),
                        recognition=recognition,
                        hourly_rate=Decimal("12.60") if recognition == Recognition.PAID_HOURLY else None,
                        voucher_value=Decimal(participants * 20) if recognition == Recognition.VOUCHERS else None,
                        access_support=rng.sample([s.value for s in AccessSupport if s != AccessSupport.OTHER], 2),
                        other_costs=Decimal(rng.randrange(0, 300)),
                        staff_hours=Decimal(rng.randrange(2, 20)),
                        created_by=member,
                    )
                )
        activities = _save(Activity, activities)
        contributions = []
        for activity in activities:
            for _ in range(rng.randrange(1, 5)):
                named = rng.random() < 0.2
                email = rng.random() < 0.3
                contributions.append(
                    Contribution(
                        activity=activity,
                        text=rng.choice(SAID),
                        stage=activity.stage,
                        given_on=activity.held_on,
                        source=ContributionSource.ORGANISATION,
                        consent_to_publish=rng.random() < 0.7,
                        contributor_name=self._person_name() if named else "",
                        named_publicly=named,
                        contact_email=f"contributor-{len(contributions)}@scale.example" if email else "",
                        wants_updates=email,
                        created_by=activity.created_by,
                    )
                )
        contributions = _save(Contribution, contributions)
        responses = []
        for contribution in contributions:
            if rng.random() < 0.6:
                decision = rng.choice(list(Decision))
                not_adopted = decision == Decision.NOT_ADOPTED
                responses.append(
                    Response(
                        contribution=contribution,
                        decision=decision,
                        what_changed="" if not_adopted else rng.choice(DID),
                        reason="It costs more than this year's budget allows." if not_adopted else "",
                        changed_on=contribution.given_on + datetime.timedelta(days=30),
                        created_by=contribution.created_by,
                    )
                )
        responses = _save(Response, responses)
        _save(
            FeedbackRecord,
            [
                FeedbackRecord(
                    contribution=response.contribution,
                    response=response,
                    method=rng.choice(list(FeedbackMethod)),
                    told_on=response.changed_on,
                    recorded_by=response.created_by,
                )
                for response in responses
                if rng.random() < 0.5
            ],
        )


def fingerprint(partnership):
    """A digest of what was seeded in a partnership, without ids or timestamps: equal for equal data."""
    digest = hashlib.sha256()
    for row in (
        Organisation.objects.filter(partnership=partnership)
        .order_by("slug")
        .values_list("name", "slug", "sector", "size", "lived_experience_led", "website")
    ):
        digest.update(repr(row).encode())
    querysets = [
        SignUp.objects.filter(organisation__partnership=partnership).values_list(
            "organisation__slug", "framework_version__framework__slug", "lead_name", "statement", "withdrawn_at"
        ),
        AssessmentItem.objects.filter(assessment__organisation__partnership=partnership).values_list(
            "assessment__organisation__slug", "assessment__number", "assessment__status", "item__key", "rating",
            "target", "evidence",
        ),
        ReviewComment.objects.filter(review__assessment__organisation__partnership=partnership).values_list(
            "review__reviewer__email", "assessment_item__assessment__organisation__slug", "assessment_item__item__key",
            "verdict", "comment", "response",
        ),
        Action.objects.filter(assessment_item__assessment__organisation__partnership=partnership).values_list(
            "assessment_item__assessment__organisation__slug", "what", "who", "due", "status"
        ),
        Contribution.objects.filter(activity__organisation__partnership=partnership).values_list(
            "activity__organisation__slug", "activity__title", "text", "contributor_name", "consent_to_publish"
        ),
        Invitation.objects.filter(partnership=partnership).values_list("email", "kind", "token_hash"),
        Service.objects.filter(partnership=partnership).values_list(
            "organisation__slug", "name", "publication", "last_checked_on", "fees", "lived_experience_led"
        ),
        Location.objects.filter(partnership=partnership).values_list(
            "organisation__slug", "name", "address_1", "postal_code", "latitude", "step_free", "bsl"
        ),
    ]  # fmt: skip
    for queryset in querysets:
        for row in sorted(queryset, key=repr):
            digest.update(repr(row).encode())
    return digest.hexdigest()
