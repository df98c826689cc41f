"""Whether the services the app stands on answer: for the health check endpoint, the start-up check of an app
server and `manage.py check --deploy`."""

import logging

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)

_PROBE_KEY = "servicefirst:health"


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError as error:
        logger.warning("Health check: the database did not answer: %s", error)
        return False


def cache_is_shared() -> bool:
    """True when the cache is one every process shares (Redis), so rate limits and token revocation hold across
    app servers."""
    return isinstance(caches["default"], RedisCache)


def cache_answers() -> bool:
    """Writes a key and reads it back; any failure of the cache server counts as no answer."""
    cache = caches["default"]
    try:
        cache.set(_PROBE_KEY, "1", timeout=10)
        return cache.get(_PROBE_KEY) == "1"
    # redis-py's errors and the socket's alike mean "not answering".
    except Exception as error:
        logger.warning("Health check: the cache did not answer: %s", error)
        return False


def production_cache_check() -> None:
    """Run as an app server starts (servicefirst/wsgi.py): in production (REDIS_REQUIRED: DEBUG off), refuses to
    serve without a shared cache that answers, rather than counting rate limits per process in silence."""
    if not settings.REDIS_REQUIRED:
        return
    if not cache_is_shared():
        raise ImproperlyConfigured("Production needs Redis as the cache: set REDIS_URL (docs/DEPLOYMENT.md)")
    if not cache_answers():
        raise ImproperlyConfigured("Redis at REDIS_URL does not answer; the app server will not start without it")
