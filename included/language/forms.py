from django import forms
from django.conf import settings

from included.core.text import size_in_words

from .checking.lexicon import MATCH_WORD, word_key
from .documents import DocumentError, extract_text
from .enums import WordListKind
from .limits import signed_in_limits
from .uploads import upload_was_too_big

MAX_PHRASES = 20
MAX_PHRASE_CHARACTERS = 100


def upload_limit_bytes():
    return getattr(settings, "LANGUAGE_UPLOAD_MAX_BYTES", 5 * 1024 * 1024)


def upload_limit_words():
    return size_in_words(upload_limit_bytes())


class CheckWordsForm(forms.Form):
    """Words pasted into the box, or a document. One at a time, so nothing typed is silently replaced."""

    text = forms.CharField(
        label="Your words",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "true"}),
    )
    document = forms.FileField(
        label="Or upload a document",
        required=False,
        widget=forms.FileInput(attrs={"accept": ".docx,.odt,.pdf,.txt"}),
    )
    easy_read = forms.BooleanField(
        label="Check for easy read: sentences of 15 words or fewer",
        required=False,
    )

    def __init__(self, *args, request=None, limits=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.limits = limits or signed_in_limits()
        self.fields["text"].help_text = (
            f"Paste or type them here, up to {self.limits.characters:,} characters. "
            "Web page code (HTML) is left out of the scores."
        )
        self.fields["document"].help_text = (
            f"A .docx, .odt, .pdf or .txt file, up to {upload_limit_words()}. "
            "To check a document, leave the box above empty."
        )
        self.checked_text = ""
        self.document_name = ""

    def clean_text(self):
        text = self.cleaned_data.get("text") or ""
        if len(text) > self.limits.characters:
            raise forms.ValidationError(
                self.limits.too_long("Your words", "Check a shorter piece, or check it a part at a time.")
            )
        return text

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if self.request is not None and upload_was_too_big(self.request):
            raise forms.ValidationError(f"The file must be smaller than {upload_limit_words()}.")
        if not upload:
            return None
        if upload.size > upload_limit_bytes():
            raise forms.ValidationError(f"The file must be smaller than {upload_limit_words()}.")
        data = upload.read(upload_limit_bytes() + 1)
        if len(data) > upload_limit_bytes():
            raise forms.ValidationError(f"The file must be smaller than {upload_limit_words()}.")
        try:
            self.document_text = extract_text(data, upload.name)
        except DocumentError as error:
            raise forms.ValidationError(str(error)) from error
        if len(self.document_text) > self.limits.characters:
            raise forms.ValidationError(self.limits.too_long("The words in a document", "Check it a part at a time."))
        return upload

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("text") or ""
        upload = cleaned.get("document")
        if self.errors:
            return cleaned
        if upload and text.strip():
            self.add_error(
                "document",
                "You typed words and chose a document. Empty the box to check the document, or remove the "
                "document to check your words.",
            )
        elif upload:
            self.checked_text = self.document_text
            self.document_name = upload.name
        elif text.strip():
            self.checked_text = text
        else:
            self.add_error("text", "Enter some words to check, or choose a document")
        return cleaned


class WordListEntryForm(forms.Form):
    """Add or change an entry. `kind` is only asked when adding."""

    kind = forms.ChoiceField(
        label="Which list is it for?",
        choices=WordListKind.choices,
        widget=forms.RadioSelect,
    )
    phrases = forms.CharField(
        label="Words to look for",
        help_text="One word or phrase on each line. Other endings are found too: “utilise” also finds “utilised”.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    instead = forms.CharField(
        label="What to write instead",
        max_length=300,
        help_text="Short and plain, like “use” or “disabled people”.",
    )
    why = forms.CharField(
        label="Why it matters",
        required=False,
        max_length=1000,
        help_text="In a sentence or two. People are more likely to change their words when they know why.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, lexicon=None, editing_key="", asks_kind=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.lexicon = lexicon
        self.editing_key = editing_key
        if not asks_kind:
            del self.fields["kind"]

    def clean_phrases(self):
        lines = [" ".join(line.split()) for line in self.cleaned_data["phrases"].splitlines()]
        phrases = [line for line in lines if line]
        if not phrases:
            raise forms.ValidationError("Enter at least one word or phrase to look for")
        if len(phrases) > MAX_PHRASES:
            raise forms.ValidationError(f"Enter {MAX_PHRASES} phrases or fewer")
        for phrase in phrases:
            if len(phrase) > MAX_PHRASE_CHARACTERS:
                raise forms.ValidationError(f"Each phrase must be {MAX_PHRASE_CHARACTERS} characters or fewer")
            if not MATCH_WORD.search(phrase):
                raise forms.ValidationError(f"“{phrase}” has no letters or numbers to look for")
        return phrases

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind") or self.initial.get("kind")
        phrases = cleaned.get("phrases") or []
        if kind == WordListKind.INCLUSIVE and not (cleaned.get("why") or "").strip():
            self.add_error("why", "Say why it matters. People deserve to know the reason, not just the rule")
        if self.lexicon is not None and kind:
            for phrase in phrases:
                clash = self._entry_finding(phrase, kind)
                if clash is not None:
                    self.add_error("phrases", f"“{phrase}” is already in the list. Change that entry instead")
                    break
        return cleaned

    def _entry_finding(self, phrase, kind):
        keys = tuple(word_key(match.group()) for match in MATCH_WORD.finditer(phrase))
        for entry in self.lexicon.entries:
            if str(entry.kind) != str(kind) or entry.key == self.editing_key:
                continue
            for found in entry.find:
                if tuple(word_key(match.group()) for match in MATCH_WORD.finditer(found)) == keys:
                    return entry
        return None


class SwitchEntryForm(forms.Form):
    on = forms.TypedChoiceField(choices=[("on", "On"), ("off", "Off")], coerce=lambda value: value == "on")


class DismissForm(forms.Form):
    reason = forms.CharField(
        label="Why are you dismissing this suggestion?",
        help_text="For example, “this is the name of our programme” or “the people we work with use this word”. "
        "Reviewers can see your reason.",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why you are dismissing this suggestion"},
    )
