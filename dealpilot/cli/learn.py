"""`dealpilot learn`: train a calibrated win probability on closed deals, predict, report."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from dealpilot.engine.errors import EngineError
from dealpilot.learn.errors import LearnError

LANGS = click.Choice(["zh", "en"])
FORMATS = click.Choice(["text", "json"])
DEFAULT_MODEL = "dealpilot-model.pkl"


def _fail(message: str) -> None:
    """Bad input: one line on stderr, exit code 2, nothing written."""
    click.echo(f"dealpilot learn: {message}", err=True)
    raise SystemExit(2)


@contextmanager
def _bad_input(lang: str) -> Iterator[None]:
    try:
        yield
    except LearnError as exc:
        _fail(exc.text(lang))
    except EngineError as exc:
        _fail(str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__)
    except (ValueError, KeyError, TypeError) as exc:
        # Data odd enough to trip pandas or scikit-learn is still bad input, not a crash to dump.
        _fail(("无法从这些数据学习：" if lang == "zh" else "cannot learn from this data: ") + f"{exc.__class__.__name__}: {exc}")


@contextmanager
def _progress(lang: str) -> Iterator[Callable[[str, str], None]]:
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task("…", total=None)

        def step(zh: str, en: str) -> None:
            progress.update(task, description=en if lang == "en" else zh)

        yield step


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _render(items: list[Any], soft_wrap: bool = False) -> None:
    console = Console(soft_wrap=soft_wrap)
    for item in items:
        console.print(item)


@click.group()
def learn() -> None:
    """Learn a calibrated win probability from closed deals / 从已关闭的商机学习赢单概率."""


@learn.command()
@click.argument("data", nargs=-1)
@click.option("--workspace", is_flag=True,
              help="Train the web app's win model from its own closed deals (kept in the database) / 用本工作区已关闭的商机训练.")
@click.option("--outcome", metavar="COL", help="Column holding the outcome (tables) / 结果列.")
@click.option("--won", metavar="VALUE", help="Value of the outcome column for won deals / 赢单取值.")
@click.option("--lost", metavar="VALUE", help="Value for lost deals; other values are ignored and counted (default: every other value) / 丢单取值.")
@click.option("--exclude", multiple=True, metavar="COL", help="Do not use this column (repeatable) / 排除列.")
@click.option("--allow", multiple=True, metavar="COL", help="Use this column although flagged (repeatable) / 允许被标记的列.")
@click.option("-o", "--output", "output", default=DEFAULT_MODEL, show_default=True, metavar="MODEL", help="Model file to write / 模型文件.")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True, help="Output format / 输出格式.")
@click.option("--lang", type=LANGS, default="zh", show_default=True, help="Language / 语言.")
def train(data: tuple[str, ...], workspace: bool, outcome: str | None, won: str | None, lost: str | None,
          exclude: tuple[str, ...], allow: tuple[str, ...], output: str, fmt: str, lang: str) -> None:
    """Train on a CSV/Excel export or a folder of deal documents / 用表格或商机文档训练."""
    if workspace:
        if data:
            raise click.UsageError("--workspace trains from the database: give no files")
        _train_workspace(fmt, lang)
        return
    if not data:
        raise click.UsageError("give the training data (a table or deal documents), or --workspace")
    from dealpilot.learn.model import save
    from dealpilot.learn.report import summary, train_text
    from dealpilot.learn.train import train as run

    with _bad_input(lang):
        with _progress(lang) as step:
            bundle = run(list(data), outcome, won, lost, exclude, allow, step)
        out = Path(output)
        if not out.parent.is_dir():
            raise LearnError(f"无法写入模型文件：目录 {out.parent} 不存在", f"cannot write the model: no folder {out.parent}")
        save(bundle, out)
        s = summary(bundle, lang)
    s["model_file"] = str(out)
    if fmt == "json":
        _echo_json(s)
        return
    _render(train_text(s, lang))
    click.echo(("模型已保存：" if lang == "zh" else "model saved: ") + str(out))


def _train_workspace(fmt: str, lang: str) -> None:
    """The same training as the admin's button: stored in the database, used only if better."""
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dealpilot.web.settings")
    import django

    django.setup()
    from dealpilot.forecast.training import run

    with _bad_input(lang):
        with _progress(lang) as step:
            result = run(step=step)
    if fmt == "json":
        _echo_json(result)
        return
    m = result["metrics"]
    zh = lang == "zh"
    click.echo(f"已从 {result['n_closed']} 个已关闭商机训练：AUC {m.get('auc')}，校准误差 {m.get('ece')}" if zh else
                f"trained on {result['n_closed']} closed deals: AUC {m.get('auc')}, calibration error {m.get('ece')}")
    click.echo(("新模型已启用，已重新评分 " + str(result["rescored"]) + " 个未关闭商机" if result["active"] else
                "保留原模型：新模型在留出商机上没有更好") if zh else
               (f"the new model is in use; {result['rescored']} open deals re-scored" if result["active"] else
                "kept the model in use: the new one was not better on held-out deals"))


@learn.command()
@click.argument("model")
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True, help="Output format / 输出格式.")
@click.option("--lang", type=LANGS, default="zh", show_default=True, help="Language / 语言.")
def predict(model: str, files: tuple[str, ...], fmt: str, lang: str) -> None:
    """Win probability of deals, with the reasons / 预测赢单概率并解释原因."""
    from dealpilot.learn.explain import explain
    from dealpilot.learn.model import load
    from dealpilot.learn.predict import read_inputs
    from dealpilot.learn.report import predict_text

    with _bad_input(lang):
        bundle = load(model)
        typed, names, rules, deals = read_inputs(bundle, files)
        rows = explain(bundle, typed, names, rules, deals)
    if fmt == "json":
        _echo_json({"model": bundle["model"], "weight": bundle["weight"], "prior": bundle["prior"],
                    "signal": bundle["evaluation"]["verdict"]["level"], "predictions": rows})
        return
    if bundle["evaluation"]["verdict"]["level"] == "none":
        click.echo("注意：该模型在测试中没有可用的信号，概率基本等于整体赢率。" if lang == "zh"
                   else "Note: this model showed no usable signal in testing; its probabilities are essentially the base rate.")
    # Long bilingual factor lines are left to the terminal to wrap: hard breaks split CJK phrases.
    _render(predict_text(rows, lang, note_no_actions=bundle["source"] != "documents"), soft_wrap=True)


@learn.command()
@click.argument("model")
@click.option("--html", "html_path", metavar="PATH", help="Write a self-contained HTML report / 生成 HTML 报告.")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True, help="Output format / 输出格式.")
@click.option("--lang", type=LANGS, default="zh", show_default=True, help="Language / 语言.")
def report(model: str, html_path: str | None, fmt: str, lang: str) -> None:
    """How well the model did on deals it did not see / 模型在未见过的商机上的表现."""
    from dealpilot.learn.model import load
    from dealpilot.learn.report import html_report, summary, train_text

    with _bad_input(lang):
        bundle = load(model)
        if html_path:
            page = html_report(bundle, lang)
            try:
                Path(html_path).write_text(page, encoding="utf-8")
            except OSError as exc:
                raise LearnError(f"无法写入 {html_path}：{exc.strerror}", f"cannot write {html_path}: {exc.strerror}") from None
        s = summary(bundle, lang)
    if fmt == "json":
        _echo_json(s)
    else:
        _render(train_text(s, lang))
    if html_path:
        click.echo(("HTML 报告已写入：" if lang == "zh" else "HTML report written: ") + html_path, err=fmt == "json")
