"""Nothing typed on an item page is lost, whichever button is pressed; and the check-and-submit page says what is
left to do before the button is pressed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from included.assessments import services
from tests.factories import OrganisationMemberFactory

from .test_cycles import first_answer, form_token, item_post, item_url, org_kwargs

pytestmark = pytest.mark.django_db

EVIDENCE = "Our job club is run by people who came through it."


@pytest.fixture
def admin():
    return OrganisationMemberFactory()


@pytest.fixture
def draft(admin):
    from tests.factories import FrameworkVersionFactory

    record = services.sign_up(
        admin.organisation,
        FrameworkVersionFactory(items=3),
        lead_name="Ana Okafor",
        lead_role="",
        statement="We hire people who others overlook.",
        by=admin.user,
    )
    return services.start_assessment(record, by=admin.user)


def the_page(client, answer, **overrides):
    """Everything the item page sends, as typed by a person who has not saved yet."""
    token = form_token(client.get(item_url(answer)).text)
    return item_post(answer, evidence=EVIDENCE, form_token=token) | overrides


ACTION = {"what": "Ask the job club to check our adverts", "who": "Ana", "due_0": "", "due_1": "", "due_2": ""}


class TestAddingAnActionKeepsTheAnswers:
    def test_add_action_saves_the_rating_and_evidence_typed_above(self, client, admin, draft):
        client.force_login(admin.user)
        answer = first_answer(draft)
        response = client.post(item_url(answer), the_page(client, answer) | ACTION | {"add_action": "1"})
        assert response.status_code == 302
        assert response["Location"] == item_url(answer) + "#actions"
        answer.refresh_from_db()
        assert answer.rating == 3
        assert answer.evidence == EVIDENCE
        assert answer.actions.get().what == ACTION["what"]
        page = client.get(response["Location"]).text
        assert "Action added." in page
        assert EVIDENCE in page

    def test_add_action_keeps_the_file_chosen(self, client, admin, draft):
        client.force_login(admin.user)
        answer = first_answer(draft)
        data = the_page(client, answer) | ACTION | {"add_action": "1"}
        data["evidence_file"] = SimpleUploadedFile("plan.txt", b"Our plan for the year", content_type="text/plain")
        assert client.post(item_url(answer), data).status_code == 302
        assert [f.original_name for f in answer.files.all()] == ["plan.txt"]
        assert answer.actions.count() == 1

    def test_the_old_add_action_address_also_saves_the_answers_sent_with_it(self, client, admin, draft):
        client.force_login(admin.user)
        answer = first_answer(draft)
        url = reverse(
            "assessments:add_action",
            kwargs=org_kwargs(admin.organisation) | {"assessment_id": draft.pk, "item_id": answer.pk},
        )
        assert client.post(url, the_page(client, answer) | ACTION).status_code == 302
        answer.refresh_from_db()
        assert (answer.rating, answer.evidence, answer.actions.count()) == (3, EVIDENCE, 1)

    def test_an_action_with_a_problem_is_shown_again_and_the_answers_are_saved(self, client, admin, draft):
        client.force_login(admin.user)
        answer = first_answer(draft)
        response = client.post(item_url(answer), the_page(client, answer) | ACTION | {"who": "", "add_action": "1"})
        assert response.status_code == 200
        assert "Say who will do it" in response.text
        assert ACTION["what"] in response.text
        answer.refresh_from_db()
        assert (answer.rating, answer.evidence) == (3, EVIDENCE)
        assert not answer.actions.exists()
        # The page shown has the newer version, so saving it again is not refused as someone else's change.
        assert f'name="version" value="{answer.version}"' in response.text

    def test_answers_with_a_problem_are_shown_again_and_nothing_is_saved(self, client, admin, draft):
        client.force_login(admin.user)
        answer = first_answer(draft)
        response = client.post(
            item_url(answer),
            the_page(client, answer) | ACTION | {"evidence_links": "not a web address", "add_action": "1"},
        )
        assert response.status_code == 200
        assert "Line 1 is not a web address" in response.text
        assert EVIDENCE in response.text
        assert ACTION["what"] in response.text
        answer.refresh_from_db()
        assert answer.rating is None
        assert not answer.actions.exists()

    def test_an_action_sent_twice_with_the_answers_is_added_once_and_no_conflict_is_shown(self, client, admin, draft):
        client.force_login(admin.user)
        answer = first_answer(draft)
        sent = the_page(client, answer) | ACTION | {"add_action": "1"}
        first = client.post(item_url(answer), sent)
        again = client.post(item_url(answer), sent)
        assert first.status_code == again.status_code == 302
        assert answer.actions.count() == 1

    def test_a_file_sent_with_answers_already_saved_is_still_kept(self, client, admin, draft):
        """The answers were saved by a draft a moment before, with the same words: no conflict, and the file is kept."""
        client.force_login(admin.user)
        answer = first_answer(draft)
        sent = the_page(client, answer) | ACTION | {"add_action": "1"}
        services.save_item(
            answer,
            {field: sent[field] for field in ("evidence", "evidence_links", "involvement", "involvement_note")}
            | {"rating": 3, "target": 4},
            expected_version=answer.version,
            by=admin.user,
        )
        sent["evidence_file"] = SimpleUploadedFile("plan.txt", b"Our plan", content_type="text/plain")
        assert client.post(item_url(answer), sent).status_code == 302
        assert [f.original_name for f in answer.files.all()] == ["plan.txt"]
        assert answer.actions.count() == 1

    def test_someone_elses_change_is_shown_and_the_typed_action_waits(self, client, admin, draft):
        client.force_login(admin.user)
        answer = first_answer(draft)
        sent = the_page(client, answer) | ACTION | {"add_action": "1"}
        services.save_item(answer, {"evidence": "Someone else's words"}, expected_version=answer.version, by=admin.user)
        response = client.post(item_url(answer), sent)
        assert response.status_code == 409
        assert "Someone else&#x27;s words" in response.text
        assert ACTION["what"] in response.text
        assert not answer.actions.exists()


class TestSavingKeepsATypedAction:
    def test_save_and_go_to_the_next_item_adds_the_action_typed_below(self, client, admin, draft):
        client.force_login(admin.user)
        answers = list(draft.items.with_framework())
        data = the_page(client, answers[0]) | ACTION | {"next": "1", "next_id": answers[1].pk}
        response = client.post(item_url(answers[0]), data)
        assert response["Location"] == item_url(answers[1])
        assert answers[0].actions.get().who == "Ana"

    def test_a_half_typed_action_stops_the_page_so_it_is_not_lost(self, client, admin, draft):
        client.force_login(admin.user)
        answers = list(draft.items.with_framework())
        data = the_page(client, answers[0]) | {"what": "Train our managers", "next": "1", "next_id": answers[1].pk}
        response = client.post(item_url(answers[0]), data)
        assert response.status_code == 200
        assert "Train our managers" in response.text
        assert "Say who will do it" in response.text
        answers[0].refresh_from_db()
        assert answers[0].rating == 3

    def test_saving_with_no_action_typed_adds_none(self, client, admin, draft):
        client.force_login(admin.user)
        answer = first_answer(draft)
        assert client.post(item_url(answer), the_page(client, answer) | {"stay": "1"}).status_code == 302
        assert not answer.actions.exists()


class TestTheAddressHasNoPlaceOnThePage:
    def test_the_item_form_is_sent_to_the_items_own_address(self, client, admin, draft):
        client.force_login(admin.user)
        answer = first_answer(draft)
        page = client.get(item_url(answer)).text
        assert f'action="{item_url(answer)}"' in page
        assert "#actions" not in page.split('action="', 1)[1].split('"', 1)[0]

    def test_the_next_item_opens_at_its_top(self, client, admin, draft):
        client.force_login(admin.user)
        answers = list(draft.items.with_framework())
        client.post(item_url(answers[0]), the_page(client, answers[0]) | ACTION | {"add_action": "1"})
        response = client.post(
            item_url(answers[0]),
            item_post(answers[0].__class__.objects.get(pk=answers[0].pk)) | {"next": "1", "next_id": answers[1].pk},
        )
        assert response["Location"] == item_url(answers[1])
        assert "#" not in response["Location"]


class TestWhoMayAddAndBadInput:
    def test_another_organisation_cannot_save_or_add_through_the_item_page(self, client, admin, draft):
        answer = first_answer(draft)
        outsider = OrganisationMemberFactory(organisation__partnership=draft.organisation.partnership)
        client.force_login(outsider.user)
        response = client.post(item_url(answer), item_post(answer) | ACTION | {"add_action": "1"})
        assert response.status_code == 404
        answer.refresh_from_db()
        assert (answer.version, answer.actions.count()) == (1, 0)

    def test_a_submitted_cycle_takes_no_answers_or_actions(self, client, admin, draft):
        for each in draft.items.all():
            services.save_item(each, {"rating": 2}, expected_version=each.version, by=admin.user)
        services.submit_assessment(draft, by=admin.user)
        answer = first_answer(draft)
        client.force_login(admin.user)
        response = client.post(item_url(answer), item_post(answer) | ACTION | {"add_action": "1"})
        assert response.status_code == 302
        answer.refresh_from_db()
        assert (answer.rating, answer.actions.count()) == (2, 0)

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("what", "x" * 1001, "Ensure this value has at most 1000 characters"),
            ("what", "Train\x00managers", "Null characters are not allowed"),
            ("due_0", "31", "Enter a real date"),
        ],
    )
    def test_a_bad_action_is_refused_plainly_and_what_was_typed_is_kept(
        self, client, admin, draft, field, value, message
    ):
        client.force_login(admin.user)
        answer = first_answer(draft)
        data = the_page(client, answer) | ACTION | {field: value, "add_action": "1"}
        if field == "due_0":
            data |= {"due_1": "2", "due_2": "2027"}
        response = client.post(item_url(answer), data)
        assert response.status_code == 200
        assert message in response.text
        assert EVIDENCE in response.text
        assert not answer.actions.exists()


def submit_url(cycle):
    return reverse("assessments:submit", kwargs=org_kwargs(cycle.organisation) | {"assessment_id": cycle.pk})


class TestCheckAndSubmit:
    def test_each_item_has_a_change_link(self, client, admin, draft):
        client.force_login(admin.user)
        page = client.get(submit_url(draft)).text
        for answer in draft.items.with_framework():
            assert f'href="{item_url(answer)}">Change<span class="govuk-visually-hidden"> {answer.item.number}.' in page

    def test_items_still_to_rate_are_listed_before_the_button_which_is_not_offered(self, client, admin, draft):
        answers = list(draft.items.with_framework())
        services.save_item(answers[0], {"rating": 2}, expected_version=answers[0].version, by=admin.user)
        client.force_login(admin.user)
        response = client.get(submit_url(draft))
        assert response.status_code == 200
        assert "Items still to rate" in response.text
        assert "These 2 items have no rating yet" in response.text
        for answer in answers[1:]:
            assert f'<a class="govuk-link" href="{item_url(answer)}">{answer.item.number}.' in response.text
        assert "Submit self-assessment</button>" not in response.text

    def test_with_every_item_rated_the_button_is_there_and_submits(self, client, admin, draft):
        for answer in draft.items.all():
            services.save_item(answer, {"rating": 2}, expected_version=answer.version, by=admin.user)
        client.force_login(admin.user)
        page = client.get(submit_url(draft)).text
        assert "Items still to rate" not in page
        assert "Submit self-assessment</button>" in page
        assert client.post(submit_url(draft)).status_code == 302
        draft.refresh_from_db()
        assert not draft.is_draft

    def test_a_submit_sent_anyway_is_still_refused_with_the_list(self, client, admin, draft):
        client.force_login(admin.user)
        response = client.post(submit_url(draft))
        assert response.status_code == 400
        assert "Give every item a rating before you submit" in response.text
        draft.refresh_from_db()
        assert draft.is_draft


def test_an_action_typed_as_the_session_ran_out_is_offered_back_after_signing_in(client, admin, draft):
    answer = first_answer(draft)
    sent = item_post(answer, evidence=EVIDENCE) | ACTION | {"add_action": "1"}
    response = client.post(item_url(answer), sent)  # signed out: the session has ended
    assert response.status_code == 302
    assert not answer.actions.exists()

    client.force_login(admin.user)
    page = client.get(item_url(answer)).text
    assert EVIDENCE in page
    assert ACTION["what"] in page
    assert 'value="Ana"' in page
