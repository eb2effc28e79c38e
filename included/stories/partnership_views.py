"""Stories pages across a partnership: lived-experience reviewers read stories sent to them and agree or ask for
changes; coordinators say whether every story must be reviewed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from included.access import rules
from included.access.requests import require_coordinator, require_reviewer
from included.core.middleware import keeps_typed_work, recover_kept_work
from included.core.pagination import page_of
from included.partnerships.lookups import partnership_from_slug

from . import services
from .forms import ReviewForm, StorySettingsForm
from .models import Story, StoryPerson
from .views import status_tag

PAGE_SIZE = 25


def waiting(request, partnership_slug):
    """Reviewers: the stories waiting for a review in their partnership, the longest waiting first, and those they
    have already read."""
    partnership = partnership_from_slug(partnership_slug)
    require_reviewer(request, partnership)
    stories = page_of(
        request,
        Story.objects.for_partnership(partnership)
        .seen_by_reviewers()
        .select_related("organisation")
        .order_by("-status", "sent_for_review_at", "id"),
        per_page=PAGE_SIZE,
    )
    return render(
        request,
        "stories/review_list.html",
        {
            "partnership": partnership,
            "stories": stories,
            "rows": [{"story": story, "tag": status_tag(story)} for story in stories],
        },
    )


@keeps_typed_work
def review(request, partnership_slug, story_id):
    """Reviewers: read one story and agree to it, or ask for changes to its words or how it is told."""
    partnership = partnership_from_slug(partnership_slug)
    story = get_object_or_404(Story.objects.for_partnership(partnership).select_related("organisation"), pk=story_id)
    # Anyone who may not see the story learns nothing of it, not even that it exists.
    if not rules.can_see_story(request.user, story):
        raise Http404("No such story")
    require_reviewer(request, partnership)
    story.organisation.partnership = partnership
    data = request.POST if request.method == "POST" else recover_kept_work(request)
    form = ReviewForm(data) if data is not None else ReviewForm()
    can_review = rules.can_review_story(request.user, story)
    if request.method == "POST":
        if not can_review:
            raise PermissionDenied("This story is not waiting for a review.")
        if form.is_valid():
            services.review_story(story, agreed=form.agreed, comments=form.cleaned_data["comments"], by=request.user)
            messages.success(
                request,
                "Thank you. The organisation can now publish it."
                if form.agreed
                else "Thank you. We have told the organisation what you asked.",
            )
            return redirect(reverse("stories:review_list", kwargs={"partnership_slug": partnership.slug}))
    return render(
        request,
        "stories/review.html",
        {
            "partnership": partnership,
            "story": story,
            "tag": status_tag(story),
            "form": form,
            "can_review": can_review,
            "people_count": StoryPerson.objects.filter(story=story).count(),
            "images": list(story.images.all()),
            "themes": list(story.themes.all()),
            "notes": list(story.review_notes.select_related("author")),
        },
    )


def story_settings(request, partnership_slug):
    """Coordinators: whether a lived-experience reviewer must agree to every story before it is published."""
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    current = "yes" if services.review_required(partnership) else "no"
    form = (
        StorySettingsForm(request.POST)
        if request.method == "POST"
        else StorySettingsForm(initial={"review_required": current})
    )
    if request.method == "POST" and form.is_valid():
        services.change_story_settings(
            partnership, review_required=form.cleaned_data["review_required"] == "yes", by=request.user
        )
        messages.success(request, "The setting is saved.")
        return redirect(reverse("stories:settings", kwargs={"partnership_slug": partnership.slug}))
    return render(request, "stories/settings.html", {"partnership": partnership, "form": form})
