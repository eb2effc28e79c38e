"""Stories pages for an organisation's members: their stories, writing and changing one, the people in it and their
consent, pictures, sending it for review, publishing it and taking it down.

Each view finds the organisation for a member (a 404 for anyone else), then the story within it (a 404 for a story
of another organisation), and calls one service, which asks the same rules again. Reviewers' and coordinators'
pages are in partnership_views.py; the public library is in public_views.py.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from included.access.requests import organisation_for_member
from included.core.middleware import keeps_typed_work, recover_kept_work
from included.core.pagination import page_of
from included.core.versions import EditConflict, last_saved_by, saved_version
from included.partnerships.lookups import partnership_from_slug

from . import services
from .enums import STATUS_TAG_COLOURS, ConsentDecision, StoryStatus
from .forms import (
    ConsentForm,
    DescribeImageForm,
    ImageForm,
    PersonForm,
    SendForReviewForm,
    StoryChangeForm,
    StoryForm,
)
from .models import Story, StoryImage, StoryPerson

PAGE_SIZE = 25
STORY_FIELDS = ["title", "tried", "for_whom", "happened", "outcome", "learnt", "differently", "easy_read_summary"]
LINK_FIELDS = ["themes", "framework_items", "responses", "services"]


def member_organisation(request, partnership_slug, organisation_slug):
    partnership = partnership_from_slug(partnership_slug)
    organisation = organisation_for_member(request, partnership, organisation_slug)
    organisation.partnership = partnership
    return partnership, organisation


def _story_of(organisation, story_id):
    story = get_object_or_404(Story.objects.for_organisation(organisation), pk=story_id)
    story.organisation = organisation
    return story


def _member_story(request, partnership_slug, organisation_slug, story_id):
    """The story, for a member of its organisation; a 404 for anyone else and for another organisation's story."""
    _partnership, organisation = member_organisation(request, partnership_slug, organisation_slug)
    return _story_of(organisation, story_id)


def _story_page(request, template, story, *, status=200, **context):
    """A page about one story: its partnership, organisation and story, with a way back to it."""
    organisation = story.organisation
    base = {
        "partnership": organisation.partnership,
        "organisation": organisation,
        "story": story,
        "cancel_url": story_url(story),
    }
    return render(request, template, base | context, status=status)


def _kwargs(story):
    organisation = story.organisation
    return {
        "partnership_slug": organisation.partnership.slug,
        "organisation_slug": organisation.slug,
        "story_id": story.pk,
    }


def story_url(story):
    return reverse("stories:story", kwargs=_kwargs(story))


def _submitted_data(request):
    if request.method == "POST":
        return request.POST
    return recover_kept_work(request)


def status_tag(story):
    return {"text": story.get_status_display(), "colour": STATUS_TAG_COLOURS[story.status]}


def story_list(request, partnership_slug, organisation_slug):
    """Members: the organisation's stories, drafts and published, the most recently changed first."""
    partnership, organisation = member_organisation(request, partnership_slug, organisation_slug)
    stories = page_of(
        request, Story.objects.for_organisation(organisation).order_by("-updated_at", "-id"), per_page=PAGE_SIZE
    )
    return render(
        request,
        "stories/story_list.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "stories": stories,
            "rows": [{"story": story, "tag": status_tag(story)} for story in stories],
        },
    )


@keeps_typed_work
def write_story(request, partnership_slug, organisation_slug):
    """Members: start a story. It stays a draft, seen only by the organisation, until it is published."""
    partnership, organisation = member_organisation(request, partnership_slug, organisation_slug)
    data = _submitted_data(request)
    form = StoryForm(data, organisation=organisation) if data is not None else StoryForm(organisation=organisation)
    if request.method == "POST" and form.is_valid():
        story = services.write_story(organisation, by=request.user, **form.story_details())
        messages.success(request, "Your draft is saved. Only your organisation can see it.")
        story.organisation = organisation
        return redirect(story_url(story))
    return render(
        request,
        "stories/story_form.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "story": None,
            "form": form,
            "conflict": None,
            "cancel_url": reverse(
                "stories:list", kwargs={"partnership_slug": partnership.slug, "organisation_slug": organisation.slug}
            ),
        },
    )


@keeps_typed_work
def change_story(request, partnership_slug, organisation_slug, story_id):
    """Members: change a story that is not waiting for a reviewer."""
    story = _member_story(request, partnership_slug, organisation_slug, story_id)
    organisation = story.organisation
    if not story.is_editable:
        messages.info(request, f"The story is {story.get_status_display().lower()}, so it cannot be changed now.")
        return redirect(story_url(story))
    initial = {name: getattr(story, name) for name in STORY_FIELDS}
    initial |= {name: list(getattr(story, name).all()) for name in LINK_FIELDS}
    initial["version"] = story.version
    data = _submitted_data(request)
    form = (
        StoryChangeForm(data, organisation=organisation)
        if data is not None
        else StoryChangeForm(initial=initial, organisation=organisation)
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_story(story, by=request.user, expected_version=form.expected_version, **form.changes())
        except EditConflict as edit_conflict:
            form, conflict = _conflicting(request, edit_conflict.current, organisation)
        except services.NotReady as not_ready:
            messages.info(request, " ".join(not_ready.problems))
            return redirect(story_url(story))
        else:
            messages.success(request, "Your changes are saved.")
            return redirect(story_url(story))
    return _story_page(
        request,
        "stories/story_form.html",
        story,
        status=409 if conflict else 200,
        form=form,
        conflict=conflict,
    )


def _conflicting(request, current, organisation):
    data = request.POST.copy()
    data["version"] = current.version
    form = StoryChangeForm(data, organisation=organisation)
    form.is_valid()
    saved = {name: getattr(current, name) for name in STORY_FIELDS}
    saved |= {name: list(getattr(current, name).all()) for name in LINK_FIELDS}
    who = last_saved_by(current, "stories.changed", "stories.written")
    return form, saved_version(form, saved, what="this story", by=who, at=current.updated_at)


def story_detail(request, partnership_slug, organisation_slug, story_id):
    """Members: the story, who is in it and their consent, its pictures, what reviewers said, and what is next."""
    partnership, organisation = member_organisation(request, partnership_slug, organisation_slug)
    story = _story_of(organisation, story_id)
    people = list(StoryPerson.objects.filter(story=story).with_consent())
    problems = services.publishing_problems(story)
    return render(
        request,
        "stories/story_detail.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "story": story,
            "tag": status_tag(story),
            "people": people,
            "images": list(story.images.all()),
            "themes": list(story.themes.all()),
            "framework_items": list(story.framework_items.select_related("version__framework", "section")),
            "responses": list(story.responses.select_related("contribution__activity")),
            "linked_services": _linked_services(story, partnership),
            "notes": list(story.review_notes.select_related("author")),
            "problems": problems,
            "can_publish": not problems,
            "can_send_for_review": story.status
            in (StoryStatus.DRAFT, StoryStatus.CHANGES_ASKED, StoryStatus.TAKEN_DOWN),
            "review_required": services.review_required(partnership),
            "kwargs": _kwargs(story),
        },
    )


def _linked_services(story, partnership):
    """The story's services that the public can see: only those are shown, even to the story's own members."""
    return list(
        services.linkable_services(partnership).filter(stories=story).select_related("organisation").order_by("name")
    )


@keeps_typed_work
def add_person(request, partnership_slug, organisation_slug, story_id):
    """Members: note someone named or pictured in the story."""
    story = _member_story(request, partnership_slug, organisation_slug, story_id)
    data = _submitted_data(request)
    form = PersonForm(data) if data is not None else PersonForm()
    if request.method == "POST" and form.is_valid():
        person = services.add_person(story, by=request.user, **form.cleaned_data)
        messages.success(request, f"{person.name} is added. Now record how and when they gave consent.")
        return redirect(reverse("stories:record_consent", kwargs=_kwargs(story) | {"person_id": person.pk}))
    return _story_page(request, "stories/person_form.html", story, form=form)


@keeps_typed_work
def record_consent(request, partnership_slug, organisation_slug, story_id, person_id):
    """Members: record that someone gave consent, or took it back. Taking it back takes the story down at once."""
    story = _member_story(request, partnership_slug, organisation_slug, story_id)
    person = get_object_or_404(StoryPerson.objects.filter(story=story), pk=person_id)
    data = _submitted_data(request)
    form = ConsentForm(data) if data is not None else ConsentForm(initial={"given_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        services.record_consent(person, by=request.user, **form.cleaned_data)
        if form.cleaned_data["decision"] == ConsentDecision.WITHDRAWN:
            messages.success(
                request, "Their consent is taken back. The story is out of the library, and their name is taken out."
            )
        else:
            messages.success(request, "Their consent is recorded.")
        return redirect(story_url(story) + "#people")
    return _story_page(
        request,
        "stories/consent_form.html",
        story,
        person=person,
        records=list(person.consent_records.all()),
        form=form,
    )


def take_person_out(request, partnership_slug, organisation_slug, story_id, person_id):
    """Members: say that someone is no longer named or pictured, once the words or pictures are changed."""
    story = _member_story(request, partnership_slug, organisation_slug, story_id)
    person = get_object_or_404(StoryPerson.objects.filter(story=story).in_story(), pk=person_id)
    if request.method == "POST":
        services.take_person_out(person, by=request.user)
        messages.success(request, "They are taken out of the story. Their consent records are kept.")
        return redirect(story_url(story) + "#people")
    return _story_page(request, "stories/take_person_out.html", story, person=person)


def add_image(request, partnership_slug, organisation_slug, story_id):
    """Members: add a picture, checked by what is inside the file."""
    story = _member_story(request, partnership_slug, organisation_slug, story_id)
    form = ImageForm(request.POST, request.FILES) if request.method == "POST" else ImageForm()
    if request.method == "POST" and form.is_valid():
        services.add_image(
            story,
            form.cleaned_data["image"],
            content_type=form.content_type,
            description=form.cleaned_data["description"],
            by=request.user,
        )
        messages.success(request, "The picture is added.")
        return redirect(story_url(story) + "#pictures")
    return _story_page(request, "stories/image_form.html", story, form=form)


@keeps_typed_work
def describe_image(request, partnership_slug, organisation_slug, story_id, image_id):
    """Members: say what a picture shows, for people who cannot see it."""
    story = _member_story(request, partnership_slug, organisation_slug, story_id)
    image = get_object_or_404(StoryImage.objects.filter(story=story), pk=image_id)
    image.story = story
    data = _submitted_data(request)
    form = (
        DescribeImageForm(data) if data is not None else DescribeImageForm(initial={"description": image.description})
    )
    if request.method == "POST" and form.is_valid():
        services.describe_image(image, by=request.user, **form.cleaned_data)
        messages.success(request, "The description is saved.")
        return redirect(story_url(story) + "#pictures")
    return _story_page(request, "stories/describe_image.html", story, image=image, form=form)


def remove_image(request, partnership_slug, organisation_slug, story_id, image_id):
    """Members: take a picture out of the story."""
    story = _member_story(request, partnership_slug, organisation_slug, story_id)
    image = get_object_or_404(StoryImage.objects.filter(story=story), pk=image_id)
    image.story = story
    if request.method == "POST":
        services.remove_image(image, by=request.user)
        messages.success(request, "The picture is taken out of the story.")
        return redirect(story_url(story) + "#pictures")
    return _story_page(request, "stories/remove_image.html", story, image=image)


@keeps_typed_work
def send_for_review(request, partnership_slug, organisation_slug, story_id):
    """Members: ask the partnership's lived-experience reviewers to read the story."""
    story = _member_story(request, partnership_slug, organisation_slug, story_id)
    data = _submitted_data(request)
    form = SendForReviewForm(data) if data is not None else SendForReviewForm()
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            services.send_for_review(story, by=request.user, answer=form.cleaned_data["answer"])
        except services.NotReady as not_ready:
            problems = not_ready.problems
        else:
            messages.success(request, "The story is sent for review. We will tell you when a reviewer answers.")
            return redirect(story_url(story))
    return _story_page(
        request,
        "stories/send_for_review.html",
        story,
        form=form,
        problems=problems,
        notes=list(story.review_notes.select_related("author")),
    )


def publish(request, partnership_slug, organisation_slug, story_id):
    """Members: put the story in the public library, once everything it needs is in place."""
    story = _member_story(request, partnership_slug, organisation_slug, story_id)
    problems = services.publishing_problems(story)
    if request.method == "POST":
        try:
            services.publish_story(story, by=request.user)
        except services.NotReady as not_ready:
            problems = not_ready.problems
        else:
            messages.success(request, "The story is published in the library.")
            return redirect(story_url(story))
    return _story_page(
        request,
        "stories/publish.html",
        story,
        status=400 if request.method == "POST" else 200,
        problems=problems,
    )


def take_down(request, partnership_slug, organisation_slug, story_id):
    """Members: take the story out of the library at once."""
    story = _member_story(request, partnership_slug, organisation_slug, story_id)
    if request.method == "POST":
        try:
            services.take_down(story, by=request.user)
        except services.NotReady:
            messages.info(request, "The story is not published, so there is nothing to take down.")
        else:
            messages.success(request, "The story is out of the library.")
        return redirect(story_url(story))
    return _story_page(request, "stories/take_down.html", story)
