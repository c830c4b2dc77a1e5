"""A local stand-in for a self-hosted LibreTranslate, so the real deep-translator code runs."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

# A few real sentences, so tests can check that Finnish goes both ways.
PHRASES: dict[tuple[str, str, str], str] = {
    ("fi", "en", "Hyvää huomenta"): "Good morning",
    ("en", "fi", "Good morning"): "Hyvää huomenta",
    ("ru", "fi", "Доброе утро"): "Hyvää huomenta",
    ("fi", "zh", "Kiitos paljon"): "非常感谢",
}


@dataclass
class LibreStandIn:
    """Answers `POST /translate` like LibreTranslate; `status` other than 200 plays a failure."""

    url: str = ""
    status: int = 200
    required_key: str | None = None
    requests: list[dict[str, str]] = field(default_factory=list)

    def answer(self, params: dict[str, str]) -> tuple[int, dict[str, Any]]:
        """The status and JSON body LibreTranslate would give for these parameters."""
        self.requests.append(params)
        if self.status != 200:
            return self.status, {"error": "stand-in told to fail"}
        if self.required_key is not None and params.get("api_key") != self.required_key:
            return 403, {"error": "Invalid API key"}
        missing = [name for name in ("q", "source", "target") if not params.get(name)]
        if missing:
            return 400, {"error": f"Invalid request: missing {missing[0]} parameter"}
        source, target, text = params["source"], params["target"], params["q"]
        return 200, {"translatedText": PHRASES.get((source, target, text), f"<{target}> {text}")}


def _handler(stand_in: LibreStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            parts = urlsplit(self.path)
            if parts.path != "/translate":
                self._send(404, {"error": "Not Found"})
                return
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8") if length else ""
            params = {key: values[0] for key, values in parse_qs(parts.query).items()}
            if body:
                if "json" in (self.headers.get("Content-Type") or ""):
                    params.update({key: str(value) for key, value in json.loads(body).items()})
                else:
                    params.update({k: v[0] for k, v in parse_qs(body).items()})
            status, payload = stand_in.answer(params)
            self._send(status, payload)

        def _send(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            """Keep test output quiet."""

    return Handler


@contextmanager
def running_libre(status: int = 200, required_key: str | None = None) -> Iterator[LibreStandIn]:
    """Serve a stand-in on 127.0.0.1 at a free port in a thread for the `with` block."""
    stand_in = LibreStandIn(status=status, required_key=required_key)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stand_in))
    server.daemon_threads = True
    stand_in.url = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(
        target=server.serve_forever, args=(0.05,), name="libre-standin", daemon=True
    )
    thread.start()
    try:
        yield stand_in
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
