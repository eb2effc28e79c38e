from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from included.access.requests import require_coordinator
from included.core.decorators import same_for_everyone_signed_out
from included.core.middleware import keeps_typed_work, recover_kept_work
from included.core.versions import EditConflict, last_saved_by, saved_version
from included.core.views import retention_periods

from .forms import PartnershipDetailsForm
from .lookups import partnership_from_slug
from .services import DETAIL_FIELDS, PartnershipError, update_partnership


@keeps_typed_work
@require_http_methods(["GET", "POST"])
def details(request, partnership_slug):
    """Coordinators keep the partnership's details, contacts and settings up to date."""
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    submitted = request.POST if request.method == "POST" else recover_kept_work(request)
    form = PartnershipDetailsForm(submitted, partnership=partnership)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            changed = update_partnership(
                partnership, by=request.user, expected_version=form.expected_version, **form.changes()
            )
        except PartnershipError as problem:
            form.add_error(problem.field, str(problem))
        except EditConflict as edit_conflict:
            # Show both versions. The form keeps what this person typed, with the newer version number.
            current = edit_conflict.current
            data = request.POST.copy()
            data["version"] = current.version
            form = PartnershipDetailsForm(data, partnership=current)
            form.is_valid()
            conflict = saved_version(
                form,
                {name: getattr(current, name) for name in DETAIL_FIELDS},
                what="these details",
                by=last_saved_by(current, "partnership.updated"),
                at=current.updated_at,
            )
        else:
            if changed:
                messages.success(request, f"{partnership.name}'s details are saved.")
            else:
                messages.info(request, "Nothing was changed.")
            return redirect("partnerships:details", partnership_slug=partnership.slug)
    return render(
        request,
        "partnerships/details.html",
        {"partnership": partnership, "form": form, "conflict": conflict},
        status=409 if conflict else 200,
    )


@login_not_required
@same_for_everyone_signed_out
@require_safe
def privacy(request, partnership_slug):
    """The privacy notice, with who to ask about personal data in this partnership."""
    partnership = partnership_from_slug(partnership_slug)
    return render(request, "core/privacy.html", {"retention": retention_periods(), "partnership": partnership})
