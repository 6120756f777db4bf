"""A browser-like HTTP client for the bench: one kept-alive connection, its cookies.

Why not requests or urllib: the review's session and CSRF cookies are Secure, which
browsers send to http://127.0.0.1 (a potentially trustworthy origin) but Python's cookie
jars send only over https; requests also copies the jar, with its default policy, into
every request. Here every cookie the server sets is sent back to the same server, as a
browser does on localhost, and redirects are not followed (a saved form answers 302).
"""

from __future__ import annotations

import http.client
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit


@dataclass(frozen=True)
class Answer:
    status: int
    text: str
    location: str
    ms: float  # from sending the request to the answer's last byte


class Client:
    def __init__(self, base_url: str, timeout: float = 60) -> None:
        parts = urlsplit(base_url)
        self.base = base_url
        self._host, self._port = parts.hostname, parts.port or 80
        self._timeout = timeout
        self._connection: http.client.HTTPConnection | None = None
        self.cookies: dict[str, str] = {}

    def get(self, path: str) -> Answer:
        return self._send("GET", path, None, {})

    def post(self, path: str, fields: dict[str, str], referer: str | None = None) -> Answer:
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if referer:
            headers["Referer"] = referer
        return self._send("POST", path, urlencode(fields).encode("utf-8"), headers)

    def _send(self, method: str, path: str, body: bytes | None, headers: dict) -> Answer:
        path = "/" + path.removeprefix(self.base).lstrip("/")
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):  # a kept-alive connection the server closed: once more
            connection = self._connection or http.client.HTTPConnection(
                self._host, self._port, timeout=self._timeout
            )
            self._connection = connection
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                connection.close()
                self._connection = None
                if attempt == 2:
                    raise
                continue
            ms = (time.perf_counter() - started) * 1000
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel["max-age"] == "0" or not morsel.value:
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                self._connection = None
            return Answer(
                response.status,
                data.decode("utf-8", errors="replace"),
                response.getheader("Location", ""),
                ms,
            )
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
