"""E-mails from Jinja2 templates: HTML (autoescaped) and plain text, in French, one pair per kind."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

SUBJECTS: dict[str, str] = {
    "invitation": "Votre invitation à rejoindre Passerelle",
    "verify_email": "Confirmez votre adresse e-mail",
    "sign_up_existing": "Vous avez déjà un compte Passerelle",
    "password_reset": "Changer votre mot de passe Passerelle",
    "email_change": "Confirmez votre nouvelle adresse e-mail",
    "security_event": "Passerelle : {title}",
    "digest": "Passerelle : {title}",
}
"""Subject of each kind; `security_event` and `digest` fill in their short title."""

_environment = Environment(
    loader=PackageLoader("server.mail", "templates"),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
    undefined=StrictUndefined,  # a missing value is a bug, not an empty line in someone's inbox
    keep_trailing_newline=True,
)


def subject_of(template: str, values: dict[str, Any]) -> str:
    return SUBJECTS[template].format(title=values.get("title", ""))


def compose(sender: str, to: str, template: str, values: dict[str, Any]) -> EmailMessage:
    """A multipart/alternative message: text first, HTML preferred by clients that show it."""
    subject = subject_of(template, values)
    context = {"subject": subject, "name": "", "details": [], **values}
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = to
    message["Message-ID"] = make_msgid(domain="passerelle.invalid")
    message.set_content(_environment.get_template(f"{template}.txt").render(context))
    message.add_alternative(_environment.get_template(f"{template}.html").render(context), subtype="html")
    return message


def links_of(values: dict[str, Any]) -> list[str]:
    """The links a message carries (values named `…_url`), logged on the embedded default."""
    return [str(value) for key, value in sorted(values.items()) if key.endswith("_url")]
