"""Signing in for the sessions tests the way a browser does: through the real /login/ form, from a given device."""

from django.test import Client
from django.urls import reverse

from tests.factories import TEST_PASSWORD

CHROME_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/18.1 Mobile/15E148 Safari/604.1"
)


def device(user_agent: str, ip: str) -> Client:
    """A client that sends `user_agent` from address `ip` on every request."""
    return Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=ip)


def signed_in(user, *, user_agent: str = CHROME_WINDOWS, ip: str = "198.51.100.7") -> Client:
    """A client signed in as `user` through the login form."""
    client = device(user_agent, ip)
    response = client.post(reverse("login"), {"login": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def is_signed_out(client: Client) -> bool:
    """Whether the client's next page sends it to the login page."""
    response = client.get(reverse("dashboard"))
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))
