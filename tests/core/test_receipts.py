"""One result per form: the one-time token a form carries, and what a second POST of it gets back."""

import pytest
from django import forms
from django.db import transaction

from included.core.forms import FormTokenField
from included.core.models import FormReceipt
from included.core.receipts import create_once
from included.partnerships.models import Partnership
from tests.factories import PartnershipFactory


class TokenForm(forms.Form):
    form_token = FormTokenField()


def test_each_new_copy_of_a_form_has_its_own_token():
    first, second = str(TokenForm()["form_token"]), str(TokenForm()["form_token"])
    assert 'type="hidden"' in first
    assert first != second


@pytest.mark.parametrize("sent", ["", "short", "x" * 65, "<script>alert(1)</script>", "a b c d e f g h i j k"])
def test_a_token_that_is_not_one_is_dropped_quietly(sent):
    form = TokenForm({"form_token": sent})
    assert form.is_valid()
    assert form.cleaned_data["form_token"] == ""


@pytest.mark.django_db
class TestCreateOnce:
    TOKEN = "a-token-of-twenty-four-chars"

    def make(self, made):
        def create():
            made.append(PartnershipFactory())
            return made[-1]

        return create

    def test_the_second_post_gets_the_first_result(self):
        made = []
        with transaction.atomic():
            first = create_once(self.TOKEN, "tests.partnership", Partnership, self.make(made))
        with transaction.atomic():
            again = create_once(self.TOKEN, "tests.partnership", Partnership, self.make(made))
        assert again == first
        assert len(made) == 1
        assert FormReceipt.objects.get().object_id == str(first.pk)

    def test_the_same_token_for_another_record_is_another_form(self):
        made = []
        with transaction.atomic():
            create_once(self.TOKEN, "tests.partnership:1", Partnership, self.make(made))
            create_once(self.TOKEN, "tests.partnership:2", Partnership, self.make(made))
        assert len(made) == 2

    def test_if_the_first_result_was_deleted_the_second_post_gets_nothing_and_makes_nothing(self):
        made = []
        with transaction.atomic():
            first = create_once(self.TOKEN, "tests.partnership", Partnership, self.make(made))
        first.delete()
        with transaction.atomic():
            assert create_once(self.TOKEN, "tests.partnership", Partnership, self.make(made)) is None
        assert len(made) == 1

    def test_a_form_without_a_token_is_simply_acted_on(self):
        made = []
        create_once("", "tests.partnership", Partnership, self.make(made))
        create_once("", "tests.partnership", Partnership, self.make(made))
        assert len(made) == 2


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_it_refuses_to_run():
    """The receipt and the row must commit together, or a failed save would use up the token."""
    with pytest.raises(RuntimeError):
        create_once(TestCreateOnce.TOKEN, "tests.partnership", Partnership, PartnershipFactory)
    assert not Partnership.objects.exists()
