"""Permission classes declared on fields: the server checks every protected field, always."""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission
from strawberry.types import Info

from schema.enums import UserRole
from server.kit.errors import ApiErrorCode, Unauthenticated


def _role(info: Info[Any, Any]) -> UserRole | None:
    user = info.context.user
    return None if user is None else user.role


class IsAuthenticated(BasePermission):
    message = "Authentification requise : connectez-vous."
    error_extensions = {"code": ApiErrorCode.UNAUTHENTICATED.value}  # noqa: RUF012  (strawberry API)

    def has_permission(self, source: Any, info: Info[Any, Any], **kwargs: Any) -> bool:
        return info.context.user is not None


class _RolePermission(BasePermission):
    """Refuses with UNAUTHENTICATED when signed out, FORBIDDEN when the role is not allowed."""

    roles: frozenset[UserRole] = frozenset()
    message = "Vous n'avez pas les droits pour cette action."
    error_extensions = {"code": ApiErrorCode.FORBIDDEN.value}  # noqa: RUF012  (strawberry API)

    def has_permission(self, source: Any, info: Info[Any, Any], **kwargs: Any) -> bool:
        role = _role(info)
        if role is None:
            raise Unauthenticated()
        return role in self.roles


class IsStaff(_RolePermission):
    roles = frozenset({UserRole.FEDERATION_ADMIN})
    message = "Réservé à l'équipe de la fédération."


class IsPartnerUser(_RolePermission):
    roles = frozenset({UserRole.PARTNER_ADMIN, UserRole.PARTNER_RECRUITER})
    message = "Réservé aux utilisateur·rices des entreprises partenaires."


class IsPartnerAdmin(_RolePermission):
    roles = frozenset({UserRole.PARTNER_ADMIN})
    message = "Réservé aux administrateur·rices de l'entreprise partenaire."


class IsStaffOrPartnerAdmin(_RolePermission):
    roles = frozenset({UserRole.FEDERATION_ADMIN, UserRole.PARTNER_ADMIN})


class IsStaffOrPartnerUser(_RolePermission):
    roles = frozenset({UserRole.FEDERATION_ADMIN, UserRole.PARTNER_ADMIN, UserRole.PARTNER_RECRUITER})


class IsMember(_RolePermission):
    roles = frozenset({UserRole.MEMBER})
    message = "Réservé aux membres (assistant·es)."


class IsMemberOrPartnerUser(_RolePermission):
    roles = frozenset({UserRole.MEMBER, UserRole.PARTNER_ADMIN, UserRole.PARTNER_RECRUITER})
    message = "Réservé aux membres et aux utilisateur·rices des entreprises partenaires."
