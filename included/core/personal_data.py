"""Everything Included holds about one person: gathered for "Download your data", cleared by "Delete your account".

The registry lives in core so that any app can add its part without importing the accounts app. Each app that
keeps something about people registers it in its own `personal_data.py`, imported from its `AppConfig.ready()`,
and says which models it covers, so that tests/core/test_personal_data.py can fail for a model nobody covers:

    from included.core.personal_data import register_eraser, register_exporter, scrub_rows

    @register_exporter(covers=["stories.Story"])
    def stories(user):
        # Return {section name: data that json.dumps can write, with dates allowed}. Sections must not clash.
        return {"stories_you_wrote": [{"title": s.title, "written_at": s.created_at} for s in user.stories.all()]}

    @register_eraser(covers=["stories.Story"])
    def forget_stories(user):
        # Runs inside the erasure's transaction, before the account itself is anonymised, while the person still
        # has their name, email address and memberships. Keep what belongs to their organisation; take out who
        # wrote it. The account the rows link to becomes "Former member", so links to it can stay.
        scrub_rows(Story.objects.filter(author=user), ["title", "text"], user)

Exporters and erasers run in the order they were registered.

What nobody needs any more goes after a while: each app registers a retention rule for what it keeps, with its
period in settings, and `manage.py apply_retention` runs them all once a day (see docs/deployment.md):

    @register_retention("Old stories removed")
    def old_stories(now):
        # Remove or clear what is older than its period; return how many rows changed. Running it twice in a row
        # changes nothing the second time.
        return Story.objects.filter(created_at__lt=now - timedelta(days=settings.RETAIN_STORIES_DAYS)).delete()[0]
"""

import re

from django.utils import timezone

ERASED_NAME = "Former member"
ERASED_EMAIL = "a former member"

EXPORTERS = []  # (function, labels of the models it covers)
ERASERS = []
RETENTION_RULES = []  # (what it removes, function)


def _register(registry, function, covers):
    if all(registered is not function for registered, _ in registry):
        registry.append((function, frozenset(covers)))
    return function


def register_exporter(exporter=None, *, covers=()):
    """Add a function user -> {section: data} to the download. Use it as a decorator, with or without `covers`:
    the models ("app_label.Model") whose rows about the person it exports."""
    if exporter is None:
        return lambda function: _register(EXPORTERS, function, covers)
    return _register(EXPORTERS, exporter, covers)


def register_eraser(eraser=None, *, covers=()):
    """Add a function user -> None to account deletion, covering the models named in `covers`."""
    if eraser is None:
        return lambda function: _register(ERASERS, function, covers)
    return _register(ERASERS, eraser, covers)


def register_retention(description):
    """Add a rule `function(now) -> rows changed` to the daily retention job. A decorator; `description` says what
    the rule removes, as the job reports it."""

    def register(rule):
        if all(registered is not rule for _, registered in RETENTION_RULES):
            RETENTION_RULES.append((description, rule))
        return rule

    return register


def apply_retention(*, now=None):
    """Run every retention rule. Returns {what it removes: how many rows changed}."""
    now = now or timezone.now()
    return {description: rule(now) for description, rule in RETENTION_RULES}


def exported_models():
    return set().union(*(covers for _, covers in EXPORTERS))


def erased_models():
    return set().union(*(covers for _, covers in ERASERS))


def collect(user):
    """Every registered section for this person, with a note of when it was made."""
    data = {"about_this_file": _about()}
    for exporter, _ in EXPORTERS:
        for section, content in exporter(user).items():
            if section in data:
                raise ValueError(f"Two exporters both write the section {section!r}")
            data[section] = content
    return data


def erase(user):
    for eraser, _ in ERASERS:
        eraser(user)


def _about():
    return {
        "service": "Included",
        "made_at": timezone.localtime(),
        "what_it_is": "Everything Included holds about you, from your account and the parts of Included you use.",
    }


def scrub(text, user, *, name=None, email=None):
    """The text with the person's email address and name taken out, ignoring case. A name is only replaced as a
    whole word, so taking out "Al" leaves "Always" alone. `name` and `email` default to the account's own."""
    name = user.name if name is None else name
    email = user.email if email is None else email
    if email:
        text = re.sub(re.escape(email), ERASED_EMAIL, text, flags=re.IGNORECASE)
    if len(name.strip()) > 1:
        text = re.sub(rf"(?<!\w){re.escape(name.strip())}(?!\w)", ERASED_NAME, text, flags=re.IGNORECASE)
    return text


def scrub_value(value, user, **who):
    """`scrub` for anything JSON holds: strings inside lists and dictionaries are scrubbed too."""
    if isinstance(value, str):
        return scrub(value, user, **who)
    if isinstance(value, list):
        return [scrub_value(item, user, **who) for item in value]
    if isinstance(value, dict):
        return {key: scrub_value(item, user, **who) for key, item in value.items()}
    return value


def mentions(value, user):
    """Whether the person's name or email address appears anywhere in the value."""
    return scrub_value(value, user) != value


def scrub_rows(queryset, fields, user):
    """Take the person's name and email address out of these text (or JSON) fields of every row. Returns how many
    rows changed. Each changed row is saved on its own, with only the fields that changed."""
    changed = 0
    for row in queryset.only("pk", *fields):
        updates = {}
        for field in fields:
            value = getattr(row, field)
            cleaned = scrub_value(value, user)
            if cleaned != value:
                updates[field] = cleaned
        if updates:
            type(row)._default_manager.filter(pk=row.pk).update(**updates)
            changed += 1
    return changed
