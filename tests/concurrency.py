"""Running officers' actions at the same moment, as two people pressing save together would."""

import threading
from collections.abc import Callable

from django.db import connections


def run_at_once(
    *jobs: Callable[[], object], expected: type[Exception], describe: Callable[[Exception], object] = lambda _: "stale"
) -> list:
    """Starts every job together, each in its own thread with its own database connection, and returns what each
    returned, or `describe(error)` for the expected error, in the order they finished."""
    start = threading.Barrier(len(jobs))
    outcomes: list = []

    def run(job: Callable[[], object]) -> None:
        start.wait()
        try:
            outcomes.append(job())
        except expected as error:
            outcomes.append(describe(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
