"""ORM models, one module per table family; importing this package registers every table."""

from server.models.accounts import AuthToken, Invitation, LoginAttempt, User, UserRole
from server.models.audit import AuditEntry
from server.models.framework import FrameworkAlias, ReviewItem, ReviewState
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
from server.models.postings import (
    Posting,
    PostingCompetency,
    PostingKind,
    PostingLanguage,
    PostingStatus,
)

__all__ = [
    "AuditEntry",
    "AuthToken",
    "FrameworkAlias",
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
    "Posting",
    "PostingCompetency",
    "PostingKind",
    "PostingLanguage",
    "PostingStatus",
    "ReviewItem",
    "ReviewState",
    "User",
    "UserRole",
]
