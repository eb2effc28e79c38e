from pathlib import Path

from django import forms

from included.core.text import size_in_words

from .fileformat import MAX_FILE_BYTES, too_big_message

FILE_ENDINGS = {".yaml", ".yml"}


class FrameworkUploadForm(forms.Form):
    """Checks only what can be known from the upload itself; the loader checks what is inside the file."""

    file = forms.FileField(
        label="Framework file",
        help_text=f"A YAML file, ending in .yaml or .yml, no bigger than {size_in_words(MAX_FILE_BYTES)}.",
        widget=forms.FileInput(attrs={"accept": ".yaml,.yml"}),
        error_messages={
            "required": "Choose a framework file to upload.",
            "empty": "The file you chose is empty.",
            "invalid": "We could not read that file. Choose the file again.",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in FILE_ENDINGS:
            raise forms.ValidationError("The file must be a YAML file, with a name ending in .yaml or .yml.")
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(too_big_message())
        upload.seek(0)
        return upload.read(MAX_FILE_BYTES + 1)
