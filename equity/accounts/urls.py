"""The person's own sign-in pages (/account/...) and the equity team's sign-in administration."""

from django.urls import include, path

from equity.accounts import views
from equity.accounts.oidc.urls import socialaccount_urlpatterns

urlpatterns = [
    path("account/security/", views.security_view, name="account_security"),
    path("accounts/3rdparty/", include(socialaccount_urlpatterns)),  # before allauth's own (equity.urls)
]
