"""/healthz: does the database answer a real query within two seconds, and the broker when one is configured."""

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import DatabaseError, connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from equity.models import User

# Short, so a load balancer learns of a blocked database before users do; a page may wait DATABASE_LOCK_TIMEOUT.
HEALTH_STATEMENT_TIMEOUT_MS = 2000
HEALTH_LOCK_TIMEOUT_MS = 1000


def _database_problem() -> str:
    """ "" when the tables every request reads (users, sessions) answer in time; otherwise a short reason."""
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    # SET LOCAL ends with the transaction: the connection goes back with the normal limits.
                    cursor.execute(f"SET LOCAL statement_timeout = {HEALTH_STATEMENT_TIMEOUT_MS}")
                    cursor.execute(f"SET LOCAL lock_timeout = {HEALTH_LOCK_TIMEOUT_MS}")
            User.objects.only("pk").first()
            Session.objects.only("pk").first()
    except DatabaseError as exc:
        return _reason(exc)
    return ""


def _reason(exc: DatabaseError) -> str:
    """A reason safe to show anyone: the kind of failure, never the server's message."""
    code = getattr(exc.__cause__, "pgcode", None)
    if code == "57014":
        return "database query timed out"
    if code == "55P03":
        return "database table locked"
    if connection.connection is None:
        return "database unreachable"
    return "database error"


def _broker_status() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    import redis

    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
        return "ok" if client.ping() else "error"
    except redis.RedisError:
        return "error"


@never_cache
@require_GET
def healthz_view(request):
    """200 with {"status": "ok"} when every configured dependency answers, otherwise 503 with a reason."""
    problem = _database_problem()
    broker = _broker_status()
    healthy = not problem and broker != "error"
    body = {"status": "ok" if healthy else "error", "database": "error" if problem else "ok", "broker": broker}
    if not healthy:
        body["reason"] = problem or "broker unreachable"
    return JsonResponse(body, status=200 if healthy else 503)
