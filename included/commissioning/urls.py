from django.urls import path

from . import public_views, views

app_name = "commissioning"

PARTNERSHIP = "p/<slug:partnership_slug>/"
ROUNDS = PARTNERSHIP + "funding/"
ROUND = ROUNDS + "<int:round_id>/"
APPLICATION = ROUND + "applications/<int:application_id>/"

urlpatterns = [
    path(ROUNDS, views.rounds, name="rounds"),
    path(ROUNDS + "open/", views.open_round, name="open_round"),
    path(ROUNDS + "scoring/<slug:slug>/<str:version>/", views.scoring_framework, name="scoring_framework"),
    path(
        ROUNDS + "scoring/<slug:slug>/<str:version>/new-version/",
        views.write_scoring_framework,
        name="write_scoring_framework",
    ),
    path(ROUND, views.round, name="round"),
    path(ROUND + "change/", views.change_round, name="change_round"),
    path(ROUND + "withdraw/", views.withdraw_round, name="withdraw_round"),
    path(ROUND + "lots/", views.add_lot, name="add_lot"),
    path(ROUND + "panel/", views.panel, name="panel"),
    path(ROUND + "check/", views.check, name="check"),
    path(ROUND + "apply/<slug:organisation_slug>/", views.apply, name="apply"),
    path(APPLICATION, views.application, name="application"),
    path(APPLICATION + "declare/", views.declare, name="declare"),
    path(APPLICATION + "score/", views.score, name="score"),
    path(APPLICATION + "scores/", views.scores, name="scores"),
    path(APPLICATION + "moderate/", views.moderate, name="moderate"),
    path(APPLICATION + "decide/", views.decide, name="decide"),
    path(APPLICATION + "letter/", views.letter, name="letter"),
    path(APPLICATION + "ask/", views.ask, name="ask"),
    path(APPLICATION + "questions/<int:question_id>/answer/", views.answer, name="answer"),
    path(PARTNERSHIP + "grants/", public_views.ledger_page, name="ledger"),
    path(PARTNERSHIP + "grants/360giving.json", public_views.ledger_json, name="ledger_json"),
    path(PARTNERSHIP + "grants/360giving.csv", public_views.ledger_csv, name="ledger_csv"),
]
