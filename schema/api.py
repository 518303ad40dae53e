"""The whole schema: Query, Mutation and Subscription composed from the domains, with its guards."""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from graphql import ASTValidationRule
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
    ValidationCache,
)
from strawberry.tools import merge_types

from schema.accounts.api import AccountMutations, AccountQueries
from schema.accounts.security import SecurityMutations, SecurityQueries
from schema.audit.api import AuditQueries
from schema.descriptions import describe
from schema.error_handling import CodedErrorsSchema
from schema.framework.api import FrameworkMutations, FrameworkQueries
from schema.limits import Limits, limits_rule
from schema.matching.api import MatchingMutations, MatchingQueries, MatchingSubscriptions
from schema.members.api import MemberMutations, MemberQueries
from schema.notifications.api import NotificationMutations, NotificationQueries
from schema.partners.api import PartnerMutations, PartnerQueries
from schema.places.api import PlaceQueries
from schema.plain_fields import PlainLeavesExecutionContext, read_plain_fields_directly
from schema.postings.api import PostingMutations, PostingQueries
from schema.reports.api import ReportMutations, ReportQueries
from schema.request_scope import IdentifyCaller
from schema.text_input import TextInputGuard
from schema.websocket_rules import WebSocketOperations
from server.settings import Settings

Query = merge_types(
    "Query",
    (
        AccountQueries,
        SecurityQueries,
        PartnerQueries,
        PostingQueries,
        MemberQueries,
        MatchingQueries,
        FrameworkQueries,
        PlaceQueries,
        NotificationQueries,
        AuditQueries,
        ReportQueries,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        AccountMutations,
        SecurityMutations,
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


# Clients send the same few documents again and again: parsing and validating each once saves
# most of a small request's CPU. Bounded, so distinct query texts cannot grow memory.
DOCUMENT_CACHE_SIZE = 512


def build_schema(settings: Settings) -> strawberry.Schema:
    """The schema with depth, alias, cost and token limits; no introspection in production.

    The limit rules are built once per schema, not per request: the validation cache is keyed by
    the rules, so per-request rule classes would never hit it.
    """
    limits: list[type[ASTValidationRule]] = [
        limits_rule(
            Limits(
                max_depth=settings.max_query_depth,
                max_aliases=settings.max_aliases,
                max_cost=settings.max_query_cost,
            )
        )
    ]
    extensions: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=settings.max_query_tokens),
        lambda: AddValidationRules(limits),
        lambda: ParserCache(maxsize=DOCUMENT_CACHE_SIZE),
        lambda: ValidationCache(maxsize=DOCUMENT_CACHE_SIZE),
        IdentifyCaller,
        TextInputGuard,
        WebSocketOperations,
    ]
    if settings.is_prod:
        extensions.append(DisableIntrospection)
    built = CodedErrorsSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=extensions,
        execution_context_class=PlainLeavesExecutionContext,
        mask_internal=settings.is_prod,
    )
    describe(built._schema)
    read_plain_fields_directly(built._schema)
    return built


# The committed SDL (schema/schema.graphql) is exported from this default instance.
schema = build_schema(Settings(passerelle_env="dev"))
