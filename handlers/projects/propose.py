"""/propose: a member proposes a joint project step by step; /cancel leaves nothing saved."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    ConversationHandler,
)

from bot.common.i18n import N_, Tr
from bot.common.problems import Invalid, problem_text
from bot.common.roles import ANONYMOUS_ADMIN_ID
from bot.delegations.countries import flag
from bot.delegations.interests import AREAS, ordered, parse_areas
from bot.delegations.models import Delegation
from bot.projects.render import proposed_notice
from bot.projects.rules import (
    STEPS,
    ProjectDraft,
    check_summary,
    check_title,
    parse_money,
    parse_target_date,
)
from handlers.common.callbacks import as_id, pack, unpack
from handlers.common.dialogue import (
    Dialogue,
    ask_question,
    build_dialogue,
    drop_form,
    find_form,
    open_dialogue,
    owner_id,
    refuse_second_dialogue,
    require_reply_to,
    store_form,
)
from handlers.common.replies import edit_buttons_quietly, reply
from handlers.context import ParkContext
from handlers.projects.common import plain_name
from handlers.projects.notices import notify_chats, send_invitations
from handlers.projects.views import show_card
from storage.unit_of_work import repositories

KIND = "pd"
FORM = "propose"
STATES = {name: index for index, name in enumerate(STEPS)}
TIMEOUT_SECONDS = 15 * 60
PARTNER_BUTTONS = 40

PROMPTS: dict[str, str] = {
    "title": N_(
        "What is the project's title? 3 to 120 characters, for example: Lunar regolith 3D printing"
    ),
    "summary": N_(
        "Describe the project in up to 2000 characters: its goal, what each partner brings, "
        "the results expected."
    ),
    "areas": N_(
        "Which areas does it belong to? Press the buttons, then Done (or type them, for "
        "example: space, biotech)."
    ),
    "lead": N_("Which of your delegations leads the project? Press one, or type its name."),
    "partners": N_(
        "Which delegations do you invite as partners? Press the buttons, then Done, or type "
        "names separated by commas."
    ),
    "funding": N_(
        "How much funding is sought? Type an amount and a currency (CNY, RUB, EUR or USD), "
        "for example: 250000 EUR. Or press Skip."
    ),
    "target": N_(
        "By which date should it be done? Type it as YYYY-MM-DD, for example {example}, "
        "or press Skip."
    ),
}


@dataclass
class Proposal:
    """One dialogue's state: the draft, the step, and the messages answers must belong to."""

    draft: ProjectDraft = field(default_factory=ProjectDraft)
    step: str = "title"
    quote: int | None = None  # the proposer's last message, which questions reply to in groups
    question_message: int | None = None  # in groups, typed answers must reply to this message
    keyboard_message: int | None = None  # presses on any other message are stale


async def _proposal(update: Update, context: ParkContext) -> Proposal | None:
    return await find_form(update, context, FORM, Proposal)


def _drop(context: ParkContext, update: Update) -> None:
    drop_form(context, FORM, owner_id(update))


async def _today(context: ParkContext, draft: ProjectDraft) -> date:
    """Today where the lead delegation lives (UTC before a lead is chosen)."""
    lead = (
        await repositories(context.db).delegations.by_id(draft.lead_id) if draft.lead_id else None
    )
    zone = ZoneInfo(lead.timezone) if lead else ZoneInfo("UTC")
    return context.clock.now().astimezone(zone).date()


async def _question(context: ParkContext, proposal: Proposal) -> str:
    tr = context.tr
    step = proposal.step
    counter = f"({STEPS.index(step) + 1}/{len(STEPS)}) "
    if step == "target":
        today = await _today(context, proposal.draft)
        example = date(today.year + 1, 6, 30).isoformat()
        return counter + tr.t(PROMPTS[step], example=example)
    return counter + tr.t(PROMPTS[step])


def _button(text: str, *args: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=pack(KIND, *args))


async def _keyboard(context: ParkContext, update: Update, proposal: Proposal) -> Any:
    """Buttons for the current step, or None where only typing makes sense."""
    tr = context.tr
    draft = proposal.draft
    step = proposal.step
    if step == "areas":
        rows = [
            [_button(("✅ " if code in draft.areas else "▫️ ") + tr.t(label), "area", code)]
            for code, label in AREAS.items()
        ]
        rows.append([_button(tr.t("Done"), "done")])
        return InlineKeyboardMarkup(rows)
    if step == "lead":
        own = await _own(context, update)
        return InlineKeyboardMarkup(
            [[_button(f"{flag(d.country)} {d.name}", "lead", str(d.id))] for d in own]
        )
    if step == "partners":
        others = await _candidates(context, draft)
        rows = [
            [
                _button(
                    ("✅ " if d.id in draft.partner_ids else "▫️ ")
                    + f"{flag(d.country)} {d.name}"[:60],
                    "part",
                    str(d.id),
                )
            ]
            for d in others[:PARTNER_BUTTONS]
        ]
        rows.append([_button(tr.t("Done"), "done")])
        return InlineKeyboardMarkup(rows)
    if step in ("funding", "target"):
        return InlineKeyboardMarkup([[_button(tr.t("Skip"), "skip")]])
    return None


async def _own(context: ParkContext, update: Update) -> list[Delegation]:
    user = update.effective_user
    if user is None:
        return []
    return [d for d, _ in await repositories(context.db).delegations.of_user(user.id)]


async def _candidates(context: ParkContext, draft: ProjectDraft) -> list[Delegation]:
    everyone, _ = await repositories(context.db).delegations.page(0, 10_000)
    return [d for d, _ in everyone if d.id != draft.lead_id]


async def _ask(update: Update, context: ParkContext, proposal: Proposal, text: str) -> None:
    """Ask with the step's buttons (see `dialogue.ask_question`)."""
    await ask_question(update, context, proposal, text, await _keyboard(context, update, proposal))


async def start(update: Update, context: ParkContext) -> int:
    """Members of a delegation may propose; the first question follows."""
    tr = context.tr
    user = update.effective_user
    if user is None or user.is_bot or user.id == ANONYMOUS_ADMIN_ID:
        await reply(
            update,
            context,
            tr.t(
                "Projects are proposed by people: if you post as the group, send this as yourself."
            ),
        )
        return ConversationHandler.END
    if not await _own(context, update):
        await reply(
            update,
            context,
            tr.t(
                "Only members of a delegation can propose projects. /delegations lists them; "
                "/join NAME asks to join one."
            ),
        )
        return ConversationHandler.END
    if open_dialogue(context, owner_id(update), FORM):
        await refuse_second_dialogue(update, context)
        return ConversationHandler.END
    proposal = Proposal()
    store_form(context, FORM, owner_id(update), proposal)
    intro = tr.t("Let's propose a joint project: 7 short questions. /cancel stops at any time.")
    await _ask(update, context, proposal, intro + "\n\n" + await _question(context, proposal))
    return STATES["title"]


async def typed_answer(update: Update, context: ParkContext) -> int:
    """Validate the typed answer for the current step; stay there on bad input.

    In a group only a reply to the latest question is an answer: anything else is conversation.
    """
    proposal = await _proposal(update, context)
    message = update.effective_message
    if proposal is None or message is None or message.text is None:
        return ConversationHandler.END
    require_reply_to(update, proposal.question_message)
    outcome = await _take(update, context, proposal, message.text)
    if isinstance(outcome, Invalid):
        text = problem_text(context.tr, outcome) + "\n\n" + await _question(context, proposal)
        await _ask(update, context, proposal, text)
        return STATES[proposal.step]
    return await _next(update, context, proposal)


async def _take(
    update: Update, context: ParkContext, proposal: Proposal, typed: str
) -> Invalid | None:
    """Store a typed answer in the draft, or say why it cannot be."""
    draft = proposal.draft
    step = proposal.step
    if step == "title":
        title = check_title(typed)
        if isinstance(title, Invalid):
            return title
        draft.title = title
    elif step == "summary":
        summary = check_summary(typed)
        if isinstance(summary, Invalid):
            return summary
        draft.summary = summary
    elif step == "areas":
        codes, unknown = parse_areas(typed)
        if unknown or not codes:
            return Invalid(
                N_("“{words}” is not in the list of areas. Choose from: {areas}."),
                {"words": ", ".join(unknown) or typed, "areas": ", ".join(AREAS)},
            )
        draft.areas = ordered(codes)
    elif step == "lead":
        own = await _own(context, update)
        chosen = [d for d in own if d.name.casefold() == " ".join(typed.split()).casefold()]
        if not chosen:
            return Invalid(
                N_("Choose one of your delegations: {names}."),
                {"names": ", ".join(d.name for d in own)},
            )
        draft.lead_id = chosen[0].id
    elif step == "partners":
        return await _take_partners(context, draft, typed)
    elif step == "funding":
        money = parse_money(typed)
        if isinstance(money, Invalid):
            return money
        draft.amount, draft.currency = money.amount, money.currency
    elif step == "target":
        when = parse_target_date(typed, await _today(context, draft))
        if isinstance(when, Invalid):
            return when
        draft.target_date = when
    return None


async def _take_partners(context: ParkContext, draft: ProjectDraft, typed: str) -> Invalid | None:
    chosen: list[int] = []
    for name in (part.strip() for part in typed.replace("，", ",").split(",")):
        if not name:
            continue
        found = await repositories(context.db).delegations.by_name(name)
        if found is None:
            return Invalid(
                N_("There is no delegation called “{name}”. Type names from /delegations."),
                {"name": name},
            )
        if found.id == draft.lead_id:
            return Invalid(
                N_("{name} leads the project; invite other delegations."), {"name": found.name}
            )
        if found.id not in chosen:
            chosen.append(found.id)
    if not chosen:
        return Invalid(N_("Type delegation names separated by commas, or press Done."))
    draft.partner_ids = chosen
    return None


async def _next(update: Update, context: ParkContext, proposal: Proposal) -> int:
    """Go to the next step (skipping the lead when there is only one choice), or save."""
    index = STEPS.index(proposal.step) + 1
    if index == len(STEPS):
        _drop(context, update)
        await _save(update, context, proposal.draft)
        return ConversationHandler.END
    proposal.step = STEPS[index]
    note = ""
    if proposal.step == "lead":
        own = await _own(context, update)
        if len(own) == 1:
            proposal.draft.lead_id = own[0].id
            proposal.step = "partners"
            note = context.tr.t("Lead: {name}.", name=html.escape(own[0].name)) + "\n\n"
    await _ask(update, context, proposal, note + await _question(context, proposal))
    return STATES[proposal.step]


async def pressed(update: Update, context: ParkContext) -> int | None:
    """Buttons of the dialogue: areas, lead, partners, Done, Skip; checked against the step."""
    query = update.callback_query
    assert query is not None
    tr = context.tr
    proposal = await _proposal(update, context)
    parsed = unpack(query.data, KIND, 1) or unpack(query.data, KIND, 2)
    current = (
        proposal is not None
        and query.message is not None
        and query.message.message_id == proposal.keyboard_message
    )
    if proposal is None or parsed is None or not current:
        # A forged press, or one on an earlier question's buttons (a double tap on Skip).
        await query.answer(tr.t("This button is no longer valid."), show_alert=True)
        return None
    action, *rest = parsed.args
    draft = proposal.draft
    step = proposal.step
    if action == "area" and step == "areas" and rest and rest[0] in AREAS:
        await query.answer()
        draft.areas = ordered(set(draft.areas) ^ {rest[0]})
        await edit_buttons_quietly(query, await _keyboard(context, update, proposal))
        return None
    picked = as_id(rest[0]) if rest else None
    if (
        action == "lead"
        and step == "lead"
        and picked in {d.id for d in await _own(context, update)}
    ):
        await query.answer()
        draft.lead_id = picked
        return await _next(update, context, proposal)
    if (
        action == "part"
        and step == "partners"
        and picked in {d.id for d in await _candidates(context, draft)}
    ):
        await query.answer()
        assert picked is not None
        if picked in draft.partner_ids:
            draft.partner_ids.remove(picked)
        else:
            draft.partner_ids.append(picked)
        await edit_buttons_quietly(query, await _keyboard(context, update, proposal))
        return None
    if action == "done" and step == "areas":
        if not draft.areas:
            await query.answer(tr.t("Choose at least one area."), show_alert=True)
            return None
        await query.answer()
        return await _next(update, context, proposal)
    if action == "done" and step == "partners":
        await query.answer()
        return await _next(update, context, proposal)
    if action == "skip" and step in ("funding", "target"):
        await query.answer()
        if step == "funding":
            draft.amount = draft.currency = None
        else:
            draft.target_date = None
        return await _next(update, context, proposal)
    await query.answer(tr.t("This button is no longer valid."), show_alert=True)
    return None


async def _save(update: Update, context: ParkContext, draft: ProjectDraft) -> None:
    """Write the project with its invitations, show its card, post the invitations."""
    tr = context.tr
    user = update.effective_user
    chat = update.effective_chat
    assert user is not None
    project_id = await repositories(context.db).projects.create(
        draft, user.id, chat.id if chat else None, context.clock.now()
    )
    project = await repositories(context.db).projects.get(project_id)
    assert project is not None
    reached, missed = await send_invitations(context, project)
    lines = [tr.t("Project #{id} is proposed.", id=project.id)]
    if reached:
        lines.append(
            tr.t("Invitations went to: {names}.", names=", ".join(html.escape(n) for n in reached))
        )
    if missed:
        lines.append(
            tr.t(
                "I could not reach {names}: they have no home chat (/linkchat) and their heads "
                "have not opened a private chat with me. The invitation is saved.",
                names=", ".join(html.escape(n) for n in missed),
            )
        )
    await reply(update, context, "\n".join(lines))
    await show_card(update, context, project)
    lead = await repositories(context.db).delegations.by_id(project.lead_id)
    who = plain_name(update)

    def render(reader: Tr) -> str:
        return proposed_notice(reader, project, who)

    if lead is not None and lead.home_chat_id is not None:
        await notify_chats(context, [lead.home_chat_id], render, chat.id if chat else None)


def conversation() -> Dialogue:
    """The proposal dialogue; the draft lives in chat_data."""
    return build_dialogue(
        "propose",
        form=FORM,
        start=start,
        typed_answer=typed_answer,
        pressed=pressed,
        button_kind=KIND,
        cancelled=N_("The proposal is cancelled. Nothing was saved."),
        abandoned=N_("The proposal waited too long and was closed. Nothing was saved."),
        states=STATES.values(),
        timeout_seconds=TIMEOUT_SECONDS,
    )
