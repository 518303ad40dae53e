"""GET /reports/{id}/download/{format}?expires=…&signature=…: serve a rendered report file.

The signed link was handed out by GraphQL to someone allowed to see the report, and it expires within
minutes (see `signing`); the right is checked again here, at download time: a link stops working
when its user is deactivated, their company is suspended or ended, or they lose access otherwise.
"""

from __future__ import annotations

import uuid
from urllib.parse import quote

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from server.accounts.service import LOGIN_ALLOWED_STATUSES, actor_for
from server.db import utcnow
from server.models.accounts import User
from server.models.partners import Partner
from server.models.reports import ReportFormat
from server.reports import repository
from server.reports.service import can_see
from server.reports.signing import is_valid

INLINE = {ReportFormat.HTML, ReportFormat.PDF}  # opened in the browser; the CSV archive is saved
# a report page needs nothing but its own inline styles and SVG: no script, no request elsewhere
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


async def may_download(session: AsyncSession, user_id: uuid.UUID, report_id: uuid.UUID) -> bool:
    """The link's user is still active, their company still open, and the report still theirs to see."""
    user = await session.get(User, user_id)
    if user is None or not user.is_active:
        return False
    if user.partner_id is not None:
        partner = await session.get(Partner, user.partner_id)
        if partner is None or partner.status not in LOGIN_ALLOWED_STATUSES:
            return False
    report = await repository.get_report(session, report_id)
    return report is not None and can_see(actor_for(user), report)


def _refusal(status: int, message: str) -> Response:
    return JSONResponse({"error": message}, status_code=status, headers={"Cache-Control": "no-store"})


async def download_report(request: Request) -> Response:
    try:
        report_id = uuid.UUID(request.path_params["report_id"])
        fmt = ReportFormat(request.path_params["fmt"])
        expires = int(request.query_params.get("expires", ""))
        user_id = uuid.UUID(request.query_params.get("user", ""))
    except ValueError:
        return _refusal(404, "Lien de téléchargement introuvable.")
    runtime = request.app.state.runtime
    signature = request.query_params.get("signature", "")
    if not is_valid(runtime.settings.secret_key, report_id, fmt, expires, signature, utcnow(), user_id):
        return _refusal(403, "Lien de téléchargement invalide ou expiré : demandez-en un nouveau.")
    async with runtime.session_factory() as session:
        if not await may_download(session, user_id, report_id):
            return _refusal(403, "Vous n'avez plus accès à ce rapport.")
        stored = await repository.get_file(session, report_id, fmt)
    if stored is None:
        return _refusal(404, "Ce rapport n'est pas (encore) disponible dans ce format.")
    disposition = "inline" if fmt in INLINE else "attachment"
    return Response(
        stored.content,
        media_type=stored.media_type,
        headers={
            "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(stored.filename)}",
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        },
    )
