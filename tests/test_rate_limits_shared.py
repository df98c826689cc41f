"""Rate limits hold across app server processes when Redis is the cache (issue 15, item 6): the tester saw a
5-a-minute limit let 9 through with two workers counting on their own. Two gunicorn workers here, Redis as
production runs it, the client's address from the X-Forwarded-For the one proxy appends to (TRUSTED_PROXY_COUNT=1),
a forged entry to its left ignored: the limit is the
limit, however the requests are shared out between the processes.

Needs the Redis server the suite's machine runs at 127.0.0.1:6379 (TEST_REDIS_URL names another). Each run counts
for an address of its own, so runs on one Redis do not share a count."""

import os
import secrets

import pytest
import redis

from tests.appserver import gunicorn_serving, http_request

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module", autouse=True)
def redis_answers():
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except redis.RedisError as error:
        pytest.skip(f"no Redis answers at {REDIS_URL}: {error}")


def address() -> str:
    """An address in IPv6's documentation range, in a /64 of its own (django-ratelimit counts a /64 as one client)."""
    return f"2001:db8:{secrets.token_hex(2)}:{secrets.token_hex(2)}::1"


def test_open311s_post_limit_is_counted_once_for_every_process():
    # An hour's window, so the requests never straddle two windows.
    env = {"REDIS_URL": REDIS_URL, "TRUSTED_PROXY_COUNT": "1", "OPEN311_RATE_POST": "5/h"}
    client, other = (address() for _ in range(2))
    with gunicorn_serving(workers=2, **env) as server:
        url = f"{server}/open311/v2/requests.json"
        # The client writes a new address of its own each time; the proxy appends the one it was reached from.
        statuses = [
            http_request(url, form=b"", headers={"X-Forwarded-For": f"{address()}, {client}"})[0] for _ in range(9)
        ]
        # Another client, behind the same proxy, has a count of its own.
        elsewhere = http_request(url, form=b"", headers={"X-Forwarded-For": other})[0]
    assert statuses.count(429) == 4, statuses
    assert 429 not in statuses[:5], statuses
    assert elsewhere != 429
