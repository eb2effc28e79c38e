from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from included.access.requests import require_coordinator
from included.partnerships.lookups import partnership_from_slug

from .enums import WEEKLY_EMAIL, Frequency, Kind
from .forms import EmailChoicesForm
from .kinds import DEFAULTS, KINDS, Recipient, reminder_days
from .models import StoppedAddress
from .sending import choices_of, render_now
from .services import save_email_choices, stop_emails
from .tokens import BadLink, OldLink, read_token


def preferences(request):
    """The signed-in person chooses, for each kind of email, straight away, once a week or never."""
    form = EmailChoicesForm(request.POST if request.method == "POST" else None, current=choices_of(request.user))
    if request.method == "POST" and form.is_valid():
        save_email_choices(request.user, form.cleaned_data, by=request.user)
        messages.success(request, "Your email choices are saved.")
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@login_not_required
@csrf_exempt  # Mail programs send the one-click POST (RFC 8058) with no cookie: the signed link is the permission.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def stop(request, kind, token):
    """A link in every email: GET asks to confirm, POST stops that kind of email. No sign-in needed."""
    try:
        person, address = read_token(kind, token)
    except BadLink as error:
        context = {"too_old": isinstance(error, OldLink), "link_days": settings.UNSUBSCRIBE_LINK_DAYS}
        return render(request, "notifications/bad_link.html", context, status=400)
    what = "your weekly email" if kind == WEEKLY_EMAIL else f"emails about this: {Kind(kind).label.lower()}"
    context = {"what": what, "signed_in": request.user.is_authenticated, "has_account": person is not None}
    if request.method == "POST":
        if person is not None:
            stop_emails(person, kind, by=person)
        else:
            StoppedAddress.objects.stop(address, kind)
        return render(request, "notifications/stopped.html", context)
    return render(request, "notifications/stop.html", context)


@require_GET
def previews(request, partnership_slug):
    """Coordinators: the emails Included sends, each with made-up examples."""
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    return render(request, "notifications/previews.html", {"partnership": partnership, "kinds": list(KINDS.values())})


@require_GET
def preview(request, partnership_slug, kind):
    """Coordinators: one kind of email as a person would get it, written from made-up examples."""
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    kind_of_email = KINDS.get(kind)
    if kind_of_email is None:
        raise Http404("No such email")
    example = Recipient("robin@example.org", _ExamplePerson())
    subject, text, html = render_now(kind, [kind_of_email.sample()], example)
    return render(
        request,
        "notifications/preview.html",
        {
            "partnership": partnership,
            "kind": kind_of_email,
            "subject": subject,
            "text": text,
            "html": html,
            "body": _body_of(html),
            "sent_when": _sent_when(kind_of_email, partnership),
        },
    )


def _sent_when(kind_of_email, partnership):
    default = {Frequency.AT_ONCE: "Straight away", Frequency.WEEKLY: "In the weekly email", Frequency.NEVER: "Never"}
    when = f"{default[DEFAULTS[kind_of_email.kind]]}, unless the person chooses something else."
    if kind_of_email.reminder:
        when = f"Once, after {reminder_days(partnership, kind_of_email.kind)} days. " + when
    return when


class _ExamplePerson:
    """Stands in for the person an example email is for: it has a name, and no account to stop emails for."""

    pk = 0
    name = "Robin Example"
    email = "robin@example.org"


def _body_of(html):
    """What is inside the email's <body>, to show on the page: the page's own styles stand in for the email's."""
    start = html.find("<body>")
    end = html.rfind("</body>")
    return html[start + len("<body>") : end] if start != -1 and end != -1 else html
