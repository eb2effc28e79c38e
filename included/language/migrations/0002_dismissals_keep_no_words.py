"""Dismissals keep no words from the texts they are about.

A dismissal used to keep the words its suggestion was about, and the audit log kept them too, so a long sentence
from a draft reached every coordinator and reviewer. This blanks the words, keeps each suggestion made from the
text itself (not from the word lists) under a keyed hash, and notes its kind. The next migration removes the words.

The hash is written out here, not imported, so this migration does what it did on the day it was written.
"""

import re

from django.db import migrations, models
from django.utils.crypto import salted_hmac

WORD_LIST_FLAG_KINDS = {"plain_words", "inclusive_language"}
HASHED_FLAG_KEY = re.compile(r"^[a-z_]+:[0-9a-f]{64}$")
OLD_SUMMARY = re.compile(r"^(?P<verb>Dismissed|Showed) “.*” \((?P<label>[^()]*)\) (?P<again>again )?for (?P<text>.*)$", re.S)


def hashed(text_key, flag_key):
    kind, _, _ = flag_key.partition(":")
    if kind in WORD_LIST_FLAG_KINDS or HASHED_FLAG_KEY.match(flag_key):
        return flag_key
    digest = salted_hmac("included.language.dismissal", f"{text_key}\n{flag_key}", algorithm="sha256")
    return f"{kind}:{digest.hexdigest()}"


def forget_words(apps, schema_editor):
    Dismissal = apps.get_model("language", "Dismissal")
    for dismissal in Dismissal.objects.all().iterator():
        dismissal.flag_key = hashed(dismissal.text_key, dismissal.flag_key)
        dismissal.flag_kind = dismissal.flag_key.partition(":")[0][:30]
        dismissal.words = ""
        dismissal.save(update_fields=["flag_key", "flag_kind", "words"])
    AuditEvent = apps.get_model("core", "AuditEvent")
    events = AuditEvent.objects.filter(action__in=["language.suggestion.dismissed", "language.suggestion.restored"])
    for event in events.only("pk", "summary").iterator():
        match = OLD_SUMMARY.match(event.summary)
        if match is None:
            continue
        again = "again " if match["again"] else ""
        summary = f"{match['verb']} the suggestion ({match['label']}) {again}for {match['text']}"
        AuditEvent.objects.filter(pk=event.pk).update(summary=summary[:300])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_initial"),
        ("language", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="dismissal",
            name="flag_kind",
            field=models.CharField(blank=True, help_text="The kind of suggestion, like long_sentence.", max_length=30),
        ),
        migrations.RunPython(forget_words, migrations.RunPython.noop),
    ]
