"""The public certificate verification page, mounted at /verify/ (no login)."""

from django.urls import path

from training.views import registrations

app_name = "verify"

urlpatterns = [
    path("<str:code>/", registrations.certificate_verify_view, name="certificate_verify"),
]
