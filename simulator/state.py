"""The simulated Telegram world: who is where, what was said, which updates are queued."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable
from typing import Any

from simulator.flood import FloodLimiter
from simulator.html_check import utf16_len
from simulator.models import (
    ANONYMOUS_ADMIN_ID,
    CHANNEL_BOT_ID,
    MEMBER_STATUSES,
    NOT_DEFAULT_UPDATES,
    ApiCall,
    CallbackRecord,
    JSONDict,
    SimChat,
    SimDocument,
    SimMessage,
    SimulatorError,
    SimUser,
    UploadedFile,
)

__all__ = [
    "ANONYMOUS_ADMIN_ID",
    "MEMBER_STATUSES",
    "ApiCall",
    "CallbackRecord",
    "JSONDict",
    "SimChat",
    "SimDocument",
    "SimMessage",
    "SimUser",
    "SimWorld",
    "SimulatorError",
    "UploadedFile",
]


def _chat_id(chat: SimChat | int) -> int:
    """Accept a SimChat or a bare id everywhere."""
    return chat.id if isinstance(chat, SimChat) else int(chat)


class SimWorld:
    """Everything Telegram would know, driven synchronously by tests and the console."""

    def __init__(
        self,
        *,
        bot_username: str = "parkbridge_bot",
        bot_id: int = 7000000001,
        bot_first_name: str = "ParkBridge",
        can_read_all_group_messages: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.bot_user = SimUser(id=bot_id, first_name=bot_first_name, is_bot=True)
        self.bot_user.username = bot_username
        self.can_read_all_group_messages = can_read_all_group_messages
        self.clock = clock
        self.users: dict[int, SimUser] = {bot_id: self.bot_user}
        self.chats: dict[int, SimChat] = {}
        self.messages: dict[tuple[int, int], SimMessage] = {}
        self.files: dict[str, SimDocument] = {}
        self.callback_queries: dict[str, CallbackRecord] = {}
        self.commands: dict[tuple[str, str], list[JSONDict]] = {}
        self.bot_profile: dict[str, str] = {"name": bot_first_name}
        self.calls: list[ApiCall] = []
        self.tokens_seen: set[str] = set()
        self.webhook_url = ""
        # Real Telegram keeps a bare "&" literally; strict mode refuses it to catch escaping bugs.
        self.strict_html = True
        self.allowed_updates: list[str] | None = None
        self.flood = FloodLimiter(clock=clock)
        self._flood_control = False
        self.updates: list[JSONDict] = []
        self._delivered_upto = 0
        self._update_ids = itertools.count(1)
        self._user_ids = itertools.count(100001)
        self._group_ids = itertools.count(100000001)
        self._supergroup_ids = itertools.count(1000000001)
        self._file_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._bot_sent: list[SimMessage] = []
        self._read_cursor: dict[int | None, int] = {}
        self._call_mark = 0
        self.anonymous_admin = SimUser(
            id=ANONYMOUS_ADMIN_ID, first_name="Group", is_bot=True, username="GroupAnonymousBot"
        )
        self.channel_bot = SimUser(
            id=CHANNEL_BOT_ID, first_name="Channel", is_bot=True, username="Channel_Bot"
        )
        self.users[ANONYMOUS_ADMIN_ID] = self.anonymous_admin
        self.users[CHANNEL_BOT_ID] = self.channel_bot

    # ----------------------------------------------------------------- hooks
    def _notify(self) -> None:
        """Called whenever updates or calls change; the server wakes waiters here."""

    # ----------------------------------------------------------------- flood
    @property
    def flood_control(self) -> bool:
        """When True, sending/editing methods answer 429 past Telegram-like limits."""
        return self._flood_control

    @flood_control.setter
    def flood_control(self, value: bool) -> None:
        if value and not self._flood_control:
            self.flood.reset()
        self._flood_control = value

    # ----------------------------------------------------------------- people & chats
    def add_user(
        self,
        first_name: str,
        *,
        language_code: str | None = None,
        username: str | None = None,
        user_id: int | None = None,
        is_bot: bool = False,
        last_name: str | None = None,
    ) -> SimUser:
        """Create a Telegram account; ids auto-increment from 100001."""
        uid = user_id if user_id is not None else next(self._user_ids)
        while user_id is None and uid in self.users:
            uid = next(self._user_ids)
        user = SimUser(
            id=uid,
            first_name=first_name,
            is_bot=is_bot,
            username=username,
            language_code=language_code,
            last_name=last_name,
        )
        self.users[uid] = user
        return user

    def user(self, user: SimUser | int) -> SimUser:
        """Look a user up by object or id."""
        uid = user.id if isinstance(user, SimUser) else int(user)
        if uid not in self.users:
            raise SimulatorError(f"unknown user {uid}")
        return self.users[uid]

    def chat(self, chat: SimChat | int) -> SimChat:
        """Look a chat up by object or id."""
        cid = _chat_id(chat)
        if cid not in self.chats:
            raise SimulatorError(f"unknown chat {cid}")
        return self.chats[cid]

    def private_chat(self, user: SimUser | int) -> SimChat:
        """The user's private chat with the bot (its id is the user's id)."""
        account = self.user(user)
        if account.id not in self.chats:
            self.chats[account.id] = SimChat(
                id=account.id,
                type="private",
                user=account,
                members={account.id: "member", self.bot_user.id: "member"},
            )
        return self.chats[account.id]

    def add_group(
        self,
        title: str,
        *,
        supergroup: bool = False,
        forum: bool = False,
        members: Iterable[SimUser] = (),
        announce: bool = False,
        by: SimUser | None = None,
    ) -> SimChat:
        """Create a group (or supergroup/forum) that already contains the bot."""
        if supergroup or forum:
            cid, kind = -(1000000000000 + next(self._supergroup_ids)), "supergroup"
        else:
            cid, kind = -next(self._group_ids), "group"
        chat = SimChat(id=cid, type=kind, title=title, is_forum=forum)
        for member in members:
            chat.members[member.id] = "member"
        self.chats[cid] = chat
        if announce:
            chat.members[self.bot_user.id] = "left"
            self.set_bot_status(chat, "member", by)
        else:
            chat.members[self.bot_user.id] = "member"
        return chat

    def set_admin(
        self, chat: SimChat | int, user: SimUser | int, status: str = "administrator"
    ) -> None:
        """Change a member's status (creator, administrator, member, left, kicked)."""
        if status not in (*MEMBER_STATUSES, "left", "kicked"):
            raise SimulatorError(f"unsupported status {status!r}")
        self.chat(chat).members[self.user(user).id] = status

    def member_json(self, chat: SimChat, user: SimUser) -> JSONDict:
        """Bot API ``ChatMember`` object with every field PTB requires for the status."""
        status = "member" if chat.type == "private" else chat.members.get(user.id, "left")
        data: JSONDict = {"status": status, "user": user.to_api()}
        if status == "creator":
            data["is_anonymous"] = False
        elif status == "administrator":
            data.update(
                {
                    "can_be_edited": False,
                    "is_anonymous": False,
                    "can_manage_chat": True,
                    "can_delete_messages": True,
                    "can_manage_video_chats": True,
                    "can_restrict_members": True,
                    "can_promote_members": False,
                    "can_change_info": True,
                    "can_invite_users": True,
                    "can_post_stories": True,
                    "can_edit_stories": True,
                    "can_delete_stories": True,
                    "can_pin_messages": True,
                }
            )
            if chat.type == "supergroup":
                data["can_manage_topics"] = True
        elif status == "kicked":
            data["until_date"] = 0
        return data

    def _actor(self, chat: SimChat, by: SimUser | None) -> SimUser:
        """Who performed an admin action when the test didn't say: creator, admin, anyone."""
        if by is not None:
            return by
        for wanted in ("creator", "administrator", "member"):
            for uid, status in chat.members.items():
                if status == wanted and uid != self.bot_user.id and uid in self.users:
                    return self.users[uid]
        return self.anonymous_admin

    def set_bot_status(self, chat: SimChat, status: str, by: SimUser | None) -> None:
        """Change the bot's membership and queue the matching my_chat_member update."""
        old = self.member_json(chat, self.bot_user)
        chat.members[self.bot_user.id] = status
        new = self.member_json(chat, self.bot_user)
        if chat.type == "private":
            old["status"] = "kicked" if status == "member" else "member"
            new["status"] = status
            if status == "kicked":
                new["until_date"] = 0
            else:
                old["until_date"] = 0
        self._queue(
            "my_chat_member",
            {
                "chat": chat.to_api(),
                "from": self._actor(chat, by).to_api(),
                "date": int(time.time()),
                "old_chat_member": old,
                "new_chat_member": new,
            },
        )

    def kick_bot(self, chat: SimChat | int, *, by: SimUser | None = None) -> None:
        """Remove the bot from a group (or block it in a private chat)."""
        target = self.chat(chat)
        if target.type == "private":
            self.block_bot(target.id)
            return
        target.bot_kicked = True
        self.set_bot_status(target, "kicked" if target.type == "supergroup" else "left", by)

    def block_bot(self, user: SimUser | int) -> None:
        """The user blocks the bot: sends to their private chat now fail with 403."""
        chat = self.private_chat(user)
        chat.blocked = True
        self.set_bot_status(chat, "kicked", chat.user)

    def unblock_bot(self, user: SimUser | int) -> None:
        """The user unblocks (restarts) the bot."""
        chat = self.private_chat(user)
        chat.blocked = False
        self.set_bot_status(chat, "member", chat.user)

    def add_bot_back(self, chat: SimChat | int, *, by: SimUser | None = None) -> None:
        """Re-add the bot to a group it was removed from."""
        target = self.chat(chat)
        target.bot_kicked = False
        self.set_bot_status(target, "member", by)

    def migrate_group(self, chat: SimChat | int, *, by: SimUser | None = None) -> int:
        """Upgrade a basic group to a supergroup; returns the new chat id."""
        old = self.chat(chat)
        if old.type != "group" or old.migrated_to is not None:
            raise SimulatorError(f"chat {old.id} is not a basic group")
        new = SimChat(
            id=-(1000000000000 + next(self._supergroup_ids)),
            type="supergroup",
            title=old.title,
            members=dict(old.members),
            migrated_from=old.id,
        )
        self.chats[new.id] = new
        actor = self._actor(old, by)
        old.migrated_to = new.id
        self._service(old, actor, {"migrate_to_chat_id": new.id})
        self._service(new, self.anonymous_admin, {"migrate_from_chat_id": old.id}, sender=new)
        return new.id

    def add_topic(self, chat: SimChat | int, name: str, *, by: SimUser | None = None) -> int:
        """Create a forum topic; returns its message_thread_id."""
        target = self.chat(chat)
        if not target.is_forum:
            raise SimulatorError(f"chat {target.id} is not a forum")
        msg = self._service(
            target,
            self._actor(target, by),
            {"forum_topic_created": {"name": name, "icon_color": 0}},
        )
        msg.thread_id = msg.message_id
        return msg.message_id

    def _service(
        self, chat: SimChat, actor: SimUser, extra: JSONDict, sender: SimChat | None = None
    ) -> SimMessage:
        """Queue a service message (always delivered, even in privacy mode)."""
        msg = self.new_message(chat, from_bot=False, sender=actor)
        msg.extra = extra
        msg.sender_chat = sender
        self._queue("message", self.message_json(msg))
        return msg

    # ----------------------------------------------------------------- messages
    def new_message(self, chat: SimChat, *, from_bot: bool, sender: SimUser | None) -> SimMessage:
        """Allocate the next message id in the chat (users and bot share the counter)."""
        msg = SimMessage(
            chat_id=chat.id,
            message_id=chat.next_message_id,
            date=int(time.time()),
            from_bot=from_bot,
            sender=self.bot_user if from_bot else sender,
        )
        chat.next_message_id += 1
        self.messages[(chat.id, msg.message_id)] = msg
        if from_bot:
            self._bot_sent.append(msg)
        return msg

    def message_json(self, msg: SimMessage, *, nested: bool = True) -> JSONDict:
        """Bot API ``Message`` object for the current state of ``msg``."""
        chat = self.chats[msg.chat_id]
        data: JSONDict = {"message_id": msg.message_id, "date": msg.date, "chat": chat.to_api()}
        if msg.sender is not None:
            data["from"] = msg.sender.to_api()
        if msg.sender_chat is not None:
            data["sender_chat"] = msg.sender_chat.to_api()
        if msg.thread_id is not None and chat.is_forum:
            data["message_thread_id"] = msg.thread_id
            if "forum_topic_created" not in msg.extra:
                data["is_topic_message"] = True
        if msg.reply_to is not None and nested:
            replied = self.messages.get((msg.chat_id, msg.reply_to))
            if replied is not None and not replied.deleted:
                data["reply_to_message"] = self.message_json(replied, nested=False)
        if msg.document is not None:
            data["document"] = msg.document.to_api()
            if msg.plain:
                data["caption"] = msg.plain
                if msg.entities:
                    data["caption_entities"] = msg.entities
        elif msg.plain or not msg.extra:
            data["text"] = msg.plain
            if msg.entities:
                data["entities"] = msg.entities
        if msg.reply_markup and "inline_keyboard" in msg.reply_markup:
            data["reply_markup"] = msg.reply_markup
        if msg.edit_date is not None:
            data["edit_date"] = msg.edit_date
        data.update(msg.extra)
        return data

    def message(self, chat_id: SimChat | int, message_id: int) -> SimMessage:
        """Look a message up (deleted ones included, see ``.deleted``)."""
        key = (_chat_id(chat_id), message_id)
        if key not in self.messages:
            raise KeyError(f"no message {message_id} in chat {key[0]}")
        return self.messages[key]

    def bot_messages(self, chat: SimChat | int | None = None) -> list[SimMessage]:
        """Messages the bot has sent and not deleted, oldest first."""
        cid = None if chat is None else _chat_id(chat)
        return [m for m in self._bot_sent if not m.deleted and (cid is None or m.chat_id == cid)]

    def _bot_sees(self, chat: SimChat, text: str, reply_to: SimMessage | None) -> bool:
        """Privacy mode: in groups a non-admin bot only gets commands, replies and mentions."""
        if chat.type == "private":
            return True
        if chat.members.get(self.bot_user.id) not in MEMBER_STATUSES:
            return False
        if self.can_read_all_group_messages or chat.members[self.bot_user.id] != "member":
            return True
        if reply_to is not None and reply_to.from_bot:
            return True
        name = (self.bot_user.username or "").lower()
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            return "@" not in command or command.split("@", 1)[1].lower() == name
        return f"@{name}" in text.lower()

    def _mark(self, chat: SimChat) -> None:
        """New interaction: older bot output no longer counts as 'next' for this chat."""
        self._call_mark = len(self.calls)
        self._read_cursor[chat.id] = len(self.bot_messages_all(chat.id))
        self._read_cursor[None] = len(self._bot_sent)

    def bot_messages_all(self, chat_id: int | None) -> list[SimMessage]:
        """Every message the bot sent (deleted ones too), oldest first."""
        return [m for m in self._bot_sent if chat_id is None or m.chat_id == chat_id]

    def post(
        self,
        chat: SimChat | int,
        user: SimUser | int | None,
        text: str,
        *,
        reply_to: int | None = None,
        thread_id: int | None = None,
        sender_chat: SimChat | None = None,
        caption_media: tuple[str, bytes] | UploadedFile | None = None,
    ) -> JSONDict:
        """A user writes in a chat; queues a ``message`` update (unless privacy mode hides it).

        ``user=None`` posts as the anonymous admin (private chat: as the chat's user).
        ``caption_media=(filename, bytes)`` posts a document with ``text`` as its caption.
        """
        target = self.chat(chat)
        if target.migrated_to is not None:
            raise SimulatorError(f"chat {target.id} was migrated to {target.migrated_to}")
        if user is None and target.type == "private":
            author = target.user
        elif user is None:
            author = self.anonymous_admin
            sender_chat = sender_chat or target
        else:
            author = self.user(user)
        if sender_chat is not None and sender_chat.id != target.id:
            author = self.channel_bot
        if (
            author is not None
            and target.is_group
            and author.id not in target.members
            and not author.is_bot
        ):
            target.members[author.id] = "member"
        replied = None
        if reply_to is not None:
            replied = self.messages.get((target.id, reply_to))
            if replied is None:
                raise SimulatorError(f"no message {reply_to} in chat {target.id}")
        msg = self.new_message(target, from_bot=False, sender=author)
        msg.text = msg.plain = text
        msg.sender_chat = sender_chat
        msg.reply_to = reply_to
        msg.thread_id = thread_id
        if thread_id is None and replied is not None:
            msg.thread_id = replied.thread_id
        msg.entities = self._command_entities(text)
        if caption_media is not None:
            upload = (
                caption_media
                if isinstance(caption_media, UploadedFile)
                else UploadedFile(filename=caption_media[0], content=caption_media[1])
            )
            msg.document = self.store_file(upload)
        self._mark(target)
        payload = self.message_json(msg)
        if self._bot_sees(target, text, replied):
            self._queue("message", payload)
        return payload

    def post_as_chat(self, chat: SimChat | int, text: str, **kwargs: Any) -> JSONDict:
        """An anonymous admin posts: from=GroupAnonymousBot, sender_chat=the chat."""
        target = self.chat(chat)
        return self.post(target, self.anonymous_admin, text, sender_chat=target, **kwargs)

    @staticmethod
    def _command_entities(text: str) -> list[JSONDict]:
        """A leading /command gets a bot_command entity, as clients produce."""
        if not text.startswith("/") or len(text) < 2 or text[1].isspace():
            return []
        command = text.split(maxsplit=1)[0]
        return [{"type": "bot_command", "offset": 0, "length": utf16_len(command)}]

    def edit(self, chat: SimChat | int, message_id: int, new_text: str) -> JSONDict:
        """A user edits their message; queues an ``edited_message`` update."""
        target = self.chat(chat)
        msg = self.message(target.id, message_id)
        if msg.from_bot:
            raise SimulatorError("users cannot edit the bot's messages")
        msg.text = msg.plain = new_text
        msg.entities = self._command_entities(new_text)
        msg.edits += 1
        msg.edit_date = int(time.time())
        self._mark(target)
        payload = self.message_json(msg)
        replied = self.messages.get((target.id, msg.reply_to)) if msg.reply_to else None
        if self._bot_sees(target, new_text, replied):
            self._queue("edited_message", payload)
        return payload

    def press(
        self,
        chat: SimChat | int,
        message_id: int,
        user: SimUser | int | None = None,
        *,
        index: int | None = None,
        data: str | None = None,
    ) -> str:
        """A user taps an inline button on a bot message; returns the callback query id."""
        target = self.chat(chat)
        msg = self.message(target.id, message_id)
        if not msg.from_bot or msg.deleted:
            raise SimulatorError(f"message {message_id} is not a live bot message")
        presser = target.user if user is None else self.user(user)
        if presser is None:
            raise SimulatorError("say who presses the button")
        if data is None:
            buttons = msg.flat_buttons
            if index is None:
                index = 0
            if not 0 <= index < len(buttons):
                raise SimulatorError(f"message {message_id} has {len(buttons)} buttons")
            if "callback_data" not in buttons[index]:
                raise SimulatorError(f"button {index} has no callback_data: {buttons[index]}")
            data = str(buttons[index]["callback_data"])
        query_id = f"{next(self._query_ids)}{abs(target.id) % 10**6:06d}"
        self.callback_queries[query_id] = CallbackRecord(
            id=query_id, chat_id=target.id, message_id=message_id, user_id=presser.id, data=data
        )
        self._mark(target)
        self._queue(
            "callback_query",
            {
                "id": query_id,
                "from": presser.to_api(),
                "chat_instance": str(abs(target.id) * 7919 % 10**12),
                "message": self.message_json(msg),
                "data": data,
            },
        )
        return query_id

    def callback_answer(self, query_id: str) -> JSONDict | None:
        """The bot's answerCallbackQuery parameters for a press, or None if unanswered."""
        record = self.callback_queries.get(query_id)
        return None if record is None else record.answer

    # ----------------------------------------------------------------- files
    def store_file(self, upload: UploadedFile) -> SimDocument:
        """Turn uploaded bytes into a Telegram file with ids."""
        n = next(self._file_ids)
        doc = SimDocument(
            filename=upload.filename,
            content=upload.content,
            mime_type=upload.mime_type,
            file_id=f"BQACAgIAAxkBAAI{n:08d}",
            file_unique_id=f"AgAD{n:06d}",
        )
        self.files[doc.file_id] = doc
        return doc

    def file_by_path(self, path: str) -> SimDocument | None:
        """Find a stored file by the file_path getFile handed out."""
        return next((d for d in self.files.values() if d.file_path == path), None)

    # ----------------------------------------------------------------- updates
    def _queue(self, kind: str, obj: JSONDict) -> None:
        """Append an update with the next update_id and wake long polls."""
        self.updates.append({"update_id": next(self._update_ids), kind: obj})
        self._notify()

    def take_updates(
        self, offset: int | None, limit: int, allowed: list[str] | None
    ) -> list[JSONDict]:
        """getUpdates semantics: confirm ids below offset, then return up to ``limit``."""
        if allowed is not None:
            self.allowed_updates = list(allowed)
        if offset is not None and offset < 0:
            self.updates = self.updates[offset:]
        elif offset:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        wanted = self.allowed_updates or None
        kept = []
        for update in self.updates:
            kind = next(k for k in update if k != "update_id")
            if (kind in wanted) if wanted else (kind not in NOT_DEFAULT_UPDATES):
                kept.append(update)
        self.updates = kept
        batch = kept[: max(1, min(limit, 100))]
        if batch:
            self._delivered_upto = max(self._delivered_upto, batch[-1]["update_id"])
        return batch

    def pending_updates(self) -> int:
        """Updates queued but not yet handed to the bot by getUpdates."""
        return sum(1 for u in self.updates if u["update_id"] > self._delivered_upto)

    def reset_calls(self) -> None:
        """Forget recorded calls (e.g. after the bot's startup chatter)."""
        self.calls.clear()
        self._call_mark = 0
