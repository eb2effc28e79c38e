from django.urls import path

from . import views

app_name = "wellbeing"

ME = "me/wellbeing/"

urlpatterns = [
    path(ME, views.home, name="home"),
    path(ME + "answer/", views.answer, name="answer"),
    path(ME + "<int:answer_id>/delete/", views.delete_answer, name="delete_answer"),
    path(ME + "delete-all/", views.delete_all, name="delete_all"),
    path("p/<slug:partnership_slug>/wellbeing/", views.partnership, name="partnership"),
]
