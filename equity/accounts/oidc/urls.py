"""The provider's sign-in and callback addresses: /accounts/oidc/<provider_id>/login/ and .../login/callback/ (the
redirect URI registered with the provider), with the portal's views; allauth includes this module for CityProvider.

`socialaccount_urlpatterns` take the place of two of allauth's pages under /accounts/3rdparty/ (equity.accounts.urls
puts them first): the connections page sends people to /account/security/, and the sign-up form is never shown."""

from allauth.socialaccount import app_settings
from django.urls import include, path

from equity.accounts.oidc import views

_PREFIX = f"{app_settings.OPENID_CONNECT_URL_PREFIX}/" if app_settings.OPENID_CONNECT_URL_PREFIX else ""

urlpatterns = [
    path(
        f"{_PREFIX}<str:provider_id>/",
        include(
            [
                path("login/", views.login, name="openid_connect_login"),
                path("login/callback/", views.callback, name="openid_connect_callback"),
            ]
        ),
    )
]

socialaccount_urlpatterns = [
    path("signup/", views.signup_view, name="socialaccount_signup"),
    path("", views.connections_view, name="socialaccount_connections"),
]
