"""The whole schema: Query, Mutation and Subscription composed from the domains, with its guards."""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from strawberry.extensions import (
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.tools import merge_types

from schema.accounts.api import AccountMutations, AccountQueries
from schema.audit.api import AuditQueries
from schema.error_handling import CodedErrorsSchema
from schema.framework.api import FrameworkMutations, FrameworkQueries
from schema.matching.api import MatchingMutations, MatchingQueries, MatchingSubscriptions
from schema.members.api import MemberMutations, MemberQueries
from schema.notifications.api import NotificationMutations, NotificationQueries
from schema.partners.api import PartnerMutations, PartnerQueries
from schema.postings.api import PostingMutations, PostingQueries
from schema.reports.api import ReportMutations, ReportQueries
from server.settings import Settings

Query = merge_types(
    "Query",
    (
        AccountQueries,
        PartnerQueries,
        PostingQueries,
        MemberQueries,
        MatchingQueries,
        FrameworkQueries,
        NotificationQueries,
        AuditQueries,
        ReportQueries,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        AccountMutations,
        PartnerMutations,
        PostingMutations,
        MemberMutations,
        MatchingMutations,
        FrameworkMutations,
        NotificationMutations,
        ReportMutations,
    ),
)
Subscription = merge_types("Subscription", (MatchingSubscriptions,))


def build_schema(settings: Settings) -> strawberry.Schema:
    """The schema with depth, alias and token limits; no introspection in production."""
    extensions: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        lambda: QueryDepthLimiter(max_depth=settings.max_query_depth),
        lambda: MaxAliasesLimiter(max_alias_count=settings.max_aliases),
        lambda: MaxTokensLimiter(max_token_count=settings.max_query_tokens),
    ]
    if settings.is_prod:
        extensions.append(DisableIntrospection)
    return CodedErrorsSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=extensions,
        mask_internal=settings.is_prod,
    )


# The committed SDL (schema/schema.graphql) is exported from this default instance.
schema = build_schema(Settings(passerelle_env="dev"))
