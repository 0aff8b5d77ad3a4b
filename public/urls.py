"""URLs of the public site (/public/, /embed/, /data.json: no login) and the equity team's publishing pages
(/publishing/). Mounted at the root; the namespace is "public"."""

from django.urls import path

from public.views import data, embed_code, embeds, pdf, publishing, site

app_name = "public"

urlpatterns: list = [
    # Open data (docs/public/open-data.md)
    path("public/plans/<slug:slug>/actions.csv", data.plan_csv, name="plan_csv"),
    path("public/plans/<slug:slug>/actions.json", data.plan_json, name="plan_json"),
    path("public/indicators/<slug:slug>/values.csv", data.indicator_csv, name="indicator_csv"),
    path("public/indicators/<slug:slug>/values.json", data.indicator_json, name="indicator_json"),
    path("public/schemas/<slug:name>.json", data.schema, name="schema"),
    path("data.json", data.data_json, name="data_json"),
    path("public/feed.atom", data.feed, name="feed"),
    path("publishing/", publishing.manage_view, name="manage"),
    path("publishing/<int:pk>/", publishing.publication_view, name="publication"),
    path("publishing/<int:pk>/unpublish/", publishing.unpublish_view, name="unpublish"),
    path("publishing/<int:pk>/history/", publishing.PublicationHistoryView.as_view(), name="publication_history"),
    path("publishing/<str:kind>/<int:object_id>/publish/", publishing.publish_view, name="publish"),
    # Embeds (docs/public/embeds.md)
    path("embed/city/", embeds.embed_city_view, name="embed_city"),
    path("embed/plans/<slug:slug>/", embeds.embed_plan_view, name="embed_plan"),
    path("embed/plans/<slug:slug>/badge.svg", embeds.badge_view, name="badge"),
    path("embed/indicators/<slug:slug>/", embeds.embed_indicator_view, name="embed_indicator"),
    path("publishing/embed/", embed_code.embed_code_view, name="embed_code"),
    path("publishing/embed/<int:pk>/remove/", embed_code.embed_origin_remove_view, name="embed_origin_remove"),
    # The published PDF progress report of a plan
    path("public/plans/<slug:slug>/report.pdf", pdf.plan_pdf_view, name="plan_pdf"),
    path(
        "public/plans/<slug:slug>/versions/<int:number>/report.pdf",
        pdf.plan_version_pdf_view,
        name="plan_version_pdf",
    ),
    # Public pages (docs/public/site.md)
    path("public/", site.home_view, name="home"),
    path("public/plans/<slug:slug>/", site.plan_view_page, name="plan"),
    path("public/plans/<slug:slug>/versions/<int:number>/", site.plan_version_view, name="plan_version"),
    path("public/indicators/<slug:slug>/", site.indicator_view, name="indicator"),
    path("public/indicators/<slug:slug>/versions/<int:number>/", site.indicator_version_view, name="indicator_version"),
    path("public/narrative/<slug:slug>/", site.narrative_view, name="narrative"),
    path("public/practices/", site.practice_list_view, name="practice_list"),
    path("public/practices/<slug:slug>/", site.practice_view, name="practice"),
]
