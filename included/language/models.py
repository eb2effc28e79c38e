"""A partnership's own changes to the word lists, their history, and suggestions people chose to dismiss.

The default word lists are data files (included/language/data/); only a partnership's differences live here.
A row with `changes_default` set changes or switches off a default entry with the same key; any other row is an
entry the partnership added itself.
"""

import re

from django.conf import settings
from django.db import models
from django.utils.crypto import salted_hmac

from included.core.models import TimeStampedModel

from .checking import FlagKind
from .enums import WordListChangeAction, WordListKind


class WordListEntryQuerySet(models.QuerySet):
    def for_partnership(self, partnership):
        return self.filter(partnership=partnership)


class WordListEntry(TimeStampedModel):
    """One entry a partnership added, or its version of a default entry."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="word_list_entries"
    )
    kind = models.CharField(max_length=20, choices=WordListKind.choices)
    key = models.SlugField(max_length=80)
    changes_default = models.BooleanField(default=False)
    phrases = models.TextField(help_text="One word or phrase on each line.")
    instead = models.CharField(max_length=300)
    why = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = WordListEntryQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "key"]
        verbose_name_plural = "word list entries"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "kind", "key"], name="word_list_entry_key_unique"),
            models.CheckConstraint(condition=models.Q(kind__in=WordListKind.values), name="word_list_kind_known"),
            models.CheckConstraint(condition=~models.Q(phrases=""), name="word_list_entry_has_phrases"),
            models.CheckConstraint(condition=~models.Q(instead=""), name="word_list_entry_says_instead"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.phrase_list[0] if self.phrase_list else self.key}"

    @property
    def phrase_list(self):
        return [line.strip() for line in self.phrases.splitlines() if line.strip()]

    def snapshot(self):
        """What the entry says now, for the history of changes."""
        return {
            "phrases": self.phrase_list,
            "instead": self.instead,
            "why": self.why,
            "is_active": self.is_active,
        }


class WordListChangeQuerySet(models.QuerySet):
    def for_partnership(self, partnership):
        return self.filter(partnership=partnership)


class WordListChange(models.Model):
    """Who changed a partnership's word lists, what they changed and when. Never edited or deleted."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="word_list_changes"
    )
    entry = models.ForeignKey(WordListEntry, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(max_length=20, choices=WordListChangeAction.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)

    objects = WordListChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=WordListChangeAction.values), name="word_list_change_action_known"
            ),
        ]

    def __str__(self):
        return f"{self.get_action_display()} {self.entry} at {self.changed_at:%Y-%m-%d %H:%M}"


# Suggestions that point at an entry of the partnership's word lists. Their keys name the entry ("plain_words:
# utilise"), which the people who look after the word lists see anyway. Every other key is made from the text
# itself (a long sentence's key holds its first words), so it is kept only as a keyed hash.
WORD_LIST_FLAG_KINDS = {FlagKind.PLAIN_WORDS: WordListKind.PLAIN, FlagKind.INCLUSIVE_LANGUAGE: WordListKind.INCLUSIVE}
DISMISSAL_KEY_SALT = "included.language.dismissal"
HASHED_FLAG_KEY = re.compile(r"^[a-z_]+:[0-9a-f]{64}$")


def dismissal_flag_key(text_key, flag_key, *, secret=None):
    """The key a dismissal is kept under: a word-list suggestion's key as it is, any other as a keyed hash of the
    text's name and the suggestion, so that no words from the text are stored. A key already hashed is kept."""
    kind, _, _ = flag_key.partition(":")
    if kind in WORD_LIST_FLAG_KINDS or HASHED_FLAG_KEY.match(flag_key):
        return flag_key
    digest = salted_hmac(DISMISSAL_KEY_SALT, f"{text_key}\n{flag_key}", secret=secret, algorithm="sha256")
    return f"{kind}:{digest.hexdigest()}"


def dismissal_flag_keys(text_key, flag_key):
    """Every key a dismissal of this suggestion may be kept under: one for the secret key, and one for each
    secret key it replaced (SECRET_KEY_FALLBACKS), so that changing the secret does not bring suggestions back."""
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [dismissal_flag_key(text_key, flag_key, secret=secret) for secret in secrets]


class DismissalQuerySet(models.QuerySet):
    def for_partnership(self, partnership):
        return self.filter(partnership=partnership)

    def for_text(self, partnership, text_key):
        return self.filter(partnership=partnership, text_key=text_key)


class Dismissal(models.Model):
    """A suggestion someone chose not to follow for one text, with their reason.

    `text_key` names the text, like "assessments.signup:42:statement"; the app that owns the text chooses it.
    `flag_key` names the suggestion and stays the same while the text is edited: "plain_words:utilise" for a
    word-list entry, and a keyed hash for a suggestion made from the text itself (see `dismissal_flag_key`).
    No words from the text are kept: a draft stays private to the people who may see it.
    """

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="dismissals")
    text_key = models.CharField(max_length=200)
    flag_key = models.CharField(max_length=200)
    flag_kind = models.CharField(max_length=30, blank=True, help_text="The kind of suggestion, like long_sentence.")
    flag_label = models.CharField(max_length=100, blank=True)
    reason = models.TextField()
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dismissed_at = models.DateTimeField(auto_now_add=True)

    objects = DismissalQuerySet.as_manager()

    class Meta:
        ordering = ["-dismissed_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "text_key", "flag_key"], name="one_dismissal_per_flag"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="dismissal_has_reason"),
        ]

    def __str__(self):
        return f"{self.flag_label or self.flag_kind} dismissed for {self.text_key}"

    @property
    def word_list_entry(self):
        """(word list kind, entry key) for a suggestion from the word lists; None for any other."""
        kind, _, key = self.flag_key.partition(":")
        if kind not in WORD_LIST_FLAG_KINDS:
            return None
        return WORD_LIST_FLAG_KINDS[kind], key
