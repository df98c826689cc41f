import datetime

import factory
from django.contrib.auth import get_user_model

from servicefirst.accounts.roles import Role
from servicefirst.catalogue.models import CouncilService, FrontOfficeStatus, LgslService
from servicefirst.organisation.models import ClientService, Directorate, Site

PASSWORD = "correct-horse-battery-staple"


class DirectorateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Directorate
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Directorate {n}")
    code = factory.Sequence(lambda n: f"directorate-{n}")


class ClientServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClientService

    name = factory.Sequence(lambda n: f"Client service {n}")
    code = factory.Sequence(lambda n: f"client-service-{n}")
    directorate = factory.SubFactory(DirectorateFactory)
    email = factory.Sequence(lambda n: f"service{n}@council.example")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda u: f"{u.username}@council.example")
    role = Role.OFFICER
    client_service = factory.Maybe(
        factory.LazyAttribute(lambda u: u.role == Role.CLIENT_SERVICE_OFFICER),
        yes_declaration=factory.SubFactory(ClientServiceFactory),
        no_declaration=None,
    )
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    name = factory.Sequence(lambda n: f"Customer service centre {n}")
    code = factory.Sequence(lambda n: f"site-{n}")
    address_line_1 = "1 Town Hall Square"
    town = "London"
    postcode = "E8 1EA"


class LgslServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LgslService
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: 5000 + n)
    name = factory.Sequence(lambda n: f"Service {n}")


class CouncilServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilService

    lgsl = factory.SubFactory(LgslServiceFactory)
    name = factory.LazyAttribute(lambda s: s.lgsl.name)
    client_service = factory.SubFactory(ClientServiceFactory)
    status = FrontOfficeStatus.IN_FRONT_OFFICE
    sla_working_days = 10


def make_customer(actor=None, **fields):
    """Customers are made through the service so their search keys and history are real."""
    from servicefirst.customers.services import CustomerData, customer_create

    if actor is None:
        actor = UserFactory(role=Role.OFFICER)
    defaults = {"first_name": "John", "last_name": "Smith"}
    return customer_create(actor=actor, data=CustomerData(**(defaults | fields)))


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "organisation.OpeningHours"

    site = factory.SubFactory(SiteFactory)
    weekday = 0
    opens = datetime.time(9)
    closes = datetime.time(17)


class SiteClosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "organisation.SiteClosure"

    site = factory.SubFactory(SiteFactory)
    starts_on = datetime.date(2026, 12, 21)
    ends_on = datetime.date(2026, 12, 23)
    reason = "Staff training"


class ContactPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalogue.ContactPoint"

    kind = "phone"
    value = factory.Sequence(lambda n: f"+44207946{n % 10000:04d}")
    label = factory.Sequence(lambda n: f"Enquiries line {n}")
