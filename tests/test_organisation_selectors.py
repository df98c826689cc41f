"""When a site is open: weekly hours, closures and bank holidays, in London time."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from servicefirst.accounts.roles import Role
from servicefirst.organisation.selectors import (
    client_service_visible_to,
    site_bank_holidays_upcoming,
    site_closures_upcoming,
    site_days,
    site_is_open,
    site_opening_on,
    site_weekly_hours,
    sites_open_count,
    team_manager_candidates,
)
from tests.factories import ClientServiceFactory, OpeningHoursFactory, SiteClosureFactory, SiteFactory, UserFactory

LONDON = ZoneInfo("Europe/London")

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    site = SiteFactory(code="hackney-service-centre")
    for weekday in range(5):
        OpeningHoursFactory(site=site, weekday=weekday, opens=time(9), closes=time(17))
    OpeningHoursFactory(site=site, weekday=5, opens=time(10), closes=time(13))
    return site


def test_open_within_weekday_hours_and_closed_outside(site):
    assert site_is_open(site=site, at=datetime(2026, 11, 24, 9, 0, tzinfo=LONDON))
    assert site_is_open(site=site, at=datetime(2026, 11, 24, 16, 59, tzinfo=LONDON))
    assert not site_is_open(site=site, at=datetime(2026, 11, 24, 17, 0, tzinfo=LONDON))
    assert not site_is_open(site=site, at=datetime(2026, 11, 24, 8, 59, tzinfo=LONDON))


def test_closed_on_a_weekday_without_hours(site):
    assert not site_is_open(site=site, at=datetime(2026, 11, 22, 12, 0, tzinfo=LONDON))  # Sunday
    assert site_opening_on(site=site, day=date(2026, 11, 22)).is_open is False


def test_times_are_london_time_in_summer(site):
    # 08:30 UTC on a July Monday is 09:30 in London.
    assert site_is_open(site=site, at=datetime(2026, 7, 6, 8, 30, tzinfo=UTC))
    # 16:30 UTC is 17:30 in London.
    assert not site_is_open(site=site, at=datetime(2026, 7, 6, 16, 30, tzinfo=UTC))


def test_closed_on_a_bank_holiday_by_default(site):
    christmas_eve_noon = datetime(2026, 12, 24, 12, 0, tzinfo=LONDON)
    assert site_is_open(site=site, at=christmas_eve_noon)
    assert not site_is_open(site=site, at=datetime(2026, 12, 28, 12, 0, tzinfo=LONDON))  # Boxing Day substitute
    assert not site_is_open(site=site, at=datetime(2026, 4, 6, 12, 0, tzinfo=LONDON))  # Easter Monday
    day = site_opening_on(site=site, day=date(2026, 4, 3))
    assert not day.is_open
    assert "Good Friday" in day.note


def test_a_site_may_open_on_bank_holidays(site):
    site.closed_on_bank_holidays = False
    site.save()
    assert site_is_open(site=site, at=datetime(2026, 4, 6, 12, 0, tzinfo=LONDON))
    assert site_opening_on(site=site, day=date(2026, 4, 6)).note == "Easter Monday: open as usual"


def test_closed_during_a_closure_including_its_first_and_last_days(site):
    SiteClosureFactory(site=site, starts_on=date(2026, 11, 24), ends_on=date(2026, 11, 26), reason="Refurbishment")
    assert site_is_open(site=site, at=datetime(2026, 11, 23, 12, 0, tzinfo=LONDON))
    for day in (24, 25, 26):
        assert not site_is_open(site=site, at=datetime(2026, 11, day, 12, 0, tzinfo=LONDON))
    assert site_is_open(site=site, at=datetime(2026, 11, 27, 12, 0, tzinfo=LONDON))
    assert site_opening_on(site=site, day=date(2026, 11, 25)).note == "Closed: Refurbishment"


def test_a_closure_wins_over_opening_on_a_bank_holiday(site):
    site.closed_on_bank_holidays = False
    site.save()
    SiteClosureFactory(site=site, starts_on=date(2026, 4, 6), ends_on=date(2026, 4, 6), reason="Flood")
    assert not site_is_open(site=site, at=datetime(2026, 4, 6, 12, 0, tzinfo=LONDON))


def test_an_inactive_site_is_never_open(site):
    site.is_active = False
    site.save()
    assert not site_is_open(site=site, at=datetime(2026, 11, 24, 12, 0, tzinfo=LONDON))


def test_naive_times_are_taken_as_london_time(site):
    assert site_is_open(site=site, at=datetime(2026, 7, 6, 9, 30))


def test_weekly_hours_lists_every_weekday(site):
    weekly = site_weekly_hours(site=site)
    assert [day.weekday for day in weekly][:2] == ["Monday", "Tuesday"]
    assert weekly[5].opens == time(10)
    assert weekly[6].opens is None


def test_site_days_over_christmas(site):
    days = site_days(site=site, start=date(2026, 12, 24), days=5)
    assert [day.is_open for day in days] == [True, False, False, False, False]


def test_upcoming_closures_and_bank_holidays(site):
    SiteClosureFactory(site=site, starts_on=date(2026, 1, 5), ends_on=date(2026, 1, 6), reason="Past")
    SiteClosureFactory(site=site, starts_on=date(2026, 12, 21), ends_on=date(2026, 12, 23), reason="Training")
    assert [c.reason for c in site_closures_upcoming(site=site, today=date(2026, 11, 23))] == ["Training"]
    holidays = site_bank_holidays_upcoming(site=site, today=date(2026, 11, 23), days=45)
    assert [day.day for day in holidays] == [
        date(2026, 12, 25),
        date(2026, 12, 26),
        date(2026, 12, 28),
        date(2027, 1, 1),
    ]
    assert not any(day.is_open for day in holidays)


def test_sites_open_count(site):
    other = SiteFactory()
    OpeningHoursFactory(site=other, weekday=1, opens=time(13), closes=time(16))
    assert sites_open_count(at=datetime(2026, 11, 24, 10, 0, tzinfo=LONDON)) == (1, 2)
    assert sites_open_count(at=datetime(2026, 11, 24, 14, 0, tzinfo=LONDON)) == (2, 2)


def test_client_service_officer_sees_only_their_own_client_service():
    own, other = ClientServiceFactory(), ClientServiceFactory()
    officer = UserFactory(role=Role.CLIENT_SERVICE_OFFICER, client_service=own)
    assert client_service_visible_to(user=officer, client_service=own)
    assert not client_service_visible_to(user=officer, client_service=other)
    assert client_service_visible_to(user=UserFactory(role=Role.COUNCILLOR), client_service=other)


def test_team_manager_candidates_are_active_front_office_managers():
    manager = UserFactory(role=Role.TEAM_MANAGER)
    head = UserFactory(role=Role.HEAD_OF_SERVICE)
    UserFactory(role=Role.TEAM_MANAGER, is_active=False)
    UserFactory(role=Role.OFFICER)
    assert set(team_manager_candidates()) == {manager, head}
