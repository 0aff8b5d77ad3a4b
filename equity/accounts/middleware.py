"""A session's "last seen" on the security page, without a query on an ordinary page (docs/accounts/sessions.md)."""

from equity.accounts.session_services import session_seen_record


class LastSeenMiddleware:
    """Keeps the session list's "last seen" within a few minutes (allauth's own tracking writes on every page)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and request.session.session_key:
            session_seen_record(request=request)
        return self.get_response(request)
