"""`passerelle mail list|show`: read the e-mails the embedded default wrote to MAIL_DIR."""

from __future__ import annotations

import click

from server.mail import mailbox
from server.settings import get_settings


@click.group(help="Les e-mails écrits dans MAIL_DIR quand aucun serveur SMTP n'est configuré.")
def mail() -> None:
    pass


@mail.command("list", help="Liste les e-mails, du plus ancien au plus récent.")
def list_mail() -> None:
    folder = get_settings().mail_dir
    found = mailbox.listing(folder)
    if not found:
        click.echo(f"Aucun e-mail dans {folder}.")
        return
    for item in found:
        click.echo(f"{item.name}  {item.to}  {item.subject}")


@mail.command("show", help="Affiche un e-mail (texte et liens) ; NAME : son nom, un préfixe ou son id.")
@click.argument("name")
def show_mail(name: str) -> None:
    folder = get_settings().mail_dir
    path = mailbox.find(folder, name)
    if path is None:
        raise click.ClickException(f"Aucun e-mail unique ne correspond à « {name} » dans {folder}.")
    message = mailbox.read(path)
    click.echo(f"De : {message['From']}\nÀ : {message['To']}\nObjet : {message['Subject']}\n")
    click.echo(mailbox.text_of(message))
