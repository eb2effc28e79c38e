from django.urls import path

from . import views

app_name = "language"

urlpatterns = [
    path("check-my-words/", views.check_words, name="check"),
    path("check-my-words/api/", views.check_api, name="api"),
    path("p/<slug:partnership_slug>/check-my-words/", views.check_words, name="check"),
    path("p/<slug:partnership_slug>/check-my-words/api/", views.check_api, name="api"),
    path("p/<slug:partnership_slug>/check-my-words/dismiss/", views.dismiss_suggestion, name="dismiss"),
    path("p/<slug:partnership_slug>/check-my-words/show-again/", views.restore_suggestion, name="restore"),
    path("p/<slug:partnership_slug>/word-lists/", views.word_lists, name="word_lists"),
    path("p/<slug:partnership_slug>/word-lists/add/", views.add_word_list_entry, name="add_entry"),
    path("p/<slug:partnership_slug>/word-lists/history/", views.word_list_history, name="history"),
    path("p/<slug:partnership_slug>/word-lists/dismissed/", views.dismissed_suggestions, name="dismissals"),
    path(
        "p/<slug:partnership_slug>/word-lists/<str:kind>/<slug:key>/change/",
        views.change_word_list_entry,
        name="change_entry",
    ),
    path(
        "p/<slug:partnership_slug>/word-lists/<str:kind>/<slug:key>/switch/",
        views.switch_word_list_entry,
        name="switch_entry",
    ),
]
