from django.urls import path

from . import views

app_name = "opendata"

OPEN_DATA = "p/<slug:partnership_slug>/open-data/"

urlpatterns = [
    path(OPEN_DATA, views.index, name="index"),
    path(OPEN_DATA + "dictionary/", views.dictionary, name="dictionary"),
    path(OPEN_DATA + "<slug:dataset_slug>.csv", views.download_csv, name="csv"),
    path(OPEN_DATA + "<slug:dataset_slug>.json", views.download_json, name="json"),
    path(OPEN_DATA + "<slug:dataset_slug>.csv-metadata.json", views.csv_metadata, name="csv_metadata"),
]
