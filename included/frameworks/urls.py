from django.urls import path

from . import views

app_name = "frameworks"

urlpatterns = [
    path("p/<slug:partnership_slug>/frameworks/", views.framework_list, name="list"),
    path("p/<slug:partnership_slug>/frameworks/add/", views.upload_framework, name="upload"),
    path(
        "p/<slug:partnership_slug>/frameworks/<slug:framework_slug>/<str:version>/",
        views.framework_detail,
        name="detail",
    ),
]
