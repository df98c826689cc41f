"""The one way an app adds to a screen another app owns, in Wagtail's shape (`wagtail.hooks`).

Each app lists what it adds in its own `hooks.py`, which is found and imported the first time any hook is asked
for, so the screens never import the apps that add to them:

    from servicefirst.core import hooks
    from servicefirst.core.registry import NAVIGATION, NavigationItem

    hooks.register(NAVIGATION, NavigationItem("Messages", "notifications:outbox", "notification.view", order=70))

    @hooks.register(MESSAGE_PERSONALISATION)
    def survey_link_values(*, customer, channel, council_service_id, reference): ...

The screen that owns a hook names it, says what its registrants are (a function to call, or a value such as a
navigation item) and reads them with `get_hooks`. The same rules hold for every hook: registrants come in `order`
(ties in the order they were registered, which follows INSTALLED_APPS); registering the same one twice keeps one;
and an error in a registrant reaches the screen, except where the screen calls them through `hooks_call` with
`isolate=True` because one app's failure must not stop the others (a message to a customer).

Tests add a registrant for one test with `register_temporarily`, as a context manager or a decorator.
"""

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import autodiscover_modules

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Registered:
    value: Any
    order: int


_hooks: dict[str, list[_Registered]] = {}
_discovered = False
_discovery_lock = threading.Lock()


def _order_of(value: Any, order: int | None) -> int:
    # A value that carries its own position (a navigation item, a customer action) need not repeat it.
    return order if order is not None else getattr(value, "order", 0)


def register(hook_name: str, fn: Any = None, *, order: int | None = None):
    """Add `fn` to the hook; without `fn`, a decorator that adds the function it decorates."""
    if fn is None:

        def decorator(decorated: Callable) -> Callable:
            register(hook_name, decorated, order=order)
            return decorated

        return decorator
    registered = _hooks.setdefault(hook_name, [])
    if all(r.value != fn for r in registered):
        registered.append(_Registered(fn, _order_of(fn, order)))
        # Kept in order here, once, rather than on every read: the navigation is read on every page.
        registered.sort(key=lambda r: r.order)
    return fn


def _unregister(hook_name: str, fn: Any) -> None:
    _hooks[hook_name] = [r for r in _hooks.get(hook_name, []) if r.value != fn]


def discover() -> None:
    """Import every installed app's `hooks` module once, so each app has registered what it adds."""
    global _discovered
    if _discovered:
        return
    with _discovery_lock:
        if not _discovered:
            autodiscover_modules("hooks")
            _discovered = True


def get_hooks(hook_name: str) -> list[Any]:
    discover()
    return [r.value for r in _hooks.get(hook_name, [])]


def hooks_call(hook_name: str, *, isolate: bool = False, **kwargs: Any) -> list[Any]:
    """Each registrant's answer, called with the same keyword arguments, in order.

    With `isolate`, a registrant that fails is logged and left out, so the others still answer.
    """
    answers = []
    for fn in get_hooks(hook_name):
        try:
            answers.append(fn(**kwargs))
        except Exception:
            if not isolate:
                raise
            logger.exception("Hook %s: %s failed", hook_name, getattr(fn, "__name__", fn))
    return answers


@contextmanager
def register_temporarily(hook_name: str, fn: Any, *, order: int | None = None) -> Iterator[Any]:
    """Register `fn` for the duration of a `with` block, or of a test it decorates."""
    discover()
    already = any(r.value == fn for r in _hooks.get(hook_name, []))
    register(hook_name, fn, order=order)
    try:
        yield fn
    finally:
        if not already:
            _unregister(hook_name, fn)
