"""`dealpilot token`: make and revoke personal API tokens from the command line."""

from __future__ import annotations

import click

from dealpilot.cli.demo import _setup_django


@click.group()
def token() -> None:
    """API tokens: create one for a user (printed once), revoke one by its prefix."""


@token.command("create")
@click.argument("username")
@click.option("--name", required=True, help="What the token is for (shown in the token list).")
@click.option("--read-only", is_flag=True, help="The token may read but not change anything.")
@click.option("--days", type=click.IntRange(1, 3650), default=None, help="Expire after this many days (default: never).")
def create(username: str, name: str, read_only: bool, days: int | None) -> None:
    """Create a token acting as USERNAME; the token is printed once and cannot be shown again."""
    _setup_django()
    from django.contrib.auth import get_user_model

    from dealpilot.api.models import ApiToken
    from dealpilot.audit import record

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise click.ClickException(f"no user {username!r}")
    if not name.strip():
        raise click.ClickException("--name may not be blank")
    made, text = ApiToken.issue(user, name.strip(), read_only=read_only, days=days)
    record(None, "token_created", target=made.audit_target, user=user,
           detail={"token": made.pk, "read_only": read_only, "days": days})
    click.echo(text)
    click.echo(f"token {made.shown_prefix} for {username} ({'read-only' if read_only else 'read-write'}"
               f"{f', expires in {days} days' if days else ''}): copy it now, it is not shown again.", err=True)


@token.command("revoke")
@click.argument("prefix")
@click.option("--dry-run", is_flag=True, help="Say which token would be revoked; change nothing.")
def revoke(prefix: str, dry_run: bool) -> None:
    """Revoke the token whose prefix (as listed, with or without `dp_`) is PREFIX."""
    _setup_django()
    from django.utils import timezone

    from dealpilot.api.models import ApiToken
    from dealpilot.api.models.tokens import TOKEN_START
    from dealpilot.audit import record

    found = ApiToken.objects.select_related("user").filter(prefix=prefix.strip().removeprefix(TOKEN_START)).first()
    if found is None:
        raise click.ClickException(f"no token with the prefix {prefix!r}")
    if found.revoked_at is not None:
        click.echo(f"token {found.shown_prefix} ({found.name}, {found.user.get_username()}) was already revoked")
        return
    if dry_run:
        click.echo(f"would revoke token {found.shown_prefix} ({found.name}, {found.user.get_username()})")
        return
    ApiToken.objects.filter(pk=found.pk).update(revoked_at=timezone.now())
    record(None, "token_revoked", target=found.audit_target, detail={"token": found.pk})
    click.echo(f"revoked token {found.shown_prefix} ({found.name}, {found.user.get_username()})")
