"""The CSV a coordinator hands to a funder: UTF-8 with BOM so Excel reads CJK and Cyrillic."""

from __future__ import annotations

import csv
import io
from datetime import date

from bot.common.i18n import Tr
from bot.delegations.interests import AREAS, ordered
from bot.delegations.models import Delegation
from bot.projects.models import Partner, Project
from bot.projects.stages import LABELS

ENCODING = "utf-8-sig"
# A cell starting with one of these is read by spreadsheets as a formula (or turns into one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: str | int) -> str | int:
    """A cell as a spreadsheet shows it: typed text never runs as a formula (OWASP's quote)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def filename(today: date) -> str:
    """projects-2026-11-25.csv"""
    return f"projects-{today.isoformat()}.csv"


def build(
    tr: Tr,
    projects: list[Project],
    delegations: dict[int, Delegation],
    partners: dict[int, list[Partner]],
    supporters: dict[int, int],
) -> bytes:
    """One row per project; headers and stage names in the reader's language."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            cell(header)
            for header in (
                tr.t("ID"),
                tr.t("Title"),
                tr.t("Stage"),
                tr.t("Lead"),
                tr.t("Partners"),
                tr.t("Areas"),
                tr.t("Funding sought"),
                tr.t("Currency"),
                tr.t("Target date"),
                tr.t("Supporters"),
                tr.t("Proposed at (UTC)"),
                tr.t("Last change (UTC)"),
                tr.t("Summary"),
            )
        ]
    )
    answers = {
        "invited": tr.t("invited, no answer yet"),
        "accepted": tr.t("accepted"),
        "declined": tr.t("declined"),
    }
    for project in projects:
        lead = delegations.get(project.lead_id)
        row: list[str | int] = [
            project.id,
            project.title,
            tr.t(LABELS[project.stage]),
            lead.name if lead else "",
            "; ".join(f"{p.name} ({answers[p.status]})" for p in partners.get(project.id, [])),
            ", ".join(tr.t(AREAS[code]) for code in ordered(list(project.areas))),
            "" if project.amount is None else f"{project.amount:.2f}",
            project.currency or "",
            project.target_date or "",
            supporters.get(project.id, 0),
            project.created_at,
            project.updated_at,
            project.summary,
        ]
        writer.writerow([cell(value) for value in row])
    return buffer.getvalue().encode(ENCODING)
