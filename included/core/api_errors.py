"""The error answers every operation of the public API may give, described once for the OpenAPI document.

Each app's router adds them to its operations' responses (`response={200: Rows, **ERRORS}`), so that the document
says what a client can get back and the schema-driven fuzz test can hold every answer to it:

- 400: the request could not be read at all (for example a NUL character in the address);
- 404: no such partnership, or no such record in it (Django Ninja answers Http404 with this body);
- 422: a query parameter was the wrong type or out of range (Django Ninja's validation);
- 429: this visitor asked too often in the last minute (api/limits.py); Retry-After says how many seconds to wait.
"""

from ninja import Schema
from pydantic import Field


class Message(Schema):
    detail: str = Field(description="What went wrong, in words.")


class ValidationErrors(Schema):
    detail: list[dict] = Field(description="What was wrong with each parameter.")


ERRORS = {400: Message, 404: Message, 422: ValidationErrors, 429: Message}
