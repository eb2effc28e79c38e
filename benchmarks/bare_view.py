"""The ceiling for benchmarks/pages.py: one Django view with no middleware, no templates and no database.

gunicorn serves it with the same workers as Included, in the same run, so each page's requests per second can be
read as a share of what Django itself can do on this machine at that moment.
"""

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    SECRET_KEY="bare-view-no-secrets-here",  # noqa: S106 - this app signs nothing
)
django.setup()


def hello(request):
    return HttpResponse("Hello")


urlpatterns = [path("", hello)]
application = get_wsgi_application()
