"""A signed-in person's saved language wins over the browser's (docs/translation.md).

Django's `LocaleMiddleware` chooses from the language cookie and `Accept-Language`; this middleware, after
authentication, switches to the language saved in the person's profile when there is one. The user row is already
loaded for the request, so it costs no query.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from equity.i18n.languages import portal_language_codes


class UserLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        if language and language in portal_language_codes():
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
