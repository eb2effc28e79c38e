"""The partnership's public story library, a published story's page and its pictures.

The library and story pages are the same for everyone, so their content is cached (included/core/public_cache.py);
every change to a story, its pictures or the people in it clears the partnership's cached pages once it commits,
so a story taken down leaves the library at once.
"""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from included.access import rules
from included.core import public_cache
from included.core.decorators import same_for_everyone_signed_out
from included.core.pagination import page_links
from included.frameworks.models import FrameworkItem
from included.partnerships.lookups import partnership_from_slug

from .forms import LibraryFilterForm
from .models import Story, StoryImage, Theme
from .services import linkable_services

PAGE_SIZE = 10


def _item_label(item):
    return f"{item.version.framework.short_name} {item.number}: {item.title}"


def _library_choices(partnership):
    """The themes, and the framework points that published stories tell about, for the filters."""
    themes = list(Theme.objects.available_to(partnership))
    published = Story.objects.for_partnership(partnership).published()
    items = (
        FrameworkItem.objects.filter(stories__in=published)
        .distinct()
        .select_related("version__framework")
        .order_by("version__framework__name", "version__id", "section__position", "position")
    )
    return {"themes": [(t.slug, t.name, t.pk) for t in themes], "items": [(i.pk, _item_label(i)) for i in items]}


def _library_entries(partnership, filters, number, theme_ids):
    stories = Story.objects.for_partnership(partnership).published()
    if "theme" in filters:
        stories = stories.filter(themes=theme_ids[filters["theme"]])
    if "sector" in filters:
        stories = stories.from_sector(filters["sector"])
    if "item" in filters:
        stories = stories.filter(framework_items=int(filters["item"]))
    stories = stories.select_related("organisation").prefetch_related("themes").newest_first()
    page = Paginator(stories, PAGE_SIZE).get_page(number)
    counts = {"count": page.paginator.count, "num_pages": page.paginator.num_pages, "number": page.number}
    html = render_to_string(
        "stories/library_entries.html",
        {"partnership": partnership, "stories": list(page.object_list), "filtered": bool(filters), **counts},
    )
    return {**counts, "html": html}


@login_not_required
@same_for_everyone_signed_out
def library(request, partnership_slug):
    """Public: the partnership's published stories, with filters by theme, kind of organisation and framework point."""
    partnership = partnership_from_slug(partnership_slug)
    choices = public_cache.cached_content(
        partnership.pk, "story-library-choices", [], lambda: _library_choices(partnership)
    )
    form = LibraryFilterForm(
        request.GET or None,
        themes=[Theme(slug=slug, name=name) for slug, name, _ in choices["themes"]],
        items=[(FrameworkItem(pk=pk), label) for pk, label in choices["items"]],
    )
    filters = form.filters()
    theme_ids = {slug: pk for slug, _, pk in choices["themes"]}
    number = public_cache.page_number(request.GET.get("page"))
    content = public_cache.cached_content(
        partnership.pk,
        "story-library",
        [filters.get("theme", ""), filters.get("sector", ""), filters.get("item", ""), number],
        lambda: _library_entries(partnership, filters, number, theme_ids),
        keep=lambda value: value["number"] == number,
    )
    page = Paginator(range(content["count"]), PAGE_SIZE).get_page(content["number"])
    page_url = page_links(request)
    return render(
        request,
        "stories/library.html",
        {
            "partnership": partnership,
            "filter_form": form,
            "filtered": bool(filters),
            # Worked out for this person, around the cached list: never inside it.
            "can_change_settings": rules.can_change_story_settings(request.user, partnership),
            "content": mark_safe(content["html"]),  # noqa: S308 - our own template's output
            "previous_url": page_url(page.previous_page_number()) if page.has_previous() else "",
            "next_url": page_url(page.next_page_number()) if page.has_next() else "",
        },
    )


@login_not_required
@same_for_everyone_signed_out
def story(request, partnership_slug, story_id):
    """Public: one published story. A story that is not published is not found, whoever asks."""
    partnership = partnership_from_slug(partnership_slug)
    content = public_cache.cached_content(
        partnership.pk, "story", [story_id], lambda: _story_content(partnership, story_id)
    )
    if content is None:
        raise Http404("No such story")
    return render(
        request,
        "stories/public_story.html",
        {"partnership": partnership, "title": content["title"], "content": mark_safe(content["html"])},  # noqa: S308
    )


def _story_content(partnership, story_id):
    story = (
        Story.objects.for_partnership(partnership)
        .published()
        .select_related("organisation__partnership")
        .prefetch_related(
            "themes",
            Prefetch("framework_items", queryset=FrameworkItem.objects.select_related("version__framework")),
            "responses__contribution__activity",
            "images",
            Prefetch(
                "services",
                queryset=linkable_services(partnership).select_related("organisation").order_by("name"),
                to_attr="linked_services",
            ),
        )
        .filter(pk=story_id)
        .first()
    )
    if story is None:
        return None
    html = render_to_string(
        "stories/public_story_body.html",
        {"partnership": partnership, "story": story, "linked_services": story.linked_services},
    )
    return {"title": story.title, "html": html}


@login_not_required
def picture(request, partnership_slug, story_id, image_id):
    """A story's picture: for everyone once the story is published, before that only for whoever may see the story."""
    partnership = partnership_from_slug(partnership_slug)
    image = get_object_or_404(
        StoryImage.objects.select_related("story__organisation"),
        pk=image_id,
        story_id=story_id,
        story__organisation__partnership=partnership,
    )
    story = image.story
    public = story.is_published and story.organisation.archived_at is None
    if not public and not rules.can_see_story(request.user, story):
        raise Http404("No such picture")
    try:
        handle = image.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The picture is missing") from error
    # A download when opened on its own: a file someone uploaded is never shown as a page of this site. An <img> on
    # the story's page still shows it, as browsers ignore Content-Disposition there.
    response = FileResponse(
        handle, content_type=image.content_type, as_attachment=True, filename=image.file.name.rsplit("/", 1)[-1]
    )
    # Never kept by a browser or a shared cache: a picture must go the moment consent is taken back.
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
