//! Small parsers for URL-bearing attribute syntaxes: `srcset`, meta refresh, CSS `url()`,
//! `archive` lists, inline-style hiding, whitespace collapsing.

/// URLs of a `srcset` attribute, one per image candidate
/// (<https://html.spec.whatwg.org/multipage/images.html#parse-a-srcset-attribute>).
pub(crate) fn srcset_urls(srcset: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = srcset.as_bytes();
    let mut i = 0;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b',') {
            i += 1;
        }
        if i >= bytes.len() {
            return out;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut url = &srcset[start..i];
        if url.ends_with(',') {
            // "a.png,b.png": trailing commas end the candidate and there are no descriptors.
            url = url.trim_end_matches(',');
        } else {
            // Skip descriptors up to the next comma that is not inside parentheses.
            let mut depth = 0usize;
            while i < bytes.len() {
                match bytes[i] {
                    b'(' => depth += 1,
                    b')' => depth = depth.saturating_sub(1),
                    b',' if depth == 0 => break,
                    _ => {}
                }
                i += 1;
            }
        }
        if !url.is_empty() {
            out.push(url);
        }
    }
}

/// The URL of a `<meta http-equiv=refresh content=…>` value, if it names one
/// (<https://html.spec.whatwg.org/multipage/semantics.html#shared-declarative-refresh-steps>).
/// `"5"` (reload) yields `None`; `"0; url='a.html'"`, `"0;URL=a.html"` and `"0, a.html"` yield `a.html`.
pub(crate) fn refresh_url(content: &str) -> Option<&str> {
    let s = content.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let time_end = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    if time_end == 0 {
        return None;
    }
    let mut rest = &s[time_end..];
    if rest.is_empty() {
        return None;
    }
    let first = rest.chars().next()?;
    if !(first == ';' || first == ',' || first.is_ascii_whitespace()) {
        return None;
    }
    rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
    if let Some(r) = rest.strip_prefix([';', ',']) {
        rest = r.trim_start_matches(|c: char| c.is_ascii_whitespace());
    }
    if rest.len() >= 3 && rest[..3].eq_ignore_ascii_case("url") {
        let after = rest[3..].trim_start_matches(|c: char| c.is_ascii_whitespace());
        if let Some(value) = after.strip_prefix('=') {
            rest = value.trim_start_matches(|c: char| c.is_ascii_whitespace());
        }
    }
    let url = match rest.chars().next() {
        Some(q @ ('"' | '\'')) => {
            let inner = &rest[1..];
            &inner[..inner.find(q).unwrap_or(inner.len())]
        }
        _ => rest,
    };
    let url = url.trim_end_matches(|c: char| c.is_ascii_whitespace());
    (!url.is_empty()).then_some(url)
}

/// Whether an inline `style` hides its element: `display:none` or `visibility:hidden`, in any
/// case and spacing, with or without `!important`. Hiding by classes or stylesheets needs
/// computed styles and is out of reach of a streaming parser (research/crates.md §2).
pub(crate) fn style_hides(style: &str) -> bool {
    style.split([';', '{', '}']).any(|decl| {
        let Some((prop, value)) = decl.split_once(':') else {
            return false;
        };
        let prop = prop.trim();
        let value = value.trim();
        let value = match value.find('!') {
            Some(i) => value[..i].trim_end(),
            None => value,
        };
        (prop.eq_ignore_ascii_case("display") && value.eq_ignore_ascii_case("none"))
            || (prop.eq_ignore_ascii_case("visibility") && value.eq_ignore_ascii_case("hidden"))
    })
}

/// URLs referenced by CSS text: every `url(…)` (quoted or not) and every `@import "…"`.
/// Comments are skipped; CSS escapes (`\(`, `\26 `) are resolved.
pub(crate) fn css_urls(css: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = css.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = css[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |j| i + 2 + j + 2);
            }
            b'u' | b'U'
                if bytes.len() >= i + 4
                    && css.is_char_boundary(i + 4)
                    && css[i..i + 4].eq_ignore_ascii_case("url(")
                    && (i == 0 || !is_ident_byte(bytes[i - 1])) =>
            {
                let (url, next) = read_url_function(css, i + 4);
                if !url.is_empty() {
                    out.push(url);
                }
                i = next;
            }
            b'@' if bytes.len() >= i + 7
                && css.is_char_boundary(i + 7)
                && css[i..i + 7].eq_ignore_ascii_case("@import") =>
            {
                i += 7;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                if let Some(&q @ (b'"' | b'\'')) = bytes.get(i) {
                    let (url, next) = read_string(css, i + 1, q);
                    if !url.trim().is_empty() {
                        out.push(url.trim().to_string());
                    }
                    i = next;
                }
                // `@import url(…)` is picked up by the `url(` arm on the next turns.
            }
            b'"' | b'\'' => {
                // Skip strings so that `content: "url(x)"` is not read as a URL.
                let q = bytes[i];
                i = read_string(css, i + 1, q).1;
            }
            _ => i += 1,
        }
    }
    out
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b >= 0x80
}

/// Reads the inside of `url(` starting at `start`; returns the URL and the index after `)`.
fn read_url_function(css: &str, start: usize) -> (String, usize) {
    let bytes = css.as_bytes();
    let mut i = start;
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    if let Some(&q @ (b'"' | b'\'')) = bytes.get(i) {
        let (url, next) = read_string(css, i + 1, q);
        let close = css[next..].find(')').map_or(bytes.len(), |j| next + j + 1);
        return (url.trim().to_string(), close);
    }
    let mut url = String::new();
    while i < bytes.len() {
        match bytes[i] {
            b')' => return (url.trim().to_string(), i + 1),
            b'\\' => i = unescape(css, i, &mut url),
            _ => {
                let c = css[i..].chars().next().unwrap_or('\u{FFFD}');
                url.push(c);
                i += c.len_utf8();
            }
        }
    }
    (url.trim().to_string(), i)
}

/// Reads a CSS string body after its opening quote; returns the value and the index after the
/// closing quote (or the end of the line or input for an unterminated string).
fn read_string(css: &str, start: usize, quote: u8) -> (String, usize) {
    let bytes = css.as_bytes();
    let mut out = String::new();
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b if b == quote => return (out, i + 1),
            b'\n' => return (out, i),
            b'\\' => i = unescape(css, i, &mut out),
            _ => {
                let c = css[i..].chars().next().unwrap_or('\u{FFFD}');
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    (out, i)
}

/// Resolves the CSS escape at `css[i] == '\\'` into `out`; returns the index after it.
fn unescape(css: &str, i: usize, out: &mut String) -> usize {
    let rest = &css[i + 1..];
    let hex = rest
        .bytes()
        .take(6)
        .take_while(u8::is_ascii_hexdigit)
        .count();
    if hex > 0 {
        let n = u32::from_str_radix(&rest[..hex], 16).unwrap_or(0xFFFD);
        out.push(
            char::from_u32(n)
                .filter(|c| *c != '\0')
                .unwrap_or('\u{FFFD}'),
        );
        let mut next = i + 1 + hex;
        if css
            .as_bytes()
            .get(next)
            .is_some_and(u8::is_ascii_whitespace)
        {
            next += 1;
        }
        return next;
    }
    match rest.chars().next() {
        Some('\n') => i + 2,
        Some(c) => {
            out.push(c);
            i + 1 + c.len_utf8()
        }
        None => i + 1,
    }
}

/// Entries of an `archive` attribute: comma-separated for `<applet>`, space-separated for
/// `<object>` (HTML 4.01 §13.4); we accept both separators on both.
pub(crate) fn archive_urls(archive: &str) -> impl Iterator<Item = &str> {
    archive
        .split(|c: char| c == ',' || c.is_ascii_whitespace())
        .filter(|s| !s.is_empty())
}

/// Appends `text` to `out` with runs of whitespace collapsed to one space, keeping at most
/// `max_chars` characters in `out`; `pending_space` carries a run across calls.
pub(crate) fn push_collapsed(out: &mut String, text: impl Iterator<Item = char>, max_chars: usize) {
    let mut count = out.chars().count();
    let mut pending_space = false;
    for c in text {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if count >= max_chars {
            return;
        }
        if pending_space {
            out.push(' ');
            count += 1;
            pending_space = false;
            if count >= max_chars {
                return;
            }
        }
        out.push(c);
        count += 1;
    }
}

/// `text` with character references decoded, whitespace collapsed and trimmed, at most
/// `max_chars` characters.
pub(crate) fn clean_text(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    let mut chars = Vec::new();
    crate::entities::for_each_decoded(text, false, |c| chars.push(c));
    push_collapsed(&mut out, chars.into_iter(), max_chars);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srcset_yields_every_candidate_url() {
        assert_eq!(
            srcset_urls(" a.png 1x, b.png 2x,c.png,  d.png 100w (x, y), e.png"),
            ["a.png", "b.png", "c.png", "d.png", "e.png"]
        );
        // Commas end a candidate only when they follow the URL (WHATWG): "a,b" is one URL.
        assert_eq!(srcset_urls("a.png,, b.png"), ["a.png", "b.png"]);
        assert_eq!(srcset_urls("a.png,b.png"), ["a.png,b.png"]);
        assert_eq!(srcset_urls(" , ,"), Vec::<&str>::new());
    }

    #[test]
    fn refresh_url_forms() {
        assert_eq!(refresh_url("0; url=base2.html"), Some("base2.html"));
        assert_eq!(refresh_url("5;URL='https://a/b'"), Some("https://a/b"));
        assert_eq!(refresh_url("0, next.html"), Some("next.html"));
        assert_eq!(refresh_url(" 3 ; url = \"q.html\" "), Some("q.html"));
        assert_eq!(refresh_url("0.5; url=x"), Some("x"));
        assert_eq!(refresh_url("5"), None);
        assert_eq!(refresh_url("url=x"), None);
        assert_eq!(refresh_url("0; url="), None);
        assert_eq!(refresh_url("0;urlx.html"), Some("urlx.html"));
    }

    #[test]
    fn inline_styles_that_hide() {
        assert!(style_hides("DISPLAY : none"));
        assert!(style_hides("color:red; visibility: HIDDEN !important"));
        assert!(style_hides("display:none;"));
        assert!(!style_hides("display:block"));
        assert!(!style_hides("x-display:none"));
        assert!(!style_hides("visibility:visible; display : inline"));
    }

    #[test]
    fn css_urls_quoted_unquoted_imports_and_comments() {
        let css = r#"@import "a.css"; @import url('b.css');
            body { background: URL( c.png ) } /* url(no.png) */
            .x { content: "url(nope)"; background-image:url("d\28 1\29.png") }
            @font-face {src:url(e.woff)}"#;
        assert_eq!(
            css_urls(css),
            ["a.css", "b.css", "c.png", "d(1).png", "e.woff"]
        );
        assert_eq!(css_urls("background:url("), Vec::<String>::new());
        assert_eq!(css_urls("curl(x) url(y)"), ["y"]);
    }

    #[test]
    fn archive_lists_split_on_commas_and_spaces() {
        assert_eq!(
            archive_urls("file.html,http://www.example.com a.jar").collect::<Vec<_>>(),
            ["file.html", "http://www.example.com", "a.jar"]
        );
    }

    #[test]
    fn clean_text_collapses_and_truncates() {
        assert_eq!(clean_text("  a \n\t b&nbsp;&amp; c  ", 100), "a b & c");
        assert_eq!(clean_text("abcdef", 3), "abc");
        assert_eq!(clean_text("   ", 3), "");
    }
}
