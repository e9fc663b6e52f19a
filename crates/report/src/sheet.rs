//! Lays one site's 检查情况表 out as [`Block`]s: identity and conclusion, 单项否决 rows, 扣分 rows
//! grouped by 一级指标, 加分 rows, the total, warnings and dismissed findings.

use crate::doc::{Block, Cell, Inline, Table};
use crate::model::{PeriodInfo, ScoreItem, SiteScore, Verdict, score_text};
use crate::text;

/// Evidence URLs shown per row; the full list is in the 整改清单.
const MAX_EVIDENCE: usize = 5;

pub(crate) fn build(s: &SiteScore, period: &PeriodInfo) -> Vec<Block> {
    let mut out = vec![
        Block::Title(format!("{}{}", s.name, text::SHEET_TITLE_SUFFIX)),
        Block::Subtitle(text::sheet_subtitle(
            &period.label,
            period.start,
            period.end,
        )),
    ];
    let (before, after) =
        text::sheet_identity(s.site_code.as_deref(), &s.kind_label, period.checkpoint);
    out.push(Block::Para(vec![
        Inline::text(before),
        Inline::link(&s.home),
        Inline::text(after),
    ]));
    out.push(Block::Para(vec![Inline::text(conclusion(s))]));
    if !s.vetoes.is_empty() {
        let list = s
            .vetoes
            .iter()
            .map(|v| v.as_str())
            .collect::<Vec<_>>()
            .join("；");
        out.push(Block::Para(vec![Inline::text(format!(
            "{}{list}。",
            text::veto_heading(s.vetoes.len())
        ))]));
    }

    let (vetoes, rest): (Vec<&ScoreItem>, Vec<&ScoreItem>) =
        s.items.iter().partition(|i| i.part == text::PART_VETO);
    let (bonus, deduct): (Vec<&ScoreItem>, Vec<&ScoreItem>) =
        rest.into_iter().partition(|i| i.part == text::PART_BONUS);

    out.push(Block::Heading1(format!("一、{}", text::SHEET_PART_VETO)));
    out.push(veto_table(&vetoes, s));
    out.push(Block::Heading1(format!("二、{}", text::SHEET_PART_DEDUCT)));
    match s.score {
        // spec §1.2: a vetoed site "不再对其他指标进行评分" — no 扣分/加分 tables.
        None => out.push(Block::Para(vec![Inline::text(text::SHEET_NOT_SCORED)])),
        Some(score) => {
            out.push(points_table(&grouped(deduct), text::COL_DEDUCT));
            out.push(Block::Heading1(format!("三、{}", text::SHEET_PART_BONUS)));
            out.push(points_table(&grouped(bonus), text::COL_ADD));
            out.push(Block::Para(vec![Inline::text(text::sheet_total(
                &score_text(s.deductions),
                &score_text(s.bonus),
                &score_text(score),
            ))]));
        }
    }
    let shown = |i: &&ScoreItem| s.score.is_some() || i.part == text::PART_VETO;
    if s.items.iter().filter(shown).any(|i| !i.verified) {
        out.push(Block::Note(text::UNVERIFIED_LEGEND.to_owned()));
    }

    let mut next = if s.score.is_some() { 4 } else { 3 };
    if !s.warnings.is_empty() {
        out.push(Block::Heading1(format!(
            "{}、{}",
            text::zh_number(next),
            text::WARNINGS_HEADING
        )));
        next += 1;
        for w in &s.warnings {
            out.push(Block::Para(vec![Inline::text(w.clone())]));
        }
    }
    if !s.dismissed.is_empty() {
        out.push(Block::Heading1(format!(
            "{}、{}",
            text::zh_number(next),
            text::DISMISSED_HEADING
        )));
        let rows = s
            .dismissed
            .iter()
            .map(|d| {
                vec![
                    Cell::new(&d.kind),
                    Cell::lines(vec![vec![Inline::link(&d.url)]]),
                    Cell::new(&d.reason),
                    Cell::center(&d.by),
                    Cell::center(&d.at),
                ]
            })
            .collect();
        out.push(Block::Table(Table {
            widths: vec![16, 30, 26, 12, 16],
            header: [
                text::COL_DISMISS_KIND,
                text::COL_DISMISS_URL,
                text::COL_DISMISS_REASON,
                text::COL_DISMISS_BY,
                text::COL_DISMISS_AT,
            ]
            .map(String::from)
            .to_vec(),
            rows,
        }));
    }
    out
}

fn conclusion(s: &SiteScore) -> String {
    match s.score {
        None => text::sheet_conclusion_vetoed().to_owned(),
        Some(score) => text::sheet_conclusion(
            s.verdict.label_zh(),
            &score_text(score),
            &score_text(100.0 - s.deductions),
            &score_text(s.deductions),
            &score_text(s.bonus),
        ),
    }
}

/// Items in first-appearance order of their group, each group's items kept in order.
fn grouped(items: Vec<&ScoreItem>) -> Vec<&ScoreItem> {
    let mut groups: Vec<&str> = Vec::new();
    for i in &items {
        if !groups.contains(&i.group.as_str()) {
            groups.push(&i.group);
        }
    }
    groups
        .iter()
        .flat_map(|g| items.iter().copied().filter(move |i| i.group == *g))
        .collect()
}

/// 检查情况 cell: the sentence, the manual mark, then evidence links one per line.
fn observed_cell(i: &ScoreItem) -> Cell {
    let mut first = i.observed.clone();
    if i.manual {
        first.push_str(&text::manual_mark(i.who.as_deref()));
    }
    let mut lines = vec![vec![Inline::text(first)]];
    if !i.evidence.is_empty() {
        lines.push(vec![Inline::text(text::EVIDENCE)]);
        for url in i.evidence.iter().take(MAX_EVIDENCE) {
            lines.push(vec![Inline::link(url)]);
        }
        if i.evidence.len() > MAX_EVIDENCE {
            lines.push(vec![Inline::text(text::more_evidence(
                i.evidence.len() - MAX_EVIDENCE,
            ))]);
        }
    }
    Cell::lines(lines)
}

fn points_text(i: &ScoreItem) -> String {
    let mark = if i.verified {
        ""
    } else {
        text::UNVERIFIED_MARK
    };
    format!("{}{mark}", score_text(i.points))
}

fn veto_table(items: &[&ScoreItem], s: &SiteScore) -> Block {
    let rows = if items.is_empty() {
        vec![vec![
            Cell::new(text::NO_ITEMS),
            Cell::new(""),
            Cell::new(""),
            Cell::new(""),
        ]]
    } else {
        items
            .iter()
            .map(|i| {
                // A veto row is "hit" when the site failed and the row's indicator is named by
                // one of the site's vetoes (the vetoes are the authoritative list).
                let hit = s.verdict == Verdict::Fail
                    && s.vetoes.iter().any(|v| v.contains(i.indicator.as_str()));
                let mark = if i.verified {
                    ""
                } else {
                    text::UNVERIFIED_MARK
                };
                let res = if hit {
                    text::VETO_HIT
                } else {
                    text::VETO_CLEAR
                };
                vec![
                    Cell::new(&i.indicator),
                    Cell::new(&i.rule),
                    observed_cell(i),
                    Cell::center(format!("{res}{mark}")),
                ]
            })
            .collect()
    };
    Block::Table(Table {
        widths: vec![18, 32, 38, 12],
        header: [
            text::COL_INDICATOR,
            text::COL_RULE,
            text::COL_OBSERVED,
            text::COL_RESULT,
        ]
        .map(String::from)
        .to_vec(),
        rows,
    })
}

fn points_table(items: &[&ScoreItem], points_header: &str) -> Block {
    let rows = if items.is_empty() {
        vec![vec![
            Cell::new(text::NO_ITEMS),
            Cell::new(""),
            Cell::new(""),
            Cell::new(""),
            Cell::new(""),
        ]]
    } else {
        let mut prev_group: Option<&str> = None;
        items
            .iter()
            .map(|i| {
                let same = prev_group == Some(i.group.as_str());
                prev_group = Some(&i.group);
                let mut group = Cell::center(&i.group);
                group.merged_up = same;
                vec![
                    group,
                    Cell::new(&i.indicator),
                    Cell::new(&i.rule),
                    observed_cell(i),
                    Cell::center(points_text(i)),
                ]
            })
            .collect()
    };
    Block::Table(Table {
        widths: vec![12, 16, 28, 34, 10],
        header: [
            text::COL_GROUP,
            text::COL_INDICATOR,
            text::COL_RULE,
            text::COL_OBSERVED,
            points_header,
        ]
        .map(String::from)
        .to_vec(),
        rows,
    })
}
