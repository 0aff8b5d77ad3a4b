"""URLs of the public site (/public/, /embed/, /data.json: no login) and the equity team's publishing pages
(/publishing/). Mounted at the root; the namespace is "public"."""

from django.urls import path  # noqa: F401 - each area adds its paths below

app_name = "public"

urlpatterns: list = []
