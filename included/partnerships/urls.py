from django.urls import path

from . import views

app_name = "partnerships"

PARTNERSHIP = "p/<slug:partnership_slug>/"

urlpatterns = [
    path(PARTNERSHIP + "details/", views.details, name="details"),
    path(PARTNERSHIP + "privacy/", views.privacy, name="privacy"),
]
