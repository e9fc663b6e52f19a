//! WAF and anti-bot challenge pages: answers that stand in for the page when a robot asks.
//!
//! A challenge is not proof that a person cannot read the page, so it is Indeterminate
//! (DESIGN.md "Data flow"). Government sites in China sit behind a handful of WAF products;
//! their block and challenge pages carry the fingerprints below.

/// One WAF fingerprint.
#[derive(Debug, Clone, Copy)]
pub struct WafSignature {
    /// The product.
    pub vendor: &'static str,
    /// Text found in the body (matched case-insensitively for ASCII).
    pub needle: &'static str,
    /// A strong needle is a cookie or script name that only the challenge uses, so it counts
    /// even in a 200 answer; a weak one (a product name, a sentence) counts only in an error
    /// answer (403, 405, 412, 429, 503, 521…).
    pub strong: bool,
}

const fn sig(vendor: &'static str, needle: &'static str, strong: bool) -> WafSignature {
    WafSignature {
        vendor,
        needle,
        strong,
    }
}

/// The fingerprint table. Needles are lowercase.
pub const WAF_SIGNATURES: &[WafSignature] = &[
    // 安全狗 SafeDog
    sig("安全狗", "safedog", true),
    sig("安全狗", "安全狗", false),
    // 云锁 Yunsuo
    sig("云锁", "yunsuo_session_verify", true),
    sig("云锁", "security_session_verify", true),
    sig("云锁", "yunsuo", false),
    sig("云锁", "云锁", false),
    // 知道创宇 创宇盾 / 加速乐 (JS cookie challenge, often status 521)
    sig("知道创宇", "__jsl_clearance", true),
    sig("知道创宇", "jiasule", true),
    sig("知道创宇", "365cyd", true),
    sig("知道创宇", "创宇盾", false),
    sig("知道创宇", "知道创宇", false),
    // 瑞数 River Security (dynamic JS challenge, status 412; common on portals)
    sig("瑞数", "$_ts=window", true),
    sig("瑞数", "$_ts.cd", true),
    // 360网站卫士
    sig("360网站卫士", "360wzb", true),
    sig("360网站卫士", "360网站卫士", false),
    sig("360网站卫士", "wangzhan.360.cn", false),
    // 阿里云盾 / Aliyun WAF
    sig("阿里云盾", "acw_sc__v2", true),
    sig("阿里云盾", "errors.aliyun.com", true),
    sig("阿里云盾", "aliyun_waf", true),
    sig("阿里云盾", "您的访问被阻断", false),
    sig("阿里云盾", "您的访问被拦截", false),
    // 腾讯云 WAF
    sig("腾讯云 WAF", "waf.tencent-cloud.com", true),
    sig("腾讯云 WAF", "腾讯云web应用防火墙", false),
    // 百度云加速
    sig("百度云加速", "yunjiasu", true),
    sig("百度云加速", "百度云加速", false),
    // Cloudflare
    sig("Cloudflare", "cf-chl", true),
    sig("Cloudflare", "cf_chl_opt", true),
    sig("Cloudflare", "/cdn-cgi/challenge-platform", true),
    sig("Cloudflare", "attention required! | cloudflare", true),
    sig("Cloudflare", "cf-browser-verification", true),
    sig("Cloudflare", "just a moment...", false),
    // Imperva / Incapsula
    sig("Imperva", "_incapsula_resource", true),
    // Generic Chinese block and challenge wording
    sig("通用", "请开启javascript并刷新该页", false),
    sig("通用", "网站防火墙", false),
    sig("通用", "web应用防火墙", false),
    sig("通用", "访问被拒绝", false),
    sig("通用", "安全验证", false),
];

/// Statuses whose body may be a challenge or block page rather than an error page.
fn error_status(status: u16) -> bool {
    matches!(status, 400 | 403 | 405 | 406 | 412 | 429 | 501 | 503 | 521)
}

/// Answers whose body is bigger than this are real pages, not challenges.
const CHALLENGE_MAX_BYTES: usize = 64 * 1024;

/// Whether an answer is a WAF challenge or block page; returns the vendor.
///
/// A 200 counts only with a strong fingerprint in a small body. An error status counts
/// with any fingerprint, or with a bare script challenge: a small page that sets a cookie or
/// reloads itself from script.
pub fn detect_waf(status: u16, body: &[u8]) -> Option<&'static str> {
    let strong_only = match status {
        200..=299 => true,
        s if error_status(s) => false,
        _ => return None,
    };
    if body.is_empty() || body.len() > CHALLENGE_MAX_BYTES {
        return None;
    }
    let text = String::from_utf8_lossy(body).to_ascii_lowercase();
    // GBK pages: product names are in Chinese; try the other common encoding too.
    let alt = if std::str::from_utf8(body).is_err() {
        Some(encoding_rs::GBK.decode(body).0.to_ascii_lowercase())
    } else {
        None
    };
    let hit =
        |needle: &str| text.contains(needle) || alt.as_ref().is_some_and(|a| a.contains(needle));
    if let Some(s) = WAF_SIGNATURES
        .iter()
        .find(|s| (s.strong || !strong_only) && hit(s.needle))
    {
        return Some(s.vendor);
    }
    if !strong_only && status != 400 && is_script_challenge(&text) {
        return Some("脚本验证");
    }
    None
}

/// A small page whose point is a script that sets a cookie or navigates.
fn is_script_challenge(lower: &str) -> bool {
    lower.len() <= 16 * 1024
        && lower.contains("<script")
        && (lower.contains("document.cookie")
            || lower.contains("document[")
            || lower.contains("location.reload")
            || lower.contains("location.href=")
            || lower.contains("location.replace"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_lowercase_so_matching_works() {
        for s in WAF_SIGNATURES {
            assert_eq!(s.needle, s.needle.to_ascii_lowercase(), "{}", s.needle);
        }
    }

    #[test]
    fn a_412_script_challenge_is_a_waf() {
        let body = b"<html><script>document.cookie='x=1';location.reload();</script></html>";
        assert!(detect_waf(412, body).is_some());
        assert!(
            detect_waf(200, body).is_none(),
            "a 200 needs a strong fingerprint"
        );
    }

    #[test]
    fn vendor_pages_are_named() {
        assert_eq!(
            detect_waf(403, "<title>网站防火墙</title><p>安全狗</p>".as_bytes()),
            Some("安全狗")
        );
        assert_eq!(
            detect_waf(200, b"<title>Attention Required! | Cloudflare</title>"),
            Some("Cloudflare")
        );
        let gbk = encoding_rs::GBK
            .encode("<p>您的访问被拦截</p>")
            .0
            .into_owned();
        assert_eq!(detect_waf(405, &gbk), Some("阿里云盾"));
    }

    #[test]
    fn ordinary_error_pages_are_not_wafs() {
        assert!(detect_waf(404, b"<script>location.href='/'</script>").is_none());
        assert!(detect_waf(503, b"<h1>503 Service Unavailable</h1>").is_none());
        assert!(detect_waf(200, "<p>本站采用安全狗防护</p>".as_bytes()).is_none());
    }
}
