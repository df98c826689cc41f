"""GeoReport v2's two formats. Each response is a list of flat records (or one record, for discovery and a
service definition); XML wraps the list in the spec's element names. Values reach here already as text,
numbers, booleans, None or nested lists of records, so both formats show the same thing."""

import json
from typing import Any
from xml.etree import ElementTree

from django.http import HttpResponse

FORMATS = ("json", "xml")

# The element each list's items get in XML, by the list's own element name.
_ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fill(element: ElementTree.Element, value: Any) -> None:
    if isinstance(value, dict):
        for name, child in value.items():
            _fill(ElementTree.SubElement(element, name), child)
    elif isinstance(value, list):
        item_name = _ITEM_NAMES[element.tag]
        for item in value:
            _fill(ElementTree.SubElement(element, item_name), item)
    else:
        element.text = _text(value)


def render(data: Any, *, fmt: str, root: str, status: int = 200) -> HttpResponse:
    """`root` names the XML document's element: "services", "service_requests", "discovery" and so on."""
    if fmt == "xml":
        element = ElementTree.Element(root)
        _fill(element, data)
        body = ElementTree.tostring(element, encoding="unicode", xml_declaration=False)
        return HttpResponse(
            f'<?xml version="1.0" encoding="utf-8"?>\n{body}', status=status, content_type="text/xml; charset=utf-8"
        )
    return HttpResponse(
        json.dumps(data, ensure_ascii=False), status=status, content_type="application/json; charset=utf-8"
    )


def render_errors(errors: list[str], *, fmt: str, status: int) -> HttpResponse:
    """The spec's error list: each error carries the HTTP status as its code and says what was wrong."""
    if fmt not in FORMATS:
        fmt = "json"
    return render([{"code": status, "description": error} for error in errors], fmt=fmt, root="errors", status=status)
