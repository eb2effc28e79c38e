from django.urls import path

from . import views

app_name = "partnerships"

urlpatterns = [
    path("invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("p/<slug:partnership_slug>/invitations/", views.invitations, name="invitations"),
    path(
        "p/<slug:partnership_slug>/invitations/<int:invitation_id>/withdraw/",
        views.withdraw,
        name="withdraw_invitation",
    ),
    path(
        "p/<slug:partnership_slug>/invitations/<int:invitation_id>/resend/",
        views.resend,
        name="resend_invitation",
    ),
]
