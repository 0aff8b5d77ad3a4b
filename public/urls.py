"""URLs of the public site (/public/, /embed/, /data.json: no login) and the equity team's publishing pages
(/publishing/). Mounted at the root; the namespace is "public"."""

from django.urls import path

from public.views import embed_code, embeds, pdf

app_name = "public"

urlpatterns: list = [
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
]
