//! Footer identifiers (页面底部功能区): 网站标识码, ICP备案, 公安备案, the 党政机关 badge, the
//! 找错 entry, 主办/承办单位 and a contact. The footer area is read first; the distinctive
//! identifiers fall back to the whole body text, the organisation names to its tail.

use super::Footer;
use super::doc::{Doc, FOOTER, HIDDEN, Kind, SKIP};
use super::regions::area_text;
use super::text::{after_label, contains_any, cut, label_value};
use crate::cues::Cues;

/// Characters of footer text read.
const MAX_FOOTER_CHARS: usize = 20_000;
/// Characters of body text read for the fallback.
const MAX_BODY_CHARS: usize = 300_000;
/// Characters at the end of the body text where a footer without markup is looked for.
const TAIL_CHARS: usize = 3_000;

/// Province abbreviations that start an ICP number.
const PROVINCES: &str = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

/// Reads the footer identifiers.
pub(super) fn footer(doc: &Doc<'_>) -> Footer {
    let area = area_text(doc, FOOTER, MAX_FOOTER_CHARS);
    let body = if doc.nodes.is_empty() {
        String::new()
    } else {
        doc.text(0, None, MAX_BODY_CHARS)
    };
    let tail = tail(&body, TAIL_CHARS);
    let either =
        |f: &dyn Fn(&str) -> Option<String>, fallback: &str| f(&area).or_else(|| f(fallback));
    let cues = doc.cues;
    Footer {
        site_code: either(&|t| site_code(cues, t), &body),
        meta_site_code: meta_site_code(doc),
        icp: either(&icp, &body),
        psb: either(&psb, &body).or_else(|| psb_link(doc)),
        conac: conac(doc),
        error_report: error_report(doc),
        organizer: either(&|t| organisation(cues, t, &cues.organizer_labels), tail),
        operator: either(&|t| organisation(cues, t, &cues.operator_labels), tail),
        contact: either(&|t| contact(cues, t), tail),
    }
}

/// The last `n` characters of `s`.
fn tail(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    let skip = count.saturating_sub(n);
    s.char_indices().nth(skip).map_or("", |(i, _)| &s[i..])
}

/// `<meta name="SiteIDCode">` (name compared case-insensitively), trimmed.
fn meta_site_code(doc: &Doc<'_>) -> Option<String> {
    doc.elements().find_map(|i| {
        let el = doc.el(i)?;
        (el.name() == "meta" && el.attr("name")?.trim().eq_ignore_ascii_case("siteidcode"))
            .then(|| el.attr("content").unwrap_or_default().trim().to_owned())
    })
}

/// The token after a site-code label (`网站标识码`, colon optional), as written.
pub(super) fn site_code(cues: &Cues, text: &str) -> Option<String> {
    for label in &cues.site_code_labels {
        for (at, _) in text.match_indices(label.as_str()).take(16) {
            let rest =
                after_label(&text[at..], std::slice::from_ref(label), false).unwrap_or_default();
            let code: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .take(32)
                .collect();
            if !code.is_empty() {
                return Some(code);
            }
        }
    }
    None
}

/// `<省>ICP备<digits>号(-<digits>)?`.
pub(super) fn icp(text: &str) -> Option<String> {
    for (at, _) in text.match_indices("ICP备").take(16) {
        let Some(province) = text[..at].chars().next_back() else {
            continue;
        };
        if !PROVINCES.contains(province) {
            continue;
        }
        let rest = &text[at + "ICP备".len()..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || !rest[digits..].starts_with('号') {
            continue;
        }
        let mut end = digits + '号'.len_utf8();
        if let Some(r) = rest[end..].strip_prefix('-') {
            let more = r.chars().take_while(char::is_ascii_digit).count();
            if more > 0 {
                end += 1 + more;
            }
        }
        return Some(format!("{province}ICP备{}", &rest[..end]));
    }
    None
}

/// The 14 digits after `公网安备`.
pub(super) fn psb(text: &str) -> Option<String> {
    for (at, _) in text.match_indices("公网安备").take(16) {
        let rest = text[at + "公网安备".len()..]
            .trim_start_matches(|c: char| c.is_whitespace() || c == '：' || c == ':');
        let digits: String = rest
            .chars()
            .take_while(char::is_ascii_digit)
            .take(15)
            .collect();
        if digits.len() == 14 {
            return Some(digits);
        }
    }
    None
}

/// The `recordcode=` of a beian.gov.cn link.
fn psb_link(doc: &Doc<'_>) -> Option<String> {
    links(doc).find_map(|a| {
        let url = doc.href(a)?;
        if !url.host_str()?.ends_with("beian.gov.cn") {
            return None;
        }
        url.query_pairs()
            .find(|(k, _)| k.eq_ignore_ascii_case("recordcode"))
            .map(|(_, v)| v.trim().to_owned())
            .filter(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit()))
    })
}

/// `<a>` elements that are visible, footer ones first.
fn links<'d>(doc: &'d Doc<'_>) -> impl Iterator<Item = usize> + 'd {
    let visible = move |i: &usize| doc.tag(*i) == "a" && doc.nodes[*i].flags & (SKIP | HIDDEN) == 0;
    let in_footer = move |i: &usize| doc.nodes[*i].flags & FOOTER != 0;
    doc.elements().filter(visible).filter(in_footer).chain(
        doc.elements()
            .filter(visible)
            .filter(move |i| !in_footer(i)),
    )
}

/// The host of `url` is one of `suffixes` or a subdomain of one.
fn host_ends(url: &url::Url, suffixes: &[String]) -> bool {
    url.host_str().is_some_and(|h| {
        suffixes.iter().any(|s| {
            h == s
                || h.strip_suffix(s.as_str())
                    .is_some_and(|rest| rest.ends_with('.'))
        })
    })
}

/// The nearest `<a>` around element `i` (itself or up to three ancestors) with a web target.
fn link_around(doc: &Doc<'_>, i: usize) -> Option<url::Url> {
    std::iter::once(i)
        .chain(doc.ancestors(i, 3))
        .find(|&a| doc.tag(a) == "a")
        .and_then(|a| doc.href(a))
}

/// The 党政机关 badge.
fn conac(doc: &Doc<'_>) -> Option<String> {
    let hosts = &doc.cues.badge_hosts;
    if let Some(u) = links(doc).find_map(|a| doc.href(a).filter(|u| host_ends(u, hosts))) {
        return Some(u.to_string());
    }
    for i in doc.elements() {
        if doc.nodes[i].flags & HIDDEN != 0 {
            continue;
        }
        match doc.tag(i) {
            "img"
                if doc
                    .attr(i, "alt")
                    .is_some_and(|a| contains_any(a, &doc.cues.badge_alt_words)) =>
            {
                let url = link_around(doc, i).or_else(|| doc.resolve(doc.attr(i, "src")?));
                if let Some(u) = url {
                    return Some(u.to_string());
                }
            }
            "script" => {
                if let Some(u) = doc
                    .attr(i, "src")
                    .and_then(|s| doc.resolve(s))
                    .filter(|u| host_ends(u, hosts))
                {
                    return Some(u.to_string());
                }
                // The badge written by an inline script, the usual embed:
                // document.write(unescape("%3Cspan id='_ideConac'…%3Cscript src='http://dcs.conac.cn/js/…'…"))
                if doc.attr(i, "src").is_none()
                    && let Some(u) = url_in_script(&script_source(doc, i), hosts)
                {
                    return Some(u);
                }
            }
            _ => {}
        }
    }
    None
}

/// The 我为政府网站找错 entry.
fn error_report(doc: &Doc<'_>) -> Option<String> {
    let cues = doc.cues;
    if let Some(u) = links(doc).find_map(|a| {
        doc.href(a)
            .filter(|u| host_ends(u, &cues.error_report_hosts))
    }) {
        return Some(u.to_string());
    }
    for a in links(doc) {
        let says = contains_any(&doc.text(a, None, 40), &cues.error_report_words)
            || doc.descendants_tagged(a, "img").any(|img| {
                doc.attr(img, "alt")
                    .is_some_and(|t| contains_any(t, &cues.error_report_words))
            });
        if says && let Some(u) = doc.href(a) {
            return Some(u.to_string());
        }
    }
    // The widget: `<script id="_jiucuo_" src="…/jiucuo.js">` (or a placeholder element with such
    // an id that a script fills in).
    let words = &cues.error_report_script_words;
    doc.elements().find_map(|i| {
        let id = doc.attr(i, "id").unwrap_or_default();
        if contains_any(&id.to_lowercase(), words) {
            return Some(id.trim().to_owned());
        }
        let src = doc.attr(i, "src").filter(|_| doc.tag(i) == "script")?;
        contains_any(&src.to_lowercase(), words).then(|| {
            doc.resolve(src)
                .map(|u| u.to_string())
                .unwrap_or(src.to_owned())
        })
    })
}

/// The source text of inline script `i`, at most 16 KiB (a badge embed is a few hundred bytes;
/// pages inline whole libraries).
fn script_source(doc: &Doc<'_>, i: usize) -> String {
    const MAX: usize = 16 * 1024;
    let mut out = String::new();
    for j in i + 1..doc.nodes[i].end {
        if let Kind::Text(t) = doc.nodes[j].kind {
            let part = cut(t, MAX - out.len());
            out.push_str(part);
            if part.len() < t.len() {
                break;
            }
        }
    }
    out
}

/// The first `http(s)://…` URL in inline script text whose host ends with one of `hosts`
/// (percent-escaped markup around it is fine: the URL itself is written plainly).
fn url_in_script(text: &str, hosts: &[String]) -> Option<String> {
    let mut rest = text;
    while let Some(at) = rest.find("http") {
        let tail = &rest[at..];
        let end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '\'' | '"' | '%' | '<' | '>' | ')'))
            .unwrap_or(tail.len());
        if let Ok(u) = url::Url::parse(&tail[..end])
            && host_ends(&u, hosts)
        {
            return Some(u.to_string());
        }
        rest = &tail[4..];
    }
    None
}

/// `主办单位：…` / `承办：…`: the name only (any label before a colon, else the first label
/// without one).
pub(super) fn organisation(cues: &Cues, text: &str, labels: &[String]) -> Option<String> {
    label_value(cues, text, labels, true)
        .or_else(|| label_value(cues, text, labels.get(..1).unwrap_or_default(), false))
}

/// Telephone, else e-mail, else address.
fn contact(cues: &Cues, text: &str) -> Option<String> {
    [
        &cues.contact_phone_labels,
        &cues.contact_email_labels,
        &cues.contact_address_labels,
    ]
    .iter()
    .find_map(|labels| label_value(cues, text, labels, true))
}
