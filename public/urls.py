"""URLs of the public site (/public/, /embed/, /data.json: no login) and the equity team's publishing pages
(/publishing/). Mounted at the root; the namespace is "public"."""

from django.urls import path

from public.views import publishing

app_name = "public"

urlpatterns: list = [
    path("publishing/", publishing.manage_view, name="manage"),
    path("publishing/<int:pk>/", publishing.publication_view, name="publication"),
    path("publishing/<int:pk>/unpublish/", publishing.unpublish_view, name="unpublish"),
    path("publishing/<int:pk>/history/", publishing.PublicationHistoryView.as_view(), name="publication_history"),
    path("publishing/<str:kind>/<int:object_id>/publish/", publishing.publish_view, name="publish"),
]
