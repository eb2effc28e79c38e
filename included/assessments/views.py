"""An organisation's own sign-ups and self-assessment cycles. Members only; other organisations get a 404."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from included.access.requests import access_for, organisation_for_member
from included.core.middleware import keeps_typed_work, recover_kept_work
from included.core.versions import last_saved_by, saved_version
from included.frameworks.models import FrameworkVersion
from included.partnerships.lookups import partnership_from_slug

from . import services
from .enums import ReviewStatus
from .forms import ActionForm, ActionStatusForm, ItemForm, SignUpForm, StatementForm
from .models import Action, Assessment, AssessmentItem, EvidenceFile, SignUp
from .progress import progress_for
from .uploads import download_name

STATEMENT_FIELDS = ("lead_name", "lead_role", "statement")

# An id as the database stores it: a whole number from 1 up.
NEXT_ID = forms.IntegerField(min_value=1, max_value=2**63 - 1)


def _organisation(request, partnership_slug, organisation_slug, *, admin=False):
    partnership = partnership_from_slug(partnership_slug)
    return partnership, organisation_for_member(request, partnership, organisation_slug, admin=admin)


def _assessment(request, partnership_slug, organisation_slug, assessment_id):
    partnership, organisation = _organisation(request, partnership_slug, organisation_slug)
    assessment = get_object_or_404(
        Assessment.objects.visible_to(request.user).select_related(
            "sign_up__framework_version__framework", "organisation"
        ),
        pk=assessment_id,
        organisation=organisation,
    )
    return partnership, organisation, assessment


def _assessment_url(assessment, name="assessments:assessment", **extra):
    organisation = assessment.organisation
    return reverse(
        name,
        kwargs={
            "partnership_slug": organisation.partnership.slug,
            "organisation_slug": organisation.slug,
            "assessment_id": assessment.pk,
            **extra,
        },
    )


def _organisation_url(organisation):
    return reverse(
        "www:organisation_home",
        kwargs={"partnership_slug": organisation.partnership.slug, "organisation_slug": organisation.slug},
    )


def _with_version(data, current):
    """The posted form again, now saying it was made from the version saved at present."""
    data = data.copy()
    data["version"] = current.version
    return data


@keeps_typed_work
@require_http_methods(["GET", "POST"])
def sign_up(request, partnership_slug, organisation_slug):
    partnership, organisation = _organisation(request, partnership_slug, organisation_slug, admin=True)
    versions = (
        FrameworkVersion.objects.available_to(partnership)
        .latest_per_framework()
        # A framework the organisation left can be signed up to again.
        .exclude(pk__in=SignUp.objects.filter(organisation=organisation).active().values("framework_version"))
        .select_related("framework")
        .order_by("framework__name")
    )
    form = SignUpForm(request.POST if request.method == "POST" else recover_kept_work(request), versions=versions)
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_up(
                organisation,
                form.cleaned_data["framework_version"],
                lead_name=form.cleaned_data["lead_name"],
                lead_role=form.cleaned_data["lead_role"],
                statement=form.cleaned_data["statement"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("framework_version", error)
        else:
            messages.success(request, f"You have signed up. {_where_the_statement_goes(partnership)}")
            return redirect(_organisation_url(organisation))
    return render(
        request,
        "assessments/sign_up.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "form": form,
            "has_versions": versions.exists(),
            "where_it_goes": _where_the_statement_goes(partnership),
        },
    )


def _where_the_statement_goes(partnership):
    if partnership.statements_need_approval:
        return (
            "A coordinator reads your statement before it goes on the public register. "
            "Until then, the register shows the last statement they approved, if there is one."
        )
    return "Your statement is now on the public register."


@keeps_typed_work
@require_http_methods(["GET", "POST"])
def edit_statement(request, partnership_slug, organisation_slug, sign_up_id):
    partnership, organisation = _organisation(request, partnership_slug, organisation_slug, admin=True)
    record = get_object_or_404(
        SignUp.objects.active().select_related("framework_version__framework"), pk=sign_up_id, organisation=organisation
    )
    initial = {field: getattr(record, field) for field in STATEMENT_FIELDS} | {"version": record.version}
    form = StatementForm(request.POST if request.method == "POST" else recover_kept_work(request), initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_statement(record, **form.changes(), expected_version=form.expected_version, by=request.user)
        except services.EditConflict as edit_conflict:
            # Show both versions. The form keeps what this person typed, with the newer version number.
            current = edit_conflict.current
            form = StatementForm(_with_version(request.POST, current))
            form.is_valid()
            conflict = saved_version(
                form,
                {field: getattr(current, field) for field in STATEMENT_FIELDS},
                what="this statement",
                by=last_saved_by(current, "sign_up.updated", "sign_up.created"),
                at=current.updated_at,
            )
        else:
            messages.success(request, f"Your statement is saved. {_where_the_statement_goes(partnership)}")
            return redirect(_organisation_url(organisation))
    return render(
        request,
        "assessments/statement.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "sign_up": record,
            "form": form,
            "conflict": conflict,
            "statement_key": f"assessments.signup:{record.pk}:statement",
            "where_it_goes": _where_the_statement_goes(partnership),
        },
        status=409 if conflict else 200,
    )


@require_http_methods(["GET", "POST"])
def withdraw(request, partnership_slug, organisation_slug, sign_up_id):
    """An admin takes the organisation off a framework, after a page that says what that means."""
    partnership, organisation = _organisation(request, partnership_slug, organisation_slug, admin=True)
    record = get_object_or_404(
        SignUp.objects.active().select_related("framework_version__framework"), pk=sign_up_id, organisation=organisation
    )
    if request.method == "POST":
        services.withdraw_sign_up(record, by=request.user)
        messages.success(
            request,
            f"{organisation.name} has left {record.framework_version.framework.name}. "
            "You can sign up again at any time.",
        )
        return redirect(_organisation_url(organisation))
    return render(
        request,
        "assessments/withdraw.html",
        {"partnership": partnership, "organisation": organisation, "sign_up": record},
    )


@require_POST
def start(request, partnership_slug, organisation_slug, sign_up_id):
    partnership, organisation = _organisation(request, partnership_slug, organisation_slug)
    record = get_object_or_404(SignUp.objects.active(), pk=sign_up_id, organisation=organisation)
    draft = record.assessments.visible_to(request.user).drafts().first()
    if draft is not None:
        return redirect(_assessment_url(draft))
    try:
        assessment = services.start_assessment(record, by=request.user)
    except services.CycleInProgress as in_progress:
        messages.info(request, "Someone in your organisation has just started this self-assessment. Here it is.")
        return redirect(_assessment_url(in_progress.draft))
    if assessment.previous_id:
        messages.success(request, "We copied your answers from last time. Change what has changed.")
    return redirect(_assessment_url(assessment))


def assessment(request, partnership_slug, organisation_slug, assessment_id):
    partnership, organisation, cycle = _assessment(request, partnership_slug, organisation_slug, assessment_id)
    answers = list(cycle.items.for_display())
    previous = {}
    if cycle.previous_id:
        previous = dict(AssessmentItem.objects.filter(assessment_id=cycle.previous_id).values_list("item_id", "rating"))
    for answer in answers:
        answer.previous_rating = previous.get(answer.item_id)
        answer.change = (
            answer.rating - answer.previous_rating
            if answer.rating is not None and answer.previous_rating is not None
            else None
        )
    sections = []
    for answer in answers:
        if not sections or sections[-1]["section"].pk != answer.item.section_id:
            sections.append({"section": answer.item.section, "answers": []})
        sections[-1]["answers"].append(answer)
    # A reviewer may change their mind until they finish, so the organisation sees finished reviews only.
    challenges = [
        c
        for a in answers
        for c in a.review_comments.all()
        if c.is_challenge and c.review.status == ReviewStatus.COMPLETED
    ]
    return render(
        request,
        "assessments/assessment.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "assessment": cycle,
            "sections": sections,
            "answers": answers,
            "done": sum(1 for a in answers if a.is_complete),
            "has_previous": bool(previous),
            "challenges_waiting": sum(1 for c in challenges if not c.response),
            "reviews": cycle.reviews.select_related("reviewer").order_by("created_at"),
        },
    )


def _item_page(request, partnership, organisation, cycle, answer, *, form, action_form, conflict=None, status=200):
    version = cycle.framework_version
    group = version.group_for_sector(organisation.sector)
    framework_item = answer.item
    ordered = list(cycle.items.with_framework().values_list("pk", flat=True))
    position = ordered.index(answer.pk)
    return render(
        request,
        "assessments/item.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "assessment": cycle,
            "answer": answer,
            "framework_item": framework_item,
            "prompts": framework_item.prompts_for_group(group),
            "form": form,
            "action_form": action_form,
            "conflict": conflict,
            "position": position + 1,
            "count": len(ordered),
            "next_id": ordered[position + 1] if position + 1 < len(ordered) else None,
            "page_has_errors": bool(form.errors or action_form.errors),
            "form_list": [form, action_form],
            "evidence_key": f"assessments.assessmentitem:{answer.pk}:evidence",
            "actions": answer.actions.all(),
            "files": answer.files.all(),
        },
        status=status,
    )


def _initial_for(answer):
    return {field: getattr(answer, field) for field in AssessmentItem.EDITABLE_FIELDS} | {"version": answer.version}


def _answer_of(cycle, item_id):
    return get_object_or_404(
        AssessmentItem.objects.select_related("item__section").prefetch_related("item__prompts"),
        pk=item_id,
        assessment=cycle,
    )


# The action form's own fields, as sent. The item page is one form, so a save may carry an action typed in too.
ACTION_FIELDS = ("what", "who", "due_0", "due_1", "due_2")


def _action_typed(data):
    return any((data.get(name) or "").strip() for name in ACTION_FIELDS)


def _same_as_saved(current, answers):
    """Whether the item as saved now is exactly what this person sent: the same page sent twice (a double click, a
    retry) finds its own first save, which is no conflict."""
    return all(getattr(current, field) == value for field, value in answers.items())


@keeps_typed_work
@require_http_methods(["GET", "POST"])
def item(request, partnership_slug, organisation_slug, assessment_id, item_id):
    """One item's answers, and its actions below them.

    The whole page is one form, so nothing typed is lost whichever button is pressed: saving also adds an action
    typed in below, and "Add action" also saves the rating, evidence and file above it.
    """
    partnership, organisation, cycle = _assessment(request, partnership_slug, organisation_slug, assessment_id)
    answer = _answer_of(cycle, item_id)
    wants_json = request.headers.get("X-Requested-With") == "fetch"
    if not cycle.is_draft:
        if wants_json:
            return JsonResponse({"saved": False, "message": "This self-assessment was submitted."}, status=409)
        messages.info(request, "This self-assessment was submitted, so it can no longer change.")
        return redirect(_assessment_url(cycle))
    if request.method == "GET":
        kept = recover_kept_work(request)
        if kept:
            form = ItemForm(kept, framework_version=cycle.framework_version)
            form.is_valid()
            action_form = ActionForm(kept) if _action_typed(kept) else ActionForm()
        else:
            form = ItemForm(initial=_initial_for(answer), framework_version=cycle.framework_version)
            action_form = ActionForm()
        return _item_page(request, partnership, organisation, cycle, answer, form=form, action_form=action_form)
    if wants_json:
        return _autosave(request, cycle, answer)
    return _save_page(request, partnership, organisation, cycle, answer, adding_action="add_action" in request.POST)


def _autosave(request, cycle, answer):
    """Saving as you type keeps the words only; a file and an action are kept when the person presses a button."""
    form = ItemForm(request.POST, framework_version=cycle.framework_version)
    if not form.is_valid():
        return JsonResponse(
            {"saved": False, "message": "Not saved yet: check the page for problems, then save."}, status=400
        )
    try:
        answer = services.save_item(
            answer, form.answers(), expected_version=form.cleaned_data["version"], by=request.user
        )
    except services.EditConflict:
        return JsonResponse(
            {"saved": False, "message": "Someone else changed this item. Use the save button to see both versions."},
            status=409,
        )
    except services.AssessmentLocked:
        return JsonResponse({"saved": False, "message": "This self-assessment was submitted."}, status=409)
    return JsonResponse({"saved": True, "version": answer.version, "saved_at": timezone.localtime().strftime("%H:%M")})


def _save_page(request, partnership, organisation, cycle, answer, *, adding_action):
    """Save what the item page sent: the answers and file, and the action if one was typed or asked for.

    Nothing is saved unless the answers are valid, and then they are saved even if the action is not: the page
    comes back with the action's problems, and everything typed still in it.
    """
    version = cycle.framework_version
    form = ItemForm(request.POST, request.FILES, framework_version=version)
    with_action = adding_action or _action_typed(request.POST)
    action_form = ActionForm(request.POST) if with_action else ActionForm()
    action_ok = action_form.is_valid() if with_action else True
    if not form.is_valid():
        return _item_page(request, partnership, organisation, cycle, answer, form=form, action_form=action_form)
    answers = form.answers()
    try:
        answer = services.save_item(
            answer,
            answers,
            expected_version=form.cleaned_data["version"],
            by=request.user,
            evidence_file=form.cleaned_data.get("evidence_file"),
            content_type=form.evidence_content_type,
        )
    except services.EditConflict as conflict:
        current = conflict.current
        if not _same_as_saved(current, answers):
            # Show both versions. The form keeps what this person typed, with the newer version number, so saving
            # again is a choice made knowingly. A typed action waits in its form too.
            form = ItemForm(_with_version(request.POST, current), framework_version=version)
            form.is_valid()
            saved = {field: getattr(current, field) for field in AssessmentItem.EDITABLE_FIELDS}
            return _item_page(
                request,
                partnership,
                organisation,
                cycle,
                current,
                form=form,
                action_form=action_form,
                conflict=saved_version(form, saved, what="this item", by=current.updated_by, at=current.updated_at),
                status=409,
            )
        # The answers were saved already, by this same page sent a moment before. A file sent with it is kept all
        # the same: a file kept twice can be removed, one lost cannot be got back.
        answer, file_not_kept = current, form.cleaned_data.get("evidence_file")
    except services.AssessmentLocked:
        messages.info(request, "This self-assessment was submitted, so it can no longer change.")
        return redirect(_assessment_url(cycle))
    else:
        file_not_kept = None
    if file_not_kept:
        try:
            services.add_evidence_file(answer, file_not_kept, content_type=form.evidence_content_type, by=request.user)
        except services.AssessmentLocked:
            messages.info(request, "This self-assessment was submitted, so it can no longer change.")
            return redirect(_assessment_url(cycle))
    saved = f"Saved {answer.item.number}. {answer.item.title}."
    if not action_ok:
        # The answers are saved; the action is not yet. Show the page again with its problems.
        messages.success(request, saved)
        form = ItemForm(initial=_initial_for(answer), framework_version=version)
        return _item_page(request, partnership, organisation, cycle, answer, form=form, action_form=action_form)
    if with_action:
        try:
            services.add_action(answer, **action_form.cleaned_data, by=request.user)
        except services.AssessmentLocked:
            messages.info(request, "This self-assessment was submitted, so you cannot add actions to it.")
            return redirect(_assessment_url(cycle))
        saved = f"{saved} Action added."
    messages.success(request, saved)
    this_item = _assessment_url(cycle, "assessments:item", item_id=answer.pk)
    if adding_action:
        return redirect(this_item + "#actions")
    if "next" in request.POST:
        next_answer = _next_answer(cycle, request.POST.get("next_id"))
        if next_answer is not None:
            return redirect(_assessment_url(cycle, "assessments:item", item_id=next_answer.pk))
    if "stay" in request.POST:
        return redirect(this_item)
    return redirect(_assessment_url(cycle))


def _next_answer(cycle, sent_id):
    """The item "Save and go to the next item" asked for, if the id sent is one of this cycle's items.

    The answer is already saved by then, so anything else (a broken or changed page) just leads back to the cycle.
    """
    try:
        pk = NEXT_ID.clean(sent_id)
    except ValidationError:
        return None
    return cycle.items.filter(pk=pk).first()


@require_POST
def add_action(request, partnership_slug, organisation_slug, assessment_id, item_id):
    """Add an action to one item. The item page's own "Add action" button goes to `item` instead, which saves the
    answers above it too; this is for a form that sends the action alone. If it sends the answers as well, they are
    saved too."""
    partnership, organisation, cycle = _assessment(request, partnership_slug, organisation_slug, assessment_id)
    answer = _answer_of(cycle, item_id)
    if not cycle.is_draft:
        messages.info(request, "This self-assessment was submitted, so you cannot add actions to it.")
        return redirect(_assessment_url(cycle))
    if "version" in request.POST:
        return _save_page(request, partnership, organisation, cycle, answer, adding_action=True)
    action_form = ActionForm(request.POST)
    if not action_form.is_valid():
        form = ItemForm(initial=_initial_for(answer), framework_version=cycle.framework_version)
        return _item_page(request, partnership, organisation, cycle, answer, form=form, action_form=action_form)
    try:
        services.add_action(answer, **action_form.cleaned_data, by=request.user)
    except services.AssessmentLocked:
        messages.info(request, "This self-assessment was submitted, so you cannot add actions to it.")
        return redirect(_assessment_url(cycle))
    messages.success(request, "Action added.")
    return redirect(_assessment_url(cycle, "assessments:item", item_id=answer.pk) + "#actions")


@require_http_methods(["GET", "POST"])
def change_action(request, partnership_slug, organisation_slug, assessment_id, action_id):
    partnership, organisation, cycle = _assessment(request, partnership_slug, organisation_slug, assessment_id)
    action = get_object_or_404(
        Action.objects.select_related("assessment_item__item"), pk=action_id, assessment_item__assessment=cycle
    )
    if request.method == "POST" and "remove" in request.POST:
        try:
            services.remove_action(action, by=request.user)
        except services.AssessmentLocked:
            messages.info(
                request, "Actions in a submitted self-assessment stay on record. You can still mark them done."
            )
            return redirect(_assessment_url(cycle))
        messages.success(request, "Action removed.")
        return redirect(_assessment_url(cycle, "assessments:item", item_id=action.assessment_item_id) + "#actions")
    form = ActionStatusForm(request.POST if request.method == "POST" else None, initial={"status": action.status})
    if request.method == "POST" and form.is_valid():
        services.set_action_status(action, form.cleaned_data["status"], by=request.user)
        messages.success(request, "Action updated.")
        if cycle.is_draft:
            return redirect(_assessment_url(cycle, "assessments:item", item_id=action.assessment_item_id) + "#actions")
        return redirect(_assessment_url(cycle))
    return render(
        request,
        "assessments/action.html",
        {"partnership": partnership, "organisation": organisation, "assessment": cycle, "action": action, "form": form},
    )


@require_POST
def remove_file(request, partnership_slug, organisation_slug, assessment_id, file_id):
    partnership, organisation, cycle = _assessment(request, partnership_slug, organisation_slug, assessment_id)
    evidence = get_object_or_404(EvidenceFile, pk=file_id, assessment_item__assessment=cycle)
    try:
        services.remove_evidence_file(evidence, by=request.user)
    except services.AssessmentLocked:
        messages.info(request, "Files in a submitted self-assessment stay on record.")
        return redirect(_assessment_url(cycle))
    messages.success(request, f"Removed {evidence.original_name}.")
    return redirect(_assessment_url(cycle, "assessments:item", item_id=evidence.assessment_item_id))


@require_http_methods(["GET", "POST"])
def submit(request, partnership_slug, organisation_slug, assessment_id):
    partnership, organisation, cycle = _assessment(request, partnership_slug, organisation_slug, assessment_id)
    if not cycle.is_draft:
        return redirect(_assessment_url(cycle))
    answers = list(cycle.items.for_display())
    # The items still to rate are listed before the button, so nobody presses it only to be told.
    missing = [answer for answer in answers if not answer.is_complete]
    for answer in answers:
        answer.change_url = _assessment_url(cycle, "assessments:item", item_id=answer.pk)
    refused = False
    if request.method == "POST":
        try:
            services.submit_assessment(cycle, by=request.user)
        except services.NotReady as not_ready:
            missing = not_ready.missing
            refused = True
        except services.AssessmentLocked:
            return redirect(_assessment_url(cycle))
        else:
            messages.success(
                request,
                "Your self-assessment is submitted. "
                "Your coordinator will ask people with lived experience to review it.",
            )
            return redirect(_assessment_url(cycle))
    return render(
        request,
        "assessments/submit.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "assessment": cycle,
            "answers": answers,
            "missing": [
                (
                    _assessment_url(cycle, "assessments:item", item_id=answer.pk),
                    f"{answer.item.number}. {answer.item.title}",
                )
                for answer in missing
            ],
            "refused": refused,
            "page_has_errors": refused,
        },
        status=400 if refused else 200,
    )


def download_evidence(request, partnership_slug, file_id):
    """Evidence is only ever sent to people who may see its self-assessment, and always as a download."""
    partnership = partnership_from_slug(partnership_slug)
    evidence = get_object_or_404(
        EvidenceFile.objects.select_related("assessment_item__assessment__organisation"),
        pk=file_id,
        assessment_item__assessment__organisation__partnership=partnership,
        assessment_item__assessment__in=Assessment.objects.visible_to(request.user),
    )
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file is missing") from error
    services.record_file_download(evidence, by=request.user)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(evidence.original_name, evidence.content_type),
        content_type=evidence.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    # Said here as well as by the security middleware: a browser must never guess another type for evidence.
    response["X-Content-Type-Options"] = "nosniff"
    return response


def progress(request, partnership_slug, organisation_slug, sign_up_id):
    partnership, organisation = _organisation(request, partnership_slug, organisation_slug)
    record = get_object_or_404(
        SignUp.objects.select_related("framework_version__framework").prefetch_related(
            Prefetch("assessments", queryset=Assessment.objects.visible_to(request.user).submitted().order_by("number"))
        ),
        pk=sign_up_id,
        organisation=organisation,
    )
    return render(
        request,
        "assessments/progress.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "sign_up": record,
            "progress": progress_for(record),
            "access": access_for(request, partnership),
        },
    )
