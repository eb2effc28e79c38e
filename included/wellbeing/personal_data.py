"""What wellbeing holds about a person: their answers. Deleting the account deletes them outright.
Registered with included/core/personal_data.py."""

from included.core.personal_data import register_eraser, register_exporter

from .models import Answer


@register_exporter(covers=["wellbeing.Answer"])
def wellbeing_answers(user):
    return {
        "your_wellbeing_answers": [
            {
                "answered_at": answer.answered_at,
                **{question.key: score for question, score, _ in answer.scores},
                "counted_in_partnership_figures": answer.counts_in_partnership_figures,
            }
            for answer in Answer.objects.of(user)
        ]
    }


@register_eraser(covers=["wellbeing.Answer"])
def forget_wellbeing_answers(user):
    Answer.objects.of(user).delete()
