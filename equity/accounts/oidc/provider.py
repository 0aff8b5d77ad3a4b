"""allauth's OpenID Connect provider, as the portal configures it (settings.SOCIALACCOUNT_PROVIDERS)."""

from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider


class CityProvider(OpenIDConnectProvider):
    """The city's identity provider. Its URLs are this package's `urls` (allauth finds them by the class's package)."""
