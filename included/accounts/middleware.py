from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from included.access.models import PartnershipMember

TWO_STEP_DONE = "two_step_done"
TWO_STEP_NEXT = "two_step_next"
TWO_STEP_FREE_PREFIXES = ("/accounts/", "/static/", "/accessibility/", "/privacy/", "/cookies/", "/invitations/")


class RequireTwoStepMiddleware:
    """Coordinators and reviewers see other people's assessments, so they must set up two-step verification.

    Until they have, every page sends them to set it up; signing out, the account pages and invitation links
    still work. The page they were going to is kept, so they carry on there once it is set up.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.session.get(TWO_STEP_DONE)
            and not request.path.startswith(TWO_STEP_FREE_PREFIXES)
            and holds_a_partnership_role(user)
        ):
            if user.has_two_step:
                remember_two_step(request)
            else:
                if request.method == "GET":
                    request.session[TWO_STEP_NEXT] = request.get_full_path()
                return redirect(reverse("accounts:two_step_needed"))
        return self.get_response(request)


def holds_a_partnership_role(user):
    return PartnershipMember.objects.filter(user=user).exists()


def needs_two_step(user):
    return holds_a_partnership_role(user) and not user.has_two_step


def remember_two_step(request):
    """Called once the person has an authenticator, so later pages skip the check."""
    request.session[TWO_STEP_DONE] = True


def forget_two_step(request):
    """Called when the person removes their authenticator, so the check runs again."""
    request.session.pop(TWO_STEP_DONE, None)


def page_to_carry_on_to(request):
    """The page the person was going to before being asked to set up two-step verification, if it is ours."""
    path = request.session.pop(TWO_STEP_NEXT, None)
    if path and url_has_allowed_host_and_scheme(path, allowed_hosts={request.get_host()}, require_https=False):
        return path
    return None
