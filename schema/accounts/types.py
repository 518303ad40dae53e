"""GraphQL types of users and sessions."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from schema.context import Context
from schema.enums import UserRole
from schema.partners.types import PartnerType
from server.models.accounts import User


@strawberry.type(name="User", description="Un compte de la plateforme.")
class UserType:
    id: uuid.UUID
    email: str
    full_name: str
    role: UserRole
    is_active: bool
    has_accepted_invitation: bool
    created_at: datetime
    last_login_at: datetime | None
    email_verified: bool = strawberry.field(
        description="Adresse confirmée (lien reçu par e-mail) ; "
        "un·e membre non confirmé·e n'est proposé·e à personne."
    )
    has_second_factor: bool = strawberry.field(description="Double authentification (TOTP) active.")
    partner_id: strawberry.Private[uuid.UUID | None]

    @classmethod
    def of(cls, user: User) -> UserType:
        return cls(
            id=user.id,
            email=user.email,
            full_name=user.full_name,
            role=user.role,
            is_active=user.is_active,
            has_accepted_invitation=user.password_hash is not None,
            created_at=user.created_at,
            last_login_at=user.last_login_at,
            email_verified=user.email_verified_at is not None,
            has_second_factor=user.has_second_factor,
            partner_id=user.partner_id,
        )

    @strawberry.field(description="L'entreprise partenaire du compte, s'il en a une.")
    async def partner(self, info: Info[Context, Any]) -> PartnerType | None:
        if self.partner_id is None:
            return None
        partner = await info.context.loaders.partner_by_id.load(self.partner_id)
        return None if partner is None else PartnerType.of(partner)
