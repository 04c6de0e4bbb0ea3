"""`dealpilot example`: print a complete, realistic deal document to start from."""

from __future__ import annotations

from pathlib import Path

import click

EXAMPLES = Path(__file__).resolve().parent.parent / "engine" / "examples"


@click.command()
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the example / 示例语言.")
def example(lang: str) -> None:
    """Print an example deal document (YAML) / 输出一份示例商机文档."""
    path = EXAMPLES / f"deal.{lang}.yaml"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        click.echo(f"没有 {lang} 示例 / no example in {lang}: {path}", err=True)
        raise SystemExit(2) from None
    click.echo(text, nl=not text.endswith("\n"))
