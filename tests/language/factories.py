import factory

from included.language.models import Dismissal, WordListEntry
from tests.factories import PartnershipFactory


class WordListEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WordListEntry

    partnership = factory.SubFactory(PartnershipFactory)
    kind = "plain"
    key = factory.Sequence(lambda n: f"own-entry-{n}")
    phrases = "Pathways Programme"
    instead = "our course"
    why = "People outside the partnership do not know the name."

    class Params:
        switched_off = factory.Trait(is_active=False)


class DismissalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dismissal

    partnership = factory.SubFactory(PartnershipFactory)
    text_key = "tests.statement:1"
    flag_key = "plain_words:utilise"
    flag_kind = "plain_words"
    flag_label = "Plainer word"
    reason = "It is the name of our fund."
