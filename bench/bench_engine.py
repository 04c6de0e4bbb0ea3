"""Benchmark: assessing deals versus merely reading and writing them as JSON.

Builds a batch of realistic, fully answered deal documents with ten stakeholders each, then
times, in the same run, `json.loads` + `json.dumps` of every document and `assess` of every
(already parsed) deal. The ratio of the two is what the target bounds: assessing a deal should
cost no more than a few times reading it.

    .venv/bin/python bench/bench_engine.py
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time

from dealpilot.engine import assess, get_playbook, parse_document

TARGET = 5
DEALS = 200
ROUNDS = 7

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞", "平", "刚"]
TITLES = ["总经理", "财务总监", "信息中心主任", "生产副总", "采购经理", "计划部经理", "一厂厂长",
          "IT 架构师", "质量部长", "总经理助理"]
ROLE_SETS = [["decider"], ["fund_approver"], ["technical_evaluator", "influencer"], ["influencer"],
             ["gatekeeper"], ["user", "initiator"], ["user"], ["technical_evaluator"], ["approver"], ["coach"]]


def build_deal(rng: random.Random, i: int, criteria: list[str], as_of: dt.date) -> dict:
    def day(lo: int, hi: int) -> str:
        return (as_of + dt.timedelta(days=rng.randint(lo, hi))).isoformat()

    people = []
    for k in range(10):
        p = {
            "id": f"s{k + 1}", "name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
            "title": TITLES[k], "roles": ROLE_SETS[k],
            "influence": rng.choice(["high", "medium", "low"]),
            "attitude": rng.choice(["champion", "supporter", "neutral", "skeptic", "opponent", "unknown"]),
            "access": rng.choice(["none", "indirect", "met", "regular"]),
            "last_contact": day(-120, 0),
        }
        if k:
            p["reports_to"] = f"s{rng.randint(1, k)}"
        if k > 2 and rng.random() < 0.5:
            p["relationships"] = [{"with": f"s{rng.randint(1, k)}", "kind": rng.choice(["knows", "works_closely"])}]
        people.append(p)
    ids = [p["id"] for p in people]
    return {
        "schema": "dealpilot/1", "playbook": "ppvvcc", "as_of": as_of.isoformat(),
        "opportunity": {"id": f"D-{i:05d}", "name": f"供应链计划系统 {i}", "account": f"江苏某精密制造 {i} 号",
                        "amount": rng.randrange(200_000, 5_000_000, 10_000), "currency": "CNY",
                        "stage": rng.choice(["qualify", "develop", "propose", "negotiate", "commit"]),
                        "close_date": day(10, 200), "owner": "李明"},
        "stakeholders": people,
        "decision_chain": [{"name": n, "owner": rng.choice(ids), "status": rng.choice(["pending", "done", "in_progress"]),
                            "due": day(-30, 220)} for n in ("需求评审", "技术评估", "商务谈判", "总经理办公会审批")],
        "budget": {"status": rng.choice(["unknown", "planned", "requested", "approved", "allocated"]),
                   "amount": 3_000_000, "applicant": "s6", "approver": "s2", "deadline": day(20, 90)},
        "competitors": [{"name": n, "position": rng.choice(["incumbent", "preferred", "shortlisted", "mentioned"]),
                         "strengths": "价格低，本地服务团队", "our_differentiation": "多工厂协同排产"}
                        for n in ("用友", "金蝶", "SAP")],
        "timeline": {"compelling_event": {"text": "新工厂 9 月投产，现有排产方式无法支撑", "date": day(60, 200)},
                     "milestones": [{"name": n, "date": day(-20, 240), "status": rng.choice(["pending", "done"])}
                                    for n in ("方案演示", "试点上线", "验收", "全面推广")]},
        "pains": [{"text": t, "category": c, "owner": rng.choice(ids), "confirmed_with": rng.choice(ids),
                   "confirmed_on": day(-90, 0), "impact": "每年多占用资金约 1200 万元"}
                  for t, c in (("库存周转天数 68 天，占用资金过多", "save_money"),
                               ("排产依赖两名老计划员手工完成", "manage_risk"),
                               ("交付准时率只有 82%，影响大客户续约", "make_money"))],
        "value": [{"for": rng.choice(ids), "metric": m, "amount": rng.randint(50, 900) * 10_000, "period": "year",
                   "agreed": rng.random() < 0.5} for m in ("库存资金占用下降", "准时交付率提升", "计划人员节省", "加班费下降")],
        "mutual_plan": [{"step": s, "owner": rng.choice(ids), "due": day(-10, 120),
                         "status": rng.choice(["pending", "in_progress", "done"])}
                        for s in ("需求调研", "方案演示", "试点范围确认", "商务报价", "合同评审")],
        "objections": [{"text": t, "raised_by": rng.choice(ids),
                        "status": rng.choice(["raised", "understood", "root_cause_found", "resolved"])}
                       for t in ("实施周期太长", "价格高于预算", "担心与现有 MES 的集成")],
        "answers": {cid: {"status": rng.choice(["yes", "yes", "partly", "no"]),
                          "evidence": f"{rng.choice(TITLES)}在 {day(-150, 0)} 的会议上明确表示认同，并给出了具体数字",
                          "source": rng.choice(ids), "date": day(-150, 0)} for cid in criteria},
    }


def best(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    pb = get_playbook("ppvvcc")
    criteria = [c.id for _, c in pb.criteria()]
    rng = random.Random(20260301)
    as_of = dt.date(2026, 3, 1)
    docs = [build_deal(rng, i, criteria, as_of) for i in range(DEALS)]
    texts = [json.dumps(d, ensure_ascii=False) for d in docs]
    deals = [parse_document(d, playbook=pb) for d in docs]
    assess(deals[0], pb)  # warm the playbook index, as a long-running server would be

    def json_round() -> None:
        for t in texts:
            json.dumps(json.loads(t), ensure_ascii=False)

    def assess_all() -> None:
        for d in deals:
            assess(d, pb)

    def assess_and_serialise() -> None:
        for d in deals:
            assess(d, pb).to_dict("zh")

    t_json = best(json_round, ROUNDS)
    t_assess = best(assess_all, ROUNDS)
    t_full = best(assess_and_serialise, ROUNDS)
    size = sum(len(t.encode()) for t in texts) / len(texts)
    ratio = t_assess / t_json
    print(f"{DEALS} deals, 10 stakeholders, {len(criteria)} answers each, {size / 1024:.1f} KiB of JSON per deal")
    print(f"json.loads+json.dumps: {t_json / DEALS * 1e6:8.1f} µs/deal")
    print(f"assess:                {t_assess / DEALS * 1e6:8.1f} µs/deal  ({DEALS / t_assess:,.0f} deals/second)")
    print(f"assess + to_dict:      {t_full / DEALS * 1e6:8.1f} µs/deal  ({DEALS / t_full:,.0f} deals/second, "
          f"ratio {t_full / t_json:.2f})")
    print(f"BENCH engine.assess ratio={ratio:.2f} target={TARGET}")


if __name__ == "__main__":
    main()
