"""Every model that holds something about a person is in the download and is cleared when they delete their account.

Each app registers what it holds in its own personal_data.py (see included/core/personal_data.py). This walks every
model of Included with a link to a person's account or free text someone wrote, and fails for any model no
registered exporter and eraser covers. A new model that holds personal data fails here until its app registers it.
"""

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

# Models that need no entry, each with the reason. Keep this list short.
NOT_ABOUT_PEOPLE = {
    "partnerships.Partnership": "The partnership's own description, written to be published; no author is kept.",
    "frameworks.FrameworkSection": "Framework wording, loaded from a framework file.",
    "frameworks.FrameworkItem": "Framework wording, loaded from a framework file.",
    "frameworks.ItemPrompt": "Framework wording, loaded from a framework file.",
    "frameworks.FrameworkDraft": (
        "A partnership's framework wording, written to be published. Who started and last changed it are only links "
        "to their accounts, which deleting the account anonymises, and rows in the audit trail (things_you_did)."
    ),
    "frameworks.FrameworkVersion": (
        "Framework wording. Who loaded it is only a link to their account, which deleting the account anonymises, "
        "and a row in the audit trail, which the download has as things_you_did."
    ),
    "directory.Service": (
        "An organisation's published description of a service, written to be public; who wrote or changed it is "
        "only in the audit trail (things_you_did)."
    ),
    "directory.Location": "A place an organisation runs services from, published; no author is kept.",
    "directory.ServiceArea": "Where a service is offered, in words; published, no author is kept.",
    "directory.Taxonomy": "A list of terms loaded from a data file.",
    "directory.TaxonomyTerm": "A term loaded from a data file.",
    "directory.Contact": (
        "A contact an organisation chose to publish for a service (the form asks for a role, like 'Drop-in team', "
        "and a file import leaves people's names out). It is linked to no account; the organisation changes or "
        "removes it on the service's page."
    ),
}
# Exported by accounts, and cleared by accounts.services.erase_account itself, after every registered eraser has run:
# the erasers still need the person's name, email and memberships to find what is theirs.
ERASED_BY_ERASE_ACCOUNT = {
    "accounts.User": "The account itself: its name, email and password are replaced last.",
    "access.OrganisationMember": "Removed once nobody is left without an admin.",
    "access.PartnershipMember": "Removed once nobody is left without a coordinator.",
    "core.AuditEvent": "Their name and email are taken out of the trail; the record of what happened stays.",
}


def _holds_something_about_people(model):
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model._meta.label == settings.AUTH_USER_MODEL:
            return True
        if isinstance(field, (models.TextField, models.EmailField)):
            return True
    return False


def models_about_people():
    return sorted(
        model._meta.label
        for model in apps.get_models()
        if model.__module__.startswith("included.") and _holds_something_about_people(model)
    )


def test_the_walk_finds_the_models_that_matter():
    """Guards the guard: if the walk found nothing, the tests below would pass for the wrong reason."""
    found = models_about_people()
    for label in ["assessments.ReviewComment", "coproduction.Contribution", "language.Dismissal", "core.AuditEvent"]:
        assert label in found
    assert set(NOT_ABOUT_PEOPLE) <= set(found)
    assert set(ERASED_BY_ERASE_ACCOUNT) <= set(found)


@pytest.mark.parametrize("label", [label for label in models_about_people() if label not in NOT_ABOUT_PEOPLE])
def test_every_model_about_people_is_in_the_download(label):
    from included.core import personal_data

    assert label in personal_data.exported_models(), (
        f"{label} holds something about a person, but no registered exporter says it covers it. Register one in "
        "its app's personal_data.py (see included/core/personal_data.py), or add the model to NOT_ABOUT_PEOPLE "
        "here with the reason."
    )


@pytest.mark.parametrize(
    "label",
    [label for label in models_about_people() if label not in NOT_ABOUT_PEOPLE | ERASED_BY_ERASE_ACCOUNT.keys()],
)
def test_every_model_about_people_is_cleared_when_they_delete_their_account(label):
    from included.core import personal_data

    assert label in personal_data.erased_models(), (
        f"{label} holds something about a person, but no registered eraser says it covers it. Register one in "
        "its app's personal_data.py (see included/core/personal_data.py)."
    )


def test_taking_a_name_out_takes_whole_words_only_and_ignores_case():
    from included.core.personal_data import scrub, scrub_value

    class Person:
        name = "Al Lee"
        email = "al.lee@example.org"

    assert scrub("Always ask al lee (AL.LEE@example.org) first", Person) == (
        "Always ask Former member (a former member) first"
    )
    assert scrub_value({"notes": ["Al Lee said so", 3]}, Person) == {"notes": ["Former member said so", 3]}
