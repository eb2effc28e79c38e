"""Possible duplicates of a request to join: members of the partnership, or other waiting requests, that may be the
same organisation.

Two things count: the same charity or company number, or a name that reads as nearly the same once capitals,
punctuation and words like "Ltd" and "The" are set aside (see names.py). For a page of requests this runs two
queries, however many requests the page shows: one for members, one for waiting requests. Each query only fetches
candidates that share the number or the beginning of a long word of the name, and at most CANDIDATES of them, so a
partnership with thousands of members is never read whole.
"""

from dataclasses import dataclass

from django.db.models import Q, Value
from django.db.models.functions import Lower, Replace, Upper
from django.urls import reverse

from included.organisations.models import Organisation

from . import names, numbers
from .models import JoinRequest

CANDIDATES = 500
SAME_NUMBER = "The same charity or company number"
SAME_NAME = "The same name"
SIMILAR_NAME = "A similar name"
SAME_EMAIL = "The same contact email address"


@dataclass(frozen=True)
class PossibleDuplicate:
    name: str
    url: str
    reasons: tuple
    is_member: bool  # a member organisation, or else another waiting request


def _search(requests, *, name_field, number_field):
    """One filter that finds every candidate for any of the requests: the same number, or a shared word start."""
    wanted = Q(pk__in=[])
    numbers_wanted = {r.registration_number for r in requests if r.registration_number}
    if numbers_wanted:
        wanted |= Q(**{f"{number_field}__in": numbers_wanted})
    for stem in {stem for r in requests for stem in names.stems(r.organisation_name)}:
        wanted |= Q(**{f"{name_field}__icontains": stem})
    return wanted


def _worth_comparing(request):
    """Whether a candidate (its name in lower case, its number, its email) is one `_search` finds for this request."""
    stems = [stem.casefold() for stem in names.stems(request.organisation_name)]
    email = (request.contact_email or "").lower()

    def worth_comparing(folded_name, number, candidate_email=""):
        if request.registration_number and number == request.registration_number:
            return True
        if email and candidate_email == email:
            return True
        return any(stem in folded_name for stem in stems)

    return worth_comparing


def _reasons(request, name, number, email="", *, keys=None):
    """Why `name` (with its number and email) may be the same organisation as the request. `keys` may hold names'
    keys already worked out, {name: key}, as one page compares the same names many times."""
    keys = {} if keys is None else keys
    for each in (request.organisation_name, name):
        if each not in keys:
            keys[each] = names.key(each)
    reasons = []
    if request.registration_number and numbers.normalise(number) == request.registration_number:
        reasons.append(SAME_NUMBER)
    likeness = names.likeness_of_keys(keys[request.organisation_name], keys[name], at_least=names.SIMILAR_ENOUGH)
    if likeness == 1.0:
        reasons.append(SAME_NAME)
    elif likeness >= names.SIMILAR_ENOUGH:
        reasons.append(SIMILAR_NAME)
    if email and request.contact_email and email.lower() == request.contact_email.lower():
        reasons.append(SAME_EMAIL)
    return tuple(reasons)


def possible_duplicates(partnership, requests):
    """{request id: [PossibleDuplicate, ...]} for each of the requests, members first."""
    requests = list(requests)
    found = {request.pk: [] for request in requests}
    if not requests:
        return found
    members = (
        Organisation.objects.for_partnership(partnership)
        .annotate(number=Upper(Replace("registration_number", Value(" "), Value(""))))
        .filter(_search(requests, name_field="name", number_field="number"))
        .order_by("name", "pk")
        .values_list("name", "registration_number")[:CANDIDATES]
    )
    emails = {r.contact_email.lower() for r in requests if r.contact_email}
    waiting = (
        JoinRequest.objects.for_partnership(partnership)
        .pending()
        .annotate(email=Lower("contact_email"))
        .filter(
            _search(requests, name_field="organisation_name", number_field="registration_number") | Q(email__in=emails)
        )
        .only("pk", "organisation_name", "registration_number", "contact_email", "partnership_id")
        .oldest_first()[:CANDIDATES]
    )
    slug = partnership.slug
    members = [(name, number, name.casefold()) for name, number in members]
    waiting = [(other, other.organisation_name.casefold()) for other in waiting]
    keys = {}
    for request in requests:
        # The candidates were fetched for the whole page: each request is compared only with those it would have
        # found on its own (the same number, a shared word start, the same email), so the slow comparison of
        # names runs a few times per request, not once for every candidate of the page.
        own = _worth_comparing(request)
        for name, number, folded in members:
            if not own(folded, numbers.normalise(number)):
                continue
            if reasons := _reasons(request, name, number, keys=keys):
                # Coordinators have no page of a member's own, so a member is named without a link.
                found[request.pk].append(PossibleDuplicate(name, "", reasons, is_member=True))
        for other, folded in waiting:
            if other.pk == request.pk or not own(folded, numbers.normalise(other.registration_number), other.email):
                continue
            if reasons := _reasons(
                request, other.organisation_name, other.registration_number, other.contact_email, keys=keys
            ):
                url = reverse("joining:request", kwargs={"partnership_slug": slug, "request_id": other.pk})
                found[request.pk].append(PossibleDuplicate(other.organisation_name, url, reasons, is_member=False))
    return found
