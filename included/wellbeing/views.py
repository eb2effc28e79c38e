"""A person's own wellbeing answers at /me/wellbeing/, and the coordinators' figures for the partnership."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateformat import format as format_date

from included.access.requests import require_coordinator
from included.core.charts import line_chart
from included.partnerships.lookups import partnership_from_slug

from . import services
from .figures import MIN_PEOPLE, partnership_figures
from .forms import AnswersForm
from .models import Answer
from .questions import QUESTIONS, describe_bands


def _questions_explained():
    return [{"question": q, "bands": describe_bands(q)} for q in QUESTIONS]


def _when(answer):
    return format_date(timezone.localtime(answer.answered_at), "j F Y")


def _chart(answers):
    """The person's four scores over time, drawn by the shared chart component. Its numbers are the table below
    it, which the page shows itself (with each score's band), so the component's own table is left out."""
    if not answers:
        return None
    return line_chart(
        "Your answers over time",
        [format_date(timezone.localtime(a.answered_at), "j M Y") for a in answers],
        [(q.short, [getattr(a, q.key) for a in answers]) for q in QUESTIONS],
        y_min=0,
        y_max=10,
        y_step=2,
        y_label="Out of 10",
        x_heading="Question",
    )


def home(request):
    answers = list(Answer.objects.of(request.user))
    rows = [{"answer": a, "when": _when(a), "scores": a.scores} for a in answers]
    context = {"rows": rows, "questions": _questions_explained(), "chart": _chart(answers)}
    return render(request, "wellbeing/home.html", context)


def answer(request):
    form = AnswersForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_answers(
            request.user,
            form.scores(),
            counts_in_partnership_figures=form.cleaned_data["counts_in_partnership_figures"],
            by=request.user,
        )
        messages.success(request, "Thank you. Your answers are saved. Only you can see them.")
        return redirect("wellbeing:home")
    return render(request, "wellbeing/answer.html", {"form": form, "questions": _questions_explained()})


def delete_answer(request, answer_id):
    found = get_object_or_404(Answer, pk=answer_id, person=request.user)
    if request.method == "POST":
        services.delete_answer(found, by=request.user)
        messages.success(request, "Those answers are deleted.")
        return redirect("wellbeing:home")
    return render(request, "wellbeing/delete.html", {"what": f"your answers from {_when(found)}"})


def delete_all(request):
    if request.method == "POST":
        services.delete_all_answers(request.user, by=request.user)
        messages.success(request, "All your wellbeing answers are deleted.")
        return redirect("wellbeing:home")
    return render(request, "wellbeing/delete.html", {"what": "all your wellbeing answers"})


def partnership(request, partnership_slug):
    """Coordinators: how people who chose to be counted are, in bands, only when there are enough of them."""
    found = partnership_from_slug(partnership_slug)
    require_coordinator(request, found)
    context = {"partnership": found, "figures": partnership_figures(found), "min_people": MIN_PEOPLE}
    return render(request, "wellbeing/partnership.html", context)
