//! Scoring one site against a pack (spec §1.2): vetoes, capped deductions, bonus, verdict.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use xunwang_core::Finding;

use crate::input::{Manual, SiteInput, SiteKind, Stamp};
use crate::pack::{Measure, Mode, Pack, Rule, VetoItem};
use crate::text;

/// Scores closer than this are equal (sums of 0.1-point deductions are not exact in binary).
const EPS: f64 = 1e-6;

/// Evidence URLs kept per line (the rectification list has them all).
const EVIDENCE_PER_LINE: usize = 10;

/// 合格 or 不合格.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// 合格.
    #[serde(rename = "合格")]
    Pass,
    /// 不合格.
    #[serde(rename = "不合格")]
    Fail,
}

impl Verdict {
    /// `合格` / `不合格`.
    pub fn label_zh(self) -> &'static str {
        match self {
            Verdict::Pass => "合格",
            Verdict::Fail => "不合格",
        }
    }
}

/// A veto item that applies (or, among warnings, is close to applying).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VetoLine {
    /// The pack's id (`V4.1`).
    pub id: String,
    /// 指标.
    pub indicator: String,
    /// 评分细则.
    pub rule: String,
    /// What was found, in Chinese.
    pub reason: String,
    /// URLs backing it.
    pub evidence: Vec<String>,
    /// Set when an inspector entered it.
    pub manual: Option<Stamp>,
    /// Whether the threshold is verified.
    pub verified: bool,
}

/// What one deduction rule charged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleLine {
    /// Rule id.
    pub id: String,
    /// 评分细则.
    pub text: String,
    /// Findings charged.
    pub count: usize,
    /// Points before the indicator's cap.
    pub points: f64,
    /// URLs of the findings charged.
    pub evidence: Vec<String>,
    /// Fingerprints of the findings charged (each charged once in the whole card).
    pub fingerprints: Vec<String>,
    /// Whether the points are verified.
    pub verified: bool,
}

/// A deduction an inspector entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManualLine {
    /// Rule or indicator id it was entered under.
    pub item: String,
    /// Points.
    pub points: f64,
    /// What was found.
    pub reason: String,
    /// Where.
    pub url: Option<String>,
    /// Who and when.
    pub stamp: Stamp,
}

/// One second-level indicator of the card (every indicator appears, clean ones too).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorLine {
    /// The group (一级指标).
    pub group: String,
    /// Indicator id.
    pub id: String,
    /// Indicator name (指标).
    pub name: String,
    /// Its points (the cap).
    pub full: f64,
    /// Points lost after the cap.
    pub lost: f64,
    /// Rules that charged something.
    pub rules: Vec<RuleLine>,
    /// Manual deductions.
    pub manual: Vec<ManualLine>,
    /// Set when the cap cut the deductions.
    pub capped: Option<String>,
    /// Not scored (办事服务 of a portal without external services).
    pub excluded: bool,
    /// Whether its points are verified.
    pub verified: bool,
    /// The rules of the indicator as the pack writes them (评分细则).
    pub rule_texts: Vec<String>,
}

/// A group total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupLine {
    /// Name.
    pub name: String,
    /// Points.
    pub full: f64,
    /// Points lost after the group's cap.
    pub lost: f64,
    /// Not scored.
    pub excluded: bool,
}

/// A bonus given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BonusLine {
    /// Item id.
    pub id: String,
    /// Item name.
    pub name: String,
    /// Points given (≤ the item's points).
    pub points: f64,
    /// Why.
    pub reason: String,
    /// Who and when.
    pub stamp: Stamp,
    /// Whether the item's points are verified.
    pub verified: bool,
}

/// A finding an inspector dismissed as a false positive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dismissed {
    /// Its fingerprint.
    pub fingerprint: String,
    /// Its kind id.
    pub kind: String,
    /// Its URL.
    pub url: String,
    /// Why it is wrong.
    pub reason: String,
    /// Who and when.
    pub stamp: Stamp,
}

/// The score of one site in one period under one pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    /// Pack id.
    pub pack: String,
    /// Home URL.
    pub site: String,
    /// Name.
    pub name: String,
    /// Portal or department.
    pub kind: SiteKind,
    /// 合格 / 不合格.
    pub verdict: Verdict,
    /// Final score (part 2 + part 3); `None` when a veto applies or the pack is pass/fail.
    pub score: Option<f64>,
    /// Part-2 score (扣分指标), when scored.
    pub part2: Option<f64>,
    /// Part-3 points (加分指标).
    pub bonus: f64,
    /// Points deducted (after caps, before the 4/3 scaling).
    pub lost: f64,
    /// Veto items that apply.
    pub vetoes: Vec<VetoLine>,
    /// Veto items close to applying (for the operator).
    pub warnings: Vec<VetoLine>,
    /// Group totals.
    pub groups: Vec<GroupLine>,
    /// Every indicator with what it charged.
    pub indicators: Vec<IndicatorLine>,
    /// Bonuses given.
    pub bonuses: Vec<BonusLine>,
    /// Dismissed findings.
    pub dismissed: Vec<Dismissed>,
    /// Caveats (insufficient probes, scaling, unknown manual items…).
    pub notes: Vec<String>,
}

/// Scores one site. Pure: the same input always gives the same card.
pub fn score(pack: &Pack, input: &SiteInput) -> Scorecard {
    let profile = &input.profile;
    let mut notes = Vec::new();

    // Dismissals first: a dismissed finding counts nowhere.
    let dismiss: BTreeMap<&str, (&str, &Stamp)> = input
        .manual
        .iter()
        .filter_map(|m| match m {
            Manual::Dismiss {
                fingerprint,
                reason,
                stamp,
            } => Some((fingerprint.as_str(), (reason.as_str(), stamp))),
            _ => None,
        })
        .collect();
    let mut dismissed = Vec::new();
    let mut seen = BTreeSet::new();
    let findings: Vec<&Finding> = input
        .findings
        .iter()
        .filter(|f| {
            if !seen.insert(f.fingerprint.as_str()) {
                return false; // the same finding twice (run + monitor) counts once
            }
            match dismiss.get(f.fingerprint.as_str()) {
                Some((reason, stamp)) => {
                    dismissed.push(Dismissed {
                        fingerprint: f.fingerprint.clone(),
                        kind: f.kind.id().to_owned(),
                        url: f.url.clone(),
                        reason: (*reason).to_owned(),
                        stamp: (*stamp).clone(),
                    });
                    false
                }
                None => true,
            }
        })
        .collect();
    if !dismissed.is_empty() {
        notes.push(text::dismissed_note(dismissed.len()));
    }

    let (mut vetoes, warnings) = judge_vetoes(pack, input, &findings, &mut notes);
    for m in &input.manual {
        if let Manual::Veto {
            item,
            reason,
            url,
            stamp,
        } = m
        {
            match pack.veto.iter().find(|v| &v.id == item) {
                Some(v) => vetoes.push(VetoLine {
                    id: v.id.clone(),
                    indicator: v.indicator.clone(),
                    rule: v.rule.clone(),
                    reason: text::manual_veto(reason),
                    evidence: url.iter().cloned().collect(),
                    manual: Some(stamp.clone()),
                    verified: v.verified,
                }),
                None => notes.push(text::unknown_manual(item)),
            }
        }
    }

    let scored = pack.scoring.mode == Mode::Points
        && (profile.kind == SiteKind::Portal || pack.scoring.deductions_for_departments);
    let (groups, indicators) = if pack.scoring.mode == Mode::Points {
        deductions(pack, input, &findings, &mut notes)
    } else {
        (Vec::new(), Vec::new())
    };

    let mut card = Scorecard {
        pack: pack.id.clone(),
        site: profile.home.clone(),
        name: profile.name.clone(),
        kind: profile.kind,
        verdict: Verdict::Pass,
        score: None,
        part2: None,
        bonus: 0.0,
        lost: round2(groups.iter().filter(|g| !g.excluded).map(|g| g.lost).sum()),
        vetoes,
        warnings,
        groups,
        indicators,
        bonuses: Vec::new(),
        dismissed,
        notes,
    };
    if !card.vetoes.is_empty() {
        card.verdict = Verdict::Fail; // 不再对其他指标进行评分
        return card;
    }
    if !scored {
        return card;
    }

    let s = &pack.scoring;
    let excluded: f64 = card
        .groups
        .iter()
        .filter(|g| g.excluded)
        .map(|g| g.full)
        .sum();
    let basis = s.full - excluded;
    let part2 = if excluded > 0.0 && basis > 0.0 {
        card.notes.push(text::no_service(
            s.no_service_group.as_deref().unwrap_or(""),
            basis,
            s.full,
        ));
        (basis - card.lost) * s.full / basis
    } else {
        s.full - card.lost
    };
    let part2 = round2(part2.max(0.0));
    card.part2 = Some(part2);
    let fails =
        part2 < s.fail_below - EPS || (s.fail_at_boundary && (part2 - s.fail_below).abs() <= EPS);
    if fails {
        card.verdict = Verdict::Fail;
        card.score = Some(part2);
        return card;
    }

    let bonus_items: Vec<BonusLine> = input
        .manual
        .iter()
        .filter_map(|m| match m {
            Manual::Bonus {
                item,
                points,
                reason,
                stamp,
            } => match pack.bonus.iter().find(|b| &b.id == item) {
                Some(b) => Some(BonusLine {
                    id: b.id.clone(),
                    name: b.name.clone(),
                    points: points.unwrap_or(b.points).clamp(0.0, b.points),
                    reason: reason.clone(),
                    stamp: stamp.clone(),
                    verified: b.verified,
                }),
                None => {
                    card.notes.push(text::unknown_manual(item));
                    None
                }
            },
            _ => None,
        })
        .collect();
    if !bonus_items.is_empty() {
        if s.bonus_portals_only && profile.kind != SiteKind::Portal {
            card.notes.push(text::NO_BONUS_DEPARTMENT.to_owned());
        } else if part2 <= s.bonus_above + EPS {
            card.notes.push(text::no_bonus_score(s.bonus_above));
        } else {
            // One tick per item: a second tick of the same item replaces the first.
            let mut by_item: BTreeMap<String, BonusLine> = BTreeMap::new();
            for b in bonus_items {
                by_item.insert(b.id.clone(), b);
            }
            let total: f64 = by_item.values().map(|b| b.points).sum();
            if total > s.bonus_cap + EPS {
                card.notes.push(text::bonus_capped(total, s.bonus_cap));
            }
            card.bonus = round2(total.min(s.bonus_cap));
            card.bonuses = by_item.into_values().collect();
        }
    }
    card.score = Some(round2(part2 + card.bonus));
    card
}

/// The veto items that apply and those at the warning tier.
fn judge_vetoes(
    pack: &Pack,
    input: &SiteInput,
    findings: &[&Finding],
    notes: &mut Vec<String>,
) -> (Vec<VetoLine>, Vec<VetoLine>) {
    let mut vetoes = Vec::new();
    let mut warnings = Vec::new();
    for v in &pack.veto {
        let line = |reason: String, evidence: Vec<String>| VetoLine {
            id: v.id.clone(),
            indicator: v.indicator.clone(),
            rule: v.rule.clone(),
            reason,
            evidence,
            manual: None,
            verified: v.verified,
        };
        if let (Some(Measure::Availability), Some(limit)) = (v.measure, v.ratio_at_least) {
            let Some(a) = input.measurements.availability else {
                notes.push(text::no_probes());
                continue;
            };
            let needed = v.min_samples.unwrap_or(1);
            if a.probes == 0 || a.probes < needed {
                notes.push(text::too_few_probes(a.probes, needed));
                continue;
            }
            let ratio = f64::from(a.failures) / f64::from(a.probes);
            let evidence = vec![input.profile.home.clone()];
            if reaches(a.failures, a.probes, limit) {
                vetoes.push(line(
                    text::ratio_reason(a.probes, a.failures, ratio),
                    evidence,
                ));
            } else if let Some(w) = v.warn_ratio
                && reaches(a.failures, a.probes, w)
            {
                warnings.push(line(
                    text::ratio_warning(a.probes, a.failures, ratio, limit),
                    evidence,
                ));
            }
            continue;
        }
        if v.kinds.is_empty() {
            continue; // manual only
        }
        let hits: Vec<&&Finding> = findings.iter().filter(|f| veto_counts(v, f)).collect();
        let n = hits.len();
        let evidence = hits
            .iter()
            .take(EVIDENCE_PER_LINE)
            .map(|f| f.url.clone())
            .collect();
        // Name what was counted (空白栏目), not the indicator it falls under (栏目不更新).
        let counted: Vec<&str> = v.kinds.iter().map(|k| k.label_zh()).collect();
        let counted = counted.join("、");
        if n >= v.at_least as usize {
            let reason = if v.at_least == 1 {
                let labels: BTreeSet<&str> = hits.iter().map(|f| f.kind.label_zh()).collect();
                let labels: Vec<&str> = labels.into_iter().collect();
                text::found(n, &labels.join("、"))
            } else {
                text::count_reason(&counted, n, v.at_least)
            };
            vetoes.push(line(reason, evidence));
        } else if let Some(w) = v.warn_at
            && n >= w as usize
        {
            warnings.push(line(text::count_warning(&counted, n, v.at_least), evidence));
        }
    }
    (vetoes, warnings)
}

/// `failures / probes ≥ ratio`, decided without binary rounding: 7/140 reaches 5 %.
fn reaches(failures: u32, probes: u32, ratio: f64) -> bool {
    // Compare in millionths: ratios in packs have at most six decimals.
    let r = (ratio * 1_000_000.0).round() as u64;
    u64::from(failures) * 1_000_000 >= r * u64::from(probes)
}

fn veto_counts(v: &VetoItem, f: &Finding) -> bool {
    v.kinds.contains(&f.kind) && (v.severities.is_empty() || v.severities.contains(&f.severity))
}

/// The deduction part: every indicator with what it charged, and the group totals.
fn deductions(
    pack: &Pack,
    input: &SiteInput,
    findings: &[&Finding],
    notes: &mut Vec<String>,
) -> (Vec<GroupLine>, Vec<IndicatorLine>) {
    let s = &pack.scoring;
    let excluded_group = if input.profile.no_external_service {
        s.no_service_group.as_deref()
    } else {
        None
    };
    let mut charged: BTreeSet<&str> = BTreeSet::new();
    let mut lines: Vec<IndicatorLine> = pack
        .indicator
        .iter()
        .map(|i| IndicatorLine {
            group: i.group.clone(),
            id: i.id.clone(),
            name: i.name.clone(),
            full: i.points,
            lost: 0.0,
            rules: Vec::new(),
            manual: Vec::new(),
            capped: None,
            excluded: Some(i.group.as_str()) == excluded_group,
            verified: i.verified,
            rule_texts: pack
                .rule
                .iter()
                .filter(|r| r.indicator == i.id)
                .map(|r| r.text.clone())
                .collect(),
        })
        .collect();
    let index: BTreeMap<String, usize> = lines
        .iter()
        .enumerate()
        .map(|(n, l)| (l.id.clone(), n))
        .collect();

    for rule in &pack.rule {
        if rule.kinds.is_empty() {
            continue;
        }
        let matched: Vec<&Finding> = findings
            .iter()
            .copied()
            .filter(|f| {
                !charged.contains(f.fingerprint.as_str())
                    && rule_matches(rule, f, &input.profile.home)
            })
            .collect();
        if matched.is_empty() {
            continue;
        }
        for f in &matched {
            charged.insert(f.fingerprint.as_str());
        }
        let batches = matched.len() / rule.per as usize;
        let mut points = batches as f64 * rule.points;
        if let Some(max) = rule.max {
            points = points.min(max);
        }
        let line = &mut lines[index[&rule.indicator]];
        line.rules.push(RuleLine {
            id: rule.id.clone(),
            text: rule.text.clone(),
            count: matched.len(),
            points: round2(points),
            evidence: matched
                .iter()
                .take(EVIDENCE_PER_LINE)
                .map(|f| f.url.clone())
                .collect(),
            fingerprints: matched.iter().map(|f| f.fingerprint.clone()).collect(),
            verified: rule.verified,
        });
    }

    for m in &input.manual {
        let Manual::Deduction {
            item,
            points,
            reason,
            url,
            stamp,
        } = m
        else {
            continue;
        };
        let (indicator, default_points) = match pack.rule.iter().find(|r| &r.id == item) {
            Some(r) => (r.indicator.as_str(), r.points),
            None => match pack.indicator(item) {
                Some(i) => (i.id.as_str(), 0.0),
                None => {
                    notes.push(text::unknown_manual(item));
                    continue;
                }
            },
        };
        lines[index[indicator]].manual.push(ManualLine {
            item: item.clone(),
            points: points.unwrap_or(default_points).max(0.0),
            reason: reason.clone(),
            url: url.clone(),
            stamp: stamp.clone(),
        });
    }

    for line in &mut lines {
        let raw: f64 = line.rules.iter().map(|r| r.points).sum::<f64>()
            + line.manual.iter().map(|m| m.points).sum::<f64>();
        if raw > line.full + EPS {
            line.capped = Some(text::capped(round2(raw), line.full));
        }
        line.lost = round2(raw.min(line.full));
    }

    let groups = pack
        .group
        .iter()
        .map(|g| {
            let lost: f64 = lines
                .iter()
                .filter(|l| l.group == g.name)
                .map(|l| l.lost)
                .sum();
            GroupLine {
                name: g.name.clone(),
                full: g.points,
                lost: round2(lost.min(g.points)),
                excluded: Some(g.name.as_str()) == excluded_group,
            }
        })
        .collect();
    (groups, lines)
}

fn rule_matches(rule: &Rule, f: &Finding, home: &str) -> bool {
    if !rule.kinds.contains(&f.kind) {
        return false;
    }
    if !rule.severities.is_empty() && !rule.severities.contains(&f.severity) {
        return false;
    }
    for (key, want) in &rule.facts {
        let Some(have) = f.evidence.facts.get(key) else {
            return false;
        };
        let have = match have {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        if &have != want {
            return false;
        }
    }
    if let Some(want) = rule.on_home {
        let home = home.trim_end_matches('/');
        let on_home = f.url.trim_end_matches('/') == home
            || f.evidence
                .occurrences
                .iter()
                .any(|o| o.page.trim_end_matches('/') == home);
        if on_home != want {
            return false;
        }
    }
    true
}

/// Rounds to hundredths (scores are shown with at most two decimals).
pub(crate) fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
