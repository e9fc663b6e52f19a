//! Whether the page loads its content with scripts: an inline script that fetches data, or an
//! element with a Vue/Angular list binding. The model reads the HTML as served, so an empty
//! list on such a page may well fill in a browser.

use super::doc::{Doc, Kind};
use super::text::cut;

/// Most bytes of inline script text scanned per page (pages inline whole libraries).
const MAX_SCRIPT_BYTES: usize = 1 << 20;

/// Calls in inline scripts that fetch data (`.load(` is checked apart: see [`loads_url`]).
const FETCH_CALLS: &[&str] = &[
    "$.ajax",
    "jQuery.ajax",
    "$.get(",
    "$.post(",
    "getJSON",
    "fetch(",
    "axios",
    "XMLHttpRequest",
];

/// Attribute names of Vue/Angular list bindings.
const LIST_BINDINGS: &[&str] = &[
    "v-for",
    ":key",
    "v-bind:key",
    "ng-repeat",
    "data-ng-repeat",
    "ng-repeat-start",
];

/// An inline script (no `src`) fetches data, or an element carries a list binding.
pub(super) fn script_list(doc: &Doc<'_>) -> bool {
    let mut budget = MAX_SCRIPT_BYTES;
    for i in doc.elements() {
        let Some(el) = doc.el(i) else { continue };
        if el
            .attrs()
            .any(|(name, _)| LIST_BINDINGS.iter().any(|b| name.eq_ignore_ascii_case(b)))
        {
            return true;
        }
        if el.name() != "script" || el.attr("src").is_some() || budget == 0 {
            continue;
        }
        for j in i + 1..doc.nodes[i].end {
            let Kind::Text(t) = doc.nodes[j].kind else {
                continue;
            };
            let t = cut(t, budget);
            budget -= t.len();
            if fetches(t) {
                return true;
            }
        }
    }
    false
}

/// Script text calls one of [`FETCH_CALLS`] (not as the tail of a longer name: `prefetch(`)
/// or loads a URL with jQuery's `.load(`.
fn fetches(js: &str) -> bool {
    let called = |pat: &str| {
        js.match_indices(pat).any(|(at, _)| {
            !pat.starts_with(|c: char| c.is_ascii_alphabetic())
                || !js[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        })
    };
    FETCH_CALLS.iter().any(|p| called(p)) || loads_url(js)
}

/// jQuery's `$(el).load(url)`, not the old `$(window).load(function…)` event binding.
fn loads_url(js: &str) -> bool {
    js.match_indices(".load(").any(|(at, m)| {
        let arg = js[at + m.len()..].trim_start();
        !(arg.starts_with("function") || arg.starts_with('(') || arg.starts_with(')'))
    })
}

#[cfg(test)]
mod tests {
    use super::{fetches, loads_url};

    #[test]
    fn fetch_calls_are_found_but_not_inside_longer_names() {
        assert!(fetches("$.ajax({url: '/api/list'})"));
        assert!(fetches("fetch('/api/list').then(r => r.json())"));
        assert!(fetches("var x = new XMLHttpRequest();"));
        assert!(fetches("$.getJSON('/a.json', f)"));
        assert!(!fetches("prefetch('/x'); dofetch(1)"));
        assert!(!fetches("var _hmt = _hmt || []; document.write('<p>')"));
    }

    #[test]
    fn jquery_load_counts_only_with_a_url() {
        assert!(loads_url("$('#list').load('/col/list.html #items')"));
        assert!(loads_url("$('#list').load(url)"));
        assert!(!loads_url("$(window).load(function () { init(); })"));
        assert!(!loads_url("$(window).load(() => init())"));
    }
}
