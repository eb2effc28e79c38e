from django.urls import path

from . import host_views, views

app_name = "www"

urlpatterns = [
    path("", views.home, name="home"),
    path("host/partnerships/", host_views.partnerships, name="host_partnerships"),
    path("host/partnerships/new/", host_views.new_partnership, name="host_new_partnership"),
    path(
        "host/partnerships/<slug:partnership_slug>/invite/",
        host_views.invite_coordinator,
        name="host_invite_coordinator",
    ),
    path("p/<slug:partnership_slug>/invitations/", views.invitations, name="invitations"),
    path("p/<slug:partnership_slug>/invitations/new/<slug:kind>/", views.invite, name="invite"),
    path("p/<slug:partnership_slug>/org/<slug:organisation_slug>/", views.organisation_home, name="organisation_home"),
]
