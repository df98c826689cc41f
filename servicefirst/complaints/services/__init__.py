"""Writes to complaints, compliments and comments: recording one and the first steps of its stage (`intake`), then
moving its deadline: extensions, agreed plans and review panels (`schedule`), then the response, escalation, the
Ombudsman, closing and reopening (`outcomes`), with what they share in `common`.
Every rule lives here, so the pages and the API agree; other apps import from this package, never its modules.

Each change locks the complaint's row, checks the `version` the officer saw and writes a `ComplaintEvent`.
Services take an optional `at`: when the step really happened. Officers leave it out (it is now); the demo
loader and imports of a council's past complaints pass it, so deadlines and reports reflect the real dates.
"""

from servicefirst.complaints.services.intake import (
    ComplaintData,
    complaint_acknowledge,
    complaint_assign,
    complaint_check,
    complaint_open,
    complaint_record,
)
from servicefirst.complaints.services.outcomes import (
    LearningActionData,
    RemedyData,
    complaint_close,
    complaint_escalate,
    complaint_ombudsman_decision,
    complaint_reopen,
    complaint_respond,
    learning_action_complete,
)
from servicefirst.complaints.services.schedule import complaint_extend, complaint_panel_record, complaint_plan_agree

__all__ = [
    "ComplaintData",
    "LearningActionData",
    "RemedyData",
    "complaint_acknowledge",
    "complaint_assign",
    "complaint_check",
    "complaint_close",
    "complaint_escalate",
    "complaint_extend",
    "complaint_ombudsman_decision",
    "complaint_open",
    "complaint_panel_record",
    "complaint_plan_agree",
    "complaint_record",
    "complaint_reopen",
    "complaint_respond",
    "learning_action_complete",
]
