"""A made-up partnership to try Included with: the Riverside Inclusive Economy Partnership.

`load_demo()` builds it through the same service functions people use, so the demo behaves like real data: its
audit trail, its cycles and its reviews are what the pages would make. Afterwards the dates are moved into the
past, because the services stamp everything with today and a demo needs a history.

Everyone in the demo signs in with DEMO_PASSWORD. It is printed by `manage.py demo_sign_ins` and written in
docs/demo.md, so it is no secret: the demo is for a developer's machine or a throwaway demo server, never for a
server with real people's data on it.

Every person and organisation here is fictional. Email addresses end in .example, a name kept for examples, so
no email can reach a real inbox.
"""

import datetime
from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import generate_totp_secret
from allauth.mfa.utils import encrypt
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from included.accounts.models import User
from included.assessments import services
from included.assessments.enums import ActionStatus, Involvement, Verdict
from included.assessments.models import Action, Assessment, AssessmentItem, Review, ReviewComment, SignUp
from included.core import audit
from included.frameworks.models import FrameworkVersion
from included.organisations.enums import MemberRole, Sector, Size
from included.organisations.models import OrganisationMember
from included.organisations.services import create_organisation, update_profile
from included.partnerships.enums import PartnershipRole
from included.partnerships.models import Partnership, PartnershipMember

DEMO_PASSWORD = "riverside-demo"  # noqa: S105 - public on purpose: see the module's docstring
PARTNERSHIP = {
    "name": "Riverside Inclusive Economy Partnership",
    "slug": "riverside",
    "area": "Riverside and district",
    "description": (
        "The council, local employers, charities, the college, a funder and community groups, working together. "
        "We want people who are often shut out of work to find good work here, and to be heard on the way."
    ),
}

# (role, name, email)
PARTNERSHIP_PEOPLE = [
    (PartnershipRole.COORDINATOR, "Amara Okafor", "amara.okafor@riverside-partnership.example"),
    (PartnershipRole.COORDINATOR, "Tom Hughes", "tom.hughes@riverside-partnership.example"),
    # Experts by experience: they review and challenge, and belong to no organisation.
    (PartnershipRole.REVIEWER, "Dee Marshall", "dee.marshall@mail.example"),
    (PartnershipRole.REVIEWER, "Kwame Asante", "kwame.asante@mail.example"),
    (PartnershipRole.REVIEWER, "Lena Kowalska", "lena.kowalska@mail.example"),
]


@dataclass(frozen=True)
class DemoOrganisation:
    key: str
    name: str
    sector: str
    size: str
    lived_experience_led: bool
    registration_number: str
    website: str
    local_area: str
    people: tuple  # (role, name, email); the first admin acts for the organisation
    statement: str = ""  # empty: not signed up yet


ORGANISATIONS = [
    DemoOrganisation(
        "works",
        "Riverside Works",
        Sector.VCSE,
        Size.SMALL,
        True,
        "1187342",
        "https://riversideworks.example",
        "Riverside town centre",
        (
            (MemberRole.ADMIN, "Sam Patel", "sam.patel@riversideworks.example"),
            (MemberRole.MEMBER, "Maria Santos", "maria.santos@riversideworks.example"),
            (MemberRole.MEMBER, "Jordan Lee", "jordan.lee@riversideworks.example"),
        ),
        "For us, inclusion means nobody is written off. The people who use our service help to run it, and they "
        "decide what good support looks like. We count whether people feel more settled and more confident, not "
        "only whether they got a job.",
    ),
    DemoOrganisation(
        "greenway",
        "Greenway Care Homes",
        Sector.EMPLOYER,
        Size.MEDIUM,
        False,
        "07345129",
        "https://greenwaycare.example",
        "Northbank and Eastside",
        (
            (MemberRole.ADMIN, "Helen Brooks", "helen.brooks@greenwaycare.example"),
            (MemberRole.MEMBER, "Darren Fox", "darren.fox@greenwaycare.example"),
        ),
        "Inclusion means our jobs are open to people who have been shut out of work before. That includes carers "
        "coming back to work, disabled people, and people with a criminal record. Where we can, we change the job "
        "to fit the person, not the other way round.",
    ),
    DemoOrganisation(
        "council",
        "Riverside Borough Council",
        Sector.PUBLIC_BODY,
        Size.LARGE,
        False,
        "",
        "https://riverside-council.example",
        "The whole borough",
        (
            (MemberRole.ADMIN, "Priya Shah", "priya.shah@riverside-council.example"),
            (MemberRole.MEMBER, "Gareth Evans", "gareth.evans@riverside-council.example"),
        ),
        "Inclusion means the council's services, jobs and contracts work for everyone in the borough, most of all "
        "for people who are often left out. We will ask residents with lived experience to help us decide, and we "
        "will tell them what changed because of them.",
    ),
    DemoOrganisation(
        "bakery",
        "Harbour Bakery",
        Sector.EMPLOYER,
        Size.MICRO,
        False,
        "12450983",
        "",
        "Harbour Street",
        (
            (MemberRole.ADMIN, "Rosa Bianchi", "rosa.bianchi@harbourbakery.example"),
            (MemberRole.MEMBER, "Ben Carter", "ben.carter@harbourbakery.example"),
        ),
        "We are a bakery with eight staff. Inclusion means giving people a fair first chance at work, with "
        "training on the job and hours that fit around their lives.",
    ),
    DemoOrganisation(
        "millbrook",
        "Millbrook Logistics",
        Sector.EMPLOYER,
        Size.LARGE,
        False,
        "04512876",
        "https://millbrook-logistics.example",
        "Millbrook industrial estate",
        (
            (MemberRole.ADMIN, "Steve Milner", "steve.milner@millbrook-logistics.example"),
            (MemberRole.MEMBER, "Aisha Khan", "aisha.khan@millbrook-logistics.example"),
        ),
    ),
    DemoOrganisation(
        "open-door",
        "Open Door Wellbeing",
        Sector.VCSE,
        Size.MEDIUM,
        False,
        "1093456",
        "https://opendoorwellbeing.example",
        "Riverside and district",
        (
            (MemberRole.ADMIN, "Fiona Grant", "fiona.grant@opendoorwellbeing.example"),
            (MemberRole.MEMBER, "Leo Wright", "leo.wright@opendoorwellbeing.example"),
        ),
        "Inclusion means people with mental health problems get support that fits them, when they need it. "
        "That includes help to find and keep work, if they want it. Nobody is pushed.",
    ),
    DemoOrganisation(
        "college",
        "Riverside College",
        Sector.EDUCATION,
        Size.LARGE,
        False,
        "",
        "https://riversidecollege.example",
        "Riverside and district",
        (
            (MemberRole.ADMIN, "Nadia Rahman", "nadia.rahman@riversidecollege.example"),
            (MemberRole.MEMBER, "Chris Doyle", "chris.doyle@riversidecollege.example"),
        ),
        "Inclusion means anyone can learn here, whatever happened at school. We will shape courses with the "
        "people who take them, and help them into work that uses what they learned.",
    ),
    DemoOrganisation(
        "foundation",
        "Riverside Community Foundation",
        Sector.FUNDER,
        Size.SMALL,
        False,
        "1156789",
        "https://riversidefoundation.example",
        "Riverside and district",
        (
            (MemberRole.ADMIN, "Margaret Ellis", "margaret.ellis@riversidefoundation.example"),
            (MemberRole.MEMBER, "Owen Price", "owen.price@riversidefoundation.example"),
        ),
        "Inclusion means our grants reach small groups led by people with lived experience, not only large "
        "charities. People with lived experience sit on our grants panel and are paid for their time.",
    ),
    DemoOrganisation(
        "eastside",
        "Eastside Peer Support Group",
        Sector.COMMUNITY_GROUP,
        Size.MICRO,
        True,
        "",
        "",
        "Eastside",
        (
            # Jordan also works at Riverside Works, so one person belongs to two organisations.
            (MemberRole.ADMIN, "Jordan Lee", "jordan.lee@riversideworks.example"),
            (MemberRole.MEMBER, "Shannon Reid", "shannon.reid@mail.example"),
        ),
        "We are a group of people who have been through hard times, and we meet every week. Inclusion means "
        "being welcome as you are, and being asked before things are decided about us.",
    ),
]
COLIF_SIGN_UP = (
    "council",
    "We signed up to the six principles because they ask the council to share power with people with lived "
    "experience. We will start with how we buy services.",
)

# The four people `manage.py demo_sign_ins` offers, one for each role, with what is worth trying as them.
SIGN_INS = [
    (
        "Partnership coordinator",
        "amara.okafor@riverside-partnership.example",
        "See the whole partnership, and ask a reviewer to look at the council's new self-assessment.",
    ),
    (
        "Lived-experience reviewer",
        "dee.marshall@mail.example",
        "Finish reviewing Greenway Care Homes, and read your earlier review of Riverside Works.",
    ),
    (
        "Organisation admin",
        "sam.patel@riversideworks.example",
        "See two cycles of Riverside Works, and answer a reviewer's challenge.",
    ),
    (
        "Organisation member",
        "ben.carter@harbourbakery.example",
        "Carry on Harbour Bakery's first self-assessment, which is half done.",
    ),
]


@dataclass(frozen=True)
class Answer:
    rating: int
    target: int
    evidence: str
    links: str = ""
    involvement: str = Involvement.YES
    involvement_note: str = ""

    def data(self):
        return {
            "rating": self.rating,
            "target": self.target,
            "evidence": self.evidence,
            "evidence_links": self.links,
            "involvement": self.involvement,
            "involvement_note": self.involvement_note,
        }


# Riverside Works: two cycles. Cycle 2 lists only the items whose answers changed; the rest carry over.
WORKS_CYCLE_1 = {
    "co-produce": Answer(
        3,
        5,
        "Our members' group of eight people meets every month and helped design our job club.",
        "https://riversideworks.example/members-group",
        Involvement.YES,
        "The members' group chose this rating.",
    ),
    "invest": Answer(
        2,
        4,
        "We pay members' bus fares. We do not yet pay them for their time, and we do not record the hours.",
        involvement=Involvement.PARTLY,
    ),
    "written-policy": Answer(2, 4, "We have a page on inclusion in our staff handbook, written by staff only."),
    "try-new-things": Answer(
        3,
        4,
        "We tried a job club in the evening. Few people came, and we stopped it after three months.",
    ),
    "learn": Answer(2, 4, "We talk about what went well at team meetings, but we do not write it down."),
    "equality-and-diversity": Answer(3, 4, "Our equality policy names inclusion, and we review both together."),
    "accessible-papers": Answer(
        2,
        4,
        "Our leaflets are long and have small print. Members told us they are hard to read.",
        involvement=Involvement.PARTLY,
    ),
    "place-based": Answer(
        4,
        4,
        "We know each person by name and plan support around them.",
        "https://riversideworks.example/how-we-help",
    ),
    "all-sectors": Answer(3, 4, "We work with the council, two employers and the college."),
    "commissioning": Answer(
        1,
        3,
        "We have not yet tried to change how services are bought.",
        involvement=Involvement.NO,
    ),
    "measure-impact": Answer(
        2,
        4,
        "We count how many people find work. We do not yet ask how settled people feel.",
        involvement=Involvement.NO,
    ),
}
WORKS_CYCLE_2 = {
    "co-produce": Answer(
        4,
        5,
        "Two members now sit on our board, and the members' group chose our new job coach.",
        "https://riversideworks.example/members-group\nhttps://riversideworks.example/board",
        Involvement.YES,
        "The members' group met twice to agree these answers.",
    ),
    "invest": Answer(
        3,
        4,
        "We now pay members £12.60 an hour for meetings, and we record the hours: 140 hours this year.",
        "https://riversideworks.example/paying-members",
        Involvement.YES,
    ),
    "written-policy": Answer(
        4,
        5,
        "Our inclusion policy was written with the members' group and agreed by the board in March.",
        "https://riversideworks.example/inclusion-policy",
    ),
    "learn": Answer(
        3,
        4,
        "We keep a 'what we learned' log and read it at the start of each quarter's planning day.",
    ),
    "accessible-papers": Answer(
        4,
        5,
        "Every leaflet now has an easy read version, checked by members before it goes out.",
        "https://riversideworks.example/easy-read",
    ),
    "all-sectors": Answer(4, 4, "We now also work with Harbour Bakery, Greenway Care Homes and Open Door Wellbeing."),
    "commissioning": Answer(
        2,
        3,
        "We asked the council to give marks for local suppliers in the café contract. They are looking at it.",
        involvement=Involvement.PARTLY,
    ),
    "measure-impact": Answer(
        3,
        4,
        "Every three months we ask people how settled they feel, using five simple questions.",
        "https://riversideworks.example/what-changed",
        Involvement.YES,
    ),
}

GREENWAY_CYCLE_1 = {
    "co-produce": Answer(
        1,
        3,
        "We have not involved people with lived experience in planning yet.",
        involvement=Involvement.NO,
    ),
    "invest": Answer(2, 3, "Managers have had one day of training on fair recruitment."),
    "written-policy": Answer(3, 4, "We have an inclusion policy. Staff wrote it with help from Riverside Works."),
    "try-new-things": Answer(2, 3, "We tried interviews that are a chat and a tour instead of a panel, in one home."),
    "learn": Answer(2, 3, "Home managers share what works at their monthly meeting."),
    "equality-and-diversity": Answer(
        4,
        4,
        "Our equality lead checks every policy, including this one.",
        "https://greenwaycare.example/equality",
    ),
    "accessible-papers": Answer(1, 3, "Our job adverts and forms are long and full of jargon."),
    "place-based": Answer(3, 4, "We recruit from the streets around each home, and shifts fit the school run."),
    "all-sectors": Answer(2, 3, "We work with Riverside Works and the college on placements."),
    "commissioning": Answer(1, 2, "We buy little, and have not looked at this.", involvement=Involvement.NO),
    "measure-impact": Answer(1, 3, "We count new starters but nothing else.", involvement=Involvement.NO),
}
GREENWAY_CYCLE_2 = {
    "co-produce": Answer(
        2,
        3,
        "Three care workers who came to us through Riverside Works now help us plan recruitment.",
        involvement=Involvement.YES,
        involvement_note="They helped us write these answers.",
    ),
    "try-new-things": Answer(
        3,
        4,
        "The chat-and-tour interview is now used in all four homes. More people who applied turned up.",
    ),
    "equality-and-diversity": Answer(
        3,
        4,
        "Our equality lead left in the spring and we have not filled the post yet, so checks have slipped.",
    ),
    "accessible-papers": Answer(
        3,
        4,
        "We rewrote our job adverts in plain English, and the application form is now two pages.",
        "https://greenwaycare.example/jobs",
    ),
    "all-sectors": Answer(3, 3, "We now also take people from Open Door Wellbeing for work trials."),
    "measure-impact": Answer(
        2,
        3,
        "We now ask new starters after six months how they are getting on, and whether they would stay.",
    ),
}

COUNCIL_CYCLE_1 = {
    "co-produce": Answer(2, 4, "A residents' panel looks at some plans, but late in the process."),
    "invest": Answer(3, 4, "We pay panel members £15 an hour and cover travel and care costs."),
    "written-policy": Answer(3, 4, "Our inclusion strategy was agreed by councillors last year."),
    "try-new-things": Answer(2, 3, "We find it hard to try things that might fail in public."),
    "learn": Answer(2, 3, "Each project writes a short review at the end, but few people read them."),
    "equality-and-diversity": Answer(4, 4, "Inclusion is part of every equality impact assessment."),
    "accessible-papers": Answer(2, 4, "Some papers have easy read versions; most do not."),
    "place-based": Answer(3, 4, "Each ward has a community team that knows the area."),
    "all-sectors": Answer(4, 4, "We chair the Riverside partnership and meet every sector each quarter."),
    "commissioning": Answer(
        3,
        4,
        "Social value counts for 10% of the marks in big contracts. Local groups still find bidding hard.",
        "https://riverside-council.example/social-value",
    ),
    "measure-impact": Answer(2, 4, "We measure jobs created, but not yet how included people feel."),
}

# Harbour Bakery is half way through its first cycle.
BAKERY_DRAFT = {
    "co-produce": Answer(
        2,
        3,
        "We ask our two trainees what would help, over a cup of tea each Friday.",
        involvement=Involvement.YES,
    ),
    "invest": Answer(2, 3, "Rosa spends about two hours a week training new starters on the job."),
    "try-new-things": Answer(3, 3, "We tried shorter shifts for a trainee who is a carer. It worked well."),
    "place-based": Answer(4, 4, "All our staff live within a mile of the bakery."),
    "accessible-papers": Answer(1, 3, "Our job advert is a note in the window. We have not thought about this yet."),
}


@dataclass(frozen=True)
class PlannedAction:
    item: str
    what: str
    who: str
    due_in_days: int  # counted from the start of its cycle
    # For a first cycle's actions: how far each had got when the next cycle started, and where it is now.
    # Actions not done by then are carried into the next cycle, as they are for anyone.
    by_next_cycle: str = ActionStatus.NOT_STARTED
    now: str = ActionStatus.NOT_STARTED


WORKS_ACTIONS_1 = [
    PlannedAction(
        "written-policy",
        "Write our inclusion policy with the members' group.",
        "Sam Patel",
        120,
        ActionStatus.DONE,
        ActionStatus.DONE,
    ),
    PlannedAction(
        "accessible-papers",
        "Make easy read versions of all our leaflets.",
        "Maria Santos",
        150,
        ActionStatus.DONE,
        ActionStatus.DONE,
    ),
    PlannedAction(
        "commissioning",
        "Ask the council to give marks for local suppliers in the café contract.",
        "Sam Patel",
        240,
        ActionStatus.IN_PROGRESS,
        ActionStatus.IN_PROGRESS,
    ),
    PlannedAction(
        "measure-impact",
        "Ask people how settled they feel, every three months.",
        "Jordan Lee",
        200,
        ActionStatus.NOT_STARTED,
        ActionStatus.DONE,
    ),
]
WORKS_ACTIONS_2 = [
    PlannedAction(
        "invest", "Pay members at least the real Living Wage for all their time, not only meetings.", "Sam Patel", 75
    ),
    PlannedAction("all-sectors", "Run a joint training day with Harbour Bakery for new starters.", "Maria Santos", 100),
]
GREENWAY_ACTIONS_1 = [
    PlannedAction(
        "co-produce",
        "Ask care workers who joined through Riverside Works to help plan recruitment.",
        "Helen Brooks",
        90,
        ActionStatus.DONE,
        ActionStatus.DONE,
    ),
    PlannedAction(
        "accessible-papers",
        "Rewrite our job adverts in plain English.",
        "Darren Fox",
        120,
        ActionStatus.DONE,
        ActionStatus.DONE,
    ),
    PlannedAction(
        "measure-impact",
        "Ask new starters after six months how they are getting on.",
        "Darren Fox",
        180,
        ActionStatus.IN_PROGRESS,
        ActionStatus.IN_PROGRESS,
    ),
]
GREENWAY_ACTIONS_2 = [
    PlannedAction(
        "equality-and-diversity",
        "Recruit a new equality lead, with a person with lived experience on the panel.",
        "Helen Brooks",
        60,
    ),
]

# Reviews: item key -> (verdict, comment, the organisation's response or "" for none yet). Items not listed agree.
WORKS_REVIEW_1 = {
    "co-produce": (Verdict.AGREE, "The members' group is real and meets often. Well done.", ""),
    "place-based": (
        Verdict.CHALLENGE,
        "You say you plan support around each person, but all appointments are in the town centre. People in "
        "Eastside told me the bus costs too much. I would say 3.",
        "That is fair. We now run a drop-in at the Eastside library every Tuesday, and we pay bus fares upfront.",
    ),
    "invest": (
        Verdict.CHALLENGE,
        "Paying bus fares is good, but people give a lot of time for free. Please pay them for it.",
        "We agree. From April we pay members for their time at meetings.",
    ),
    "accessible-papers": (Verdict.AGREE, "Honest rating. The leaflets really are hard to read.", ""),
}
WORKS_REVIEW_1_SUMMARY = (
    "Riverside Works listens to the people it works with. The ratings are mostly honest. Two things to fix: "
    "support is all in the town centre, and members are not paid for their time."
)
WORKS_REVIEW_2 = {
    "written-policy": (
        Verdict.AGREE,
        "I read the policy. It is short, clear, and members' words are in it.",
        "",
    ),
    "invest": (
        Verdict.CHALLENGE,
        "You pay for meetings, but not for the hours members spent reading papers at home. A 3 is generous.",
        "Good point. Our new action is to pay for all the time members give, including reading.",
    ),
    "commissioning": (
        Verdict.CHALLENGE,
        "Asking the council once is a start. What will you do if they say no? I would like to see a plan.",
        "",
    ),
    "measure-impact": (Verdict.AGREE, "The five questions are simple and kind. People I spoke to liked them.", ""),
}
WORKS_REVIEW_2_SUMMARY = (
    "Real progress since last year: a written policy, easy read papers, and members on the board. The "
    "organisation took last year's challenges seriously. Next: pay for all the time members give."
)
GREENWAY_REVIEW_1 = {
    "written-policy": (
        Verdict.CHALLENGE,
        "The policy was written by staff only. Nobody who has looked for care work helped. I would say 2.",
        "We accept this. We will rewrite it next year with the care workers who now help us recruit.",
    ),
    "equality-and-diversity": (Verdict.AGREE, "The equality lead clearly does a careful job.", ""),
}
GREENWAY_REVIEW_1_SUMMARY = (
    "An honest first look. Greenway knows where it is weak. The policy needs the voices of the people it is for."
)
# Dee has started on Greenway's second cycle: these items so far.
GREENWAY_REVIEW_2_STARTED = {
    "co-produce": (Verdict.AGREE, "Good to see care workers helping to plan. Keep going.", ""),
    "invest": (Verdict.AGREE, "", ""),
    "written-policy": (
        Verdict.CHALLENGE,
        "Last year you said you would rewrite the policy with care workers. It has not changed. Why still a 3?",
        "",
    ),
    "try-new-things": (Verdict.AGREE, "Using it in all four homes is a real change.", ""),
}


class DemoAlreadyLoaded(Exception):
    """The demo partnership is already in the database."""


def load_demo():
    """Load the frameworks, then build the demo partnership with its people, organisations, sign-ups, cycles and
    reviews, and its co-production records when that app provides them. Returns the partnership.

    Raises DemoAlreadyLoaded if the demo is already there. Everything is one transaction: on any failure, nothing
    of the demo is saved.
    """
    call_command("load_frameworks", verbosity=0)
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
    return builder.partnership


def _days_ago(days, hour=11):
    """A moment in London `days` before today, during working hours."""
    day = timezone.localdate() - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


class _DemoBuilder:
    def __init__(self):
        self.password = make_password(DEMO_PASSWORD)
        self.users = {}
        self.organisations = {}

    def build(self):
        self.partnership = Partnership.objects.create(**PARTNERSHIP)
        self._partnership_people()
        self._organisations()
        self.emif = _latest_version("emif")
        self.colif = _latest_version("colif")
        self.sign_ups = self._sign_ups()
        self._riverside_works()
        self._greenway()
        self._council()
        self._bakery()
        self._coproduction()
        self._date_the_beginning()

    def _date_the_beginning(self):
        """The partnership began about a year and a half ago; its people and organisations joined then."""
        began = _days_ago(500)
        Partnership.objects.filter(pk=self.partnership.pk).update(created_at=began, updated_at=began)
        PartnershipMember.objects.filter(partnership=self.partnership).update(created_at=began, updated_at=began)
        organisations = self.partnership.organisations.all()
        organisations.update(created_at=_days_ago(490), updated_at=_days_ago(490))
        OrganisationMember.objects.filter(organisation__in=organisations).update(
            created_at=_days_ago(485), updated_at=_days_ago(485)
        )
        User.objects.filter(pk__in=[user.pk for user in self.users.values()]).update(date_joined=_days_ago(495))

    def coordinator(self, number=0):
        return self.users[PARTNERSHIP_PEOPLE[number][2]]

    def reviewer(self, name):
        return next(self.users[email] for role, person, email in PARTNERSHIP_PEOPLE if person == name)

    def _person(self, name, email):
        if email not in self.users:
            self.users[email] = User.objects.create(email=email, name=name, password=self.password)
        return self.users[email]

    def _partnership_people(self):
        for role, name, email in PARTNERSHIP_PEOPLE:
            user = self._person(name, email)
            PartnershipMember.objects.create(partnership=self.partnership, user=user, role=role)
            # Coordinators and reviewers must use two-step verification. Each gets their own secret;
            # `manage.py demo_sign_ins` shows it, with the code it makes right now.
            Authenticator.objects.create(
                user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt(generate_totp_secret())}
            )
            RecoveryCodes.activate(user)

    def _organisations(self):
        for spec in ORGANISATIONS:
            organisation = create_organisation(
                self.partnership, name=spec.name, sector=spec.sector, size=spec.size, by=self.coordinator()
            )
            # People join an organisation by accepting an emailed invitation. The demo has nobody to click the
            # link, so it adds them as accepting would.
            for role, name, email in spec.people:
                OrganisationMember.objects.create(organisation=organisation, user=self._person(name, email), role=role)
            update_profile(
                organisation,
                by=self.admin(organisation),
                lived_experience_led=spec.lived_experience_led,
                registration_number=spec.registration_number,
                website=spec.website,
                local_area=spec.local_area,
            )
            self.organisations[spec.key] = organisation

    def admin(self, organisation):
        return organisation.memberships.filter(role=MemberRole.ADMIN).select_related("user").first().user

    def member(self, organisation):
        return organisation.memberships.filter(role=MemberRole.MEMBER).select_related("user").first().user

    def _sign_ups(self):
        made = {}
        for number, spec in enumerate(ORGANISATIONS):
            if not spec.statement:
                continue
            organisation = self.organisations[spec.key]
            lead = self.admin(organisation)
            made[spec.key] = services.sign_up(
                organisation,
                self.emif,
                lead_name=lead.name,
                lead_role=_lead_role(spec),
                statement=spec.statement,
                by=lead,
            )
            signed = _days_ago(480 - number * 30)
            SignUp.objects.filter(pk=made[spec.key].pk).update(signed_at=signed, created_at=signed, updated_at=signed)
        key, statement = COLIF_SIGN_UP
        organisation = self.organisations[key]
        lead = self.admin(organisation)
        colif = services.sign_up(
            organisation, self.colif, lead_name=lead.name, lead_role="Head of inclusion", statement=statement, by=lead
        )
        SignUp.objects.filter(pk=colif.pk).update(
            signed_at=_days_ago(60), created_at=_days_ago(60), updated_at=_days_ago(60)
        )
        return made

    def _riverside_works(self):
        admin = self.admin(self.organisations["works"])
        first = self._cycle("works", WORKS_CYCLE_1, WORKS_ACTIONS_1, started=430, submitted=395)
        self._review(
            first,
            self.reviewer("Dee Marshall"),
            WORKS_REVIEW_1,
            WORKS_REVIEW_1_SUMMARY,
            assigned=390,
            completed=370,
            responder=admin,
        )
        self._move_actions_on(first, {a.what: a.by_next_cycle for a in WORKS_ACTIONS_1})
        second = self._cycle("works", WORKS_CYCLE_2, WORKS_ACTIONS_2, started=45, submitted=21)
        self._review(
            second,
            self.reviewer("Kwame Asante"),
            WORKS_REVIEW_2,
            WORKS_REVIEW_2_SUMMARY,
            assigned=19,
            completed=7,
            responder=admin,
        )
        self._move_actions_on(second, {a.what: a.now for a in WORKS_ACTIONS_1})

    def _greenway(self):
        organisation = self.organisations["greenway"]
        first = self._cycle("greenway", GREENWAY_CYCLE_1, GREENWAY_ACTIONS_1, started=370, submitted=340)
        self._review(
            first,
            self.reviewer("Kwame Asante"),
            GREENWAY_REVIEW_1,
            GREENWAY_REVIEW_1_SUMMARY,
            assigned=335,
            completed=320,
            responder=self.admin(organisation),
        )
        self._move_actions_on(first, {a.what: a.by_next_cycle for a in GREENWAY_ACTIONS_1})
        second = self._cycle("greenway", GREENWAY_CYCLE_2, GREENWAY_ACTIONS_2, started=30, submitted=10)
        self._move_actions_on(second, {a.what: a.now for a in GREENWAY_ACTIONS_1})
        review = services.assign_reviewer(second, self.reviewer("Dee Marshall"), by=self.coordinator(1))
        self._verdicts(review, GREENWAY_REVIEW_2_STARTED, everything=False)
        Review.objects.filter(pk=review.pk).update(created_at=_days_ago(8), updated_at=_days_ago(2))
        ReviewComment.objects.filter(review=review).update(created_at=_days_ago(2), updated_at=_days_ago(2))

    def _council(self):
        self._cycle("council", COUNCIL_CYCLE_1, [], started=75, submitted=30)

    def _bakery(self):
        organisation = self.organisations["bakery"]
        member = self.member(organisation)
        draft = services.start_assessment(self.sign_ups["bakery"], by=self.admin(organisation))
        self._answer(draft, BAKERY_DRAFT, by=member)
        Assessment.objects.filter(pk=draft.pk).update(created_at=_days_ago(12), updated_at=_days_ago(3))
        AssessmentItem.objects.filter(assessment=draft, rating__isnull=False).update(updated_at=_days_ago(3))

    def _coproduction(self):
        try:
            from included.demo.coproduction import load_demo_coproduction
        except ImportError:
            # Co-production adds its own records to the demo when that part of Included provides them; the rest
            # of the demo does not depend on it.
            return
        organisations = [self.organisations["works"], self.organisations["eastside"]]
        people = [m.user for o in organisations for m in o.memberships.select_related("user")]
        load_demo_coproduction(self.partnership, organisations, people)

    def _cycle(self, key, answers, actions, *, started, submitted):
        """Start a cycle, answer it (on top of what the last cycle said), add its actions and submit it."""
        organisation = self.organisations[key]
        admin, member = self.admin(organisation), self.member(organisation)
        assessment = services.start_assessment(self.sign_ups[key], by=admin)
        self._answer(assessment, answers, by=member)
        items = _items_by_key(assessment)
        for action in actions:
            due = (_days_ago(started) + datetime.timedelta(days=action.due_in_days)).date()
            services.add_action(items[action.item], what=action.what, who=action.who, due=due, by=member)
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
            services.save_item(item, answer.data(), expected_version=item.version, by=by)

    def _review(self, assessment, reviewer, verdicts, summary, *, assigned, completed, responder):
        review = services.assign_reviewer(assessment, reviewer, by=self.coordinator())
        self._verdicts(review, verdicts, everything=True)
        services.complete_review(review, summary=summary, by=reviewer)
        for comment in review.comments.select_related("assessment_item__item"):
            response = verdicts.get(comment.assessment_item.item.key, (None, "", ""))[2]
            if response:
                services.respond_to_comment(comment, response=response, by=responder)
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

    def _verdicts(self, review, verdicts, *, everything):
        """Record the given verdicts; with `everything`, agree with every other item, as a finished review does."""
        for key, item in _items_by_key(review.assessment).items():
            if key in verdicts:
                verdict, comment, _ = verdicts[key]
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
                services.set_action_status(action, status, by=member)


def _latest_version(slug):
    """The newest shipped version of a framework: the demo signs up to what a new organisation would see."""
    return (
        FrameworkVersion.objects.filter(framework__slug=slug, framework__partnership__isnull=True)
        .order_by("-published_at", "-id")
        .first()
    )


def _items_by_key(assessment):
    return {answer.item.key: answer for answer in assessment.items.select_related("item", "assessment")}


def _lead_role(spec):
    return {
        Sector.PUBLIC_BODY: "Head of inclusion",
        Sector.EMPLOYER: "Owner" if spec.size == Size.MICRO else "Head of people",
        Sector.VCSE: "Chief executive",
        Sector.EDUCATION: "Vice principal",
        Sector.FUNDER: "Grants manager",
        Sector.COMMUNITY_GROUP: "Volunteer organiser",
    }[spec.sector]
