from django.urls import path

from . import coordinator_views, exports, public_views, reviewer_views, views

app_name = "coproduction"

ORG = "p/<slug:partnership_slug>/org/<slug:organisation_slug>/coproduction/"
ACTIVITY = ORG + "<int:activity_id>/"

urlpatterns = [
    # An organisation's own records (views.py) and their CSV downloads (exports.py).
    path(ORG, views.activity_list, name="activities"),
    path(ORG + "new/", views.record_activity, name="record_activity"),
    path(ORG + "measures/", views.organisation_measures, name="organisation_measures"),
    path(ORG + "export/activities.csv", exports.export_activities, name="export_activities"),
    path(ORG + "export/contributions.csv", exports.export_contributions, name="export_contributions"),
    path(ORG + "export/responses.csv", exports.export_responses, name="export_responses"),
    path(ACTIVITY, views.activity_detail, name="activity"),
    path(ACTIVITY + "change/<slug:section>/", views.edit_activity, name="edit_activity"),
    path(ACTIVITY + "link/new/", views.create_link, name="create_link"),
    path(ACTIVITY + "link/switch-off/", views.switch_off_link, name="switch_off_link"),
    path(ACTIVITY + "contributions/add/", views.add_contribution, name="add_contribution"),
    path(ACTIVITY + "contributions/<int:contribution_id>/respond/", views.record_response, name="record_response"),
    path(
        ACTIVITY + "contributions/<int:contribution_id>/choices/",
        views.change_contribution_choices,
        name="change_contribution_choices",
    ),
    path(
        ACTIVITY + "contributions/<int:contribution_id>/delete/", views.delete_contribution, name="delete_contribution"
    ),
    path(ACTIVITY + "feedback/", views.record_feedback, name="record_feedback"),
    # Public pages (public_views.py).
    path(
        "p/<slug:partnership_slug>/org/<slug:organisation_slug>/you-said-we-did/",
        public_views.organisation_you_said_we_did,
        name="organisation_you_said_we_did",
    ),
    path(
        "p/<slug:partnership_slug>/you-said-we-did/", public_views.partnership_you_said_we_did, name="you_said_we_did"
    ),
    path("take-part/<str:token>/", public_views.take_part, name="take_part"),
    path("take-part/<str:token>/thanks/", public_views.take_part_thanks, name="take_part_thanks"),
    # Coordinators (coordinator_views.py).
    path(
        "p/<slug:partnership_slug>/coproduction/measures/",
        coordinator_views.partnership_measures,
        name="partnership_measures",
    ),
    # Coordinators look after the partnership's lived-experience reviewers (reviewer_views.py).
    path("p/<slug:partnership_slug>/reviewers/", reviewer_views.reviewers, name="reviewers"),
    path("p/<slug:partnership_slug>/reviewers/<int:user_id>/", reviewer_views.reviewer, name="reviewer"),
    path(
        "p/<slug:partnership_slug>/reviewers/reviews/<int:review_id>/time/",
        reviewer_views.review_time,
        name="review_time",
    ),
]
