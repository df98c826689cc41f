"""Two complaints officers at once, on real connections in threads: one wins, the other is told clearly and
nothing is half written."""

import pytest

from servicefirst.complaints.models import Complaint, ComplaintEvent, ComplaintRemedy, ComplaintStage
from servicefirst.complaints.services import RemedyData, complaint_respond
from servicefirst.core.versions import StaleVersion
from tests.concurrency import run_at_once
from tests.factories_complaints import complaint_defaults_load, complaints_officer, make_complaint


@pytest.fixture
def defaults(transactional_db):
    complaint_defaults_load()


@pytest.mark.django_db(transaction=True)
def test_two_officers_responding_at_once_one_loses_with_a_clear_message(defaults):
    first, second = complaints_officer(), complaints_officer()
    complaint = make_complaint()

    def respond(officer, outcome, remedy):
        def job():
            complaint_respond(
                actor=officer,
                complaint_id=complaint.pk,
                outcome=outcome,
                response=f"{outcome} by {officer.username}",
                remedies=[RemedyData(kind=remedy)],
                version=complaint.version,
            )
            return "saved"

        return job

    outcomes = run_at_once(
        respond(first, "upheld", "apology"),
        respond(second, "not_upheld", "explanation"),
        expected=StaleVersion,
        describe=str,
    )
    assert outcomes.count("saved") == 1
    [lost] = [o for o in outcomes if o != "saved"]
    assert "was changed by someone else since you loaded it" in lost

    complaint = Complaint.objects.get(pk=complaint.pk)
    stage = ComplaintStage.objects.get(complaint=complaint, stage=1)
    assert complaint.version == 2
    assert complaint.status == "responded"
    # The winner's outcome, response and remedy are the only ones written.
    assert stage.outcome == complaint.outcome
    assert stage.response.startswith(complaint.outcome)
    assert ComplaintRemedy.objects.filter(complaint=complaint).count() == 1
    assert ComplaintEvent.objects.filter(complaint=complaint, kind="responded").count() == 1


@pytest.mark.django_db(transaction=True)
def test_complaints_recorded_at_once_get_different_consecutive_references(defaults):
    officers = [complaints_officer() for _ in range(5)]

    def record(officer):
        return lambda: make_complaint(actor=officer).reference

    references = run_at_once(*(record(officer) for officer in officers), expected=StaleVersion, describe=str)
    assert len(set(references)) == 5
    assert sorted(int(r[-6:]) for r in references) == [1, 2, 3, 4, 5]
