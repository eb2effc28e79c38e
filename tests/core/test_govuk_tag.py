"""The `govuk_tag` template tag, used in long tables, draws the same GOV.UK tag as core/components/tag.html."""

import pytest
from django.template import Context, Template


@pytest.mark.parametrize(
    ("text", "colour"),
    [
        ("Reviewed", "green"),
        ("Waiting for a decision from a coordinator", "blue"),
        ("No colour", ""),
        ("<script>alert(1)</script>", "red"),
    ],
)
def test_the_tag_is_the_same_as_the_components(text, colour):
    context = Context({"text": text, "colour": colour})
    included = Template('{% include "core/components/tag.html" with text=text colour=colour %}').render(context)
    tagged = Template("{% govuk_tag text colour %}").render(context)

    assert tagged == included.strip()
    assert "<script>" not in tagged
