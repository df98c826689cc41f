"""What a partner app such as FixMyStreet posts to Open311, and reading the XML our server answers with."""

from xml.etree import ElementTree

# A missed bin (LGSL 524, `missed_bin_service`) as a partner app reports it, with the reporter's details.
BIN_FORM = {
    "service_code": "524",
    "description": "Blue bin not emptied on Friday",
    "lat": "51.5459",
    "long": "-0.0553",
    "address_string": "10 Mare Street, London, E8 1EA",
    "email": "Resident@Example.com",
    "first_name": "Jane",
    "last_name": "Doe",
    "phone": "07700 900123",
    "attribute[bin_type]": "Recycling (blue)",
    "attribute[collection_day]": "2026-11-20T07:00:00Z",
}


def xml_of(response) -> ElementTree.Element:
    """The answer's XML document; the answer must say it is XML."""
    assert response.headers["Content-Type"].startswith("text/xml")
    return ElementTree.fromstring(response.content)  # noqa: S314  our own server's answer, in a test
