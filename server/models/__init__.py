"""ORM models, one module per table family; importing this package registers every table."""

from server.models.accounts import AuthToken, Invitation, LoginAttempt, User, UserRole
from server.models.audit import AuditEntry
from server.models.notifications import Notification
from server.models.outbox import OutboxEvent
from server.models.partners import (
    Partner,
    PartnerEvent,
    PartnerEventKind,
    PartnershipTier,
    PartnerSizeBand,
    PartnerStatus,
)

__all__ = [
    "AuditEntry",
    "AuthToken",
    "Invitation",
    "LoginAttempt",
    "Notification",
    "OutboxEvent",
    "Partner",
    "PartnerEvent",
    "PartnerEventKind",
    "PartnerSizeBand",
    "PartnerStatus",
    "PartnershipTier",
    "User",
    "UserRole",
]
