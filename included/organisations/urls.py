from django.urls import path

from . import coordinator_views, views

app_name = "organisations"

ORGANISATION = "p/<slug:partnership_slug>/org/<slug:organisation_slug>/"
MEMBERS = "p/<slug:partnership_slug>/organisations/"

urlpatterns = [
    # Coordinators' pages about every organisation (coordinator_views.py).
    path(MEMBERS, coordinator_views.organisation_list, name="coordinator_list"),
    path(MEMBERS + "archived/", coordinator_views.archived_list, name="archived"),
    path(MEMBERS + "<slug:organisation_slug>/archive/", coordinator_views.archive, name="archive"),
    path(MEMBERS + "<slug:organisation_slug>/restore/", coordinator_views.restore, name="restore"),
    # An organisation's own pages (views.py).
    path("organisations/switch/", views.switch, name="switch"),
    path(ORGANISATION + "profile/", views.profile, name="profile"),
    path(ORGANISATION + "members/", views.members, name="members"),
    path(ORGANISATION + "members/<int:member_id>/role/", views.member_role, name="member_role"),
    path(ORGANISATION + "members/<int:member_id>/remove/", views.member_remove, name="member_remove"),
    path(
        ORGANISATION + "members/invitations/<int:invitation_id>/withdraw/",
        views.invitation_withdraw,
        name="withdraw_invitation",
    ),
    path(
        ORGANISATION + "members/invitations/<int:invitation_id>/resend/",
        views.invitation_resend,
        name="resend_invitation",
    ),
]
