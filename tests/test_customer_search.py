import pytest

from servicefirst.accounts.roles import Role
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
    assert "not a full phone number, postcode or reference" in results.message


def test_nobody_matches_an_unrelated_name(people):
    assert customer_search(query="Zebedee Quinn").customers == []
