"""The kinds of email: who each is for, what it says, and when the thing it is about no longer waits for anyone.

Each kind is written from the thing itself (a review, a cycle, an invitation) when the email is made, as `Item`s:
a title, a few lines and a link. An email sent at once holds the items of one event; the weekly email holds a
person's items of the week, grouped by kind. `sample_items` makes made-up items of the same shape, so coordinators
can see each email without anyone's data.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from included.access import rules
from included.assessments.enums import AssessmentStatus, ReviewStatus, Verdict
from included.assessments.models import Assessment, Review, ReviewComment, SignUp
from included.commissioning.enums import PanelRole, QuestionKind
from included.commissioning.models import Application, PanelMember, Question, Round
from included.coproduction.models import Contribution
from included.core import throttle
from included.directory.models import CheckReminder
from included.invitations.models import Invitation
from included.joining.models import JoinRequest
from included.stories.enums import StoryStatus
from included.stories.models import ReviewNote

from .enums import Frequency, Kind

# How each kind is sent until the person chooses: most at once; answers to challenges can wait for the week.
DEFAULTS = {kind: Frequency.AT_ONCE for kind in Kind} | {Kind.CHALLENGE_ANSWERED: Frequency.WEEKLY}

# What each kind is about, in the words of the preferences page.
HINTS = {
    Kind.REVIEWER_ASSIGNED: "A coordinator asks you to review an organisation's self-assessment.",
    Kind.CYCLE_SUBMITTED: "An organisation in your partnership sends its self-assessment, and it needs reviewers.",
    Kind.REVIEW_FINISHED: "A reviewer finishes their review of your organisation's self-assessment.",
    Kind.CHALLENGE_ANSWERED: "An organisation answers a rating you challenged in a review.",
    Kind.INVITATION_REMINDER: "One reminder, if you have not used an invitation to join after a few days.",
    Kind.CONTRIBUTION_WAITING: "One reminder, when nobody has said what your organisation did about what someone said.",
    Kind.SERVICE_CHECK_DUE: "One reminder, when a service of yours in the directory was last checked six months ago.",
    Kind.STORY_REVIEW_WAITING: "An organisation in your partnership asks you to read its story before it is published.",
    Kind.STORY_CHANGES_ASKED: "A lived-experience reviewer asks for changes to a story your organisation wrote.",
    Kind.JOIN_REQUEST_WAITING: "An organisation asks to join a partnership you coordinate. At most one email an hour.",
    Kind.STATEMENT_RETURNED: "A coordinator sends your organisation's public statement back, with their reason.",
    Kind.APPLICATION_DECIDED: "The letter with the decision on your organisation's application for funding is ready.",
    Kind.QUESTION_ANSWERED: "A funder answers a question or an appeal your organisation sent about its application.",
    Kind.PANEL_PLACE: "A funder adds you to the panel that scores the applications to one of its funding rounds.",
    Kind.ROUND_WITHDRAWN: "A funder withdraws a funding round your organisation applied to, and says why.",
}

# Reminders look back this far past the day they fall due, and no further: a job that did not run for a while, or
# the first run after an upgrade, does not remind people about things from long ago.
REMINDER_WINDOW_DAYS = 30


def reminder_days(partnership, kind):
    """After how many days a reminder of this kind is sent: the partnership's own setting (1 to 365 days)."""
    return getattr(partnership, REMINDER_SETTINGS[kind])


# Each reminder's setting on the partnership, which its coordinators change on its details page.
REMINDER_SETTINGS = {
    Kind.INVITATION_REMINDER: "invitation_reminder_days",
    Kind.CONTRIBUTION_WAITING: "contribution_reminder_days",
}


@dataclass(frozen=True)
class Recipient:
    """Who an email goes to: a person with an account, or only an address (someone invited who has none)."""

    email: str
    user: object = None

    @property
    def name(self):
        return getattr(self.user, "name", "") or ""


@dataclass
class Item:
    """One thing waiting, as an email shows it."""

    title: str
    lines: list = field(default_factory=list)
    name: str = ""  # what a subject line calls it, in a few words
    link: str = ""
    link_text: str = ""
    contact_name: str = ""
    contact_email: str = ""


def absolute(name, **kwargs):
    return settings.SITE_URL + reverse(name, kwargs=kwargs)


def _day(moment):
    if isinstance(moment, datetime.datetime):
        moment = timezone.localtime(moment)
    return date_format(moment, "j F Y")


def _people(ids):
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("name", "email"))


def _contact(person):
    if person is None or not person.is_active:
        return {}
    return {"contact_name": person.name or person.email, "contact_email": person.email}


def _cycle_title(assessment):
    return f"{assessment.organisation.name}: {assessment.sign_up.framework_version}, cycle {assessment.number}"


class KindOfEmail:
    kind = None
    intro = ""  # the first lines of an email sent at once
    why = ""  # why the person gets it, at the foot of the email
    reminder = False
    limits_how_often = False  # then `allow` says whether the person may be told now

    @property
    def label(self):
        return Kind(self.kind).label

    @property
    def hint(self):
        return HINTS[self.kind]

    def load(self, ids):
        """The things with these ids, with what `item` needs, by id."""
        raise NotImplementedError

    def recipients(self, thing):
        raise NotImplementedError

    def is_waiting(self, thing, recipient):
        """Whether the thing still waits for this person: a weekly email leaves out what is done."""
        return True

    def event(self, thing):
        """What tells apart two events about the same thing (a statement sent back twice), for the notification's
        key. Empty for kinds whose thing happens once."""
        return ""

    def allow(self, thing, recipient):
        """Whether this person may be told now, for a kind that `limits_how_often`: one that anyone can set off
        (a public form), so that a flood of events is not a flood of emails."""
        return True

    def item(self, thing):
        raise NotImplementedError

    def subject(self, items):
        raise NotImplementedError

    def sample(self):
        """One made-up item, for the preview."""
        raise NotImplementedError


class ReviewerAssigned(KindOfEmail):
    kind = Kind.REVIEWER_ASSIGNED
    intro = "You have been asked to review a self-assessment. Take the time you need."
    why = "you review self-assessments for a partnership on Included"

    def load(self, ids):
        reviews = Review.objects.select_related(
            "reviewer",
            "assigned_by",
            "assessment__organisation__partnership",
            "assessment__sign_up__framework_version__framework",
        )
        return {review.pk: review for review in reviews.filter(pk__in=ids)}

    def recipients(self, review):
        return [Recipient(review.reviewer.email, review.reviewer)] if review.reviewer.is_active else []

    def is_waiting(self, review, recipient):
        return review.status != ReviewStatus.COMPLETED and rules.can_give_review(recipient.user, review)

    def item(self, review):
        assessment = review.assessment
        return Item(
            title=_cycle_title(assessment),
            lines=[f"Asked on {_day(review.created_at)}, for {assessment.organisation.partnership.name}."],
            link=absolute(
                "assessments:review", partnership_slug=assessment.organisation.partnership.slug, review_id=review.pk
            ),
            link_text="Start the review",
            **_contact(review.assigned_by),
        )

    def subject(self, items):
        if len(items) == 1:
            return f"Please review {items[0].title}"
        return f"Please review {len(items)} self-assessments"

    def sample(self):
        return Item(
            title="Riverside Bakery: Inclusion checklist 1.0, cycle 1",
            lines=["Asked on 3 March 2027, for Riverside Partnership."],
            link=settings.SITE_URL + "/",
            link_text="Start the review",
            contact_name="Sam Coordinator",
            contact_email="sam@example.org",
        )


class CycleSubmitted(KindOfEmail):
    kind = Kind.CYCLE_SUBMITTED
    intro = "An organisation has sent its self-assessment. It needs one or more reviewers with lived experience."
    why = "you coordinate a partnership on Included"

    def load(self, ids):
        cycles = Assessment.objects.select_related(
            "organisation__partnership", "submitted_by", "sign_up__framework_version__framework"
        )
        return {cycle.pk: cycle for cycle in cycles.filter(pk__in=ids)}

    def recipients(self, assessment):
        return [Recipient(p.email, p) for p in _people(rules.coordinators_of(assessment.organisation.partnership))]

    def is_waiting(self, assessment, recipient):
        return assessment.status == AssessmentStatus.SUBMITTED and rules.is_coordinator(
            recipient.user, assessment.organisation.partnership
        )

    def item(self, assessment):
        return Item(
            title=_cycle_title(assessment),
            lines=[f"Sent on {_day(assessment.submitted_at)}."],
            link=absolute(
                "assessments:assign",
                partnership_slug=assessment.organisation.partnership.slug,
                assessment_id=assessment.pk,
            ),
            link_text="Choose reviewers",
            **_contact(assessment.submitted_by),
        )

    def subject(self, items):
        if len(items) == 1:
            return f"Choose reviewers for {items[0].title}"
        return f"Choose reviewers for {len(items)} self-assessments"

    def sample(self):
        return Item(
            title="Riverside Bakery: Inclusion checklist 1.0, cycle 1",
            lines=["Sent on 3 March 2027."],
            link=settings.SITE_URL + "/",
            link_text="Choose reviewers",
            contact_name="Alex Admin",
            contact_email="alex@example.org",
        )


class ReviewFinished(KindOfEmail):
    kind = Kind.REVIEW_FINISHED
    intro = "A reviewer with lived experience has finished looking at your self-assessment."
    why = "you are an admin of an organisation on Included"

    def load(self, ids):
        reviews = Review.objects.select_related(
            "assigned_by", "assessment__organisation__partnership", "assessment__sign_up__framework_version__framework"
        )
        return {review.pk: review for review in reviews.filter(pk__in=ids)}

    def recipients(self, review):
        return [Recipient(p.email, p) for p in _people(rules.admins_of(review.assessment.organisation))]

    def is_waiting(self, review, recipient):
        """Done once every challenge has an answer. A review with no challenge is news, so it stays."""
        challenges = review.comments.filter(verdict=Verdict.CHALLENGE)
        answered = not challenges.filter(response="").exists()
        return rules.is_admin(recipient.user, review.assessment.organisation) and not (challenges.exists() and answered)

    def item(self, review):
        assessment = review.assessment
        challenges = review.comments.filter(verdict=Verdict.CHALLENGE).count()
        if challenges:
            said = f"They challenged {challenges} rating{'s' if challenges != 1 else ''}. You can answer each one."
        else:
            said = "They agreed with every rating."
        return Item(
            title=_cycle_title(assessment),
            lines=[f"Finished on {_day(review.completed_at)}.", said],
            link=absolute(
                "assessments:respond",
                partnership_slug=assessment.organisation.partnership.slug,
                organisation_slug=assessment.organisation.slug,
                assessment_id=assessment.pk,
            ),
            link_text="Read the review",
            **_contact(review.assigned_by),
        )

    def subject(self, items):
        if len(items) == 1:
            return f"A review of {items[0].title} is finished"
        return f"{len(items)} reviews of your self-assessments are finished"

    def sample(self):
        return Item(
            title="Riverside Bakery: Inclusion checklist 1.0, cycle 1",
            lines=["Finished on 10 March 2027.", "They challenged 2 ratings. You can answer each one."],
            link=settings.SITE_URL + "/",
            link_text="Read the review",
            contact_name="Sam Coordinator",
            contact_email="sam@example.org",
        )


class ChallengeAnswered(KindOfEmail):
    kind = Kind.CHALLENGE_ANSWERED
    intro = "An organisation has answered a rating you challenged. Thank you for your challenge."
    why = "you challenged a rating in a review"

    def load(self, ids):
        comments = ReviewComment.objects.select_related(
            "review__reviewer",
            "review__assigned_by",
            "review__assessment__organisation__partnership",
            "review__assessment__sign_up__framework_version__framework",
            "assessment_item__item",
        )
        return {comment.pk: comment for comment in comments.filter(pk__in=ids)}

    def recipients(self, comment):
        reviewer = comment.review.reviewer
        return [Recipient(reviewer.email, reviewer)] if reviewer.is_active and comment.response else []

    def is_waiting(self, comment, recipient):
        return bool(comment.response) and comment.review.reviewer_id == recipient.user.pk

    def item(self, comment):
        review = comment.review
        answer = comment.response if len(comment.response) <= 300 else comment.response[:297].rstrip() + "..."
        return Item(
            title=_cycle_title(review.assessment),
            lines=[f"Your challenge on: {comment.assessment_item.item}", f"Their answer: {answer}"],
            name=review.assessment.organisation.name,
            link=absolute(
                "assessments:review",
                partnership_slug=review.assessment.organisation.partnership.slug,
                review_id=review.pk,
            ),
            link_text="See your review",
            **_contact(review.assigned_by),
        )

    def subject(self, items):
        if len(items) == 1:
            return f"{items[0].name} answered your challenge"
        return f"Your {len(items)} challenges have answers"

    def sample(self):
        return Item(
            title="Riverside Bakery: Inclusion checklist 1.0, cycle 1",
            lines=[
                "Your challenge on: 1. Co-produce with people who are excluded",
                "Their answer: You are right. We will ask our peer group to help plan the next one.",
            ],
            name="Riverside Bakery",
            link=settings.SITE_URL + "/",
            link_text="See your review",
            contact_name="Sam Coordinator",
            contact_email="sam@example.org",
        )


class InvitationReminder(KindOfEmail):
    kind = Kind.INVITATION_REMINDER
    intro = "This is a friendly reminder. You were invited to join Included, and you have not used the invitation yet."
    why = "someone invited you to join Included"
    reminder = True

    def load(self, ids):
        invitations = Invitation.objects.select_related("partnership", "organisation", "invited_by")
        return {invitation.pk: invitation for invitation in invitations.filter(pk__in=ids)}

    def recipients(self, invitation):
        user = get_user_model().objects.filter(email__iexact=invitation.email, is_active=True).first()
        return [Recipient(invitation.email, user)]

    def is_waiting(self, invitation, recipient):
        return invitation.is_usable

    def item(self, invitation):
        where = invitation.organisation.name if invitation.organisation else invitation.partnership.name
        return Item(
            title=f"Join {where} as {invitation.get_kind_display().lower()}",
            lines=[
                f"You were invited on {_day(invitation.created_at)}.",
                "The link is in the invitation email we sent you.",
                f"It works until {_day(invitation.expires_at)}.",
            ],
            link=settings.SITE_URL + "/",
            link_text="Find out about Included",
            **_contact(invitation.invited_by),
        )

    def subject(self, items):
        return "A reminder: your invitation to join Included"

    def sample(self):
        return Item(
            title="Join Riverside Bakery as organisation member",
            lines=[
                "You were invited on 3 March 2027.",
                "The link is in the invitation email we sent you.",
                "It works until 17 March 2027.",
            ],
            link=settings.SITE_URL + "/",
            link_text="Find out about Included",
            contact_name="Alex Admin",
            contact_email="alex@example.org",
        )


class ContributionWaiting(KindOfEmail):
    kind = Kind.CONTRIBUTION_WAITING
    intro = "Someone told your organisation what they think. Nobody has said yet what you did about it."
    why = "you are an admin of an organisation on Included"
    reminder = True

    def load(self, ids):
        contributions = Contribution.objects.select_related("activity__organisation__partnership")
        return {contribution.pk: contribution for contribution in contributions.filter(pk__in=ids)}

    def recipients(self, contribution):
        return [Recipient(p.email, p) for p in _people(rules.admins_of(contribution.activity.organisation))]

    def is_waiting(self, contribution, recipient):
        return not contribution.responses.exists() and rules.is_admin(
            recipient.user, contribution.activity.organisation
        )

    def item(self, contribution):
        activity = contribution.activity
        organisation = activity.organisation
        return Item(
            title=f"{organisation.name}: {activity.title}",
            lines=[
                f"Added on {_day(contribution.created_at)}.",
                "People are more likely to take part again when they hear back.",
            ],
            name=activity.title,
            link=absolute(
                "coproduction:record_response",
                partnership_slug=organisation.partnership.slug,
                organisation_slug=organisation.slug,
                activity_id=activity.pk,
                contribution_id=contribution.pk,
            ),
            link_text="Say what you did",
        )

    def subject(self, items):
        if len(items) == 1:
            return f"What someone said in “{items[0].name}” is waiting for a response"
        return f"{len(items)} things people said are waiting for a response"

    def sample(self):
        return Item(
            title="Riverside Bakery: Planning our open day",
            lines=["Added on 3 March 2027.", "People are more likely to take part again when they hear back."],
            name="Planning our open day",
            link=settings.SITE_URL + "/",
            link_text="Say what you did",
        )


class ServiceCheckDue(KindOfEmail):
    kind = Kind.SERVICE_CHECK_DUE
    intro = "People use the directory to find help. Please check your service's details are still right."
    why = "you are an admin of an organisation with a service in the directory on Included"
    # Due six months after the last check (included/directory/freshness.py), not after a partnership's setting in
    # days, so it is not one of the `reminder` kinds timed by REMINDER_SETTINGS.

    def load(self, ids):
        reminders = CheckReminder.objects.select_related("service__organisation__partnership")
        return {reminder.pk: reminder for reminder in reminders.filter(pk__in=ids)}

    def recipients(self, reminder):
        return [Recipient(p.email, p) for p in _people(rules.admins_of(reminder.service.organisation))]

    def is_waiting(self, reminder, recipient):
        return reminder.still_due and rules.is_admin(recipient.user, reminder.service.organisation)

    def item(self, reminder):
        service = reminder.service
        organisation = service.organisation
        return Item(
            title=f"{organisation.name}: {service.name}",
            lines=[
                f"Last checked on {date_format(reminder.checked_on, 'j F Y')}.",
                "Services checked in the last six months come first when people search.",
            ],
            name=service.name,
            link=absolute(
                "directory:service",
                partnership_slug=organisation.partnership.slug,
                organisation_slug=organisation.slug,
                service_id=service.pk,
            ),
            link_text="Check the details",
        )

    def subject(self, items):
        if len(items) == 1:
            return f"Are the details of “{items[0].name}” still right?"
        return f"Are the details of {len(items)} services still right?"

    def sample(self):
        return Item(
            title="Riverside Bakery: Tuesday job club",
            lines=[
                "Last checked on 3 March 2027.",
                "Services checked in the last six months come first when people search.",
            ],
            name="Tuesday job club",
            link=settings.SITE_URL + "/",
            link_text="Check the details",
        )


def _story_title(story):
    return f"{story.organisation.name}: {story.title}"


def _notes(ids):
    notes = ReviewNote.objects.select_related("author", "story__organisation__partnership")
    return {note.pk: note for note in notes.filter(pk__in=ids)}


class StoryReviewWaiting(KindOfEmail):
    """Made from the note written when the story was sent, so each sending is told once."""

    kind = Kind.STORY_REVIEW_WAITING
    intro = "An organisation asks you to read its story before it is published. Take the time you need."
    why = "you review stories for a partnership on Included"

    def load(self, ids):
        return _notes(ids)

    def recipients(self, note):
        organisation = note.story.organisation
        people = (
            get_user_model()
            .objects.filter(pk__in=rules.reviewers_of(organisation.partnership), is_active=True)
            .exclude(pk__in=rules.people_in(organisation))
            .order_by("name", "email")
        )
        return [Recipient(person.email, person) for person in people]

    def is_waiting(self, note, recipient):
        story = note.story
        return story.status == StoryStatus.IN_REVIEW and rules.can_review_story(recipient.user, story)

    def item(self, note):
        story = note.story
        return Item(
            title=_story_title(story),
            lines=[f"Sent on {_day(note.created_at)}."],
            name=story.title,
            link=absolute("stories:review", partnership_slug=story.organisation.partnership.slug, story_id=story.pk),
            link_text="Read the story",
            **_contact(note.author),
        )

    def subject(self, items):
        if len(items) == 1:
            return f"Please read the story “{items[0].name}”"
        return f"Please read {len(items)} stories"

    def sample(self):
        return Item(
            title="Riverside Bakery: Our evening job club",
            lines=["Sent on 3 March 2027."],
            name="Our evening job club",
            link=settings.SITE_URL + "/",
            link_text="Read the story",
            contact_name="Alex Admin",
            contact_email="alex@example.org",
        )


class StoryChangesAsked(KindOfEmail):
    kind = Kind.STORY_CHANGES_ASKED
    intro = "A reviewer with lived experience read your story and asks you to change some of it."
    why = "you wrote a story on Included, or you are an admin of its organisation"

    def load(self, ids):
        return _notes(ids)

    def recipients(self, note):
        """Whoever wrote the story, while they still belong to the organisation; otherwise its admins."""
        story = note.story
        author = story.created_by
        if author is not None and author.is_active and rules.is_member(author, story.organisation):
            return [Recipient(author.email, author)]
        return [Recipient(p.email, p) for p in _people(rules.admins_of(story.organisation))]

    def is_waiting(self, note, recipient):
        story = note.story
        return story.status == StoryStatus.CHANGES_ASKED and rules.can_write_stories(recipient.user, story.organisation)

    def item(self, note):
        story = note.story
        organisation = story.organisation
        return Item(
            title=_story_title(story),
            lines=[
                f"Asked on {_day(note.created_at)}.",
                "Their comments are on the story's page. You can answer them.",
            ],
            name=story.title,
            link=absolute(
                "stories:story",
                partnership_slug=organisation.partnership.slug,
                organisation_slug=organisation.slug,
                story_id=story.pk,
            ),
            link_text="Read what they asked",
        )

    def subject(self, items):
        if len(items) == 1:
            return f"A reviewer asked for changes to “{items[0].name}”"
        return f"Reviewers asked for changes to {len(items)} stories"

    def sample(self):
        return Item(
            title="Riverside Bakery: Our evening job club",
            lines=["Asked on 3 March 2027.", "Their comments are on the story's page. You can answer them."],
            name="Our evening job club",
            link=settings.SITE_URL + "/",
            link_text="Read what they asked",
        )


def _shorter(text, most=300):
    return text if len(text) <= most else text[: most - 3].rstrip() + "..."


class JoinRequestWaiting(KindOfEmail):
    """Made from the request that arrived, but it never repeats what the visitor typed: the public form must not
    become a way to send anyone a stranger's words from Included's address. It points to the list instead."""

    kind = Kind.JOIN_REQUEST_WAITING
    intro = "An organisation has asked to join your partnership. A coordinator can accept or decline it."
    why = "you coordinate a partnership on Included"
    limits_how_often = True
    # However many requests arrive, a coordinator is told at most once in this long (a flood is not a flood of
    # emails). Each email says how many are waiting now.
    EVERY_SECONDS = 60 * 60

    def load(self, ids):
        requests = JoinRequest.objects.select_related("partnership")
        return {request.pk: request for request in requests.filter(pk__in=ids)}

    def recipients(self, request):
        return [Recipient(p.email, p) for p in _people(rules.coordinators_of(request.partnership))]

    def allow(self, request, recipient):
        return throttle.allow_person(
            recipient.user, f"joining:tell:{request.partnership_id}", limit=1, window_seconds=self.EVERY_SECONDS
        )

    def is_waiting(self, request, recipient):
        """Done once no request to the partnership waits, whichever arrived last."""
        partnership = request.partnership
        return (
            rules.can_decide_join_requests(recipient.user, partnership)
            and JoinRequest.objects.for_partnership(partnership).pending().exists()
        )

    def item(self, request):
        partnership = request.partnership
        waiting = JoinRequest.objects.for_partnership(partnership).pending().count()
        if waiting == 1:
            how_many = "It is the only request waiting."
        else:
            how_many = f"{waiting} requests are waiting for an answer."
        return Item(
            title=f"A request to join {partnership.name}",
            lines=[f"Sent on {_day(request.created_at)}.", how_many],
            name=partnership.name,
            link=absolute("joining:requests", partnership_slug=partnership.slug),
            link_text="See the requests",
        )

    def subject(self, items):
        if len(items) == 1:
            return f"A request to join {items[0].name}"
        return f"{len(items)} requests to join your partnership"

    def sample(self):
        return Item(
            title="A request to join Riverside Partnership",
            lines=["Sent on 3 March 2027.", "It is the only request waiting."],
            name="Riverside Partnership",
            link=settings.SITE_URL + "/",
            link_text="See the requests",
        )


class StatementReturned(KindOfEmail):
    kind = Kind.STATEMENT_RETURNED
    intro = "A coordinator read your organisation's public statement and sent it back, with a reason."
    why = "you are an admin of an organisation on Included"

    def load(self, ids):
        sign_ups = SignUp.objects.select_related("organisation__partnership", "framework_version__framework")
        return {sign_up.pk: sign_up for sign_up in sign_ups.filter(pk__in=ids)}

    def recipients(self, sign_up):
        return [Recipient(p.email, p) for p in _people(rules.admins_of(sign_up.organisation))]

    def event(self, sign_up):
        # A statement can be sent back again after a change: each time is its own event.
        return f"@{int(sign_up.returned_at.timestamp() * 1_000_000)}" if sign_up.returned_at else ""

    def is_waiting(self, sign_up, recipient):
        """Done once the statement is changed (which clears the reason) or the organisation leaves."""
        return (
            sign_up.returned_at is not None
            and not sign_up.is_withdrawn
            and rules.can_sign_up(recipient.user, sign_up.organisation)
        )

    def item(self, sign_up):
        organisation = sign_up.organisation
        return Item(
            title=f"{organisation.name}: {sign_up.framework_version.framework.name}",
            lines=[
                f"Sent back on {_day(sign_up.returned_at)}." if sign_up.returned_at else "Sent back.",
                f"Their reason: {_shorter(sign_up.returned_reason)}",
            ],
            name=sign_up.framework_version.framework.name,
            link=absolute(
                "assessments:edit_statement",
                partnership_slug=organisation.partnership.slug,
                organisation_slug=organisation.slug,
                sign_up_id=sign_up.pk,
            ),
            link_text="Change the statement",
        )

    def subject(self, items):
        if len(items) == 1:
            return f"Your statement for {items[0].name} was sent back"
        return f"{len(items)} of your statements were sent back"

    def sample(self):
        return Item(
            title="Riverside Bakery: Inclusion checklist",
            lines=["Sent back on 3 March 2027.", "Their reason: Please say who you worked with to write it."],
            name="Inclusion checklist",
            link=settings.SITE_URL + "/",
            link_text="Change the statement",
        )


def _application_link(name, application):
    round = application.round
    return absolute(name, partnership_slug=round.partnership.slug, round_id=round.pk, application_id=application.pk)


def _applicants(application, person=None):
    """The person who sent it (or asked), while they still belong to the organisation; and its admins."""
    people = _people(rules.admins_of(application.organisation))
    if (
        person is not None
        and person.is_active
        and person not in people
        and rules.is_member(person, application.organisation)
    ):
        people.insert(0, person)
    return [Recipient(p.email, p) for p in people]


class ApplicationDecided(KindOfEmail):
    """Says only that the letter is ready: the decision, the reasons and any scores are read on the page, by
    people who may read them."""

    kind = Kind.APPLICATION_DECIDED
    intro = "The funder has made a decision on your organisation's application. The letter is ready to read."
    why = "your organisation applied for funding on Included"

    def load(self, ids):
        applications = Application.objects.select_related(
            "organisation", "submitted_by", "decided_by", "round__partnership", "round__organisation"
        )
        return {application.pk: application for application in applications.filter(pk__in=ids)}

    def recipients(self, application):
        return _applicants(application, application.submitted_by)

    def is_waiting(self, application, recipient):
        return application.is_decided and rules.can_read_decision(recipient.user, application)

    def item(self, application):
        round = application.round
        return Item(
            title=f"{application.organisation.name}: {application.title}",
            lines=[f"Sent to “{round.title}”, run by {round.organisation.name}.", "The letter is ready to read."],
            name=application.title,
            link=_application_link("commissioning:letter", application),
            link_text="Read the letter",
            **_contact(application.decided_by),
        )

    def subject(self, items):
        if len(items) == 1:
            return f"A decision on “{items[0].name}” is ready"
        return f"Decisions on {len(items)} applications are ready"

    def sample(self):
        return Item(
            title="Riverside Bakery: Tuesday job club",
            lines=["Sent to “Small grants 2027”, run by Riverside Community Fund.", "The letter is ready to read."],
            name="Tuesday job club",
            link=settings.SITE_URL + "/",
            link_text="Read the letter",
            contact_name="Sam Funder",
            contact_email="sam@example.org",
        )


class QuestionAnswered(KindOfEmail):
    """The answer itself stays on the application's page, for the people who may see it."""

    kind = Kind.QUESTION_ANSWERED
    intro = "The funder has answered what your organisation asked about its application."
    why = "your organisation applied for funding on Included"

    def load(self, ids):
        questions = Question.objects.select_related(
            "asked_by",
            "answered_by",
            "application__organisation",
            "application__round__partnership",
            "application__round__organisation",
        )
        return {question.pk: question for question in questions.filter(pk__in=ids)}

    def recipients(self, question):
        return _applicants(question.application, question.asked_by) if question.answered_at else []

    def is_waiting(self, question, recipient):
        return question.answered_at is not None and rules.can_ask_about(recipient.user, question.application)

    def item(self, question):
        application = question.application
        what = "appeal" if question.kind == QuestionKind.APPEAL else "question"
        return Item(
            title=f"{application.organisation.name}: {application.title}",
            lines=[
                f"Your {what} of {_day(question.created_at)} was answered on {_day(question.answered_at)}.",
                "The answer is on the application's page.",
            ],
            name=application.title,
            link=_application_link("commissioning:application", application),
            link_text="Read the answer",
            **_contact(question.answered_by),
        )

    def subject(self, items):
        if len(items) == 1:
            return f"An answer about “{items[0].name}”"
        return f"{len(items)} answers about your applications"

    def sample(self):
        return Item(
            title="Riverside Bakery: Tuesday job club",
            lines=[
                "Your question of 3 March 2027 was answered on 5 March 2027.",
                "The answer is on the application's page.",
            ],
            name="Tuesday job club",
            link=settings.SITE_URL + "/",
            link_text="Read the answer",
            contact_name="Sam Funder",
            contact_email="sam@example.org",
        )


class PanelPlace(KindOfEmail):
    kind = Kind.PANEL_PLACE
    intro = "You have been added to a funding panel. The panel reads and scores the applications to one round."
    why = "a funder added you to a panel on Included"

    def load(self, ids):
        places = PanelMember.objects.select_related(
            "user", "round__partnership", "round__organisation", "round__opened_by"
        )
        return {place.pk: place for place in places.filter(pk__in=ids)}

    def recipients(self, place):
        return [Recipient(place.user.email, place.user)] if place.user.is_active else []

    def is_waiting(self, place, recipient):
        return place.user_id == recipient.user.pk

    def item(self, place):
        round = place.round
        return Item(
            title=f"{round.organisation.name}: {round.title}",
            lines=[
                f"Your place: {PanelRole(place.role).label.lower()}.",
                f"Applications close on {_day(round.closes_on)}. You say whether you have a conflict of interest "
                "before you score each one.",
            ],
            name=round.title,
            link=absolute("commissioning:round", partnership_slug=round.partnership.slug, round_id=round.pk),
            link_text="See the round",
            **_contact(round.opened_by),
        )

    def subject(self, items):
        if len(items) == 1:
            return f"You are on the panel for “{items[0].name}”"
        return f"You are on {len(items)} funding panels"

    def sample(self):
        return Item(
            title="Riverside Community Fund: Small grants 2027",
            lines=[
                "Your place: panel member with lived experience.",
                "Applications close on 31 March 2027. You say whether you have a conflict of interest before you "
                "score each one.",
            ],
            name="Small grants 2027",
            link=settings.SITE_URL + "/",
            link_text="See the round",
            contact_name="Sam Funder",
            contact_email="sam@example.org",
        )


class RoundWithdrawn(KindOfEmail):
    kind = Kind.ROUND_WITHDRAWN
    intro = "A funder has withdrawn a funding round your organisation applied to. It will not be decided."
    why = "your organisation applied for funding on Included"

    def load(self, ids):
        rounds = Round.objects.select_related("partnership", "organisation", "withdrawn_by")
        return {round.pk: round for round in rounds.filter(pk__in=ids)}

    def recipients(self, round):
        """Each applying organisation's admins, and whoever sent its application while they still belong to it."""
        recipients = []
        for application in round.applications.select_related("organisation", "submitted_by").order_by("pk"):
            recipients += [r for r in _applicants(application, application.submitted_by) if r not in recipients]
        return recipients

    def is_waiting(self, round, recipient):
        # Once withdrawn it stays so: the weekly email tells it, unless the person left every applicant since.
        applied = round.applications.filter(organisation__in=rules.organisations_of(recipient.user))
        return round.is_withdrawn and applied.exists()

    def item(self, round):
        return Item(
            title=f"{round.organisation.name}: {round.title}",
            lines=[
                f"Withdrawn on {_day(round.withdrawn_at)}." if round.withdrawn_at else "Withdrawn.",
                f"Their reason: {_shorter(round.withdrawal_reason)}",
            ],
            name=round.title,
            link=absolute("commissioning:round", partnership_slug=round.partnership.slug, round_id=round.pk),
            link_text="See the round",
            **_contact(round.withdrawn_by),
        )

    def subject(self, items):
        if len(items) == 1:
            return f"The funding round “{items[0].name}” was withdrawn"
        return f"{len(items)} funding rounds you applied to were withdrawn"

    def sample(self):
        return Item(
            title="Riverside Community Fund: Small grants 2027",
            lines=["Withdrawn on 3 March 2027.", "Their reason: The money we expected did not come. We are sorry."],
            name="Small grants 2027",
            link=settings.SITE_URL + "/",
            link_text="See the round",
            contact_name="Sam Funder",
            contact_email="sam@example.org",
        )


KINDS = {
    kind_of_email.kind: kind_of_email
    for kind_of_email in (
        ReviewerAssigned(),
        CycleSubmitted(),
        ReviewFinished(),
        ChallengeAnswered(),
        InvitationReminder(),
        ContributionWaiting(),
        ServiceCheckDue(),
        StoryReviewWaiting(),
        StoryChangesAsked(),
        JoinRequestWaiting(),
        StatementReturned(),
        ApplicationDecided(),
        QuestionAnswered(),
        PanelPlace(),
        RoundWithdrawn(),
    )
}
