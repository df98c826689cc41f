"""`survey_record`: one answer per contact, a reason when dissatisfied, and only the right hands capture."""

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.satisfaction.models import CaptureMethod, SurveyResponse
from servicefirst.satisfaction.services import ALREADY_ANSWERED, survey_record
from tests.factories import UserFactory
from tests.factories_satisfaction import answer, call, kiosk, reason, visit


def _errors(excinfo) -> dict:
    return excinfo.value.message_dict


@pytest.mark.django_db
def test_an_officer_keys_a_satisfied_answer_through_the_contact():
    contact = call()
    response = answer(contact, 5, comment="  Very quick, thank you  ")
    assert (response.contact, response.rating, response.captured_by) == (contact, 5, CaptureMethod.OFFICER)
    assert response.recorded_by == contact.officer
    assert response.comment == "Very quick, thank you"
    assert response.is_satisfied and not response.is_dissatisfied


@pytest.mark.django_db
def test_a_second_answer_about_the_same_contact_is_refused_with_a_field_error():
    contact = call()
    answer(contact, 4)
    with pytest.raises(ValidationError) as excinfo:
        answer(contact, 1)
    assert _errors(excinfo) == {"contact_id": [ALREADY_ANSWERED]}
    assert SurveyResponse.objects.get().rating == 4


@pytest.mark.django_db
def test_the_database_holds_one_answer_per_contact_even_without_the_service():
    first = answer(call(), 4)
    duplicate = SurveyResponse(
        contact=first.contact, rating=5, captured_by=CaptureMethod.IVR, responded_at=timezone.now()
    )
    with pytest.raises(ValidationError) as excinfo:
        duplicate.validate_constraints()
    assert "This contact already has a satisfaction answer." in str(excinfo.value)


@pytest.mark.django_db(transaction=True)
def test_two_answers_about_one_contact_at_once_make_one_row():
    contact = call()
    officer = contact.officer
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def submit(rating: int) -> None:
        start.wait()
        try:
            survey_record(contact_id=contact.pk, rating=rating, captured_by=CaptureMethod.OFFICER, recorded_by=officer)
            outcomes.append("saved")
        except ValidationError as error:
            outcomes.append(error.message_dict["contact_id"][0])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(rating,)) for rating in (4, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == sorted(["saved", ALREADY_ANSWERED])
    assert SurveyResponse.objects.filter(contact=contact).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("rating", [1, 2])
def test_a_dissatisfied_answer_needs_a_reason(rating):
    contact = call()
    with pytest.raises(ValidationError) as excinfo:
        survey_record(contact_id=contact.pk, rating=rating, captured_by="officer", recorded_by=contact.officer)
    assert _errors(excinfo) == {"reason_id": ["Select the main reason you were dissatisfied"]}
    response = answer(contact, rating, reason_id=reason().pk)
    assert response.reason.label == "Waited too long to be seen or answered"


@pytest.mark.django_db
def test_a_retired_reason_cannot_be_chosen():
    retired = reason("Queue system broken", "Waiting")
    retired.is_active = False
    retired.save()
    with pytest.raises(ValidationError) as excinfo:
        answer(call(), 1, reason_id=retired.pk)
    assert _errors(excinfo) == {"reason_id": ["Select a reason from the list"]}


@pytest.mark.django_db
@pytest.mark.parametrize("rating", [3, 4, 5])
def test_a_reason_is_not_kept_for_an_answer_that_is_not_dissatisfied(rating):
    response = answer(call(), rating, reason_id=reason().pk)
    assert response.reason is None


@pytest.mark.django_db
@pytest.mark.parametrize("rating", [0, 6, None])
def test_the_rating_runs_from_one_to_five(rating):
    contact = call()
    with pytest.raises(ValidationError) as excinfo:
        survey_record(contact_id=contact.pk, rating=rating, captured_by="officer", recorded_by=contact.officer)
    assert "rating" in _errors(excinfo)


@pytest.mark.django_db
def test_a_councillor_cannot_key_an_answer():
    contact = call()
    with pytest.raises(PermissionDenied):
        answer(contact, 5, by=UserFactory(role=Role.COUNCILLOR))
    assert not SurveyResponse.objects.exists()


@pytest.mark.django_db
def test_a_kiosk_answer_needs_a_kiosk_and_a_kiosk_answers_only_for_its_own_site():
    contact = visit()
    with pytest.raises(ValidationError) as excinfo:
        survey_record(contact_id=contact.pk, rating=5, captured_by=CaptureMethod.KIOSK)
    assert _errors(excinfo) == {"captured_by": ["Kiosk answers come only from a registered kiosk"]}
    elsewhere, _ = kiosk(site=visit().site)
    with pytest.raises(ValidationError) as excinfo:
        survey_record(contact_id=contact.pk, rating=5, captured_by=CaptureMethod.KIOSK, kiosk=elsewhere)
    assert _errors(excinfo) == {"contact_id": ["A kiosk records answers about visits to its own site only"]}


@pytest.mark.django_db
def test_an_unknown_contact_and_a_contact_still_going_are_refused():
    officer = UserFactory(role=Role.OFFICER)
    with pytest.raises(ValidationError) as excinfo:
        survey_record(contact_id=10**9, rating=5, captured_by="officer", recorded_by=officer)
    assert _errors(excinfo) == {"contact_id": ["No contact has that id"]}
    later = timezone.now() + datetime.timedelta(hours=1)
    contact = call(started_at=timezone.now() - datetime.timedelta(minutes=1), ended_at=later)
    with pytest.raises(ValidationError) as excinfo:
        survey_record(contact_id=contact.pk, rating=5, captured_by="officer", recorded_by=officer)
    assert _errors(excinfo) == {"contact_id": ["Ask for feedback once the contact has ended"]}


@pytest.mark.django_db
def test_an_answer_cannot_predate_its_contact_or_lie_in_the_future():
    contact = call()
    for when, message in [
        (contact.started_at - datetime.timedelta(hours=1), "The answer cannot be earlier than the contact"),
        (timezone.now() + datetime.timedelta(days=1), "The answer cannot be in the future"),
    ]:
        with pytest.raises(ValidationError) as excinfo:
            answer(contact, 5, responded_at=when)
        assert _errors(excinfo) == {"responded_at": [message]}
