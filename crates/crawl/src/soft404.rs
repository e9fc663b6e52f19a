//! Soft-404 detection (软 404): a page answering 2xx whose content says it does not exist.
//!
//! Two independent signals, both tuned against false alarms (DESIGN.md "Data flow": a broken
//! verdict must be definite):
//!
//! 1. **Probe match.** The engine fetches a URL that surely does not exist once per host. When
//!    that answered 2xx, a page whose title and visible text are near-identical to it is the
//!    host's "not found" page. Text is compared by [`text_signature`] (a SimHash) and length.
//! 2. **Phrase.** The title, or a short body, is dominated by a not-found phrase
//!    (页面不存在, 404 Not Found…). Merely containing one is not enough: an article titled
//!    “关于修复网站404页面的通知” is an article.

/// Most differing SimHash bits for two texts to count as the same page. Identical templates
/// (the echoed URL masked) give 0; a different article in the same chrome gives more.
const MAX_SIGNATURE_DISTANCE: u32 = 2;
/// Longest body (normalised characters) that the phrase rule looks at.
const SHORT_BODY: usize = 100;
/// Share of a title part that not-found phrases must cover.
const TITLE_COVERAGE: f64 = 0.7;
/// Share of a short body that not-found phrases and the usual filler must cover.
const BODY_COVERAGE: f64 = 0.5;

/// What a host answered for a URL that surely does not exist.
#[derive(Clone, Debug)]
pub struct Soft404Probe {
    /// HTTP status of the final answer.
    pub status: u16,
    /// The page title, if any.
    pub title: Option<String>,
    /// [`text_signature`] of the visible text.
    pub text_sig: u64,
    /// [`text_length`] of the visible text (masked characters, not bytes).
    pub text_len: usize,
}

impl Soft404Probe {
    /// The probe from the answer's status, title and visible text; computes signature and length.
    pub fn new(status: u16, title: Option<&str>, text: &str) -> Soft404Probe {
        Soft404Probe {
            status,
            title: title.map(str::to_owned),
            text_sig: text_signature(text),
            text_len: text_length(text),
        }
    }
}

/// A 64-bit SimHash of character 3-grams of `text`, after masking.
///
/// Masking: whitespace is dropped, ASCII letters lowercased, and every run of URL characters
/// that holds a digit, `/`, `%`, `=` or an inner `.` becomes one placeholder. So a "not found"
/// page echoing the requested URL, a date or a counter has the same signature for every URL.
/// Near-identical texts have signatures a few bits apart (Charikar 2002).
pub fn text_signature(text: &str) -> u64 {
    let masked: Vec<char> = mask(text).chars().collect();
    if masked.is_empty() {
        return 0;
    }
    let mut weights = [0i32; 64];
    let mut add = |shingle: &[char]| {
        let h = shingle_hash(shingle);
        for (bit, weight) in weights.iter_mut().enumerate() {
            if h >> bit & 1 == 1 {
                *weight += 1;
            } else {
                *weight -= 1;
            }
        }
    };
    if masked.len() < 3 {
        add(&masked);
    } else {
        masked.windows(3).for_each(&mut add);
    }
    weights
        .iter()
        .enumerate()
        .filter(|(_, w)| **w > 0)
        .fold(0u64, |sig, (bit, _)| sig | 1 << bit)
}

/// The length [`is_soft_404`] compares: characters of `text` after the masking of
/// [`text_signature`].
pub fn text_length(text: &str) -> usize {
    mask(text).chars().count()
}

/// Whether a page is a soft-404.
///
/// Only 2xx pages can be soft-404s (a real 404 is not "soft"). A page is one when
///
/// - the host's `probe` answered 2xx and the page's masked title equals the probe's and its
///   text signature and length are near-identical, or
/// - its title (any part between separators such as `-`, `_`, `|`) is dominated by a
///   not-found phrase, or its body is short and dominated by one.
///
/// The engine must not apply the probe rule to the home page itself: a host that answers
/// unknown URLs with its home page makes the home page match its probe.
pub fn is_soft_404(
    probe: Option<&Soft404Probe>,
    status: u16,
    title: Option<&str>,
    text: &str,
) -> bool {
    if !(200..300).contains(&status) {
        return false;
    }
    if let Some(probe) = probe
        && (200..300).contains(&probe.status)
        && matches_probe(probe, title, text)
    {
        return true;
    }
    title.is_some_and(title_says_not_found) || body_says_not_found(text)
}

fn matches_probe(probe: &Soft404Probe, title: Option<&str>, text: &str) -> bool {
    let len = text_length(text);
    let masked_title = |t: Option<&str>| t.map(mask).filter(|t| !t.is_empty());
    if len == 0 && masked_title(title).is_none() {
        // Two empty answers say nothing about each other.
        return false;
    }
    if masked_title(title) != masked_title(probe.title.as_deref()) {
        return false;
    }
    let tolerance = (len.max(probe.text_len) / 200).max(4);
    len.abs_diff(probe.text_len) <= tolerance
        && (text_signature(text) ^ probe.text_sig).count_ones() <= MAX_SIGNATURE_DISTANCE
}

/// Characters that may appear in a URL (RFC 3986 unreserved, reserved and `%`).
fn is_url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)
}

fn mask(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.is_empty() {
            return;
        }
        let bytes = run.as_bytes();
        let inner_dot = (1..bytes.len().saturating_sub(1)).any(|i| {
            bytes[i] == b'.'
                && bytes[i - 1].is_ascii_alphanumeric()
                && bytes[i + 1].is_ascii_alphanumeric()
        });
        if inner_dot || run.contains(|c: char| c.is_ascii_digit() || "/%=".contains(c)) {
            out.push('\u{1}');
        } else {
            out.push_str(&run.to_ascii_lowercase());
        }
        run.clear();
    };
    for c in text.chars() {
        if is_url_char(c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            if !c.is_whitespace() {
                out.push(c);
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

fn shingle_hash(chars: &[char]) -> u64 {
    // FNV-1a, then the SplitMix64 finaliser so every bit depends on every input bit.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in chars {
        for b in u32::from(c).to_le_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// Not-found phrases, normalised (lowercase, letters and digits only). At least one must occur.
const NOT_FOUND: &[&str] = &[
    "页面不存在",
    "网页不存在",
    "页面不存在或已被删除",
    "找不到页面",
    "找不到网页",
    "找不到该页面",
    "找不到您要的页面",
    "页面找不到",
    "页面未找到",
    "网页未找到",
    "页面已删除",
    "页面已被删除",
    "网页已删除",
    "信息已删除",
    "信息不存在",
    "文章不存在",
    "内容不存在",
    "内容已删除",
    "页面走丢了",
    "页面不见了",
    "无法找到该页",
    "notfound",
    "pagenotfound",
    "404",
];

/// Words that surround a not-found phrase in a title and add nothing.
const TITLE_FILLER: &[&str] = &[
    "抱歉",
    "对不起",
    "很抱歉",
    "sorry",
    "您",
    "你",
    "所",
    "要",
    "访问",
    "请求",
    "的",
    "该",
    "此",
    "或",
    "已",
    "被",
    "删除",
    "了",
    "啊",
    "哦",
    "错误",
    "error",
    "提示",
    "温馨提示",
    "http",
    "网站",
    "页面",
    "网页",
    "file",
    "page",
    "the",
];

/// Words that surround a not-found phrase in a short body and add nothing.
const BODY_FILLER: &[&str] = &[
    "返回首页",
    "返回上一页",
    "返回",
    "首页",
    "上一页",
    "秒后",
    "秒钟后",
    "自动",
    "跳转",
    "点击",
    "这里",
    "请",
    "检查",
    "输入",
    "网址",
    "地址",
    "链接",
    "是否",
    "正确",
    "联系",
    "管理员",
    "将",
    "可能",
    "原因",
    "或者",
    "不存在",
    "已过期",
    "过期",
    "移除",
    "更名",
    "暂时",
    "不可用",
];

/// Lowercase, letters and digits only: punctuation and spacing differ between sites.
fn squeeze(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Share of `chars` covered by not-found phrases and `fillers` (and digits when
/// `digits_are_filler`), or 0 when no [`NOT_FOUND`] phrase occurs.
fn coverage(chars: &[char], fillers: &[&[&str]], digits_are_filler: bool) -> f64 {
    if chars.is_empty() {
        return 0.0;
    }
    let mut covered = vec![false; chars.len()];
    let mut mark = |phrase: &str| {
        let p: Vec<char> = phrase.chars().collect();
        let mut found = false;
        if p.len() <= chars.len() {
            for start in 0..=chars.len() - p.len() {
                if chars[start..start + p.len()] == p[..] {
                    covered[start..start + p.len()].fill(true);
                    found = true;
                }
            }
        }
        found
    };
    let mut strong = false;
    for phrase in NOT_FOUND {
        strong |= mark(phrase);
    }
    if !strong {
        return 0.0;
    }
    for phrase in fillers.iter().flat_map(|list| list.iter()) {
        mark(phrase);
    }
    if digits_are_filler {
        for (c, covered) in chars.iter().zip(covered.iter_mut()) {
            *covered |= c.is_ascii_digit();
        }
    }
    let n = covered.iter().filter(|c| **c).count();
    n as f64 / chars.len() as f64
}

fn title_says_not_found(title: &str) -> bool {
    title
        .split([
            '-', '_', '|', '–', '—', '·', ':', '：', '｜', '丨', '>', '»', '<', '«',
        ])
        .map(squeeze)
        .any(|part| coverage(&part, &[TITLE_FILLER], false) >= TITLE_COVERAGE)
}

/// A countdown ("5秒后自动跳转") or an error code is filler in a body, so digits are too.
fn body_says_not_found(text: &str) -> bool {
    let body = squeeze(text);
    body.len() <= SHORT_BODY && coverage(&body, &[TITLE_FILLER, BODY_FILLER], true) >= BODY_COVERAGE
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Site chrome around every page of the sample site.
    const NAV: &str =
        "江城市人民政府 首页 政务公开 政务服务 互动交流 走进江城 网站地图 无障碍 关怀版 ";
    const FOOTER: &str = " 主办：江城市人民政府办公室 网站标识码：5001070012 渝ICP备05003300号 渝公网安备 50010702500123号";

    fn missing_page(path: &str) -> (String, String) {
        let title = "江城市人民政府".to_owned();
        let text = format!(
            "{NAV}提示 您访问的地址 http://www.jiangcheng.gov.cn{path} 暂时无法显示，请返回首页继续浏览。{FOOTER}"
        );
        (title, text)
    }

    fn article() -> (String, String) {
        let title = "江城市召开2026年第一季度政府网站工作会议_江城市人民政府".to_owned();
        let text = format!(
            "{NAV}江城市召开2026年第一季度政府网站工作会议 发布时间：2026-03-02 来源：市政府办公室 \
             3月1日，市政府办公室召开全市政府网站与政务新媒体工作会议，通报第四季度检查情况，\
             部署信息发布、互动回应和安全防护等重点工作。会议要求各单位落实主体责任，及时更新栏目内容，\
             对检查发现的错别字、空白栏目和不可用链接限期整改。{FOOTER}"
        );
        (title, text)
    }

    #[test]
    fn a_missing_page_that_echoes_the_url_matches_the_probe() {
        let (title, text) = missing_page("/xunwang-probe-8f3a2b91.html");
        let probe = Soft404Probe::new(200, Some(&title), &text);
        let (title, text) = missing_page("/zwgk/tzgg/202601/t20260115_4417.html");
        assert!(is_soft_404(Some(&probe), 200, Some(&title), &text));
    }

    #[test]
    fn a_normal_article_does_not_match_the_probe() {
        let (title, text) = missing_page("/xunwang-probe-8f3a2b91.html");
        let probe = Soft404Probe::new(200, Some(&title), &text);
        let (title, text) = article();
        assert!(!is_soft_404(Some(&probe), 200, Some(&title), &text));
    }

    #[test]
    fn a_page_with_the_probe_title_but_other_content_does_not_match() {
        let (title, text) = missing_page("/xunwang-probe-1.html");
        let probe = Soft404Probe::new(200, Some(&title), &text);
        let (_, article_text) = article();
        assert!(!is_soft_404(Some(&probe), 200, Some(&title), &article_text));
    }

    #[test]
    fn a_probe_answered_with_404_makes_no_page_soft() {
        let (title, text) = missing_page("/xunwang-probe-8f3a2b91.html");
        let probe = Soft404Probe::new(404, Some(&title), &text);
        let (title, text) = missing_page("/zwgk/a.html");
        assert!(!is_soft_404(Some(&probe), 200, Some(&title), &text));
    }

    #[test]
    fn only_2xx_pages_can_be_soft_404s() {
        assert!(!is_soft_404(None, 404, Some("页面不存在"), "页面不存在"));
        assert!(!is_soft_404(None, 500, Some("404 Not Found"), ""));
    }

    #[test]
    fn two_empty_answers_do_not_match() {
        let probe = Soft404Probe::new(200, None, "");
        assert!(!is_soft_404(Some(&probe), 200, None, ""));
    }

    #[test]
    fn a_not_found_title_with_a_short_body_is_soft_without_a_probe() {
        assert!(is_soft_404(
            None,
            200,
            Some("页面不存在"),
            "抱歉，该页面已被删除。"
        ));
        assert!(is_soft_404(None, 200, Some("404 Not Found"), "nginx"));
        assert!(is_soft_404(
            None,
            200,
            Some("页面不存在_江城市人民政府"),
            "返回首页"
        ));
        assert!(is_soft_404(
            None,
            200,
            Some("Error 404 - Page Not Found"),
            ""
        ));
    }

    #[test]
    fn a_short_body_dominated_by_a_not_found_phrase_is_soft() {
        assert!(is_soft_404(
            None,
            200,
            Some("江城市人民政府"),
            "抱歉，您访问的页面不存在！5秒后自动跳转，返回首页"
        ));
    }

    #[test]
    fn an_article_about_404_pages_is_not_soft() {
        let (_, text) = article();
        assert!(!is_soft_404(
            None,
            200,
            Some("关于修复网站404页面的通知"),
            &text
        ));
        assert!(!is_soft_404(
            None,
            200,
            Some("关于修复网站404页面的通知_江城市人民政府"),
            "近期发现部分栏目链接打开后显示“页面不存在”，现已修复，特此通知。"
        ));
        assert!(!is_soft_404(None, 200, Some("第404期 江城简报"), &text));
    }

    #[test]
    fn a_long_body_mentioning_a_not_found_phrase_is_not_soft() {
        let (title, text) = article();
        let text = format!("{text} 部分网友反映打开旧链接时提示页面不存在，网站已设置跳转。");
        assert!(!is_soft_404(None, 200, Some(&title), &text));
    }

    #[test]
    fn the_signature_ignores_digits_urls_and_spacing() {
        assert_eq!(
            text_signature("您访问的 http://a.gov.cn/x/1.html 不存在，编号 123"),
            text_signature("您访问的  /zwgk/b.jsp?id=99 不存在，编号 4567")
        );
        assert_ne!(text_signature("页面不存在"), text_signature("政务公开目录"));
        assert_eq!(text_length("ab 12 中文"), 5);
    }

    #[test]
    fn signatures_of_different_texts_are_far_apart() {
        let (_, a) = article();
        let (_, m) = missing_page("/x.html");
        assert!((text_signature(&a) ^ text_signature(&m)).count_ones() > MAX_SIGNATURE_DISTANCE);
    }
}
