"""Browser tests: Debian's Chromium (never a downloaded browser) driven by Playwright's async API,
against a real `passerelle serve` process serving the real build (web/dist) on the embedded default.

Without Chromium or the build, these tests are skipped with the reason; with CI=true, that is a failure.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, BrowserContext, Page, async_playwright
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from harness.processes import ROOT, ApiProcess
from server.migrations_runner import upgrade
from server.models.accounts import UserRole
from tests.support import VALID_SIRENS, create_partner, create_user

CHROMIUM = os.environ.get("PASSERELLE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
DIST = ROOT / "web" / "dist"
AXE_SCRIPT = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
OTHER_ORIGIN = "https://partenaires.example"


def _require(ready: bool, reason: str) -> None:
    if ready:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: browser tests are required)")
    pytest.skip(reason)


@dataclass
class WebServer:
    """The running server, and a way to write test data into its database."""

    url: str
    session_factory: Any
    log: Path


@pytest.fixture(scope="session")
def web_prerequisites() -> None:
    _require(Path(CHROMIUM).exists(), f"Chromium introuvable ({CHROMIUM}) : apt-get install -y chromium")
    _require((DIST / "index.html").exists(), "client web non construit : make web (npm ci, npm run build)")
    _require(AXE_SCRIPT.exists(), "axe-core absent de web/node_modules : npm ci dans web/")


@pytest.fixture(scope="session")
async def web_server(web_prerequisites: None, smtp_port: int) -> AsyncIterator[WebServer]:
    """Its e-mails go to the run's SMTP server (`INBOX`), with links to itself."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{folder}/web.sqlite3"
        upgrade(url)
        process = ApiProcess(
            url,
            None,
            CORS_ORIGINS=OTHER_ORIGIN,
            SMTP_HOST="127.0.0.1",
            SMTP_PORT=str(smtp_port),
            SMTP_STARTTLS="false",
        )
        process.env["PUBLIC_URL"] = process.url
        process.start()
        engine = create_async_engine(url)
        try:
            yield WebServer(process.url, async_sessionmaker(engine, expire_on_commit=False), process.log_path)
        finally:
            await engine.dispose()
            process.stop()


@pytest.fixture(scope="session")
async def browser(web_server: WebServer) -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        yield launched
        await launched.close()


@dataclass
class Watched:
    """What a page reported while a test ran: uncaught errors and CSP violations must stay empty."""

    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)


@pytest.fixture
async def context(browser: Browser, web_server: WebServer) -> AsyncIterator[BrowserContext]:
    created = await browser.new_context(
        base_url=web_server.url, locale="fr-FR", viewport={"width": 1280, "height": 800}
    )
    await created.add_init_script(path=str(AXE_SCRIPT))  # injected by the browser, not under the CSP
    yield created
    await created.close()


@pytest.fixture
async def watched() -> Watched:
    return Watched()


@pytest.fixture
async def page(context: BrowserContext, watched: Watched) -> AsyncIterator[Page]:
    opened = await context.new_page()
    opened.on("pageerror", lambda error: watched.page_errors.append(str(error)))
    opened.on(
        "console",
        lambda message: (
            watched.csp_violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield opened
    assert watched.page_errors == [], watched.page_errors
    assert watched.csp_violations == [], watched.csp_violations


@dataclass(frozen=True)
class Account:
    email: str
    password: str
    partner_id: uuid.UUID | None


PASSWORD = "Motdepasse-solide-42"


@pytest.fixture(scope="session")
async def web_partner(web_server: WebServer) -> uuid.UUID:
    partner = await create_partner(web_server.session_factory, name="Atelier Dupont", siren=VALID_SIRENS[1])
    return partner.id


async def new_account(web_server: WebServer, role: UserRole, partner_id: uuid.UUID | None) -> Account:
    """A fresh account (unique e-mail: the server's database lives for the whole session)."""
    email = f"{role.value}-{uuid.uuid4().hex[:8]}@exemple.fr"
    await create_user(web_server.session_factory, email=email, role=role, partner_id=partner_id)
    return Account(email=email, password=PASSWORD, partner_id=partner_id)


@pytest.fixture
async def partner_admin(web_server: WebServer, web_partner: uuid.UUID) -> Account:
    return await new_account(web_server, UserRole.PARTNER_ADMIN, web_partner)


@pytest.fixture
async def federation_admin(web_server: WebServer) -> Account:
    return await new_account(web_server, UserRole.FEDERATION_ADMIN, None)


@pytest.fixture
async def api(web_server: WebServer) -> AsyncIterator[httpx.AsyncClient]:
    """An API client of the same server (bearer tokens), to prepare what a test needs."""
    async with httpx.AsyncClient(base_url=web_server.url, timeout=30) as client:
        yield client
