"""One error summary component serves forms and problems that belong to no form."""

import re

from django import forms
from django.template import engines


def render(source, **context):
    html = engines["django"].from_string(source).render(context)
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


class NameForm(forms.Form):
    name = forms.CharField(error_messages={"required": "Enter your name"})


def test_a_forms_errors_link_to_their_fields():
    html = render('{% include "core/components/error_summary.html" with form=form forms=None %}', form=NameForm({}))
    assert '<h2 class="govuk-error-summary__title">There is a problem</h2>' in html
    assert '<li><a href="#id_name">Enter your name</a></li>' in html


def test_a_form_without_errors_shows_no_summary():
    html = render('{% include "core/components/error_summary.html" with form=form forms=None %}', form=NameForm())
    assert html == ""


def test_plain_messages_are_listed_without_links():
    html = render("{% error_summary errors=reasons %}", reasons=["You are the only admin of Oak Tree Café."])
    assert (
        '<ul class="govuk-list govuk-error-summary__list"><li>You are the only admin of Oak Tree Café.</li></ul>'
        in (html)
    )


def test_messages_can_link_somewhere_and_follow_an_intro():
    html = render(
        "{% error_summary errors=missing intro='These items have no rating yet:' %}",
        missing=[("/items/1/", "1. Fair pay"), ("/items/2/", "2. Good jobs")],
    )
    assert '<p class="govuk-body">These items have no rating yet:</p>' in html
    assert '<li><a href="/items/1/">1. Fair pay</a></li><li><a href="/items/2/">2. Good jobs</a></li>' in html


def test_an_intro_alone_is_a_summary_with_no_list():
    html = render("{% error_summary intro=problem %}", problem="Kim is the only admin of Oak Tree Café.")
    assert '<div class="govuk-error-summary__body"><p class="govuk-body">Kim is the only admin' in html
    assert "<ul" not in html


def test_nothing_to_say_shows_nothing():
    assert render("{% error_summary errors=reasons %}", reasons=[]) == ""
