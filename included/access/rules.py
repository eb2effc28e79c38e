"""Who may do what: the one home of Included's access rules.

Every function takes the person acting (a user, signed in or not) and the object in question, so views, services,
background tasks, management commands and the admin all ask the same question the same way. Services call these
before they change anything and raise `PermissionDenied` (through `require`); views call them too, to answer
403 or 404 before doing any work. Reads that list objects use QuerySet methods such as
`Assessment.objects.visible_to(user)`, which build on the id sets here.

Objects are read by their attributes (an assessment's organisation, an organisation's partnership), so this module
imports no feature app: it sits under all of them.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied

from .enums import MemberRole, PartnershipRole
from .models import OrganisationMember, PartnershipMember

DRAFT = "draft"


def require(allowed, message="You do not have permission to do this."):
    """Stop here with a clear message unless the rule allowed it."""
    if not allowed:
        raise PermissionDenied(message)


def is_signed_in(user):
    return user is not None and getattr(user, "is_authenticated", False)


# Roles across a partnership


def roles_in(user, partnership):
    """The partnership roles (coordinator, reviewer) a person holds in one partnership."""
    if not is_signed_in(user) or partnership is None:
        return frozenset()
    return frozenset(
        PartnershipMember.objects.filter(partnership=partnership, user=user).values_list("role", flat=True)
    )


def is_coordinator(user, partnership):
    return PartnershipRole.COORDINATOR in roles_in(user, partnership)


def is_reviewer(user, partnership):
    return PartnershipRole.REVIEWER in roles_in(user, partnership)


def holds_a_partnership_role(user):
    """Coordinators and reviewers see other people's work across a partnership."""
    return is_signed_in(user) and PartnershipMember.objects.filter(user=user).exists()


def must_use_two_step(user):
    """Coordinators and reviewers see other people's work, staff can open the admin and hosts start partnerships,
    so they must use two-step verification."""
    return is_signed_in(user) and (user.is_staff or user.is_superuser or holds_a_partnership_role(user))


# The host: whoever runs this copy of Included


def is_host(user):
    """The site's administrators (Django superusers) host the partnerships: they start new ones and invite each
    one's first coordinators. Everything inside a partnership is then its coordinators' to run."""
    return is_signed_in(user) and user.is_active and user.is_superuser


def can_host_partnerships(user):
    """See every partnership this site hosts and start a new one."""
    return is_host(user)


def partnerships_coordinated_by(user):
    """Ids of the partnerships a person coordinates, as a subquery."""
    if not is_signed_in(user):
        return PartnershipMember.objects.none().values("partnership_id")
    return PartnershipMember.objects.coordinators().filter(user=user).values("partnership_id")


def partnerships_reviewed_by(user):
    if not is_signed_in(user):
        return PartnershipMember.objects.none().values("partnership_id")
    return PartnershipMember.objects.reviewers().filter(user=user).values("partnership_id")


# Places in organisations


def membership_of(user, organisation):
    if not is_signed_in(user) or organisation is None:
        return None
    return OrganisationMember.objects.filter(organisation=organisation, user=user).first()


def is_member(user, organisation):
    return membership_of(user, organisation) is not None


def is_admin(user, organisation):
    membership = membership_of(user, organisation)
    return membership is not None and membership.role == MemberRole.ADMIN


def memberships_of(user):
    """Every organisation a person belongs to, with its partnership, in a stable order."""
    if not is_signed_in(user):
        return OrganisationMember.objects.none()
    return OrganisationMember.objects.filter(user=user).select_related("organisation__partnership")


def organisations_of(user):
    """Ids of the organisations a person belongs to, as a subquery."""
    if not is_signed_in(user):
        return OrganisationMember.objects.none().values("organisation_id")
    return OrganisationMember.objects.filter(user=user).values("organisation_id")


def organisations_administered_by(user):
    """Ids of the organisations a person runs as an admin, as a subquery."""
    if not is_signed_in(user):
        return OrganisationMember.objects.none().values("organisation_id")
    return OrganisationMember.objects.filter(user=user, role=MemberRole.ADMIN).values("organisation_id")


# Rules about things, read from their attributes


def can_manage_account(user, person):
    """A person's name, data and account are theirs alone: nobody else changes, takes or deletes them."""
    return is_signed_in(user) and user.pk == person.pk


def can_add_organisations(user, partnership):
    return is_coordinator(user, partnership)


def can_invite(user, partnership, *, organisation=None):
    """Coordinators invite anyone to their partnership; an organisation's admins invite people to it."""
    if is_coordinator(user, partnership):
        return True
    return organisation is not None and organisation.partnership_id == partnership.pk and is_admin(user, organisation)


def can_help_sign_up(user, organisation):
    """Start an assisted sign-up for someone the organisation supports: anyone who works there (admin or member),
    while the organisation is in its partnership. It gives them no access to the account the person then makes."""
    return organisation.archived_at is None and is_member(user, organisation)


def can_cancel_assisted_sign_up(user, invitation):
    """Cancel a code nobody has used yet: the person who helped, or an admin of that organisation."""
    if not is_member(user, invitation.organisation):
        return False
    return invitation.invited_by_id == user.pk or is_admin(user, invitation.organisation)


def can_invite_coordinator(user, partnership):
    """A partnership's coordinators invite more coordinators; the host invites the first ones of a new partnership."""
    return is_coordinator(user, partnership) or is_host(user)


def can_change_partnership(user, partnership):
    """The partnership's name, contacts and settings: its coordinators, and nobody from another partnership."""
    return is_coordinator(user, partnership)


def can_archive_organisation(user, organisation):
    """Archive an organisation, or bring it back: the coordinators of its partnership."""
    return is_coordinator(user, organisation.partnership)


def can_withdraw_sign_up(user, sign_up):
    """Take an organisation off a framework: its admins, as they are the ones who signed it up."""
    return is_admin(user, sign_up.organisation)


def can_approve_statement(user, sign_up):
    """Approve a statement for the public register, or send it back: the coordinators of its partnership."""
    return is_coordinator(user, sign_up.organisation.partnership)


def can_manage_organisation(user, organisation):
    """Change the organisation's details and its people: its admins."""
    return is_admin(user, organisation)


def can_work_for(user, organisation):
    """Self-assess, record co-production: anyone in the organisation. Signing up is for its admins."""
    return is_member(user, organisation)


def can_see_cycle(user, assessment):
    """Members see all their organisation's cycles. Coordinators and the reviewers asked see submitted ones."""
    if can_work_for(user, assessment.organisation):
        return True
    if assessment.status == DRAFT:
        return False
    if is_coordinator(user, assessment.organisation.partnership):
        return True
    return is_signed_in(user) and assessment.reviews.filter(reviewer=user).exists()


def can_edit_cycle(user, assessment):
    return assessment.status == DRAFT and can_work_for(user, assessment.organisation)


def can_assign_reviewers(user, assessment):
    return assessment.status != DRAFT and is_coordinator(user, assessment.organisation.partnership)


def can_give_review(user, review):
    """Only the reviewer asked, while they still hold the reviewer role in that partnership."""
    return (
        is_signed_in(user)
        and review.reviewer_id == user.pk
        and is_reviewer(user, review.assessment.organisation.partnership)
    )


def can_answer_review(user, review):
    """The organisation answers its reviewers' challenges."""
    return can_work_for(user, review.assessment.organisation)


def can_read_responses(user, review):
    """Who may read the organisation's answers to the comments in one review.

    The organisation that answered, the partnership's coordinators, and the reviewer who wrote the review (while
    they still review for the partnership), on this cycle and on any earlier one. Other reviewers, even of the same
    cycle, may not: reviewers form their own view and do not read each other's comments, nor the answers to them.
    """
    if not is_signed_in(user):
        return False
    organisation = review.assessment.organisation
    if review.reviewer_id == user.pk and is_reviewer(user, organisation.partnership):
        return True
    return can_work_for(user, organisation) or is_coordinator(user, organisation.partnership)


def can_sign_up(user, organisation):
    """Sign an organisation up to a framework and change its public statement: the organisation's admins."""
    return is_admin(user, organisation)


def can_work_on_cycle(user, assessment):
    """Answer items, add evidence and actions, submit, move actions on: anyone in the organisation.

    Whether the cycle can still change (a submitted one is locked) is a question of its state, not of who asks.
    """
    return can_work_for(user, assessment.organisation)


def reviewers_of(partnership):
    """Ids of the people who review for a partnership, as a subquery."""
    return PartnershipMember.objects.reviewers().filter(partnership=partnership).values("user_id")


def people_in(organisation):
    """Ids of the people who belong to an organisation, as a subquery."""
    return OrganisationMember.objects.filter(organisation=organisation).values("user_id")


def coordinators_of(partnership):
    """Ids of a partnership's coordinators, as a subquery."""
    return PartnershipMember.objects.coordinators().filter(partnership=partnership).values("user_id")


def admins_of(organisation):
    """Ids of the people who run an organisation as its admins, as a subquery."""
    return OrganisationMember.objects.filter(organisation=organisation, role=MemberRole.ADMIN).values("user_id")


def can_coordinate(user, partnership):
    """Partnership-wide pages and lists: the overview, invitations, word lists, framework files."""
    return is_coordinator(user, partnership)


def can_write_frameworks(user, partnership):
    """Write the partnership's own frameworks in the browser, start new versions and publish them: coordinators."""
    return is_coordinator(user, partnership)


def can_edit_framework_draft(user, draft):
    """A framework draft belongs to its partnership: only that partnership's coordinators see or change it."""
    return is_coordinator(user, draft.partnership)


def takes_part_in(user, partnership):
    """Anyone with a role in the partnership, or in one of its organisations."""
    if not is_signed_in(user):
        return False
    return (
        PartnershipMember.objects.filter(partnership=partnership, user=user).exists()
        or OrganisationMember.objects.filter(organisation__partnership=partnership, user=user).exists()
    )


def can_decide_join_requests(user, partnership):
    """See, accept and decline the requests to join a partnership: its coordinators."""
    return is_coordinator(user, partnership)


def can_decide_join_request(user, join_request):
    """Accept or decline one request to join: the coordinators of the partnership it was sent to."""
    return can_decide_join_requests(user, join_request.partnership)


def can_look_after_word_lists(user, partnership):
    """Coordinators and lived-experience reviewers look after a partnership's word lists."""
    return bool(roles_in(user, partnership) & {PartnershipRole.COORDINATOR, PartnershipRole.REVIEWER})


# Co-production


def can_delete_contribution(user, contribution):
    """Delete what someone said, for good, when they ask: only their organisation's admins."""
    return is_admin(user, contribution.activity.organisation)


def can_contribute_through_link(link):
    """Anyone holding a shared link may add what they said while it is switched on, signed in or not.

    There is no person to ask about: the live link is the permission, so switching it off takes the permission away.
    """
    return link.is_active


# A person's own space: small steps and wellbeing. Only the person themselves, whatever roles they hold.


def is_the_person(user, person):
    """The person the thing belongs to, and nobody else: no coordinator, reviewer or admin sees it."""
    return is_signed_in(user) and person is not None and user.pk == person.pk


def can_suggest_steps(user, supporter):
    """People at an organisation the person has let suggest steps to them."""
    return is_member(user, supporter.organisation) and not is_the_person(user, supporter.person)


def can_record_review_time(user, review):
    """A partnership's coordinators record the time a reviewer gave and how they were paid, but never for a review
    of their own."""
    return review.reviewer_id != getattr(user, "pk", None) and is_coordinator(
        user, review.assessment.organisation.partnership
    )


def can_change_living_wage_rates(user):
    """The Real Living Wage rates serve every partnership: superusers, and staff who coordinate a partnership, keep
    them up to date in the admin."""
    return (
        is_signed_in(user)
        and user.is_active
        and user.is_staff
        and (user.is_superuser or PartnershipMember.objects.coordinators().filter(user=user).exists())
    )


# The directory of services and spaces


def can_edit_services(user, organisation):
    """Describe, change, publish and confirm an organisation's services and places: anyone in the organisation."""
    return is_member(user, organisation)


def can_import_services(user, organisation):
    """Load an Open Referral UK file into an organisation's directory entries: its admins."""
    return is_admin(user, organisation)


def can_see_service(user, service):
    """The public sees published services of organisations still in the partnership; drafts are for their own
    organisation only."""
    if service.publication == "published" and service.organisation.archived_at is None:
        return True
    return is_member(user, service.organisation)


# Stories and lessons

STORIES_SEEN_BY_REVIEWERS = ("in_review", "changes_asked", "agreed", "published")


def can_write_stories(user, organisation):
    """Write, change and publish an organisation's stories, and record the consent of people in them: its members."""
    return can_work_for(user, organisation)


def can_see_story(user, story):
    """The organisation's members see all its stories. Its partnership's lived-experience reviewers see a story
    once it is sent to them, never a draft. Everyone sees a published story in the library."""
    if can_work_for(user, story.organisation):
        return True
    return story.status in STORIES_SEEN_BY_REVIEWERS and is_reviewer(user, story.organisation.partnership)


def can_review_story(user, story):
    """Agree to a story or ask for changes: the partnership's lived-experience reviewers, while it waits for them.

    Someone who belongs to the organisation does not review its own story."""
    return (
        story.status == "in_review"
        and is_reviewer(user, story.organisation.partnership)
        and not can_work_for(user, story.organisation)
    )


def can_change_story_settings(user, partnership):
    """Whether stories must be reviewed before they are published: the partnership's coordinators."""
    return is_coordinator(user, partnership)


# Impact


def can_record_partnership_facts(user, partnership):
    """What the partnership achieved (the framework in a local plan, inclusion in commissioning, money for community
    groups) is recorded by its coordinators."""
    return is_coordinator(user, partnership)


def can_record_social_mobility(user, assessment):
    """An organisation's admins record its workforce's social mobility figures for one of its submitted cycles."""
    return is_admin(user, assessment.organisation) and assessment.submitted_at is not None


def can_write_report_section(user, report, section):
    """Coordinators write a draft report's introduction and what was learnt; lived-experience reviewers write
    "what we saw". Nobody changes a published report."""
    if report.status != "draft":
        return False
    if section == "what_we_saw":
        return is_reviewer(user, report.partnership)
    return is_coordinator(user, report.partnership)


def can_manage_reports(user, partnership):
    """Coordinators start, build and publish the partnership's annual reports."""
    return is_coordinator(user, partnership)


# Commissioning and grants

# The kinds of member (organisations.enums.Sector values) that put money out: funders and commissioners, and
# councils and other public bodies. Kept here as plain values because access imports no feature app; a test checks
# they are real sectors.
COMMISSIONING_SECTORS = frozenset({"funder", "public_body"})
LIVED_EXPERIENCE_PANEL = "lived_experience"


def can_open_rounds(user, organisation):
    """Open a funding round: the admins of a funder, commissioner or public body that has not been archived."""
    return (
        organisation.sector in COMMISSIONING_SECTORS
        and organisation.archived_at is None
        and is_admin(user, organisation)
    )


def can_write_scoring_frameworks(user, partnership):
    """Write a new version of a scoring framework for the partnership: whoever may open rounds in it."""
    return (
        is_signed_in(user)
        and OrganisationMember.objects.filter(
            user=user,
            role=MemberRole.ADMIN,
            organisation__partnership=partnership,
            organisation__sector__in=COMMISSIONING_SECTORS,
            organisation__archived_at__isnull=True,
        ).exists()
    )


def can_run_round(user, round):
    """Add lots and panel members, moderate, decide and answer questions: the admins of the organisation that
    opened the round."""
    return is_admin(user, round.organisation)


def can_see_round(user, round):
    """A round is open to anyone who takes part in its partnership."""
    return takes_part_in(user, round.partnership)


def can_apply(user, round, organisation):
    """Apply on behalf of an organisation: its admins, in the round's partnership, never the funder itself."""
    return (
        organisation.partnership_id == round.partnership_id
        and organisation.pk != round.organisation_id
        and organisation.archived_at is None
        and is_admin(user, organisation)
    )


def panel_place_of(user, round):
    """The person's place on the round's panel, or None."""
    if not is_signed_in(user):
        return None
    return round.panel.filter(user=user).first()


def can_join_panel(user, round, role):
    """Who may sit on a panel: officers from the funder, and the partnership's lived-experience reviewers."""
    if role == LIVED_EXPERIENCE_PANEL:
        return is_reviewer(user, round.partnership)
    return is_member(user, round.organisation)


def can_see_application(user, application):
    """The applicant's own people, whoever runs the round, and its panel. Nobody else, not even another applicant."""
    if is_member(user, application.organisation) or can_run_round(user, application.round):
        return True
    return panel_place_of(user, application.round) is not None


def can_score(user, application):
    """A panel member scores an application once, after saying they have no conflict of interest with it."""
    place = panel_place_of(user, application.round)
    if place is None:
        return False
    declaration = place.declarations.filter(application=application).first()
    return (
        declaration is not None
        and not declaration.has_conflict
        and not place.scores.filter(application=application).exists()
    )


def can_see_scores(user, application):
    """Panel members score on their own: one sees the others' scores only once they have sent their own. Whoever
    runs the round and is not on its panel sees them all, to moderate."""
    place = panel_place_of(user, application.round)
    if place is not None:
        return place.scores.filter(application=application).exists()
    return can_run_round(user, application.round)


def can_read_decision(user, application):
    """The letter and its scores: the applicant's people and whoever runs the round."""
    return is_member(user, application.organisation) or can_run_round(user, application.round)


def can_ask_about(user, application):
    """Ask a question, or appeal a decision: anyone in the organisation that applied."""
    return is_member(user, application.organisation)


@dataclass
class Access:
    """What one person may do in one partnership, read once: for pages that ask many questions."""

    partnership: object
    is_coordinator: bool = False
    is_reviewer: bool = False
    memberships: list = field(default_factory=list)

    @property
    def organisations(self):
        return [m.organisation for m in self.memberships]

    def membership_of(self, organisation):
        for membership in self.memberships:
            if membership.organisation_id == organisation.pk:
                return membership
        return None

    def is_member_of(self, organisation):
        return self.membership_of(organisation) is not None

    def is_admin_of(self, organisation):
        membership = self.membership_of(organisation)
        return membership is not None and membership.role == MemberRole.ADMIN

    @property
    def takes_part(self):
        return self.is_coordinator or self.is_reviewer or bool(self.memberships)


def roles_and_memberships_of(user):
    """(every organisation membership, with its organisation and partnership; every partnership role, with its
    partnership) of a person, in two queries: what `access_from` and the navigation read for one request."""
    if not is_signed_in(user):
        return [], []
    return list(memberships_of(user)), list(user.partnership_roles.select_related("partnership"))


def access_from(partnership, memberships, roles):
    """`access_in`, worked out from `roles_and_memberships_of` the person, read already."""
    held = {role.role for role in roles if role.partnership_id == partnership.pk}
    return Access(
        partnership=partnership,
        is_coordinator=PartnershipRole.COORDINATOR in held,
        is_reviewer=PartnershipRole.REVIEWER in held,
        memberships=[m for m in memberships if m.organisation.partnership_id == partnership.pk],
    )


def access_in(user, partnership):
    """Everything a person may do in one partnership, in two queries."""
    access = Access(partnership=partnership)
    if is_signed_in(user):
        roles = roles_in(user, partnership)
        access.is_coordinator = PartnershipRole.COORDINATOR in roles
        access.is_reviewer = PartnershipRole.REVIEWER in roles
        access.memberships = list(
            OrganisationMember.objects.filter(user=user, organisation__partnership=partnership).select_related(
                "organisation"
            )
        )
    return access


# A person's own place (included.people): Facts About Me and what they share


def can_read_share(user, share, *, now=None):
    """Sections a person shared: the people it was given to (members of the organisation, or only those named
    there, or the one reviewer named), while it is open. Nobody else: not coordinators, not other reviewers, not
    other organisations, not staff."""
    if not is_signed_in(user) or not share.is_current(now):
        return False
    if share.recipient == "reviewer":
        # Shared with one reviewer: only them, and only while they still review for that partnership.
        return share.reviewer_id == user.pk and is_reviewer(user, share.partnership)
    if not is_member(user, share.organisation):
        return False
    return share.everyone_there or share.only_people.filter(pk=user.pk).exists()


def can_change_share(user, share):
    """Stop a share early: only the person whose words it shares."""
    return is_signed_in(user) and share.person_id == user.pk
