from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.account.internal.flows.reauthentication import suspend_request
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from included.access.rules import must_use_two_step
from included.core.decorators import is_public

from .models import AUTHENTICATOR_APP

# Set once the person has typed a code in this session, so later pages skip the check. The name changed when the
# check began asking for a code in each session: sessions marked under the old name must show a code once.
TWO_STEP_DONE = "two_step_used_this_session"
TWO_STEP_NEXT = "two_step_next"
# The namespace of Included's own account pages (included/accounts/urls.py).
ACCOUNT_PAGES = "accounts"
# django-allauth names its pages for signing in and out and for passwords "account_...", and those for setting up
# two-step verification and its recovery codes "mfa_...".
ALLAUTH_PAGE_NAMES = ("account_", "mfa_")
# allauth's page that asks a signed-in person for a code from their authenticator app (or a recovery code), and
# the one that asks them to use their security key or passkey.
ENTER_CODE = "mfa_reauthenticate"
USE_SECURITY_KEY = "mfa_reauthenticate_webauthn"
SIGN_OUT = "account_logout"


class RequireTwoStepMiddleware:
    """Coordinators, reviewers and staff see other people's work, so they must use two-step verification: set it
    up once (an authenticator app, or a security key or passkey), and use it in every session.

    - Until they have set it up, every page sends them to set it up, except the pages `open_without_two_step`
      allows. The page they were going to is kept, so they carry on there once it is set up.
    - Once it is set up, a session in which they have not typed a code (one signed in with the password alone, by
      Django's own login or an old admin sign-in) is sent to allauth's "Enter your code" page from every page but
      public ones and signing out (or to the page that asks for their security key, if they have no app). Then they
      carry on to the page they wanted; a form they sent is sent again.
    - Recovery codes alone are not two-step verification (see `User.has_two_step`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        match = request.resolver_match
        if (
            not user.is_authenticated
            or request.session.get(TWO_STEP_DONE)
            or is_public(match.func)
            or not must_use_two_step(user)
        ):
            return None
        if not user.has_two_step:
            if open_without_two_step(match):
                return None
            if request.method == "GET":
                request.session[TWO_STEP_NEXT] = request.get_full_path()
            return redirect(reverse("accounts:two_step_needed"))
        if two_step_used_this_session(request):
            remember_two_step(request)
            return None
        if not match.namespace and match.url_name in {ENTER_CODE, USE_SECURITY_KEY, SIGN_OUT}:
            return None
        return suspend_request(request, reverse(second_step_page(user)))


def second_step_page(user):
    """The page where a signed-in person shows it is them: the code page for someone with an authenticator app (it
    works in any browser, and links to the security key page), the security key page for someone with only a key."""
    return ENTER_CODE if AUTHENTICATOR_APP in user.two_step_kinds else USE_SECURITY_KEY


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
    return must_use_two_step(user) and not user.has_two_step


def two_step_used_this_session(request):
    """True once the person signed in now has used their second step in this session: typed a code from their
    authenticator app or a recovery code, or used their security key, to sign in, to confirm who they are, or to set
    the app or key up. allauth records each way a person proved who they are in the session, for that person only."""
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


def record_code_typed_at_set_up(request, user, kind=AUTHENTICATOR_APP):
    """Setting up an authenticator app means typing a right code from it, and adding a security key means using it,
    so either counts as using it in this session: the person is not asked for it again as soon as it is on.

    allauth records the codes typed and keys used to sign in and to confirm who someone is, but not at set-up.
    """
    record_authentication(request, user, "mfa", type=kind, set_up=True)


def remember_two_step(request):
    """Called once the person has typed a code in this session, so later pages skip the check."""
    request.session[TWO_STEP_DONE] = True


def forget_two_step(request):
    """Called when the person removes an authenticator app or a security key, so the check runs again."""
    request.session.pop(TWO_STEP_DONE, None)


def page_to_carry_on_to(request):
    """The page the person was going to before being asked to set up two-step verification, if it is ours."""
    path = request.session.pop(TWO_STEP_NEXT, None)
    if path and url_has_allowed_host_and_scheme(path, allowed_hosts={request.get_host()}, require_https=False):
        return path
    return None
