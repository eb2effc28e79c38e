"""Lived-experience review: coordinators choose reviewers, reviewers give their view, organisations respond.

Who may see what is decided first, in each view, before any other work (and each service checks it again):
- coordinators of the partnership: the overview, submitted cycles and choosing reviewers;
- a reviewer: only the reviews they were asked to do (anyone else gets a 404);
- members of the organisation: the reviewers' comments on their own cycles (anyone else gets a 404).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from included.access import rules
from included.access.requests import access_for, organisation_for_member, require_coordinator, require_reviewer
from included.core import public_cache
from included.core.decorators import kept_for_each_person
from included.core.pagination import page_of, relinked
from included.core.public_cache import page_number
from included.core.queries import count_of
from included.core.versions import EditConflicts, saved_details
from included.partnerships.lookups import partnership_from_slug

from . import services
from .enums import ReviewStatus, Verdict
from .models import (
    Assessment,
    AssessmentItem,
    ConflictDeclaration,
    Review,
    ReviewComment,
    ReviewerAway,
    visible_cycles,
)
from .overview import (
    cycles_in_progress,
    outcome_of,
    sector_coverage,
    signatories,
    submitted_cycles,
    waiting_reviews,
    with_days_waiting,
)
from .review_forms import (
    AssignReviewersForm,
    AwayForm,
    CompleteReviewForm,
    ConflictForm,
    OrganisationSearchForm,
    ResponseForm,
    VerdictForm,
)

CYCLE_DETAILS = ("organisation", "sign_up__framework_version__framework")
# Each table on the overview shows this many rows at a time, so the page stays the same size however many
# organisations a partnership has.
OVERVIEW_PAGE_SIZE = 25
REVIEWS_PAGE_SIZE = 25


def _partnership_kwargs(partnership, **extra):
    return {"partnership_slug": partnership.slug, **extra}


def _review_url(review, name="assessments:review", **extra):
    return reverse(
        name, kwargs=_partnership_kwargs(review.assessment.organisation.partnership, review_id=review.pk, **extra)
    )


def _own_review(request, partnership, review_id):
    """The review, if the signed-in person is a reviewer in this partnership and it is theirs. Otherwise a 404."""
    if not access_for(request, partnership).is_reviewer:
        raise Http404("No such review")
    review = get_object_or_404(
        Review.objects.select_related("reviewer", *(f"assessment__{field}" for field in CYCLE_DETAILS)),
        pk=review_id,
        reviewer=request.user,
        assessment__organisation__partnership=partnership,
        assessment__in=Assessment.objects.visible_to(request.user),
    )
    review.assessment.organisation.partnership = partnership
    return review


# Coordinators ------------------------------------------------------------------------------------------------------


# The overview's lists kept in the cache: (the page number's name in the address, the list's heading).
OVERVIEW_CACHED_LISTS = {
    "sign_ups": ("sign_ups_page", "signatories"),
    "in_progress": ("in_progress_page", "in-progress"),
    "submitted": ("submitted_page", "submitted"),
}


def _overview_content(request, partnership, access, name):
    """The overview's lists (but reviews waiting) and sector coverage: the same for every coordinator."""

    def page(rows, key):
        param, anchor = OVERVIEW_CACHED_LISTS[key]
        return page_of(request, rows, per_page=OVERVIEW_PAGE_SIZE, param=param, anchor=anchor)

    sign_ups = page(signatories(partnership, name=name), "sign_ups")
    # Plain values, not model instances: the cache reads them back many times faster.
    sign_ups.rows = [
        {
            "organisation": {"name": sign_up.organisation.name, "slug": sign_up.organisation.slug},
            "framework_version": {"framework": {"name": sign_up.framework_version.framework.name}},
            "signed_at": sign_up.signed_at,
            "outcome": outcome_of(sign_up),
        }
        for sign_up in sign_ups
    ]
    submitted = page(submitted_cycles(access, request.user, name=name), "submitted")
    submitted.rows = [
        {
            "pk": cycle.pk,
            "number": cycle.number,
            "status": cycle.status,
            "submitted_at": cycle.submitted_at,
            "organisation": {"name": cycle.organisation.name},
            "sign_up": {"framework_version": {"framework": {"name": cycle.sign_up.framework_version.framework.name}}},
            "reviewers_asked": cycle.reviewers_asked,
            "reviewers_finished": cycle.reviewers_finished,
        }
        for cycle in submitted
    ]
    coverage = sector_coverage(partnership)
    return {
        "sign_ups": sign_ups,
        "in_progress": page(cycles_in_progress(partnership, name=name), "in_progress"),
        "submitted": submitted,
        "coverage": coverage,
        "missing_sectors": [row.label for row in coverage if not row.members],
    }


@require_safe
@kept_for_each_person
def overview(request, partnership_slug):
    """Coordinators: who signed up, which cycles are in progress or submitted, reviews waiting, sector coverage.

    Counting and sorting every sign-up and cycle of a large partnership takes time, and coordinators all see the
    same lists, so without a search they are kept in the cache (included/core/public_cache.py), which any change
    to a sign-up, cycle, review, organisation or framework clears. Reviews waiting are read afresh: they name
    reviewers, whose own changes do not clear it.
    """
    partnership = partnership_from_slug(partnership_slug)
    access = require_coordinator(request, partnership)
    form = OrganisationSearchForm(request.GET or None)
    name = form.chosen_text()
    if name:
        content = _overview_content(request, partnership, access, name)
    else:
        numbers = [page_number(request.GET.get(param)) for param, _ in OVERVIEW_CACHED_LISTS.values()]
        content = public_cache.cached_content(
            partnership.pk,
            "coordinators-overview",
            numbers,
            lambda: _overview_content(request, partnership, access, name),
            # A page number past the end shows the last page: not kept, so odd addresses cannot fill the cache.
            keep=lambda built: [built[key].number for key in OVERVIEW_CACHED_LISTS] == numbers,
        )
        content |= {
            key: relinked(request, content[key], param=param, anchor=anchor)
            for key, (param, anchor) in OVERVIEW_CACHED_LISTS.items()
        }
    waiting = page_of(
        request,
        waiting_reviews(partnership, name=name),
        per_page=OVERVIEW_PAGE_SIZE,
        param="waiting_page",
        anchor="waiting",
    )
    waiting.rows = with_days_waiting(waiting.rows)
    return render(
        request,
        "assessments/overview.html",
        {
            "partnership": partnership,
            "search_form": form,
            "page_has_errors": bool(form.is_bound and form.errors),
            "searched": name,
            "waiting": waiting,
            **content,
        },
    )


@require_safe
def submitted_assessment(request, partnership_slug, assessment_id):
    """A submitted cycle, read-only: for the partnership's coordinators and the reviewers asked to look at it."""
    partnership = partnership_from_slug(partnership_slug)
    access = access_for(request, partnership)
    cycle = get_object_or_404(
        Assessment.objects.visible_to(request.user)
        .for_partnership(partnership)
        .submitted()
        .select_related(*CYCLE_DETAILS),
        pk=assessment_id,
    )
    reviews = list(cycle.reviews.select_related("reviewer").order_by("created_at", "pk"))
    own_review = next((review for review in reviews if review.reviewer_id == request.user.pk), None)
    if not access.is_coordinator and own_review is None:
        raise Http404("No such self-assessment")
    return render(
        request,
        "assessments/review/submitted.html",
        {
            "partnership": partnership,
            "assessment": cycle,
            "answers": cycle.items.for_display(),
            "reviews": reviews,
            "own_review": own_review,
            # Reviewers form their own view: they do not read each other's comments.
            "show_reviews": access.is_coordinator,
            "is_coordinator": access.is_coordinator,
        },
    )


@require_http_methods(["GET", "POST"])
def assign(request, partnership_slug, assessment_id):
    """Coordinators choose lived-experience reviewers for a submitted cycle."""
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    cycle = get_object_or_404(
        Assessment.objects.visible_to(request.user)
        .for_partnership(partnership)
        .submitted()
        .select_related(*CYCLE_DETAILS),
        pk=assessment_id,
    )
    assigned = list(cycle.reviews.select_related("reviewer").order_by("created_at", "pk"))
    form = AssignReviewersForm(request.POST if request.method == "POST" else None, reviewers=cycle.reviewers_to_ask())
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["reviewers"])
        try:
            services.assign_reviewers(cycle, chosen, by=request.user)
        except ValidationError as error:
            form.add_error("reviewers", error)
        else:
            names = ", ".join(reviewer.name or reviewer.email for reviewer in chosen)
            messages.success(request, f"You asked {names} to review this self-assessment.")
            return redirect("assessments:submitted", partnership_slug=partnership.slug, assessment_id=cycle.pk)
    return render(
        request,
        "assessments/review/assign.html",
        {
            "partnership": partnership,
            "assessment": cycle,
            "assigned": assigned,
            "form": form,
            "has_candidates": bool(form.fields["reviewers"].queryset),
        },
    )


# Reviewers ---------------------------------------------------------------------------------------------------------


@require_safe
@kept_for_each_person
def my_reviews(request, partnership_slug):
    """A reviewer's own reviews in this partnership: those waiting, then those finished."""
    partnership = partnership_from_slug(partnership_slug)
    require_reviewer(request, partnership)
    reviews = (
        Review.objects.for_reviewer(request.user)
        .filter(visible_cycles(request.user, "assessment__"), assessment__organisation__partnership=partnership)
        .select_related(*(f"assessment__{field}" for field in CYCLE_DETAILS))
    )
    challenges = ReviewComment.objects.filter(review=OuterRef("pk"), verdict=Verdict.CHALLENGE)
    waiting = reviews.waiting().annotate(
        given=count_of(ReviewComment.objects.filter(review=OuterRef("pk"))),
        item_count=count_of(AssessmentItem.objects.filter(assessment=OuterRef("assessment"))),
    )
    return render(
        request,
        "assessments/review/my_reviews.html",
        {
            "partnership": partnership,
            "waiting": page_of(
                request, waiting.order_by("created_at", "pk"), per_page=REVIEWS_PAGE_SIZE, param="waiting_page"
            ),
            "finished": page_of(
                request,
                reviews.finished()
                .annotate(
                    challenges=count_of(challenges),
                    answered=count_of(challenges.exclude(response="")),
                )
                .order_by("-completed_at", "-pk"),
                per_page=REVIEWS_PAGE_SIZE,
                param="finished_page",
                anchor="finished",
            ),
        },
    )


def _answers_with_views(review):
    answers = list(review.assessment.items.with_framework().prefetch_related("files"))
    views = {comment.assessment_item_id: comment for comment in review.comments.all()}
    for answer in answers:
        answer.my_view = views.get(answer.pk)
    return answers


def _with_answers_to_reviewer(user, review, answers):
    """Add to each answer the organisation's answer to this reviewer's comment (`answer_to_me`), and what the same
    reviewer said about the same item in earlier cycles, with the answers they had (`earlier_views`).

    Earlier reviews are by the same reviewer in the same partnership, so one access check covers them all.
    """
    readable = rules.can_read_responses(user, review)
    earlier = {}
    for comment in ReviewComment.objects.earlier_than(review):
        comment.answer_to_me = comment.response if readable else ""
        earlier.setdefault(comment.assessment_item.item_id, []).append(comment)
    for answer in answers:
        answer.answer_to_me = answer.my_view.response if readable and answer.my_view else ""
        answer.earlier_views = earlier.get(answer.item_id, [])
    return answers


@require_safe
def review(request, partnership_slug, review_id):
    """The reviewer's list of the organisation's ratings, each with its evidence and the reviewer's view so far."""
    partnership = partnership_from_slug(partnership_slug)
    own = _own_review(request, partnership, review_id)
    answers = _with_answers_to_reviewer(request.user, own, _answers_with_views(own))
    return render(
        request,
        "assessments/review/review.html",
        {
            "partnership": partnership,
            "review": own,
            "assessment": own.assessment,
            "answers": answers,
            "given": sum(1 for answer in answers if answer.my_view),
            "first_to_do": next((answer for answer in answers if not answer.my_view), None),
            "declaration": _declaration(own),
            "what_changed": _what_changed(own, answers),
        },
    )


def _what_changed(review, answers):
    """For a finished review: what the reviewer said and, once the organisation has answered every challenge, that
    the loop is closed. None while the review is still open."""
    if review.status != ReviewStatus.COMPLETED:
        return None
    views = [answer.my_view for answer in answers if answer.my_view]
    challenged = [answer for answer in answers if answer.my_view and answer.my_view.is_challenge]
    answered = [answer for answer in challenged if answer.answer_to_me]
    return {
        "agreed": len(views) - len(challenged),
        "challenged": len(challenged),
        "answered": answered,
        "all_answered": len(answered) == len(challenged),
    }


@require_http_methods(["GET", "POST"])
def verdict(request, partnership_slug, review_id, item_id):
    """Agree with or challenge one rating. A challenge needs a reason."""
    partnership = partnership_from_slug(partnership_slug)
    own = _own_review(request, partnership, review_id)
    if not _free_to_review(own):
        return redirect(_review_url(own))
    cycle = own.assessment
    answers = list(cycle.items.for_display().filter(pk=item_id))
    if not answers:
        raise Http404("No such item")
    answer = answers[0]
    if own.status == ReviewStatus.COMPLETED:
        messages.info(request, "You have finished this review, so it can no longer change.")
        return redirect(_review_url(own))
    ordered = list(cycle.items.with_framework().values_list("pk", flat=True))
    position = ordered.index(answer.pk)
    next_id = ordered[position + 1] if position + 1 < len(ordered) else None
    existing = own.comments.filter(assessment_item=answer).first()
    answer.my_view = existing
    _with_answers_to_reviewer(request.user, own, [answer])
    initial = {"verdict": existing.verdict, "comment": existing.comment} if existing else None
    form = VerdictForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_verdict(
                own, answer, verdict=form.cleaned_data["verdict"], comment=form.cleaned_data["comment"], by=request.user
            )
        except ValidationError as error:
            form.add_error("comment", error)
        except services.AssessmentLocked:
            messages.info(request, "You have finished this review, so it can no longer change.")
            return redirect(_review_url(own))
        else:
            messages.success(request, f"Saved your view on {answer.item.number}. {answer.item.title}.")
            if "next" in request.POST:
                if next_id is not None:
                    return redirect(_review_url(own, "assessments:verdict", item_id=next_id))
                return redirect(_review_url(own, "assessments:complete_review"))
            return redirect(_review_url(own))
    return render(
        request,
        "assessments/review/verdict.html",
        {
            "partnership": partnership,
            "review": own,
            "assessment": cycle,
            "answer": answer,
            "answers": answers,
            "form": form,
            "position": position + 1,
            "count": len(ordered),
            "is_last": next_id is None,
        },
    )


@require_http_methods(["GET", "POST"])
def complete(request, partnership_slug, review_id):
    """Check every view given, add an overall comment if wanted, and finish the review."""
    partnership = partnership_from_slug(partnership_slug)
    own = _own_review(request, partnership, review_id)
    if own.status == ReviewStatus.COMPLETED:
        messages.info(request, "You have already finished this review. Thank you.")
        return redirect(_review_url(own))
    if not _free_to_review(own):
        return redirect(_review_url(own))
    answers = _answers_with_views(own)
    form = CompleteReviewForm(request.POST if request.method == "POST" else None, initial={"summary": own.summary})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.complete_review(own, summary=form.cleaned_data["summary"], by=request.user)
        except services.NotReady as not_ready:
            form.add_error(None, str(not_ready))
            for answer in answers:
                if not answer.my_view:
                    form.add_error(None, f"Give your view on {answer.item.number}. {answer.item.title}")
            status = 400
        except services.AssessmentLocked:
            messages.info(request, "You have already finished this review. Thank you.")
            return redirect(_review_url(own))
        else:
            messages.success(
                request,
                f"Thank you. Your review of {own.assessment.organisation.name} is finished. "
                "The organisation can now read your comments and respond.",
            )
            return redirect("assessments:my_reviews", partnership_slug=partnership.slug)
    return render(
        request,
        "assessments/review/complete.html",
        {
            "partnership": partnership,
            "review": own,
            "assessment": own.assessment,
            "answers": answers,
            "missing": [answer for answer in answers if not answer.my_view],
            "form": form,
        },
        status=status,
    )


def _declaration(review):
    return ConflictDeclaration.objects.filter(review=review).first()


def _free_to_review(review):
    """A reviewer starts only once they have said they have no conflict of interest."""
    declaration = _declaration(review)
    return review.status == ReviewStatus.COMPLETED or (declaration is not None and not declaration.has_conflict)


@require_http_methods(["GET", "POST"])
def declare_conflict(request, partnership_slug, review_id):
    """Before starting, the reviewer says whether they have a conflict of interest with the organisation."""
    partnership = partnership_from_slug(partnership_slug)
    own = _own_review(request, partnership, review_id)
    declared = _declaration(own)
    initial = (
        {"has_conflict": "yes" if declared.has_conflict else "no", "details": declared.details} if declared else None
    )
    form = ConflictForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.declare_conflict(
                own,
                has_conflict=form.cleaned_data["has_conflict"],
                details=form.cleaned_data["details"],
                by=request.user,
            )
        except (ValidationError, services.AssessmentLocked) as error:
            form.add_error(None, error.messages[0] if isinstance(error, ValidationError) else str(error))
        else:
            if form.cleaned_data["has_conflict"]:
                messages.success(
                    request,
                    "Thank you for telling us. You will not do this review. Your coordinators can see what you said "
                    "and can ask someone else.",
                )
            else:
                messages.success(request, "Thank you. You can start your review.")
            return redirect(_review_url(own))
    context = {"partnership": partnership, "review": own, "assessment": own.assessment, "form": form}
    return render(request, "assessments/review/conflict.html", context)


@require_http_methods(["GET", "POST"])
def availability(request, partnership_slug):
    """A reviewer says they are not available for new reviews until a day. No reason is asked for."""
    partnership = partnership_from_slug(partnership_slug)
    require_reviewer(request, partnership)
    away = ReviewerAway.objects.filter(reviewer=request.user, partnership=partnership).first()
    form = AwayForm(request.POST if request.method == "POST" and "available" not in request.POST else None)
    if request.method == "POST":
        if "available" in request.POST:
            services.clear_away(request.user, partnership, by=request.user)
            messages.success(request, "You can be asked to do new reviews again.")
            return redirect("assessments:availability", partnership_slug=partnership.slug)
        if form.is_valid():
            services.set_away(request.user, partnership, form.cleaned_data["until"], by=request.user)
            messages.success(request, "Saved. We will not ask you to do new reviews until then.")
            return redirect("assessments:availability", partnership_slug=partnership.slug)
    context = {"partnership": partnership, "away": away, "form": form, "today": timezone.localdate()}
    return render(request, "assessments/review/availability.html", context)


# Organisations -----------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def respond(request, partnership_slug, organisation_slug, assessment_id):
    """Members of the organisation read the finished reviews of a cycle and answer each challenge."""
    partnership = partnership_from_slug(partnership_slug)
    organisation = organisation_for_member(request, partnership, organisation_slug)
    cycle = get_object_or_404(
        Assessment.objects.visible_to(request.user).submitted().select_related(*CYCLE_DETAILS),
        pk=assessment_id,
        organisation=organisation,
    )
    # A reviewer can change their mind until they finish, so only finished reviews reach the organisation.
    reviews = list(cycle.reviews.finished().select_related("reviewer").order_by("completed_at", "pk"))
    comments = list(
        ReviewComment.objects.finished()
        .filter(assessment_item__assessment=cycle)
        .select_related("review__reviewer", "assessment_item__item__section")
        .order_by(
            "assessment_item__item__section__position", "assessment_item__item__position", "review__completed_at", "pk"
        )
    )
    items, forms = _challenge_forms(cycle, comments, request.POST if request.method == "POST" else None)
    conflict = None
    if request.method == "POST" and forms and all(form.is_valid() for form in forms):
        try:
            changed = services.answer_challenges(
                cycle,
                {form.comment: form.cleaned_data["response"] for form in forms},
                versions={form.comment: form.expected_version for form in forms},
                by=request.user,
            )
        except ValidationError as error:
            unanswered = [form for form in forms if not form.cleaned_data["response"]]
            (unanswered or forms)[0].add_error("response", error)
        except EditConflicts as edit_conflicts:
            # Show what is saved now. The forms keep what this person typed, with the newer version numbers.
            data = request.POST.copy()
            for each in edit_conflicts.conflicts:
                data[f"challenge-{each.current.pk}-version"] = each.current.version
            items, forms = _challenge_forms(cycle, comments, data)
            for form in forms:
                form.is_valid()
            conflict = _saved_responses(edit_conflicts)
        else:
            if changed:
                messages.success(
                    request,
                    "Your responses are saved. Each reviewer can read your answers to their own challenges, "
                    "and your coordinators can read them all.",
                )
            else:
                messages.info(request, "Nothing has changed, so there was nothing new to save.")
            return redirect(
                "assessments:assessment",
                partnership_slug=partnership.slug,
                organisation_slug=organisation.slug,
                assessment_id=cycle.pk,
            )
    return render(
        request,
        "assessments/review/respond.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "assessment": cycle,
            "reviews": reviews,
            "items": items,
            "forms": forms,
            "page_has_errors": any(form.errors for form in forms),
            "challenge_count": len(forms),
            "answered": sum(1 for form in forms if form.comment.response),
            "conflict": conflict,
        },
        status=409 if conflict else 200,
    )


def _challenge_forms(cycle, comments, data):
    """The reviewers' comments grouped by item, with a response form for each challenge; and those forms."""
    items = []
    forms = []
    for comment in comments:
        if not items or items[-1]["answer"].pk != comment.assessment_item_id:
            rating = comment.assessment_item.rating
            level = cycle.framework_version.level(rating) if rating else None
            items.append({"answer": comment.assessment_item, "level": level, "entries": []})
        form = ResponseForm(data, comment=comment) if comment.is_challenge else None
        if form is not None:
            forms.append(form)
        items[-1]["entries"].append({"comment": comment, "form": form})
    return items, forms


def _saved_responses(edit_conflicts):
    """What the edit-conflict component shows: the responses someone else saved, who saved them and when."""
    saved = [conflict.current for conflict in edit_conflicts.conflicts]
    savers = {comment.responded_by for comment in saved}
    rows = [
        {
            "label": f"Response to {comment.review.reviewer.name or 'a reviewer'} on {comment.assessment_item.item}",
            "value": comment.response or "Nothing",
        }
        for comment in saved
    ]
    return saved_details(
        rows,
        what="this response" if len(saved) == 1 else f"{len(saved)} of these responses",
        by=savers.pop() if len(savers) == 1 else None,
        at=max(comment.responded_at or comment.updated_at for comment in saved),
    )
