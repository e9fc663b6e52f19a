//! Lays the bulletin (通报) out as [`Block`]s: the words and their order, shared by every format.

use crate::doc::{Block, Cell, ChartKind, Inline, Table};
use crate::model::{Bulletin, Overall, SiteScore, Verdict, percent, rate_tenths, score_text};
use crate::text;

/// The score bands of the bulletin's attachment (spec/indicators.md §1.2: 重庆 reports
/// "110分及以上" and "100—110分").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScoreBand {
    /// 110 points and above.
    From110,
    /// 100 to below 110.
    From100To110,
    /// 80 to below 100.
    From80To100,
    /// Passed, below 80.
    Below80,
    /// 不合格 (vetoed or below 60).
    Fail,
    /// Passed but carries no score (should not happen; shown so totals still add up).
    Unscored,
}

impl ScoreBand {
    /// All bands, from the top.
    pub const ALL: [ScoreBand; 6] = [
        ScoreBand::From110,
        ScoreBand::From100To110,
        ScoreBand::From80To100,
        ScoreBand::Below80,
        ScoreBand::Fail,
        ScoreBand::Unscored,
    ];

    /// The Chinese label, e.g. "100—110分".
    pub fn label_zh(self) -> &'static str {
        text::BAND_LABELS[self as usize]
    }
}

/// The band a site falls in. The verdict decides 不合格; otherwise the score as displayed (one
/// decimal, see [`score_text`]) decides, so 109.96 (shown "110") is in the 110 band.
pub fn score_band(s: &SiteScore) -> ScoreBand {
    if s.verdict == Verdict::Fail {
        return ScoreBand::Fail;
    }
    let Some(score) = s.score else {
        return ScoreBand::Unscored;
    };
    let tenths = (score * 10.0 + 1e-9).round() as i64;
    match tenths {
        t if t >= 1100 => ScoreBand::From110,
        t if t >= 1000 => ScoreBand::From100To110,
        t if t >= 800 => ScoreBand::From80To100,
        _ => ScoreBand::Below80,
    }
}

/// Sites per band, in [`ScoreBand::ALL`] order.
pub(crate) fn bands(sites: &[SiteScore]) -> Vec<(ScoreBand, Vec<&SiteScore>)> {
    ScoreBand::ALL
        .iter()
        .map(|&b| (b, sites.iter().filter(|s| score_band(s) == b).collect()))
        .collect()
}

fn names<'a>(sites: &[&'a SiteScore]) -> Vec<&'a str> {
    sites.iter().map(|s| s.name.as_str()).collect()
}

/// The text shown in the 得分 column: the score, or "不再评分" when vetoed.
pub(crate) fn score_cell(s: &SiteScore) -> String {
    s.score
        .map(score_text)
        .unwrap_or_else(|| text::NOT_SCORED.to_owned())
}

pub(crate) fn build(b: &Bulletin) -> Vec<Block> {
    let scope = text::scope_of(&b.title);
    let mut out = vec![
        Block::Title(b.title.clone()),
        Block::Salutation(text::SALUTATION.to_owned()),
        Block::Para(vec![Inline::text(text::intro(
            scope,
            &b.period.label,
            &b.pack.title,
            b.period.checkpoint,
            b.overall.accounts_checked > 0,
        ))]),
        Block::Heading1(text::H1_OVERALL.to_owned()),
    ];
    overall(b, scope, &mut out);
    problems(b, &mut out);
    requirements(b, &mut out);
    out.push(Block::AttachmentList(vec![
        text::attachment_item(1, text::ATTACHMENT_BANDS),
        text::attachment_item(2, text::ATTACHMENT_SITES),
    ]));
    out.push(Block::Signature {
        issuer: b.issuer.clone(),
        date: text::date_zh(b.date),
    });
    attachments(b, &mut out);
    notes(b, &mut out);
    out
}

fn overall(b: &Bulletin, scope: &str, out: &mut Vec<Block>) {
    let o = &b.overall;
    let accounts = (o.accounts_checked > 0).then(|| text::AccountTotals {
        checked: o.accounts_checked,
        passed: o.accounts_passed,
        ratio: (o.accounts_total > 0).then(|| percent(o.accounts_checked, o.accounts_total)),
        rate: percent(o.accounts_passed, o.accounts_checked),
    });
    let mut para = text::totals_sentence(&text::Totals {
        word: text::period_word(&b.period.code),
        scope,
        sites_checked: o.sites_checked,
        sites_passed: o.sites_passed,
        site_ratio: (o.sites_total > 0).then(|| percent(o.sites_checked, o.sites_total)),
        site_rate: percent(o.sites_passed, o.sites_checked),
        accounts,
    });
    if let Some(prev) = &b.previous {
        para.push_str(&comparison(prev, o));
    }
    out.push(Block::Para(vec![Inline::text(para)]));

    let bands = bands(&b.sites);
    let top = &bands[0].1;
    let high = &bands[1].1;
    let mut p = format!(
        "{}；{}。",
        text::band_top(top.len(), &text::names_list(&names(top))),
        text::band_high(high.len(), &text::names_list(&names(high)))
    );
    let above = top.len() + high.len();
    if o.sites_checked > 0 && above > 0 {
        p.push_str(&text::above_100(
            above,
            &percent(above as u32, o.sites_checked),
        ));
    }
    out.push(Block::Para(vec![Inline::text(p)]));
    out.push(Block::Chart(ChartKind::PassRate));
    out.push(Block::Chart(ChartKind::ScoreBands));

    let failed: Vec<&SiteScore> = b
        .sites
        .iter()
        .filter(|s| s.verdict == Verdict::Fail)
        .collect();
    let p = if failed.is_empty() {
        text::no_failed().to_owned()
    } else {
        let list = failed
            .iter()
            .map(|s| format!("{}（{}）", s.name, fail_reason(s)))
            .collect::<Vec<_>>()
            .join("；");
        format!("{}{list}。", text::failed_intro(failed.len()))
    };
    out.push(Block::Para(vec![Inline::text(p)]));
}

fn fail_reason(s: &SiteScore) -> String {
    if !s.vetoes.is_empty() {
        s.vetoes.join("；")
    } else if let Some(score) = s.score {
        text::fail_reason_low_score(&score_text(score))
    } else {
        text::FAIL_REASON_UNKNOWN.to_owned()
    }
}

/// "与2023年第一季度相比，网站合格率上升1.1个百分点（…），政务新媒体合格率…。"
fn comparison(prev: &Overall, now: &Overall) -> String {
    let mut parts = Vec::new();
    if prev.sites_checked > 0 && now.sites_checked > 0 {
        // Compare the rates as printed (tenths), so the sentence agrees with the two numbers.
        let d = rate_tenths(now.sites_passed, now.sites_checked) as i64
            - rate_tenths(prev.sites_passed, prev.sites_checked) as i64;
        parts.push(text::comparison(
            &prev.period_label,
            text::SITES_WORD,
            &percent(prev.sites_passed, prev.sites_checked),
            &text::change_zh(d),
            true,
        ));
    }
    if prev.accounts_checked > 0 && now.accounts_checked > 0 {
        let d = rate_tenths(now.accounts_passed, now.accounts_checked) as i64
            - rate_tenths(prev.accounts_passed, prev.accounts_checked) as i64;
        parts.push(text::comparison(
            &prev.period_label,
            text::ACCOUNTS_WORD,
            &percent(prev.accounts_passed, prev.accounts_checked),
            &text::change_zh(d),
            parts.is_empty(),
        ));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("{}。", parts.join("；"))
    }
}

fn problems(b: &Bulletin, out: &mut Vec<Block>) {
    out.push(Block::Heading1(text::H1_PROBLEMS.to_owned()));
    if b.problems.is_empty() {
        out.push(Block::Para(vec![Inline::text(text::NO_PROBLEMS)]));
        return;
    }
    for (i, p) in b.problems.iter().enumerate() {
        out.push(Block::Heading2(format!(
            "（{}）{}",
            text::zh_number(i + 1),
            p.title
        )));
        let mut inl = vec![Inline::text(format!(
            "{}{}",
            p.description,
            text::problem_counts(p.sites, p.count)
        ))];
        if !p.examples.is_empty() {
            inl.push(Inline::text(text::EXAMPLES_LEAD));
            for (j, e) in p.examples.iter().enumerate() {
                let (before, after) = text::example(&e.site, &e.detail);
                inl.push(Inline::text(before));
                inl.push(Inline::link(&e.url));
                let end = if j + 1 == p.examples.len() {
                    "。"
                } else {
                    "；"
                };
                inl.push(Inline::text(format!("{after}{end}")));
            }
        }
        out.push(Block::Para(inl));
    }
}

fn requirements(b: &Bulletin, out: &mut Vec<Block>) {
    out.push(Block::Heading1(text::H1_REQUIREMENTS.to_owned()));
    for r in &b.requirements {
        out.push(Block::Para(vec![Inline::text(r.clone())]));
    }
    let date = text::date_zh(b.deadline);
    let iso = b.deadline.format("%Y-%m-%d").to_string();
    if !b
        .requirements
        .iter()
        .any(|r| r.contains(&date) || r.contains(&iso))
    {
        out.push(Block::Para(vec![Inline::text(text::deadline_sentence(
            b.deadline, &b.issuer,
        ))]));
    }
}

fn attachments(b: &Bulletin, out: &mut Vec<Block>) {
    out.push(Block::PageBreak);
    out.push(Block::AttachmentLabel(text::attachment_label(1)));
    out.push(Block::Title(format!(
        "{}{}",
        b.period.label,
        text::ATTACHMENT_BANDS
    )));
    let rows = bands(&b.sites)
        .into_iter()
        .filter(|(band, sites)| *band != ScoreBand::Unscored || !sites.is_empty())
        .map(|(band, sites)| {
            vec![
                Cell::center(band.label_zh()),
                Cell::center(sites.len().to_string()),
                Cell::new(text::names_list(&names(&sites))),
            ]
        })
        .collect();
    out.push(Block::Table(Table {
        widths: vec![22, 14, 64],
        header: vec![
            text::COL_BAND.into(),
            text::COL_BAND_COUNT.into(),
            text::COL_SITE.into(),
        ],
        rows,
    }));

    out.push(Block::PageBreak);
    out.push(Block::AttachmentLabel(text::attachment_label(2)));
    out.push(Block::Title(format!(
        "{}{}",
        b.period.label,
        text::ATTACHMENT_SITES
    )));
    let rows = b
        .sites
        .iter()
        .enumerate()
        .map(|(i, s)| {
            vec![
                Cell::center((i + 1).to_string()),
                Cell::new(&s.name),
                Cell::center(&s.kind_label),
                Cell::center(score_cell(s)),
                Cell::center(s.verdict.label_zh()),
            ]
        })
        .collect();
    out.push(Block::Table(Table {
        widths: vec![8, 43, 20, 15, 14],
        header: [
            text::COL_NO,
            text::COL_SITE,
            text::COL_KIND,
            text::COL_SCORE,
            text::COL_VERDICT,
        ]
        .map(String::from)
        .to_vec(),
        rows,
    }));
}

fn notes(b: &Bulletin, out: &mut Vec<Block>) {
    let mut notes: Vec<String> = b.notes.clone();
    let already = notes
        .iter()
        .any(|n| b.pack.unverified.iter().any(|u| n.contains(u.as_str())));
    if !b.pack.unverified.is_empty() && !already {
        notes.push(text::unverified_note(&b.pack.unverified.join("、")));
    }
    if !b.pack.title.is_empty() {
        notes.push(text::pack_note(&b.pack.title, &b.pack.id, &b.pack.source));
    }
    if notes.is_empty() {
        return;
    }
    out.push(Block::Note(format!("{}：", text::NOTES_HEADING)));
    for (i, n) in notes.iter().enumerate() {
        out.push(Block::Note(format!("{}．{n}", i + 1)));
    }
}
