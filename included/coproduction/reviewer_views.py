"""Coordinators look after their lived-experience reviewers: each one's load (reviews open, hours this month),
when they are away, the conflicts they declared, and the time and pay of each review."""

import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from included.access.requests import require_coordinator
from included.access.rules import reviewers_of
from included.assessments.enums import ReviewStatus
from included.assessments.models import ConflictDeclaration, Review, ReviewerAway
from included.core.forms import SearchForm, search_field
from included.core.pagination import page_of
from included.core.queries import count_of
from included.partnerships.lookups import partnership_from_slug

from . import services
from .forms import ReviewTimeForm
from .models import ReviewPayment

PAGE_SIZE = 25


class ReviewerSearchForm(SearchForm):
    q = search_field("Reviewer's name", "Type part of their name.")


def reviewers_with_load(partnership, today):
    """Every reviewer of the partnership with their load, worked out in the one query that lists them."""
    month_start = today.replace(day=1)
    in_partnership = {"review__assessment__organisation__partnership": partnership}
    hours = (
        ReviewPayment.objects.filter(review__reviewer=OuterRef("pk"), given_on__gte=month_start, **in_partnership)
        .order_by()
        .values("review__reviewer")
        .annotate(total=Sum("hours_given"))
        .values("total")
    )
    return (
        get_user_model()
        .objects.filter(pk__in=reviewers_of(partnership))
        .annotate(
            reviews_open=count_of(
                Review.objects.filter(reviewer=OuterRef("pk"), assessment__organisation__partnership=partnership)
                .exclude(status=ReviewStatus.COMPLETED)
                .exclude(conflict_declaration__has_conflict=True)
            ),
            hours_this_month=Coalesce(
                Subquery(hours, output_field=DecimalField()), Value(0), output_field=DecimalField()
            ),
            away_until=Subquery(
                ReviewerAway.objects.filter(reviewer=OuterRef("pk"), partnership=partnership, until__gt=today).values(
                    "until"
                )[:1]
            ),
            conflicts=count_of(
                ConflictDeclaration.objects.filter(
                    review__reviewer=OuterRef("pk"),
                    has_conflict=True,
                    review__assessment__organisation__partnership=partnership,
                )
            ),
        )
        .order_by("name", "pk")
    )


def reviewers(request, partnership_slug):
    """Coordinators: each reviewer's load, so nobody is asked too much."""
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    search = ReviewerSearchForm(request.GET or None)
    today = timezone.localdate()
    listed = reviewers_with_load(partnership, today)
    if text := search.chosen_text():
        listed = listed.filter(name__icontains=text)
    page = page_of(request, listed, per_page=PAGE_SIZE)
    context = {
        "partnership": partnership,
        "page": page,
        "search_form": search,
        "searched": text,
        "month": today.strftime("%B %Y"),
    }
    return render(request, "coproduction/reviewers/list.html", context)


def reviewer(request, partnership_slug, user_id):
    """Coordinators: one reviewer's reviews in the partnership, with their time, pay and declared conflicts."""
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    person = get_object_or_404(get_user_model().objects.filter(pk__in=reviewers_of(partnership)), pk=user_id)
    reviews = (
        Review.objects.filter(reviewer=person, assessment__organisation__partnership=partnership)
        .select_related("assessment__organisation", "payment", "conflict_declaration")
        .order_by("-created_at", "-pk")
    )
    page = page_of(request, reviews, per_page=PAGE_SIZE)
    away = ReviewerAway.objects.filter(reviewer=person, partnership=partnership, until__gt=timezone.localdate()).first()
    context = {"partnership": partnership, "person": person, "page": page, "away": away}
    return render(request, "coproduction/reviewers/reviewer.html", context)


def review_time(request, partnership_slug, review_id):
    """Coordinators: record the time a reviewer gave to one review, and how they were paid or thanked."""
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    review = get_object_or_404(
        Review.objects.select_related("reviewer", "assessment__organisation__partnership"),
        pk=review_id,
        assessment__organisation__partnership=partnership,
    )
    if review.reviewer_id == request.user.pk:
        raise Http404("No such review")
    payment = ReviewPayment.objects.filter(review=review).first()
    if payment:
        initial = {
            name: getattr(payment, name)
            for name in ("given_on", "hours_given", "recognition", "hourly_rate", "voucher_value", "wage_area")
        }
    else:
        done = review.completed_at or timezone.now()
        initial = {"given_on": timezone.localdate(done) if isinstance(done, datetime.datetime) else done}
    form = ReviewTimeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.record_review_time(review, **form.cleaned_data, by=request.user)
        messages.success(request, f"Saved the time {review.reviewer.name or 'the reviewer'} gave.")
        return redirect("coproduction:reviewer", partnership_slug=partnership.slug, user_id=review.reviewer_id)
    context = {"partnership": partnership, "review": review, "form": form}
    return render(request, "coproduction/reviewers/review_time.html", context)
