//! Every scoring rule at its boundary (issue 6): 4 vs 5 stale columns, 6/140 vs 7/140 failed
//! probes, scores of exactly 60 and 80, caps, no double counting, 75 × 4/3.

use chrono::{DateTime, FixedOffset};
use xunwang_core::{Evidence, Finding, FindingKind, Occurrence, Severity};
use xunwang_rules::{
    Availability, Manual, Measurements, Pack, SiteInput, SiteKind, SiteProfile, Stamp, Verdict,
    score,
};

const HOME: &str = "http://www.example.gov.cn/";

fn at() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2023-06-20T10:00:00+08:00").unwrap()
}

fn pack() -> Pack {
    Pack::shipped("gov-cn-2019-website").unwrap()
}

fn finding(
    kind: FindingKind,
    severity: Severity,
    url: &str,
    facts: &[(&str, serde_json::Value)],
) -> Finding {
    let mut evidence = Evidence {
        summary: "测试".into(),
        ..Default::default()
    };
    for (k, v) in facts {
        evidence.facts.insert((*k).to_owned(), v.clone());
    }
    Finding::new(kind, severity, HOME, url, url, evidence, at())
}

fn stale_news(n: usize) -> Vec<Finding> {
    (0..n)
        .map(|i| {
            finding(
                FindingKind::ColumnStale,
                Severity::Serious,
                &format!("{HOME}col{i}/"),
                &[("class", "news".into()), ("level", 1.into())],
            )
        })
        .collect()
}

fn input(findings: Vec<Finding>) -> SiteInput {
    SiteInput {
        profile: SiteProfile {
            home: HOME.into(),
            name: "示例市人民政府".into(),
            kind: SiteKind::Portal,
            no_external_service: false,
        },
        findings,
        ..Default::default()
    }
}

fn stamp() -> Stamp {
    Stamp {
        by: "张检查".into(),
        at: at(),
    }
}

fn manual_deduction(item: &str, points: f64) -> Manual {
    Manual::Deduction {
        item: item.into(),
        points: Some(points),
        reason: "人工扣分".into(),
        url: None,
        stamp: stamp(),
    }
}

fn bonus(item: &str) -> Manual {
    Manual::Bonus {
        item: item.into(),
        points: None,
        reason: "表现突出".into(),
        stamp: stamp(),
    }
}

/// Manual deductions losing exactly `lost` points, spread over indicators so no cap cuts them.
fn losing(lost: f64) -> Vec<Manual> {
    let mut left = lost;
    let mut out = Vec::new();
    for (item, cap) in [
        ("service.guide", 15.0),
        ("service.stats", 5.0),
        ("service.forms", 5.0),
        ("interact.reply", 12.0),
        ("interact.survey", 8.0),
        ("publish.update", 15.0),
    ] {
        if left <= 0.0 {
            break;
        }
        let p: f64 = if left > cap { cap } else { left };
        out.push(manual_deduction(item, p));
        left -= p;
    }
    out
}

#[test]
fn four_stale_columns_warn_and_cost_points_five_veto() {
    let card = score(&pack(), &input(stale_news(4)));
    assert_eq!(card.verdict, Verdict::Pass);
    assert!(card.vetoes.is_empty());
    assert_eq!(card.warnings.len(), 1, "{:?}", card.warnings);
    assert_eq!(card.warnings[0].id, "V4.1");
    assert_eq!(card.score, Some(92.0), "4 stale news columns × 2 points");

    let card = score(&pack(), &input(stale_news(5)));
    assert_eq!(card.verdict, Verdict::Fail);
    assert_eq!(card.score, None, "a veto scores nothing");
    assert_eq!(card.vetoes.len(), 1);
    assert_eq!(card.vetoes[0].id, "V4.1");
    assert_eq!(card.vetoes[0].evidence.len(), 5);

    let card = score(&pack(), &input(stale_news(2)));
    assert!(card.warnings.is_empty(), "2 of 5 is below the warning tier");
}

fn probes(failures: u32, probes: u32) -> SiteInput {
    let mut i = input(Vec::new());
    i.measurements = Measurements {
        availability: Some(Availability { probes, failures }),
    };
    i
}

#[test]
fn six_of_140_failed_probes_pass_seven_veto() {
    let card = score(&pack(), &probes(6, 140));
    assert_eq!(card.verdict, Verdict::Pass);
    assert_eq!(card.warnings.len(), 1, "4.3 % is above the 3 % warning");
    assert_eq!(card.warnings[0].id, "V2");

    let card = score(&pack(), &probes(7, 140));
    assert_eq!(card.verdict, Verdict::Fail);
    assert_eq!(card.vetoes[0].id, "V2");
    assert!(
        card.vetoes[0].reason.contains("5.0%"),
        "{}",
        card.vetoes[0].reason
    );

    // 14 of 280 is exactly 5 % as well; 13 of 280 is not.
    assert_eq!(score(&pack(), &probes(14, 280)).verdict, Verdict::Fail);
    assert_eq!(score(&pack(), &probes(13, 280)).verdict, Verdict::Pass);
    // Too few probes decide nothing (no false alarm), and say so.
    let card = score(&pack(), &probes(50, 139));
    assert_eq!(card.verdict, Verdict::Pass);
    assert!(
        card.notes.iter().any(|n| n.contains("数据不足")),
        "{:?}",
        card.notes
    );
    // 4/140 = 2.9 % is below the warning tier.
    assert!(score(&pack(), &probes(4, 140)).warnings.is_empty());
}

#[test]
fn exactly_60_passes_and_just_below_fails() {
    let mut i = input(Vec::new());
    i.manual = losing(40.0);
    let card = score(&pack(), &i);
    assert_eq!(card.part2, Some(60.0));
    assert_eq!(card.verdict, Verdict::Pass, "低于60分 is strictly below");

    i.manual = losing(40.1);
    let card = score(&pack(), &i);
    assert_eq!(card.part2, Some(59.9));
    assert_eq!(card.verdict, Verdict::Fail);
    assert_eq!(
        card.score,
        Some(59.9),
        "a points failure still shows its score"
    );

    // The 2015 普查 rule: 60 itself fails.
    let mut p = pack();
    p.scoring.fail_at_boundary = true;
    i.manual = losing(40.0);
    assert_eq!(score(&p, &i).verdict, Verdict::Fail);
}

#[test]
fn exactly_80_gets_no_bonus_and_just_above_does() {
    let mut i = input(Vec::new());
    i.manual = losing(20.0);
    i.manual.push(bonus("B-问答库"));
    let card = score(&pack(), &i);
    assert_eq!(card.part2, Some(80.0));
    assert_eq!(card.bonus, 0.0, "高于80分 is strictly above");
    assert_eq!(card.score, Some(80.0));
    assert!(
        card.notes.iter().any(|n| n.contains("不进入加分")),
        "{:?}",
        card.notes
    );

    i.manual = losing(19.9);
    i.manual.push(bonus("B-问答库"));
    let card = score(&pack(), &i);
    assert_eq!(card.part2, Some(80.1));
    assert_eq!(card.bonus, 5.0);
    assert_eq!(card.score, Some(85.1));
}

#[test]
fn bonus_is_capped_at_30_counted_once_per_item_and_only_for_portals() {
    let mut i = input(Vec::new());
    for id in [
        "B-问答库",
        "B-解读",
        "B-办事",
        "B-答复",
        "B-集约化",
        "B-数据开放",
        "B-适老化",
        "B-问答库",
    ] {
        i.manual.push(bonus(id));
    }
    let card = score(&pack(), &i);
    assert_eq!(
        card.bonuses.len(),
        7,
        "a second tick of one item replaces the first"
    );
    assert_eq!(card.bonus, 30.0, "35 points ticked, capped at 30");
    assert_eq!(card.score, Some(130.0));

    i.profile.kind = SiteKind::Department;
    let card = score(&pack(), &i);
    assert_eq!(card.bonus, 0.0);
    assert_eq!(card.score, Some(100.0));
}

#[test]
fn an_indicator_never_loses_more_than_its_points() {
    let typos: Vec<Finding> = (0..25)
        .map(|i| {
            finding(
                FindingKind::ContentTypo,
                Severity::Serious,
                &format!("{HOME}a{i}.html"),
                &[],
            )
        })
        .collect();
    let card = score(&pack(), &input(typos));
    let accuracy = card
        .indicators
        .iter()
        .find(|l| l.id == "publish.accuracy")
        .unwrap();
    assert_eq!(accuracy.rules[0].points, 25.0);
    assert_eq!(accuracy.lost, 10.0, "capped at the indicator's 10 points");
    assert!(accuracy.capped.is_some());
    assert_eq!(card.score, Some(90.0));
}

#[test]
fn a_group_never_loses_more_than_its_points() {
    // A local pack whose two indicators (10 + 10) outweigh their group (15).
    let text = pack_text().replace(
        "[[indicator]]\nid = \"publish.accuracy\"\ngroup = \"发布解读\"\nname = \"内容准确规范\"\npoints = 10.0",
        "[[indicator]]\nid = \"publish.accuracy\"\ngroup = \"功能设计\"\nname = \"内容准确规范\"\npoints = 10.0",
    );
    let p = Pack::from_toml(&text, "local").unwrap();
    let mut f: Vec<Finding> = (0..10)
        .map(|i| {
            finding(
                FindingKind::ContentTypo,
                Severity::Serious,
                &format!("{HOME}t{i}.html"),
                &[],
            )
        })
        .collect();
    f.extend((0..60).map(|i| {
        finding(
            FindingKind::LinkBroken,
            Severity::Serious,
            &format!("{HOME}dead{i}.html"),
            &[],
        )
    }));
    let mut i = input(f);
    i.manual.push(manual_deduction("function.identity", 4.0));
    let card = score(&p, &i);
    let g = card.groups.iter().find(|g| g.name == "功能设计").unwrap();
    // 10 (accuracy) + 6 (links: 60 × 0.1) + 4 (identity) = 20 > 15.
    assert_eq!(g.lost, 15.0);
    assert_eq!(card.score, Some(85.0));
}

#[test]
fn a_finding_is_charged_once_even_when_two_rules_read_it() {
    // A stale first-level 政策文件 column matches D-政策文件-6m and the catch-all news rule.
    let f = finding(
        FindingKind::ColumnStale,
        Severity::Serious,
        &format!("{HOME}zcwj/"),
        &[("class", "policy".into()), ("level", 1.into())],
    );
    // The same finding reported twice (inspection run and monitor) counts once.
    let card = score(&pack(), &input(vec![f.clone(), f]));
    let update = card
        .indicators
        .iter()
        .find(|l| l.id == "publish.update")
        .unwrap();
    assert_eq!(update.rules.len(), 1, "{:?}", update.rules);
    assert_eq!(update.rules[0].id, "D-政策文件-6m");
    assert_eq!(update.lost, 5.0);
    assert_eq!(card.score, Some(95.0));
}

#[test]
fn a_state_council_department_without_services_is_scored_on_75_times_4_thirds() {
    let mut i = input(Vec::new());
    i.profile.no_external_service = true;
    i.manual = vec![
        manual_deduction("interact.reply", 5.0),
        // 办事服务 is not checked: a deduction there is ignored.
        manual_deduction("service.guide", 10.0),
    ];
    let card = score(&pack(), &i);
    assert_eq!(card.part2, Some(93.33), "(75 − 5) × 4/3");
    assert!(
        card.groups
            .iter()
            .any(|g| g.name == "办事服务" && g.excluded)
    );
    assert!(
        card.notes.iter().any(|n| n.contains("75")),
        "{:?}",
        card.notes
    );

    i.manual.clear();
    assert_eq!(score(&pack(), &i).score, Some(100.0), "a clean 75 is 100");
}

#[test]
fn home_page_links_cost_more_than_others_and_batches_round_down() {
    let mut on_home = finding(
        FindingKind::LinkBroken,
        Severity::Serious,
        "http://www.example.gov.cn/dead.html",
        &[],
    );
    on_home.evidence.occurrences.push(Occurrence {
        page: HOME.into(),
        element: "a".into(),
        attribute: "href".into(),
        text: "死链".into(),
    });
    let mut f = vec![on_home];
    f.extend((0..9).map(|i| {
        finding(
            FindingKind::LinkBroken,
            Severity::Serious,
            &format!("{HOME}x/{i}.html"),
            &[],
        )
    }));
    let card = score(&pack(), &input(f));
    let links = card
        .indicators
        .iter()
        .find(|l| l.id == "function.links")
        .unwrap();
    let by_id = |id: &str| links.rules.iter().find(|r| r.id == id).unwrap();
    assert_eq!(by_id("D-首页链接").count, 1);
    assert_eq!(by_id("D-首页链接").points, 1.0);
    assert_eq!(by_id("D-其他链接").count, 9);
    assert_eq!(by_id("D-其他链接").points, 0.9);
    assert_eq!(card.score, Some(98.1));

    // Batches: "每 3 个扣 1 分" charges 2 points for 8 links.
    let mut p = pack();
    let r = p.rule.iter_mut().find(|r| r.id == "D-其他链接").unwrap();
    r.per = 3;
    r.points = 1.0;
    let f: Vec<Finding> = (0..8)
        .map(|i| {
            finding(
                FindingKind::LinkBroken,
                Severity::Serious,
                &format!("{HOME}y/{i}.html"),
                &[],
            )
        })
        .collect();
    assert_eq!(score(&p, &input(f)).score, Some(98.0));
}

#[test]
fn dismissed_findings_count_nowhere_and_are_listed() {
    let f = stale_news(5);
    let fp = f[0].fingerprint.clone();
    let mut i = input(f);
    i.manual.push(Manual::Dismiss {
        fingerprint: fp.clone(),
        reason: "该栏目为历史归档栏目".into(),
        stamp: stamp(),
    });
    let card = score(&pack(), &i);
    assert_eq!(
        card.verdict,
        Verdict::Pass,
        "4 stale columns after the dismissal"
    );
    assert_eq!(card.dismissed.len(), 1);
    assert_eq!(card.dismissed[0].fingerprint, fp);
    assert_eq!(card.dismissed[0].stamp.by, "张检查");
    assert_eq!(card.score, Some(92.0));
}

#[test]
fn veto_severity_content_vetoes_and_lesser_content_costs_points() {
    let spam = finding(
        FindingKind::ContentGambling,
        Severity::Veto,
        &format!("{HOME}a.html"),
        &[],
    );
    let card = score(&pack(), &input(vec![spam]));
    assert_eq!(card.vetoes[0].id, "V1");
    assert!(
        card.vetoes[0].reason.contains("赌博内容"),
        "{}",
        card.vetoes[0].reason
    );

    let ad = finding(
        FindingKind::ContentAd,
        Severity::Serious,
        &format!("{HOME}b.html"),
        &[],
    );
    let card = score(&pack(), &input(vec![ad]));
    assert_eq!(card.score, Some(98.0));
}

#[test]
fn manual_vetoes_and_unknown_items_are_recorded() {
    let mut i = input(Vec::new());
    i.manual.push(Manual::Veto {
        item: "V6".into(),
        reason: "办事指南普遍缺少办理材料".into(),
        url: Some(format!("{HOME}bsfw/")),
        stamp: stamp(),
    });
    i.manual.push(manual_deduction("D-不存在", 3.0));
    let card = score(&pack(), &i);
    assert_eq!(card.verdict, Verdict::Fail);
    assert_eq!(card.vetoes[0].id, "V6");
    assert_eq!(card.vetoes[0].manual.as_ref().unwrap().by, "张检查");
    assert!(card.notes.iter().any(|n| n.contains("D-不存在")));
}

#[test]
fn the_newmedia_pack_is_pass_fail() {
    let p = Pack::shipped("gov-cn-2019-newmedia").unwrap();
    let card = score(&p, &input(Vec::new()));
    assert_eq!(card.verdict, Verdict::Pass);
    assert_eq!(card.score, None);
    let stale = finding(
        FindingKind::NewmediaStale,
        Severity::Veto,
        "https://weibo.example/acc",
        &[],
    );
    assert_eq!(score(&p, &input(vec![stale])).verdict, Verdict::Fail);
}

fn pack_text() -> String {
    xunwang_rules::GOV_CN_2019_WEBSITE.to_owned()
}

#[test]
fn a_local_100_plus_25_variant_loads_and_bad_packs_are_refused_clearly() {
    let text = pack_text()
        .replace("id = \"gov-cn-2019-website\"", "id = \"zhaoqing-2019\"")
        .replace("bonus_cap = 30.0", "bonus_cap = 25.0");
    let p = Pack::from_toml(&text, "zhaoqing.toml").unwrap();
    assert_eq!(p.scoring.bonus_cap, 25.0);
    let mut i = input(Vec::new());
    for id in [
        "B-问答库",
        "B-解读",
        "B-办事",
        "B-答复",
        "B-集约化",
        "B-数据开放",
    ] {
        i.manual.push(bonus(id));
    }
    assert_eq!(score(&p, &i).score, Some(125.0));

    let broken = pack_text().replace("points = 40.0", "points = 41.0");
    let e = Pack::from_toml(&broken, "bad.toml")
        .unwrap_err()
        .to_string();
    assert!(e.contains("应等于") && e.contains("bad.toml"), "{e}");

    let unknown = pack_text().replace("\"column.empty\"]", "\"column.emtpy\"]");
    let err = Pack::from_toml(&unknown, "typo.toml").unwrap_err();
    // The message names the file, its cause the line and the unknown kind (printed once each).
    let e = err.to_string();
    let cause = std::error::Error::source(&err).unwrap().to_string();
    assert!(
        e.contains("typo.toml") && !e.contains("column.emtpy"),
        "{e}"
    );
    assert!(
        cause.contains("column.emtpy") && cause.contains("line"),
        "{cause}"
    );

    assert!(Pack::shipped("nope").is_err());
    assert!(!pack().unverified().is_empty());
    assert!(
        pack()
            .unverified()
            .iter()
            .all(|u| !u.contains("办事服务（25")),
        "25 is derived, verified"
    );
}
