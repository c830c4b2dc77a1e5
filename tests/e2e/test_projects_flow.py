"""Joint projects end to end: propose, partners answer, stages move, history tells it all."""

from __future__ import annotations

from bot.common.i18n import Tr, translator
from bot.projects.stages import APPROVED, DISCUSSION, FUNDED, PROPOSED, label
from simulator import SimChat
from tests.e2e.conftest import BotFactory
from tests.e2e.project_support import SPECS, STANDARD, World, build_world, propose

TITLE = "Lunar regolith 3D printing"


def readers(world: World, home: SimChat) -> list[Tr]:
    """The languages a delegation's home chat reads its notices in (each one is posted)."""
    name = next(name for name, chat in world.homes.items() if chat.id == home.id)
    return [translator(code) for code in SPECS[name][5]]


def moved(tr: Tr, old: str, new: str) -> str:
    return tr.t(
        "Project #{id} “{title}” moved from {old} to {new} ({person}).",
        id=1,
        title=TITLE,
        old=label(tr, old),
        new=label(tr, new),
        person="Cora",
    )


async def test_propose_accept_approve_fund_and_the_history(start_bot: BotFactory) -> None:
    world = await build_world(start_bot)
    bot = world.bot
    seen = await propose(world, "li", STANDARD)
    text = "\n".join(m.plain for m in seen)
    assert "Lead: Z-Park." in text  # Li belongs to one delegation: no question about the lead
    assert "Project #1 is proposed." in text
    assert "Invitations went to: Polytech, Savonlinna." in text
    assert world.rows(
        "SELECT title, stage, lead_id, amount_minor, currency, target_date, areas FROM projects"
    ) == [
        (
            "Lunar regolith 3D printing",
            "proposed",
            world.ids["Z-Park"],
            25000050,
            "EUR",
            "2027-06-30",
            "space",
        )
    ]
    card = seen[-1]
    assert "Funding sought: €250,000.50" in card.plain
    assert "Target date: 30 Jun 2027" in card.plain
    assert "⏳ 🇷🇺 Polytech — invited, no answer yet" in card.plain

    polytech, savonlinna, zpark = (world.homes[n] for n in ("Polytech", "Savonlinna", "Z-Park"))
    [invitation] = await bot.new_messages(polytech)
    for tr in readers(world, polytech):
        invites = tr.t(
            "{lead} invites {partner} to join project #{id}.",
            lead="🇨🇳 Z-Park",
            partner="Polytech",
            id=1,
        )
        assert invites in invitation.plain, tr.language
    ru = translator("ru")  # buttons in the chat's first language
    assert [b["text"] for b in invitation.flat_buttons] == [
        "✅ " + ru.t("Accept"),
        "❌ " + ru.t("Decline"),
    ]
    [notice] = await bot.new_messages(zpark)
    for tr in readers(world, zpark):
        proposed = tr.t(
            "{person} proposed project #{id} “{title}”. Card: /project {id}",
            person="Li",
            id=1,
            title=TITLE,
        )
        assert proposed in notice.plain, tr.language

    # Only Polytech's heads (or coordinators) answer for Polytech.
    for outsider in ("ivan", "otto", "mikko"):
        answer = await bot.press(polytech, invitation, world.people[outsider], index=0)
        assert answer is not None and answer["show_alert"]
        assert answer["text"] == "Only heads of Polytech and coordinators can answer for it."
    assert world.rows("SELECT status FROM project_partners ORDER BY rowid") == [
        ("invited",),
        ("invited",),
    ]
    assert not (await bot.press(polytech, invitation, world.people["olga"], index=0) or {}).get(
        "show_alert"
    )
    # The card shows the answer in the language of the one who pressed (Olga reads English).
    accepted = translator("en").t(
        "✅ {partner} accepted project #{id} “{title}” ({person}).",
        partner="Polytech",
        id=1,
        title=TITLE,
        person="Olga",
    )
    assert accepted in bot.sim.message(polytech.id, invitation.message_id).plain
    [savo_invitation] = await bot.new_messages(savonlinna)
    accept = savo_invitation.flat_buttons[0]["callback_data"]
    await bot.press(savonlinna, savo_invitation, world.people["mikko"], data=accept)
    again = await bot.press(savonlinna, savo_invitation, world.people["mikko"], data=accept)
    assert again is not None and again["show_alert"]  # answered once only
    assert world.rows("SELECT status, answered_by FROM project_partners ORDER BY rowid") == [
        ("accepted", world.people["olga"].id),
        ("accepted", world.people["mikko"].id),
    ]
    answers = "\n".join(m.plain for m in await bot.new_messages(zpark))
    for tr in readers(world, zpark):
        for partner, person in (("Polytech", "Olga"), ("Savonlinna", "Mikko")):
            expected = tr.t(
                "✅ {partner} accepted project #{id} “{title}” ({person}).",
                partner=partner,
                id=1,
                title=TITLE,
                person=person,
            )
            assert expected in answers, (tr.language, partner)

    # The coordinator moves it on: by command, then with the card's buttons.
    en = translator("en")  # Cora reads English in her private chat
    assert moved(en, PROPOSED, DISCUSSION) in await world.text("cora", "/stage 1 discussion")
    [card, *_] = [m for m in await world.say("cora", "/project 1") if m.flat_buttons]
    labels = [b["text"] for b in card.flat_buttons]
    assert label(en, APPROVED) in labels and "⛔ " + en.t("Rejected") in labels
    assert "↩️ " + en.t("Withdrawn") not in labels
    await bot.press_button(world.private("cora"), world.people["cora"], label(en, APPROVED))
    assert moved(en, APPROVED, FUNDED) in await world.text("cora", "/stage 1 funded")
    assert world.rows("SELECT stage FROM projects") == [("funded",)]
    for home in (polytech, savonlinna, zpark):
        notices = "\n".join(m.plain for m in await bot.new_messages(home))
        for tr in readers(world, home):
            assert moved(tr, APPROVED, FUNDED) in notices, (home.title, tr.language)

    history = await world.text("olga", "/history 1")
    expected = [
        "Li: proposed the project",
        "Li: invited Polytech",
        "Li: invited Savonlinna",
        "Olga: accepted for Polytech",
        "Mikko: accepted for Savonlinna",
        "Cora: moved it from 🆕 Proposed to 💬 Under discussion",
        "Cora: moved it from 💬 Under discussion to ✅ Approved",
        "Cora: moved it from ✅ Approved to 💰 Funded",
    ]
    positions = [history.find(step) for step in expected]
    assert -1 not in positions, history
    assert positions == sorted(positions)
    assert "25 Nov 2026, 12:00" in history  # Olga reads in Polytech's zone (Moscow, UTC+3)
    assert world.rows("SELECT action, actor_id FROM project_events ORDER BY id") == [
        ("proposed", world.people["li"].id),
        ("invited", world.people["li"].id),
        ("invited", world.people["li"].id),
        ("accepted", world.people["olga"].id),
        ("accepted", world.people["mikko"].id),
        ("stage", world.people["cora"].id),
        ("stage", world.people["cora"].id),
        ("stage", world.people["cora"].id),
    ]
