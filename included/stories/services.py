"""Every change to stories, one function per thing a person does. Each asks included.access first, changes the
data in one transaction and writes an audit row; nothing else writes these models."""

from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone

from included.access import rules
from included.access.rules import require
from included.core import audit
from included.core.personal_data import scrub
from included.core.public_cache import bump_public_generation
from included.core.receipts import create_once
from included.core.versions import EditConflict, update_if_unchanged
from included.directory.models import Service

from . import signals
from .enums import ConsentDecision, ReviewNoteKind, StoryStatus
from .models import ConsentRecord, ReviewNote, Story, StoryImage, StoryPerson, StorySettings

ONLY_MEMBERS = "Only members of the organisation can change its stories."
TEXT_FIELDS = ["title", "tried", "for_whom", "happened", "learnt", "differently", "easy_read_summary"]
LINKS = ["themes", "framework_items", "responses", "services"]
NOT_LINKABLE = "A story can only tell about published services of its own partnership."


def linkable_services(partnership):
    """The directory services a story of this partnership may tell about: its published ones."""
    return Service.objects.for_partnership(partnership).published()


def _require_linkable(organisation, services):
    chosen = {service.pk for service in services}
    if chosen:
        allowed = set(linkable_services(organisation.partnership).filter(pk__in=chosen).values_list("pk", flat=True))
        require(chosen <= allowed, NOT_LINKABLE)


class NotReady(Exception):
    """The story cannot move on yet. `problems` says what to do first, in plain words."""

    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = list(problems)


def review_required(partnership):
    settings = StorySettings.objects.filter(partnership=partnership).first()
    return settings.review_required if settings else StorySettings._meta.get_field("review_required").default


def change_story_settings(partnership, *, review_required, by):
    """Say whether stories must be agreed by a lived-experience reviewer before they are published."""
    require(rules.can_change_story_settings(by, partnership), "Only the partnership's coordinators can do this.")
    with transaction.atomic():
        settings, _ = StorySettings.objects.update_or_create(
            partnership=partnership, defaults={"review_required": review_required}
        )
        audit.record(
            "stories.settings_changed",
            actor=by,
            obj=settings,
            partnership=partnership,
            summary="Stories need review" if review_required else "Stories can be published without review",
        )
    return settings


def write_story(organisation, *, by, form_token="", **values):
    """Start a draft story. Sending the same form twice makes one story."""
    require(rules.can_write_stories(by, organisation), ONLY_MEMBERS)
    links = {name: values.pop(name, []) for name in LINKS}
    _require_linkable(organisation, links["services"])

    def create():
        story = Story.objects.create(organisation=organisation, created_by=by, **values)
        for name, chosen in links.items():
            getattr(story, name).set(chosen)
        audit.record("stories.written", actor=by, obj=story, partnership=organisation.partnership, summary=story.title)
        return story

    with transaction.atomic():
        return create_once(form_token, f"stories.write:{organisation.pk}", Story, create)


def update_story(story, *, by, expected_version, **values):
    """Save changes to a story that is not waiting for a reviewer. A story a reviewer agreed to goes back to being
    a draft, so the changed words are read again before they are published."""
    require(rules.can_write_stories(by, story.organisation), ONLY_MEMBERS)
    links = {name: values.pop(name) for name in LINKS if name in values}
    _require_linkable(story.organisation, links.get("services", []))
    with transaction.atomic():
        current = Story.objects.select_for_update().get(pk=story.pk)
        if not current.is_editable:
            raise NotReady([f"The story is {current.get_status_display().lower()}, so it cannot be changed now."])
        if current.status == StoryStatus.AGREED:
            values["status"] = StoryStatus.DRAFT
        if not update_if_unchanged(story, expected_version, **values):
            raise EditConflict(Story.objects.get(pk=story.pk), attempted=values)
        for name, chosen in links.items():
            getattr(story, name).set(chosen)
        audit.record(
            "stories.changed", actor=by, obj=story, partnership=story.organisation.partnership, summary=story.title
        )
    return story


def add_person(story, *, name, appears, by):
    """Note someone named or pictured in the story. They need consent recorded before it is published."""
    require(rules.can_write_stories(by, story.organisation), ONLY_MEMBERS)
    with transaction.atomic():
        person = StoryPerson.objects.create(story=story, name=name, appears=appears, added_by=by)
        audit.record(
            "stories.person_added",
            actor=by,
            obj=story,
            partnership=story.organisation.partnership,
            summary=f"Added a person to {story.title}",
        )
    return person


def record_consent(person, *, decision, method, given_on, note="", by):
    """Add what a person said about being in the story. Records are only ever added.

    If they withdraw, the story comes down at once (out of the library and its cache) and their name is taken out
    of the story and of every consent record: they have no account, so nobody else would ever remove it.
    """
    story = person.story
    require(rules.can_write_stories(by, story.organisation), ONLY_MEMBERS)
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story.pk)
        record = ConsentRecord.objects.create(
            person=person, decision=decision, method=method, given_on=given_on, note=note, recorded_by=by
        )
        if decision == ConsentDecision.WITHDRAWN:
            _take_down_for_withdrawal(story, person, by=by)
        audit.record(
            f"stories.consent_{decision}",
            actor=by,
            obj=story,
            partnership=story.organisation.partnership,
            summary=f"Consent {ConsentDecision(decision).label.lower()} for a person in {story.title}",
        )
    return record


def take_person_out(person, *, by):
    """Say that someone is no longer named or pictured in the story: the organisation has changed its words or
    taken the picture out. Their consent records are kept; publishing no longer waits for them."""
    story = person.story
    require(rules.can_write_stories(by, story.organisation), ONLY_MEMBERS)
    with transaction.atomic():
        StoryPerson.objects.filter(pk=person.pk, taken_out_at__isnull=True).update(taken_out_at=timezone.now())
        audit.record(
            "stories.person_taken_out",
            actor=by,
            obj=story,
            partnership=story.organisation.partnership,
            summary=f"Took a person out of {story.title}",
        )
    person.refresh_from_db()
    return person


def _take_down_for_withdrawal(story, person, *, by):
    name = person.name
    values = {field: scrub(getattr(story, field), None, name=name, email="") for field in TEXT_FIELDS}
    if story.status == StoryStatus.PUBLISHED:
        values |= {"status": StoryStatus.TAKEN_DOWN, "taken_down_at": timezone.now()}
    elif story.status in (StoryStatus.IN_REVIEW, StoryStatus.AGREED):
        values["status"] = StoryStatus.DRAFT
    Story.objects.filter(pk=story.pk).update(version=story.version + 1, updated_at=timezone.now(), **values)
    for record in ConsentRecord.objects.filter(person=person).exclude(note=""):
        ConsentRecord.objects.filter(pk=record.pk).update(note=scrub(record.note, None, name=name, email=""))
    for image in StoryImage.objects.filter(story=story).exclude(description=""):
        StoryImage.objects.filter(pk=image.pk).update(description=scrub(image.description, None, name=name, email=""))
    StoryPerson.objects.filter(pk=person.pk).update(name=StoryPerson.WITHDRAWN_NAME)
    # `update` sends no signal: the library's cached pages are cleared here, once this commits.
    bump_public_generation(story.organisation.partnership_id)


@contextmanager
def _files_kept_only_if_committed():
    """Delete the files written inside this block again if its transaction does not commit (as for evidence)."""
    written = []
    try:
        yield written
    except BaseException:
        for stored in written:
            stored.storage.delete(stored.name)
        raise


def add_image(story, uploaded, *, content_type, description, by):
    """Keep a picture for the story. The caller has checked what is inside the file (forms.StoryImageForm)."""
    require(rules.can_write_stories(by, story.organisation), ONLY_MEMBERS)
    with _files_kept_only_if_committed() as written, transaction.atomic(durable=True):
        image = StoryImage(
            story=story, content_type=content_type, size=uploaded.size, description=description, uploaded_by=by
        )
        image.file.save(uploaded.name, uploaded, save=False)
        written.append(image.file)
        image.save()
        audit.record(
            "stories.image_added",
            actor=by,
            obj=story,
            partnership=story.organisation.partnership,
            summary=f"Added a picture to {story.title}",
        )
    return image


def describe_image(image, *, description, by):
    """Say what a picture shows. Every picture needs this before the story is published."""
    require(rules.can_write_stories(by, image.story.organisation), ONLY_MEMBERS)
    with transaction.atomic():
        image.description = description
        image.save(update_fields=["description"])
        audit.record(
            "stories.image_described",
            actor=by,
            obj=image.story,
            partnership=image.story.organisation.partnership,
            summary="Described a picture",
        )
    return image


def remove_image(image, *, by):
    """Take a picture out of the story. The stored file goes once the change is committed."""
    story = image.story
    require(rules.can_write_stories(by, story.organisation), ONLY_MEMBERS)
    with transaction.atomic():
        stored = image.file
        image.delete()
        transaction.on_commit(lambda: stored.storage.delete(stored.name))
        audit.record(
            "stories.image_removed",
            actor=by,
            obj=story,
            partnership=story.organisation.partnership,
            summary=f"Took a picture out of {story.title}",
        )


def publishing_problems(story):
    """What stops the story from being published, in plain words. An empty list means it can go."""
    problems = []
    if story.status == StoryStatus.PUBLISHED:
        problems.append("The story is already published.")
    elif story.status == StoryStatus.IN_REVIEW:
        problems.append("A reviewer is reading the story. Wait for their answer.")
    elif review_required(story.organisation.partnership) and story.status != StoryStatus.AGREED:
        problems.append("A lived-experience reviewer must agree to the story first. Send it for review.")
    missing = list(StoryPerson.objects.filter(story=story).in_story().without_consent().values_list("name", flat=True))
    for name in missing:
        problems.append(f"Record the consent of {name}, or take them out of the story.")
    undescribed = StoryImage.objects.filter(story=story).without_description().count()
    if undescribed:
        problems.append(
            f"Describe {undescribed} picture{'s' if undescribed != 1 else ''} for people who cannot see it."
        )
    return problems


def publish_story(story, *, by):
    """Put the story in the partnership's public library. Refused while anyone named or pictured has no consent
    recorded, while any picture has no description, and, where the partnership asks for it, before a reviewer
    agreed."""
    require(rules.can_write_stories(by, story.organisation), ONLY_MEMBERS)
    with transaction.atomic():
        story = Story.objects.select_for_update().select_related("organisation__partnership").get(pk=story.pk)
        problems = publishing_problems(story)
        if problems:
            raise NotReady(problems)
        story.status = StoryStatus.PUBLISHED
        story.published_at = timezone.now()
        story.taken_down_at = None
        story.version += 1
        story.save(update_fields=["status", "published_at", "taken_down_at", "version", "updated_at"])
        audit.record(
            "stories.published", actor=by, obj=story, partnership=story.organisation.partnership, summary=story.title
        )
    return story


def take_down(story, *, by):
    """Take a published story out of the library at once. It can be changed and published again."""
    require(rules.can_write_stories(by, story.organisation), ONLY_MEMBERS)
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story.pk)
        if story.status != StoryStatus.PUBLISHED:
            raise NotReady(["The story is not published."])
        story.status = StoryStatus.TAKEN_DOWN
        story.taken_down_at = timezone.now()
        story.version += 1
        story.save(update_fields=["status", "taken_down_at", "version", "updated_at"])
        audit.record(
            "stories.taken_down", actor=by, obj=story, partnership=story.organisation.partnership, summary=story.title
        )
    return story


def send_for_review(story, *, by, answer=""):
    """Ask the partnership's lived-experience reviewers to read the story. After changes were asked, `answer` says
    what the organisation changed, or why it did not."""
    require(rules.can_write_stories(by, story.organisation), ONLY_MEMBERS)
    with transaction.atomic():
        story = Story.objects.select_for_update().select_related("organisation__partnership").get(pk=story.pk)
        if story.status not in (StoryStatus.DRAFT, StoryStatus.CHANGES_ASKED, StoryStatus.TAKEN_DOWN):
            raise NotReady([f"The story is {story.get_status_display().lower()}, so it cannot be sent now."])
        # Each sending is a note, so reviewers are told each time, and the conversation shows every round.
        kind = ReviewNoteKind.ANSWER if story.status == StoryStatus.CHANGES_ASKED or answer else ReviewNoteKind.SENT
        note = ReviewNote.objects.create(story=story, kind=kind, text=answer, author=by)
        story.status = StoryStatus.IN_REVIEW
        story.sent_for_review_at = timezone.now()
        story.version += 1
        story.save(update_fields=["status", "sent_for_review_at", "version", "updated_at"])
        audit.record(
            "stories.sent_for_review",
            actor=by,
            obj=story,
            partnership=story.organisation.partnership,
            summary=story.title,
        )
        signals.story_sent_for_review.send(sender=Story, story=story, note=note)
    return story


def review_story(story, *, agreed, comments, by):
    """A lived-experience reviewer agrees to the story, or asks for changes to its words or how it is told."""
    with transaction.atomic():
        # Read again under a lock: whether it still waits for a review is a question of the row as it is now.
        story = Story.objects.select_for_update().select_related("organisation__partnership").get(pk=story.pk)
        require(
            rules.can_review_story(by, story),
            "Only the partnership's lived-experience reviewers can review a story that waits for them.",
        )
        kind = ReviewNoteKind.AGREED if agreed else ReviewNoteKind.CHANGES_ASKED
        note = ReviewNote.objects.create(story=story, kind=kind, text=comments, author=by)
        story.status = StoryStatus.AGREED if agreed else StoryStatus.CHANGES_ASKED
        story.version += 1
        story.save(update_fields=["status", "version", "updated_at"])
        audit.record(
            f"stories.review_{kind}",
            actor=by,
            obj=story,
            partnership=story.organisation.partnership,
            summary=story.title,
        )
        if not agreed:
            signals.story_changes_asked.send(sender=Story, story=story, note=note)
    return story
