"""Raw material of the demo company: customers, people, titles, products, evidence phrases."""

from __future__ import annotations

# (name, industry, city)
ACCOUNTS: list[tuple[str, str, str]] = [
    ("江苏恒锐精密机械股份有限公司", "装备制造", "苏州"), ("浙江华拓新材料科技有限公司", "新材料", "宁波"),
    ("上海瑞丰医药集团", "医药", "上海"), ("杭州云启物流有限公司", "物流", "杭州"),
    ("南京金陵电力设备有限公司", "能源", "南京"), ("无锡晶芯半导体有限公司", "半导体", "无锡"),
    ("合肥安骋汽车零部件有限公司", "汽车", "合肥"), ("常州绿澄环保科技股份有限公司", "环保", "常州"),
    ("宁波港城国际贸易有限公司", "贸易", "宁波"), ("苏州天域纺织集团", "纺织", "苏州"),
    ("上海东方明德保险经纪有限公司", "金融", "上海"), ("嘉兴博瑞食品有限公司", "食品", "嘉兴"),
    ("温州正诚阀门有限公司", "装备制造", "温州"), ("扬州新华印务股份有限公司", "印刷", "扬州"),
    ("绍兴越达化纤有限公司", "化工", "绍兴"), ("南通海鸿船舶重工有限公司", "船舶", "南通"),
    ("徐州矿联机械集团", "工程机械", "徐州"), ("台州吉盛模具有限公司", "模具", "台州"),
    ("上海申衡智慧城市科技有限公司", "软件", "上海"), ("昆山富越电子科技有限公司", "电子", "昆山"),
    ("广州粤顺连锁零售集团", "零售", "广州"), ("深圳鹏程智能终端有限公司", "电子", "深圳"),
    ("东莞华盈五金制品有限公司", "五金", "东莞"), ("佛山美嘉家居集团", "家居", "佛山"),
    ("珠海格林医疗器械有限公司", "医疗器械", "珠海"), ("厦门海澄港务股份有限公司", "港口", "厦门"),
    ("福州闽江建设集团", "建筑", "福州"), ("南宁桂甜糖业有限公司", "食品", "南宁"),
    ("海口椰韵饮料有限公司", "饮料", "海口"), ("深圳前海汇通供应链有限公司", "供应链", "深圳"),
    ("广州白云航空服务有限公司", "航空", "广州"), ("中山华焰燃气具有限公司", "家电", "中山"),
    ("惠州德润储能科技有限公司", "新能源", "惠州"), ("汕头金园玩具实业有限公司", "玩具", "汕头"),
    ("江门五邑摩托车有限公司", "汽车", "江门"), ("湛江南海水产集团", "农业", "湛江"),
    ("泉州安步鞋服供应链有限公司", "鞋服", "泉州"), ("深圳湾区生物医药有限公司", "医药", "深圳"),
    ("广州珠澜啤酒销售有限公司", "饮料", "广州"), ("东莞松湖精密注塑有限公司", "塑胶", "东莞"),
    ("中国华腾能源集团有限公司", "能源", "北京"), ("国瀚证券股份有限公司", "金融", "北京"),
    ("中轨长江装备有限公司", "轨道交通", "武汉"), ("华翼航空控股有限公司", "航空", "重庆"),
    ("华建远洋工程集团", "建筑", "北京"), ("招盛银行股份有限公司", "金融", "深圳"),
    ("国康泰和医药集团", "医药", "北京"), ("中禾丰谷食品有限公司", "食品", "天津"),
    ("西岭矿业资源集团", "矿业", "西宁"), ("长岳数智科技股份有限公司", "软件", "成都"),
    ("四川天府农商银行", "金融", "成都"), ("山东鲁泰重工集团", "工程机械", "济南"),
    ("青岛海晟家电集团", "家电", "青岛"), ("大连泓海船舶海工有限公司", "船舶", "大连"),
    ("陕西秦峰水泥集团", "建材", "西安"), ("湖南湘江钢铁有限公司", "钢铁", "长沙"),
    ("河南中原粮油集团", "食品", "郑州"), ("云南滇池烟草机械有限公司", "装备制造", "昆明"),
    ("Nordhaven Medical Systems (Shanghai)", "Medical devices", "Shanghai"), ("Kessler Hydraulics (Changzhou)", "Industrial", "Changzhou"),
    ("Lumeris Electric (Wuhan)", "Energy", "Wuhan"), ("Bluecrest Logistics South China", "Logistics", "Shenzhen"),
    ("Greenleaf Consumer Goods (Hefei)", "Consumer goods", "Hefei"), ("Tidewater Shipping Greater China", "Shipping", "Shanghai"),
]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "霞", "平", "刚",
         "建国", "海涛", "晓梅", "慧", "志强", "丽娟", "国栋", "思远", "晨", "一鸣", "佳琪", "子豪", "雪", "文博", "嘉怡",
         "浩然", "婷", "宇航", "雨欣", "立新", "春燕", "振华", "红梅", "鹏", "欣怡", "俊杰", "亚楠", "德明", "玉兰"]
ENGLISH_PEOPLE = ["Michael Chen", "Sarah Wang", "David Liu", "Emma Zhang", "Thomas Müller", "Anna Schmidt",
                  "James Li", "Laura Huang", "Peter Jensen", "Sophie Martin"]

# (family name, given name) of every demo login, by login; the logins themselves stay rep1, manager1…
STAFF: dict[str, tuple[str, str]] = {
    "admin": ("陈", "静"), "manager1": ("刘", "建华"), "rep1": ("王", "磊"), "rep2": ("李", "娜"),
    "rep3": ("张", "伟"), "manager2": ("黄", "志明"), "rep4": ("周", "婷"), "rep5": ("吴", "昊"),
    "rep6": ("郑", "晓燕"), "manager3": ("赵", "海峰"), "rep7": ("孙", "悦"), "rep8": ("林", "子轩"),
    "rep9": ("何", "雯"),
}

# (title, roles, influence, level) — level 0 reports to nobody, 1 to level 0, 2 to level 1.
TITLES: list[tuple[str, list[str], str, int]] = [
    ("总经理", ["decider"], "high", 0),
    ("财务总监", ["fund_approver"], "high", 1),
    ("运营副总经理", ["approver", "influencer"], "high", 1),
    ("信息中心主任", ["technical_evaluator", "influencer"], "high", 1),
    ("采购部经理", ["approver", "gatekeeper"], "medium", 2),
    ("计划部经理", ["initiator", "user", "coach"], "medium", 2),
    ("生产部经理", ["user", "influencer"], "medium", 2),
    ("IT架构师", ["technical_evaluator"], "low", 2),
    ("总经理助理", ["gatekeeper"], "low", 1),
    ("质量部主管", ["user"], "low", 2),
]

# State-owned customers buy through a public tender and a Party committee review.
STATE_OWNED = {"中国华腾能源集团有限公司", "国瀚证券股份有限公司", "中轨长江装备有限公司", "华建远洋工程集团",
               "国康泰和医药集团", "中禾丰谷食品有限公司", "西岭矿业资源集团", "山东鲁泰重工集团",
               "湖南湘江钢铁有限公司", "陕西秦峰水泥集团", "河南中原粮油集团"}
# Sectors whose pains are not a factory's: a bank is not asked about its production lines.
SECTOR = {"金融": "finance", "保险": "finance", "软件": "services", "物流": "services", "供应链": "services",
          "航空": "services", "港口": "services", "零售": "retail", "贸易": "retail", "建筑": "services",
          "Logistics": "services", "Shipping": "services", "Consumer goods": "retail"}

PRODUCTS = ["供应链计划系统", "MES 制造执行系统", "CRM 客户管理平台", "数据中台建设", "智能仓储 WMS",
            "能耗管理平台", "质量追溯系统", "财务共享中心", "HR 一体化平台", "设备预测性维护",
            "ERP 升级", "BI 经营分析"]
PHASES = ["一期", "二期", "试点", "全集团推广", "扩容", "续约", ""]
PRODUCTS_EN = ["Planning suite rollout", "Supplier portal", "Warehouse system upgrade", "Energy dashboard",
               "Quality traceability", "Analytics platform"]
PHASES_EN = ["phase 1", "phase 2", "pilot", "renewal", ""]

COMPETITORS = ["用友", "金蝶", "SAP", "Oracle", "鼎捷", "浪潮", "华为云", "Salesforce", "本地集成商", "客户自研"]
STRENGTHS = ["价格低", "现有供应商，关系深", "品牌知名度高", "本地服务团队", "功能覆盖面广", None]
DIFFERENTIATION = ["多工厂协同排产", "实施周期短三个月", "行业模板现成", "总拥有成本低", None]

PAINS: list[tuple[str, str, str]] = [
    ("交付准时率只有 82%，大客户投诉增加", "make_money", "每年约 600 万订单流失风险"),
    ("库存周转天数 95 天，占用资金过多", "save_money", "占用资金约 3000 万"),
    ("多个工厂计划靠 Excel，计划员加班严重", "save_money", "计划员 12 人，人均每周加班 10 小时"),
    ("审计发现追溯记录不全", "manage_risk", "可能影响出口资质"),
    ("新产品上市周期比对手慢两个月", "make_money", None),
    ("能源成本去年上涨 18%", "save_money", "年增成本约 400 万"),
    ("系统老旧，厂商已停止维护", "manage_risk", None),
    ("销售预测偏差大，旺季缺货", "make_money", "旺季缺货损失约 5% 销售额"),
]
PAINS_BY_SECTOR: dict[str, list[tuple[str, str, str | None]]] = {
    "finance": [("客户开户流程要 3 天，线上渠道流失严重", "make_money", "每年约 800 万中间业务收入流失"),
                ("监管报送靠手工汇总，屡次被要求整改", "manage_risk", "可能被暂停新业务审批"),
                ("理财经理一半时间花在填表上", "save_money", "120 名理财经理，人均每周 8 小时"),
                ("核心系统老旧，厂商已停止维护", "manage_risk", None)],
    "services": [("调度靠电话和表格，空驶率 30%", "save_money", "年油耗与人力浪费约 500 万"),
                 ("客户投诉响应平均 48 小时，续约率下滑", "make_money", "大客户续约率从 92% 降到 81%"),
                 ("各地分公司数据口径不一，月报要 10 天", "save_money", None),
                 ("合同与结算对不上，应收账款逾期增加", "manage_risk", "逾期应收约 2000 万")],
    "retail": [("门店缺货率 8%，旺季损失明显", "make_money", "旺季缺货损失约 5% 销售额"),
               ("库存周转天数 95 天，占用资金过多", "save_money", "占用资金约 3000 万"),
               ("会员数据分散在三个系统，复购难以分析", "make_money", None),
               ("促销价格出错，曾被市场监管处罚", "manage_risk", None)],
}
VALUE_METRICS = [("库存资金占用下降", "年"), ("交付准时率提升带来的订单", "年"), ("计划人力节省", "年"),
                 ("停机损失减少", "年"), ("能耗成本下降", "年")]
EVENTS = ["新工厂 {m} 月投产，必须上线", "集团年度预算 {m} 月锁定", "现有系统合同 {m} 月到期",
          "上市审计要求 {m} 月前整改", "大客户要求 {m} 月前接入其供应商门户"]
DECISION_STEPS = ["部门提出需求", "信息中心技术评估", "采购比价", "财务预算审批", "总经理办公会决策", "合同签署"]
STATE_OWNED_STEPS = ["部门提出需求", "信息中心技术评估", "公开招标", "财务预算审批", "党委会前置审议",
                     "总经理办公会决策", "合同签署"]
MILESTONES = ["方案演示", "POC 验证", "商务谈判", "合同签署", "项目启动"]
PLAN_STEPS = ["需求调研访谈", "联合评估工作坊", "POC 成功标准确认", "高层拜访", "商务条款确认", "签约"]
OBJECTIONS = ["价格比预算高 20%", "担心实施影响生产", "IT 倾向自研", "现有供应商承诺免费升级", "上线周期太长"]

# Evidence phrases by answer: each states the criterion ({what}) as the answer has it, from whom.
EVIDENCE = {
    "yes": ["{who}在 {d} 的会上明确确认：{what}", "{who} {d} 邮件确认：{what}", "{d} 拜访{who}时当面核实：{what}"],
    "partly": ["{who}在 {d} 表示部分认可：{what}，但仍有保留", "{d} 与{who}沟通：“{what}”只部分成立"],
    "no": ["{who}在 {d} 明确表示：目前还谈不上“{what}”", "{d} 与{who}核实：尚未做到“{what}”"],
}
EVIDENCE_WEAK = ["听说{what}", "感觉{what}", "我们自己判断：{what}"]
