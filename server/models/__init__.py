"""ORM models, one module per table family; importing this package registers every table."""

from server.models.accounts import (
    AccountRequest,
    AccountToken,
    AccountTokenPurpose,
    AuthToken,
    Invitation,
    LoginAttempt,
    RecoveryCode,
    User,
    UserRole,
)
from server.models.audit import AuditEntry
from server.models.framework import FrameworkAlias, ReviewItem, ReviewState
from server.models.mail import OutgoingMail
from server.models.matching import FeedbackReason, Match, MatchFeedback, MatchState, MemberResponse
from server.models.members import (
    Certification,
    ConsentRecord,
    MemberCompetency,
    MemberExperience,
    MemberLanguage,
    MemberProfile,
    ProfessionalStatus,
    Visibility,
)
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
from server.models.reports import Report, ReportFile, ReportFormat, ReportKind, ReportStatus

__all__ = [
    "AccountRequest",
    "AccountToken",
    "AccountTokenPurpose",
    "AuditEntry",
    "AuthToken",
    "Certification",
    "ConsentRecord",
    "FeedbackReason",
    "FrameworkAlias",
    "Invitation",
    "LoginAttempt",
    "Match",
    "MatchFeedback",
    "MatchState",
    "MemberCompetency",
    "MemberExperience",
    "MemberLanguage",
    "MemberProfile",
    "MemberResponse",
    "Notification",
    "OutboxEvent",
    "OutgoingMail",
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
    "ProfessionalStatus",
    "RecoveryCode",
    "Report",
    "ReportFile",
    "ReportFormat",
    "ReportKind",
    "ReportStatus",
    "ReviewItem",
    "ReviewState",
    "User",
    "UserRole",
    "Visibility",
]
