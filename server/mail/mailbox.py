"""The embedded default's mailbox: each e-mail a `.eml` file in MAIL_DIR, read back by `passerelle mail`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path


def write(folder: Path, message: EmailMessage, mail_id: str) -> Path:
    """Named by time then id, so a listing sorted by name is in sending order."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    path = folder / f"{stamp}-{mail_id}.eml"
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(message.as_bytes())
    temporary.replace(path)  # a reader never sees half a message
    return path


@dataclass(frozen=True)
class StoredMail:
    name: str
    to: str
    subject: str
    date: str


def read(path: Path) -> EmailMessage:
    parsed = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(parsed, EmailMessage)  # noqa: S101 (policy.default builds EmailMessage)
    return parsed


def listing(folder: Path) -> list[StoredMail]:
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.eml")):
        message = read(path)
        found.append(
            StoredMail(
                name=path.stem, to=str(message["To"]), subject=str(message["Subject"]), date=path.stem[:15]
            )
        )
    return found


def find(folder: Path, name: str) -> Path | None:
    """A message by its name, or by a unique prefix of it, or by the id part."""
    if not folder.is_dir():
        return None
    matches = [
        path for path in sorted(folder.glob("*.eml")) if path.stem.startswith(name) or name in path.stem
    ]
    return matches[0] if len(matches) == 1 else None


def text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    return "" if part is None else str(part.get_content())
