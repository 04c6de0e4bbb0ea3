"""`dealpilot demo`: load the demo company (teams, logins, accounts, a realistic pipeline)."""

from __future__ import annotations

import os
import time

import click


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dealpilot.web.settings")
    import django

    django.setup()


@click.command()
@click.option("--reset", is_flag=True, help="Delete all deals, accounts, teams and demo logins first, then rebuild.")
@click.option("--if-empty", "if_empty", is_flag=True, help="Do nothing when the database already has users or deals.")
@click.option("--deals", default=240, show_default=True, type=click.IntRange(1, 100_000), help="How many deals to create.")
@click.option("--seed", default=20261127, show_default=True, type=int, help="Random seed (same seed, same company).")
@click.option("--dry-run", is_flag=True, help="Say what would be deleted and created; change nothing.")
def demo(reset: bool, if_empty: bool, deals: int, seed: int, dry_run: bool) -> None:
    """Create the demo company: 华东大区, 华南大区, 大客户部; logins admin, manager1-3, rep1-9."""
    _setup_django()
    from django.core.management import call_command

    from dealpilot.deals.demo import DEMO_PASSWORD, build_demo, demo_logins, has_data, reset_data

    call_command("migrate", verbosity=0, interactive=False)
    if dry_run:
        from dealpilot.deals.models import Opportunity

        existing = Opportunity.objects.count()
        if has_data() and (if_empty or not reset):
            click.echo(f"demo (dry run): the database already has data ({existing} deals); nothing would change.")
        else:
            click.echo(f"demo (dry run): would delete {existing} deals and all accounts and teams, "
                       f"then create {deals} deals and {len(demo_logins())} logins.")
        return
    if has_data():
        if if_empty:
            click.echo("demo: the database already has data; left as it is.")
            return
        if not reset:
            raise click.ClickException("the database already has data; use --reset to rebuild the demo company "
                                       "(deletes all deals, accounts and teams).")
        reset_data()
    started = time.perf_counter()
    counts = build_demo(deals=deals, seed=seed, progress=lambda msg: click.echo(f"  … {msg}"))
    click.echo(f"demo: {counts['deals']} deals, {counts['accounts']} accounts, {counts['stakeholders']} "
               f"stakeholders, {counts['teams']} teams in {time.perf_counter() - started:.1f}s")
    click.echo(f"Demo logins (demo only — change before any real use), password: {DEMO_PASSWORD}")
    for username, role, team in demo_logins():
        click.echo(f"  {username:<10} {role:<8} {team}")
