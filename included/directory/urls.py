from django.urls import path

from . import public_views, views

app_name = "directory"

ORG = "p/<slug:partnership_slug>/org/<slug:organisation_slug>/services/"
SERVICE = ORG + "<uuid:service_id>/"

urlpatterns = [
    # An organisation's own services (views.py).
    path(ORG, views.service_list, name="services"),
    path(ORG + "new/", views.add_service, name="add_service"),
    path(ORG + "import/", views.import_feed, name="import"),
    path(SERVICE, views.service_detail, name="service"),
    path(SERVICE + "change/", views.change_service, name="change_service"),
    path(SERVICE + "places/add/", views.add_location, name="add_location"),
    path(SERVICE + "places/<uuid:location_id>/change/", views.change_location, name="change_location"),
    path(SERVICE + "places/<uuid:location_id>/remove/", views.remove_location, name="remove_location"),
    path(SERVICE + "opening-times/add/", views.add_opening_times, name="add_opening_times"),
    path(SERVICE + "opening-times/<uuid:schedule_id>/change/", views.change_opening_times, name="change_opening_times"),
    path(SERVICE + "opening-times/<uuid:schedule_id>/remove/", views.remove_opening_times, name="remove_opening_times"),
    path(SERVICE + "publish/", views.publish, name="publish"),
    path(SERVICE + "unpublish/", views.unpublish, name="unpublish"),
    path(SERVICE + "confirm/", views.confirm, name="confirm"),
    # The public directory (public_views.py).
    path("p/<slug:partnership_slug>/find-help/", public_views.search, name="search"),
    path("p/<slug:partnership_slug>/find-help/<uuid:service_id>/", public_views.service_page, name="public_service"),
]
