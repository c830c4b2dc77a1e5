"""Plain data for the simulated world: users, chats, files, messages, recorded calls."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JSONDict = dict[str, Any]
ANONYMOUS_ADMIN_ID = 1087968824
CHANNEL_BOT_ID = 136817688
MEMBER_STATUSES = ("creator", "administrator", "member")
# Telegram's default subscription: everything except these three.
NOT_DEFAULT_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class SimulatorError(ValueError):
    """A test drove the simulator into something Telegram would not allow."""


@dataclass
class SimUser:
    """A Telegram account (human or bot)."""

    id: int
    first_name: str
    is_bot: bool = False
    username: str | None = None
    language_code: str | None = None
    last_name: str | None = None

    def to_api(self) -> JSONDict:
        """Bot API ``User`` object."""
        data: JSONDict = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


@dataclass
class SimChat:
    """A private chat, group or supergroup, with member statuses keyed by user id."""

    id: int
    type: str
    title: str | None = None
    user: SimUser | None = None
    is_forum: bool = False
    members: dict[int, str] = field(default_factory=dict)
    blocked: bool = False
    bot_kicked: bool = False
    migrated_to: int | None = None
    migrated_from: int | None = None
    next_message_id: int = 1

    @property
    def is_group(self) -> bool:
        """Groups and supergroups share most rules (flood limits, privacy mode)."""
        return self.type in ("group", "supergroup")

    def to_api(self) -> JSONDict:
        """Bot API ``Chat`` object as embedded in messages."""
        data: JSONDict = {"id": self.id, "type": self.type}
        if self.user is not None:
            data.update(
                {k: v for k, v in self.user.to_api().items() if k in ("first_name", "last_name")}
            )
            if self.user.username is not None:
                data["username"] = self.user.username
        if self.title is not None:
            data["title"] = self.title
        if self.is_forum:
            data["is_forum"] = True
        return data


@dataclass
class UploadedFile:
    """A file part from a multipart request, before it becomes a Telegram file."""

    filename: str
    content: bytes
    mime_type: str = "application/octet-stream"


@dataclass
class SimDocument:
    """A stored document: what the bot uploaded or a user posted."""

    filename: str
    content: bytes
    mime_type: str
    file_id: str
    file_unique_id: str

    @property
    def file_path(self) -> str:
        """Path under /file/bot<token>/ where getFile says the bytes live."""
        return f"documents/{self.file_unique_id}_{self.filename}"

    def to_api(self) -> JSONDict:
        """Bot API ``Document`` object."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_name": self.filename,
            "mime_type": self.mime_type,
            "file_size": len(self.content),
        }


@dataclass
class SimMessage:
    """One message in a chat; ``text`` is what was sent (HTML for the bot), ``plain`` visible."""

    chat_id: int
    message_id: int
    date: int
    from_bot: bool
    text: str = ""
    plain: str = ""
    entities: list[JSONDict] = field(default_factory=list)
    parse_mode: str | None = None
    sender: SimUser | None = None
    sender_chat: SimChat | None = None
    reply_markup: JSONDict | None = None
    reply_to: int | None = None
    thread_id: int | None = None
    document: SimDocument | None = None
    edits: int = 0
    edit_date: int | None = None
    deleted: bool = False
    extra: JSONDict = field(default_factory=dict)
    options: JSONDict = field(default_factory=dict)

    @property
    def buttons(self) -> list[list[tuple[str, str | None]]]:
        """Inline keyboard rows as (text, callback_data or url)."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [
            [(b.get("text", ""), b.get("callback_data", b.get("url"))) for b in row] for row in rows
        ]

    @property
    def flat_buttons(self) -> list[JSONDict]:
        """Inline buttons in reading order, as press(index=...) counts them."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [b for row in rows for b in row]


@dataclass
class ApiCall:
    """One Bot API request the bot made, with its outcome."""

    method: str
    params: JSONDict
    at: float
    result: Any = None
    error: str | None = None
    error_code: int | None = None

    @property
    def ok(self) -> bool:
        """True when the simulator answered ``ok: true``."""
        return self.error is None

    @property
    def chat_id(self) -> int | None:
        """The numeric chat_id parameter, if any."""
        raw = self.params.get("chat_id")
        try:
            return int(raw) if raw is not None else None
        except (TypeError, ValueError):
            return None

    def __str__(self) -> str:
        outcome = f"error {self.error!r}" if self.error else "ok"
        shown = {k: v for k, v in self.params.items() if k not in ("document", "reply_markup")}
        return f"{self.method}({shown}) -> {outcome}"


@dataclass
class CallbackRecord:
    """A pressed button and, once the bot answers, its answerCallbackQuery parameters."""

    id: str
    chat_id: int
    message_id: int
    user_id: int
    data: str | None
    answer: JSONDict | None = None
