from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from included.accounts.views import admin_sign_in

# The admin signs people in through Included's sign-in page, with its limits on tries and two-step verification.
# Django's own admin sign-in form asks for a password only and never limits tries, so it is never shown.
admin.site.login = secure_admin_login(admin_sign_in)

urlpatterns = [
    path("", include("included.www.urls")),
    path("", include("included.core.urls")),
    path("accounts/", include("included.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("included.invitations.urls")),
    path("", include("included.organisations.urls")),
    path("", include("included.frameworks.urls")),
    path("", include("included.assessments.urls")),
    path("", include("included.coproduction.urls")),
    path("", include("included.language.urls")),
    path("", include("included.partnerships.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "included.core.views.forbidden"
handler404 = "included.core.views.not_found"
handler500 = "included.core.views.server_error"
