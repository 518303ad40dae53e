"""Column helpers shared by the models: UUID keys, timestamps, string enums with a CHECK."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Enum, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from server.db import utcnow
from server.kit.types import UTCDateTime


def uuid_pk() -> Mapped[uuid.UUID]:
    """Random UUID primary keys: not guessable, safe to expose."""
    return mapped_column(Uuid, primary_key=True, default=uuid.uuid4)


def timestamp_column() -> Mapped[datetime]:
    return mapped_column(UTCDateTime, default=utcnow, nullable=False)


def str_enum(enum_cls: type[enum.Enum], **kwargs: Any) -> Enum:
    """Enums stored as their values in a VARCHAR with a CHECK constraint (portable, readable)."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
        **kwargs,
    )
