"""What training and prediction say to a person: JSON, text (rich) and a self-contained HTML page."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import numpy as np

import dealpilot
from dealpilot.learn.errors import LearnError
from dealpilot.learn.explain import contributions

_ROOT = Path(dealpilot.__file__).resolve().parent
ECHARTS = (_ROOT.parent / "node_modules" / "echarts" / "dist" / "echarts.min.js",
           _ROOT / "web" / "static" / "vendor" / "echarts.min.js")


def summary(bundle: dict[str, Any], lang: str = "zh") -> dict[str, Any]:
    """The JSON of `learn train` / `learn report`."""
    ev = bundle["evaluation"]
    m = ev["blend"]
    excluded = [{"column": d["column"], "code": d["code"], "reason": d["en"] if lang == "en" else d["zh"],
                 "reason_zh": d["zh"], "reason_en": d["en"]} for d in bundle["decisions"] if not d["used"]]
    allowed = [{"column": d["column"], "note": d["en"] if lang == "en" else d["zh"]}
               for d in bundle["decisions"] if d["allowed"]]
    return {
        "auc": m["auc"], "brier": m["brier"], "ece": m["ece"], "log_loss": m["log_loss"],
        "base_rate": m["base_rate"], "n_train": ev["n_train"], "n_test": ev["n_test"],
        "n_closed": bundle["n_closed"], "split": ev["split"], "split_text": ev[f"split_{'en' if lang == 'en' else 'zh'}"],
        "model": bundle["model"], "model_text": bundle["model_en" if lang == "en" else "model_zh"],
        "calibration": bundle["calibration"], "candidates": ev["candidates"],
        "weight": bundle["weight"], "prior": bundle["prior"],
        "learned": {k: v for k, v in ev["learned"].items() if k != "reliability"},
        "references": ev["references"], "reliability": m["reliability"],
        "excluded": excluded, "allowed": allowed,
        "columns": bundle["schema"]["columns"], "outcome": bundle["outcome"],
        "signal": ev["verdict"]["level"], "verdict": ev["verdict"]["en" if lang == "en" else "zh"],
        "source": bundle["source"], "read": bundle["read"],
    }


def _t(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def train_text(s: dict[str, Any], lang: str) -> list[Any]:
    """Rich renderables for the training summary."""
    from rich.table import Table
    from rich.text import Text

    out: list[Any] = []
    o = s["outcome"]
    out.append(Text(_t(lang, f"已关闭商机 {s['n_closed']} 个（赢 {o['n_won']}，输 {o['n_lost']}）；忽略 {o['n_ignored']} 行未关闭：",
                       f"{s['n_closed']} closed deals ({o['n_won']} won, {o['n_lost']} lost); {o['n_ignored']} rows not closed were ignored: ")
                    + ", ".join(f"{k} {v}" for k, v in o["ignored"].items())))
    if s["excluded"]:
        t = Table(title=_t(lang, "未使用的列及原因", "Columns not used, and why"), show_lines=False)
        t.add_column(_t(lang, "列", "column"))
        t.add_column(_t(lang, "原因", "reason"), overflow="fold")
        for e in s["excluded"]:
            t.add_row(e["column"], e["reason"])
        out.append(t)
    for a in s["allowed"]:
        out.append(Text(_t(lang, f"按 --allow 保留：{a['column']}（提示：{a['note']}）", f"kept by --allow: {a['column']} (flagged: {a['note']})"), style="yellow"))
    out.append(Text(_t(lang, f"使用的列：{', '.join(s['columns'])}", f"columns used: {', '.join(s['columns'])}")))
    out.append(Text(_t(lang, f"评估方式：{s['split_text']}；训练 {s['n_train']}、测试 {s['n_test']}",
                       f"evaluation: {s['split_text']}; {s['n_train']} train, {s['n_test']} test")))
    out.append(Text(_t(lang, f"模型：{s['model_text']}，校准：{_calibration(s['calibration'], lang)}；{_shrink(s, lang)}",
                       f"model: {s['model_text']}, calibration: {_calibration(s['calibration'], lang)}; {_shrink(s, lang)}")))
    t = Table(title=_t(lang, "未参与训练的商机上的表现", "On deals the model did not see"))
    for h in ("", "AUC", "Brier", "ECE", "log loss"):
        t.add_column(h)
    t.add_row(_t(lang, "本模型（返回值）", "this model (returned)"), *(_f(s[k]) for k in ("auc", "brier", "ece", "log_loss")))
    for k, m in s["references"].items():
        t.add_row(_ref_name(k, lang), *(_f(m[x]) for x in ("auc", "brier", "ece", "log_loss")))
    out.append(t)
    out.append(Text(_t(lang, f"测试商机的实际赢率：{s['base_rate']:.1%}", f"win rate of the test deals: {s['base_rate']:.1%}")))
    r = Table(title=_t(lang, "可靠性表（10 个区间）", "Reliability (10 bins)"))
    for h in (_t(lang, "区间", "bin"), _t(lang, "预测", "predicted"), _t(lang, "实际", "observed"), _t(lang, "数量", "count")):
        r.add_column(h)
    for row in s["reliability"]:
        if row["count"]:
            r.add_row(f"{row['lo']:.1f}–{row['hi']:.1f}", f"{row['predicted']:.3f}", f"{row['observed']:.3f}", str(row["count"]))
    out.append(r)
    style = {"none": "bold red", "weak": "yellow", "useful": "green"}[s["signal"]]
    out.extend(Text(line, style=style) for line in s["verdict"])
    return out


def _calibration(method: str, lang: str) -> str:
    return {"platt": _t(lang, "Platt 缩放", "Platt scaling"), "isotonic": _t(lang, "保序回归", "isotonic regression")}.get(method, method)


def _shrink(s: dict[str, Any], lang: str) -> str:
    if s["weight"] >= 1:
        return _t(lang, "已关闭商机足够多，不再向先验收缩", "enough closed deals: not shrunk toward a prior")
    prior = _t(lang, "规则评分的概率", "the rules score's probability") if s["prior"] == "rules_score" \
        else _t(lang, "整体赢率（表格数据没有规则评分）", "the base rate (table data has no rules score)")
    return _t(lang, f"已关闭商机较少，向{prior}收缩：学习模型权重 {s['weight']:.2f}",
              f"few closed deals, so shrunk toward {prior}: learned-model weight {s['weight']:.2f}")


def _ref_name(key: str, lang: str) -> str:
    names = {"naive_bayes": ("朴素贝叶斯计数（参照）", "naive-Bayes counts (reference)"),
             "rules_score": ("仅规则评分（参照）", "rules score alone (reference)"),
             "constant": ("始终给出整体赢率", "always the base rate")}
    zh, en = names.get(key, (key, key))
    return _t(lang, zh, en)


def _f(v: Any) -> str:
    return "—" if v is None else f"{v:.3f}"


def predict_text(rows: list[dict[str, Any]], lang: str, note_no_actions: bool) -> list[Any]:
    from rich.text import Text

    out: list[Any] = []
    for r in rows:
        out.append(Text(f"{r['deal']}: {r['probability']:.0%}", style="bold"))
        for key in ("raised", "lowered"):
            for f in r[key]:
                out.append(Text(f"  {'↑' if key == 'raised' else '↓'} {f['effect'] * 100:+.1f} {_t(lang, '个百分点', 'pts')}  {f[lang]}",
                                style="green" if key == "raised" else "red"))
        if r["actions"]:
            out.append(Text(_t(lang, "  最能提高赢率的行动：", "  what would raise its odds most:")))
        for a in r["actions"]:
            out.append(Text(f"  → {a[lang]}: {a['probability']:.0%} ({a['gain'] * 100:+.1f} {_t(lang, '个百分点', 'pts')})"))
    if note_no_actions:
        out.append(Text(_t(lang, "此模型的数据中没有销售可以改变的因素（清单回答、关系人覆盖、预算状态），因此不给出提升建议。",
                           "This model's data holds nothing a rep can change (checklist answers, stakeholder coverage, budget status), so no actions are suggested."),
                        style="dim"))
    return out


def factor_importance(bundle: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """Average absolute effect of each column on the stored sample of training deals."""
    bg = bundle["background"]
    rules = bg["rules_score"].to_numpy(dtype=float) if "rules_score" in bg else None
    c = contributions(bundle, bg, rules)
    labels = {f.column: f.label(lang) for f in bundle["fitted"].features}
    cols = bundle["schema"]["columns"]
    ranked = sorted(((labels.get(col, col), float(np.abs(c[:, j]).mean())) for j, col in enumerate(cols)), key=lambda t: -t[1])
    return [{"factor": k, "mean_effect": round(v, 4)} for k, v in ranked[:15]]


def echarts_source() -> str:
    for p in ECHARTS:
        if p.is_file():
            return p.read_text(encoding="utf-8")
    raise LearnError("找不到 echarts.min.js（先运行 make setup 安装前端库），无法生成 HTML 报告",
                     "echarts.min.js is missing (run make setup to install the front-end libraries): cannot write the HTML report")


def html_report(bundle: dict[str, Any], lang: str) -> str:
    s = summary(bundle, lang)
    factors = factor_importance(bundle, lang)
    data = json.dumps({"reliability": s["reliability"], "factors": factors}, ensure_ascii=False).replace("</", "<\\/")
    e = html.escape
    excluded = "".join(f"<tr><td>{e(x['column'])}</td><td>{e(x['reason'])}</td></tr>" for x in s["excluded"])
    refs = "".join(f"<tr><td>{e(_ref_name(k, lang))}</td><td>{_f(m['auc'])}</td><td>{_f(m['brier'])}</td><td>{_f(m['ece'])}</td></tr>"
                   for k, m in s["references"].items())
    rel = "".join(f"<tr><td>{r['lo']:.1f}–{r['hi']:.1f}</td><td>{r['predicted']:.3f}</td><td>{r['observed']:.3f}</td><td>{r['count']}</td></tr>"
                  for r in s["reliability"] if r["count"])
    verdict = "".join(f"<p class='verdict {e(s['signal'])}'>{e(v)}</p>" for v in s["verdict"])
    title = _t(lang, "赢单概率模型报告", "Win-probability model report")
    return f"""<!doctype html>
<html lang="{'en' if lang == 'en' else 'zh-CN'}"><head><meta charset="utf-8"><title>DealPilot · {title}</title>
<style>body{{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}}
table{{border-collapse:collapse;margin:1em 0}}td,th{{border:1px solid #ccc;padding:4px 8px;text-align:left}}
.chart{{width:100%;height:380px}}.verdict.none{{color:#b00;font-weight:bold}}.verdict.weak{{color:#a60}}.verdict.useful{{color:#070}}</style>
</head><body>
<h1>DealPilot · {title}</h1>
{verdict}
<p>{e(_t(lang, '评估方式', 'Evaluation'))}: {e(s['split_text'])} · n_train {s['n_train']} · n_test {s['n_test']} ·
{e(_t(lang, '模型', 'model'))}: {e(s['model_text'])} · {e(_t(lang, '校准', 'calibration'))}: {e(_calibration(s['calibration'], lang))} ·
{e(_shrink(s, lang))}</p>
<table><tr><th></th><th>AUC</th><th>Brier</th><th>ECE</th></tr>
<tr><td>{e(_t(lang, '本模型', 'this model'))}</td><td>{_f(s['auc'])}</td><td>{_f(s['brier'])}</td><td>{_f(s['ece'])}</td></tr>{refs}
<tr><td>{e(_t(lang, '整体赢率', 'base rate'))}</td><td colspan="3">{_f(s['base_rate'])}</td></tr></table>
<h2>{e(_t(lang, '可靠性图', 'Reliability diagram'))}</h2>
<div id="reliability" class="chart"></div>
<table><tr><th>{e(_t(lang, '区间', 'bin'))}</th><th>{e(_t(lang, '预测', 'predicted'))}</th><th>{e(_t(lang, '实际', 'observed'))}</th><th>{e(_t(lang, '数量', 'count'))}</th></tr>{rel}</table>
<h2>{e(_t(lang, '影响最大的因素', 'Factors that matter most'))}</h2>
<div id="factors" class="chart" style="height:{80 + 28 * len(factors)}px"></div>
<h2>{e(_t(lang, '未使用的列及原因', 'Columns not used, and why'))}</h2>
<table><tr><th>{e(_t(lang, '列', 'column'))}</th><th>{e(_t(lang, '原因', 'reason'))}</th></tr>{excluded}</table>
<script>{echarts_source()}</script>
<script>
const DATA = {data};
const rel = DATA.reliability.filter(r => r.count > 0);
echarts.init(document.getElementById('reliability')).setOption({{
  animation: false, tooltip: {{trigger: 'item'}}, legend: {{}},
  xAxis: {{type: 'value', min: 0, max: 1, nameLocation: 'middle', nameGap: 28, name: {json.dumps(_t(lang, '预测概率', 'predicted'))}}},
  yAxis: [{{type: 'value', min: 0, max: 1, name: {json.dumps(_t(lang, '实际赢率', 'observed'))}}}, {{type: 'value', name: 'n'}}],
  series: [
    {{name: {json.dumps(_t(lang, '理想', 'perfect'))}, type: 'line', data: [[0, 0], [1, 1]], lineStyle: {{type: 'dashed'}}, symbol: 'none'}},
    {{name: {json.dumps(_t(lang, '本模型', 'this model'))}, type: 'line', data: rel.map(r => [r.predicted, r.observed])}},
    {{name: {json.dumps(_t(lang, '数量', 'count'))}, type: 'bar', yAxisIndex: 1, barWidth: 12, itemStyle: {{opacity: 0.3}},
      data: rel.map(r => [(r.lo + r.hi) / 2, r.count])}}
  ]
}});
const f = DATA.factors.slice().reverse();
echarts.init(document.getElementById('factors')).setOption({{
  animation: false, grid: {{left: 260}}, tooltip: {{}},
  xAxis: {{type: 'value', nameLocation: 'middle', nameGap: 28, name: {json.dumps(_t(lang, '平均影响（概率）', 'mean effect (probability)'))}}},
  yAxis: {{type: 'category', data: f.map(x => x.factor), axisLabel: {{width: 250, overflow: 'truncate'}}}},
  series: [{{type: 'bar', data: f.map(x => x.mean_effect)}}]
}});
</script></body></html>
"""
