"""The web client's session: an HttpOnly cookie beside the API's bearer tokens, and its CSRF guard.

How the server knows a call comes from the web client: the client sends `X-Passerelle-Client: web`.
Only then do `login`, `signUp` and `acceptInvitation` set the cookie (and leave the token out of the
body, so that no script can read it). Bearer API clients never send that header and see no change.

The cookie is `HttpOnly; SameSite=Strict; Path=/` and `Secure`, except over plain HTTP on localhost
(a browser would drop a Secure cookie there). A request that carries the cookie or the header must come
from the app's own origin or one listed in CORS_ORIGINS (its `Origin` header, else `Sec-Fetch-Site`):
with SameSite and JSON-only POST, this is the CSRF guard.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from starlette.requests import HTTPConnection
from starlette.responses import Response

from server.settings import Settings

COOKIE_NAME = "passerelle_session"
CLIENT_HEADER = "x-passerelle-client"
WEB_CLIENT = "web"
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})


def wants_cookie(connection: HTTPConnection) -> bool:
    """Whether the caller is the web client, which keeps its session in the cookie."""
    return connection.headers.get(CLIENT_HEADER, "").strip().lower() == WEB_CLIENT


def cookie_token(connection: HTTPConnection) -> str | None:
    return connection.cookies.get(COOKIE_NAME) or None


def own_origin(connection: HTTPConnection) -> str:
    """The origin the request was addressed to (scheme and Host header), as a browser writes it."""
    scheme = "https" if connection.url.scheme in ("https", "wss") else "http"
    return f"{scheme}://{connection.headers.get('host', '')}".lower()


def origin_allowed(connection: HTTPConnection, cors_origins: Sequence[str]) -> bool:
    """Same origin, or a configured one; without `Origin`, only a same-origin fetch or a non-browser."""
    origin = connection.headers.get("origin")
    if origin is None:
        return connection.headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")
    allowed = {own_origin(connection), *(entry.rstrip("/").lower() for entry in cors_origins)}
    return origin.rstrip("/").lower() in allowed


def _is_plain_local(connection: HTTPConnection) -> bool:
    host = urlsplit(f"//{connection.headers.get('host', '')}").hostname or ""
    return connection.url.scheme in ("http", "ws") and host in LOCAL_HOSTS


def set_session_cookie(
    response: Response, connection: HTTPConnection, settings: Settings, token: str
) -> None:
    response.set_cookie(
        COOKIE_NAME,
        token,
        max_age=settings.token_ttl_hours * 3600,
        path="/",
        secure=not _is_plain_local(connection),
        httponly=True,
        samesite="strict",
    )


def clear_session_cookie(response: Response, connection: HTTPConnection) -> None:
    response.delete_cookie(
        COOKIE_NAME, path="/", secure=not _is_plain_local(connection), httponly=True, samesite="strict"
    )
