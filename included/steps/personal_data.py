"""What small steps hold about a person: their goals, steps, break, the organisations they let suggest steps and
the suggestions they had; and, for a supporter, that they suggested steps. Registered with
included/core/personal_data.py. Deleting the account deletes the person's own rows outright; a supporter's
suggestions stay with the person they were for, without the supporter's name on them.
"""

from included.core.personal_data import register_eraser, register_exporter

from .models import Break, Goal, Step, Suggestion, Supporter

COVERS = ["steps.Goal", "steps.Step", "steps.Break", "steps.Supporter", "steps.Suggestion"]


@register_exporter(covers=COVERS)
def small_steps(user):
    goals = Goal.objects.of(user).prefetch_related("steps")
    received = Suggestion.objects.for_person(user).select_related("supporter__organisation")
    made = Suggestion.objects.filter(suggested_by=user).select_related("supporter__organisation")
    on_break = Break.objects.filter(person=user).first()
    return {
        "your_small_steps": {
            "goals": [
                {
                    "goal": goal.words,
                    "written_at": goal.created_at,
                    "steps": [
                        {"step": step.words, "day_in_mind": step.on_date, "done_at": step.done_at}
                        for step in goal.steps.all()
                    ],
                }
                for goal in goals
            ],
            "taking_a_break_since": on_break.started_at if on_break else None,
            "organisations_that_may_suggest_steps": [
                s.organisation.name for s in Supporter.objects.of(user).select_related("organisation")
            ],
            "steps_suggested_to_you": [
                {
                    "from": s.supporter.organisation.name,
                    "step": s.words,
                    "what_you_decided": s.get_status_display(),
                    "suggested_at": s.created_at,
                }
                for s in received
            ],
            "steps_you_suggested_to_others": [
                {"as_part_of": s.supporter.organisation.name, "suggested_at": s.created_at} for s in made
            ],
        }
    }


@register_eraser(covers=COVERS)
def forget_small_steps(user):
    Step.objects.of(user).delete()
    Goal.objects.of(user).delete()
    Break.objects.filter(person=user).delete()
    Supporter.objects.of(user).delete()  # and the suggestions made to them
    Suggestion.objects.filter(suggested_by=user).update(suggested_by=None)
