"""A local SMTP server for tests: accepts every message on 127.0.0.1 and keeps it.

Just enough of SMTP for Python's smtplib (EHLO, MAIL, RCPT, DATA, QUIT), on a free port;
no dependency, nothing leaves the machine.
"""

from __future__ import annotations

import email
import socketserver
import threading
from email.message import Message
from email.policy import default


class _Session(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        self._reply("220 toteuma test sink")
        while line := self.rfile.readline():
            command = line.decode("ascii", errors="replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self._reply("250 sink")
            elif command.startswith(("MAIL", "RCPT", "RSET", "NOOP")):
                self._reply("250 OK")
            elif command == "DATA":
                self._reply("354 end with <CRLF>.<CRLF>")
                self.server.messages.append(email.message_from_bytes(self._data(), policy=default))
                self._reply("250 queued")
            elif command == "QUIT":
                self._reply("221 bye")
                return
            else:
                self._reply("502 not implemented")

    def _data(self) -> bytes:
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        return b"".join(lines)

    def _reply(self, text: str) -> None:
        self.wfile.write(f"{text}\r\n".encode("ascii"))


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Session)
        self.messages: list[Message] = []


class SmtpSink:
    """`with SmtpSink() as sink:` ... `sink.port`, then `sink.messages`."""

    def __enter__(self) -> SmtpSink:
        self._server = _Server()
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def messages(self) -> list[Message]:
        return self._server.messages

    def env(self, to: str = "controllers@example.invalid") -> dict[str, str]:
        """The .env settings that send the digest here."""
        return {
            "TOTEUMA_DIGEST_TO": to,
            "TOTEUMA_SMTP_HOST": "127.0.0.1",
            "TOTEUMA_SMTP_PORT": str(self.port),
        }
