"""Funding rounds, applications, panels and decisions: pages for the people taking part in a partnership.

Every page asks `included.access` before it does any work: 403 for a role someone lacks, 404 for an application
that is not theirs to see, so no applicant learns anything about another.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from included.access import rules
from included.access.models import OrganisationMember, PartnershipMember
from included.access.requests import access_for
from included.access.rules import require
from included.core.pagination import page_of
from included.core.versions import EditConflict, last_saved_by, saved_version
from included.language.checking.checker import check_text
from included.language.word_lists import lexicon_for
from included.partnerships.lookups import partnership_from_slug

from . import barriers, evidence, services
from .enums import STATUS_TAG_COLOURS, ApplicationStatus, PanelRole
from .forms import (
    AWARD,
    YES,
    AnswerForm,
    ApplicationForm,
    ChangeRoundForm,
    DecisionForm,
    DeclarationForm,
    LotForm,
    OpenRoundForm,
    PanelMemberForm,
    QuestionForm,
    RoundFilterForm,
    ScoreForm,
    ScoringFrameworkForm,
    WithdrawRoundForm,
)
from .loader import shipped_scoring_frameworks
from .models import Application, Question, Round, ScoringFramework
from .scoring import ScoringFileError

ROUNDS_PAGE_SIZE = 20
APPLICATIONS_PAGE_SIZE = 25


def _partnership_for_participant(request, partnership_slug):
    partnership = partnership_from_slug(partnership_slug)
    require(access_for(request, partnership).takes_part, "Only people taking part in this partnership can see this.")
    return partnership


def _round(request, partnership_slug, round_id):
    partnership = _partnership_for_participant(request, partnership_slug)
    round = get_object_or_404(
        Round.objects.select_related("organisation", "scoring_framework", "partnership"),
        partnership=partnership,
        pk=round_id,
    )
    return round


def _running(request, partnership_slug, round_id):
    round = _round(request, partnership_slug, round_id)
    require(
        rules.can_run_round(request.user, round), "Only the admins of the organisation running this round can do this."
    )
    return round


def _application(request, partnership_slug, round_id, application_id):
    round = _round(request, partnership_slug, round_id)
    application = get_object_or_404(Application.objects.with_parts(), round=round, pk=application_id)
    if not rules.can_see_application(request.user, application):
        raise Http404("No such application")
    return application


def _commissioning_organisations(request, partnership):
    return [
        organisation
        for organisation in access_for(request, partnership).organisations
        if rules.can_open_rounds(request.user, organisation)
    ]


def rounds(request, partnership_slug):
    """Everyone taking part: the rounds open now (or all of them), and the applications of their organisations."""
    partnership = _partnership_for_participant(request, partnership_slug)
    filter_form = RoundFilterForm(request.GET or None)
    showing = filter_form.chosen()
    listed = Round.objects.for_partnership(partnership).select_related("organisation").newest_first()
    if showing == RoundFilterForm.OPEN:
        listed = listed.open_on(timezone.localdate())
    page = page_of(request, listed, per_page=ROUNDS_PAGE_SIZE)
    own = (
        Application.objects.for_organisations(rules.organisations_of(request.user))
        .filter(round__partnership=partnership)
        .with_parts()
        .order_by("-submitted_at")[:50]
    )
    return render(
        request,
        "commissioning/rounds.html",
        {
            "partnership": partnership,
            "page": page,
            "filter_form": filter_form,
            "showing": showing,
            "own_applications": own,
            "can_open": bool(_commissioning_organisations(request, partnership)),
        },
    )


def open_round(request, partnership_slug):
    partnership = partnership_from_slug(partnership_slug)
    organisations = _commissioning_organisations(request, partnership)
    require(organisations, "Only the admins of a funder, commissioner or council can open a round.")
    shipped_scoring_frameworks()
    frameworks = list(ScoringFramework.objects.usable_in(partnership))
    form = OpenRoundForm(request.POST or None, organisations=organisations, frameworks=frameworks)
    if request.method == "POST" and form.is_valid():
        organisation = form.organisations[form.cleaned_data["organisation"]]
        round = services.open_round(
            organisation, by=request.user, form_token=form.cleaned_data["form_token"], **form.service_details()
        )
        messages.success(request, f"{round.title} is open.")
        return redirect("commissioning:round", partnership_slug=partnership.slug, round_id=round.pk)
    return render(
        request,
        "commissioning/open_round.html",
        {"partnership": partnership, "form": form, "page_has_errors": bool(form.errors)},
    )


def round(request, partnership_slug, round_id, *, lot_form=None):
    round = _round(request, partnership_slug, round_id)
    partnership = round.partnership
    runs = rules.can_run_round(request.user, round)
    access = access_for(request, partnership)
    applied = set(round.applications.values_list("organisation_id", flat=True))
    can_apply_for = [
        organisation
        for organisation in access.organisations
        if rules.can_apply(request.user, round, organisation)
        and organisation.pk not in applied
        and (not round.eligible_sectors or organisation.sector in round.eligible_sectors)
    ]
    page = None
    if runs:
        page = page_of(
            request, round.applications.with_parts().order_by("submitted_at", "id"), per_page=APPLICATIONS_PAGE_SIZE
        )
    place = rules.panel_place_of(request.user, round)
    panel_applications = round.applications.with_parts().order_by("submitted_at", "id") if place else None
    return render(
        request,
        "commissioning/round.html",
        {
            "partnership": partnership,
            "round": round,
            "scheme": round.scoring_framework.scheme,
            "lots": round.lots.all(),
            "runs": runs,
            "page": page,
            "colours": STATUS_TAG_COLOURS,
            "can_apply_for": can_apply_for if round.is_open else [],
            "panel_place": place,
            "panel_applications": panel_applications,
            "lot_form": lot_form or LotForm(),
            "page_has_errors": bool(lot_form and lot_form.errors),
        },
        status=400 if lot_form and lot_form.errors else 200,
    )


def change_round(request, partnership_slug, round_id):
    """The people running a round change its words, dates and money until it closes."""
    round = _running(request, partnership_slug, round_id)
    if refused := services.why_round_cannot_change(round):
        messages.error(request, refused)
        return redirect("commissioning:round", partnership_slug=round.partnership.slug, round_id=round.pk)
    initial = {name: getattr(round, name) for name in ChangeRoundForm.DETAILS} | {"version": round.version}
    form = ChangeRoundForm(request.POST if request.method == "POST" else None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.change_round(
                round, by=request.user, expected_version=form.expected_version, **form.details()
            )
        except EditConflict as edit_conflict:
            # Show both versions. The form keeps what this person typed, with the newer version number.
            current = edit_conflict.current
            data = request.POST.copy()
            data["version"] = current.version
            form = ChangeRoundForm(data, initial=initial)
            form.is_valid()
            values = {name: getattr(current, name) for name in ChangeRoundForm.DETAILS}
            conflict = saved_version(
                form,
                values,
                what="the round",
                by=last_saved_by(current, "commissioning.round_changed"),
                at=current.updated_at,
            )
        except services.CommissioningError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{changed.title} is changed.")
            return redirect("commissioning:round", partnership_slug=round.partnership.slug, round_id=round.pk)
    return render(
        request,
        "commissioning/change_round.html",
        {
            "partnership": round.partnership,
            "round": round,
            "form": form,
            "conflict": conflict,
            "page_has_errors": bool(form.errors),
        },
        status=409 if conflict else (400 if form.errors else 200),
    )


def withdraw_round(request, partnership_slug, round_id):
    """The people running a round withdraw it, with a reason that everyone who applied reads."""
    round = _running(request, partnership_slug, round_id)
    if round.is_withdrawn:
        messages.error(request, "This round has already been withdrawn.")
        return redirect("commissioning:round", partnership_slug=round.partnership.slug, round_id=round.pk)
    form = WithdrawRoundForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_round(round, by=request.user, reason=form.cleaned_data["reason"])
        except services.CommissioningError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{round.title} is withdrawn. We have told everyone who applied.")
            return redirect("commissioning:round", partnership_slug=round.partnership.slug, round_id=round.pk)
    return render(
        request,
        "commissioning/withdraw_round.html",
        {
            "partnership": round.partnership,
            "round": round,
            "form": form,
            "applications": round.applications.count(),
            "page_has_errors": bool(form.errors),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def add_lot(request, partnership_slug, round_id):
    round_ = _running(request, partnership_slug, round_id)
    form = LotForm(request.POST)
    if not form.is_valid():
        return round(request, partnership_slug, round_id, lot_form=form)
    services.add_lot(round_, by=request.user, **form.cleaned_data)
    messages.success(request, "The lot is added.")
    return redirect("commissioning:round", partnership_slug=partnership_slug, round_id=round_id)


def apply(request, partnership_slug, round_id, organisation_slug):
    round = _round(request, partnership_slug, round_id)
    organisation = get_object_or_404(round.partnership.organisations, slug=organisation_slug)
    if not rules.is_member(request.user, organisation):
        raise Http404("No such organisation")
    require(rules.can_apply(request.user, round, organisation), "Only your organisation's admins can apply.")
    scheme = round.scoring_framework.scheme
    form = ApplicationForm(request.POST or None, round=round, scheme=scheme)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            application = services.apply(
                round,
                organisation,
                by=request.user,
                form_token=form.cleaned_data["form_token"],
                **form.service_details(),
            )
        except services.CommissioningError as problem:
            form.add_error(None, str(problem))
            status = 400
        else:
            messages.success(request, "Your application is sent. We will tell you what the panel decides.")
            return redirect(
                "commissioning:application",
                partnership_slug=partnership_slug,
                round_id=round.pk,
                application_id=application.pk,
            )
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "commissioning/apply.html",
        {
            "partnership": round.partnership,
            "round": round,
            "organisation": organisation,
            "form": form,
            "evidence_preview": evidence.rows(evidence.snapshot(organisation)),
            "page_has_errors": bool(form.errors),
        },
        status=status,
    )


def application(request, partnership_slug, round_id, application_id, *, question_form=None, status=200):
    application = _application(request, partnership_slug, round_id, application_id)
    round = application.round
    scheme = round.scoring_framework.scheme
    user = request.user
    place = rules.panel_place_of(user, round)
    declaration = place.declarations.filter(application=application).first() if place else None
    own_score = place.scores.filter(application=application).first() if place else None
    answers = [(criterion, application.answers.get(criterion.key, "")) for criterion in scheme.criteria]
    questions = application.questions.select_related("asked_by", "answered_by")
    return render(
        request,
        "commissioning/application.html",
        {
            "partnership": round.partnership,
            "round": round,
            "application": application,
            "answers": answers,
            "evidence_rows": evidence.rows(application.evidence),
            "colour": STATUS_TAG_COLOURS[application.status],
            "panel_place": place,
            "declaration": declaration,
            "own_score": own_score,
            "declaration_form": DeclarationForm() if place and declaration is None else None,
            "can_score": rules.can_score(user, application),
            "can_see_scores": rules.can_see_scores(user, application),
            "runs": rules.can_run_round(user, round),
            "can_read_decision": rules.can_read_decision(user, application) and application.is_decided,
            "can_ask": rules.can_ask_about(user, application),
            "question_form": question_form or QuestionForm(),
            "answer_form": AnswerForm(),
            "questions": questions,
            "page_has_errors": bool(question_form and question_form.errors),
        },
        status=status,
    )


@require_POST
def declare(request, partnership_slug, round_id, application_id):
    application_ = _application(request, partnership_slug, round_id, application_id)
    require(rules.panel_place_of(request.user, application_.round) is not None, "Only panel members declare interests.")
    form = DeclarationForm(request.POST)
    if form.is_valid():
        try:
            services.declare_interest(
                application_,
                by=request.user,
                has_conflict=form.cleaned_data["has_conflict"] == YES,
                details=form.cleaned_data["details"],
            )
        except services.CommissioningError as problem:
            messages.error(request, str(problem))
    else:
        messages.error(request, "Say whether you have a conflict of interest.")
    return redirect(
        "commissioning:application", partnership_slug=partnership_slug, round_id=round_id, application_id=application_id
    )


def score(request, partnership_slug, round_id, application_id):
    application = _application(request, partnership_slug, round_id, application_id)
    require(
        rules.can_score(request.user, application),
        "You can score an application once, after you have said you have no conflict of interest with it.",
    )
    scheme = application.round.scoring_framework.scheme
    form = ScoreForm(request.POST or None, scheme=scheme)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.submit_score(
                application, by=request.user, scores=form.scores(), comments=form.cleaned_data["comments"]
            )
            messages.success(request, "Your scores are sent. You can now see the other panel members' scores.")
            return redirect(
                "commissioning:scores",
                partnership_slug=partnership_slug,
                round_id=round_id,
                application_id=application_id,
            )
        status = 400
    return render(
        request,
        "commissioning/score.html",
        {
            "partnership": application.round.partnership,
            "round": application.round,
            "application": application,
            "rows": [(application.answers.get(c.key, ""), form[ScoreForm.score_name(c)]) for c in scheme.criteria],
            "form": form,
            "page_has_errors": bool(form.errors),
        },
        status=status,
    )


def _score_table(application, scheme):
    scores = list(application.scores.select_related("panel_member__user"))
    return [
        {
            "criterion": criterion,
            "cells": [score.scores.get(criterion.key) for score in scores],
        }
        for criterion in scheme.criteria
    ], scores


def scores(request, partnership_slug, round_id, application_id, *, moderation_form=None, decision_form=None):
    """The panel's scores for one application: for panel members once they have sent their own, and for whoever
    runs the round (not on the panel) to moderate and decide."""
    application = _application(request, partnership_slug, round_id, application_id)
    require(rules.can_see_scores(request.user, application), "You can see the panel's scores once you have sent yours.")
    round = application.round
    scheme = round.scoring_framework.scheme
    table, score_rows = _score_table(application, scheme)
    runs = rules.can_run_round(request.user, round)
    waiting = list(services.scoring_still_to_do(application).select_related("user")) if runs else []
    conflicts = application.declarations.filter(has_conflict=True).select_related("panel_member__user")
    agreed = [
        (c, application.agreed_scores.get(c.key), scheme.level_name(application.agreed_scores.get(c.key)))
        for c in scheme.criteria
    ]
    return render(
        request,
        "commissioning/scores.html",
        {
            "partnership": round.partnership,
            "round": round,
            "application": application,
            "table": table,
            "score_rows": score_rows,
            "waiting": waiting,
            "conflicts": conflicts,
            "runs": runs,
            "agreed": agreed,
            "moderation_form": moderation_form
            or (ScoreForm(scheme=scheme, with_reasons=True) if runs and not application.is_decided else None),
            "decision_form": decision_form
            or (
                DecisionForm(application=application)
                if runs and application.is_moderated and not application.is_decided
                else None
            ),
            "page_has_errors": bool(
                (moderation_form and moderation_form.errors) or (decision_form and decision_form.errors)
            ),
        },
        status=400 if (moderation_form and moderation_form.errors) or (decision_form and decision_form.errors) else 200,
    )


@require_POST
def moderate(request, partnership_slug, round_id, application_id):
    application = _application(request, partnership_slug, round_id, application_id)
    require(rules.can_run_round(request.user, application.round), "Only the admins running this round can moderate.")
    form = ScoreForm(request.POST, scheme=application.round.scoring_framework.scheme, with_reasons=True)
    if form.is_valid():
        try:
            services.moderate(application, by=request.user, scores=form.scores(), reasons=form.cleaned_data["reasons"])
        except services.CommissioningError as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(request, "The agreed score is recorded.")
            return redirect(
                "commissioning:scores",
                partnership_slug=partnership_slug,
                round_id=round_id,
                application_id=application_id,
            )
    return scores(request, partnership_slug, round_id, application_id, moderation_form=form)


@require_POST
def decide(request, partnership_slug, round_id, application_id):
    application = _application(request, partnership_slug, round_id, application_id)
    require(rules.can_run_round(request.user, application.round), "Only the admins running this round can decide.")
    form = DecisionForm(request.POST, application=application)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.decide(
                application,
                by=request.user,
                award=data["decision"] == AWARD,
                amount_awarded=data.get("amount_awarded"),
                reasons=data["reasons"],
                feedback=data["feedback"],
            )
        except services.CommissioningError as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(request, "The decision is recorded. The applicant can read its letter now.")
            return redirect(
                "commissioning:letter",
                partnership_slug=partnership_slug,
                round_id=round_id,
                application_id=application_id,
            )
    return scores(request, partnership_slug, round_id, application_id, decision_form=form)


def letter(request, partnership_slug, round_id, application_id):
    """The award or decline letter, in plain English, with the agreed scores and the reasons. Prints cleanly."""
    application = _application(request, partnership_slug, round_id, application_id)
    require(rules.can_read_decision(request.user, application), "Only the applicant and the funder read the letter.")
    if not application.is_decided:
        raise Http404("No decision yet")
    scheme = application.round.scoring_framework.scheme
    return render(
        request,
        "commissioning/letter.html",
        {
            "partnership": application.round.partnership,
            "round": application.round,
            "application": application,
            "awarded": application.status == ApplicationStatus.AWARDED,
            "agreed": [
                (c, application.agreed_scores.get(c.key), scheme.level_name(application.agreed_scores.get(c.key)))
                for c in scheme.criteria
            ],
        },
    )


@require_POST
def ask(request, partnership_slug, round_id, application_id):
    application_ = _application(request, partnership_slug, round_id, application_id)
    require(rules.can_ask_about(request.user, application_), "Only the organisation that applied can ask.")
    form = QuestionForm(request.POST)
    if not form.is_valid():
        return application(request, partnership_slug, round_id, application_id, question_form=form, status=400)
    services.ask_question(application_, by=request.user, **form.cleaned_data)
    messages.success(request, "Sent. The funder will answer here.")
    return redirect(
        "commissioning:application", partnership_slug=partnership_slug, round_id=round_id, application_id=application_id
    )


@require_POST
def answer(request, partnership_slug, round_id, application_id, question_id):
    application_ = _application(request, partnership_slug, round_id, application_id)
    require(rules.can_run_round(request.user, application_.round), "Only the admins running this round can answer.")
    question = get_object_or_404(Question, application=application_, pk=question_id)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_question(question, by=request.user, answer=form.cleaned_data["answer"])
        except services.CommissioningError as problem:
            messages.error(request, str(problem))
        else:
            messages.success(request, "Your answer is saved. The applicant can read it on this page.")
    else:
        messages.error(request, form.errors["answer"][0])
    return redirect(
        "commissioning:application", partnership_slug=partnership_slug, round_id=round_id, application_id=application_id
    )


def _panel_candidates(round):
    """Officers from the funder, and the partnership's lived-experience reviewers, not already on the panel."""
    taken = set(round.panel.values_list("user_id", flat=True))
    officers = OrganisationMember.objects.filter(organisation=round.organisation).select_related("user")
    reviewers = PartnershipMember.objects.reviewers().filter(partnership=round.partnership).select_related("user")
    candidates = []
    for member in officers:
        if member.user_id not in taken:
            candidates.append(
                (
                    f"officer-{member.user_id}",
                    f"{member.user} ({PanelRole.OFFICER.label})",
                    member.user,
                    PanelRole.OFFICER,
                )
            )
    for member in reviewers:
        if member.user_id not in taken:
            candidates.append(
                (
                    f"lived-{member.user_id}",
                    f"{member.user} ({PanelRole.LIVED_EXPERIENCE.label})",
                    member.user,
                    PanelRole.LIVED_EXPERIENCE,
                )
            )
    return candidates


def panel(request, partnership_slug, round_id):
    round = _running(request, partnership_slug, round_id)
    form = PanelMemberForm(request.POST or None, candidates=_panel_candidates(round))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            person, role, details = form.service_details()
            try:
                services.add_panel_member(round, person, role, by=request.user, **details)
            except services.CommissioningError as problem:
                form.add_error(None, str(problem))
                status = 400
            else:
                messages.success(request, f"{person} is on the panel.")
                return redirect("commissioning:panel", partnership_slug=partnership_slug, round_id=round_id)
        else:
            status = 400
    return render(
        request,
        "commissioning/panel.html",
        {
            "partnership": round.partnership,
            "round": round,
            "members": round.panel.select_related("user"),
            "form": form,
            "page_has_errors": bool(form.errors),
        },
        status=status,
    )


def scoring_framework(request, partnership_slug, slug, version):
    """Anyone taking part: a scoring framework's criteria, weights and what each score means."""
    partnership = _partnership_for_participant(request, partnership_slug)
    shipped_scoring_frameworks()
    framework = get_object_or_404(ScoringFramework.objects.usable_in(partnership), slug=slug, version=version)
    return render(
        request,
        "commissioning/scoring_framework.html",
        {
            "partnership": partnership,
            "framework": framework,
            "scheme": framework.scheme,
            "can_write": rules.can_write_scoring_frameworks(request.user, partnership),
        },
    )


def write_scoring_framework(request, partnership_slug, slug, version):
    """A new version of a scoring framework, written in the browser, starting from this one."""
    partnership = partnership_from_slug(partnership_slug)
    require(
        rules.can_write_scoring_frameworks(request.user, partnership),
        "Only the admins of a funder, commissioner or council can write scoring frameworks.",
    )
    shipped_scoring_frameworks()
    base = get_object_or_404(ScoringFramework.objects.usable_in(partnership), slug=slug, version=version)
    form = ScoringFrameworkForm(request.POST or None, base=base.content)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                framework = services.write_scoring_framework(partnership, form.content, by=request.user)
            except ScoringFileError as problems:
                for problem in problems.problems:
                    form.add_error(None, problem)
            else:
                messages.success(request, f"{framework} is saved. You can choose it when you open a round.")
                return redirect(
                    "commissioning:scoring_framework",
                    partnership_slug=partnership.slug,
                    slug=framework.slug,
                    version=framework.version,
                )
        status = 400
    return render(
        request,
        "commissioning/write_scoring_framework.html",
        {"partnership": partnership, "base": base, "form": form, "page_has_errors": bool(form.errors)},
        status=status,
    )


def check(request, partnership_slug, round_id):
    """Whoever runs the round: what in it may shut out small organisations, and how plain its words are."""
    round = _running(request, partnership_slug, round_id)
    lots = list(round.lots.all())
    lexicon = lexicon_for(round.partnership)
    reports = [(name, check_text(text, lexicon=lexicon)) for name, text in barriers.documents(round, lots)]
    return render(
        request,
        "commissioning/check.html",
        {
            "partnership": round.partnership,
            "round": round,
            "barriers": barriers.barriers(round, lots),
            "reports": reports,
        },
    )
