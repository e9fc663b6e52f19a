//! JSON sinks: the whole bulletin model, and a flat scorecard list for other tools.

use serde::Serialize;

use crate::model::{Bulletin, SiteScore, Verdict};

/// The bulletin model as pretty-printed JSON (the same shape [`Bulletin`] deserialises from).
pub fn bulletin_json(b: &Bulletin) -> String {
    // Serialising plain structs of strings, numbers and dates cannot fail.
    serde_json::to_string_pretty(b).unwrap_or_default()
}

#[derive(Serialize)]
struct Card<'a> {
    site: &'a str,
    home: &'a str,
    site_code: Option<&'a str>,
    kind: &'a str,
    score: Option<f64>,
    verdict: Verdict,
    deductions: f64,
    bonus: f64,
    vetoes: &'a [String],
    warnings: &'a [String],
}

/// One object per site: `site`, `home`, `site_code`, `kind`, `score` (number or null when
/// vetoed), `verdict` ("合格"/"不合格"), `deductions`, `bonus`, `vetoes`, `warnings`.
pub fn scorecards_json(sites: &[SiteScore]) -> String {
    let cards: Vec<Card<'_>> = sites
        .iter()
        .map(|s| Card {
            site: &s.name,
            home: &s.home,
            site_code: s.site_code.as_deref(),
            kind: &s.kind_label,
            score: s.score,
            verdict: s.verdict,
            deductions: s.deductions,
            bonus: s.bonus,
            vetoes: &s.vetoes,
            warnings: &s.warnings,
        })
        .collect();
    serde_json::to_string_pretty(&cards).unwrap_or_default()
}
