"""Stop reading an uploaded file as soon as it is bigger than we allow, instead of saving it all first."""

from django.core.files.uploadhandler import FileUploadHandler, SkipFile

TOO_BIG = "language_upload_too_big"


class UploadSizeLimit(FileUploadHandler):
    """Skips any uploaded file larger than `limit` bytes and marks the request, so the form can say so.

    It must run before Django's own handlers, so the view adds it first (see views.check_words)."""

    def __init__(self, request, limit):
        super().__init__(request)
        self.limit = limit

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            setattr(self.request, TOO_BIG, True)
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None


def upload_was_too_big(request):
    return getattr(request, TOO_BIG, False)
