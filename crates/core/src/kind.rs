//! Finding kinds: the stable dotted ids of DESIGN.md "Findings vocabulary".
//!
//! These ids are a contract read by reports, rule packs and external checks: add new ones
//! freely, rename none.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! kinds {
    ($( $(#[$doc:meta])* $variant:ident => $id:literal, $area:literal, $zh:literal ),+ $(,)?) => {
        /// What kind of problem a finding (or a planted fault) is.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum FindingKind {
            $( $(#[$doc])* $variant, )+
        }

        impl FindingKind {
            /// Every kind, in vocabulary order.
            pub const ALL: &'static [FindingKind] = &[ $( FindingKind::$variant, )+ ];

            /// The stable dotted id, e.g. `column.stale`.
            pub const fn id(self) -> &'static str {
                match self { $( FindingKind::$variant => $id, )+ }
            }

            /// The area the kind belongs to (`links`, `freshness`, `content`…).
            pub const fn area(self) -> &'static str {
                match self { $( FindingKind::$variant => $area, )+ }
            }

            /// The kind's name in Chinese, for reports (`栏目不更新`).
            pub const fn label_zh(self) -> &'static str {
                match self { $( FindingKind::$variant => $zh, )+ }
            }
        }

        impl FromStr for FindingKind {
            type Err = UnknownKind;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $( $id => Ok(FindingKind::$variant), )+
                    other => Err(UnknownKind(other.to_owned())),
                }
            }
        }
    };
}

kinds! {
    /// The home-page probe failure ratio over the window reaches the veto (V2).
    AvailabilityDown => "availability.down", "availability", "站点无法访问",
    /// Probe failures above the warning tier but below the veto.
    AvailabilityDegraded => "availability.degraded", "availability", "站点访问不稳定",
    /// A link target that is definitely broken (404/410, NXDOMAIN, refused, soft-404).
    LinkBroken => "link.broken", "links", "链接不可用",
    /// A link target that could not be judged (403/429/5xx/timeouts/WAF).
    LinkIndeterminate => "link.indeterminate", "links", "链接无法判定",
    /// An external link whose target now serves gambling or porn (外链变异).
    LinkExternalHijacked => "link.external_hijacked", "links", "外链被劫持",
    /// A link from an HTTPS page to plain HTTP.
    LinkInsecure => "link.insecure", "links", "HTTPS页面引用HTTP链接",
    /// No new dated item on the home page within the window (V3).
    HomeStale => "home.stale", "freshness", "首页不更新",
    /// A news, notice or policy column not updated within its window (V4.1).
    ColumnStale => "column.stale", "freshness", "栏目不更新",
    /// A column without content (空白栏目, V4.3).
    ColumnEmpty => "column.empty", "freshness", "空白栏目",
    /// A periodic column that should be updated but has not been for long (V4.2).
    ColumnLongUnupdated => "column.long_unupdated", "freshness", "栏目长期未更新",
    /// Porn content (V1.3).
    ContentPorn => "content.porn", "content", "色情内容",
    /// Gambling content (V1.3).
    ContentGambling => "content.gambling", "content", "赌博内容",
    /// Links hidden from readers (暗链).
    ContentHiddenLink => "content.hidden_link", "content", "暗链",
    /// Different content for search spiders and for browsers.
    ContentCloaking => "content.cloaking", "content", "对搜索引擎展示不同内容",
    /// A script that sends visitors to another domain.
    ContentJsRedirect => "content.js_redirect", "content", "脚本跳转",
    /// Spam terms injected into the title or meta tags.
    ContentTitleHijack => "content.title_hijack", "content", "标题被篡改",
    /// Commercial advertising.
    ContentAd => "content.ad", "content", "商业广告",
    /// A known typo or wrong fixed expression (错敏词).
    ContentTypo => "content.typo", "content", "错别字",
    /// An outdated institution name or term.
    ContentOutdatedTerm => "content.outdated_term", "content", "过时机构名称",
    /// The publish date of an old item changed (伪造发稿日期 signal).
    ContentDateChanged => "content.date_changed", "content", "发布日期被改动",
    /// An unmasked resident ID number.
    PrivacyIdNumber => "privacy.id_number", "privacy", "泄露身份证号",
    /// An unmasked mobile phone number.
    PrivacyPhone => "privacy.phone", "privacy", "泄露手机号",
    /// An unmasked bank card number.
    PrivacyBankCard => "privacy.bank_card", "privacy", "泄露银行卡号",
    /// No 网站标识码 in the footer.
    IdentitySiteCodeMissing => "identity.site_code_missing", "identity", "缺网站标识码",
    /// A malformed 网站标识码, or one that is not the code the registry holds for the site.
    IdentitySiteCodeInvalid => "identity.site_code_invalid", "identity", "网站标识码错误",
    /// The footer code and the `SiteIDCode` meta tag disagree.
    IdentitySiteCodeMismatch => "identity.site_code_mismatch", "identity", "网站标识码与页面标签不一致",
    /// No ICP备案 number.
    IdentityIcpMissing => "identity.icp_missing", "identity", "缺ICP备案编号",
    /// No 公安机关备案 number.
    IdentityPsbMissing => "identity.psb_missing", "identity", "缺公安机关备案标识",
    /// No 党政机关网站标识 badge.
    IdentityConacMissing => "identity.conac_missing", "identity", "缺党政机关网站标识",
    /// No 主办单位.
    IdentityOrganizerMissing => "identity.organizer_missing", "identity", "缺主办单位",
    /// No 我为政府网站找错 entry.
    IdentityErrorReportEntryMissing => "identity.error_report_entry_missing", "identity", "缺“我为政府网站找错”入口",
    /// A government site outside `.gov.cn` / `.政务`.
    IdentityDomainNoncompliant => "identity.domain_noncompliant", "identity", "域名不规范",
    /// No working consultation channel (V5.1).
    InteractionNoChannel => "interaction.no_channel", "interaction", "无有效互动渠道",
    /// A message unanswered for more than 3 months (V5.2).
    InteractionUnanswered => "interaction.unanswered", "interaction", "留言超期未回应",
    /// A reply later than the configured number of working days.
    InteractionSlowReply => "interaction.slow_reply", "interaction", "留言答复超时",
    /// No site search.
    FunctionSearchMissing => "function.search_missing", "function", "缺搜索功能",
    /// The site search does not work.
    FunctionSearchBroken => "function.search_broken", "function", "搜索功能不可用",
    /// The site is not served over HTTPS.
    FunctionHttpsMissing => "function.https_missing", "function", "未支持HTTPS",
    /// The TLS certificate is invalid.
    FunctionTlsInvalid => "function.tls_invalid", "function", "证书无效",
    /// The site is not reachable over IPv6.
    FunctionIpv6Missing => "function.ipv6_missing", "function", "未支持IPv6",
    /// No 适老化/关怀版 entry.
    A11yCareModeMissing => "a11y.care_mode_missing", "accessibility", "缺适老化/无障碍服务",
    /// A new-media account not updated within its window.
    NewmediaStale => "newmedia.stale", "newmedia", "新媒体不更新",
    /// A new-media account without interaction.
    NewmediaNoInteraction => "newmedia.no_interaction", "newmedia", "新媒体无互动",
    /// A new-media account that copies others' content.
    NewmediaCopied => "newmedia.copied", "newmedia", "新媒体照搬照抄",
    /// Two accounts of one organisation for the same purpose.
    NewmediaDuplicateAccount => "newmedia.duplicate_account", "newmedia", "新媒体重复开设",
}

/// A string that is not a known finding kind id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown finding kind `{0}`")]
pub struct UnknownKind(pub String);

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for FindingKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for FindingKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_id() {
        for kind in FindingKind::ALL {
            assert_eq!(kind.id().parse::<FindingKind>().unwrap(), *kind);
            let json = serde_json::to_string(kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.id()));
        }
    }

    #[test]
    fn ids_are_unique_and_dotted() {
        let mut ids: Vec<_> = FindingKind::ALL.iter().map(|k| k.id()).collect();
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), before);
        assert!(ids.iter().all(|id| id.contains('.')));
    }

    #[test]
    fn unknown_id_is_an_error_naming_it() {
        let err = "link.brokn".parse::<FindingKind>().unwrap_err();
        assert!(err.to_string().contains("link.brokn"));
    }
}
