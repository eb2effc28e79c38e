from django.urls import path

from . import views

app_name = "notifications"

PARTNERSHIP = "p/<slug:partnership_slug>/"

urlpatterns = [
    path("accounts/settings/emails/", views.preferences, name="preferences"),
    path("emails/stop/<slug:kind>/<str:token>/", views.stop, name="stop"),
    path(PARTNERSHIP + "emails/", views.previews, name="previews"),
    path(PARTNERSHIP + "emails/<slug:kind>/", views.preview, name="preview"),
]
