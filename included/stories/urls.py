from django.urls import path

from . import partnership_views, public_views, views

app_name = "stories"

ORG = "p/<slug:partnership_slug>/org/<slug:organisation_slug>/stories/"
STORY = ORG + "<int:story_id>/"
PARTNERSHIP = "p/<slug:partnership_slug>/stories/"

urlpatterns = [
    # An organisation's own stories (views.py).
    path(ORG, views.story_list, name="list"),
    path(ORG + "new/", views.write_story, name="write"),
    path(STORY, views.story_detail, name="story"),
    path(STORY + "change/", views.change_story, name="change"),
    path(STORY + "people/add/", views.add_person, name="add_person"),
    path(STORY + "people/<int:person_id>/consent/", views.record_consent, name="record_consent"),
    path(STORY + "people/<int:person_id>/take-out/", views.take_person_out, name="take_person_out"),
    path(STORY + "pictures/add/", views.add_image, name="add_image"),
    path(STORY + "pictures/<int:image_id>/describe/", views.describe_image, name="describe_image"),
    path(STORY + "pictures/<int:image_id>/remove/", views.remove_image, name="remove_image"),
    path(STORY + "send-for-review/", views.send_for_review, name="send_for_review"),
    path(STORY + "publish/", views.publish, name="publish"),
    path(STORY + "take-down/", views.take_down, name="take_down"),
    # Reviewers and coordinators (partnership_views.py).
    path(PARTNERSHIP + "review/", partnership_views.waiting, name="review_list"),
    path(PARTNERSHIP + "review/<int:story_id>/", partnership_views.review, name="review"),
    path(PARTNERSHIP + "settings/", partnership_views.story_settings, name="settings"),
    # The public library (public_views.py).
    path(PARTNERSHIP, public_views.library, name="library"),
    path(PARTNERSHIP + "<int:story_id>/", public_views.story, name="public_story"),
    path(PARTNERSHIP + "<int:story_id>/pictures/<int:image_id>/", public_views.picture, name="picture"),
]
