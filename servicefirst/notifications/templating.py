"""GOV.UK Notify-style placeholders: ((name)) in a template is replaced by the value called "name".

A missing value is an error, never a blank or a literal "((name))" in front of the customer.
"""

import re

_PLACEHOLDER = re.compile(r"\(\(([^()]*)\)\)")
_NAME = re.compile(r"[A-Za-z0-9_]+")


class MissingPersonalisation(ValueError):
    def __init__(self, names: list[str]) -> None:
        self.names = names
        super().__init__(f"Missing personalisation: {', '.join(names)}")


def placeholders(text: str) -> list[str]:
    """The placeholder names in the text, in order of first use."""
    return list(dict.fromkeys(match.strip() for match in _PLACEHOLDER.findall(text)))


def placeholders_invalid(text: str) -> list[str]:
    return [f"(({name}))" for name in placeholders(text) if not _NAME.fullmatch(name)]


def template_render(*, text: str, values: dict[str, str]) -> str:
    missing = [name for name in placeholders(text) if values.get(name) is None]
    if missing:
        raise MissingPersonalisation(missing)
    return _PLACEHOLDER.sub(lambda match: str(values[match.group(1).strip()]), text)
