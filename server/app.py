"""create_app(): the ASGI application (GraphQL, health and readiness) and its lifespan."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from redis.asyncio import Redis
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UNSET, UnsetType

from schema.api import build_schema
from schema.context import Context
from schema.loaders import Loaders
from server.accounts.service import authenticate
from server.http import BodySizeLimitMiddleware, RequestLogMiddleware
from server.jobs.relay import InProcessDispatcher
from server.kit import jsoncodec
from server.logging_setup import configure_logging
from server.migrations_runner import ensure_schema_current
from server.reports.http import download_report
from server.runtime import Runtime
from server.settings import Settings, get_settings

logger = logging.getLogger(__name__)


def bearer_token(headers: Any) -> str | None:
    value = headers.get("authorization", "")
    scheme, _, token = value.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


class PasserelleGraphQL(GraphQL[Context, None]):
    """The GraphQL endpoint: JSON POST only for operations, context built per request."""

    def __init__(self, runtime_holder: dict[str, Runtime], settings: Settings) -> None:
        super().__init__(
            build_schema(settings),
            graphql_ide=None if settings.is_prod else "graphiql",
            allow_queries_via_get=False,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        )
        self._runtime_holder = runtime_holder

    def encode_json(self, data: object) -> bytes:
        return jsoncodec.dumps_bytes(data)

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        runtime = self._runtime_holder["runtime"]
        token = bearer_token(request.headers)
        user = None
        if token:
            async with runtime.session_factory() as session:
                user = await authenticate(session, token)
        return Context(
            request=request,
            settings=runtime.settings,
            session_factory=runtime.session_factory,
            events=runtime.events,
            relay=runtime.relay,
            user=user,
            client_address=request.client.host if request.client else "inconnu",
            token=token,
            loaders=Loaders.for_request(runtime.session_factory),
        )

    async def on_ws_connect(self, context: Context) -> UnsetType:
        """WebSocket clients authenticate in `connection_init`: {"authorization": "Bearer <token>"}."""
        params = context.connection_params or {}
        raw = params.get("authorization") or params.get("Authorization")
        token = bearer_token({"authorization": raw}) if isinstance(raw, str) else None
        if token is None:
            return UNSET  # type: ignore[no-any-return]
        runtime = self._runtime_holder["runtime"]
        async with runtime.session_factory() as session:
            user = await authenticate(session, token)
        if user is None:
            raise ConnectionRejectionError({"message": "Jeton invalide ou expiré."})
        context.user = user
        context.token = token
        return UNSET  # type: ignore[no-any-return]


def create_app(settings: Settings | None = None, *, check_schema: bool = True) -> Starlette:
    """Build the app; on start it checks the schema is migrated and, without Redis, runs the jobs."""
    config = settings or get_settings()
    configure_logging(config)
    holder: dict[str, Runtime] = {}
    graphql = PasserelleGraphQL(holder, config)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        runtime = Runtime.build(config)
        holder["runtime"] = runtime
        app.state.runtime = runtime
        try:
            if check_schema:
                await ensure_schema_current(runtime.engine)
            if config.redis_url is None:
                runtime.start_background(InProcessDispatcher(runtime.job_context))
            yield
        finally:
            await runtime.close()

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        runtime = holder["runtime"]
        checks: dict[str, str] = {}
        try:
            async with runtime.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
            checks["database"] = "ok"
        except Exception as error:
            checks["database"] = f"indisponible : {type(error).__name__}"
        if config.redis_url:
            client = Redis.from_url(config.redis_url, socket_connect_timeout=2)
            try:
                await client.ping()
                checks["redis"] = "ok"
            except Exception as error:
                checks["redis"] = f"indisponible : {type(error).__name__}"
            finally:
                await client.aclose()
        ready = all(value == "ok" for value in checks.values())
        return JSONResponse({"ready": ready, "checks": checks}, status_code=200 if ready else 503)

    middleware = [
        Middleware(RequestLogMiddleware),
        Middleware(BodySizeLimitMiddleware, max_bytes=config.max_body_bytes),
    ]
    if config.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=config.cors_origins,
                allow_methods=["GET", "POST"],
                allow_headers=["authorization", "content-type"],
            )
        )
    return Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/reports/{report_id}/download/{fmt}", download_report, methods=["GET"]),
        ],
        middleware=middleware,
        lifespan=lifespan,
    )
