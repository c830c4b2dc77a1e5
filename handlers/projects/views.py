"""/project, /projects, /history and /suggest: reading projects, with the buttons one may use."""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.chats.settings import effective
from bot.common.i18n import Tr
from bot.delegations.countries import flag
from bot.delegations.interests import AREAS
from bot.projects.filters import parse_filters
from bot.projects.models import Filters, Project
from bot.projects.render import PAGE_SIZE, RECENT_EVENTS, CardView, ListRow, card, history_text
from bot.projects.render import list_page as render_list
from bot.projects.stages import REJECTED, STAGES, WITHDRAWN, allowed_moves, label, needs_coordinator
from bot.projects.suggestions import rank, reason
from handlers.common.access import in_group
from handlers.common.arguments import argument_text
from handlers.common.callbacks import as_id, pack, unpack
from handlers.common.card_translation import translated_lines
from handlers.common.replies import edit_quietly, reply
from handlers.context import ParkContext
from handlers.projects.common import (
    is_project_coordinator,
    may_withdraw,
    project_from_args,
    reader_zone,
)
from storage.unit_of_work import repositories

LIST_KIND = "pl"
HISTORY_KIND = "ph"
SUPPORT_KIND = "pu"
STAGE_KIND = "ps"
REJECT_KIND = "px"
CLOSED = frozenset({REJECTED, WITHDRAWN})
MAX_PAGE = 999_999  # pages a pager button may name; more than any list will have


def invalid(tr: Tr) -> str:
    """The polite refusal for a forged or stale button."""
    return tr.t("This button is no longer valid.")


async def stale_pressed(update: Update, context: ParkContext) -> None:
    """A dialogue's button after the dialogue ended (finished, cancelled, timed out, not yours)."""
    query = update.callback_query
    if query is not None:
        await query.answer(invalid(context.tr), show_alert=True)


async def may_support(context: ParkContext, project: Project, user_id: int | None) -> bool:
    """Members of any delegation, once per project, while it is still open."""
    if user_id is None or project.stage in CLOSED:
        return False
    if not await repositories(context.db).delegations.of_user(user_id):
        return False
    return not await repositories(context.db).projects.has_supported(project.id, user_id)


async def card_keyboard(
    update: Update, context: ParkContext, project: Project
) -> InlineKeyboardMarkup:
    """Support and History for everyone; stage moves for those allowed to make them."""
    tr = context.tr
    user = update.effective_user
    user_id = user.id if user else None
    pid = str(project.id)
    first = []
    if await may_support(context, project, user_id):
        first.append(
            InlineKeyboardButton("👍 " + tr.t("Support"), callback_data=pack(SUPPORT_KIND, pid))
        )
    first.append(
        InlineKeyboardButton("📜 " + tr.t("History"), callback_data=pack(HISTORY_KIND, pid))
    )
    rows = [first]
    moves = allowed_moves(project.stage)
    if moves and await is_project_coordinator(update, context, project):
        row = [
            InlineKeyboardButton(label(tr, target), callback_data=pack(STAGE_KIND, pid, target))
            for target in moves
            if needs_coordinator(target) and target != REJECTED
        ]
        row.append(InlineKeyboardButton(label(tr, REJECTED), callback_data=pack(REJECT_KIND, pid)))
        rows.append(row)
    if WITHDRAWN in moves and await may_withdraw(context, project, user_id):
        rows.append(
            [
                InlineKeyboardButton(
                    label(tr, WITHDRAWN), callback_data=pack(STAGE_KIND, pid, WITHDRAWN)
                )
            ]
        )
    return InlineKeyboardMarkup(rows)


async def card_text(update: Update, context: ParkContext, project: Project) -> str:
    """The card in the reader's language, with translations for this chat's languages."""
    tr = context.tr
    chat = update.effective_chat
    if chat is not None and in_group(update):
        record = await repositories(context.db).chats.get_chat(chat.id)
        languages = effective(record, context.settings).languages
    else:
        languages = (tr.language,)
    chat_id = chat.id if chat is not None else None
    view = CardView(
        project=project,
        lead=await repositories(context.db).delegations.by_id(project.lead_id),
        partners=await repositories(context.db).projects.partners(project.id),
        supporters=await repositories(context.db).projects.supporters(project.id),
        recent=await repositories(context.db).projects.events(project.id, last=RECENT_EVENTS),
        zone=await reader_zone(update, context),
        title_translations=await translated_lines(context, project.title, languages, chat_id),
        summary_translations=await translated_lines(context, project.summary, languages, chat_id),
    )
    return card(tr, view)


async def show_card(update: Update, context: ParkContext, project: Project) -> None:
    """Send the card (split if long) with this reader's buttons on its last part."""
    text = await card_text(update, context, project)
    await reply(update, context, text, await card_keyboard(update, context, project))


async def project_command(update: Update, context: ParkContext) -> None:
    """/project ID: the card."""
    found = await project_from_args(update, context, "/project ID")
    if found is not None:
        await show_card(update, context, found[0])


async def history_command(update: Update, context: ParkContext) -> None:
    """/history ID: every event, in the reader's zone."""
    found = await project_from_args(update, context, "/history ID")
    if found is not None:
        await _send_history(update, context, found[0])


async def _send_history(update: Update, context: ParkContext, project: Project) -> None:
    events = await repositories(context.db).projects.events(project.id)
    zone = await reader_zone(update, context)
    await reply(update, context, history_text(context.tr, project, events, zone))


async def history_pressed(update: Update, context: ParkContext) -> None:
    """📜 History on a card."""
    query = update.callback_query
    assert query is not None
    parsed = unpack(query.data, HISTORY_KIND, 1)
    project_id = as_id(parsed.args[0]) if parsed is not None else None
    project = (
        await repositories(context.db).projects.get(project_id) if project_id is not None else None
    )
    if project is None:
        await query.answer(invalid(context.tr), show_alert=True)
        return
    await query.answer()
    await _send_history(update, context, project)


def _pager(page: int, total: int, key: tuple[str, str, str, str]) -> InlineKeyboardMarkup | None:
    pages = -(-total // PAGE_SIZE)
    if pages <= 1:
        return None
    buttons = []
    if page > 0:
        buttons.append(
            InlineKeyboardButton("◀", callback_data=pack(LIST_KIND, str(page - 1), *key))
        )
    if page < pages - 1:
        buttons.append(
            InlineKeyboardButton("▶", callback_data=pack(LIST_KIND, str(page + 1), *key))
        )
    return InlineKeyboardMarkup([buttons])


async def _page(
    context: ParkContext, filters: Filters, page: int, filtered: bool
) -> tuple[str, int]:
    found, total = await repositories(context.db).projects.search(
        filters, page * PAGE_SIZE, PAGE_SIZE
    )
    counts = await repositories(context.db).projects.support_counts()
    rows = [
        ListRow(p, await repositories(context.db).delegations.by_id(p.lead_id), counts.get(p.id, 0))
        for p in found
    ]
    return render_list(context.tr, rows, page, total, filtered), total


def _key(filters: Filters) -> tuple[str, str, str, str]:
    """Filters as callback arguments: area, stage, delegation id, 'm' for mine; '-' for none."""
    return (
        filters.area or "-",
        filters.stage or "-",
        str(filters.delegation_id) if filters.delegation_id is not None else "-",
        "m" if filters.mine_user_id is not None else "-",
    )


async def list_command(update: Update, context: ParkContext) -> None:
    """/projects [area=… status=… delegation=… mine]: the first page."""
    tr = context.tr
    typed = parse_filters(argument_text(update))
    if typed.problems:
        areas = ", ".join(AREAS)
        stages = ", ".join(STAGES)
        await reply(
            update,
            context,
            tr.t(
                "I could not read: {words}. Filters: area=AREA ({areas}), status=STAGE "
                "({stages}), delegation=NAME, mine. Example: /projects area=biotech mine",
                words=html.escape(" ".join(typed.problems)),
                areas=areas,
                stages=stages,
            ),
        )
        return
    delegation_id = None
    if typed.delegation is not None:
        found = await repositories(context.db).delegations.by_name(typed.delegation)
        if found is None:
            await reply(
                update,
                context,
                tr.t("There is no delegation called “{name}”.", name=html.escape(typed.delegation))
                + " "
                + tr.t("/delegations lists them all."),
            )
            return
        delegation_id = found.id
    user = update.effective_user
    filters = Filters(
        typed.area, typed.stage, delegation_id, user.id if typed.mine and user else None
    )
    text, total = await _page(context, filters, 0, typed.any)
    await reply(update, context, text, _pager(0, total, _key(filters)))


async def list_pressed(update: Update, context: ParkContext) -> None:
    """◀ ▶ on a list: the asked page with the same filters ('mine' means the presser's)."""
    query = update.callback_query
    assert query is not None
    parsed = unpack(query.data, LIST_KIND, 5)
    page = as_id(parsed.args[0]) if parsed is not None else None
    filters = _filters_from(parsed.args if parsed else None, query.from_user.id)
    if parsed is None or page is None or page > MAX_PAGE or filters is None:
        await query.answer(invalid(context.tr), show_alert=True)
        return
    filtered = any(arg != "-" for arg in parsed.args[1:])
    text, total = await _page(context, filters, page, filtered)
    if page > 0 and page * PAGE_SIZE >= total:
        await query.answer(invalid(context.tr), show_alert=True)
        return
    await query.answer()
    await edit_quietly(query, text, _pager(page, total, _key(filters)))


def _filters_from(args: tuple[str, ...] | None, user_id: int) -> Filters | None:
    """The filters a pager button carries, or None for anything we could not have written."""
    if args is None:
        return None
    _, area, stage, delegation, mine = args
    if area != "-" and area not in AREAS:
        return None
    if stage != "-" and stage not in STAGES:
        return None
    delegation_id = as_id(delegation) if delegation != "-" else None
    if delegation != "-" and delegation_id is None:
        return None
    if mine not in ("-", "m"):
        return None
    return Filters(
        None if area == "-" else area,
        None if stage == "-" else stage,
        delegation_id,
        user_id if mine == "m" else None,
    )


async def suggest_command(update: Update, context: ParkContext) -> None:
    """/suggest ID: delegations not yet involved, best match first, with the reason."""
    tr = context.tr
    found = await project_from_args(update, context, "/suggest ID")
    if found is None:
        return
    project = found[0]
    partners = await repositories(context.db).projects.partners(project.id)
    involved = {project.lead_id, *(p.delegation_id for p in partners)}
    everyone, _ = await repositories(context.db).delegations.page(0, 10_000)
    candidates = [d for d, _ in everyone if d.id not in involved]
    track: dict[int, list[tuple[str, ...]]] = {}
    others = [p for p in await repositories(context.db).projects.every() if p.id != project.id]
    joined = await repositories(context.db).projects.all_partners()
    for other in others:
        if other.stage == WITHDRAWN:
            continue
        track.setdefault(other.lead_id, []).append(other.areas)
        for partner in joined.get(other.id, []):
            if partner.status == "accepted":
                track.setdefault(partner.delegation_id, []).append(other.areas)
    ranked = rank(project.areas, candidates, track)
    title = html.escape(project.title, quote=False)
    if not ranked:
        await reply(
            update,
            context,
            tr.t(
                "Every delegation already takes part in #{id} {title}.", id=project.id, title=title
            ),
        )
        return
    lines = [tr.t("<b>Possible partners for #{id} {title}</b>", id=project.id, title=title)]
    for index, suggestion in enumerate(ranked, start=1):
        delegation = suggestion.delegation
        lines.append(
            f"{index}. {flag(delegation.country)} <b>{html.escape(delegation.name)}</b> — "
            f"{reason(tr, suggestion)}"
        )
    await reply(update, context, "\n".join(lines))
