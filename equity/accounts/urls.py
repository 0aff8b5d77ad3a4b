"""The person's own sign-in pages (/account/...) and the equity team's sign-in administration."""

from django.urls import path

from equity.accounts import views

urlpatterns = [
    path("account/security/", views.security_view, name="account_security"),
]
