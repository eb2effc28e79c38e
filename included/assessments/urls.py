from django.urls import path

from . import approval_views, public_views, review_views, views

app_name = "assessments"

PARTNERSHIP = "p/<slug:partnership_slug>/"
ORGANISATION = PARTNERSHIP + "org/<slug:organisation_slug>/"
ASSESSMENT = ORGANISATION + "assessments/<int:assessment_id>/"

urlpatterns = [
    # An organisation's own sign-ups and self-assessment cycles (views.py).
    path(ORGANISATION + "sign-up/", views.sign_up, name="sign_up"),
    path(ORGANISATION + "sign-ups/<int:sign_up_id>/statement/", views.edit_statement, name="edit_statement"),
    path(ORGANISATION + "sign-ups/<int:sign_up_id>/withdraw/", views.withdraw, name="withdraw_sign_up"),
    path(ORGANISATION + "sign-ups/<int:sign_up_id>/start/", views.start, name="start"),
    path(ORGANISATION + "sign-ups/<int:sign_up_id>/progress/", views.progress, name="progress"),
    path(ASSESSMENT, views.assessment, name="assessment"),
    path(ASSESSMENT + "items/<int:item_id>/", views.item, name="item"),
    path(ASSESSMENT + "items/<int:item_id>/actions/", views.add_action, name="add_action"),
    path(ASSESSMENT + "actions/<int:action_id>/", views.change_action, name="change_action"),
    path(ASSESSMENT + "files/<int:file_id>/remove/", views.remove_file, name="remove_file"),
    path(ASSESSMENT + "submit/", views.submit, name="submit"),
    path(PARTNERSHIP + "evidence/<int:file_id>/", views.download_evidence, name="download_evidence"),
    # Lived-experience review (review_views.py).
    path(ASSESSMENT + "review/", review_views.respond, name="respond"),
    path(PARTNERSHIP + "reviews/", review_views.my_reviews, name="my_reviews"),
    path(PARTNERSHIP + "reviews/<int:review_id>/", review_views.review, name="review"),
    path(PARTNERSHIP + "reviews/<int:review_id>/items/<int:item_id>/", review_views.verdict, name="verdict"),
    path(PARTNERSHIP + "reviews/<int:review_id>/finish/", review_views.complete, name="complete_review"),
    path(PARTNERSHIP + "reviews/<int:review_id>/conflict/", review_views.declare_conflict, name="declare_conflict"),
    path(PARTNERSHIP + "reviews/availability/", review_views.availability, name="availability"),
    path(PARTNERSHIP + "submitted/<int:assessment_id>/", review_views.submitted_assessment, name="submitted"),
    path(PARTNERSHIP + "submitted/<int:assessment_id>/reviewers/", review_views.assign, name="assign"),
    path(PARTNERSHIP + "overview/", review_views.overview, name="overview"),
    # Coordinators approve statements, where their partnership asks (approval_views.py).
    path(PARTNERSHIP + "statements/", approval_views.waiting, name="statements_waiting"),
    path(PARTNERSHIP + "statements/<int:sign_up_id>/approve/", approval_views.approve, name="approve_statement"),
    path(PARTNERSHIP + "statements/<int:sign_up_id>/send-back/", approval_views.send_back, name="return_statement"),
    # What the public sees (public_views.py).
    path(PARTNERSHIP + "register/", public_views.register, name="register"),
    path(PARTNERSHIP + "register/<slug:organisation_slug>/", public_views.commitment, name="commitment"),
]
