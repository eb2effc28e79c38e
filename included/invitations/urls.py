from django.urls import path

from . import assisted_views, views

app_name = "invitations"

ASSISTED = "p/<slug:partnership_slug>/org/<slug:organisation_slug>/assisted-sign-ups/"

urlpatterns = [
    path("claim/", assisted_views.claim, name="claim"),
    path(ASSISTED, assisted_views.assisted_list, name="assisted_list"),
    path(ASSISTED + "new/", assisted_views.assisted_new, name="assisted_new"),
    path(ASSISTED + "<int:invitation_id>/", assisted_views.assisted_detail, name="assisted_detail"),
    path(ASSISTED + "<int:invitation_id>/cancel/", assisted_views.assisted_cancel, name="assisted_cancel"),
    path(ASSISTED + "<int:invitation_id>/new-code/", assisted_views.assisted_new_code, name="assisted_new_code"),
    path("invitations/<str:token>/", views.accept_invitation, name="accept"),
    path("p/<slug:partnership_slug>/invitations/<int:invitation_id>/withdraw/", views.withdraw, name="withdraw"),
    path("p/<slug:partnership_slug>/invitations/<int:invitation_id>/resend/", views.resend, name="resend"),
]
