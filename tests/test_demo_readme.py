"""The figures README.md quotes about the demo are what its pages show: the demo is seeded, the pages are read as the
head of customer services sees them, and each figure is compared with the README's own words. The demo is built
relative to now, with fixed quotas, so this holds on any day it runs."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests.signing_in import staff_client

README = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")


def _readme_sentence(start: str) -> str:
    """The README's bullet that starts with `start`, on one line."""
    match = re.search(rf"^- {re.escape(start)}.*?(?=^- |^\n)", README, flags=re.MULTILINE | re.DOTALL)
    assert match, start
    return " ".join(match.group(0).split())


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.slow
@pytest.mark.django_db
def test_the_readmes_demo_figures_are_what_the_pages_show(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", customers=150, stdout=StringIO())
    head = staff_client(get_user_model().objects.get(username="head"))

    satisfaction = _readme_sentence("113 satisfaction answers")
    page = _text(head.get("/staff/satisfaction/results/").content.decode())
    overall = re.search(r"shows ([\d.]+%) satisfied \((\d+) of (\d+)\)", satisfaction)
    assert f"{overall[1]} satisfied ({overall[2]} of {overall[3]} answers" in page
    centres = re.findall(r"([A-Z][A-Za-z ]+(?:Centre|Shop)) ([\d.]+%)", satisfaction)
    assert len(centres) == 4
    for name, percent in centres:
        row = re.search(rf"{re.escape(name.strip())} (\d+) (\d+) ([\d.]+%)", page)
        assert row, name
        assert row[3] == percent, name

    complaints = _readme_sentence("850 complaints")
    change = re.search(r"shows a change of ([+-][\d.]+%)", complaints)[1]
    report = _text(head.get("/staff/complaints/reports/").content.decode())
    headline = re.search(r"Change ([+-][\d,]+) \(([^)]+)\)", report)
    assert headline[2] == change
