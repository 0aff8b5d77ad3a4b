"""The language switcher on every page (docs/translation/README.md).

Staff pages post a small form (with its CSRF token): the choice is kept in a cookie and, for a signed-in person,
in their profile, so it follows them to every browser, their e-mails and their reports. The public site's pages
are the same for every visitor and carry no token, so they link here with GET: that sets the cookie only.
Either way the visitor returns to the page they were on (only a path on this site: never an open redirect).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from equity.i18n.languages import portal_language_codes
from equity.services import user_language_set


def language_cookie_set(response: HttpResponse, language: str) -> HttpResponse:
    """The language cookie set to `language`, or removed when blank (back to the browser's language)."""
    if language:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]  # "Lax", from settings
        )
    else:
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME, path=settings.LANGUAGE_COOKIE_PATH)
    return response


def _next_path(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("dashboard")


@require_http_methods(["GET", "POST"])
def language_view(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else request.GET
    language = data.get("language", "")
    if language not in portal_language_codes():
        return HttpResponseBadRequest(_("Choose one of the portal's languages."), content_type="text/plain")
    if request.method == "POST" and request.user.is_authenticated:
        user_language_set(user=request.user, language=language)
    translation.activate(language)
    return language_cookie_set(HttpResponseRedirect(_next_path(request)), language)
