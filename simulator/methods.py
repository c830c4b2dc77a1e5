"""Bot API method implementations over SimWorld: validation and errors as Telegram gives them."""

from __future__ import annotations

import json
import mimetypes
import re
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlparse

from simulator.html_check import EntityParseError, ParsedText, parse_html, utf16_len
from simulator.state import MEMBER_STATUSES, JSONDict, SimChat, SimMessage, SimWorld, UploadedFile

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
MAX_TEXT = 4096
MAX_CAPTION = 1024
FLOOD_LIMITED = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "editMessageText",
        "editMessageCaption",
        "editMessageReplyMarkup",
    }
)
_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
_OTHER_BUTTON_KEYS = (
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "web_app",
    "login_url",
    "copy_text",
    "callback_game",
    "pay",
)


class ApiError(Exception):
    """A Bot API error response: HTTP status == error_code."""

    def __init__(self, code: int, description: str, parameters: JSONDict | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def to_api(self) -> JSONDict:
        """The JSON body Telegram would send."""
        body: JSONDict = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad(description: str) -> ApiError:
    """400 with Telegram's "Bad Request: " prefix."""
    return ApiError(400, f"Bad Request: {description}")


# ----------------------------------------------------------------- parameter helpers
def _int(params: JSONDict, name: str, default: int | None = None) -> int:
    """Integer parameter, or the Bad Request Telegram gives for garbage."""
    raw = params.get(name, default)
    if raw is None:
        raise bad(f"{name} is empty" if name == "chat_id" else f"parameter {name} is required")
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise bad(f"invalid {name} specified") from None


def resolve_chat(world: SimWorld, params: JSONDict) -> SimChat:
    """Find the target chat, raising the 400/403 errors Telegram would."""
    raw = params.get("chat_id")
    if raw is None or raw == "":
        raise bad("chat_id is empty")
    chat: SimChat | None = None
    if isinstance(raw, str) and raw.startswith("@"):
        name = raw[1:].lower()
        chat = next(
            (c for c in world.chats.values() if c.user and (c.user.username or "").lower() == name),
            None,
        )
    else:
        try:
            cid = int(raw)
        except (TypeError, ValueError):
            raise bad("chat not found") from None
        chat = world.chats.get(cid)
        if chat is None and cid in world.users and cid != world.bot_user.id:
            raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
    if chat is None:
        raise bad("chat not found")
    if chat.migrated_to is not None:
        raise ApiError(
            400,
            "Bad Request: group chat was upgraded to a supergroup chat",
            {"migrate_to_chat_id": chat.migrated_to},
        )
    if chat.type == "private" and chat.blocked:
        raise ApiError(403, "Forbidden: bot was blocked by the user")
    if chat.is_group and chat.members.get(world.bot_user.id) not in MEMBER_STATUSES:
        kind = "supergroup chat" if chat.type == "supergroup" else "group chat"
        if chat.bot_kicked:
            raise ApiError(403, f"Forbidden: bot was kicked from the {kind}")
        raise ApiError(403, f"Forbidden: bot is not a member of the {kind}")
    return chat


def format_text(
    text: Any, parse_mode: Any, entities: Any, *, caption: bool = False, strict: bool = True
) -> ParsedText:
    """Apply parse_mode and Telegram's length limits; returns visible text + entities."""
    if text is None or text == "":
        if caption:
            return ParsedText(text="")
        raise bad("message text is empty")
    source = str(text)
    mode = str(parse_mode).lower() if parse_mode else ""
    if mode == "html":
        try:
            parsed = parse_html(source, strict=strict)
        except EntityParseError as exc:
            raise bad(f"can't parse entities: {exc}") from None
    elif mode in ("", "markdown", "markdownv2"):
        # Markdown is passed through unparsed: the project speaks HTML.
        given = entities if isinstance(entities, list) else []
        parsed = ParsedText(text=source, entities=[dict(e) for e in given])
    else:
        raise bad(f"unsupported parse_mode {parse_mode}")
    if not caption and not parsed.text.strip():
        raise bad("message text is empty")
    limit = MAX_CAPTION if caption else MAX_TEXT
    if utf16_len(parsed.text) > limit:
        raise bad("message caption is too long" if caption else "message is too long")
    return parsed


def check_markup(markup: Any) -> JSONDict | None:
    """Validate reply_markup the way Telegram does (notably 1-64 byte callback_data)."""
    if markup is None or markup == "":
        return None
    if not isinstance(markup, dict):
        raise bad("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        return markup
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise bad('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array')
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not str(button.get("text", "")):
                raise bad("can't parse inline keyboard button: Text buttons are unallowed")
            if "callback_data" in button:
                data = str(button["callback_data"]).encode("utf-8")
                if not 1 <= len(data) <= 64:
                    raise bad("BUTTON_DATA_INVALID")
            elif "url" in button:
                url = str(button["url"])
                parsed = urlparse(url)
                if parsed.scheme not in ("http", "https", "tg") or not (
                    parsed.netloc or parsed.scheme == "tg"
                ):
                    raise bad(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")
            elif not any(key in button for key in _OTHER_BUTTON_KEYS):
                raise bad(
                    "can't parse inline keyboard button: "
                    "Text buttons are unallowed in the inline keyboard"
                )
    return markup


def _reply_target(world: SimWorld, chat: SimChat, params: JSONDict) -> int | None:
    """reply_parameters / reply_to_message_id → the replied message id (or None)."""
    reply = params.get("reply_parameters")
    allow = bool(params.get("allow_sending_without_reply", False))
    if isinstance(reply, dict):
        message_id = reply.get("message_id")
        allow = bool(reply.get("allow_sending_without_reply", allow))
        if reply.get("chat_id") not in (None, chat.id, str(chat.id)):
            raise bad("message to be replied not found")
    else:
        message_id = params.get("reply_to_message_id")
    if message_id is None:
        return None
    target = world.messages.get((chat.id, int(message_id)))
    if target is None or target.deleted:
        if allow:
            return None
        raise bad("message to be replied not found")
    return target.message_id


def _flood(world: SimWorld, method: str, chat: SimChat) -> None:
    """429 past the limits when flood control is on."""
    if not world.flood_control or method not in FLOOD_LIMITED:
        return
    retry = world.flood.check(chat.id, is_group=chat.is_group)
    if retry is not None:
        raise ApiError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry})


def _bot_message(world: SimWorld, params: JSONDict) -> tuple[SimChat, SimMessage]:
    """The bot message an edit/delete refers to."""
    if params.get("inline_message_id"):
        raise bad("MESSAGE_ID_INVALID")
    chat = resolve_chat(world, params)
    msg = world.messages.get((chat.id, _int(params, "message_id")))
    if msg is None or msg.deleted:
        raise bad("message to edit not found")
    if not msg.from_bot:
        raise bad("message can't be edited")
    return chat, msg


def _new_bot_message(
    world: SimWorld, chat: SimChat, params: JSONDict, source: str, parsed: ParsedText
) -> SimMessage:
    """Store an outgoing bot message with everything tests inspect."""
    markup = check_markup(params.get("reply_markup"))
    reply_to = _reply_target(world, chat, params)
    _flood(world, "sendMessage", chat)
    msg = world.new_message(chat, from_bot=True, sender=world.bot_user)
    msg.text = source
    msg.plain = parsed.text
    msg.entities = parsed.entities
    msg.parse_mode = params.get("parse_mode")
    msg.reply_markup = markup
    msg.reply_to = reply_to
    thread = params.get("message_thread_id")
    msg.thread_id = int(thread) if thread is not None else None
    if msg.thread_id is None and reply_to is not None:
        msg.thread_id = world.messages[(chat.id, reply_to)].thread_id
    for key in ("link_preview_options", "disable_notification", "protect_content"):
        if key in params:
            msg.options[key] = params[key]
    return msg


# ----------------------------------------------------------------- methods
def get_me(world: SimWorld, params: JSONDict) -> Any:
    """getMe: the bot's User with its capability flags."""
    return {
        **world.bot_user.to_api(),
        "can_join_groups": True,
        "can_read_all_group_messages": world.can_read_all_group_messages,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def send_message(world: SimWorld, params: JSONDict) -> Any:
    """sendMessage with Telegram's text, entity, markup and reply checks."""
    chat = resolve_chat(world, params)
    parsed = format_text(
        params.get("text"),
        params.get("parse_mode"),
        params.get("entities"),
        strict=world.strict_html,
    )
    msg = _new_bot_message(world, chat, params, str(params["text"]), parsed)
    return world.message_json(msg)


def send_document(world: SimWorld, params: JSONDict) -> Any:
    """sendDocument: an uploaded file, a known file_id, or a URL."""
    chat = resolve_chat(world, params)
    raw_caption = params.get("caption")
    parsed = format_text(
        raw_caption,
        params.get("parse_mode"),
        params.get("caption_entities"),
        caption=True,
        strict=world.strict_html,
    )
    document = params.get("document")
    if isinstance(document, UploadedFile):
        doc = world.store_file(document)
    elif isinstance(document, str) and document in world.files:
        doc = world.files[document]
    elif isinstance(document, str) and document.startswith(("http://", "https://")):
        name = urlparse(document).path.rsplit("/", 1)[-1] or "file"
        mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
        doc = world.store_file(UploadedFile(filename=name, content=b"", mime_type=mime))
    elif document is None:
        raise bad("there is no document in the request")
    else:
        raise bad("wrong file identifier/HTTP URL specified")
    msg = _new_bot_message(world, chat, params, str(raw_caption or ""), parsed)
    msg.document = doc
    return world.message_json(msg)


def edit_message_text(world: SimWorld, params: JSONDict) -> Any:
    """editMessageText; identical text+markup → 'message is not modified'."""
    chat, msg = _bot_message(world, params)
    if msg.document is not None:
        raise bad("there is no text in the message to edit")
    parsed = format_text(
        params.get("text"),
        params.get("parse_mode"),
        params.get("entities"),
        strict=world.strict_html,
    )
    markup = check_markup(params.get("reply_markup"))
    if parsed.text == msg.plain and parsed.entities == msg.entities and markup == msg.reply_markup:
        raise bad(NOT_MODIFIED.removeprefix("Bad Request: "))
    _flood(world, "editMessageText", chat)
    msg.text = str(params["text"])
    msg.plain, msg.entities = parsed.text, parsed.entities
    msg.parse_mode = params.get("parse_mode")
    msg.reply_markup = markup
    _touch(world, msg)
    return world.message_json(msg)


def edit_message_caption(world: SimWorld, params: JSONDict) -> Any:
    """editMessageCaption for documents the bot sent."""
    chat, msg = _bot_message(world, params)
    if msg.document is None:
        raise bad("there is no caption in the message to edit")
    parsed = format_text(
        params.get("caption"),
        params.get("parse_mode"),
        params.get("caption_entities"),
        caption=True,
    )
    markup = check_markup(params.get("reply_markup"))
    if parsed.text == msg.plain and parsed.entities == msg.entities and markup == msg.reply_markup:
        raise bad(NOT_MODIFIED.removeprefix("Bad Request: "))
    _flood(world, "editMessageCaption", chat)
    msg.text = str(params.get("caption") or "")
    msg.plain, msg.entities = parsed.text, parsed.entities
    msg.reply_markup = markup
    _touch(world, msg)
    return world.message_json(msg)


def edit_message_reply_markup(world: SimWorld, params: JSONDict) -> Any:
    """editMessageReplyMarkup; the same markup again → 'message is not modified'."""
    chat, msg = _bot_message(world, params)
    markup = check_markup(params.get("reply_markup"))
    if markup == msg.reply_markup or (not markup and not msg.reply_markup):
        raise bad(NOT_MODIFIED.removeprefix("Bad Request: "))
    _flood(world, "editMessageReplyMarkup", chat)
    msg.reply_markup = markup
    _touch(world, msg)
    return world.message_json(msg)


def _touch(world: SimWorld, msg: SimMessage) -> None:
    """Count an edit."""
    msg.edits += 1
    msg.edit_date = int(time.time())


def delete_message(world: SimWorld, params: JSONDict) -> Any:
    """deleteMessage marks the message deleted."""
    chat = resolve_chat(world, params)
    msg = world.messages.get((chat.id, _int(params, "message_id")))
    if msg is None or msg.deleted:
        raise bad("message to delete not found")
    msg.deleted = True
    return True


def delete_messages(world: SimWorld, params: JSONDict) -> Any:
    """deleteMessages: silently skips ids that don't exist, like Telegram."""
    chat = resolve_chat(world, params)
    for message_id in params.get("message_ids") or []:
        msg = world.messages.get((chat.id, int(message_id)))
        if msg is not None:
            msg.deleted = True
    return True


def answer_callback_query(world: SimWorld, params: JSONDict) -> Any:
    """answerCallbackQuery: once per query; records text/show_alert."""
    record = world.callback_queries.get(str(params.get("callback_query_id", "")))
    if record is None or record.answer is not None:
        raise bad("query is too old and response timeout expired or query ID is invalid")
    text = params.get("text")
    if text is not None and len(str(text)) > 200:
        raise bad("MESSAGE_TOO_LONG")
    record.answer = {
        "text": text,
        "show_alert": bool(params.get("show_alert", False)),
        "url": params.get("url"),
        "cache_time": params.get("cache_time"),
    }
    return True


def _commands_key(params: JSONDict) -> tuple[str, str]:
    """Commands are stored per (scope, language_code)."""
    scope = params.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")


def set_my_commands(world: SimWorld, params: JSONDict) -> Any:
    """setMyCommands with Telegram's command-name rules."""
    commands = params.get("commands")
    if not isinstance(commands, list):
        raise bad("can't parse commands JSON object")
    if len(commands) > 100:
        raise bad("too many commands specified")
    cleaned = []
    for command in commands:
        name = str(command.get("command", "")) if isinstance(command, dict) else ""
        description = str(command.get("description", "")) if isinstance(command, dict) else ""
        if not _COMMAND_RE.match(name):
            raise bad("BOT_COMMAND_INVALID")
        if not 1 <= len(description) <= 256:
            raise bad("command description is empty" if not description else "BOT_COMMAND_INVALID")
        cleaned.append({"command": name, "description": description})
    world.commands[_commands_key(params)] = cleaned
    return True


def get_my_commands(world: SimWorld, params: JSONDict) -> Any:
    """getMyCommands for a (scope, language_code)."""
    return list(world.commands.get(_commands_key(params), []))


def delete_my_commands(world: SimWorld, params: JSONDict) -> Any:
    """deleteMyCommands for a (scope, language_code)."""
    world.commands.pop(_commands_key(params), None)
    return True


def delete_webhook(world: SimWorld, params: JSONDict) -> Any:
    """deleteWebhook, optionally dropping pending updates."""
    world.webhook_url = ""
    if params.get("drop_pending_updates"):
        world.updates.clear()
    return True


def set_webhook(world: SimWorld, params: JSONDict) -> Any:
    """setWebhook only records the URL (getUpdates then answers 409)."""
    world.webhook_url = str(params.get("url") or "")
    if params.get("drop_pending_updates"):
        world.updates.clear()
    return True


def get_webhook_info(world: SimWorld, params: JSONDict) -> Any:
    """getWebhookInfo: pending_update_count counts unconfirmed updates."""
    return {
        "url": world.webhook_url,
        "has_custom_certificate": False,
        "pending_update_count": len(world.updates),
    }


def get_chat(world: SimWorld, params: JSONDict) -> Any:
    """getChat returns ChatFullInfo with the fields PTB 22 requires."""
    chat = resolve_chat(world, params)
    info = chat.to_api()
    info.update(
        {
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }
    )
    return info


def _member_user(world: SimWorld, params: JSONDict) -> Any:
    """The user a getChatMember call asks about."""
    uid = _int(params, "user_id")
    if uid not in world.users:
        raise bad("user not found")
    return world.users[uid]


def get_chat_member(world: SimWorld, params: JSONDict) -> Any:
    """getChatMember with the status-specific fields."""
    chat = resolve_chat(world, params)
    return world.member_json(chat, _member_user(world, params))


def get_chat_administrators(world: SimWorld, params: JSONDict) -> Any:
    """getChatAdministrators: creator and administrators."""
    chat = resolve_chat(world, params)
    if chat.type == "private":
        raise bad("there are no administrators in the private chat")
    return [
        world.member_json(chat, world.users[uid])
        for uid, status in chat.members.items()
        if status in ("creator", "administrator") and uid in world.users
    ]


def get_chat_member_count(world: SimWorld, params: JSONDict) -> Any:
    """getChatMemberCount counts present members."""
    chat = resolve_chat(world, params)
    return sum(1 for status in chat.members.values() if status in MEMBER_STATUSES)


def leave_chat(world: SimWorld, params: JSONDict) -> Any:
    """leaveChat: the bot leaves; later sends get 403 'not a member'."""
    chat = resolve_chat(world, params)
    if chat.type == "private":
        raise bad("chat member status can't be changed in private chats")
    world.set_bot_status(chat, "left", world.bot_user)
    return True


def get_file(world: SimWorld, params: JSONDict) -> Any:
    """getFile: file_path to download under /file/bot<token>/."""
    doc = world.files.get(str(params.get("file_id", "")))
    if doc is None:
        raise bad("invalid file_id")
    return {
        "file_id": doc.file_id,
        "file_unique_id": doc.file_unique_id,
        "file_size": len(doc.content),
        "file_path": doc.file_path,
    }


def chat_ok(world: SimWorld, params: JSONDict) -> Any:
    """Chat-scoped no-ops (sendChatAction, pin…): validate the chat, return true."""
    resolve_chat(world, params)
    return True


def ok(world: SimWorld, params: JSONDict) -> Any:
    """Methods with nothing to simulate (close, logOut, menu button…)."""
    return True


def _profile_setter(key: str) -> Callable[[SimWorld, JSONDict], Any]:
    """setMyName / setMyDescription / setMyShortDescription."""

    def setter(world: SimWorld, params: JSONDict) -> Any:
        world.bot_profile[key] = str(params.get(key) or "")
        return True

    return setter


def _profile_getter(key: str) -> Callable[[SimWorld, JSONDict], Any]:
    """getMyName / getMyDescription / getMyShortDescription."""

    def getter(world: SimWorld, params: JSONDict) -> Any:
        return {key: world.bot_profile.get(key, "")}

    return getter


Handler = Callable[[SimWorld, JSONDict], Any]
METHODS: dict[str, Handler] = {
    "getMe": get_me,
    "sendMessage": send_message,
    "sendDocument": send_document,
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "deleteMessages": delete_messages,
    "answerCallbackQuery": answer_callback_query,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "deleteWebhook": delete_webhook,
    "setWebhook": set_webhook,
    "getWebhookInfo": get_webhook_info,
    "getChat": get_chat,
    "getChatMember": get_chat_member,
    "getChatAdministrators": get_chat_administrators,
    "getChatMemberCount": get_chat_member_count,
    "leaveChat": leave_chat,
    "getFile": get_file,
    "sendChatAction": chat_ok,
    "pinChatMessage": chat_ok,
    "unpinChatMessage": chat_ok,
    "unpinAllChatMessages": chat_ok,
    "close": ok,
    "logOut": ok,
    "setChatMenuButton": ok,
    "setMyDefaultAdministratorRights": ok,
    "setMyName": _profile_setter("name"),
    "setMyDescription": _profile_setter("description"),
    "setMyShortDescription": _profile_setter("short_description"),
    "getMyName": _profile_getter("name"),
    "getMyDescription": _profile_getter("description"),
    "getMyShortDescription": _profile_getter("short_description"),
}
CANONICAL: dict[str, str] = {name.lower(): name for name in [*METHODS, "getUpdates"]}


def dispatch(world: SimWorld, method: str, params: JSONDict) -> Any:
    """Run a (canonically named) synchronous method; raises ApiError."""
    return METHODS[method](world, params)
