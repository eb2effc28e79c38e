"""Numbers written as people read them, so the words on a page come from the setting that enforces the limit.

A page that says "up to 10 MB" while a setting allows 20 MB tells people something untrue. Write the number from
the setting with these helpers instead of typing it into the sentence.
"""

from django.conf import settings
from django.utils.functional import lazy
from django.utils.text import format_lazy

KB = 1024
MB = 1024 * KB


def size_in_words(size):
    """A file size in bytes as people read it: "10 MB", "1.5 MB", "500 KB", "200 bytes".

    One MB is 1,048,576 bytes, as the checks that refuse a file count it, so "up to 10 MB" is exactly the limit.
    """
    for unit, name in ((MB, "MB"), (KB, "KB")):
        if size >= unit:
            return f"{_number(size / unit)} {name}"
    return f"{size} byte{'' if size == 1 else 's'}"


def text_with_size_from_setting(text, setting):
    """`text` with `{}` replaced by the size a setting holds, read each time the text is shown.

    For texts set when a module is loaded, like a form field's hint: changing the setting changes the words.
    """
    return format_lazy(text, _setting_size_in_words(setting))


def duration_in_words(seconds):
    """A length of time as people read it: "5 minutes", "1 hour", "3 days", "90 seconds".

    The largest unit that divides the time exactly is used, so "1.5 hours" is written "90 minutes".
    """
    seconds = int(seconds)
    for unit, name in ((24 * 60 * 60, "day"), (60 * 60, "hour"), (60, "minute")):
        if seconds >= unit and seconds % unit == 0:
            return _count(seconds // unit, name)
    return _count(seconds, "second")


def _setting_size_in_words_now(setting):
    return size_in_words(getattr(settings, setting))


_setting_size_in_words = lazy(_setting_size_in_words_now, str)


def _number(value):
    rounded = round(value, 1)
    return str(int(rounded)) if rounded.is_integer() else str(rounded)


def _count(number, name):
    return f"{number} {name}{'' if number == 1 else 's'}"
