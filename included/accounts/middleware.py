from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from included.access.rules import holds_a_partnership_role
from included.core.decorators import is_public

TWO_STEP_DONE = "two_step_done"
TWO_STEP_NEXT = "two_step_next"
# The namespace of Included's own account pages (included/accounts/urls.py).
ACCOUNT_PAGES = "accounts"
# django-allauth names its pages for signing in and out and for passwords "account_...", and those for setting up
# two-step verification and its recovery codes "mfa_...".
ALLAUTH_PAGE_NAMES = ("account_", "mfa_")


class RequireTwoStepMiddleware:
    """Coordinators and reviewers see other people's assessments, so they must set up two-step verification.

    Until they have, every page sends them to set it up, except the pages `open_without_two_step` allows. The page
    they were going to is kept, so they carry on there once it is set up.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if (
            not user.is_authenticated
            or request.session.get(TWO_STEP_DONE)
            or open_without_two_step(request.resolver_match)
            or not holds_a_partnership_role(user)
        ):
            return None
        if user.has_two_step:
            remember_two_step(request)
            return None
        if request.method == "GET":
            request.session[TWO_STEP_NEXT] = request.get_full_path()
        return redirect(reverse("accounts:two_step_needed"))


def open_without_two_step(match):
    """The pages someone may open before they set up two-step verification, read from the page that was asked for:

    - public pages, the ones marked `@login_not_required` (invitation links among them), unless they show signed-in
      people their own work (`@private_when_signed_in`, like the home page);
    - their own account: Included's account pages, and allauth's, where they sign out, set up two-step
      verification and see their recovery codes.

    Static files never get here: WhiteNoise serves them before any view, and a path that is no page of ours is
    answered "not found" before this check runs.
    """
    if is_public(match.func):
        return True
    if match.namespace == ACCOUNT_PAGES:
        return True
    return not match.namespace and (match.url_name or "").startswith(ALLAUTH_PAGE_NAMES)


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
