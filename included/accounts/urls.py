from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "accounts"

urlpatterns = [
    # allauth's page for managing several addresses would let people add unchecked ones, which blocks setting up
    # two-step verification and muddles who an invitation is for. Included keeps one address per person.
    path("email/", RedirectView.as_view(pattern_name="accounts:settings"), name="email"),
    path("settings/", views.account_settings, name="settings"),
    path("settings/name/", views.edit_name, name="edit_name"),
    path("settings/your-data/", views.download_data, name="download_data"),
    path("settings/delete/", views.delete_account, name="delete"),
    path("deleted/", views.account_deleted, name="deleted"),
    path("two-step-needed/", views.two_step_needed, name="two_step_needed"),
    path("two-step-needed/carry-on/", views.carry_on, name="carry_on"),
]
