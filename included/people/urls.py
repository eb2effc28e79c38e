from django.urls import path

from . import views

app_name = "people"

ORGANISATION = "p/<slug:partnership_slug>/org/<slug:organisation_slug>/"

urlpatterns = [
    path("me/", views.hub, name="hub"),
    path("me/about/", views.facts, name="facts"),
    path("me/about/delete/", views.remove_facts, name="remove_facts"),
    path("me/about/<slug:section>/", views.edit_fact, name="edit_fact"),
    path("me/sharing/", views.shares, name="shares"),
    path("me/sharing/new/", views.new_share, name="new_share"),
    path("me/sharing/<int:share_id>/stop/", views.stop_share, name="stop_share"),
    path("me/who-looked/", views.looked, name="looked"),
    path("me/one-page-profile/", views.one_page, name="one_page"),
    path(ORGANISATION + "shared-with-us/", views.shared_with_organisation, name="shared_with_organisation"),
    path(ORGANISATION + "shared-with-us/<int:share_id>/", views.shared_person, name="shared_person"),
    path("p/<slug:partnership_slug>/shared-with-you/", views.shared_with_reviewer, name="shared_with_reviewer"),
    path(
        "p/<slug:partnership_slug>/shared-with-you/<int:share_id>/",
        views.shared_with_reviewer_person,
        name="shared_with_reviewer_person",
    ),
]
