from django.urls import path

from . import views

app_name = "www"

urlpatterns = [
    path("", views.home, name="home"),
    path("p/<slug:partnership_slug>/invitations/", views.invitations, name="invitations"),
    path("p/<slug:partnership_slug>/invitations/new/<slug:kind>/", views.invite, name="invite"),
    path("p/<slug:partnership_slug>/org/<slug:organisation_slug>/", views.organisation_home, name="organisation_home"),
]
