"""A person's own small steps, at /me/steps/. Every object is looked up with the person's own id, so anyone
else gets 404: coordinators, reviewers and admins included."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from included.core.pagination import page_of
from included.organisations.models import Organisation

from . import services
from .enums import SuggestionStatus
from .forms import AddSuggestionForm, GoalForm, OrganisationSearchForm, StepForm, SuggestionForm
from .models import Goal, Step, Suggestion, Supporter
from .wording import celebration, day_in_mind

SEARCH_RESULTS = 20
SUPPORTING_PAGE_SIZE = 25


def _own_goal(request, goal_id):
    return get_object_or_404(Goal, pk=goal_id, person=request.user)


def _own_step(request, step_id):
    return get_object_or_404(Step.objects.select_related("goal"), pk=step_id, goal__person=request.user)


def home(request):
    """The person's goals, each with its steps: the ones still to do, then the ones done, with a well done."""
    person = request.user
    on_break = services.is_on_break(person)
    goals = Goal.objects.of(person).prefetch_related(Prefetch("steps", queryset=Step.objects.order_by("created_at")))
    rows = []
    for goal in goals:
        steps = list(goal.steps.all())
        rows.append(
            {
                "goal": goal,
                "to_do": [{"step": s, "day": day_in_mind(s.on_date)} for s in steps if not s.is_done],
                "done": [{"step": s, "when": celebration(s.done_at)} for s in steps if s.is_done],
            }
        )
    waiting = []
    if not on_break:
        waiting = list(
            Suggestion.objects.for_person(person)
            .waiting()
            .select_related("supporter__organisation", "suggested_by")
            .order_by("created_at")
        )
    context = {"rows": rows, "on_break": on_break, "suggestions": waiting}
    return render(request, "steps/home.html", context)


def add_goal(request):
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        goal = services.add_goal(
            request.user, form.cleaned_data["words"], by=request.user, form_token=form.cleaned_data["form_token"]
        )
        if goal is None:  # sent twice, and the goal the first one made was deleted since
            return redirect("steps:home")
        messages.success(request, "Your goal is saved. Now add a first small step, if you like.")
        return redirect("steps:add_step", goal_id=goal.pk)
    return render(request, "steps/goal_form.html", {"form": form, "goal": None})


def change_goal(request, goal_id):
    goal = _own_goal(request, goal_id)
    form = GoalForm(request.POST or None, initial={"words": goal.words})
    if request.method == "POST" and form.is_valid():
        services.change_goal(goal, form.cleaned_data["words"], by=request.user)
        messages.success(request, "Your goal is saved.")
        return redirect("steps:home")
    return render(request, "steps/goal_form.html", {"form": form, "goal": goal})


def remove_goal(request, goal_id):
    goal = _own_goal(request, goal_id)
    if request.method == "POST":
        services.remove_goal(goal, by=request.user)
        messages.success(request, "The goal and its steps are deleted.")
        return redirect("steps:home")
    return render(request, "steps/remove.html", {"what": "this goal and its steps", "words": goal.words})


def add_step(request, goal_id):
    goal = _own_goal(request, goal_id)
    form = StepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_step(
            goal,
            form.cleaned_data["words"],
            on_date=form.cleaned_data["on_date"],
            by=request.user,
            form_token=form.cleaned_data["form_token"],
        )
        messages.success(request, "Your step is saved.")
        return redirect("steps:home")
    return render(request, "steps/step_form.html", {"form": form, "goal": goal, "step": None})


def change_step(request, step_id):
    step = _own_step(request, step_id)
    form = StepForm(request.POST or None, initial={"words": step.words, "on_date": step.on_date})
    if request.method == "POST" and form.is_valid():
        services.change_step(step, form.cleaned_data["words"], on_date=form.cleaned_data["on_date"], by=request.user)
        messages.success(request, "Your step is saved.")
        return redirect("steps:home")
    return render(request, "steps/step_form.html", {"form": form, "goal": step.goal, "step": step})


@require_POST
def mark_done(request, step_id):
    step = _own_step(request, step_id)
    services.mark_done(step, by=request.user)
    messages.success(request, "Well done. You did it. That step is in your list of things you have done.")
    return redirect("steps:home")


@require_POST
def mark_not_done(request, step_id):
    step = _own_step(request, step_id)
    services.mark_not_done(step, by=request.user)
    messages.success(request, "That step is back in your list.")
    return redirect("steps:home")


def remove_step(request, step_id):
    step = _own_step(request, step_id)
    if request.method == "POST":
        services.remove_step(step, by=request.user)
        messages.success(request, "The step is deleted.")
        return redirect("steps:home")
    return render(request, "steps/remove.html", {"what": "this step", "words": step.words})


def take_break(request):
    """GET explains what a break means; POST starts one."""
    if request.method == "POST":
        services.take_break(request.user, by=request.user)
        messages.success(request, "Enjoy your break. Your steps are safe here for when you want them.")
        return redirect("steps:home")
    return render(request, "steps/break.html", {"on_break": services.is_on_break(request.user)})


@require_POST
def come_back(request):
    services.come_back(request.user, by=request.user)
    messages.success(request, "Welcome back. Everything is where you left it.")
    return redirect("steps:home")


def supporters(request):
    """Organisations the person lets suggest steps, and a search to add one."""
    person = request.user
    search = OrganisationSearchForm(request.GET or None)
    text = search.chosen_text()
    found = []
    if text:
        allowed = Supporter.objects.of(person).values("organisation_id")
        found = list(
            Organisation.objects.active()
            .filter(name__icontains=text)
            .exclude(pk__in=allowed)
            .select_related("partnership")
            .order_by("name", "pk")[:SEARCH_RESULTS]
        )
    chosen = Supporter.objects.of(person).select_related("organisation__partnership")
    context = {"search_form": search, "searched": text, "found": found, "chosen": chosen}
    return render(request, "steps/supporters.html", context)


@require_POST
def allow_supporter(request, organisation_id):
    organisation = get_object_or_404(Organisation.objects.active(), pk=organisation_id)
    services.allow_supporter(request.user, organisation, by=request.user)
    messages.success(request, f"People at {organisation.name} can now suggest small steps to you.")
    return redirect("steps:supporters")


@require_POST
def remove_supporter(request, supporter_id):
    supporter = get_object_or_404(
        Supporter.objects.select_related("organisation"), pk=supporter_id, person=request.user
    )
    services.remove_supporter(supporter, by=request.user)
    messages.success(request, f"{supporter.organisation.name} can no longer suggest steps to you.")
    return redirect("steps:supporters")


def suggestion(request, suggestion_id):
    """The person adds a suggested step to one of their goals, or leaves it."""
    found = get_object_or_404(
        Suggestion.objects.select_related("supporter__organisation", "suggested_by"),
        pk=suggestion_id,
        supporter__person=request.user,
        status=SuggestionStatus.WAITING,
    )
    goals = list(Goal.objects.of(request.user))
    form = AddSuggestionForm(request.POST or None, goals=goals)
    if request.method == "POST":
        if request.POST.get("leave"):
            services.leave_suggestion(found, by=request.user)
            messages.success(request, "You left that suggestion. Nobody is told why.")
            return redirect("steps:home")
        if form.is_valid():
            services.add_suggested_step(found, form.chosen_goal, on_date=form.cleaned_data["on_date"], by=request.user)
            messages.success(request, "The step is in your list.")
            return redirect("steps:home")
    return render(request, "steps/suggestion.html", {"suggestion": found, "form": form, "goals": goals})


def supporting(request):
    """People who let an organisation you belong to suggest steps to them. Only their names: never their steps."""
    search = OrganisationSearchForm(request.GET or None)
    listed = (
        Supporter.objects.for_member(request.user)
        .select_related("person", "organisation")
        .order_by("person__name", "pk")
    )
    text = search.chosen_text()
    if text:
        listed = listed.filter(person__name__icontains=text)
    page = page_of(request, listed, per_page=SUPPORTING_PAGE_SIZE)
    return render(request, "steps/supporting.html", {"page": page, "search_form": search, "searched": text})


def suggest(request, supporter_id):
    supporter = get_object_or_404(
        Supporter.objects.for_member(request.user).select_related("person", "organisation"),
        pk=supporter_id,
    )
    form = SuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.suggest_step(supporter, form.cleaned_data["words"], by=request.user)
        messages.success(request, f"Your suggestion is sent to {supporter.person.name}. They decide if they want it.")
        return redirect("steps:supporting")
    return render(request, "steps/suggest.html", {"supporter": supporter, "form": form})
