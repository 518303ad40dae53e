"""Typed settings read once from the environment, so every process agrees on its configuration."""

from __future__ import annotations

import ipaddress
import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_SQLITE_PATH = Path("var") / "passerelle.sqlite3"
PROD_SECRET_MIN_LENGTH = 32  # the README's rule: 32 random characters, ~190 bits from a password manager
DEV_SECRET = "dev-only-secret-change-me"  # noqa: S105  (a placeholder the prod validator refuses)


class Settings(BaseSettings):
    """Every knob the product has; the README's configuration table mirrors this class."""

    model_config = SettingsConfigDict(env_prefix="", extra="ignore", case_sensitive=False)

    database_url: str = Field(
        default=f"sqlite+aiosqlite:///{DEFAULT_SQLITE_PATH}",
        description="SQLAlchemy async URL: sqlite+aiosqlite:///file or postgresql+asyncpg://…",
    )
    redis_url: str | None = Field(
        default=None, description="Redis URL for the arq queue; unset = jobs run in-process."
    )
    passerelle_env: Literal["dev", "prod", "test"] = Field(
        default="dev", description="prod masks errors and turns off GraphiQL and introspection."
    )
    secret_key: str = Field(
        default=DEV_SECRET,
        min_length=16,
        description="Signs short-lived download links; must be set (and secret) in production.",
    )
    token_ttl_hours: int = Field(default=24 * 7, ge=1, le=24 * 90)
    invitation_ttl_hours: int = Field(default=24 * 7, ge=1, le=24 * 60)
    # NoDecode: a comma-separated CORS_ORIGINS is split by the validator below, not parsed as JSON
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    max_body_bytes: int = Field(default=1_000_000, ge=1024)
    max_query_depth: int = Field(default=12, ge=2)
    max_aliases: int = Field(default=30, ge=1)
    max_query_tokens: int = Field(default=2_000, ge=50)
    max_query_cost: int = Field(
        default=5_000, ge=10, description="Fields an operation may select once its fragments are expanded."
    )
    ws_init_timeout_seconds: float = Field(
        default=5.0, gt=0, description="A WebSocket that sends no connection_init within this is closed."
    )
    ws_max_subscriptions: int = Field(default=10, ge=1, description="Subscriptions one WebSocket may hold.")
    ws_session_check_seconds: float = Field(
        default=10.0, gt=0, description="How often a WebSocket re-checks its session (and at once on logout)."
    )
    max_page_size: int = Field(default=100, ge=1, le=1000)
    login_max_failures_per_account: int = Field(default=5, ge=1)
    login_max_failures_per_address: int = Field(default=20, ge=1)
    login_failure_window_minutes: int = Field(default=15, ge=1)
    sign_up_max_per_address: int = Field(
        default=10, ge=1, description="Sign-ups one client address may make per rate-limit window."
    )
    renewal_notice_days: int = Field(default=30, ge=1)
    job_timeout_seconds: int = Field(
        default=120, ge=1, description="A killed worker's job is retried this long (+10 s) after it began."
    )
    db_pool_size: int = Field(
        default=10, ge=1, description="PostgreSQL connections each process keeps open (per API process)."
    )
    db_max_overflow: int = Field(default=10, ge=0, description="Extra connections a process opens at peaks.")
    outbox_poll_seconds: float = Field(default=0.5, gt=0)
    scheduler_tick_seconds: float = Field(default=60.0, gt=0)
    scheduler_enabled: bool = Field(
        default=True, description="Run the daily and monthly jobs from this process (off in tests)."
    )
    smtp_host: str | None = Field(
        default=None, description="SMTP server for every e-mail; unset = written to MAIL_DIR as .eml files."
    )
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = Field(default=True, description="Upgrade the connection with STARTTLS.")
    smtp_sender: str = Field(default="Passerelle <no-reply@passerelle.invalid>")
    mail_dir: Path = Field(
        default=Path("var") / "mail", description="Where e-mails go without SMTP (read by `passerelle mail`)."
    )
    mail_max_attempts: int = Field(
        default=8, ge=1, description="Sending attempts (2 s, 4 s, 8 s… apart) before staff are told."
    )
    public_url: str = Field(
        default="http://localhost:8000", description="The web client's address, used in e-mailed links."
    )
    email_verification_ttl_hours: int = Field(default=48, ge=1, le=24 * 30)
    password_reset_ttl_minutes: int = Field(default=60, ge=5, le=24 * 60)
    password_reset_max_per_address: int = Field(
        default=3, ge=1, description="Reset requests per e-mail address (and per account) per window."
    )
    password_reset_max_per_client: int = Field(default=20, ge=1)
    password_reset_window_minutes: int = Field(default=60, ge=1)
    staff_second_factor_required: bool | None = Field(
        default=None, description="Staff must enrol TOTP before reaching data; unset = only in production."
    )
    # NoDecode: comma-separated, like CORS_ORIGINS
    metrics_allowed_networks: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Addresses or networks (CIDR) allowed to read /metrics; empty = loopback only in prod.",
    )
    metrics_token: str | None = Field(
        default=None, min_length=16, description="A bearer token that also grants /metrics (for a scraper)."
    )
    worker_metrics_port: int | None = Field(
        default=None,
        ge=1,
        le=65535,
        description="Where `passerelle worker` serves its job metrics; unset = off.",
    )
    worker_metrics_host: str = Field(default="127.0.0.1")
    log_level: str = Field(default="INFO")
    web_dist_dir: Path | None = Field(
        default=None, description="The built web client to serve at /; unset = web/dist beside the code."
    )

    @field_validator("cors_origins", "metrics_allowed_networks", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        """Accept a comma-separated string, the natural form of an environment variable."""
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):  # a JSON list, pydantic-settings' own form for lists
                return json.loads(text)
            return [origin.strip() for origin in text.split(",") if origin.strip()]
        return value

    @field_validator("metrics_allowed_networks")
    @classmethod
    def _valid_networks(cls, value: list[str]) -> list[str]:
        for network in value:
            ipaddress.ip_network(network, strict=False)  # raises ValueError on a typo
        return value

    @model_validator(mode="after")
    def _real_secret_in_prod(self) -> Settings:
        """A guessable signing key in production would let anyone forge download links."""
        if self.passerelle_env == "prod" and self.secret_key == DEV_SECRET:
            raise ValueError("SECRET_KEY must be set in production (PASSERELLE_ENV=prod)")
        if self.passerelle_env == "prod" and len(self.secret_key) < PROD_SECRET_MIN_LENGTH:
            raise ValueError(
                f"SECRET_KEY must be at least {PROD_SECRET_MIN_LENGTH} random characters in production"
            )
        return self

    @property
    def is_prod(self) -> bool:
        return self.passerelle_env == "prod"

    @property
    def requires_staff_second_factor(self) -> bool:
        if self.staff_second_factor_required is None:
            return self.is_prod
        return self.staff_second_factor_required

    def link(self, path: str) -> str:
        """An absolute link into the web client, for e-mails."""
        return self.public_url.rstrip("/") + path

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; tests build their own `Settings` and pass it explicitly."""
    return Settings()
