//! The words and phrases the page model looks for ([`Cues`]), shipped as data
//! (`rules/page-cues.toml`) so an office can extend them without recompiling.
//!
//! Only language lives here: labels, status words, placeholders, pager and "more" words,
//! badge hosts. Structural lists (tag names, class/id hint fragments, script call patterns)
//! stay code constants next to the readers that use them.

use serde::{Deserialize, Serialize};

/// The shipped cue file (`rules/page-cues.toml`): every list with its default entries.
pub const DEFAULT_PAGE_CUES: &str = include_str!("../rules/page-cues.toml");

/// Why a cue file could not be read.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CuesError {
    /// The file is not valid TOML.
    #[error("页面线索文件不是有效的 TOML: {message}")]
    Syntax {
        /// What the TOML parser reported (with line and column).
        message: String,
    },
    /// The file sets a key that is not a cue list (a typo would otherwise be ignored).
    #[error("页面线索文件中有未知的键 `{key}`")]
    UnknownKey {
        /// The unknown key as written.
        key: String,
    },
    /// A key's value is not a list of strings.
    #[error("页面线索文件中的键 `{key}` 必须是字符串列表")]
    NotAList {
        /// The key whose value is wrong.
        key: String,
    },
}

/// Declares [`Cues`] and the key-by-key overlay from one field list, so a new list cannot be
/// added to one and forgotten in the other.
macro_rules! cues {
    ($( $(#[doc = $doc:literal])* $field:ident, )*) => {
        /// The words and phrases [`crate::read_model_with`] looks for, one list per cue.
        ///
        /// [`Cues::default`] is the shipped file [`DEFAULT_PAGE_CUES`]; [`Cues::from_toml`]
        /// lays an office's file over it. Each list is documented in the shipped file.
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Cues {
            $( $(#[doc = $doc])* pub $field: Vec<String>, )*
        }

        impl Cues {
            /// Every key a cue file may set, in declaration order.
            pub const KEYS: &'static [&'static str] = &[$( stringify!($field), )*];

            /// Replaces the list named `key` with `value`.
            fn set(&mut self, key: &str, value: toml::Value) -> Result<(), CuesError> {
                match key {
                    $( stringify!($field) => self.$field = string_list(key, value)?, )*
                    _ => return Err(CuesError::UnknownKey { key: key.to_owned() }),
                }
                Ok(())
            }
        }
    };
}

cues! {
    /// "No content" phrases of a list page (contained in a main-content text node).
    placeholders,
    /// Breadcrumb steps that name a page, not a column (exact).
    detail_words,
    /// Breadcrumb steps starting with one of these are the home page, not the column.
    home_words,
    /// Breadcrumb labels (`当前位置`).
    crumb_labels,
    /// Labels that end a labelled value running into them.
    next_labels,
    /// Labels of the 网站标识码.
    site_code_labels,
    /// Labels of the 主办单位 (colon required; the first also without one).
    organizer_labels,
    /// Labels of the 承办单位 (colon required; the first also without one).
    operator_labels,
    /// Labels of a contact telephone (colon required).
    contact_phone_labels,
    /// Labels of a contact e-mail (colon required).
    contact_email_labels,
    /// Labels of a contact address (colon required).
    contact_address_labels,
    /// Hosts (and their subdomains) of the 党政机关 badge.
    badge_hosts,
    /// Image `alt` words of the 党政机关 badge.
    badge_alt_words,
    /// Hosts (and their subdomains) of the 找错 entry.
    error_report_hosts,
    /// Link text or image `alt` words of the 找错 entry.
    error_report_words,
    /// Words in the `src` or `id` of a script (or the `id` of an element) that embeds the 找错
    /// widget (`<script id="_jiucuo_" src="…/exposure/jiucuo.js">`).
    error_report_script_words,
    /// Labels of a message's posted date.
    board_posted_labels,
    /// Labels of a reply date.
    board_replied_labels,
    /// Labels of a message's author.
    board_author_labels,
    /// Labels of a message's status.
    board_status_labels,
    /// Labels of a reply text.
    board_reply_labels,
    /// Labels of a reply text that count only before a colon.
    board_reply_labels_with_colon,
    /// Reply texts that say there is no reply yet (prefix).
    board_no_reply,
    /// Board header words of a date column.
    board_header_date_words,
    /// Board header words of an author column.
    board_header_author_words,
    /// Board header words of the title column.
    board_header_title_words,
    /// Labels of a message title (colon required).
    message_title_labels,
    /// Status words that say a message was answered.
    answered,
    /// Status words that say a message was not answered yet.
    unanswered,
    /// Words of a message form's text.
    message_form_words,
    /// Link texts of a "more" link, lowercase (exact).
    more_words,
    /// Texts only a pager shows.
    pager_words,
    /// Link texts of a next-page link, lowercase (exact).
    next_words,
    /// Other pager link texts, lowercase (exact).
    pager_link_words,
    /// The whole text of a small element that labels its block as an ad (exact, ASCII
    /// case-insensitive).
    ad_labels,
}

impl Default for Cues {
    /// The shipped cues ([`DEFAULT_PAGE_CUES`]).
    fn default() -> Self {
        // The file is compiled in and a unit test parses it, so this cannot fail at run time.
        toml::from_str(DEFAULT_PAGE_CUES).expect("rules/page-cues.toml is valid (tested)")
    }
}

impl Cues {
    /// The shipped cues with the lists set in `text` (a TOML file of `key = ["…", …]`)
    /// replacing the default lists of the same name; the other lists keep their defaults.
    ///
    /// ```
    /// use xunwang_extract::Cues;
    ///
    /// let cues = Cues::from_toml(r#"crumb_labels = ["当前位置", "所在栏目"]"#).unwrap();
    /// assert_eq!(cues.crumb_labels, ["当前位置", "所在栏目"]);
    /// assert_eq!(cues.placeholders, Cues::default().placeholders);
    /// assert!(Cues::from_toml("crumb_lables = []").is_err());
    /// ```
    pub fn from_toml(text: &str) -> Result<Cues, CuesError> {
        let table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| CuesError::Syntax {
                message: e.to_string(),
            })?;
        let mut cues = Cues::default();
        for (key, value) in table {
            cues.set(&key, value)?;
        }
        Ok(cues)
    }
}

/// `value` as a list of strings, or [`CuesError::NotAList`] naming `key`.
fn string_list(key: &str, value: toml::Value) -> Result<Vec<String>, CuesError> {
    let not_a_list = || CuesError::NotAList {
        key: key.to_owned(),
    };
    let toml::Value::Array(items) = value else {
        return Err(not_a_list());
    };
    items
        .into_iter()
        .map(|v| match v {
            toml::Value::String(s) => Ok(s),
            _ => Err(not_a_list()),
        })
        .collect()
}

#[cfg(test)]
#[path = "cues_tests.rs"]
mod tests;
