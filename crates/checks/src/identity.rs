//! Identity: the footer identifiers of the home page (spec §4.2) and the domain (spec §4.1).

use serde_json::json;
use url::{Host, Url};
use xunwang_core::{FindingKind, Severity};

use crate::index::SiteIndex;
use crate::site::Sink;
use crate::text;

/// Province-level (省级) prefixes of GB/T 2260 行政区划代码: the first two digits of a numeric
/// 网站标识码 (spec §4.2: 6-digit administrative code + 4-digit sequence).
///
/// Only the province level is checked: the full GB/T 2260 county table is not embedded, so a
/// code with a valid province and a non-existent county passes.
const PROVINCE_CODES: [&str; 34] = [
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
    "81", "82",
];

/// Checks the home page footer and the home host. All findings are `Serious`, on the home URL.
pub(crate) fn judge(index: &SiteIndex<'_>, registered: Option<&str>, sink: &mut Sink) {
    let Some(home) = index.home else {
        sink.note(text::note_no_home_identity(index.home_url));
        return;
    };
    let footer = &home.model.footer;
    let meta = footer
        .meta_site_code
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty());
    let mut push =
        |kind: FindingKind, summary: String, facts: Vec<(&'static str, serde_json::Value)>| {
            sink.push(kind, Severity::Serious, index.home_url, summary, facts);
        };

    match footer
        .site_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        None => push(
            FindingKind::IdentitySiteCodeMissing,
            text::site_code_missing(meta),
            vec![("meta_site_code", json!(meta))],
        ),
        Some(code) => {
            let reasons = code_problems(code, registered);
            if !reasons.is_empty() {
                push(
                    FindingKind::IdentitySiteCodeInvalid,
                    text::site_code_invalid(code, &reasons),
                    vec![
                        ("site_code", json!(code)),
                        ("registered_site_code", json!(registered)),
                        ("problems", json!(reasons)),
                    ],
                );
            }
            if let Some(m) = meta
                && m != code
            {
                push(
                    FindingKind::IdentitySiteCodeMismatch,
                    text::site_code_mismatch(code, m),
                    vec![("site_code", json!(code)), ("meta_site_code", json!(m))],
                );
            }
        }
    }
    if meta.is_none() {
        sink.note(text::note_meta_absent(index.home_url));
    }

    let mut push = |kind: FindingKind, summary: &str| {
        sink.push(
            kind,
            Severity::Serious,
            index.home_url,
            summary.to_owned(),
            Vec::new(),
        );
    };
    let absent = |v: &Option<String>| v.as_deref().is_none_or(|s| s.trim().is_empty());
    if absent(&footer.icp) {
        push(FindingKind::IdentityIcpMissing, text::ICP_MISSING);
    }
    if absent(&footer.psb) {
        push(FindingKind::IdentityPsbMissing, text::PSB_MISSING);
    }
    if absent(&footer.conac) {
        push(FindingKind::IdentityConacMissing, text::CONAC_MISSING);
    }
    if absent(&footer.error_report) {
        push(
            FindingKind::IdentityErrorReportEntryMissing,
            text::ERROR_REPORT_MISSING,
        );
    }
    if absent(&footer.organizer) {
        push(
            FindingKind::IdentityOrganizerMissing,
            text::ORGANIZER_MISSING,
        );
    }

    judge_domain(index.home_url, sink);
}

/// What is wrong with a footer 网站标识码, in Chinese; empty when nothing is.
fn code_problems(code: &str, registered: Option<&str>) -> Vec<String> {
    let mut reasons = Vec::new();
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let numeric = code.len() == 10 && digits(code);
    let ministry = code.len() == 10 && code.starts_with("bm") && digits(&code[2..]);
    if !numeric && !ministry {
        reasons.push(text::code_bad_format());
    } else if numeric && !PROVINCE_CODES.contains(&&code[..2]) {
        reasons.push(text::code_bad_province(&code[..2]));
    }
    if let Some(r) = registered.map(str::trim).filter(|r| !r.is_empty())
        && !r.eq_ignore_ascii_case(code)
    {
        reasons.push(text::code_not_registered(r));
    }
    reasons
}

/// The home host must end in `.gov.cn` or `.政务` (spec §4.1, 国办函〔2018〕55号); an IP address
/// or `localhost` cannot be judged.
fn judge_domain(home: &str, sink: &mut Sink) {
    let host = match Url::parse(home.trim())
        .ok()
        .and_then(|u| u.host().map(|h| h.to_owned()))
    {
        Some(Host::Domain(d)) => d,
        Some(ip @ (Host::Ipv4(_) | Host::Ipv6(_))) => {
            sink.note(text::note_host_not_judged(&ip.to_string()));
            return;
        }
        None => {
            sink.note(text::note_home_url_unparsable(home));
            return;
        }
    };
    let d = host.trim_end_matches('.').to_lowercase();
    if d == "localhost" || d.ends_with(".localhost") {
        sink.note(text::note_host_not_judged(&host));
        return;
    }
    // The URL parser gives IDNA hosts in punycode: `.政务` is `.xn--zfr164b`.
    let compliant = [".gov.cn", ".xn--zfr164b", ".政务"]
        .iter()
        .any(|suffix| d.ends_with(suffix) && d.len() > suffix.len());
    if !compliant {
        sink.push(
            FindingKind::IdentityDomainNoncompliant,
            Severity::Serious,
            home,
            text::domain_noncompliant(&d),
            vec![("host", json!(d))],
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_codes_are_checked_for_format_province_and_registry() {
        assert!(code_problems("5001070012", None).is_empty());
        assert!(code_problems("bm55000001", None).is_empty());
        assert_eq!(code_problems("500107001", None).len(), 1);
        assert_eq!(code_problems("BM55000001", None).len(), 1);
        assert_eq!(code_problems("bm5500000x", None).len(), 1);
        assert!(code_problems("9901070012", None)[0].contains("99"));
        assert!(code_problems("5001070012", Some("5001070013"))[0].contains("5001070013"));
        assert!(code_problems("5001070012", Some(" 5001070012 ")).is_empty());
    }
}
