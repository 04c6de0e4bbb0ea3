"""The `dealpilot` command. Each group of subcommands lives in its own module."""

from __future__ import annotations

import importlib

import click

from dealpilot import __version__

# module -> attribute holding a click command or group; each module owns its commands.
_COMMANDS = {
    "assess": ("dealpilot.cli.assess", "assess"),
    "playbook": ("dealpilot.cli.playbook", "playbook"),
    "example": ("dealpilot.cli.example", "example"),
    "learn": ("dealpilot.cli.learn", "learn"),
    "demo": ("dealpilot.cli.demo", "demo"),
    "backup": ("dealpilot.cli.backup", "backup"),
    "restore": ("dealpilot.cli.backup", "restore"),
    "export": ("dealpilot.cli.export", "export"),
    "import": ("dealpilot.cli.importing", "import_deals"),
    "token": ("dealpilot.cli.token", "token"),
    "notes": ("dealpilot.cli.notes", "notes"),
}


class _LazyGroup(click.Group):
    """Imports a subcommand's module only when it runs (keeps `dealpilot assess` fast)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in _COMMANDS:
            return None
        module, attr = _COMMANDS[name]
        try:
            return getattr(importlib.import_module(module), attr)
        except ModuleNotFoundError as exc:
            if exc.name == module:
                return None
            raise


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dealpilot")
def main() -> None:
    """DealPilot (商机领航): which deals are real, what is missing, what to ask whom next."""
