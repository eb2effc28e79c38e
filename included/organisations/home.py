"""The organisation's own home page: its sign-ups, its self-assessment cycles and where to go next."""

from django.db.models import Prefetch
from django.shortcuts import render

from included.assessments.models import Assessment, SignUp
from included.core.permissions import access_for, organisation_for_member, partnership_from_slug


def home(request, partnership_slug, organisation_slug):
    partnership = partnership_from_slug(partnership_slug)
    organisation = organisation_for_member(request, partnership, organisation_slug)
    sign_ups = (
        SignUp.objects.filter(organisation=organisation)
        .active()
        .select_related("framework_version__framework")
        .prefetch_related(Prefetch("assessments", queryset=Assessment.objects.order_by("-number")))
        .order_by("signed_at")
    )
    for record in sign_ups:
        cycles = list(record.assessments.all())
        record.draft = next((c for c in cycles if c.is_draft), None)
        record.cycles = cycles
        record.has_submitted = any(not c.is_draft for c in cycles)
    return render(
        request,
        "organisations/home.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "sign_ups": sign_ups,
            "is_admin": access_for(request, partnership).is_admin_of(organisation),
        },
    )
