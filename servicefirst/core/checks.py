"""System checks `manage.py check --deploy` runs: the production settings the council relies on."""

from django.conf import settings
from django.core import checks

from servicefirst.core.health import cache_answers, cache_is_shared


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache_check(app_configs, **kwargs) -> list[checks.CheckMessage]:
    if not cache_is_shared():
        return [
            checks.Warning(
                "The cache is this process's own memory, so each process counts rate limits and remembers revoked "
                "API tokens on its own.",
                hint="Set REDIS_URL (docs/DEPLOYMENT.md); CACHE_PER_PROCESS=1 is for benchmarks and trials only.",
                id="servicefirst.W001",
            )
        ]
    if not cache_answers():
        return [checks.Error("Redis at REDIS_URL does not answer.", id="servicefirst.E001")]
    return []


@checks.register(checks.Tags.security, deploy=True)
def public_address_check(app_configs, **kwargs) -> list[checks.CheckMessage]:
    if not settings.PUBLIC_BASE_URL.startswith("https://"):
        return [
            checks.Warning(
                f"PUBLIC_BASE_URL is {settings.PUBLIC_BASE_URL}: links sent to residents would not use HTTPS.",
                hint="Set PUBLIC_BASE_URL to the https:// address residents reach the service at.",
                id="servicefirst.W002",
            )
        ]
    return []
