from django.contrib import messages
from django.http import QueryDict

KEPT_WORK = "kept_work"
NOT_KEPT = {"csrfmiddlewaretoken"}


class KeepTypedWorkMiddleware:
    """When a session has ended, keep what the person was sending so they can carry on after signing in.

    It sits before LoginRequiredMiddleware: that middleware sends the person to sign in, and this one
    has already put their words in the session. Signing in keeps the session's data, so the page they
    come back to can offer the words again (see `recover_kept_work`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.user.is_authenticated:
            return None
        if not getattr(view_func, "login_required", True):
            return None
        data = {key: request.POST.getlist(key) for key in request.POST if key not in NOT_KEPT}
        if data:
            request.session[KEPT_WORK] = {"path": request.path, "data": data}
            messages.warning(request, "You were signed out, but we kept what you typed. Sign in to carry on.")
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
