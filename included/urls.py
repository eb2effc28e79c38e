from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from included.accounts.views import admin_sign_in, confirm_with_security_key

# The admin signs people in through Included's sign-in page, with its limits on tries and two-step verification.
# Django's own admin sign-in form asks for a password only and never limits tries, so it is never shown.
admin.site.login = secure_admin_login(admin_sign_in)

urlpatterns = [
    path("", include("included.www.urls")),
    path("", include("included.core.urls")),
    path("accounts/", include("included.accounts.urls")),
    # In front of allauth's page at the same address and name, so a refused key is explained on the page itself.
    path(
        "accounts/2fa/webauthn/reauthenticate/",
        confirm_with_security_key,
        name="mfa_reauthenticate_webauthn",
    ),
    path("accounts/", include("allauth.urls")),
    path("", include("included.invitations.urls")),
    path("", include("included.organisations.urls")),
    path("", include("included.frameworks.urls")),
    path("", include("included.assessments.urls")),
    path("", include("included.coproduction.urls")),
    path("", include("included.language.urls")),
    path("", include("included.notifications.urls")),
    path("", include("included.joining.urls")),
    path("", include("included.people.urls")),
    path("", include("included.directory.urls")),
    path("", include("included.stories.urls")),
    path("", include("included.commissioning.urls")),
    path("", include("included.steps.urls")),
    path("", include("included.wellbeing.urls")),
    path("", include("included.partnerships.urls")),
    path("", include("included.opendata.urls")),
    path("", include("included.impact.urls")),
    path("", include("included.api.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "included.core.views.bad_request"
handler403 = "included.core.views.forbidden"
handler404 = "included.core.views.not_found"
handler500 = "included.core.views.server_error"
