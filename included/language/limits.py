"""How much the word checker does for each visitor.

A check of the longest text (200,000 characters) can take a second or two of a server's time. Signed-in people
may do that often; signed-out visitors, scripts among them, get shorter texts and fewer checks a minute, so that
nobody without an account can keep a server busy. The JSON endpoint allows more checks than the page's form, so
the page can check again as a person types. Every number is a setting (docs/language.md).
"""

from dataclasses import dataclass

from django.conf import settings

from .documents import MAX_TEXT_CHARACTERS


@dataclass(frozen=True)
class CheckLimits:
    characters: int
    api_checks_per_minute: int
    page_checks_per_minute: int
    signed_in: bool = True

    @property
    def api_max_body_bytes(self):
        """A request body bigger than this is refused before it is read: the longest text, in JSON, with room."""
        return self.characters * 4 + 4096

    def too_long(self, what, advice=""):
        """What to say when a text is over the limit: "Your words must be 20,000 characters or fewer. ..."."""
        sentences = [f"{what} must be {self.characters:,} characters or fewer.", advice]
        if not self.signed_in:
            sentences.append(f"If you have an account, sign in to check up to {MAX_TEXT_CHARACTERS:,} at a time.")
        return " ".join(sentence for sentence in sentences if sentence)


def signed_in_limits():
    return CheckLimits(
        characters=MAX_TEXT_CHARACTERS,
        api_checks_per_minute=getattr(settings, "LANGUAGE_CHECKS_PER_MINUTE", 120),
        page_checks_per_minute=getattr(settings, "LANGUAGE_PAGE_CHECKS_PER_MINUTE", 30),
    )


def signed_out_limits():
    return CheckLimits(
        characters=min(getattr(settings, "LANGUAGE_SIGNED_OUT_MAX_CHARACTERS", 20_000), MAX_TEXT_CHARACTERS),
        api_checks_per_minute=getattr(settings, "LANGUAGE_SIGNED_OUT_CHECKS_PER_MINUTE", 30),
        page_checks_per_minute=getattr(settings, "LANGUAGE_SIGNED_OUT_PAGE_CHECKS_PER_MINUTE", 10),
        signed_in=False,
    )


def limits_for(user):
    return signed_in_limits() if user.is_authenticated else signed_out_limits()
