//! A realistic sample bulletin for tests, examples and the visual check. Not real data.

use chrono::NaiveDate;

use crate::model::{
    Bulletin, Dismissal, Example, Overall, PackInfo, PeriodInfo, ProblemCategory, ScoreItem,
    SiteScore, Verdict,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn item(
    part: &str,
    group: &str,
    indicator: &str,
    rule: &str,
    observed: &str,
    points: f64,
) -> ScoreItem {
    ScoreItem {
        part: part.into(),
        group: group.into(),
        indicator: indicator.into(),
        rule: rule.into(),
        observed: observed.into(),
        points,
        evidence: Vec::new(),
        verified: true,
        manual: false,
        who: None,
    }
}

const CLEAN: &str = "未发现问题";

/// The 检查情况表 rows of a site: vetoes, deductions and bonus; `extra` sets
/// deductions on top of a clean sheet as (group, indicator, rule, observed, points, evidence).
fn items(
    host: &str,
    down: bool,
    bonus: f64,
    extra: &[(&str, &str, &str, &str, f64)],
) -> Vec<ScoreItem> {
    let mut v = vec![
        item(
            "单项否决",
            "",
            "站点无法访问",
            "监测1周，每天间隔一定时间访问网站首页，超过15秒网页打不开的次数累计超过总监测次数的5%。",
            if down {
                "监测1周 142 次访问失败 8 次（5.6%）"
            } else {
                "监测1周 142 次访问失败 1 次（0.7%）"
            },
            0.0,
        ),
        item(
            "单项否决",
            "",
            "首页不更新",
            "监测2周，首页信息无更新。",
            CLEAN,
            0.0,
        ),
        item(
            "单项否决",
            "",
            "栏目不更新",
            "动态、要闻、通知公告、政策文件等栏目累计超过5个未按要求更新。",
            CLEAN,
            0.0,
        ),
        item(
            "单项否决",
            "",
            "严重表述错误",
            "存在严重错别字、虚假或伪造内容等严重表述错误。",
            CLEAN,
            0.0,
        ),
        item(
            "单项否决",
            "",
            "互动回应差",
            "未提供有效互动功能，或长期未回应公众留言。",
            CLEAN,
            0.0,
        ),
    ];
    let mut deduct = vec![
        item(
            "扣分指标",
            "发布解读",
            "空白栏目",
            "每发现1个空白栏目扣5分。",
            CLEAN,
            0.0,
        ),
        item(
            "扣分指标",
            "发布解读",
            "应更新未更新",
            "政策文件等栏目超过6个月未更新的，每发现1个扣2分。",
            CLEAN,
            0.0,
        ),
        item(
            "扣分指标",
            "办事服务",
            "办事指南要素",
            "办事指南要素缺失、内容不准确的，每发现1项扣1分。",
            CLEAN,
            0.0,
        ),
        item(
            "扣分指标",
            "互动交流",
            "留言办理",
            "留言超过3个月未办结的，每发现1条扣3分。",
            CLEAN,
            0.0,
        ),
        item(
            "扣分指标",
            "功能设计",
            "链接可用性",
            "首页链接不可用的每个扣1分，其他页面不可用链接每5个扣1分。",
            CLEAN,
            0.0,
        ),
    ];
    for (group, indicator, observed, url, points) in extra {
        if let Some(it) = deduct
            .iter_mut()
            .find(|i| i.group == *group && i.indicator == *indicator)
        {
            it.observed = (*observed).into();
            it.points = *points;
            it.evidence = vec![format!("https://{host}{url}")];
        }
    }
    // The link-check penalty is a configurable default in the sample pack.
    if let Some(it) = deduct.iter_mut().find(|i| i.indicator == "链接可用性") {
        it.verified = false;
    }
    v.extend(deduct);
    if bonus > 0.0 {
        v.push(item(
            "加分指标",
            "创新发展",
            "特色应用",
            "有特色创新应用的酌情加分。",
            "建设“一网通办”特色专题",
            bonus,
        ));
    }
    v
}

#[allow(clippy::too_many_arguments)] // a table row of sample data reads best as one call
fn site(
    name: &str,
    host: &str,
    portal: bool,
    score: Option<f64>,
    deductions: f64,
    bonus: f64,
    vetoes: &[&str],
    extra: &[(&str, &str, &str, &str, f64)],
) -> SiteScore {
    let down = !vetoes.is_empty();
    let verdict = match score {
        Some(s) if s >= 60.0 => Verdict::Pass,
        _ => Verdict::Fail,
    };
    SiteScore {
        name: name.into(),
        home: format!("https://{host}/"),
        site_code: Some(format!("50000000{:02}", name.chars().count())),
        kind_label: if portal {
            "政府门户网站"
        } else {
            "部门网站"
        }
        .into(),
        verdict,
        score,
        deductions,
        bonus,
        vetoes: vetoes.iter().map(|v| (*v).to_owned()).collect(),
        warnings: Vec::new(),
        items: items(host, down, bonus, extra),
        dismissed: Vec::new(),
    }
}

/// A 12-site sample bulletin for 2023 Q2 with every score band, a vetoed site, a site below
/// 60 points, four problem categories and a previous quarter to compare with.
pub fn sample_bulletin() -> Bulletin {
    let blank = (
        "发布解读",
        "空白栏目",
        "“政策解读”栏目无内容",
        "/zcjd/",
        5.0,
    );
    let stale = (
        "发布解读",
        "应更新未更新",
        "“规划计划”栏目最近更新于2022年9月",
        "/ghjh/",
        2.0,
    );
    let links = (
        "功能设计",
        "链接可用性",
        "首页2个链接不可用（HTTP 404）",
        "/index.html",
        2.0,
    );
    let msg = (
        "互动交流",
        "留言办理",
        "1条留言超过3个月未办结",
        "/hdjl/lyb/",
        3.0,
    );
    let mut sites = vec![
        site(
            "××市人民政府门户网站",
            "www.xx.gov.cn",
            true,
            Some(121.5),
            0.0,
            21.5,
            &[],
            &[],
        ),
        site(
            "××市发展和改革委员会",
            "fzggw.xx.gov.cn",
            false,
            Some(113.0),
            2.0,
            15.0,
            &[],
            &[links],
        ),
        site(
            "××市人力资源和社会保障局",
            "rlsbj.xx.gov.cn",
            false,
            Some(110.0),
            0.0,
            10.0,
            &[],
            &[],
        ),
        site(
            "××市交通局",
            "jtj.xx.gov.cn",
            false,
            Some(108.5),
            3.0,
            11.5,
            &[],
            &[msg],
        ),
        site(
            "××市教育委员会",
            "jw.xx.gov.cn",
            false,
            Some(104.0),
            2.0,
            6.0,
            &[],
            &[stale],
        ),
        site(
            "××市卫生健康委员会",
            "wsjkw.xx.gov.cn",
            false,
            Some(100.0),
            5.0,
            5.0,
            &[],
            &[blank],
        ),
        site(
            "××市生态环境局",
            "sthjj.xx.gov.cn",
            false,
            Some(96.5),
            5.0,
            1.5,
            &[],
            &[stale, msg],
        ),
        site(
            "××市民政局",
            "mzj.xx.gov.cn",
            false,
            Some(88.0),
            12.0,
            0.0,
            &[],
            &[blank, stale, links, msg],
        ),
        site(
            "××市市场监督管理局",
            "scjgj.xx.gov.cn",
            false,
            Some(82.3),
            17.7,
            0.0,
            &[],
            &[blank, stale],
        ),
        site(
            "××市文化和旅游发展委员会",
            "whlyw.xx.gov.cn",
            false,
            Some(72.0),
            28.0,
            0.0,
            &[],
            &[blank, links],
        ),
        site(
            "××市××区人民政府",
            "www.xxq.gov.cn",
            true,
            None,
            0.0,
            0.0,
            &["站点无法访问：监测1周 142 次访问失败 8 次（5.6%）"],
            &[],
        ),
        site(
            "××市农业农村委员会",
            "nyncw.xx.gov.cn",
            false,
            Some(56.0),
            44.0,
            0.0,
            &[],
            &[blank, stale, msg],
        ),
    ];
    // A few details an inspector would add by hand.
    if let Some(s) = sites.iter_mut().find(|s| s.name == "××市民政局") {
        s.warnings
            .push("“通知公告”栏目已13天未更新，再过1天将计入栏目不更新。".into());
        s.dismissed.push(Dismissal {
            kind: "link.broken".into(),
            url: "https://mzj.xx.gov.cn/old/zt2019/".into(),
            reason: "专题已按要求归档下线，链接已在首页移除".into(),
            by: "张三".into(),
            at: "2023-06-28 10:12".into(),
        });
        if let Some(it) = s.items.iter_mut().find(|i| i.indicator == "留言办理") {
            it.manual = true;
            it.who = Some("李四".into());
        }
    }
    if let Some(it) = sites
        .iter_mut()
        .find(|s| s.name == "××市××区人民政府")
        .and_then(|s| s.items.first_mut())
    {
        it.evidence = vec!["https://www.xxq.gov.cn/".into()];
    }

    let ex = |site: &str, host: &str, path: &str, detail: &str| Example {
        site: site.into(),
        url: format!("https://{host}{path}"),
        detail: detail.into(),
    };
    Bulletin {
        title: "2023年第二季度全市政府网站和政务新媒体检查情况的通报".into(),
        issuer: "××市人民政府办公室".into(),
        date: day(2023, 7, 11),
        period: PeriodInfo {
            code: "2023Q2".into(),
            label: "2023年第二季度".into(),
            start: day(2023, 4, 1),
            end: day(2023, 6, 30),
            checkpoint: day(2023, 6, 30),
        },
        pack: PackInfo {
            id: "gov-2019".into(),
            title: "政府网站与政务新媒体检查指标".into(),
            source: "国办秘函〔2019〕19号".into(),
            unverified: vec!["链接可用性".into()],
        },
        overall: Overall {
            period_label: "2023年第二季度".into(),
            sites_total: 12,
            sites_checked: 12,
            sites_passed: 10,
            accounts_total: 140,
            accounts_checked: 140,
            accounts_passed: 137,
        },
        previous: Some(Overall {
            period_label: "2023年第一季度".into(),
            sites_total: 12,
            sites_checked: 12,
            sites_passed: 9,
            accounts_total: 138,
            accounts_checked: 138,
            accounts_passed: 136,
        }),
        sites,
        problems: vec![
            ProblemCategory {
                title: "空白栏目".into(),
                description: "部分网站存在空白栏目，栏目开设后长期无内容。".into(),
                sites: 5,
                count: 7,
                examples: vec![
                    ex("××市卫生健康委员会", "wsjkw.xx.gov.cn", "/zcjd/", "“政策解读”栏目无内容"),
                    ex("××市农业农村委员会", "nyncw.xx.gov.cn", "/zcjd/", "“政策解读”栏目无内容"),
                ],
            },
            ProblemCategory {
                title: "栏目更新不及时".into(),
                description: "个别网站栏目长期未更新，信息发布不及时。".into(),
                sites: 5,
                count: 6,
                examples: vec![ex("××市教育委员会", "jw.xx.gov.cn", "/ghjh/", "“规划计划”栏目最近更新于2022年9月")],
            },
            ProblemCategory {
                title: "链接不可用".into(),
                description: "部分网站首页存在不可用链接，影响公众访问。".into(),
                sites: 3,
                count: 6,
                examples: vec![ex("××市民政局", "mzj.xx.gov.cn", "/index.html", "首页2个链接返回404错误")],
            },
            ProblemCategory {
                title: "互动回应不及时".into(),
                description: "个别网站留言办理超过3个月未办结。".into(),
                sites: 4,
                count: 4,
                examples: vec![ex("××市交通局", "jtj.xx.gov.cn", "/hdjl/lyb/", "1条留言超过3个月未办结")],
            },
        ],
        requirements: vec![
            "（一）压实主体责任。各单位要切实履行网站主管主办责任，对照本次检查发现的问题逐项整改，举一反三，建立健全常态化自查机制。".into(),
            "（二）加强内容保障。强化信息发布审核，及时更新动态要闻、通知公告、政策文件等栏目，对无法保障的栏目及时整合或关停，杜绝空白栏目。".into(),
            "（三）提升互动回应。规范留言办理流程，按时答复公众诉求，不得长期不回应。".into(),
        ],
        deadline: day(2023, 7, 31),
        notes: vec![],
    }
}
