"""create_app(): the ASGI application (GraphQL, health and readiness) and its lifespan."""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

from redis.asyncio import Redis
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET, UnsetType

from schema.api import build_schema
from schema.context import Context
from server import metrics
from server.accounts.service import authenticate, touch
from server.browser_session import cookie_token, origin_allowed, wants_cookie
from server.db import is_disconnect
from server.http import BodySizeLimitMiddleware, RequestLogMiddleware
from server.job_catalog import job_catalog
from server.jobs.relay import InProcessDispatcher
from server.kit import jsoncodec
from server.logging_setup import configure_logging
from server.metrics_endpoint import metrics_response
from server.migrations_runner import ensure_schema_current
from server.reports.http import download_report
from server.runtime import Runtime
from server.settings import Settings, get_settings
from server.web_client import NOT_BUILT, SecurityHeadersMiddleware, WebClient
from server.websocket_sessions import SessionBoundHandler

logger = logging.getLogger(__name__)
FOREIGN_ORIGIN = "Origine de la requête non autorisée : le client web s'utilise depuis le site lui-même."


def bearer_token(headers: Any) -> str | None:
    value = headers.get("authorization", "")
    scheme, _, token = value.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


class PasserelleGraphQL(GraphQL[Context, None]):
    """The GraphQL endpoint: JSON POST only for operations, context built per request.

    Callers authenticate with `Authorization: Bearer` or, for the web client, with its session cookie
    (see `server.browser_session`); the WebSocket accepts the app's own origin and CORS_ORIGINS.
    """

    def __init__(self, runtime_holder: dict[str, Runtime], settings: Settings, web_client: WebClient) -> None:
        super().__init__(
            build_schema(settings),
            graphql_ide=None if settings.is_prod else "graphiql",
            allow_queries_via_get=False,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            allowed_origins=settings.cors_origins,
            connection_init_wait_timeout=timedelta(seconds=settings.ws_init_timeout_seconds),
            max_subscriptions_per_connection=None,  # SessionBoundHandler's cap answers with a code
        )

        class Handler(SessionBoundHandler):
            check_seconds = settings.ws_session_check_seconds
            max_operations = settings.ws_max_subscriptions

        self.graphql_transport_ws_handler_class = Handler
        self._runtime_holder = runtime_holder
        self._settings = settings
        self._web_client = web_client

    def encode_json(self, data: object) -> str:
        """Text, not bytes: Strawberry sends bytes as binary WebSocket frames, which browsers refuse."""
        return jsoncodec.dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        """orjson stops at 1024 levels of nesting with a decode error (400), where the standard
        library recursed until a RecursionError (500) on a body of `[[[[…`. The size limit of HTTP
        bodies applies to WebSocket messages too (they pass here, not through the middleware)."""
        if len(data) > self._settings.max_body_bytes:
            raise json.JSONDecodeError("message too large", "", 0)
        return jsoncodec.loads(data)

    def create_response(self, response_data: Any, sub_response: Response) -> Response:
        """HTTP answers skip the text round trip: orjson's bytes go straight into the body."""
        response = Response(jsoncodec.dumps_bytes(response_data), media_type="application/json")
        response.headers.raw.extend(sub_response.headers.raw)  # the session cookie travels here
        response.background = sub_response.background
        if sub_response.status_code:
            response.status_code = sub_response.status_code
        return response

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Requests carrying the session cookie (or asking for it) must come from an allowed origin."""
        if scope["type"] == "http":
            request = Request(scope)
            browser = bool(cookie_token(request)) or wants_cookie(request)
            if browser and not origin_allowed(request, self._settings.cors_origins):
                refusal = {"errors": [{"message": FOREIGN_ORIGIN, "extensions": {"code": "FORBIDDEN"}}]}
                await JSONResponse(refusal, status_code=403)(scope, receive, send)
                return
        await super().__call__(scope, receive, send)

    async def render_graphql_ide(self, request: Request) -> Response:
        """GraphiQL built with the client (web/graphiql.html): no CDN, works offline and under the CSP."""
        page = self._web_client.page("graphiql.html")
        if page is None:
            return HTMLResponse(NOT_BUILT, status_code=503)
        return FileResponse(page, headers={"cache-control": "no-cache"})

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        """Over HTTP the token is looked up just before execution (`IdentifyCaller`), in the request's
        shared session; a WebSocket connection is identified here and in `on_ws_connect`."""
        runtime = self._runtime_holder["runtime"]
        token = bearer_token(request.headers)
        over_http = isinstance(request, Request)
        if token is None and over_http:
            token = cookie_token(request)
        user = None
        if token and not over_http:
            async with runtime.session_factory() as session:
                found = await authenticate(session, runtime.settings, token)
                if found is not None:
                    user = found.user
                    if found.stale:  # the list of devices shows each session's last use
                        await touch(session, token)
                        await session.commit()
        return Context(
            request=request,
            settings=runtime.settings,
            session_factory=runtime.session_factory,
            events=runtime.events,
            relay=runtime.relay,
            user=user,
            client_address=request.client.host if request.client else "inconnu",
            token=token,
            response=response if isinstance(response, Response) else None,
            shares_session=over_http,
            identified=not over_http,
        )

    async def execute_single(
        self,
        request: Request,
        request_adapter: Any,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: Any,
    ) -> ExecutionResult:
        """Run the operation, then release the request's session; once more if the pooled
        connection it met was found dropped and nothing was written (no pre-ping, see server.db)."""
        started = time.perf_counter()
        result = None
        try:
            result = await super().execute_single(
                request, request_adapter, sub_response, context, root_value, request_data
            )
            if _met_dropped_connection(result) and not context.wrote:
                await context.release()
                logger.warning("database connection found dropped; operation retried once")
                result = await super().execute_single(
                    request, request_adapter, sub_response, context, root_value, request_data
                )
            return result
        finally:
            await context.release()
            context.forget_loaded()
            codes = (
                [str((error.extensions or {}).get("code")) for error in (result.errors or ())]
                if result is not None
                else []
            )
            metrics.observe_request(
                context.operation_name or request_data.operation_name,
                context.operation_type,
                time.perf_counter() - started,
                codes,
            )

    async def on_ws_connect(self, context: Context) -> UnsetType:
        """WebSocket clients authenticate in `connection_init` ({"authorization": "Bearer <token>"}),
        or the web client with its session cookie (the origin was checked at the handshake)."""
        params = context.connection_params or {}
        raw = params.get("authorization") or params.get("Authorization")
        token = bearer_token({"authorization": raw}) if isinstance(raw, str) else None
        if token is None and isinstance(context.request, WebSocket):
            token = cookie_token(context.request)
        if token is None:
            return UNSET  # type: ignore[no-any-return]
        runtime = self._runtime_holder["runtime"]
        async with runtime.session_factory() as session:
            found = await authenticate(session, runtime.settings, token)
        if found is None:
            raise ConnectionRejectionError({"message": "Jeton invalide ou expiré."})
        context.user = found.user
        context.token = token
        return UNSET  # type: ignore[no-any-return]


def _met_dropped_connection(result: ExecutionResult) -> bool:
    return any(
        error.original_error is not None and is_disconnect(error.original_error)
        for error in result.errors or ()
    )


def create_app(settings: Settings | None = None, *, check_schema: bool = True) -> Starlette:
    """Build the app; on start it checks the schema is migrated and, without Redis, runs the jobs."""
    config = settings or get_settings()
    configure_logging(config)
    holder: dict[str, Runtime] = {}
    web_client = WebClient(config.web_dist_dir)
    graphql = PasserelleGraphQL(holder, config, web_client)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        runtime = Runtime.build(config)
        holder["runtime"] = runtime
        app.state.runtime = runtime
        try:
            if check_schema:
                await ensure_schema_current(runtime.engine)
            # jobs (and so the member pool) run here only on the embedded default
            runtime.start_warm_up(member_pool=config.redis_url is None)
            if config.redis_url is None:
                runtime.start_background(InProcessDispatcher(runtime.job_context, job_catalog()))
            yield
        finally:
            await runtime.close()

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        runtime = holder["runtime"]
        checks: dict[str, str] = {"framework": runtime.warm.state}
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

    async def metrics_endpoint(request: Request) -> Response:
        return await metrics_response(request, holder["runtime"])

    middleware = [
        Middleware(RequestLogMiddleware),
        # the client's scripts and the API's JSON compress 3–5×; ZIP, images and streams are left as they are
        Middleware(GZipMiddleware, minimum_size=1024, compresslevel=6),
        Middleware(SecurityHeadersMiddleware, production=config.is_prod),
        Middleware(BodySizeLimitMiddleware, max_bytes=config.max_body_bytes),
    ]
    if config.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=config.cors_origins,
                allow_methods=["GET", "POST"],
                allow_headers=["authorization", "content-type", "x-passerelle-client"],
                allow_credentials=True,
            )
        )
    return Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", metrics_endpoint),
            Route("/reports/{report_id}/download/{fmt}", download_report, methods=["GET"]),
            Mount("/", app=web_client),
        ],
        middleware=middleware,
        lifespan=lifespan,
    )
