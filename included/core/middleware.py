import json
import re

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import Http404, QueryDict

KEPT_WORK = "kept_work"
# Enough for pages of writing; anyone can send a form signed out, so the session table must not take more.
KEPT_WORK_MAX_BYTES = 64 * 1024
NOT_KEPT = {"csrfmiddlewaretoken"}
# Passwords, one-time and recovery codes, tokens, secrets and keys are never written to the session, whatever the
# form: a field is left out if its name has any of these in it, in any case ("new_password1", "otp_code").
SECRET_FIELD = re.compile(r"pass(?:word|wd)|code|token|secret|otp|key", re.IGNORECASE)

KEPT_MESSAGE = "You were signed out, but we kept what you typed. Sign in to carry on."
TOO_LONG_MESSAGE = "You were signed out. What you typed was too long for us to keep. Go back to copy it, then sign in."


class RefuseNullCharactersMiddleware:
    """No web address has a NUL character in it. Answer "page not found" for one in the path and "bad request" for
    one in the query string, before anything reads them: PostgreSQL refuses NUL in text, so a view that looked one
    up would end in a server error. NUL in a form is for the form to refuse (Django's CharField does)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            raise Http404("No page has a NUL character in its address.")
        if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            raise BadRequest("A NUL character in the query string.")
        return self.get_response(request)


def keeps_typed_work(view):
    """Mark a view whose form offers back what a signed-out person typed (it calls `recover_kept_work`).

    Only these views have their form data kept when a session has ended: any other form could hold things that must
    not sit in the session table, and nothing would ever offer them back.
    """
    view.keeps_typed_work = True
    return view


class KeepTypedWorkMiddleware:
    """When a session has ended, keep what the person was sending so they can carry on after signing in.

    It sits before LoginRequiredMiddleware: that middleware sends the person to sign in, and this one
    has already put their words in the session. Signing in keeps the session's data, so the page they
    come back to can offer the words again (see `recover_kept_work`). It keeps work only for views marked
    `@keeps_typed_work`, never a field named like a password or code, and nothing at all over KEPT_WORK_MAX_BYTES.
    Expired sessions, with what they kept, are cleared every night (`manage.py clearsessions`, docs/deployment.md).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.user.is_authenticated:
            return None
        if not getattr(view_func, "keeps_typed_work", False) or not getattr(view_func, "login_required", True):
            return None
        data = {
            key: request.POST.getlist(key)
            for key in request.POST
            if key not in NOT_KEPT and not SECRET_FIELD.search(key)
        }
        if not data:
            return None
        if len(json.dumps(data).encode()) > KEPT_WORK_MAX_BYTES:
            messages.warning(request, TOO_LONG_MESSAGE)
            return None
        request.session[KEPT_WORK] = {"path": request.path, "data": data}
        messages.warning(request, KEPT_MESSAGE)
        return None


def recover_kept_work(request):
    """Form data kept from before the person signed in again, if it was meant for this page."""
    kept = request.session.get(KEPT_WORK)
    if not kept or kept.get("path") != request.path:
        return None
    del request.session[KEPT_WORK]
    data = QueryDict(mutable=True)
    for key, values in kept["data"].items():
        data.setlist(key, values)
    return data
