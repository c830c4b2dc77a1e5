"""Project cards, lists, histories and notices as the reader sees them, in their language."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency

from bot.common.i18n import Tr
from bot.common.roles import ANONYMOUS_ADMIN_ID
from bot.delegations.countries import flag
from bot.delegations.models import Delegation
from bot.delegations.render import areas_text
from bot.projects.models import Event, Partner, Project, Refusal
from bot.projects.stages import REJECTED, label, moves_text

PAGE_SIZE = 10
RECENT_EVENTS = 3
PARTNER_ICONS = {"invited": "⏳", "accepted": "✅", "declined": "❌"}


def _e(text: str) -> str:
    """Escape what a user typed before it goes into HTML."""
    return html.escape(text, quote=False)


def person(tr: Tr, user_id: int, first_name: str | None, username: str | None) -> str:
    """Someone as the history names them (escaped)."""
    if user_id == ANONYMOUS_ADMIN_ID:
        return tr.t("an anonymous administrator")
    if first_name is None:
        return tr.t("user {id}", id=user_id)
    name = _e(first_name)
    return f"{name} (@{_e(username)})" if username else name


def money(tr: Tr, amount: Decimal | None, currency: str | None) -> str:
    """Funding sought, as the reader's locale writes money; a dash when none."""
    if amount is None or currency is None:
        return tr.t("not stated")
    return format_currency(amount, currency, locale=tr.locale)


def day(tr: Tr, iso: str | None) -> str:
    """A stored date (or timestamp) as the reader's locale writes a date."""
    if not iso:
        return tr.t("not set")
    moment = date.fromisoformat(iso) if len(iso) == 10 else datetime.fromisoformat(iso).date()
    return format_date(moment, format="medium", locale=tr.locale)


def delegation_name(delegation: Delegation | None) -> str:
    """Flag and escaped name."""
    if delegation is None:
        return "—"
    return f"{flag(delegation.country)} {_e(delegation.name)}"


def partner_line(tr: Tr, partner: Partner) -> str:
    """One invited delegation and its answer."""
    answers = {
        "invited": tr.t("invited, no answer yet"),
        "accepted": tr.t("accepted"),
        "declined": tr.t("declined"),
    }
    return (
        f"{PARTNER_ICONS[partner.status]} {flag(partner.country)} {_e(partner.name)} — "
        f"{answers[partner.status]}"
    )


def event_text(tr: Tr, event: Event, zone: tzinfo) -> str:
    """One history line: when, who, what (and why)."""
    when = tr.when(datetime.fromisoformat(event.at), zone, "d MMM y, HH:mm")
    who = person(tr, event.actor_id, event.actor_name, event.actor_username)
    other = _e(event.delegation_name or "—")
    if event.action == "proposed":
        what = tr.t("proposed the project")
    elif event.action == "invited":
        what = tr.t("invited {delegation}", delegation=other)
    elif event.action == "accepted":
        what = tr.t("accepted for {delegation}", delegation=other)
    elif event.action == "declined":
        what = tr.t("declined for {delegation}", delegation=other)
    else:
        what = tr.t(
            "moved it from {old} to {new}",
            old=label(tr, event.from_stage or ""),
            new=label(tr, event.to_stage or ""),
        )
    line = f"{when} — {who}: {what}"
    if event.reason:
        line += "\n    " + tr.t("Reason: {reason}", reason=_e(event.reason))
    return line


@dataclass
class CardView:
    """Everything a project card shows, gathered by the handler."""

    project: Project
    lead: Delegation | None
    partners: list[Partner]
    supporters: list[tuple[str, int]]
    recent: list[Event]
    zone: tzinfo
    title_translations: list[str] = field(default_factory=list)
    summary_translations: list[str] = field(default_factory=list)


def card(tr: Tr, view: CardView) -> str:
    """The full card: each line closes its own tags, so a long card splits cleanly."""
    project = view.project
    lines = [f"📁 <b>#{project.id} {_e(project.title)}</b>", *view.title_translations, ""]
    lines.extend(_e(line) for line in project.summary.split("\n"))
    lines.extend(view.summary_translations)
    lines.append("")
    lines.append(tr.t("Stage: {stage}", stage=label(tr, project.stage)))
    lines.append(tr.t("Areas: {value}", value=areas_text(tr, project.areas)))
    lines.append(tr.t("Lead: {delegation}", delegation=delegation_name(view.lead)))
    if view.partners:
        lines.append(tr.t("Partners:"))
        lines.extend("  " + partner_line(tr, partner) for partner in view.partners)
    else:
        lines.append(tr.t("Partners: none invited yet (/suggest {id})", id=project.id))
    lines.append(
        tr.t("Funding sought: {amount}", amount=money(tr, project.amount, project.currency))
    )
    lines.append(tr.t("Target date: {date}", date=day(tr, project.target_date)))
    total = sum(count for _, count in view.supporters)
    support = tr.tn("Supported by {count} person", "Supported by {count} people", total)
    if view.supporters:
        support += " (" + ", ".join(f"{_e(name)}: {n}" for name, n in view.supporters) + ")"
    lines.append(support)
    if view.recent:
        lines.append("")
        lines.append("<b>" + tr.t("Latest events") + "</b>")
        lines.extend(event_text(tr, event, view.zone) for event in view.recent)
        lines.append(tr.t("Full history: /history {id}", id=project.id))
    return "\n".join(lines)


def history_text(tr: Tr, project: Project, events: list[Event], zone: tzinfo) -> str:
    """Every event, oldest first."""
    lines = [tr.t("<b>History of #{id} {title}</b>", id=project.id, title=_e(project.title))]
    lines.extend(event_text(tr, event, zone) for event in events)
    return "\n".join(lines)


@dataclass(frozen=True)
class ListRow:
    """One project on a list page."""

    project: Project
    lead: Delegation | None
    supporters: int


def list_page(tr: Tr, rows: list[ListRow], page: int, total: int, filtered: bool) -> str:
    """One page of projects: id, title, stage, lead, supporters."""
    if total == 0:
        if filtered:
            return tr.t("No project matches. /projects without filters lists them all.")
        return tr.t("No projects yet. A member of a delegation proposes one with /propose.")
    pages = max(1, -(-total // PAGE_SIZE))
    lines = [tr.tn("<b>{count} project</b>", "<b>{count} projects</b>", total)]
    if pages > 1:
        lines[0] += " " + tr.t("(page {page} of {pages})", page=page + 1, pages=pages)
    for row in rows:
        project = row.project
        lines.append(
            f"#{project.id} <b>{_e(project.title)}</b> — {label(tr, project.stage)} · "
            f"{delegation_name(row.lead)} · 👍 {row.supporters}"
        )
    lines.append("")
    lines.append(tr.t("Card of one: /project ID"))
    return "\n".join(lines)


def invitation(tr: Tr, project: Project, lead: Delegation | None, partner: str) -> str:
    """What an invited delegation's home chat reads, above the Accept / Decline buttons."""
    return "\n".join(
        [
            tr.t(
                "{lead} invites {partner} to join project #{id}.",
                lead=delegation_name(lead),
                partner=_e(partner),
                id=project.id,
            ),
            tr.t("Areas: {value}", value=areas_text(tr, project.areas)),
            tr.t("Funding sought: {amount}", amount=money(tr, project.amount, project.currency)),
            tr.t(
                "Full card: /project {id}. Heads of {partner} and coordinators answer below.",
                id=project.id,
                partner=_e(partner),
            ),
        ]
    )


def proposed_notice(tr: Tr, project: Project, who: str) -> str:
    """What the lead's home chat reads when one of its members proposes a project."""
    return tr.t(
        "{person} proposed project #{id} “{title}”. Card: /project {id}",
        person=who,
        id=project.id,
        title=_e(project.title),
    )


def answer_notice(tr: Tr, project: Project, partner: str, accepted: bool, who: str) -> str:
    """A partner's answer, for the lead's home chat and the invitation card."""
    values = {"partner": _e(partner), "id": project.id, "title": _e(project.title), "person": who}
    if accepted:
        return tr.t("✅ {partner} accepted project #{id} “{title}” ({person}).", **values)
    return tr.t("❌ {partner} declined project #{id} “{title}” ({person}).", **values)


def stage_notice(
    tr: Tr, project: Project, previous: str, target: str, who: str, reason: str
) -> str:
    """A stage change, for every involved home chat."""
    text = tr.t(
        "Project #{id} “{title}” moved from {old} to {new} ({person}).",
        id=project.id,
        title=_e(project.title),
        old=label(tr, previous),
        new=label(tr, target),
        person=who,
    )
    if reason:
        text += "\n" + tr.t("Reason: {reason}", reason=_e(reason))
    elif target == REJECTED:
        text += "\n" + tr.t("No reason was given.")
    return text


def illegal_move(tr: Tr, project: Project, target: str) -> str:
    """A refused move, naming the moves that are allowed."""
    return (
        tr.t(
            "Project #{id} is {stage}: it cannot move to {target}.",
            id=project.id,
            stage=label(tr, project.stage),
            target=label(tr, target),
        )
        + " "
        + moves_text(tr, project.id, project.stage)
    )


def refusal_text(
    tr: Tr,
    refusal: Refusal,
    project: Project,
    *,
    target: str = "",
    lead: Delegation | None = None,
    partner: str = "",
) -> str:
    """Why an action on a project was refused, in today's words."""
    if refusal is Refusal.NOT_COORDINATOR:
        return tr.t(
            "Only coordinators of the delegations in project #{id} can move it to {stage}.",
            id=project.id,
            stage=label(tr, target),
        )
    if refusal is Refusal.NOT_WITHDRAWER:
        return tr.t(
            "Only the proposer of project #{id} or heads of {lead} can withdraw it.",
            id=project.id,
            lead=html.escape(lead.name if lead else "—"),
        )
    if refusal is Refusal.ILLEGAL_MOVE:
        return illegal_move(tr, project, target)
    if refusal is Refusal.NO_REASON:
        return tr.t("Say why it is rejected: /stage {id} rejected REASON", id=project.id)
    if refusal is Refusal.NOT_PARTNER_AUTHORITY:
        return tr.t("Only heads of {name} and coordinators can answer for it.", name=partner)
    if refusal is Refusal.ALREADY_ANSWERED:
        return tr.t("{name} has already answered.", name=partner)
    if refusal is Refusal.NOT_MEMBER:
        return tr.t("Only members of a delegation can support projects. /join NAME asks to join.")
    if refusal is Refusal.ALREADY_SUPPORTED:
        return tr.t("You already support project #{id}.", id=project.id)
    return tr.t("Project #{id} is {stage}.", id=project.id, stage=label(tr, project.stage))


def support_closed(tr: Tr, project: Project) -> str:
    """Support refused on a closed project (its own words, not the answer's)."""
    return tr.t(
        "Project #{id} is {stage}: it takes no more support.",
        id=project.id,
        stage=label(tr, project.stage),
    )


def supported(tr: Tr, project: Project, total: int) -> str:
    """An endorsement recorded, with the total so far."""
    return tr.tn(
        "You support project #{id} “{title}”: {count} supporter so far.",
        "You support project #{id} “{title}”: {count} supporters so far.",
        total,
        id=project.id,
        title=_e(project.title),
    )
