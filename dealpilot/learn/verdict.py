"""What the held-out numbers mean, said plainly: no signal is reported as no signal."""

from __future__ import annotations

from typing import Any

NO_SIGNAL_AUC = 0.55
WEAK_AUC = 0.65
WELL_CALIBRATED_ECE = 0.05


def verdict(ev: dict[str, Any], source: str) -> dict[str, Any]:
    m, nb = ev["blend"], ev["references"]["naive_bayes"]
    auc, ece = m["auc"] or 0.5, m["ece"]
    lines_zh: list[str] = []
    lines_en: list[str] = []
    if auc < NO_SIGNAL_AUC:
        level = "none"
        lines_zh.append(f"没有可用的信号：在未参与训练的商机上 AUC 为 {auc:.3f}，与随机猜测（0.5）几乎无异。"
                        "剩下的列预测不了输赢；模型给出的概率基本就是整体赢率，不要据此判断单个商机。")
        lines_en.append(f"No usable signal: on deals the model did not see, AUC is {auc:.3f}, no better than "
                        "a coin toss (0.5). The remaining columns do not predict the outcome; the probabilities are "
                        "essentially the base rate. Do not judge single deals by them.")
    elif auc < WEAK_AUC:
        level = "weak"
        lines_zh.append(f"信号很弱：未参与训练的商机上 AUC 为 {auc:.3f}。概率只比整体赢率略有区分，谨慎使用。")
        lines_en.append(f"Weak signal: AUC {auc:.3f} on deals the model did not see. The probabilities separate "
                        "deals only a little from the base rate; use with care.")
    else:
        level = "useful"
        lines_zh.append(f"有可用的信号：未参与训练的商机上 AUC 为 {auc:.3f}。")
        lines_en.append(f"Usable signal: AUC {auc:.3f} on deals the model did not see.")
    nb_auc = nb["auc"] or 0.5
    if level != "none":
        if auc >= nb_auc + 0.01:
            lines_zh.append(f"优于朴素贝叶斯计数参照模型（AUC {nb_auc:.3f}）。")
            lines_en.append(f"It beats the naive-Bayes counting reference (AUC {nb_auc:.3f}).")
        elif auc >= nb_auc - 0.01:
            lines_zh.append(f"与朴素贝叶斯计数参照模型相当（AUC {nb_auc:.3f}）。")
            lines_en.append(f"It matches the naive-Bayes counting reference (AUC {nb_auc:.3f}).")
        else:
            lines_zh.append(f"不如朴素贝叶斯计数参照模型（AUC {nb_auc:.3f}）。")
            lines_en.append(f"It is worse than the naive-Bayes counting reference (AUC {nb_auc:.3f}).")
    rules = ev["references"].get("rules_score")
    if rules and rules.get("auc") is not None:
        lines_zh.append(f"仅用规则评分的参照模型 AUC 为 {rules['auc']:.3f}。")
        lines_en.append(f"The rules score alone reaches AUC {rules['auc']:.3f}.")
    if level == "none":
        lines_zh.append(f"概率都接近整体赢率，所以校准误差很小（ECE {ece:.1%}）；这并不代表它能区分商机。")
        lines_en.append(f"The probabilities sit near the base rate, so the calibration error is small (ECE {ece:.1%}); "
                        "that does not mean it can tell deals apart.")
    elif ece <= WELL_CALIBRATED_ECE:
        lines_zh.append(f"校准良好：预测概率与实际赢率平均相差 {ece:.1%}（ECE）。")
        lines_en.append(f"Well calibrated: predicted and observed win rates differ by {ece:.1%} on average (ECE).")
    else:
        lines_zh.append(f"校准一般：预测概率与实际赢率平均相差 {ece:.1%}（ECE），请参考可靠性表。")
        lines_en.append(f"Calibration is loose: predicted and observed win rates differ by {ece:.1%} on average (ECE); see the reliability table.")
    if m["n"] < 300:
        lines_zh.append(f"测试商机只有 {m['n']} 个：以上指标（尤其是 ECE）波动较大。")
        lines_en.append(f"Only {m['n']} test deals: these numbers (ECE above all) are noisy.")
    return {"level": level, "zh": lines_zh, "en": lines_en}
