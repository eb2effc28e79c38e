from django.urls import path

from . import views

app_name = "invitations"

urlpatterns = [
    path("invitations/<str:token>/", views.accept_invitation, name="accept"),
    path("p/<slug:partnership_slug>/invitations/<int:invitation_id>/withdraw/", views.withdraw, name="withdraw"),
    path("p/<slug:partnership_slug>/invitations/<int:invitation_id>/resend/", views.resend, name="resend"),
]
