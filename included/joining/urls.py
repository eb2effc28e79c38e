from django.urls import path

from . import views

app_name = "joining"

PARTNERSHIP = "p/<slug:partnership_slug>/"
REQUEST = PARTNERSHIP + "join-requests/<int:request_id>/"

urlpatterns = [
    path(PARTNERSHIP + "join/", views.ask, name="ask"),
    path(PARTNERSHIP + "join/sent/", views.asked, name="asked"),
    path(PARTNERSHIP + "join-requests/", views.requests, name="requests"),
    path(REQUEST, views.join_request, name="request"),
    path(REQUEST + "accept/", views.accept, name="accept"),
    path(REQUEST + "decline/", views.decline, name="decline"),
]
