"""Dialogue forms survive the trip through the database exactly, and nothing else gets in."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from bot.common.draft_codec import UnreadableDraft, decode, encode
from bot.delegations.rules import DelegationDraft
from bot.meetings.rules import MeetingDraft
from bot.projects.rules import ProjectDraft
from handlers.delegations.forms import Form
from handlers.meetings.dialogue import MeetForm
from handlers.projects.propose import Proposal
from handlers.projects.reject import Rejection

FORMS = [
    Form(
        DelegationDraft("Z-Park", "Zhongguancun", "CN", "北京", "zh", "Asia/Shanghai", ["ai"], ""),
        quote=12,
        keyboard_message=14,
        question_message=14,
    ),
    Proposal(
        ProjectDraft(
            "Совместный инкубатор",
            "AI «start-ups»",
            ["ai", "biotech"],
            1,
            [2, 3],
            Decimal("1500000.50"),
            "CNY",
            date(2028, 3, 31),
        ),
        step="partners",
    ),
    MeetForm(
        owner=5_001_234_567,
        draft=MeetingDraft(
            "Kick-off", datetime(2027, 8, 3, 6, 0, tzinfo=UTC), "Asia/Shanghai", 90, [1, 2]
        ),
        done={"title", "time"},
        step="duration",
    ),
    Rejection(project_id=7, owner=1_087_968_824, reason="Ei rahoitusta", anonymous=True),
]


@pytest.mark.parametrize("form", FORMS, ids=lambda form: type(form).__name__)
def test_every_dialogue_form_comes_back_equal(form: object) -> None:
    back = decode(encode(form))
    assert back == form and type(back) is type(form)


def test_values_keep_their_types() -> None:
    proposal = decode(encode(FORMS[1]))
    assert isinstance(proposal, Proposal)
    assert isinstance(proposal.draft.amount, Decimal) and isinstance(
        proposal.draft.target_date, date
    )


@pytest.mark.parametrize(
    "body",
    [
        {"$form": "os:system", "f": {}},  # not a parkbridge class: never imported
        {"$form": "handlers.projects.reject:Gone", "f": {}},
        {"$form": "handlers.projects.reject:Rejection", "f": {"project_id": 1, "owner": 2, "x": 3}},
        {"$form": "handlers.projects.reject:Rejection", "f": {}},  # required fields missing
        {"$decimal": "many"},
        {"$what": 1},
    ],
)
def test_a_draft_that_does_not_fit_is_refused(body: object) -> None:
    with pytest.raises(UnreadableDraft):
        decode(json.dumps(body))


def test_a_form_holding_something_else_cannot_be_kept() -> None:
    with pytest.raises(TypeError):
        encode(Rejection(project_id=1, owner=2, reason=object()))  # type: ignore[arg-type]
