"""The person's own sign-in pages (/account/...) and the equity team's sign-in administration."""

from django.urls import include, path

from equity.accounts import views

urlpatterns = [
    path("account/security/", views.security_view, name="account_security"),
    path("people/groups/", include("equity.accounts.sso.urls")),
]
