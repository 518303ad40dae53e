"""Who is making a request, as the services see it (no HTTP detail)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from server.kit.errors import Forbidden
from server.models.accounts import UserRole


@dataclass(frozen=True)
class Actor:
    user_id: uuid.UUID | None
    role: UserRole | None
    partner_id: uuid.UUID | None
    label: str

    @property
    def is_staff(self) -> bool:
        return self.role is UserRole.FEDERATION_ADMIN

    @property
    def is_partner_user(self) -> bool:
        return self.role is not None and self.role.is_partner

    @property
    def is_member(self) -> bool:
        return self.role is UserRole.MEMBER

    def require_user_id(self) -> uuid.UUID:
        if self.user_id is None:
            raise Forbidden()
        return self.user_id


SYSTEM = Actor(user_id=None, role=None, partner_id=None, label="système")
