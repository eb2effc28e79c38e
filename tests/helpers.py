import time

from allauth.mfa.totp.internal.auth import hotp_value

from tests.factories import TOTP_SECRET


def totp_code(secret=TOTP_SECRET):
    """The six-digit code an authenticator app would show right now."""
    counter = int(time.time()) // 30
    return f"{hotp_value(secret, counter):06d}"


def read_download(response):
    """The bytes of a streamed download, with its file closed.

    Not response.close(): that sends request_finished, and Django then closes a database connection that is
    inside the test's transaction (PostgreSQL only), breaking the rest of the test.
    """
    content = b"".join(response.streaming_content)
    file_to_stream = getattr(response, "file_to_stream", None)
    if file_to_stream is not None:
        file_to_stream.close()
    return content
