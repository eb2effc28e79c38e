from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from included.access.requests import access_for, require_coordinator
from included.core import public_cache
from included.core.decorators import same_for_everyone_signed_out
from included.core.forms import new_form_token
from included.partnerships.lookups import partnership_from_slug

from .fileformat import framework_yaml
from .forms import FrameworkUploadForm
from .loader import FrameworkFileError
from .models import FrameworkDraft, FrameworkVersion
from .services import add_partnership_framework

EXAMPLE_FILE = Path(__file__).resolve().parent / "examples" / "small-framework.yaml"


def _framework_list_content(partnership):
    versions = (
        FrameworkVersion.objects.available_to(partnership)
        .select_related("framework")
        .order_by("framework__name", "framework_id", "-published_at", "-id")
    )
    frameworks = []
    for version in versions:
        if not frameworks or frameworks[-1]["framework"].pk != version.framework_id:
            frameworks.append({"framework": version.framework, "latest": version, "versions": []})
        frameworks[-1]["versions"].append(version)
    return render_to_string("frameworks/list_entries.html", {"partnership": partnership, "frameworks": frameworks})


@login_not_required
@same_for_everyone_signed_out
def framework_list(request, partnership_slug):
    """Public: the frameworks a partnership's organisations can use, each with its versions, newest first.

    The list is the same for everyone, so it is cached (included/core/public_cache.py); a coordinator's buttons and
    drafts are not part of it."""
    partnership = partnership_from_slug(partnership_slug)
    access = access_for(request, partnership)
    content = public_cache.cached_content(
        partnership.pk, "frameworks", [], lambda: _framework_list_content(partnership)
    )
    return render(
        request,
        "frameworks/list.html",
        {
            "partnership": partnership,
            "content": mark_safe(content),  # noqa: S308 - our own template's output
            "can_add": access.is_coordinator,
            "drafts": FrameworkDraft.objects.for_partnership(partnership).in_progress()
            if access.is_coordinator
            else [],
        },
    )


def _version_with_contents(partnership, framework_slug, version):
    """A version the partnership can use, with its sections, items and prompts; 404 if there is none."""
    framework_version = (
        FrameworkVersion.objects.available_to(partnership)
        .with_contents()
        .filter(framework__slug=framework_slug, version=version)
        # If a partnership's own framework shares a slug with one added to Included later, the shipped one wins.
        .order_by(F("framework__partnership").asc(nulls_first=True))
        .first()
    )
    if framework_version is None:
        raise Http404("No such framework version")
    return framework_version


def _framework_detail_content(partnership, framework_slug, version):
    try:
        framework_version = _version_with_contents(partnership, framework_slug, version)
    except Http404:
        return None
    groups = framework_version.stakeholder_groups
    sections = [
        {
            "section": section,
            "items": [{"item": item, "prompt_groups": item.grouped_prompts(groups)} for item in section.items.all()],
        }
        for section in framework_version.sections.all()
    ]
    versions = list(framework_version.framework.versions.order_by("-published_at", "-id"))
    framework = framework_version.framework
    context = {
        "partnership": partnership,
        "version": framework_version,
        "framework": framework,
        "sections": sections,
        "groups": framework_version.groups_with_sectors(),
        "versions": versions,
        "latest": versions[0],
    }
    return {
        "title": f"{framework.name}, version {framework_version.version}",
        "framework_id": framework.pk,
        "framework_slug": framework.slug,
        "version": framework_version.version,
        "own": framework.partnership_id == partnership.pk,
        "top": render_to_string("frameworks/detail_top.html", context),
        "body": render_to_string("frameworks/detail_body.html", context),
    }


@login_not_required
@same_for_everyone_signed_out
def framework_detail(request, partnership_slug, framework_slug, version):
    """Public: one version of a framework in full, with the prompts each stakeholder group sees.

    The version is the same for everyone, so it is cached (included/core/public_cache.py); a coordinator's drafts
    and button are not part of it."""
    partnership = partnership_from_slug(partnership_slug)
    # Only a version that exists is kept: a made-up address is never cached.
    content = public_cache.cached_content(
        partnership.pk,
        "framework",
        [framework_slug, version],
        lambda: _framework_detail_content(partnership, framework_slug, version),
    )
    if content is None:
        raise Http404("No such framework version")
    for name in ("top", "body"):
        content[name] = mark_safe(content[name])  # noqa: S308 - our own template's output
    access = access_for(request, partnership)
    can_start_draft = access.is_coordinator and content["own"]
    return render(
        request,
        "frameworks/detail.html",
        {
            "partnership": partnership,
            "content": content,
            # The partnership's own coordinators may start a new version from this one, in the browser.
            "can_start_draft": can_start_draft,
            "drafts": list(
                FrameworkDraft.objects.for_partnership(partnership)
                .in_progress()
                .filter(based_on__framework_id=content["framework_id"])
            )
            if can_start_draft
            else [],
            "form_token": new_form_token(),
        },
    )


def upload_framework(request, partnership_slug):
    """Coordinators: add the partnership's own framework, or a new version of it, from a YAML file."""
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    form = FrameworkUploadForm(request.POST, request.FILES) if request.method == "POST" else FrameworkUploadForm()
    if form.is_bound and form.is_valid():
        try:
            result = add_partnership_framework(partnership, form.cleaned_data["file"], by=request.user)
        except FrameworkFileError as error:
            form.add_error("file", error.problems)
        else:
            version = result.version
            if result.loaded:
                messages.success(
                    request,
                    f"{version.framework.name}, version {version.version}, has been added. "
                    f"Organisations in {partnership.name} can now use it.",
                )
            else:
                messages.info(request, "This file had already been added, so nothing has changed.")
            return redirect(
                reverse(
                    "frameworks:detail",
                    kwargs={
                        "partnership_slug": partnership.slug,
                        "framework_slug": version.framework.slug,
                        "version": version.version,
                    },
                )
            )
    return render(
        request,
        "frameworks/upload.html",
        {"partnership": partnership, "form": form, "example": EXAMPLE_FILE.read_text(encoding="utf-8")},
    )


@login_not_required
def export_version(request, partnership_slug, framework_slug, version):
    """Public, like the version's page: the version as a framework file, to upload elsewhere or start from."""
    partnership = partnership_from_slug(partnership_slug)
    framework_version = _version_with_contents(partnership, framework_slug, version)
    response = HttpResponse(
        framework_yaml(framework_version.as_definition()), content_type="application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{framework_slug}-{framework_version.version}.yaml"'
    return response
