"""GET /metrics: the Prometheus exposition, for the addresses and scrapers the settings name only."""

from __future__ import annotations

import hmac
import ipaddress
import logging
from typing import TYPE_CHECKING

from redis.asyncio import Redis
from redis.exceptions import RedisError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from server import metrics
from server.db import utcnow
from server.jobs.outbox import oldest_due_undelivered
from server.settings import Settings

if TYPE_CHECKING:
    from server.runtime import Runtime

logger = logging.getLogger(__name__)
ARQ_QUEUE = "arq:queue"  # arq's default queue, a sorted set of job ids
LOOPBACK = ("127.0.0.0/8", "::1/128")
REFUSED = "Métriques réservées à la supervision : adresse ou jeton non autorisé."


def allowed(request: Request, settings: Settings) -> bool:
    """Outside production anyone may read; in production, a named network or the bearer token."""
    if settings.metrics_token:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(token.strip(), settings.metrics_token):
            return True
    if not settings.is_prod and not settings.metrics_allowed_networks:
        return True
    networks = settings.metrics_allowed_networks or list(LOOPBACK)
    try:
        address = ipaddress.ip_address(request.client.host if request.client else "")
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(network, strict=False) for network in networks)


async def metrics_response(request: Request, runtime: Runtime) -> Response:
    settings = runtime.settings
    if not allowed(request, settings):
        return JSONResponse({"error": REFUSED}, status_code=403)
    async with runtime.session_factory() as session:
        oldest = await oldest_due_undelivered(session)
    depth = None
    if settings.redis_url:
        client = Redis.from_url(settings.redis_url, socket_connect_timeout=2)
        try:
            depth = int(await client.zcard(ARQ_QUEUE))
        except RedisError:
            logger.warning("arq queue depth not read: Redis unavailable")
        finally:
            await client.aclose()
    body = metrics.render(queue_depth=depth, oldest_undelivered=oldest, now=utcnow())
    return Response(body, media_type=metrics.CONTENT_TYPE_LATEST)
