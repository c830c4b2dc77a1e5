"""`parkbridge console`: chat with the real bot through the local simulator, no Telegram needed."""

from __future__ import annotations

import asyncio
import html
import re
import sys
import threading
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from bot.app.runtime import running, settle
from bot.app.wiring import ParkApplication, build_application
from bot.common.settings import Settings
from simulator import BotApiSimulator

CONSOLE_TOKEN = "1000000001:CONSOLEconsoleCONSOLEconsole_local-only"
HELP = """Type a message or a /command as the current user. Console commands:
  :press N            press button N of the bot's last message with buttons
  :user NAME [LANG]   switch to (or create) a user, optionally with a Telegram language code
  :lang CODE          change the current user's Telegram language code (en, ru, zh-hans, fi-FI…)
  :group [TITLE]      switch to a group chat (created on first use; you are its creator)
  :private            switch to your private chat with the bot
  :admin / :member    make the current user an administrator / plain member of this group
  :help               this list
  :quit               leave
Lines starting with # are comments (printed in scripts)."""
_TAG = re.compile(r"<[^>]+>")


class Console:
    """Holds who is typing where, and prints what the bot answers."""

    def __init__(self, sim: BotApiSimulator, app: ParkApplication, out: TextIO) -> None:
        self.sim = sim
        self.app = app
        self.out = out
        self.user = sim.add_user("Anna", language_code="en")
        self.chat = sim.private_chat(self.user)
        self.groups: dict[str, Any] = {}
        self.cursor = len(sim.calls)

    def where(self) -> str:
        """Prompt prefix: chat and user."""
        title = "private" if self.chat.type == "private" else self.chat.title
        return f"[{title} · {self.user.first_name}]"

    async def handle(self, line: str) -> bool:
        """Act on one input line; False means quit."""
        line = line.strip()
        if not line:
            return True
        if line.startswith("#"):
            self.print(line)
            return True
        if line.startswith(":"):
            return await self.console_command(line[1:].split())
        self.sim.post(self.chat, self.user, line, reply_to=self.forced_reply_target())
        await self.show_replies()
        return True

    def forced_reply_target(self) -> int | None:
        """In a group, answer the bot's question to you as a reply, as privacy mode needs."""
        messages = self.sim.bot_messages(self.chat)
        if self.chat.type == "private" or not messages:
            return None
        last = messages[-1]
        if "force_reply" in (last.reply_markup or {}):
            return last.message_id
        if last.reply_to is not None:
            quoted = self.sim.message(self.chat.id, last.reply_to)
            if quoted.sender is not None and quoted.sender.id == self.user.id:
                return last.message_id
        return None

    async def console_command(self, words: list[str]) -> bool:
        """Switch user or chat, press a button, and the like."""
        name, args = (words[0].lower(), words[1:]) if words else ("help", [])
        if name in ("quit", "q", "exit"):
            return False
        if name in ("press", "p") and args and args[0].isdigit():
            await self.press(int(args[0]))
        elif name == "user" and args:
            self.switch_user(args[0], args[1] if len(args) > 1 else None)
        elif name == "lang" and args:
            self.user.language_code = args[0]
            self.print(f"({self.user.first_name}'s Telegram language is now {args[0]})")
        elif name == "group":
            self.switch_group(" ".join(args) or "Delegations")
        elif name == "private":
            self.chat = self.sim.private_chat(self.user)
            self.print("(now in the private chat)")
        elif name in ("admin", "member") and self.chat.type != "private":
            self.sim.set_admin(
                self.chat, self.user, "administrator" if name == "admin" else "member"
            )
            self.print(f"({self.user.first_name} is now {name} of {self.chat.title})")
        else:
            self.print(HELP)
        return True

    def switch_user(self, name: str, language: str | None) -> None:
        """Find a console user by first name, or create one."""
        found = next((u for u in self.sim.users.values() if u.first_name == name), None)
        self.user = found or self.sim.add_user(name, language_code=language or "en")
        if language:
            self.user.language_code = language
        if self.chat.type == "private":
            self.chat = self.sim.private_chat(self.user)
        self.print(f"(you are {self.user.first_name}, language {self.user.language_code})")

    def switch_group(self, title: str) -> None:
        """Enter a group; its first visitor becomes its creator so /settings works."""
        if title not in self.groups:
            group = self.sim.add_group(title, supergroup=True)
            self.sim.set_admin(group, self.user, "creator")
            self.groups[title] = group
        self.chat = self.groups[title]
        self.print(f"(now in the group {title})")

    async def press(self, number: int) -> None:
        """Press a button (numbered from 1) of the newest bot message with buttons here."""
        with_buttons = [m for m in self.sim.bot_messages(self.chat) if m.buttons]
        if not with_buttons:
            self.print("(no buttons here)")
            return
        message = with_buttons[-1]
        flat = [button for row in message.buttons for button in row]
        if not 1 <= number <= len(flat):
            self.print(f"(choose a button from 1 to {len(flat)})")
            return
        self.print(f"(pressed “{flat[number - 1][0]}”)")
        self.sim.press(self.chat, message.message_id, self.user, index=number - 1)
        await self.show_replies()

    async def show_replies(self) -> None:
        """Wait until the bot is quiet, then print every message, edit and notice it made."""
        await settle(self.app, lambda: len(self.sim.updates))
        calls = self.sim.calls[self.cursor :]
        self.cursor = len(self.sim.calls)
        for call in calls:
            if call.error:
                self.print(f"bot ✗ {call.method}: {call.error}")
            elif call.method in ("sendMessage", "editMessageText"):
                prefix = "bot" if call.method == "sendMessage" else "bot (edited)"
                self.print_message(prefix, str(call.params.get("text", "")), call.params)
            elif call.method == "sendDocument":
                caption = plain(str(call.params.get("caption", "")))
                self.print(f"bot 📎 document {caption}".rstrip())
            elif call.method == "answerCallbackQuery" and call.params.get("text"):
                self.print(f"bot (notice): {call.params['text']}")

    def print_message(self, prefix: str, text: str, params: dict[str, Any]) -> None:
        """Plain text, indented, with numbered buttons under it."""
        body = plain(text).replace("\n", "\n     ")
        self.print(f"{prefix}: {body}")
        buttons = list(_buttons(params.get("reply_markup")))
        if buttons:
            labels = "  ".join(f"[{i}] {label}" for i, label in enumerate(buttons, start=1))
            self.print(f"     {labels}")

    def print(self, text: str) -> None:
        """Write a line of the transcript."""
        print(text, file=self.out, flush=True)


def plain(text: str) -> str:
    """HTML as a terminal shows it."""
    return html.unescape(_TAG.sub("", text))


def _buttons(markup: Any) -> Iterable[str]:
    if not isinstance(markup, dict):
        return []
    return [button.get("text", "") for row in markup.get("inline_keyboard", []) for button in row]


async def run_console(
    settings: Settings,
    script: Path | None,
    out: TextIO | None = None,
    inp: TextIO | None = None,
) -> int:
    """Start the simulator and the real application, then read lines from a script or stdin."""
    out = out or sys.stdout
    inp = inp or sys.stdin
    sim = BotApiSimulator()
    await sim.start()
    local = replace(settings, token=CONSOLE_TOKEN, api_url=sim.api_url)
    app = build_application(local, rate_limit=False)
    try:
        async with running(app, poll_timeout=1):
            console = Console(sim, app, out)
            console.cursor = len(sim.calls)
            if script is not None:
                lines = await asyncio.to_thread(script.read_text, encoding="utf-8")
                for line in lines.splitlines():
                    if line.strip() and not line.startswith("#"):
                        console.print(f"{console.where()} > {line.strip()}")
                    if not await console.handle(line):
                        break
            else:
                console.print("parkbridge console — type /start, or :help for console commands.")
                while True:
                    typed = await _read_line_in_daemon(inp, console.where() + " > ")
                    if typed is None or not await console.handle(typed):
                        break
    finally:
        await sim.stop()
    return 0


async def _read_line_in_daemon(inp: TextIO, prompt: str) -> str | None:
    """Read in a daemon thread, so Ctrl-C while waiting for input never hangs the exit."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[str | None] = loop.create_future()

    def work() -> None:
        try:
            line = _read_line(inp, prompt)
        except BaseException:  # KeyboardInterrupt or a closed stream ends the console
            line = None
        loop.call_soon_threadsafe(_settle_future, future, line)

    threading.Thread(target=work, name="console-input", daemon=True).start()
    return await future


def _settle_future(future: asyncio.Future[str | None], line: str | None) -> None:
    if not future.done():
        future.set_result(line)


def _read_line(inp: TextIO, prompt: str) -> str | None:
    """One line from the user; None at end of input."""
    if inp is sys.stdin and sys.stdin.isatty():
        try:
            return input(prompt)
        except EOFError:
            return None
    line = inp.readline()
    return None if line == "" else line
