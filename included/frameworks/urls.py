from django.urls import path

from . import draft_views, views

app_name = "frameworks"

DRAFT = "p/<slug:partnership_slug>/frameworks/drafts/<int:draft_id>/"

urlpatterns = [
    path("p/<slug:partnership_slug>/frameworks/", views.framework_list, name="list"),
    path("p/<slug:partnership_slug>/frameworks/add/", views.upload_framework, name="upload"),
    # Writing a framework in the browser: coordinators of the partnership only.
    path("p/<slug:partnership_slug>/frameworks/drafts/", draft_views.draft_list, name="drafts"),
    path("p/<slug:partnership_slug>/frameworks/drafts/new/", draft_views.start_draft, name="start_draft"),
    path(DRAFT, draft_views.draft_overview, name="draft"),
    path(DRAFT + "about/<slug:field>/", draft_views.draft_detail, name="draft_detail"),
    path(DRAFT + "scale/add/", draft_views.draft_level, name="draft_add_level"),
    path(DRAFT + "scale/<int:number>/", draft_views.draft_level, name="draft_level"),
    path(DRAFT + "groups/add/", draft_views.draft_group, name="draft_add_group"),
    path(DRAFT + "groups/<slug:key>/", draft_views.draft_group, name="draft_group"),
    path(DRAFT + "sections/add/", draft_views.draft_change_section, name="draft_add_section"),
    path(DRAFT + "sections/<slug:key>/", draft_views.draft_section, name="draft_section"),
    path(DRAFT + "sections/<slug:key>/change/", draft_views.draft_change_section, name="draft_change_section"),
    path(DRAFT + "sections/<slug:section_key>/add-item/", draft_views.draft_change_item, name="draft_add_item"),
    path(DRAFT + "items/<slug:key>/", draft_views.draft_item, name="draft_item"),
    path(DRAFT + "items/<slug:key>/change/", draft_views.draft_change_item, name="draft_change_item"),
    path(DRAFT + "items/<slug:key>/prompts/add/", draft_views.draft_prompt, name="draft_add_prompt"),
    path(DRAFT + "items/<slug:key>/prompts/<int:number>/", draft_views.draft_prompt, name="draft_prompt"),
    path(DRAFT + "move/", draft_views.move_part, name="draft_move"),
    path(DRAFT + "remove/<slug:part>/<str:key>/", draft_views.remove_part, name="draft_remove"),
    path(DRAFT + "delete/", draft_views.delete_draft, name="draft_delete"),
    path(DRAFT + "check-words/", draft_views.check_draft_words, name="draft_check_words"),
    path(DRAFT + "publish/", draft_views.publish, name="draft_publish"),
    path(DRAFT + "framework.yaml", draft_views.export_draft, name="draft_export"),
    path(
        "p/<slug:partnership_slug>/frameworks/<slug:framework_slug>/<str:version>/new-draft/",
        draft_views.start_draft_from_version,
        name="start_draft_from_version",
    ),
    path(
        "p/<slug:partnership_slug>/frameworks/<slug:framework_slug>/<str:version>/framework.yaml",
        views.export_version,
        name="export_version",
    ),
    path(
        "p/<slug:partnership_slug>/frameworks/<slug:framework_slug>/<str:version>/",
        views.framework_detail,
        name="detail",
    ),
]
