"""A person's own pages under /me/, and what an organisation sees of what people share with it.

Each page reads only the signed-in person's own rows. An organisation's pages answer 404 to anyone the person did
not share with (organisation B, coordinators, reviewers), and record every reading for the person's "who looked".
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_safe

from included.access.models import PartnershipMember
from included.access.requests import organisation_for_member
from included.access.rules import is_reviewer
from included.core.pagination import page_of
from included.invitations.assisted import help_received
from included.organisations.models import Organisation
from included.partnerships.lookups import partnership_from_slug

from . import services
from .enums import SECTION_HINTS, FactSection, ShareRecipient
from .forms import (
    FactForm,
    OrganisationSearchForm,
    PeopleThereSearchForm,
    ReviewerShareForm,
    SharedPeopleSearchForm,
    ShareForm,
)
from .models import Fact, SectionView, Share
from .registry import cards_for, read_sections, shareable_sections

PAGE_SIZE = 25


@never_cache
@require_safe
def hub(request):
    """The person's own place: a card for each thing they can do here, from every app that offers one."""
    context = {"cards": cards_for(request.user), "helped": help_received(request.user)}
    return render(request, "people/hub.html", context)


@sensitive_variables()
def _facts_of(person):
    written = {fact.section: fact for fact in Fact.objects.filter(person=person)}
    return [
        {"section": section, "hint": SECTION_HINTS[section], "fact": written.get(section.value)}
        for section in FactSection
    ]


@sensitive_variables()
@never_cache
@require_safe
def facts(request):
    return render(request, "people/facts.html", {"facts": _facts_of(request.user)})


# What a person writes may be about their health: error reports show none of it (nor do logs, emails, audit rows).
@sensitive_post_parameters("text")
@sensitive_variables()
@never_cache
@require_http_methods(["GET", "POST"])
def edit_fact(request, section):
    try:
        section = FactSection(section)
    except ValueError:
        raise Http404("No such part") from None
    existing = Fact.objects.filter(person=request.user, section=section).first()
    hint = SECTION_HINTS[section]
    if request.method == "POST":
        form = FactForm(request.POST, hint=hint)
        if form.is_valid():
            saved = services.save_fact(request.user, section, form.cleaned_data["text"], by=request.user)
            messages.success(request, f"Saved “{section.label}”." if saved else f"“{section.label}” is now empty.")
            return redirect("people:facts")
    else:
        form = FactForm(initial={"text": existing.text if existing else ""}, hint=hint)
    return render(request, "people/edit_fact.html", {"form": form, "section": section})


@never_cache
@require_http_methods(["GET", "POST"])
def remove_facts(request):
    if request.method == "POST":
        services.remove_all_facts(request.user, by=request.user)
        messages.success(request, "We deleted all your words in Facts About Me.")
        return redirect("people:facts")
    return render(request, "people/remove_facts.html")


@never_cache
@require_safe
def shares(request):
    now = timezone.now()
    listed = (
        Share.objects.filter(person=request.user)
        .select_related("organisation__partnership", "partnership", "reviewer")
        .prefetch_related("only_people")
    )
    page = page_of(request, listed, per_page=PAGE_SIZE)
    labels = {key: section.label for key, section in shareable_sections().items()}
    rows = [
        {
            "share": share,
            "is_current": share.is_current(now),
            "parts": [labels.get(key, "A part that is no longer offered") for key in share.sections],
        }
        for share in page
    ]
    return render(request, "people/shares.html", {"page": page, "rows": rows})


def _chosen_organisation(value):
    """The active organisation a step-2 address or form names, or None for anything else (typed or tampered)."""
    try:
        return Organisation.objects.active().select_related("partnership").get(pk=int(value))
    except (TypeError, ValueError, OverflowError, Organisation.DoesNotExist):
        return None


def _chosen_reviewer(person, value):
    """The reviewer (their role row) a step-2 address or form names, if the person may choose them; else None."""
    try:
        return services.reviewers_to_choose(person).get(pk=int(value))
    except (TypeError, ValueError, OverflowError, PartnershipMember.DoesNotExist):
        return None


def _choose_organisation(request, error=""):
    """Step 1: the organisations the person already knows, and a search by name (GET, so it works without JS), and
    the lived-experience reviewers of partnerships they have a link with."""
    search_form = OrganisationSearchForm(request.GET if "q" in request.GET else None)
    searched = search_form.chosen_text()
    found = page_of(request, services.find_organisations(searched), per_page=PAGE_SIZE) if searched else None
    context = {
        "linked": services.organisations_linked_to(request.user)[:PAGE_SIZE],
        "reviewers": services.reviewers_to_choose(request.user)[:PAGE_SIZE],
        "search_form": search_form,
        "searched": searched,
        "found": found,
        "error": error,
        "error_list": [error] if error else [],
    }
    return render(request, "people/choose_organisation.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def new_share(request):
    """Share in two steps: choose the organisation or reviewer (step 1), then who there, what and for how long
    (step 2)."""
    data = request.POST if request.method == "POST" else request.GET
    if "reviewer" in data:
        return _share_with_reviewer(request, _chosen_reviewer(request.user, data.get("reviewer")))
    chosen = data.get("organisation")
    organisation = _chosen_organisation(chosen)
    if organisation is None:
        error = "Choose an organisation from the list" if request.method == "POST" or chosen else ""
        return _choose_organisation(request, error)
    people = services.people_to_name(request.user, organisation)
    find_form = PeopleThereSearchForm(request.GET if "who" in request.GET else None)
    find = find_form.chosen_text()
    if request.method == "POST":
        form = ShareForm(request.POST, organisation=organisation, people=people, find=find)
        if form.is_valid():
            try:
                share = services.share_sections(
                    request.user,
                    organisation,
                    form.cleaned_data["sections"],
                    days=form.cleaned_data["days"],
                    only_people=form.named_people(),
                    by=request.user,
                )
            except services.SharingError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, f"You are sharing with {share.recipient_name} until {share.ends_at:%-d %B %Y}."
                )
                return redirect("people:shares")
    else:
        form = ShareForm(
            initial={
                "organisation": organisation.pk,
                "audience": ShareForm.ONLY if find else ShareForm.EVERYONE,
                "days": 30,
            },
            organisation=organisation,
            people=people,
            find=find,
        )
    return render(
        request,
        "people/new_share.html",
        {"form": form, "organisation": organisation, "find_form": find_form},
    )


def _share_with_reviewer(request, reviewer_role):
    """Step 2 for one lived-experience reviewer: what, and for how long."""
    if reviewer_role is None:
        return _choose_organisation(request, "Choose a reviewer from the list")
    form = ReviewerShareForm(
        request.POST if request.method == "POST" else None,
        initial={"reviewer": reviewer_role.pk, "days": 30},
        reviewer_role=reviewer_role,
    )
    if request.method == "POST" and form.is_valid():
        try:
            share = services.share_with_reviewer(
                request.user,
                reviewer_role,
                form.cleaned_data["sections"],
                days=form.cleaned_data["days"],
                by=request.user,
            )
        except services.SharingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"You are sharing with {share.recipient_name} until {share.ends_at:%-d %B %Y}.")
            return redirect("people:shares")
    return render(request, "people/new_reviewer_share.html", {"form": form, "reviewer_role": reviewer_role})


@never_cache
@require_http_methods(["GET", "POST"])
def stop_share(request, share_id):
    share = get_object_or_404(
        Share.objects.select_related("organisation", "partnership", "reviewer"), pk=share_id, person=request.user
    )
    if request.method == "POST":
        services.stop_sharing(share, by=request.user)
        messages.success(request, f"You stopped sharing with {share.recipient_name}. They cannot see it now.")
        return redirect("people:shares")
    return render(request, "people/stop_share.html", {"share": share})


@never_cache
@require_safe
def looked(request):
    """Who read what the person shared, and when: newest first."""
    page = page_of(request, SectionView.objects.of_person(request.user), per_page=PAGE_SIZE)
    labels = {key: section.label for key, section in shareable_sections().items()}
    rows = [{"view": view, "part": labels.get(view.section, view.section)} for view in page]
    return render(request, "people/looked.html", {"page": page, "rows": rows})


@sensitive_variables()
@never_cache
@require_safe
def one_page(request):
    """Everything the person wrote, on one page made to print and take to an interview or a meeting."""
    written = [item for item in _facts_of(request.user) if item["fact"]]
    return render(request, "people/one_page.html", {"facts": written})


# What an organisation sees


@sensitive_variables()
def _read_and_record(request, share):
    """The shared sections' words, each reading recorded for the person's "who looked"."""
    known = shareable_sections()
    words = read_sections(share.person, share.sections)
    keys = [key for key in known if key in share.sections and key in words]
    services.record_reading(share, keys, by=request.user)
    return [{"label": known[key].label, "text": words[key]} for key in keys]


@never_cache
@require_safe
def shared_with_organisation(request, partnership_slug, organisation_slug):
    partnership = partnership_from_slug(partnership_slug)
    organisation = organisation_for_member(request, partnership, organisation_slug)
    search_form = SharedPeopleSearchForm(request.GET or None)
    searched = search_form.chosen_text()
    listed = (
        Share.objects.visible_to(request.user)
        .filter(organisation=organisation)
        .select_related("person")
        .order_by("-created_at", "-pk")
    )
    if searched:
        listed = listed.filter(person__name__icontains=searched)
    page = page_of(request, listed, per_page=PAGE_SIZE)
    return render(
        request,
        "people/shared_list.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "page": page,
            "search_form": search_form,
            "searched": searched,
        },
    )


@sensitive_variables()
@never_cache
@require_safe
def shared_person(request, partnership_slug, organisation_slug, share_id):
    partnership = partnership_from_slug(partnership_slug)
    organisation = organisation_for_member(request, partnership, organisation_slug)
    share = get_object_or_404(
        Share.objects.visible_to(request.user).filter(organisation=organisation).select_related("person"),
        pk=share_id,
    )
    parts = _read_and_record(request, share)
    return render(
        request,
        "people/shared_person.html",
        {"partnership": partnership, "organisation": organisation, "share": share, "parts": parts},
    )


# What a lived-experience reviewer sees of what people share with them


def _reviewer_partnership(request, partnership_slug):
    """The partnership, for one of its reviewers. Anyone else (coordinators too) gets 404: they learn nothing."""
    partnership = partnership_from_slug(partnership_slug)
    if not is_reviewer(request.user, partnership):
        raise Http404("No such page")
    return partnership


@never_cache
@require_safe
def shared_with_reviewer(request, partnership_slug):
    partnership = _reviewer_partnership(request, partnership_slug)
    listed = (
        Share.objects.visible_to(request.user)
        .filter(recipient=ShareRecipient.REVIEWER, partnership=partnership)
        .select_related("person")
        .order_by("-created_at", "-pk")
    )
    page = page_of(request, listed, per_page=PAGE_SIZE)
    return render(request, "people/shared_with_reviewer.html", {"partnership": partnership, "page": page})


@sensitive_variables()
@never_cache
@require_safe
def shared_with_reviewer_person(request, partnership_slug, share_id):
    partnership = _reviewer_partnership(request, partnership_slug)
    share = get_object_or_404(
        Share.objects.visible_to(request.user)
        .filter(recipient=ShareRecipient.REVIEWER, partnership=partnership)
        .select_related("person"),
        pk=share_id,
    )
    parts = _read_and_record(request, share)
    return render(
        request,
        "people/shared_with_reviewer_person.html",
        {"partnership": partnership, "share": share, "parts": parts},
    )
