"""/meet: schedule a meeting step by step (or in one line, or from a /slots button)."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    CallbackQueryHandler,
    ConversationHandler,
)

from bot.common.i18n import N_, Tr
from bot.delegations.models import Delegation
from bot.meetings.render import duration_text, list_line, time_line
from bot.meetings.rules import (
    AGENDA_MAX,
    DURATION_MAX,
    DURATION_MIN,
    MAX_DELEGATIONS,
    PLACE_MAX,
    TITLE_MAX,
    MeetingDraft,
    clean_text,
    parse_duration,
)
from bot.timephrases.reader import read_when
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
from handlers.meetings import reminders as meeting_reminders
from handlers.meetings.cards import post_cards, show_card
from handlers.meetings.common import (
    home_chats,
    may_schedule,
    may_start_scheduling,
    minute_instant,
    participants,
    places,
    reading_zone,
    resolve_names,
)
from storage.unit_of_work import repositories

KIND = "mt"
FORM = "meet"  # the dialogue's forms in chat_data: ("meet", owner)
CANCELLED = N_("Scheduling cancelled. Nothing was saved.")
SLOT_KIND = "sl"
STEPS = ("title", "when", "duration", "delegations", "place", "agenda", "project")
STATES = {name: index for index, name in enumerate(STEPS)}
CONFIRM = len(STEPS)
TIMEOUT_SECONDS = 15 * 60
DURATION_CHOICES = (30, 60, 90, 120)
BUTTON_DELEGATIONS = 12
PROMPTS: dict[str, str] = {
    "title": N_("What is the meeting about? Type a short title, for example: Satellite data"),
    "when": N_(
        "When? Type it in any of the four languages, for example: tomorrow 15:00, "
        "завтра в 15:00, 明天下午3点, huomenna klo 15 or 2027-07-28 14:00. It is read in "
        "{zone}; a zone at the end (Beijing, Москва, Helsinki, UTC…) overrides it."
    ),
    "duration": N_("How long? Press a button or type minutes, for example 90 or 1h30."),
    "delegations": N_(
        "Which delegations take part? Type their names separated by commas, or press the "
        "buttons and then Done."
    ),
    "place": N_("Where? A room, an address or a video link, or press Skip."),
    "agenda": N_("The agenda (up to 1500 characters), or press Skip."),
    "project": N_("The number of a linked joint project, for example 12, or press Skip."),
}
EXAMPLES = "tomorrow 15:00 · завтра в 15:00 · 明天下午3点 · huomenna klo 15 · 2027-07-28 14:00 UTC"


@dataclass
class MeetForm:
    """One /meet dialogue: the draft, which steps are answered, what to reply to in groups."""

    owner: int
    draft: MeetingDraft = field(default_factory=MeetingDraft)
    done: set[str] = field(default_factory=set)
    step: str | None = None
    quote: int | None = None  # the user's last message, which questions reply to in groups
    question_message: int | None = None  # in groups, answers must reply to this question
    keyboard_message: int | None = None  # presses on any other message are stale
    project_title: str = ""


def _next_step(form: MeetForm) -> str | None:
    return next((step for step in STEPS if step not in form.done), None)


async def _ask(
    update: Update,
    context: ParkContext,
    form: MeetForm,
    text: str,
    markup: InlineKeyboardMarkup | None,
) -> None:
    """A question; in groups a forced reply to the user, so privacy mode lets the answer in."""
    await ask_question(update, context, form, text, markup)


async def _keyboard(context: ParkContext, form: MeetForm, step: str) -> InlineKeyboardMarkup | None:
    tr = context.tr
    if step == "duration":
        row = [
            InlineKeyboardButton(duration_text(tr, m), callback_data=pack(KIND, "dur", str(m)))
            for m in DURATION_CHOICES
        ]
        return InlineKeyboardMarkup([row[:2], row[2:]])
    if step == "delegations":
        listed, _ = await repositories(context.db).delegations.page(0, BUTTON_DELEGATIONS)
        rows = [
            [
                InlineKeyboardButton(
                    ("✅ " if d.id in form.draft.delegation_ids else "▫️ ") + d.name,
                    callback_data=pack(KIND, "dl", str(d.id)),
                )
            ]
            for d, _ in listed
        ]
        rows.append([InlineKeyboardButton(tr.t("Done"), callback_data=pack(KIND, "dldone"))])
        return InlineKeyboardMarkup(rows)
    if step in ("place", "agenda", "project"):
        return InlineKeyboardMarkup(
            [[InlineKeyboardButton(tr.t("Skip"), callback_data=pack(KIND, "skip"))]]
        )
    return None


async def _question(update: Update, context: ParkContext, form: MeetForm, lead: str = "") -> int:
    """Ask the next unanswered step, or show the summary to confirm."""
    step = _next_step(form)
    form.step = step
    if step is None:
        return await _summary(update, context, form, lead)
    number = f"({STEPS.index(step) + 1}/{len(STEPS)}) "
    text = number + context.tr.t(PROMPTS[step], zone=form.draft.zone)
    if lead:
        text = lead + "\n\n" + text
    await _ask(update, context, form, text, await _keyboard(context, form, step))
    return STATES[step]


def _refuse_text(tr: Tr) -> str:
    return tr.t("Only coordinators and heads of a participating delegation can schedule meetings.")


async def start(update: Update, context: ParkContext) -> int:
    """Check the role, then ask the first question (or read the one-line form)."""
    if not await may_start_scheduling(update, context):
        await reply(update, context, _refuse_text(context.tr))
        return ConversationHandler.END
    owner = owner_id(update)
    if open_dialogue(context, owner, FORM):
        await refuse_second_dialogue(update, context)
        return ConversationHandler.END
    drop_form(context, FORM, owner)  # /meet again starts over
    form = MeetForm(owner=owner, draft=MeetingDraft(zone=await reading_zone(update, context)))
    message = update.effective_message
    typed = (message.text or "").split(maxsplit=1) if message else []
    if len(typed) > 1:
        problems = await _one_line(update, context, form, typed[1])
        if problems:
            lines = [context.tr.t("Nothing was saved:"), *(f"• {p}" for p in problems)]
            lines.append(
                context.tr.t(
                    "Type /meet alone for questions one by one, or: /meet Title | when | "
                    "minutes | delegations | place | agenda"
                )
            )
            await reply(update, context, "\n".join(lines))
            return ConversationHandler.END
        store_form(context, FORM, owner, form)
        return await _summary(update, context, form, "")
    store_form(context, FORM, owner, form)
    intro = context.tr.t("Let's schedule a meeting. /cancel stops at any time; nothing is saved.")
    return await _question(update, context, form, intro)


async def _one_line(update: Update, context: ParkContext, form: MeetForm, text: str) -> list[str]:
    """Fill the whole draft from 'Title | when | minutes | delegations | place | agenda'."""
    parts = [part.strip() for part in text.split("|")]
    while len(parts) < len(STEPS):
        parts.append("")
    problems: list[str] = []
    for step, value in zip(STEPS, parts, strict=False):
        if step in ("duration", "place", "agenda", "project") and not value:
            form.done.add(step)
            continue
        problem = await _apply(update, context, form, step, value)
        if problem is not None:
            problems.append(problem)
    return problems


async def _apply(
    update: Update, context: ParkContext, form: MeetForm, step: str, value: str
) -> str | None:
    """Check one typed answer and put it in the draft; the problem text if it is refused."""
    tr = context.tr
    draft = form.draft
    if step == "title":
        cleaned = clean_text(value, TITLE_MAX)
        if cleaned is None:
            return tr.t("A title needs 1 to {limit} characters.", limit=TITLE_MAX)
        draft.title = cleaned
    elif step == "when":
        reading = read_when(value, draft.zone, context.clock.now()) if value else None
        if reading is None:
            return tr.t(
                "I could not read “{text}” as a time still ahead. Try for example: {examples}",
                text=html.escape(value),
                examples=html.escape(EXAMPLES),
            )
        draft.starts_at = reading.instant
        draft.zone = reading.zone
    elif step == "duration":
        minutes = parse_duration(value)
        if minutes is None:
            return tr.t(
                "A duration is minutes from {low} to {high}, for example 90 or 1h30.",
                low=DURATION_MIN,
                high=DURATION_MAX,
            )
        draft.duration = minutes
    elif step == "delegations":
        found, unknown = await resolve_names(context.db, value)
        if unknown or not found:
            return tr.t(
                "I know no delegation called “{names}”. /delegations lists them all.",
                names=html.escape(", ".join(unknown) or value),
            )
        if len(found) > MAX_DELEGATIONS:
            return tr.t("At most {count} delegations can meet at once.", count=MAX_DELEGATIONS)
        if not await may_schedule(update, context, found):
            return _refuse_text(tr)
        draft.delegation_ids = [d.id for d in found]
    elif step == "place":
        cleaned = clean_text(value, PLACE_MAX)
        if cleaned is None:
            return tr.t("A place needs up to {limit} characters.", limit=PLACE_MAX)
        draft.place = cleaned
    elif step == "agenda":
        cleaned = clean_text(value, AGENDA_MAX)
        if cleaned is None:
            return tr.t("An agenda needs up to {limit} characters.", limit=AGENDA_MAX)
        draft.agenda = cleaned
    elif step == "project":
        project_id = as_id(value.strip().removeprefix("#"))
        if project_id is None:
            return tr.t("Type the project's number, for example 12, or press Skip.")
        title = await repositories(context.db).meetings.project_title(project_id)
        if title is None:
            return tr.t(
                "There is no project #{id}. /projects lists them; type another number or "
                "press Skip.",
                id=project_id,
            )
        draft.project_id = project_id
        form.project_title = title
    form.done.add(step)
    return None


async def typed_answer(update: Update, context: ParkContext) -> int:
    """A typed answer to the current step; a refused one is explained and asked again."""
    form = await find_form(update, context, FORM, MeetForm)
    message = update.effective_message
    if form is None or message is None or message.text is None:
        return ConversationHandler.END
    require_reply_to(update, form.question_message)
    if form.step is None:
        await _ask(update, context, form, context.tr.t("Press Save or Cancel above."), None)
        return CONFIRM
    step = form.step
    problem = await _apply(update, context, form, step, message.text)
    if problem is not None:
        await _ask(update, context, form, problem, await _keyboard(context, form, step))
        return STATES[step]
    lead = ""
    if step == "when" and form.draft.starts_at is not None:
        lead = context.tr.t(
            "I read it as: {time}",
            time=time_line(context.tr, form.draft.starts_at, [], form.draft.zone),
        )
    return await _question(update, context, form, lead)


async def _summary(update: Update, context: ParkContext, form: MeetForm, lead: str) -> int:
    """Show the reading in every participating zone, any conflicts, and Save / Cancel."""
    tr = context.tr
    draft = form.draft
    assert draft.starts_at is not None
    found = await participants(context.db, draft.delegation_ids)
    lines = [lead] if lead else []
    lines += [
        tr.t("<b>Please check the meeting before it is saved</b>"),
        f"📅 <b>{html.escape(draft.title)}</b>",
        "🕒 " + time_line(tr, draft.starts_at, places(found), draft.zone),
        "⏱ " + duration_text(tr, draft.duration),
        "👥 " + ", ".join(html.escape(d.name) for d in found),
    ]
    if draft.place:
        lines.append("📍 " + html.escape(draft.place))
    if draft.agenda:
        lines.append("📝 " + html.escape(draft.agenda))
    if draft.project_id is not None:
        lines.append(f"🧩 #{draft.project_id} {html.escape(form.project_title)}".rstrip())
    ends = draft.starts_at + timedelta(minutes=draft.duration)
    clashes = await repositories(context.db).meetings.overlapping(
        draft.delegation_ids, draft.starts_at, ends
    )
    if clashes:
        lines.append("")
        lines.append("⚠️ " + tr.t("It overlaps other meetings of these delegations:"))
        lines += [list_line(tr, m.id, m.title, m.starts_at, draft.zone) for m in clashes]
        lines.append(tr.t("Save anyway?"))
    homeless = [d.name for d in found if d.home_chat_id is None]
    if homeless:
        lines.append(
            tr.t(
                "No home chat, so no card or reminders for: {names} (/linkchat NAME in their "
                "group fixes that).",
                names=html.escape(", ".join(homeless)),
            )
        )
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("✅ " + tr.t("Save"), callback_data=pack(KIND, "save")),
                InlineKeyboardButton("✖️ " + tr.t("Cancel"), callback_data=pack(KIND, "drop")),
            ]
        ]
    )
    form.step = None
    await _ask(update, context, form, "\n".join(lines), markup)
    return CONFIRM


async def pressed(update: Update, context: ParkContext) -> int | None:
    """Buttons of the dialogue: duration, delegations, skip, save, cancel."""
    query = update.callback_query
    assert query is not None
    tr = context.tr
    form = await find_form(update, context, FORM, MeetForm)
    parsed = unpack(query.data, KIND, 1) or unpack(query.data, KIND, 2)
    pressed_on = query.message.message_id if query.message is not None else None
    if form is None or parsed is None or pressed_on != form.keyboard_message:
        # Another person's dialogue, or a button of an earlier question (a double tap).
        await query.answer(tr.t("This button is no longer valid."), show_alert=True)
        return None
    action, *rest = parsed.args
    step = form.step
    number = as_id(rest[0]) if rest else None
    if (
        action == "dur"
        and step == "duration"
        and number is not None
        and DURATION_MIN <= number <= DURATION_MAX
    ):
        await query.answer()
        form.draft.duration = number
        form.done.add("duration")
        return await _question(update, context, form)
    if action == "dl" and step == "delegations" and number is not None:
        delegation = await repositories(context.db).delegations.by_id(number)
        if delegation is not None:
            await query.answer()
            chosen = form.draft.delegation_ids
            if delegation.id in chosen:
                chosen.remove(delegation.id)
            elif len(chosen) < MAX_DELEGATIONS:
                chosen.append(delegation.id)
            await edit_buttons_quietly(query, await _keyboard(context, form, "delegations"))
            return None
    if action == "dldone" and step == "delegations":
        found = await participants(context.db, form.draft.delegation_ids)
        if not found:
            await query.answer(tr.t("Choose at least one delegation."), show_alert=True)
            return None
        if not await may_schedule(update, context, found):
            await query.answer(_refuse_text(tr), show_alert=True)
            return None
        await query.answer()
        form.done.add("delegations")
        return await _question(update, context, form)
    if action == "skip" and step in ("place", "agenda", "project"):
        await query.answer()
        form.done.add(step)
        return await _question(update, context, form)
    if action == "save" and step is None and _next_step(form) is None:
        return await _save(update, context, form)
    if action == "drop" and step is None:
        await query.answer()
        drop_form(context, FORM, form.owner)
        drop_form(context, FORM, owner_id(update))
        await reply(update, context, tr.t(CANCELLED))
        return ConversationHandler.END
    await query.answer(tr.t("This button is no longer valid."), show_alert=True)
    return None


async def _save(update: Update, context: ParkContext, form: MeetForm) -> int:
    """Re-check time and rights, store meeting and reminders at once, then post the cards."""
    query = update.callback_query
    assert query is not None
    tr = context.tr
    draft = form.draft
    now = context.clock.now()
    found = await participants(context.db, draft.delegation_ids)
    if not found or not await may_schedule(update, context, found):
        await query.answer(_refuse_text(tr), show_alert=True)
        return CONFIRM
    if draft.starts_at is None or draft.starts_at <= now:
        await query.answer()
        form.done.discard("when")
        lead = tr.t("That time has passed meanwhile. Nothing was saved yet.")
        return await _question(update, context, form, lead)
    await query.answer(tr.t("Saved."))
    user = update.effective_user
    chat = update.effective_chat
    assert user is not None and chat is not None
    form.keyboard_message = None  # Save pressed twice saves once
    targets = [c for c in home_chats(found) if await _active(context, c)]
    async with context.db.write() as tx:
        meeting_id = await repositories(tx).meetings.create(draft, user.id, chat.id, now)
        for chat_id in targets:
            await repositories(tx).reminders.plan_chat(meeting_id, chat_id, draft.starts_at, now)
    drop_form(context, FORM, form.owner)
    await meeting_reminders.arm(context.application)
    meeting = await repositories(context.db).meetings.get(meeting_id)
    assert meeting is not None

    def header(reader: Tr) -> str:
        return "🆕 " + reader.t("New meeting")

    posted = await post_cards(context, meeting, targets, header)
    await _report(update, context, meeting_id, posted, found)
    if chat.id not in posted:
        await show_card(context, update, meeting)
    return ConversationHandler.END


async def _active(context: ParkContext, chat_id: int) -> bool:
    record = await repositories(context.db).chats.get_chat(chat_id)
    return record is not None and record.active


async def _report(
    update: Update,
    context: ParkContext,
    meeting_id: int,
    posted: list[int],
    found: list[Delegation],
) -> None:
    tr = context.tr
    titles = []
    for chat_id in posted:
        record = await repositories(context.db).chats.get_chat(chat_id)
        titles.append(html.escape(record.title if record and record.title else str(chat_id)))
    lines = [tr.t("Saved: meeting #{id}.", id=meeting_id)]
    if titles:
        lines.append(tr.t("The card went to: {chats}.", chats=", ".join(titles)))
    homeless = [d.name for d in found if d.home_chat_id is None]
    if homeless:
        lines.append(
            tr.t(
                "Not told, no home chat: {names}. /linkchat NAME in their group fixes that.",
                names=html.escape(", ".join(homeless)),
            )
        )
    lines.append(tr.t("Calendar file: /ics {id}", id=meeting_id))
    await reply(update, context, "\n".join(lines))


async def slot_pressed(update: Update, context: ParkContext) -> int | None:
    """A /slots button: start /meet with the time, length and delegations filled in."""
    query = update.callback_query
    assert query is not None
    tr = context.tr
    parsed = unpack(query.data, SLOT_KIND, 3)
    invalid = tr.t("This button is no longer valid.")
    if parsed is None:
        await query.answer(invalid, show_alert=True)
        return None
    minute, length, ids = parsed.args
    starts = minute_instant(minute, context.clock.now())
    duration = as_id(length)
    wanted = [as_id(i) for i in ids.split(".")]
    chosen = [i for i in wanted if i is not None]
    found = await participants(context.db, chosen)
    if (
        starts is None
        or duration is None
        or not DURATION_MIN <= duration <= DURATION_MAX
        or not found
        or len(chosen) != len(wanted)
        or len(found) != len(chosen)
        or len(found) > MAX_DELEGATIONS
    ):
        await query.answer(invalid, show_alert=True)
        return None
    owner = owner_id(update)
    running = await find_form(update, context, FORM, MeetForm)
    if running is not None or open_dialogue(context, owner, FORM):
        await query.answer(
            tr.t(
                "You are in the middle of another dialogue here: answer its question, or send "
                "/cancel to drop it first."
            ),
            show_alert=True,
        )
        return None
    if not await may_schedule(update, context, found):
        await query.answer(_refuse_text(tr), show_alert=True)
        return None
    await query.answer()
    draft = MeetingDraft(
        starts_at=starts,
        zone=await reading_zone(update, context),
        duration=duration,
        delegation_ids=[d.id for d in found],
    )
    form = MeetForm(owner=owner, draft=draft, done={"when", "duration", "delegations"})
    store_form(context, FORM, owner, form)
    lead = tr.t(
        "Scheduling at {time}. /cancel stops; nothing is saved.",
        time=time_line(tr, starts, places(found), draft.zone),
    )
    return await _question(update, context, form, lead)


def conversation() -> Dialogue:
    """The meeting dialogue (anonymous admins' presses included); the draft lives in chat_data.

    A /slots button starts it too; pressed while it runs, that button is refused.
    """
    return build_dialogue(
        "meet",
        form=FORM,
        start=start,
        typed_answer=typed_answer,
        pressed=pressed,
        button_kind=KIND,
        cancelled=CANCELLED,
        abandoned=N_("The meeting dialogue waited too long and was closed. Nothing was saved."),
        states=(*STATES.values(), CONFIRM),
        timeout_seconds=TIMEOUT_SECONDS,
        extra_entry_points=[CallbackQueryHandler(slot_pressed, pattern=rf"^{SLOT_KIND}:")],
    )


def slot_data(starts: datetime, duration: int, delegation_ids: list[int]) -> str | None:
    """Callback data of a /slots button, or None when it would not fit in 64 bytes."""
    minute = int(starts.timestamp()) // 60
    try:
        return pack(SLOT_KIND, str(minute), str(duration), ".".join(map(str, delegation_ids)))
    except ValueError:
        return None
