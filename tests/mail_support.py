"""A real local SMTP server (aiosmtpd) for the whole test run, and helpers to read what it received."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any
from urllib.parse import parse_qs, urlsplit

LINK = re.compile(r"https?://[^\s<>\"]+")


@dataclass(frozen=True)
class Received:
    to: str
    subject: str
    text: str
    html: str
    message: EmailMessage

    @property
    def links(self) -> list[str]:
        """Links of the plain-text part, in order (the HTML part carries the same ones)."""
        return LINK.findall(self.text)

    def link_to(self, path: str) -> str:
        found = [link for link in self.links if urlsplit(link).path == path]
        assert found, f"no link to {path} in: {self.text}"
        return found[0]

    def token(self, path: str) -> str:
        return parse_qs(urlsplit(self.link_to(path)).query)["token"][0]


class Inbox:
    """Every message the SMTP server received, parsed; tests wait for the one they expect."""

    def __init__(self) -> None:
        self.messages: list[Received] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd API)
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        text_part = parsed.get_body(preferencelist=("plain",))
        html_part = parsed.get_body(preferencelist=("html",))
        self.messages.append(
            Received(
                to=str(parsed["To"]),
                subject=str(parsed["Subject"]),
                text="" if text_part is None else str(text_part.get_content()),
                html="" if html_part is None else str(html_part.get_content()),
                message=parsed,
            )
        )
        return "250 OK"

    def clear(self) -> None:
        self.messages.clear()

    def to(self, address: str, subject: str | None = None) -> list[Received]:
        return [
            item
            for item in self.messages
            if item.to == address and (subject is None or subject in item.subject)
        ]

    async def wait_for(self, address: str, subject: str | None = None, *, within: float = 15.0) -> Received:
        """The latest message to `address` (whose subject contains `subject`), waiting for it to arrive."""
        deadline = asyncio.get_running_loop().time() + within
        while True:
            found = self.to(address, subject)
            if found:
                return found[-1]
            if asyncio.get_running_loop().time() > deadline:
                seen = [(item.to, item.subject) for item in self.messages]
                raise AssertionError(f"no e-mail to {address} ({subject}) within {within} s; got {seen}")
            await asyncio.sleep(0.05)


INBOX = Inbox()
"""The one inbox of the run: the app under test (and its worker process) send every e-mail here."""
