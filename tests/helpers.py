import time

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import hotp_value
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import TOTP_SECRET


def totp_code(secret=TOTP_SECRET):
    """The six-digit code an authenticator app would show right now."""
    counter = int(time.time()) // 30
    return f"{hotp_value(secret, counter):06d}"


# A code is only good until its 30 seconds are up (Included accepts no older one), and a browser takes a moment to
# send it. So a browser test that would type a code in the last few seconds waits for the next one, as a person
# would. Without this, a test that types a code just before the change fails now and then, for no real reason.
SECONDS_TO_TYPE_A_CODE = 3


def totp_code_to_type(secret=TOTP_SECRET):
    """A code from the authenticator app that will still be good when the browser sends it."""
    left = 30 - time.time() % 30
    if left < SECONDS_TO_TYPE_A_CODE:
        time.sleep(left + 0.1)
    return totp_code(secret)


def record_code_typed(client, user):
    """Write in the client's session that `user` typed a code from their authenticator app, as allauth does when
    someone signs in with their password and then the code. Does nothing for someone without the app."""
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        return
    request = RequestFactory().get("/")
    request.session = client.session
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
    request.session.save()


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


def views_marked(mark):
    """The names ("namespace:name") of every address whose view carries this mark (an attribute set to True)."""
    found = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and getattr(pattern.callback, mark, False):
                found.add(f"{namespace}:{pattern.name}")

    walk(get_resolver().url_patterns, None)
    return found
