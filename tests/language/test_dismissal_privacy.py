"""Dismissing a suggestion keeps no words from the text: a draft stays private to the people who write it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from included.core.models import AuditEvent
from included.language.advice import advice_for
from included.language.models import Dismissal
from tests.factories import OrganisationMemberFactory, PartnershipMemberFactory

from .factories import DismissalFactory

pytestmark = pytest.mark.django_db

DRAFT = (
    "Our confidential restructuring plan will close the Northgate hub next spring and move every member of staff "
    "into the council offices beside the station before anyone outside the board has been told about it."
)
DRAFT_KEY = "assessments.item:41:notes"
SECRET_WORDS = ["Northgate", "restructuring", "confidential", "council offices"]


def dismiss_long_sentence(client, member, *, reason="It is one list of steps, so it reads well as it is."):
    partnership = member.organisation.partnership
    advice = advice_for(DRAFT, partnership=partnership, text_key=DRAFT_KEY, user=member.user, return_to="/back/")
    [long_sentence] = [item for item in advice.open_flags if item.kind == "long_sentence"]
    client.force_login(member.user)
    response = client.post(long_sentence.dismiss_url, {"reason": reason})
    assert response.status_code == 302
    return Dismissal.objects.get(flag_label="Long sentence")


def test_coordinators_and_reviewers_do_not_see_words_from_a_draft_in_the_dismissed_list(client):
    member = OrganisationMemberFactory(member=True)
    partnership = member.organisation.partnership
    coordinator = PartnershipMemberFactory(partnership=partnership).user
    reviewer = PartnershipMemberFactory(partnership=partnership, reviewer=True).user
    dismiss_long_sentence(client, member)
    url = reverse("language:dismissals", kwargs={"partnership_slug": partnership.slug})

    for viewer in (coordinator, reviewer):
        client.force_login(viewer)
        page = client.get(url).content.decode()

        assert "Long sentence" in page
        assert "It is one list of steps, so it reads well as it is." in page
        for words in SECRET_WORDS:
            assert words not in page, f"{words!r} from a draft was shown to {viewer}"


def test_a_dismissal_stores_no_words_from_the_text(client):
    member = OrganisationMemberFactory(member=True)

    dismissal = dismiss_long_sentence(client, member)

    stored = " ".join(str(value) for value in Dismissal.objects.filter(pk=dismissal.pk).values().get().values())
    events = AuditEvent.objects.filter(action="language.suggestion.dismissed")
    audit = " ".join(events.values_list("summary", flat=True))
    for words in SECRET_WORDS:
        assert words.lower() not in stored.lower()
        assert words.lower() not in audit.lower()
    assert dismissal.flag_kind == "long_sentence"


def test_the_suggestion_stays_dismissed_for_its_writer_and_can_be_shown_again(client):
    member = OrganisationMemberFactory(member=True)
    partnership = member.organisation.partnership
    dismiss_long_sentence(client, member)

    advice = advice_for(DRAFT, partnership=partnership, text_key=DRAFT_KEY, user=member.user, return_to="/back/")

    assert [item.kind for item in advice.open_flags if item.kind == "long_sentence"] == []
    [dismissed] = advice.dismissed
    assert dismissed.dismissal.flag_label == "Long sentence"
    assert client.post(dismissed.restore_url).status_code == 302
    assert not Dismissal.objects.exists()
    again = advice_for(DRAFT, partnership=partnership, text_key=DRAFT_KEY, user=member.user)
    assert [item.kind for item in again.open_flags if item.kind == "long_sentence"] == ["long_sentence"]


def test_the_same_sentence_in_another_text_is_not_dismissed_with_it(client):
    member = OrganisationMemberFactory(member=True)
    partnership = member.organisation.partnership
    dismiss_long_sentence(client, member)

    elsewhere = advice_for(DRAFT, partnership=partnership, text_key="assessments.item:42:notes", user=member.user)

    assert "long_sentence" in [item.kind for item in elsewhere.open_flags]


def test_the_dismissed_list_shows_the_word_list_entry_a_plain_words_dismissal_was_about(client):
    member = OrganisationMemberFactory(member=True)
    partnership = member.organisation.partnership
    advice = advice_for("We will utilise it.", partnership=partnership, text_key=DRAFT_KEY, user=member.user)
    client.force_login(member.user)
    client.post(advice.open_flags[0].dismiss_url, {"reason": "It is the name of our fund."})
    client.force_login(PartnershipMemberFactory(partnership=partnership, reviewer=True).user)
    url = reverse("language:dismissals", kwargs={"partnership_slug": partnership.slug})
    client.get(url)

    with CaptureQueriesContext(connection) as one:
        page = client.get(url).content.decode()
    for number in range(5):
        DismissalFactory(partnership=partnership, text_key=f"tests.statement:{number}", dismissed_by=member.user)
    with CaptureQueriesContext(connection) as six:
        client.get(url)

    assert "Plainer word: “utilise”, from the word list" in page
    assert len(six) == len(one)
