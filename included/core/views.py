from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static

from .text import duration_in_words


@login_not_required
def accessibility(request):
    return render(request, "core/accessibility.html")


def retention_periods():
    """How long the privacy notice says things are kept: the settings the retention job uses, so they never differ."""
    return {
        "invitations": settings.RETAIN_EXPIRED_INVITATIONS_DAYS,
        "emails": settings.RETAIN_SENT_EMAILS_DAYS,
        "contact_emails": settings.RETAIN_CONTACT_EMAILS_DAYS,
        "join_requests": settings.RETAIN_DECIDED_JOIN_REQUESTS_DAYS,
        "audit_details": settings.RETAIN_AUDIT_DETAILS_DAYS,
        "task_results": settings.RETAIN_TASK_RESULTS_DAYS,
        "notifications": settings.RETAIN_NOTIFICATIONS_DAYS,
    }


@login_not_required
def privacy(request):
    """The privacy notice for the whole site. Each partnership's own notice adds who to ask there."""
    return render(request, "core/privacy.html", {"retention": retention_periods(), "partnership": None})


@login_not_required
def cookies(request):
    return render(request, "core/cookies.html", {"session_lasts": duration_in_words(settings.SESSION_COOKIE_AGE)})


@login_not_required
def favicon(request):
    """Browsers ask for /favicon.ico where a page names no icon (a downloaded file, an error page)."""
    return redirect(static("images/favicon.ico"), permanent=True)


@login_not_required
def forbidden(request, exception=None):
    message = str(exception) if exception and str(exception) else "You do not have permission to see this page."
    return render(request, "403.html", {"message": message}, status=403)


# Addresses whose readers are programs: an error there is answered in JSON, as the API's own errors are, so what
# the OpenAPI document promises holds even for an address Django refuses before the API sees it.
JSON_ERROR_PREFIXES = ("/api/",)


def _answers_in_json(request):
    return request.path.startswith(JSON_ERROR_PREFIXES)


@login_not_required
def bad_request(request, exception=None):
    if _answers_in_json(request):
        return JsonResponse({"detail": "Something is wrong with this web address."}, status=400)
    return render(request, "400.html", status=400)


@login_not_required
def not_found(request, exception=None):
    if _answers_in_json(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return render(request, "404.html", status=404)


@login_not_required
def server_error(request):
    return render(request, "500.html", status=500)
