"""A real HTTP server on 127.0.0.1 that answers from recorded tracker responses (no network).

Routes match a path and, optionally, some query parameters (the most specific route wins). Each
route holds a queue of answers: all but the last are given once, the last one from then on, so a
test can answer "rate limited" once and then the page. ``{base}`` in a body or header becomes the
server's address (pagination links point back at it). Every request is kept for assertions.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

__all__ = ["DATA", "Answer", "RecordedApi", "Seen"]

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Answer:
    """A status, headers, and a body: a recorded file under tests/data, or inline text."""

    status: int = 200
    file: str | None = None
    text: str = ""
    headers: dict[str, str] = field(default_factory=dict)

    def body(self) -> str:
        return (DATA / self.file).read_text("utf-8") if self.file else self.text


@dataclass(frozen=True)
class Seen:
    """One request the server answered."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]


@dataclass
class _Route:
    path: str
    query: dict[str, str]
    answers: deque[Answer]


class RecordedApi:
    """Routes, the requests seen, and the running server's ``base`` address."""

    def __init__(self) -> None:
        self.routes: list[_Route] = []
        self.seen: list[Seen] = []
        self.base = ""

    def add(self, path: str, *answers: Answer, **query: str) -> None:
        """Answer requests for ``path`` whose query has ``query``, with ``answers`` in turn."""
        self.routes.append(_Route(path, query, deque(answers)))

    def answer(self, method: str, target: str, headers: dict[str, str]) -> Answer:
        parts = urlsplit(target)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        self.seen.append(Seen(method, parts.path, query, headers))
        fitting = [
            route
            for route in self.routes
            if route.path == parts.path and route.query.items() <= query.items()
        ]
        if not fitting:
            return Answer(404, text=json.dumps({"message": "Not Found"}))
        route = max(fitting, key=lambda r: len(r.query))
        return route.answers.popleft() if len(route.answers) > 1 else route.answers[0]

    @contextmanager
    def running(self) -> Iterator[RecordedApi]:
        """Serve on a free loopback port until the block ends."""
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                answer = api.answer(
                    "GET", self.path, {k.lower(): v for k, v in self.headers.items()}
                )
                body = answer.body().replace("{base}", api.base).encode()
                self.send_response(answer.status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                for name, value in answer.headers.items():
                    self.send_header(name, value.replace("{base}", api.base))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                """Quiet: pytest shows failures, not every request."""

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{server.server_address[1]}"
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()
            thread.join()
