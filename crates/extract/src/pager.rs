//! Script pagers: list pages that only JavaScript links to.
//!
//! TRS WCM, the CMS behind most Chinese government sites, writes list pagination as an inline
//! call `createPageHTML(total, current, "index", "html")` that `document.write`s the links:
//! page 0 is `index.html`, page k is `index_k.html`. A crawler that does not understand it
//! never sees older items, so stale or empty columns would be misjudged.

/// One script pager call: page count, current page (0-based), page name and extension.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptPager {
    /// Number of list pages.
    pub pages: u32,
    /// The current page, 0-based.
    pub current: u32,
    /// File name stem, usually `index`.
    pub name: String,
    /// Extension without the dot, usually `html`.
    pub ext: String,
}

impl ScriptPager {
    /// Relative URLs of every page of the list but the current one.
    pub fn other_pages(&self) -> Vec<String> {
        (0..self.pages)
            .filter(|k| *k != self.current)
            .map(|k| {
                if k == 0 {
                    format!("{}.{}", self.name, self.ext)
                } else {
                    format!("{}_{k}.{}", self.name, self.ext)
                }
            })
            .collect()
    }
}

/// Most list pages taken from one pager (a hostile page could claim billions).
pub const MAX_PAGER_PAGES: u32 = 10_000;

/// Finds `createPageHTML(<int>, <int>, "<name>", "<ext>")` calls in script text. The function's
/// own definition (identifiers, not literals) is skipped.
pub fn script_pagers(script: &str) -> Vec<ScriptPager> {
    const CALL: &str = "createPageHTML(";
    let mut out = Vec::new();
    let mut rest = script;
    while let Some(i) = rest.find(CALL) {
        rest = &rest[i + CALL.len()..];
        let end = rest.find(')').unwrap_or(rest.len());
        let args: Vec<&str> = rest[..end].split(',').map(str::trim).collect();
        if args.len() < 4 {
            continue;
        }
        let unquote = |s: &str| {
            let s = s.trim_matches(|c| c == '"' || c == '\'');
            (!s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
            .then(|| s.to_owned())
        };
        let (Ok(pages), Ok(current), Some(name), Some(ext)) = (
            args[0].parse::<u32>(),
            args[1].parse::<u32>(),
            unquote(args[2]),
            unquote(args[3]),
        ) else {
            continue;
        };
        if !args[2].starts_with(['"', '\'']) {
            continue;
        }
        out.push(ScriptPager {
            pages: pages.min(MAX_PAGER_PAGES),
            current,
            name,
            ext,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trs_pager_call_yields_the_other_list_pages() {
        let js = r#"function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
            if(_nPageCount == null || _nPageCount<=1){ return; } }
            createPageHTML(3, 1, "index", "html");"#;
        let p = script_pagers(js);
        assert_eq!(p.len(), 1, "the definition is not a call");
        assert_eq!(p[0].other_pages(), ["index.html", "index_2.html"]);
    }

    #[test]
    fn single_quotes_and_spaces_are_accepted_and_garbage_is_not() {
        let p = script_pagers("createPageHTML( 2 ,0 , 'list' , 'shtml' )");
        assert_eq!(p[0].other_pages(), ["list_1.shtml"]);
        assert!(script_pagers("createPageHTML(n, 0, \"index\", \"html\")").is_empty());
        assert!(script_pagers("createPageHTML(2, 0, \"../x\", \"html\")").is_empty());
        assert!(script_pagers("createPageHTML(2, 0").is_empty());
    }

    #[test]
    fn a_hostile_page_count_is_capped() {
        let p = script_pagers("createPageHTML(4000000000, 0, \"index\", \"html\")");
        assert_eq!(p[0].pages, MAX_PAGER_PAGES);
    }
}
