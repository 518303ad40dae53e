"""Serves the built web client (`web/dist`) from the API's own origin, and its security headers.

Hashed files under /assets/ never change: cached for a year as immutable. `index.html` is revalidated
every time (`no-cache`) so a new build is picked up at once. Any other path without a file extension is
a page of the client (a deep link): it answers `index.html` and the client's router takes over.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"

# Only the app's own scripts; inline styles stay allowed (React's style attributes, GraphiQL's editor).
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),  # frame-ancestors for browsers that ignore the CSP
)
# Answers that carry personal data: never kept by a browser or a shared proxy cache.
PRIVATE_PREFIXES = ("/graphql", "/reports/")
NO_STORE = (b"cache-control", b"no-store")
HSTS = (b"strict-transport-security", b"max-age=63072000; includeSubDomains")

NOT_BUILT = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Passerelle</title></head>
<body><h1>Client web non construit</h1><p>Lancez <code>make run</code>
(ou <code>npm ci && npm run build</code> dans <code>web/</code>) pour construire le client ;
l'API reste disponible sur <code>/graphql</code>.</p></body></html>"""


class WebClient:
    """GET/HEAD on anything the API's own routes do not answer."""

    def __init__(self, dist: Path | None = None) -> None:
        self.dist = (dist or DEFAULT_DIST).resolve()

    def page(self, name: str) -> Path | None:
        """A built HTML page (`index.html`, `graphiql.html`), or None before the first build."""
        path = self.dist / name
        return path if path.is_file() else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = self.respond(scope["method"], scope["path"])
        await response(scope, receive, send)

    def respond(self, method: str, path: str) -> Response:
        if method not in ("GET", "HEAD"):
            return PlainTextResponse("Méthode non autorisée.", status_code=405, headers={"allow": "GET"})
        relative = PurePosixPath(path.lstrip("/"))
        if ".." in relative.parts or relative.name == "graphiql.html":  # GraphiQL: at /graphql, dev only
            return PlainTextResponse("Introuvable.", status_code=404)
        candidate = self.dist / relative
        if relative.parts and candidate.is_file():
            cache = IMMUTABLE if relative.parts[0] == "assets" else REVALIDATE
            return FileResponse(candidate, headers={"cache-control": cache})
        if relative.suffix:
            return PlainTextResponse("Introuvable.", status_code=404)
        index = self.page("index.html")
        if index is None:
            return HTMLResponse(NOT_BUILT, status_code=503, headers={"cache-control": REVALIDATE})
        return FileResponse(index, headers={"cache-control": REVALIDATE})


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy and companions to every HTTP response.

    `/graphql` and report downloads get `Cache-Control: no-store` (they carry personal data); HSTS is
    sent in production when the request came over HTTPS (uvicorn's `--proxy-headers` sets the scheme
    from the proxy's `X-Forwarded-Proto`), never over plain HTTP where it would mean nothing.
    """

    def __init__(self, app: ASGIApp, *, production: bool = False) -> None:
        self.app = app
        self.production = production

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = list(SECURITY_HEADERS)
        if self.production and scope.get("scheme") == "https":
            extra.append(HSTS)
        private = str(scope.get("path", "")).startswith(PRIVATE_PREFIXES)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                cache = b", ".join(value for name, value in headers if name.lower() == b"cache-control")
                if private and b"no-store" not in cache:
                    headers = [(name, value) for name, value in headers if name.lower() != b"cache-control"]
                    headers.append(NO_STORE)
                message["headers"] = [*headers, *extra]
            await send(message)

        await self.app(scope, receive, with_headers)
