import json

from allauth.account.decorators import reauthentication_required
from allauth.mfa.models import Authenticator
from allauth.mfa.webauthn.views import ReauthenticateWebAuthnView
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from included.access.models import OrganisationMember, PartnershipMember
from included.access.rules import must_use_two_step

from .forms import NameForm
from .middleware import needs_two_step, page_to_carry_on_to
from .models import AUTHENTICATOR_APP
from .services import ErasureRefused, change_name, erase_account, export_personal_data, reasons_not_to_erase


def account_settings(request):
    """The person's own account: their details, how they sign in, where they take part, and their data."""
    user = request.user
    recovery_codes = Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).first()
    kinds = user.two_step_kinds
    return render(
        request,
        "accounts/settings.html",
        {
            "has_two_step": bool(kinds),
            "has_authenticator_app": AUTHENTICATOR_APP in kinds,
            "security_keys": Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN).count(),
            "two_step_required": must_use_two_step(user),
            "unused_recovery_codes": len(recovery_codes.wrap().get_unused_codes()) if recovery_codes else 0,
            "memberships": OrganisationMember.objects.filter(user=user)
            .select_related("organisation__partnership")
            .order_by("organisation__partnership__name", "organisation__name"),
            "roles": PartnershipMember.objects.filter(user=user)
            .select_related("partnership")
            .order_by("partnership__name", "role"),
        },
    )


def edit_name(request):
    form = NameForm(request.POST if request.method == "POST" else None, initial={"name": request.user.name})
    if request.method == "POST" and form.is_valid():
        change_name(request.user, form.cleaned_data["name"], by=request.user)
        messages.success(request, "Your name is saved.")
        return redirect("accounts:settings")
    return render(request, "accounts/edit_name.html", {"form": form})


@never_cache
@require_POST
def download_data(request):
    data = export_personal_data(request.user, by=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False), content_type="application/json"
    )
    filename = f"included-your-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@reauthentication_required(allow_get=True)
def delete_account(request):
    """A confirmation page; deleting needs the person's password again if they signed in a while ago."""
    reasons = reasons_not_to_erase(request.user)
    if request.method == "POST" and not reasons:
        try:
            erase_account(request.user, by=request.user)
        except ErasureRefused as refused:
            reasons = refused.reasons
        else:
            logout(request)
            return redirect("accounts:deleted")
    return render(
        request,
        "accounts/delete_account.html",
        {"reasons": reasons, "page_has_errors": bool(reasons) and request.method == "POST"},
    )


@login_not_required
def account_deleted(request):
    return render(request, "accounts/account_deleted.html")


def two_step_needed(request):
    if not needs_two_step(request.user):
        return redirect(page_to_carry_on_to(request) or "www:home")
    return render(request, "accounts/two_step_needed.html")


def carry_on(request):
    """After setting up two-step verification, go on to the page the person wanted in the first place.

    Someone who set it up from their account settings, without being sent, goes back there.
    """
    return redirect(page_to_carry_on_to(request) or "accounts:settings")


@login_not_required
def admin_sign_in(request, extra_context=None):
    """The admin's sign-in page, in place of Django's, which takes a password alone with no limit on tries.

    It is wrapped in allauth's `secure_admin_login` (included/urls.py): people signed out are sent to Included's
    sign-in page and people who are not staff are refused, so only staff reach this, already signed in. They go
    on to the admin, where RequireTwoStepMiddleware asks for their code first if this session has not seen it.
    """
    return redirect("admin:index")


class ConfirmWithSecurityKeyView(ReauthenticateWebAuthnView):
    """allauth's "use your security key to confirm it is you" page, answering a refused key on the same page.

    allauth sends a refused key to the sign-in page, which sends a signed-in person to the home page: they would
    lose the change they were confirming. Here the page shows the problem and they can try again, or another way.
    """

    def form_invalid(self, form):
        context = self.get_context_data()  # fresh options for the browser: each challenge works once
        context["form"] = form
        return self.render_to_response(context)


confirm_with_security_key = ConfirmWithSecurityKeyView.as_view()
