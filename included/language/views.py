import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from included.access.requests import access_for
from included.core import throttle
from included.core.decorators import same_for_everyone_signed_out
from included.core.middleware import keeps_typed_work, recover_kept_work
from included.partnerships.lookups import partnership_from_slug

from . import services
from .advice import advice_for, read_advice_token
from .checking import check_text
from .enums import WordListKind
from .forms import CheckWordsForm, DismissForm, SwitchEntryForm, WordListEntryForm, upload_limit_bytes
from .limits import limits_for
from .models import Dismissal, WordListChange
from .rendering import highlight, numbered
from .uploads import UploadSizeLimit
from .word_lists import described_dismissals, find_listed_entry, lexicon_for, listed_entries


def results_context(report):
    flags = numbered(report.flags)
    return {"report": report, "flags": flags, "highlighted": highlight(report.text, flags)}


@same_for_everyone_signed_out
@login_not_required
@csrf_exempt
def check_words(request, partnership_slug=None):
    """The standalone page: paste words or upload a document, see the scores and every suggestion in place.

    An uploaded file over the size limit is dropped as it arrives, not saved first; that handler must be set
    before anything reads the request body, so CSRF is checked just after, in `_check_words`.
    """
    if request.method == "POST":
        request.upload_handlers.insert(0, UploadSizeLimit(request, upload_limit_bytes()))
    return _check_words(request, partnership_slug)


@csrf_protect
@require_http_methods(["GET", "POST"])
def _check_words(request, partnership_slug):
    partnership = partnership_from_slug(partnership_slug) if partnership_slug else None
    can_edit = partnership is not None and _can_edit(request, partnership)
    limits = limits_for(request.user)
    context = {
        "partnership": partnership,
        "can_edit_word_lists": can_edit,
        "api_url": _api_url(partnership),
        "max_characters": limits.characters,
        "document_name": "",
        "throttled": False,
    }
    if request.method == "POST":
        if not throttle.allow(request, "language:page", limit=limits.page_checks_per_minute, window_seconds=60):
            context["throttled"] = True
            context["form"] = CheckWordsForm(initial={"text": request.POST.get("text", "")}, limits=limits)
            return render(request, "language/check.html", context, status=429)
        form = CheckWordsForm(request.POST, request.FILES, request=request, limits=limits)
        if form.is_valid():
            report = check_text(
                form.checked_text, easy_read=form.cleaned_data["easy_read"], lexicon=lexicon_for(partnership)
            )
            context.update(results_context(report))
            context["document_name"] = form.document_name
    else:
        form = CheckWordsForm(limits=limits)
    context["form"] = form
    return render(request, "language/check.html", context)


def _api_url(partnership):
    if partnership is None:
        return reverse("language:api")
    return reverse("language:api", kwargs={"partnership_slug": partnership.slug})


def _can_edit(request, partnership):
    access = access_for(request, partnership)
    return access.is_coordinator or access.is_reviewer


@login_not_required
@csrf_exempt
def check_api(request, partnership_slug=None):
    """POST a text, get the scores and flags as JSON. See docs/language.md.

    Requests with a session cookie must carry the CSRF token, like any form; requests without one (scripts,
    other services) need none, since nothing is done on anyone's behalf.
    """
    if request.method != "POST":
        return _json_error("Send the text with POST.", 405, headers={"Allow": "POST"})
    if _has_session(request):
        rejection = CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})
        if rejection is not None:
            return _json_error("Send the CSRF token in the X-CSRFToken header.", 403)
    try:
        partnership = partnership_from_slug(partnership_slug) if partnership_slug else None
    except Http404:
        return _json_error("There is no such partnership.", 404)
    limits = limits_for(request.user)
    if not throttle.allow(request, "language:api", limit=limits.api_checks_per_minute, window_seconds=60):
        return _json_error(
            "Too many checks in a minute. Wait a moment, then try again.",
            429,
            headers={"Retry-After": str(throttle.seconds_until_next_window(60))},
        )
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limits.api_max_body_bytes:
        return _json_error(limits.too_long("The text"), 413)
    try:
        payload = _api_payload(request)
    except ValueError as error:
        return _json_error(str(error), 400)
    text = payload["text"]
    if len(text) > limits.characters:
        return _json_error(limits.too_long("The text"), 413)

    if payload["advice"] and partnership is not None and request.user.is_authenticated:
        token = read_advice_token(payload["advice"], partnership=partnership, user=request.user)
        if token is None:
            return _json_error("The advice token has expired. Reload the page.", 403)
        advice = advice_for(
            text,
            partnership=partnership,
            text_key=token["t"],
            user=request.user,
            easy_read=payload["easy_read"],
            return_to=payload["return_to"],
        )
        body = advice.report.as_dict()
        for flag in body["flags"]:
            flag["dismissed"] = flag["key"] in advice.dismissed_keys
        if payload["render"] == "advice":
            body["html"] = render_to_string("language/_advice_body.html", {"advice": advice}, request=request)
        return JsonResponse(body)

    report = check_text(text, easy_read=payload["easy_read"], lexicon=lexicon_for(partnership))
    body = report.as_dict()
    if payload["render"] == "page":
        body["html"] = render_to_string("language/_results.html", results_context(report), request=request)
    elif payload["render"] == "advice":
        advice = advice_for(text, partnership=partnership, easy_read=payload["easy_read"])
        body["html"] = render_to_string("language/_advice_body.html", {"advice": advice}, request=request)
    return JsonResponse(body)


def _has_session(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES or request.user.is_authenticated


def _api_payload(request):
    content_type = request.content_type or ""
    if content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ValueError("The body is not valid JSON.") from error
        if not isinstance(data, dict):
            raise ValueError('Send a JSON object, like {"text": "Your words"}.')
    else:
        data = {key: request.POST.get(key) for key in ("text", "easy_read", "advice", "render", "return_to")}
        data["easy_read"] = (data.get("easy_read") or "").lower() in {"1", "true", "on", "yes"}
    text = data.get("text")
    if not isinstance(text, str):
        raise ValueError('Send the words to check as "text", a string.')
    easy_read = data.get("easy_read", False)
    if not isinstance(easy_read, bool):
        raise ValueError('"easy_read" must be true or false.')
    render_as = data.get("render") or ""
    if render_as not in {"", "page", "advice"}:
        raise ValueError('"render" must be "page" or "advice", or left out.')
    advice = data.get("advice") or ""
    return_to = data.get("return_to") or ""
    if not isinstance(advice, str) or not isinstance(return_to, str):
        raise ValueError('"advice" and "return_to" must be strings.')
    if return_to and not url_has_allowed_host_and_scheme(return_to, allowed_hosts=None):
        return_to = ""
    return {"text": text, "easy_read": easy_read, "render": render_as, "advice": advice, "return_to": return_to}


def _json_error(message, status, headers=None):
    return JsonResponse({"error": message}, status=status, headers=headers)


# Word lists: coordinators and lived-experience reviewers only.


def _word_list_access(request, partnership_slug):
    partnership = partnership_from_slug(partnership_slug)
    if not _can_edit(request, partnership):
        raise PermissionDenied("Only coordinators and lived-experience reviewers can change the word lists.")
    return partnership


def word_lists(request, partnership_slug):
    partnership = _word_list_access(request, partnership_slug)
    kind = request.GET.get("list", WordListKind.PLAIN)
    if kind not in WordListKind.values:
        kind = WordListKind.PLAIN
    return render(
        request,
        "language/word_lists.html",
        {
            "partnership": partnership,
            "kind": WordListKind(kind),
            "kinds": [WordListKind(value) for value in WordListKind.values],
            "entries": listed_entries(partnership, kind),
        },
    )


@require_http_methods(["GET", "POST"])
def add_word_list_entry(request, partnership_slug):
    partnership = _word_list_access(request, partnership_slug)
    lexicon = lexicon_for(partnership)
    initial = {"kind": request.GET.get("list")} if request.GET.get("list") in WordListKind.values else {}
    if request.method == "POST":
        form = WordListEntryForm(request.POST, lexicon=lexicon, initial=initial)
        if form.is_valid():
            data = form.cleaned_data
            services.add_entry(
                partnership,
                kind=data["kind"],
                phrases=data["phrases"],
                instead=data["instead"],
                why=data["why"],
                by=request.user,
            )
            messages.success(request, f"Added “{data['phrases'][0]}”. The checker uses it from now on.")
            return redirect(_word_lists_url(partnership, data["kind"]))
    else:
        form = WordListEntryForm(lexicon=lexicon, initial=initial)
    return render(
        request, "language/word_list_entry_form.html", {"partnership": partnership, "form": form, "entry": None}
    )


@require_http_methods(["GET", "POST"])
def change_word_list_entry(request, partnership_slug, kind, key):
    partnership = _word_list_access(request, partnership_slug)
    if kind not in WordListKind.values:
        raise Http404("No such list")
    entry = find_listed_entry(partnership, kind, key)
    if entry is None:
        raise Http404("No such entry")
    lexicon = lexicon_for(partnership)
    initial = {"kind": kind, "phrases": "\n".join(entry.find), "instead": entry.instead, "why": entry.why}
    if request.method == "POST":
        form = WordListEntryForm(request.POST, lexicon=lexicon, editing_key=key, asks_kind=False, initial=initial)
        if form.is_valid():
            data = form.cleaned_data
            services.change_entry(
                partnership,
                kind=kind,
                key=key,
                phrases=data["phrases"],
                instead=data["instead"],
                why=data["why"],
                by=request.user,
            )
            messages.success(request, f"Changed “{data['phrases'][0]}”.")
            return redirect(_word_lists_url(partnership, kind))
    else:
        form = WordListEntryForm(lexicon=lexicon, editing_key=key, asks_kind=False, initial=initial)
    return render(
        request, "language/word_list_entry_form.html", {"partnership": partnership, "form": form, "entry": entry}
    )


@require_POST
def switch_word_list_entry(request, partnership_slug, kind, key):
    partnership = _word_list_access(request, partnership_slug)
    if kind not in WordListKind.values or find_listed_entry(partnership, kind, key) is None:
        raise Http404("No such entry")
    form = SwitchEntryForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose whether to switch the entry on or off.")
        return redirect(_word_lists_url(partnership, kind))
    entry = services.switch_entry(partnership, kind=kind, key=key, on=form.cleaned_data["on"], by=request.user)
    state = "on" if entry.is_active else "off"
    messages.success(request, f"Switched “{entry.phrase_list[0]}” {state}.")
    return redirect(_word_lists_url(partnership, kind))


def word_list_history(request, partnership_slug):
    partnership = _word_list_access(request, partnership_slug)
    changes = WordListChange.objects.for_partnership(partnership).select_related("entry", "changed_by")[:200]
    return render(request, "language/word_list_history.html", {"partnership": partnership, "changes": changes})


def dismissed_suggestions(request, partnership_slug):
    """Every dismissal in the partnership, with its reason: only what the viewer may see already. The texts may be
    drafts they cannot see, so a dismissal names the kind of suggestion, and the word-list entry it was about."""
    partnership = _word_list_access(request, partnership_slug)
    dismissals = Dismissal.objects.for_partnership(partnership).select_related("dismissed_by")[:200]
    rows = described_dismissals(partnership, dismissals)
    return render(request, "language/dismissals.html", {"partnership": partnership, "dismissals": rows})


def _word_lists_url(partnership, kind):
    return f"{reverse('language:word_lists', kwargs={'partnership_slug': partnership.slug})}?list={kind}"


# Dismissing a suggestion beside another app's text field. The link carries a signed token, made for this person
# when the app showed them the advice, so the app's own permission check stands for this one.


def _signed_request(request, partnership_slug):
    partnership = partnership_from_slug(partnership_slug)
    token = read_advice_token(request.GET.get("token"), partnership=partnership, user=request.user)
    if token is None or "k" not in token:
        raise PermissionDenied("This link has expired or is not yours. Go back to the page and try again.")
    return partnership, token


def _return_to(request):
    target = request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("www:home")


@keeps_typed_work
@require_http_methods(["GET", "POST"])
def dismiss_suggestion(request, partnership_slug):
    partnership, token = _signed_request(request, partnership_slug)
    return_to = _return_to(request)
    if request.method == "POST":
        form = DismissForm(request.POST)
        if form.is_valid():
            try:
                services.dismiss_suggestion(
                    partnership,
                    text_key=token["t"],
                    flag_key=token["k"],
                    flag_label=token.get("l", ""),
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error("reason", error)
            else:
                messages.success(request, "Suggestion dismissed. We kept your reason.")
                return redirect(return_to)
    else:
        form = DismissForm(recover_kept_work(request))
    return render(
        request,
        "language/dismiss.html",
        {
            "partnership": partnership,
            "form": form,
            "kind": token.get("l", ""),
            "words": token.get("w", ""),
            "suggestion": token.get("s", ""),
            "return_to": return_to,
        },
    )


@require_http_methods(["GET", "POST"])
def restore_suggestion(request, partnership_slug):
    partnership, token = _signed_request(request, partnership_slug)
    return_to = _return_to(request)
    dismissal = Dismissal.objects.for_text(partnership, token["t"]).filter(flag_key=token["k"]).first()
    if dismissal is None:
        messages.success(request, "This suggestion is already showing.")
        return redirect(return_to)
    if request.method == "POST":
        services.restore_suggestion(partnership, text_key=token["t"], flag_key=token["k"], by=request.user)
        messages.success(request, "The suggestion is showing again.")
        return redirect(return_to)
    return render(
        request,
        "language/restore.html",
        {
            "partnership": partnership,
            "dismissal": dismissal,
            "suggestion": described_dismissals(partnership, [dismissal])[0].suggestion,
            "return_to": return_to,
        },
    )
