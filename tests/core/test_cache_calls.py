"""Every use of the cache goes through equity/cache.py, whose calls treat a cache that is down as a miss (ADR
0052): a module calling Django's cache directly would turn a Redis outage into a 500 (as the widgets' list of
embedding sites once did)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("equity", "reports", "plans", "training", "tools", "library", "public")


def test_only_equity_cache_imports_djangos_cache():
    offenders = [
        str(path.relative_to(ROOT))
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "from django.core.cache import" in path.read_text() and path != ROOT / "equity" / "cache.py"
    ]
    assert offenders == []


def test_the_cache_is_on_the_redis_database_after_celerys():
    from equity.environment import cache_url

    assert cache_url("redis://redis:6379/3") == "redis://redis:6379/4"
    assert cache_url("redis://redis:6379/15") == "redis://redis:6379/0"
    assert cache_url("redis://redis:6379") == "redis://redis:6379/1"
    assert cache_url("") == ""
