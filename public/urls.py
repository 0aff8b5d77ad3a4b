"""URLs of the public site (/public/, /embed/, /data.json: no login) and the equity team's publishing pages
(/publishing/). Mounted at the root; the namespace is "public"."""

from django.urls import path

from public.views import site

app_name = "public"

urlpatterns: list = [
    path("public/", site.home_view, name="home"),
    path("public/plans/<slug:slug>/", site.plan_view_page, name="plan"),
    path("public/plans/<slug:slug>/versions/<int:number>/", site.plan_version_view, name="plan_version"),
    path("public/indicators/<slug:slug>/", site.indicator_view, name="indicator"),
    path("public/indicators/<slug:slug>/versions/<int:number>/", site.indicator_version_view, name="indicator_version"),
    path("public/narrative/<slug:slug>/", site.narrative_view, name="narrative"),
    path("public/practices/", site.practice_list_view, name="practice_list"),
    path("public/practices/<slug:slug>/", site.practice_view, name="practice"),
]
