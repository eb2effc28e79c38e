from django.urls import path

from . import views

app_name = "steps"

ME = "me/steps/"

urlpatterns = [
    path(ME, views.home, name="home"),
    path(ME + "goals/new/", views.add_goal, name="add_goal"),
    path(ME + "goals/<int:goal_id>/", views.change_goal, name="change_goal"),
    path(ME + "goals/<int:goal_id>/delete/", views.remove_goal, name="remove_goal"),
    path(ME + "goals/<int:goal_id>/steps/new/", views.add_step, name="add_step"),
    path(ME + "<int:step_id>/", views.change_step, name="change_step"),
    path(ME + "<int:step_id>/done/", views.mark_done, name="mark_done"),
    path(ME + "<int:step_id>/not-done/", views.mark_not_done, name="mark_not_done"),
    path(ME + "<int:step_id>/delete/", views.remove_step, name="remove_step"),
    path(ME + "break/", views.take_break, name="take_break"),
    path(ME + "back/", views.come_back, name="come_back"),
    path(ME + "supporters/", views.supporters, name="supporters"),
    path(ME + "supporters/allow/<int:organisation_id>/", views.allow_supporter, name="allow_supporter"),
    path(ME + "supporters/<int:supporter_id>/remove/", views.remove_supporter, name="remove_supporter"),
    path(ME + "suggestions/<int:suggestion_id>/", views.suggestion, name="suggestion"),
    path(ME + "supporting/", views.supporting, name="supporting"),
    path(ME + "supporting/<int:supporter_id>/suggest/", views.suggest, name="suggest"),
]
