from django.urls import path

from . import report_views, views

app_name = "impact"

IMPACT = "p/<slug:partnership_slug>/impact/"
REPORT = IMPACT + "reports/<int:report_id>/"
ORG = "p/<slug:partnership_slug>/org/<slug:organisation_slug>/impact/"

urlpatterns = [
    path(IMPACT, views.partnership_dashboard, name="dashboard"),
    path(IMPACT + "items/<int:item_id>/", views.item_figures, name="item"),
    path(IMPACT + "facts/", views.partnership_facts, name="facts"),
    path(IMPACT + "facts/<int:fact_id>/delete/", views.delete_partnership_fact, name="delete_fact"),
    path(IMPACT + "reports/", report_views.reports, name="reports"),
    path(REPORT, report_views.report, name="report"),
    path(REPORT + "sections/<slug:section>/", report_views.edit_section, name="edit_section"),
    path(REPORT + "build/", report_views.build_pdf, name="build_pdf"),
    path(REPORT + "publish/", report_views.publish, name="publish"),
    path(REPORT + "report.pdf", report_views.report_pdf, name="report_pdf"),
    path(IMPACT + "annual-report/<int:year>/", report_views.annual_report, name="annual_report"),
    path(ORG + "benchmark/", views.organisation_benchmark, name="benchmark"),
    path(ORG + "social-mobility/", views.social_mobility, name="social_mobility"),
]
