"""aiohttp server speaking the Bot API over 127.0.0.1, plus async helpers for tests."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from simulator.methods import CANONICAL, ApiError, dispatch
from simulator.state import ApiCall, JSONDict, SimChat, SimMessage, SimWorld, UploadedFile

# Parameters that are plain strings even when they look like JSON (e.g. text "123").
STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "url",
        "language_code",
        "title",
        "name",
        "description",
        "short_description",
        "custom_title",
        "secret_token",
        "ip_address",
        "business_connection_id",
        "message_effect_id",
        "inline_message_id",
        "action",
        "file_id",
        "emoji",
    }
)
MAX_LONG_POLL = 50.0


def coerce_param(name: str, value: str) -> Any:
    """Form/query values arrive as strings; JSON-valued ones (reply_markup, ids…) get decoded."""
    if name in STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _chat_id(chat: SimChat | int | None) -> int | None:
    """Accept a SimChat, an id, or None."""
    return chat.id if isinstance(chat, SimChat) else chat


class BotApiSimulator(SimWorld):
    """A local Telegram Bot API: start(), point PTB at api_url, drive users with post()/press()."""

    def __init__(
        self,
        *,
        bot_username: str = "parkbridge_bot",
        bot_id: int = 7000000001,
        bot_first_name: str = "ParkBridge",
        can_read_all_group_messages: bool = False,
        clock: Callable[[], float] = time.monotonic,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        super().__init__(
            bot_username=bot_username,
            bot_id=bot_id,
            bot_first_name=bot_first_name,
            can_read_all_group_messages=can_read_all_group_messages,
            clock=clock,
        )
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None
        self._changed = asyncio.Event()
        self._stopping = False
        self._poll_generation = 0
        self._inflight = 0
        self._last_activity = time.monotonic()

    # ----------------------------------------------------------------- lifecycle
    @property
    def base_url(self) -> str:
        """http://127.0.0.1:PORT once started."""
        if self._runner is None:
            raise RuntimeError("simulator not started")
        return f"http://{self.host}:{self.port}"

    @property
    def api_url(self) -> str:
        """What to pass as PTB's base_url (PTB appends the token)."""
        return f"{self.base_url}/bot"

    @property
    def file_url(self) -> str:
        """What to pass as PTB's base_file_url."""
        return f"{self.base_url}/file/bot"

    def make_app(self) -> web.Application:
        """The aiohttp application (exposed so it can be mounted elsewhere)."""
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        return app

    async def start(self) -> None:
        """Listen on host:port (port 0 picks a free one)."""
        self._stopping = False
        # access_log=None: request paths carry the token and must never be logged.
        runner = web.AppRunner(
            self.make_app(), access_log=None, handle_signals=False, shutdown_timeout=1.0
        )
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        await site.start()
        self._runner = runner
        for server in runner.addresses:
            self.port = int(server[1])
            break

    async def stop(self) -> None:
        """Release held long polls, then shut the server down."""
        self._stopping = True
        self._notify()
        if self._runner is not None:
            await asyncio.sleep(0)
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> BotApiSimulator:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    def _notify(self) -> None:
        """Wake everything waiting for a change (long polls, wait_for)."""
        self._changed.set()
        self._changed = asyncio.Event()

    # ----------------------------------------------------------------- HTTP
    async def _read_params(self, request: web.Request) -> JSONDict:
        """Query string, JSON body, urlencoded or multipart → one decoded dict."""
        params: JSONDict = {k: coerce_param(k, v) for k, v in request.query.items()}
        if not request.can_read_body:
            return params
        if request.content_type == "application/json":
            body = await request.json()
            if isinstance(body, dict):
                params.update(body)
            return params
        files: dict[str, UploadedFile] = {}
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                upload = UploadedFile(
                    filename=value.filename,
                    content=value.file.read(),
                    mime_type=value.content_type or "application/octet-stream",
                )
                files[key] = upload
                params[key] = upload
            elif isinstance(value, bytes | bytearray):
                params[key] = coerce_param(key, bytes(value).decode("utf-8", "replace"))
            else:
                params[key] = coerce_param(key, value)
        for key, value in list(params.items()):
            if isinstance(value, str) and value.startswith("attach://"):
                params[key] = files.get(value.removeprefix("attach://"), value)
        return params

    async def _handle_method(self, request: web.Request) -> web.Response:
        """Route /bot<token>/<method> to the method table."""
        self.tokens_seen.add(request.match_info["token"])
        method = CANONICAL.get(request.match_info["method"].lower())
        if method is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
            )
        try:
            params = await self._read_params(request)
        except ValueError:
            body = {"ok": False, "error_code": 400, "description": "Bad Request: invalid JSON"}
            return web.json_response(body, status=400)
        call = ApiCall(method=method, params=params, at=self.clock())
        polling = method == "getUpdates"
        if not polling:
            self._inflight += 1
        try:
            if polling:
                result: Any = await self._get_updates(params, request)
            else:
                result = dispatch(self, method, params)
        except ApiError as exc:
            call.error, call.error_code = exc.description, exc.code
            self._record(call, activity=not polling)
            return web.json_response(exc.to_api(), status=exc.code)
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            # Malformed parameters: answer like Telegram would, never let aiohttp log the URL.
            error = ApiError(400, f"Bad Request: invalid parameters ({type(exc).__name__}: {exc})")
            call.error, call.error_code = error.description, error.code
            self._record(call, activity=not polling)
            return web.json_response(error.to_api(), status=400)
        finally:
            if not polling:
                self._inflight -= 1
        call.result = result
        self._record(call, activity=not polling or bool(result))
        return web.json_response({"ok": True, "result": result})

    def _record(self, call: ApiCall, *, activity: bool) -> None:
        """Keep the call; empty long polls don't count as activity for wait_idle."""
        if call.method != "getUpdates" or call.result:
            self.calls.append(call)
        if activity:
            self._last_activity = time.monotonic()
        self._notify()

    async def _get_updates(self, params: JSONDict, request: web.Request) -> list[JSONDict]:
        """Long polling: answer as soon as an update exists, or [] after ``timeout``."""
        if self.webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        self._poll_generation += 1
        generation = self._poll_generation
        self._notify()  # an older held poll sees it was superseded
        offset = params.get("offset")
        limit = int(params.get("limit") or 100)
        allowed = params.get("allowed_updates")
        allowed_list = [str(a) for a in allowed] if isinstance(allowed, list) else None
        timeout = min(float(params.get("timeout") or 0), MAX_LONG_POLL)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        offset_int = int(offset) if offset is not None else None
        while True:
            changed = self._changed
            if generation != self._poll_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )
            if self._stopping or request.transport is None or request.transport.is_closing():
                return []  # shutting down, or the client gave up: don't mark updates delivered
            batch = self.take_updates(offset_int, limit, allowed_list)
            if batch:
                return batch
            remaining = deadline - loop.time()
            if remaining <= 0:
                return []
            try:
                await asyncio.wait_for(changed.wait(), remaining)
            except TimeoutError:
                return []

    async def _handle_file(self, request: web.Request) -> web.Response:
        """Serve bytes for a file_path handed out by getFile."""
        self.tokens_seen.add(request.match_info["token"])
        doc = self.file_by_path(request.match_info["path"])
        if doc is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
            )
        return web.Response(body=doc.content, content_type=doc.mime_type)

    # ----------------------------------------------------------------- waiting
    def describe_calls(self, last: int = 10) -> str:
        """The last calls, for failure messages (never includes the token)."""
        if not self.calls:
            return "no Bot API calls recorded"
        return "last calls:\n  " + "\n  ".join(str(c) for c in self.calls[-last:])

    async def wait_for(
        self,
        predicate: Callable[[], bool],
        timeout: float = 5.0,
        message: str = "",
    ) -> None:
        """Wait until predicate() holds; re-checks on every change and every 50 ms."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            changed = self._changed
            if predicate():
                return
            remaining = deadline - loop.time()
            if remaining <= 0:
                what = message or getattr(predicate, "__name__", "condition")
                raise TimeoutError(f"{what} not met within {timeout}s; {self.describe_calls()}")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), min(remaining, 0.05))

    def calls_since_mark(
        self, method: str | None = None, chat: SimChat | int | None = None
    ) -> list[ApiCall]:
        """Successful calls since the latest post/press/edit (optionally by method/chat)."""
        cid = _chat_id(chat)
        wanted = CANONICAL.get(method.lower(), method) if method else None
        return [
            c
            for c in self.calls[self._call_mark :]
            if c.ok and (wanted is None or c.method == wanted) and (cid is None or c.chat_id == cid)
        ]

    async def wait_for_calls(
        self,
        method: str,
        count: int = 1,
        timeout: float = 5.0,
        chat: SimChat | int | None = None,
    ) -> list[ApiCall]:
        """Wait for ``count`` successful ``method`` calls since the latest post/press/edit."""
        await self.wait_for(
            lambda: len(self.calls_since_mark(method, chat)) >= count,
            timeout,
            message=f"{count} x {method}" + (f" in chat {_chat_id(chat)}" if chat else ""),
        )
        return self.calls_since_mark(method, chat)

    async def next_bot_messages(
        self,
        chat: SimChat | int | None = None,
        count: int = 1,
        timeout: float = 5.0,
    ) -> list[SimMessage]:
        """The next ``count`` bot messages (in ``chat``) not yet returned, sent after the
        latest post/press/edit there; waits for them and advances the read cursor."""
        cid = _chat_id(chat)

        def unread() -> list[SimMessage]:
            return self.bot_messages_all(cid)[self._read_cursor.get(cid, 0) :]

        await self.wait_for(
            lambda: len(unread()) >= count,
            timeout,
            message=f"{count} bot message(s)" + (f" in chat {cid}" if cid is not None else ""),
        )
        batch = unread()[:count]
        self._read_cursor[cid] = self._read_cursor.get(cid, 0) + count
        if cid is not None:
            self._read_cursor[None] = max(
                self._read_cursor.get(None, 0), self._bot_sent.index(batch[-1]) + 1
            )
        return batch

    async def wait_idle(
        self,
        quiet: float = 0.15,
        timeout: float = 5.0,
    ) -> None:
        """Return once the bot fetched every update and made no call for ``quiet`` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            idle_for = time.monotonic() - self._last_activity
            if self.pending_updates() == 0 and self._inflight == 0 and idle_for >= quiet:
                return
            if loop.time() >= deadline:
                raise TimeoutError(
                    f"bot not idle within {timeout}s (pending updates: {self.pending_updates()},"
                    f" in flight: {self._inflight}); {self.describe_calls()}"
                )
            await asyncio.sleep(min(max(quiet - idle_for, 0.01), 0.05))
