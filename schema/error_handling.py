"""Every GraphQL error leaves with `extensions.code` from a fixed set; unexpected ones are logged.

Expected refusals (authentication, permission, not found, rate limit, bad input) keep their message;
anything else is a bug: it is logged with an id, and in production the client sees only that id.
"""

from __future__ import annotations

import logging
import re
import uuid
from typing import Any

import strawberry
from graphql import GraphQLEnumType, GraphQLError
from strawberry.types import ExecutionContext

from server.kit.errors import AccessError, ApiErrorCode, RateLimited

logger = logging.getLogger("passerelle.graphql")
KNOWN_CODES = frozenset(code.value for code in ApiErrorCode)
UNKNOWN_ENUM_VALUE = re.compile(r"does not exist in '(\w+)' enum\.")
# graphql-core's hints name fields, arguments and types: with introspection off they would rebuild it.
SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


def classify(error: GraphQLError) -> ApiErrorCode:
    original = error.original_error
    if isinstance(original, AccessError):
        return original.code
    if isinstance(original, GraphQLError):
        code = (original.extensions or {}).get("code")
        if code in KNOWN_CODES:
            return ApiErrorCode(code)
    code = (error.extensions or {}).get("code")
    if code in KNOWN_CODES:
        return ApiErrorCode(code)
    if original is None or not error.path:
        # Syntax, validation, limits and variable coercion: the request itself is malformed.
        return ApiErrorCode.BAD_USER_INPUT
    return ApiErrorCode.INTERNAL_SERVER_ERROR


class CodedErrorsSchema(strawberry.Schema):
    def __init__(self, *args: Any, mask_internal: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._mask_internal = mask_internal

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            code = classify(error)
            extensions = dict(error.extensions or {})
            extensions["code"] = code.value
            if isinstance(error.original_error, RateLimited) and error.original_error.retry_after_seconds:
                extensions["retryAfterSeconds"] = error.original_error.retry_after_seconds
            if code is ApiErrorCode.INTERNAL_SERVER_ERROR:
                error_id = uuid.uuid4().hex[:12]
                extensions["errorId"] = error_id
                logger.error("internal error %s", error_id, exc_info=error.original_error)
                if self._mask_internal:
                    error.message = f"Erreur interne (référence {error_id}). L'équipe a été prévenue."
            error.extensions = extensions
            if self._mask_internal:
                error.message = SUGGESTION.sub("", error.message)
            if code is ApiErrorCode.BAD_USER_INPUT:
                error.message = self._with_allowed_values(error.message)

    def _with_allowed_values(self, message: str) -> str:
        """An unknown enum value (a CEFR level `B3`) names every allowed value, not only the nearest."""
        found = UNKNOWN_ENUM_VALUE.search(message)
        enum_type = self._schema.get_type(found.group(1)) if found else None
        if not isinstance(enum_type, GraphQLEnumType):
            return message
        return f"{message} Valeurs possibles : {', '.join(enum_type.values)}."
