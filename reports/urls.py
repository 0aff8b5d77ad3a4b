"""URLs of the Reports pages (namespace `reports`)."""

from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.job_list_view, name="job_list"),
    path("new/<slug:kind>/", views.job_choose_view, name="job_choose"),
    path("new/<slug:kind>/<int:target>/", views.job_create_view, name="job_create"),
    path("<int:pk>/", views.job_detail_view, name="job_detail"),
    path("<int:pk>/status/", views.job_status_view, name="job_status"),
    path("<int:pk>/download/", views.job_download_view, name="job_download"),
    path("<int:pk>/retry/", views.job_retry_view, name="job_retry"),
]
