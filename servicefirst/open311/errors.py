"""The one way the Open311 app refuses: the views turn it into the spec's error list, whichever of the services
or selectors found the fault."""


class Open311Error(Exception):
    """A refusal in the spec's terms: an HTTP status and what was wrong, one line per problem."""

    def __init__(self, status: int, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.status = status
        self.errors = errors
