import datetime

import pytest
from django.urls import reverse

from servicefirst.accounts.roles import Role
from servicefirst.audit.models import AuditEvent
from servicefirst.customers.search import customer_search
from tests.factories import make_customer

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(staff):
    officer = staff[Role.OFFICER]
    return {
        "john": make_customer(
            officer,
            first_name="John",
            last_name="Smith",
            address_line_1="1 Mare Street",
            town="London",
            postcode="E8 1EA",
            mobile_phone="07911 123456",
            email="john.smith@example.com",
        ),
        "joan": make_customer(officer, first_name="Joan", last_name="Smithers"),
        "mo": make_customer(officer, first_name="Mohammed", last_name="Khan"),
        "siobhan": make_customer(officer, first_name="Siobhan", last_name="O'Brien"),
        "trust": make_customer(officer, kind="organisation", organisation_name="Hackney Community Transport"),
    }


def names(results):
    return [c.display_name for c in results.customers]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Jon Smyth", "John Smith"),
        ("john smith", "John Smith"),
        ("Smith, John", "John Smith"),
        ("Jhon Smtih", "John Smith"),
        ("Muhammad Khan", "Mohammed Khan"),
        ("Siobhan OBrien", "Siobhan O'Brien"),
        ("Hackny Community", "Hackney Community Transport"),
    ],
)
def test_names_with_typos_find_the_customer_first(people, query, expected):
    results = customer_search(query=query)
    assert results.kind == "name"
    assert names(results)[0] == expected


@pytest.mark.parametrize("query", ["Anna van der Berg", "anna vanderberg", "Ana Van Der Burg"])
def test_a_surname_of_several_words_is_found_however_it_is_spaced(people, staff, query):
    make_customer(staff[Role.OFFICER], first_name="Anna", last_name="van der Berg")
    assert names(customer_search(query=query))[0] == "Anna van der Berg"


def test_a_surname_alone_lists_everyone_who_sounds_like_it(people):
    assert "John Smith" in names(customer_search(query="Smyth"))


def test_the_start_of_a_surname_finds_the_customer(people):
    assert set(names(customer_search(query="smi"))) >= {"John Smith", "Joan Smithers"}


@pytest.mark.parametrize("query", ["E8 1EA", "e81ea", " e8  1ea ", "E8 1ea"])
def test_postcode_in_any_spacing_or_case(people, query):
    results = customer_search(query=query)
    assert (results.kind, names(results)) == ("postcode", ["John Smith"])


def test_outward_code_lists_the_area(people):
    assert names(customer_search(query="E8")) == ["John Smith"]


def test_outward_code_ends_at_the_space(people, staff):
    officer = staff[Role.OFFICER]
    make_customer(
        officer, first_name="Ada", last_name="Lovelace", address_line_1="2 Road", town="L", postcode="E81 1AA"
    )
    assert names(customer_search(query="e8")) == ["John Smith"]
    assert names(customer_search(query="E81")) == ["Ada Lovelace"]


def test_a_district_larger_than_the_page_lists_the_first_postcodes(people, staff, settings):
    settings.CUSTOMER_SEARCH_LIMIT = 3
    officer = staff[Role.OFFICER]
    for number, postcode in enumerate(["E8 4ZZ", "E8 2AA", "E8 3BB", "E8 1AB"]):
        make_customer(
            officer,
            first_name="P",
            last_name=f"Person{chr(97 + number)}",
            address_line_1="1 Road",
            town="L",
            postcode=postcode,
        )
    results = customer_search(query="E8")
    assert [c.addresses.all()[0].postcode for c in results.customers] == ["E8 1AB", "E8 1EA", "E8 2AA"]


def test_a_common_surname_fills_the_page_without_losing_the_exact_spelling(people, staff, settings):
    settings.CUSTOMER_SEARCH_LIMIT = 5
    officer = staff[Role.OFFICER]
    for first in ["Amy", "Ben", "Cat", "Dan", "Eve", "Fay"]:
        make_customer(officer, first_name=first, last_name="Smyth")
    assert all("Smith" in name or "Smyth" in name for name in names(customer_search(query="smith")))
    assert names(customer_search(query="Jon Smith"))[0] == "John Smith"


def test_a_surname_ending_in_z_is_found_by_its_start(people, staff):
    make_customer(staff[Role.OFFICER], first_name="Rosa", last_name="Lopez")
    make_customer(staff[Role.OFFICER], first_name="Zak", last_name="Zz")
    assert names(customer_search(query="lopez")) == ["Rosa Lopez"]
    assert "Zak Zz" in names(customer_search(query="zz"))


@pytest.mark.parametrize("query", ["07911 123456", "07911123456", "+44 7911 123456", "(07911) 123-456"])
def test_phone_in_any_format(people, query):
    results = customer_search(query=query)
    assert (results.kind, names(results)) == ("phone", ["John Smith"])


def test_email_ignores_case(people):
    assert names(customer_search(query="John.Smith@EXAMPLE.com")) == ["John Smith"]


@pytest.mark.parametrize("form", ["{ref}", "{ref_lower}", "C{num}", "c-{num}"])
def test_reference(people, form):
    customer = people["mo"]
    query = form.format(ref=customer.reference, ref_lower=customer.reference.lower(), num=customer.pk)
    assert names(customer_search(query=query)) == ["Mohammed Khan"]


def test_unrecognisable_numbers_explain_themselves(people):
    results = customer_search(query="12 34")
    assert results.customers == []
    assert results.message.startswith("We could not read “12 34”")


def test_nobody_matches_an_unrelated_name(people):
    assert customer_search(query="Zebedee Quinn").customers == []


@pytest.fixture
def two_john_smiths(staff):
    """Mr John Smith of 14 Mare Street, E8, and another John Smith, born on another day and living elsewhere."""
    officer = staff[Role.OFFICER]
    ours = make_customer(
        officer,
        title="Mr",
        first_name="John",
        last_name="Smith",
        date_of_birth=datetime.date(1958, 3, 14),
        address_line_1="14 Mare Street",
        town="London",
        postcode="E8 3RH",
    )
    other = make_customer(
        officer,
        first_name="John",
        last_name="Smith",
        date_of_birth=datetime.date(1971, 6, 2),
        address_line_1="9 Upper Street",
        town="London",
        postcode="N1 0PN",
    )
    return ours, other


def pks(results):
    return [c.pk for c in results.customers]


@pytest.mark.parametrize(
    "query",
    [
        "jon smith e8",
        "John Smith E8 3",
        "smith E8 3RH",
        "John Smith 14/03/1958",
        "john smith 14-3-1958",
        "John Smith 14 March 1958",
        "Smith 1958-03-14",
        "John Smith 14 3 1958",
        "14 Mare Street",
        "14 mare st",
        "Flat 2, 14 Mare Street E8",
        "John Smith 14 Mare Street",
        "14 E8 3RH",
    ],
)
def test_a_name_with_a_place_or_birth_or_an_address_finds_only_that_customer(two_john_smiths, query):
    ours, _ = two_john_smiths
    assert pks(customer_search(query=query)) == [ours.pk]


def test_a_name_with_a_district_says_it_was_found_by_both(two_john_smiths):
    assert customer_search(query="jon smith e8").kind == "name and postcode"


def test_a_date_of_birth_alone_lists_who_was_born_that_day(two_john_smiths):
    ours, _ = two_john_smiths
    assert pks(customer_search(query="14/03/1958")) == [ours.pk]


def test_a_street_alone_lists_its_residents(two_john_smiths, staff):
    ours, _ = two_john_smiths
    neighbour = make_customer(
        staff[Role.OFFICER],
        first_name="Ada",
        last_name="Jones",
        address_line_1="3 Mare St",
        town="L",
        postcode="E8 4AA",
    )
    results = customer_search(query="Mare Street")
    assert (results.kind, set(pks(results))) == ("address", {ours.pk, neighbour.pk})


def test_a_street_is_found_on_the_addresses_line_after_a_building_name(staff):
    customer = make_customer(
        staff[Role.OFFICER],
        first_name="Ada",
        last_name="Jones",
        address_line_1="Beech House, Mare Street",
        town="L",
        postcode="E8 4AA",
    )
    assert pks(customer_search(query="mare street")) == [customer.pk]


def test_a_name_ending_like_a_street_still_finds_the_person(staff):
    hill = make_customer(staff[Role.OFFICER], first_name="John", last_name="Hill")
    assert pks(customer_search(query="John Hill")) == [hill.pk]


def test_a_moved_customer_is_found_at_the_new_address_not_the_old(two_john_smiths, staff):
    from servicefirst.customers.services import customer_data_from, customer_update

    ours, _ = two_john_smiths
    data = customer_data_from(ours)
    data.address_line_1, data.postcode = "2 Dalston Lane", "E8 1FA"
    customer_update(actor=staff[Role.OFFICER], customer_id=ours.pk, data=data, version=ours.version)
    assert customer_search(query="14 Mare Street").customers == []
    assert pks(customer_search(query="2 Dalston Lane")) == [ours.pk]


@pytest.mark.parametrize("query", ["Mr Smith", "mr john smith", "Mr. Smith E8", "Dr Smith"])
def test_a_title_is_not_needed_in_the_record(two_john_smiths, query):
    ours, _ = two_john_smiths
    assert ours.pk in pks(customer_search(query=query))


def test_a_title_finds_a_record_with_no_title_but_not_one_with_another(two_john_smiths, staff):
    ours, other = two_john_smiths
    mrs = make_customer(staff[Role.OFFICER], title="Mrs", first_name="Jean", last_name="Smith")
    found = pks(customer_search(query="Mr Smith"))
    assert ours.pk in found and other.pk in found
    assert mrs.pk not in found
    assert mrs.pk in pks(customer_search(query="Ms Smith"))


def test_nicknames_and_sounds_still_find_the_name_with_a_place(two_john_smiths):
    ours, _ = two_john_smiths
    assert pks(customer_search(query="Jon Smyth E8")) == [ours.pk]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("John Smith 31/02/1958", "“31/02/1958” is not a real date"),
        ("John Smith 14/03/58", "Write the year of birth in “14/03/58” in full"),
        ("14", "Add the street or the postcode to the house number “14”"),
        ("smith 12 34", "We could not read “12 34”"),
    ],
)
def test_a_query_that_cannot_be_read_says_which_part(two_john_smiths, query, message):
    results = customer_search(query=query)
    assert results.customers == []
    assert message in results.message


@pytest.fixture
def many_smiths(staff, settings):
    settings.CUSTOMER_SEARCH_LIMIT = 50
    officer = staff[Role.OFFICER]
    return [
        make_customer(officer, first_name=f"John{chr(97 + n // 26)}{chr(97 + n % 26)}", last_name="Smith")
        for n in range(51)
    ]


def test_more_matches_than_the_page_are_counted_as_more(many_smiths):
    results = customer_search(query="smith")
    assert (len(results.customers), results.more) == (50, True)
    assert results.more_message == (
        "Showing the first 50 of more than 50 customers — add a postcode or a date of birth to narrow the search"
    )


def test_a_page_that_holds_every_match_says_nothing_of_more(many_smiths):
    many_smiths[0].delete()
    assert customer_search(query="smith").more is False


def test_the_page_announces_the_customers_beyond_the_first_50(many_smiths, officer_client):
    page = officer_client.get(reverse("customers:search"), {"q": "smith"}).content.decode()
    live = page[page.index('<div id="results" aria-live="polite">') :]
    assert "Showing the first 50 of more than 50 customers" in live
    assert "The first 50 of more than 50 customers found by name" in page


@pytest.mark.parametrize("htmx", [False, True])
def test_a_query_that_cannot_be_read_is_an_error_that_keeps_what_was_typed(officer_client, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    response = officer_client.get(reverse("customers:search"), {"q": "John Smith 31/02/1958"}, headers=headers)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'href="#id_q"' in page
    assert 'value="John Smith 31/02/1958"' in page
    assert (response.headers.get("HX-Retarget") == "#customer-search") is htmx


def test_each_combined_search_is_one_audit_event(two_john_smiths, officer_client):
    ours, _ = two_john_smiths
    before = AuditEvent.objects.count()
    officer_client.get(reverse("customers:search"), {"q": "jon smith e8"})
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("pk")
    assert (event.query, event.shown, event.record_ids) == ("jon smith e8", 1, f",{ours.pk},")


def test_the_api_says_when_there_are_more(many_smiths, api_for):
    body = api_for(Role.OFFICER).get("/api/customers", {"q": "smith"}).json()
    assert (len(body["results"]), body["more"]) == (50, True)
