"""The provider's sign-in and callback addresses (under /accounts/3rdparty/... as allauth mounts providers)."""

from allauth.socialaccount.providers.openid_connect.urls import urlpatterns

__all__ = ["urlpatterns"]
