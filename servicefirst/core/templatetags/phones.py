"""`{{ number|phone_national }}`: a stored E.164 number as pages show it. A `tel:` link keeps the E.164 value."""

from django import template

from servicefirst.core.validation import phone_display

register = template.Library()


@register.filter
def phone_national(value: str) -> str:
    return phone_display(value) if value else ""
