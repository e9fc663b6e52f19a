//! Content checks: what must never appear on a government page (V1: gambling and porn,
//! hijacked titles, 暗链, spam redirects, cloaking, links whose targets now serve spam), what is
//! forbidden or wrong (commercial ads, outdated institution names, known typos) and personal
//! data published unmasked.
//!
//! The words come from the [`Lexicon`]; this module weighs *where* they appear, because the
//! same word is spam in a `<title>` and news in a police report:
//!
//! - a text unit (the title, a paragraph, a link text) is spam when it holds a strong term, or
//!   [`ContentRules::weak_terms_needed`] distinct weak terms, and no law-enforcement context word
//!   (打击, 查处, 扫黄打非…): a crackdown report names 赌博 and 博彩 without being gambling;
//! - spam in the `<title>` is `content.title_hijack` (the meta tags injected with it are part of
//!   the same finding); spam only in the meta tags or the visible text is `content.gambling` /
//!   `content.porn`;
//! - a hidden block is 暗链 (`content.hidden_link`) when a link in it leads outside with a spam
//!   word, or when a technique no page design uses (off-screen, zero size, 1 px marquee,
//!   font-size 0, text in the background colour, `<noscript>` soup, `document.write`) hides
//!   links to several outside, non-government hosts; `display:none` alone hides menus and tabs
//!   on every site, so it needs the spam word;
//! - text inside a hidden block is judged as part of the hidden block, never again as body.
//!
//! Every hit names the signals that fired and carries a snippet (personal data masked).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use url::Url;
use xunwang_core::{Evidence, Finding, FindingKind, Severity};
use xunwang_extract::{ContentFacts, HiddenGroup, Hiding, LinkFact, Region};

use crate::config::ContentRules;
use crate::lexicon::{Category, Lexicon, Normalized, Strength};
use crate::privacy::{PersonalHit, PersonalKind, find_personal};

/// Characters of context either side of a match in a snippet.
const SNIPPET_CHARS: usize = 24;
/// Most examples (terms, masked values, targets) listed in one finding's facts.
const MAX_EXAMPLES: usize = 10;

/// One content problem found on one fetched URL, kept until the site is judged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// What kind of problem.
    pub kind: FindingKind,
    /// How serious.
    pub severity: Severity,
    /// The page, attachment or external target.
    pub url: String,
    /// What identifies the problem across pages and runs: the URL for problems of one page,
    /// a signature (technique and hosts, term) for what a template repeats on every page.
    pub location: String,
    /// What backs it.
    pub evidence: Evidence,
}

/// What is known about the page being scanned.
#[derive(Clone, Copy, Debug)]
pub struct PageInput<'a> {
    /// The page URL.
    pub url: &'a Url,
    /// Host names of the site itself (home host and aliases), lowercase.
    pub site_hosts: &'a [String],
    /// The page's publication date, when it has one.
    pub published: Option<NaiveDate>,
}

/// What one page scan found besides hits: outside script hosts that are neither ad networks
/// nor ordinary (statistics, CDNs, government widgets), for a note.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageScan {
    /// The problems.
    pub hits: Vec<Hit>,
    /// Outside script hosts not in [`ContentRules::script_hosts`].
    pub unknown_script_hosts: Vec<String>,
}

/// The verdict on an outside page's own content (外链变异).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpamVerdict {
    /// Gambling or porn.
    pub category: Category,
    /// The terms seen (as written in the lexicon).
    pub terms: Vec<String>,
    /// Where they were seen (`标题`, `正文`).
    pub signals: Vec<&'static str>,
}

/// Scans pages, documents and outside pages with one lexicon and one set of rules, reusing
/// its normalisation buffer.
pub struct Scanner<'a> {
    lexicon: &'a Lexicon,
    rules: &'a ContentRules,
    norm: Normalized,
}

/// What the lexicon found in one text unit.
#[derive(Default)]
struct UnitScan {
    /// Spam tallies of gambling, porn and ad words.
    spam: BTreeMap<Category, Tally>,
    /// A law-enforcement context word is present.
    enforcement: bool,
    /// Typos and wrong names: (wrong as written, correct form, snippet).
    typos: Vec<(String, String, String)>,
    /// Outdated institution names and former officials: (name as written, current, snippet).
    outdated: Vec<(String, String, String)>,
}

#[derive(Default, Clone)]
struct Tally {
    strong: BTreeSet<String>,
    weak: BTreeSet<String>,
    snippet: Option<String>,
}

impl Tally {
    fn merge(&mut self, other: &Tally) {
        self.strong.extend(other.strong.iter().cloned());
        self.weak.extend(other.weak.iter().cloned());
        if self.snippet.is_none() {
            self.snippet.clone_from(&other.snippet);
        }
    }
    fn terms(&self) -> Vec<String> {
        self.strong
            .iter()
            .chain(self.weak.iter())
            .take(MAX_EXAMPLES)
            .cloned()
            .collect()
    }
}

/// A spam finding being assembled for one page and one category.
#[derive(Default)]
struct Spam {
    tally: Tally,
    signals: BTreeSet<&'static str>,
    units: usize,
}

impl<'a> Scanner<'a> {
    /// A scanner over `lexicon` with `rules`.
    pub fn new(lexicon: &'a Lexicon, rules: &'a ContentRules) -> Scanner<'a> {
        Scanner {
            lexicon,
            rules,
            norm: Normalized::new(""),
        }
    }

    /// Scans one page's content facts.
    pub fn page(&mut self, facts: &ContentFacts, page: &PageInput<'_>) -> PageScan {
        let url = page.url.as_str();
        let mut hits = Vec::new();

        // The title and the meta tags.
        let (title, title_personal) = self.unit_and_personal(&facts.title);
        let mut meta = self.unit(&facts.meta_keywords);
        meta_merge(&mut meta, self.unit(&facts.meta_description));
        let mut title_spam: Option<(Category, Tally)> = None;
        for (&cat, t) in &title.spam {
            // A police title may name one brand it shut down; two brands in a title are stuffing.
            let stuffed = t.strong.len() >= 2;
            if !t.strong.is_empty() && (!title.enforcement || stuffed) {
                title_spam = Some((cat, t.clone()));
                break;
            }
        }
        let mut spam: BTreeMap<Category, Spam> = BTreeMap::new();
        // The words injected into the title: the same words in the page's heading or meta
        // tags are that one injection, not a second finding.
        let mut title_terms: BTreeSet<String> = BTreeSet::new();
        if let Some((cat, mut tally)) = title_spam {
            title_terms.extend(tally.strong.iter().chain(tally.weak.iter()).cloned());
            let mut signals = vec!["标题"];
            if let Some(m) = meta.spam.get(&cat)
                && (!m.strong.is_empty() || !m.weak.is_empty())
            {
                tally.merge(m);
                signals.push("关键词/描述");
            }
            hits.push(self.hit(
                FindingKind::ContentTitleHijack,
                Severity::Veto,
                url,
                format!("标题:{}", facts.title),
                spam_summary_title(&facts.title, cat, &tally),
                Some(clip(&facts.title, 200)),
                json!({
                    "category": category_id(cat),
                    "title": clip(&facts.title, 200),
                    "terms": tally.terms(),
                    "signals": signals,
                }),
            ));
        } else {
            for (&cat, t) in &meta.spam {
                if self.is_spam(t, meta.enforcement, 0) {
                    let s = spam.entry(cat).or_default();
                    s.tally.merge(t);
                    s.signals.insert("关键词/描述");
                    s.units += 1;
                }
            }
        }

        // Visible text, unit by unit. The titles of this site's own pages listed here (list
        // items, home-page blocks) are judged on those pages, not once more on every list.
        let listed = ListedTitles::new(facts, page, self);
        let old_page = page.published.is_some_and(|d| d < self.rules.reform_cutoff);
        // The title's spam was judged above; its terms and personal data count as the body's.
        let mut typos = title.typos;
        let mut outdated = if old_page { Vec::new() } else { title.outdated };
        let mut personal: Vec<PersonalHit> = title_personal;
        let mut chrome_typos = Vec::new();
        let mut chrome_outdated = Vec::new();
        for u in &facts.units {
            let (scan, found) = self.unit_and_personal(listed.strip(&u.text));
            personal.extend(found);
            for (&cat, t) in &scan.spam {
                let mut t = t.clone();
                t.strong.retain(|w| !title_terms.contains(w));
                t.weak.retain(|w| !title_terms.contains(w));
                if self.is_spam(&t, scan.enforcement, 0) {
                    let s = spam.entry(cat).or_default();
                    s.tally.merge(&t);
                    s.signals.insert(region_label(u.region));
                    s.units += 1;
                }
            }
            let chrome = matches!(
                u.region,
                Region::Header | Region::Nav | Region::Footer | Region::Breadcrumb
            );
            if chrome {
                chrome_typos.extend(scan.typos);
                if !old_page {
                    chrome_outdated.extend(scan.outdated);
                }
            } else {
                typos.extend(scan.typos);
                if !old_page {
                    outdated.extend(scan.outdated);
                }
            }
        }

        // Visible links leading outside, by their text.
        for l in facts.links.iter().filter(|l| l.hidden.is_none()) {
            if !self.outside_non_government(&l.url, page) {
                continue;
            }
            let scan = self.unit(&l.text);
            for (&cat, t) in &scan.spam {
                // A link's text is short: two weak words in it are already a pattern.
                let need = self.rules.weak_terms_needed.clamp(1, 2);
                if self.is_spam(t, scan.enforcement, need) {
                    let s = spam.entry(cat).or_default();
                    s.tally.merge(t);
                    s.signals.insert("外链文字");
                    s.units += 1;
                }
            }
        }
        for (cat, s) in spam {
            let kind = match cat {
                Category::Gambling => FindingKind::ContentGambling,
                Category::Porn => FindingKind::ContentPorn,
                _ => FindingKind::ContentAd,
            };
            let severity = if kind == FindingKind::ContentAd {
                Severity::Serious
            } else {
                Severity::Veto
            };
            let signals: Vec<&str> = s.signals.iter().copied().collect();
            hits.push(self.hit(
                kind,
                severity,
                url,
                url.to_owned(),
                format!(
                    "页面出现{}内容：{}（{}，{} 处）",
                    category_zh(cat),
                    s.tally.terms().join("、"),
                    signals.join("、"),
                    s.units
                ),
                s.tally.snippet.clone(),
                json!({
                    "category": category_id(cat),
                    "terms": s.tally.terms(),
                    "signals": signals,
                    "units": s.units,
                }),
            ));
        }

        // Hidden blocks.
        let mut hidden_seen = BTreeSet::new();
        for g in &facts.hidden {
            if let Some(hit) = self.hidden_group(g, page)
                && hidden_seen.insert(hit.location.clone())
            {
                hits.push(hit);
            }
        }
        for f in &facts.frames {
            if let Some(how) = f.hidden
                && self.outside_non_government(&f.src, page)
            {
                let host = host_of(&f.src).unwrap_or_default();
                let location = format!("暗链:{}:{host}", hiding_id(how));
                if hidden_seen.insert(location.clone()) {
                    hits.push(self.hit(
                        FindingKind::ContentHiddenLink,
                        Severity::Veto,
                        url,
                        location,
                        format!("页面以隐藏框架（{}）加载外部网站 {host}", hiding_zh(how)),
                        None,
                        json!({"technique": hiding_id(how), "targets": [f.src], "signals": ["隐藏框架"]}),
                    ));
                }
            }
        }

        // Script redirects to outside, non-government hosts.
        let mut unknown_script_hosts = BTreeSet::new();
        let mut redirect_done = false;
        for s in &facts.scripts {
            if let Some(r) = &s.redirect
                && !redirect_done
                && (r.conditional || !in_handler(&r.code))
                && self.outside_non_government(&r.target, page)
            {
                redirect_done = true;
                let host = host_of(&r.target).unwrap_or_default();
                let mut signals = vec!["脚本跳转"];
                if r.conditional {
                    signals.push("按来源或访问者类型跳转");
                }
                hits.push(self.hit(
                    FindingKind::ContentJsRedirect,
                    if r.conditional {
                        Severity::Veto
                    } else {
                        Severity::Serious
                    },
                    url,
                    url.to_owned(),
                    if r.conditional {
                        format!("页面脚本按访问来源跳转到外部网站 {host}（劫持跳转特征）")
                    } else {
                        format!("页面脚本跳转到外部网站 {host}")
                    },
                    Some(clip(&r.code, 200)),
                    json!({"target": r.target, "conditional": r.conditional, "signals": signals}),
                ));
            }
            if let Some(src) = &s.src
                && let Ok(u) = Url::parse(src)
                && let Some(host) = u.host_str()
                && !self.is_own(host, page)
                && !self.rules.is_government(host)
                && self.rules.ad_network(&u).is_none()
                && !self.rules.known_script_host(host)
            {
                unknown_script_hosts.insert(host.to_ascii_lowercase());
            }
        }

        // Ads: ad-network scripts and frames, and blocks labelled 广告 with outside targets.
        let mut ad_targets = BTreeSet::new();
        let mut ad_signals = BTreeSet::new();
        for s in &facts.scripts {
            if let Some(src) = &s.src
                && let Ok(u) = Url::parse(src)
                && let Some(net) = self.rules.ad_network(&u)
            {
                ad_targets.insert(src.clone());
                ad_signals.insert(format!("广告联盟脚本（{net}）"));
            }
        }
        for f in &facts.frames {
            if let Ok(u) = Url::parse(&f.src)
                && let Some(net) = self.rules.ad_network(&u)
            {
                ad_targets.insert(f.src.clone());
                ad_signals.insert(format!("广告联盟框架（{net}）"));
            }
        }
        for slot in &facts.ad_slots {
            let outside: Vec<&String> = slot
                .targets
                .iter()
                .filter(|t| self.outside_non_government(t, page))
                .collect();
            if !outside.is_empty() {
                ad_signals.insert(format!("标注“{}”的版块", slot.label));
                ad_targets.extend(outside.into_iter().cloned());
            }
        }
        if !ad_targets.is_empty() {
            let targets: Vec<String> = ad_targets.into_iter().take(MAX_EXAMPLES).collect();
            let signals: Vec<String> = ad_signals.into_iter().collect();
            hits.push(self.hit(
                FindingKind::ContentAd,
                Severity::Serious,
                url,
                format!("广告:{}", targets.join(" ")),
                format!("页面投放商业广告：{}", signals.join("、")),
                None,
                json!({"targets": targets, "signals": signals}),
            ));
        }

        // Terms: typos and outdated names, per page for the body, per term for the template.
        self.term_hits(&mut hits, url, FindingKind::ContentTypo, typos, false);
        self.term_hits(&mut hits, url, FindingKind::ContentTypo, chrome_typos, true);
        self.term_hits(
            &mut hits,
            url,
            FindingKind::ContentOutdatedTerm,
            outdated,
            false,
        );
        self.term_hits(
            &mut hits,
            url,
            FindingKind::ContentOutdatedTerm,
            chrome_outdated,
            true,
        );

        // Personal data, in the visible text and in hidden blocks (still published).
        for g in &facts.hidden {
            personal.extend(self.personal(&g.text));
        }
        hits.extend(personal_hits(url, &personal, None));

        PageScan {
            hits,
            unknown_script_hosts: unknown_script_hosts.into_iter().collect(),
        }
    }

    /// Scans an attachment's text for personal data. `url` is the attachment.
    pub fn document(&mut self, text: &str, url: &str) -> Vec<Hit> {
        let found = self.personal(text);
        personal_hits(url, &found, Some("附件"))
    }

    /// Judges an outside page by its title and text: does it now serve gambling or porn?
    pub fn external(&mut self, title: &str, text: &str) -> Option<SpamVerdict> {
        let t = self.unit(title);
        let b = self.unit(text);
        for cat in [Category::Gambling, Category::Porn] {
            let mut signals = Vec::new();
            let mut terms = BTreeSet::new();
            if let Some(x) = t.spam.get(&cat)
                && self.is_spam(x, t.enforcement, 0)
            {
                signals.push("标题");
                terms.extend(x.strong.iter().chain(x.weak.iter()).cloned());
            }
            // A whole page of text: a single strong word could be a news story about it, so
            // the body needs two distinct strong words or the weak-word count, outside any
            // law-enforcement context.
            if let Some(x) = b.spam.get(&cat)
                && !b.enforcement
                && (x.strong.len() >= 2
                    || x.strong.len() + x.weak.len() >= self.rules.weak_terms_needed)
            {
                signals.push("正文");
                terms.extend(x.strong.iter().chain(x.weak.iter()).cloned());
            }
            if !signals.is_empty() {
                return Some(SpamVerdict {
                    category: cat,
                    terms: terms.into_iter().take(MAX_EXAMPLES).collect(),
                    signals,
                });
            }
        }
        None
    }

    /// Compares what a browser and a search spider were served for one page: spam words or
    /// outside hosts only the spider sees are cloaking.
    pub fn cloaking(
        &mut self,
        browser: &ContentFacts,
        spider: &ContentFacts,
        page: &PageInput<'_>,
    ) -> Option<Hit> {
        let b_terms = self.spam_terms(browser);
        let s_terms = self.spam_terms(spider);
        let only_terms: Vec<String> = s_terms.difference(&b_terms).cloned().collect();
        let b_hosts = self.outside_hosts(browser, page);
        let s_hosts = self.outside_hosts(spider, page);
        let only_hosts: Vec<String> = s_hosts.difference(&b_hosts).cloned().collect();
        // Outside hosts alone differ between two loads of a page with rotating links; they
        // count only with a spam word, or when they are hidden from view.
        let hidden_only = only_hosts.iter().any(|h| {
            spider.hidden.iter().any(|g| {
                g.links
                    .iter()
                    .any(|l| host_of(&l.url).as_deref() == Some(h.as_str()))
            })
        });
        if only_terms.is_empty() && !hidden_only {
            return None;
        }
        let url = page.url.as_str();
        let mut signals = Vec::new();
        if !only_terms.is_empty() {
            signals.push("仅对搜索引擎显示的违规词");
        }
        if !only_hosts.is_empty() {
            signals.push("仅对搜索引擎显示的外部链接");
        }
        // What the spider alone is shown identifies the problem: the same injection seen
        // on the home page and its 关怀版 is one finding.
        let signature: Vec<&str> = only_terms
            .iter()
            .chain(only_hosts.iter())
            .map(String::as_str)
            .collect();
        Some(self.hit(
            FindingKind::ContentCloaking,
            Severity::Veto,
            url,
            format!("隐身:{}", signature.join(",")),
            format!(
                "以搜索引擎身份（Baiduspider）访问时页面内容不同：{}",
                only_terms
                    .iter()
                    .chain(only_hosts.iter())
                    .take(MAX_EXAMPLES)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("、")
            ),
            Some(clip(&spider.title, 200)),
            json!({
                "spider_user_agent": "Baiduspider",
                "spider_only_terms": only_terms.iter().take(MAX_EXAMPLES).collect::<Vec<_>>(),
                "spider_only_hosts": only_hosts.iter().take(MAX_EXAMPLES).collect::<Vec<_>>(),
                "spider_title": clip(&spider.title, 200),
                "browser_title": clip(&browser.title, 200),
                "signals": signals,
            }),
        ))
    }

    fn hidden_group(&mut self, g: &HiddenGroup, page: &PageInput<'_>) -> Option<Hit> {
        let outside: Vec<&LinkFact> = g
            .links
            .iter()
            .filter(|l| self.outside_non_government(&l.url, page))
            .collect();
        if outside.is_empty() {
            return None;
        }
        let mut tally = Tally::default();
        let mut enforcement = false;
        for text in std::iter::once(g.text.as_str()).chain(outside.iter().map(|l| l.text.as_str()))
        {
            let scan = self.unit(text);
            enforcement |= scan.enforcement;
            for cat in [Category::Gambling, Category::Porn] {
                if let Some(t) = scan.spam.get(&cat) {
                    tally.merge(t);
                }
            }
        }
        let spam = !enforcement && (!tally.strong.is_empty() || !tally.weak.is_empty());
        let design_hiding = matches!(
            g.how,
            Hiding::DisplayNone | Hiding::VisibilityHidden | Hiding::HiddenAttr
        );
        let hosts: BTreeSet<String> = outside.iter().filter_map(|l| host_of(&l.url)).collect();
        let soup = !design_hiding && outside.len() >= self.rules.hidden_external_links;
        if !spam && !soup {
            return None;
        }
        let mut signals = vec![hiding_zh(g.how)];
        if spam {
            signals.push("隐藏链接含违规词");
        }
        if soup {
            signals.push("隐藏的外部链接群");
        }
        let hosts: Vec<String> = hosts.into_iter().take(MAX_EXAMPLES).collect();
        let targets: Vec<&str> = outside
            .iter()
            .take(MAX_EXAMPLES)
            .map(|l| l.url.as_str())
            .collect();
        Some(self.hit(
            FindingKind::ContentHiddenLink,
            Severity::Veto,
            page.url.as_str(),
            format!("暗链:{}:{}", hiding_id(g.how), hosts.join(",")),
            format!(
                "页面含暗链：{} 个指向 {} 的链接被隐藏（{}）{}",
                outside.len(),
                hosts.join("、"),
                hiding_zh(g.how),
                if tally.terms().is_empty() {
                    String::new()
                } else {
                    format!("，链接文字含“{}”", tally.terms().join("、"))
                }
            ),
            Some(clip(&g.text, 200)),
            json!({
                "technique": hiding_id(g.how),
                "element": g.hint,
                "links": outside.len(),
                "targets": targets,
                "hosts": hosts,
                "terms": tally.terms(),
                "signals": signals,
            }),
        ))
    }

    /// Typo and outdated-name hits: one per page for the body, one per term for the shared
    /// header/navigation/footer (the same text on every page is one problem).
    fn term_hits(
        &self,
        hits: &mut Vec<Hit>,
        url: &str,
        kind: FindingKind,
        found: Vec<(String, String, String)>,
        chrome: bool,
    ) {
        if found.is_empty() {
            return;
        }
        let (what, label) = if kind == FindingKind::ContentTypo {
            ("错别字或错误表述", "应为")
        } else {
            ("已撤销或更名的机构名称", "现为")
        };
        if chrome {
            let mut seen = BTreeSet::new();
            for (wrong, right, snippet) in found {
                if !seen.insert(wrong.clone()) {
                    continue;
                }
                hits.push(self.hit(
                    kind,
                    Severity::Warning,
                    url,
                    format!("{}:公共区域:{wrong}", kind.id()),
                    format!("页面公共区域（页头、导航或页脚）出现{what}“{wrong}”，{label}“{right}”"),
                    Some(snippet),
                    json!({"terms": [{"found": wrong, "correct": right}], "region": "页面公共区域"}),
                ));
            }
            return;
        }
        let mut terms: Vec<Value> = Vec::new();
        let mut seen = BTreeSet::new();
        let mut first_snippet = None;
        for (wrong, right, snippet) in &found {
            if seen.insert(wrong.clone()) && terms.len() < MAX_EXAMPLES {
                terms.push(json!({"found": wrong, "correct": right}));
            }
            first_snippet.get_or_insert_with(|| snippet.clone());
        }
        let listed: Vec<String> = found
            .iter()
            .map(|(w, r, _)| format!("“{w}”{label}“{r}”"))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .take(MAX_EXAMPLES)
            .collect();
        hits.push(self.hit(
            kind,
            Severity::Warning,
            url,
            url.to_owned(),
            format!("页面出现{what}：{}", listed.join("；")),
            first_snippet,
            json!({"terms": terms, "occurrences": found.len()}),
        ));
    }

    /// Whether a spam tally counts, outside law-enforcement context. `need` overrides the
    /// weak-term count when non-zero.
    fn is_spam(&self, t: &Tally, enforcement: bool, need: usize) -> bool {
        let need = if need == 0 {
            self.rules.weak_terms_needed.max(1)
        } else {
            need
        };
        !enforcement && (!t.strong.is_empty() || t.weak.len() >= need)
    }

    /// Scans one text unit.
    fn unit(&mut self, text: &str) -> UnitScan {
        if text.is_empty() {
            return UnitScan::default();
        }
        self.norm.reset(text);
        self.scan_normalized(text)
    }

    /// Scans one text unit for words and personal data with one normalisation.
    fn unit_and_personal(&mut self, text: &str) -> (UnitScan, Vec<PersonalHit>) {
        if text.is_empty() {
            return (UnitScan::default(), Vec::new());
        }
        self.norm.reset(text);
        let scan = self.scan_normalized(text);
        (scan, self.personal_normalized(text))
    }

    /// The lexicon's words in `self.norm`, which holds `text` normalised.
    fn scan_normalized(&self, text: &str) -> UnitScan {
        let mut out = UnitScan::default();
        for m in self.lexicon.scan(&self.norm) {
            let term = m.term;
            match term.category {
                Category::Gambling | Category::Porn | Category::Ad => {
                    let t = out.spam.entry(term.category).or_default();
                    // As written on the page (`ManBetX`, `澳 门 金 沙`), for the evidence.
                    let seen: String = text[m.orig.clone()].split_whitespace().collect();
                    match term.strength {
                        Strength::Strong => t.strong.insert(seen),
                        Strength::Weak => t.weak.insert(seen),
                    };
                    if t.snippet.is_none() {
                        t.snippet = Some(snippet(text, m.orig.clone()));
                    }
                }
                Category::Enforcement => out.enforcement = true,
                Category::Typo | Category::Name => out.typos.push((
                    text[m.orig.clone()].to_owned(),
                    term.correct.clone().unwrap_or_default(),
                    snippet(text, m.orig.clone()),
                )),
                Category::Outdated | Category::Former => {
                    let before = &text[..m.orig.start];
                    let historical = self
                        .rules
                        .historical_prefixes
                        .iter()
                        .any(|p| !p.is_empty() && before.trim_end().ends_with(p.as_str()));
                    if !historical {
                        out.outdated.push((
                            text[m.orig.clone()].to_owned(),
                            term.correct.clone().unwrap_or_default(),
                            snippet(text, m.orig.clone()),
                        ));
                    }
                }
                Category::Allow => {}
            }
        }
        out
    }

    /// Personal data in `text` (full-width digits normalised), ranges in `text`.
    fn personal(&mut self, text: &str) -> Vec<PersonalHit> {
        if !has_digits(text) {
            return Vec::new();
        }
        self.norm.reset(text);
        self.personal_normalized(text)
    }

    /// Personal data in `self.norm`, which holds `text` normalised; ranges in `text`.
    fn personal_normalized(&self, text: &str) -> Vec<PersonalHit> {
        if !has_digits(text) {
            return Vec::new();
        }
        let mut found = find_personal(&self.norm.text);
        for h in &mut found {
            h.range = self.norm.original(h.range.clone());
            // Normalisation lower-cases ASCII: an ID's check character is written `X`.
            if h.kind == PersonalKind::IdNumber {
                h.masked = h.masked.to_uppercase();
            }
            h.snippet = snippet(text, h.range.clone());
        }
        found
    }

    fn spam_terms(&mut self, facts: &ContentFacts) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let texts = [&facts.title, &facts.meta_keywords, &facts.meta_description]
            .into_iter()
            .map(String::as_str)
            .chain(facts.units.iter().map(|u| u.text.as_str()))
            .chain(facts.hidden.iter().map(|g| g.text.as_str()))
            .chain(facts.links.iter().map(|l| l.text.as_str()));
        let texts: Vec<&str> = texts.collect();
        for text in texts {
            let scan = self.unit(text);
            for cat in [Category::Gambling, Category::Porn] {
                if let Some(t) = scan.spam.get(&cat) {
                    out.extend(t.strong.iter().cloned());
                }
            }
        }
        out
    }

    fn outside_hosts(&self, facts: &ContentFacts, page: &PageInput<'_>) -> BTreeSet<String> {
        facts
            .links
            .iter()
            .chain(facts.hidden.iter().flat_map(|g| g.links.iter()))
            .filter(|l| self.outside_non_government(&l.url, page))
            .filter_map(|l| host_of(&l.url))
            .collect()
    }

    fn is_own(&self, host: &str, page: &PageInput<'_>) -> bool {
        let host = host.to_ascii_lowercase();
        page.site_hosts.contains(&host)
            || page
                .url
                .host_str()
                .is_some_and(|h| h.eq_ignore_ascii_case(&host))
    }

    /// Whether `url` leads to a host that is neither this site nor a government site.
    fn outside_non_government(&self, url: &str, page: &PageInput<'_>) -> bool {
        let Some(host) = host_of(url) else {
            return false;
        };
        !self.is_own(&host, page) && !self.rules.is_government(&host)
    }

    #[allow(clippy::too_many_arguments)]
    fn hit(
        &self,
        kind: FindingKind,
        severity: Severity,
        url: &str,
        location: String,
        summary: String,
        snippet: Option<String>,
        facts: Value,
    ) -> Hit {
        Hit {
            kind,
            severity,
            url: url.to_owned(),
            location,
            evidence: evidence(summary, snippet, facts),
        }
    }
}

/// The texts of links to this site's own pages, to take out of the units that show them.
struct ListedTitles<'f> {
    texts: std::collections::HashSet<&'f str>,
    lengths: Vec<usize>,
}

impl<'f> ListedTitles<'f> {
    /// Link texts of at least this many bytes count (short ones are menu words).
    const MIN_BYTES: usize = 12;

    fn new(facts: &'f ContentFacts, page: &PageInput<'_>, scanner: &Scanner<'_>) -> Self {
        let mut texts = std::collections::HashSet::new();
        let mut lengths = BTreeSet::new();
        for l in &facts.links {
            let t = l.text.trim();
            if t.len() < Self::MIN_BYTES {
                continue;
            }
            let Some(host) = host_of(&l.url) else {
                continue;
            };
            if scanner.is_own(&host, page) && l.url != page.url.as_str() {
                texts.insert(t);
                lengths.insert(t.len());
            }
        }
        ListedTitles {
            texts,
            lengths: lengths.into_iter().collect(),
        }
    }

    /// `unit` without a listed title at its start or end (a list row is the title and its
    /// date); the whole unit when it is not one.
    fn strip<'u>(&self, unit: &'u str) -> &'u str {
        if self.texts.is_empty() {
            return unit;
        }
        let u = unit.trim();
        if self.texts.contains(u) {
            return "";
        }
        for &n in &self.lengths {
            if n < u.len() {
                if let Some(head) = u.get(..n)
                    && self.texts.contains(head)
                {
                    return &u[n..];
                }
                if let Some(tail) = u.get(u.len() - n..)
                    && self.texts.contains(tail)
                {
                    return &u[..u.len() - n];
                }
            }
        }
        unit
    }
}

/// Turns the run's hits into findings: hits of one kind at one location (a template's 暗链 on
/// every page, a footer's outdated name) become one finding at the first URL, with the number
/// of pages and a few of them.
pub fn content_findings(
    hits: impl IntoIterator<Item = Hit>,
    site: &str,
    at: DateTime<FixedOffset>,
) -> Vec<Finding> {
    let hits: Vec<Hit> = hits.into_iter().collect();
    // A hidden link's or a redirect's target serves spam by design: it is part of that
    // finding, not a friendly link that lapsed (外链变异 is about links a visitor sees).
    let planted: BTreeSet<String> = hits
        .iter()
        .filter(|h| {
            matches!(
                h.kind,
                FindingKind::ContentHiddenLink | FindingKind::ContentJsRedirect
            )
        })
        .flat_map(|h| {
            let hosts = h.evidence.facts.get("hosts").and_then(Value::as_array);
            let target = h.evidence.facts.get("target").and_then(Value::as_str);
            hosts
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .chain(target.and_then(host_of))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut grouped: BTreeMap<(FindingKind, String), (Hit, Vec<String>)> = BTreeMap::new();
    let mut order = Vec::new();
    for h in hits {
        if h.kind == FindingKind::LinkExternalHijacked
            && host_of(&h.url).is_some_and(|host| planted.contains(&host))
        {
            continue;
        }
        let key = (h.kind, h.location.clone());
        match grouped.get_mut(&key) {
            Some((_, pages)) => {
                if !pages.contains(&h.url) {
                    pages.push(h.url);
                }
            }
            None => {
                order.push(key.clone());
                let url = h.url.clone();
                grouped.insert(key, (h, vec![url]));
            }
        }
    }
    order
        .into_iter()
        .filter_map(|key| grouped.remove(&key))
        .map(|(h, pages)| {
            let mut evidence = h.evidence;
            if pages.len() > 1 {
                evidence.facts.insert("pages".into(), json!(pages.len()));
                evidence.facts.insert(
                    "page_examples".into(),
                    json!(pages.iter().take(MAX_EXAMPLES).collect::<Vec<_>>()),
                );
                evidence.summary = format!("{}（共 {} 个页面）", evidence.summary, pages.len());
            }
            Finding::new(h.kind, h.severity, site, &h.url, &h.location, evidence, at)
        })
        .collect()
}

/// V1 (安全、泄密事故等严重问题: 发布或链接色情等内容, 页面被挂马、内容被篡改; spec §1.3
/// [V-copy]) when a content finding of veto severity is present, naming what was found.
pub fn content_veto(findings: &[Finding]) -> Option<crate::Veto> {
    let mut counts: BTreeMap<FindingKind, usize> = BTreeMap::new();
    for f in findings.iter().filter(|f| {
        f.severity == Severity::Veto
            && (f.kind.area() == "content" || f.kind == FindingKind::LinkExternalHijacked)
    }) {
        *counts.entry(f.kind).or_default() += 1;
    }
    if counts.is_empty() {
        return None;
    }
    let what: Vec<String> = counts
        .iter()
        .map(|(k, n)| format!("{} {n} 处", k.label_zh()))
        .collect();
    Some(crate::Veto {
        rule: "V1".into(),
        reason: format!(
            "发布或链接赌博、色情等内容，或页面被篡改：{}",
            what.join("、")
        ),
    })
}

/// The hit of a target page that now serves spam (外链变异).
pub fn external_hit(target: &str, verdict: &SpamVerdict, title: &str) -> Hit {
    Hit {
        kind: FindingKind::LinkExternalHijacked,
        severity: Severity::Veto,
        url: target.to_owned(),
        location: target.to_owned(),
        evidence: evidence(
            format!(
                "外部链接指向的网站现显示{}内容：{}（{}）",
                category_zh(verdict.category),
                verdict.terms.join("、"),
                verdict.signals.join("、")
            ),
            Some(clip(title, 200)),
            json!({
                "category": category_id(verdict.category),
                "terms": verdict.terms,
                "signals": verdict.signals,
                "target_title": clip(title, 200),
            }),
        ),
    }
}

fn personal_hits(url: &str, found: &[PersonalHit], place: Option<&str>) -> Vec<Hit> {
    let mut by_kind: BTreeMap<u8, Vec<&PersonalHit>> = BTreeMap::new();
    for h in found {
        let order = match h.kind {
            PersonalKind::IdNumber => 0,
            PersonalKind::Mobile => 1,
            PersonalKind::BankCard => 2,
        };
        by_kind.entry(order).or_default().push(h);
    }
    by_kind
        .into_values()
        .map(|hs| {
            let (kind, what) = match hs[0].kind {
                PersonalKind::IdNumber => (FindingKind::PrivacyIdNumber, "身份证号"),
                PersonalKind::Mobile => (FindingKind::PrivacyPhone, "手机号码"),
                PersonalKind::BankCard => (FindingKind::PrivacyBankCard, "银行卡号"),
            };
            let mut masked: Vec<&str> = Vec::new();
            for h in &hs {
                if !masked.contains(&h.masked.as_str()) && masked.len() < MAX_EXAMPLES {
                    masked.push(&h.masked);
                }
            }
            let place_zh = place.unwrap_or("页面");
            Hit {
                kind,
                severity: if kind == FindingKind::PrivacyPhone {
                    Severity::Warning
                } else {
                    Severity::Serious
                },
                url: url.to_owned(),
                location: url.to_owned(),
                evidence: evidence(
                    format!(
                        "{place_zh}公开了未做模糊处理的{what} {} 个，如 {}",
                        hs.len(),
                        masked[0]
                    ),
                    Some(hs[0].snippet.clone()),
                    json!({"count": hs.len(), "values_masked": masked, "in_attachment": place.is_some()}),
                ),
            }
        })
        .collect()
}

fn evidence(summary: String, snippet: Option<String>, facts: Value) -> Evidence {
    let facts = match facts {
        Value::Object(m) => m.into_iter().collect(),
        _ => BTreeMap::new(),
    };
    Evidence {
        summary,
        snippet,
        facts,
        ..Evidence::default()
    }
}

fn meta_merge(into: &mut UnitScan, other: UnitScan) {
    into.enforcement |= other.enforcement;
    for (cat, t) in other.spam {
        into.spam.entry(cat).or_default().merge(&t);
    }
}

/// `text` around byte range `at`, whitespace collapsed, personal data masked.
fn snippet(text: &str, at: std::ops::Range<usize>) -> String {
    let start = text[..at.start]
        .char_indices()
        .rev()
        .nth(SNIPPET_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let end = text[at.end..]
        .char_indices()
        .nth(SNIPPET_CHARS)
        .map_or(text.len(), |(i, _)| at.end + i);
    let raw = &text[start..end];
    let mut out = String::with_capacity(raw.len());
    let mut last = 0;
    for h in find_personal(raw) {
        out.push_str(&raw[last..h.range.start]);
        out.push_str(&h.masked);
        last = h.range.end;
    }
    out.push_str(&raw[last..]);
    let collapsed: Vec<&str> = out.split_whitespace().collect();
    collapsed.join(" ")
}

/// Whether `text` has a digit (ASCII or full-width): personal numbers need some.
fn has_digits(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit()) || text.contains(|c: char| ('０'..='９').contains(&c))
}

/// Whether a redirect's code is navigation inside a function or an event handler (a link
/// written in script, a 友情链接 drop-down's `onchange`), not a jump when the page loads. The
/// reader gives at most 200 characters around the statement; this looks at them.
fn in_handler(code: &str) -> bool {
    [
        "function",
        "=>",
        "event",
        "this.value",
        "this.options",
        "onclick",
        "onchange",
    ]
    .iter()
    .any(|w| code.contains(w))
}

fn clip(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

fn host_of(url: &str) -> Option<String> {
    Url::parse(url)
        .ok()?
        .host_str()
        .map(|h| h.trim_end_matches('.').to_ascii_lowercase())
}

fn category_id(c: Category) -> &'static str {
    match c {
        Category::Gambling => "gambling",
        Category::Porn => "porn",
        Category::Ad => "ad",
        _ => "other",
    }
}

fn category_zh(c: Category) -> &'static str {
    match c {
        Category::Gambling => "赌博",
        Category::Porn => "色情",
        Category::Ad => "广告",
        _ => "违规",
    }
}

fn spam_summary_title(title: &str, cat: Category, t: &Tally) -> String {
    format!(
        "页面标题被篡改，插入{}词：{}（标题：{}）",
        category_zh(cat),
        t.terms().join("、"),
        clip(title, 60)
    )
}

fn region_label(region: Region) -> &'static str {
    match region {
        Region::Header => "页头",
        Region::Nav => "导航",
        Region::Breadcrumb => "位置导航",
        Region::Footer => "页脚",
        Region::Main => "正文",
    }
}

fn hiding_id(h: Hiding) -> &'static str {
    match h {
        Hiding::DisplayNone => "display-none",
        Hiding::VisibilityHidden => "visibility-hidden",
        Hiding::HiddenAttr => "hidden-attribute",
        Hiding::Offscreen => "offscreen",
        Hiding::ZeroSize => "zero-size",
        Hiding::FontSizeZero => "font-size-0",
        Hiding::TinyMarquee => "marquee",
        Hiding::SameColour => "same-colour",
        Hiding::Noscript => "noscript",
        Hiding::DocumentWrite => "document-write",
    }
}

fn hiding_zh(h: Hiding) -> &'static str {
    match h {
        Hiding::DisplayNone => "display:none 隐藏",
        Hiding::VisibilityHidden => "visibility:hidden 隐藏",
        Hiding::HiddenAttr => "hidden 属性隐藏",
        Hiding::Offscreen => "定位到屏幕之外",
        Hiding::ZeroSize => "零尺寸元素",
        Hiding::FontSizeZero => "字号为 0",
        Hiding::TinyMarquee => "1 像素滚动字幕",
        Hiding::SameColour => "文字与背景同色",
        Hiding::Noscript => "noscript 标签内的链接",
        Hiding::DocumentWrite => "document.write 写入的链接",
    }
}
