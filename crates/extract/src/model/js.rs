//! Inline scripts read the way a hijack detector needs, without running them: what
//! `document.write` writes and where a script sends the browser.
//!
//! Only string literals are read: `'…'`, `"…"`, `` `…` `` joined by `+`, with JavaScript escapes,
//! and the decoders hijackers wrap them in (`unescape("%3Ca…")`, `decodeURIComponent`). A
//! variable or an unknown call contributes nothing, so `'<a href="' + url + '">'` writes no URL.
//! The reader is a bounded hand-written scan: every step advances, nesting stops at
//! [`MAX_DEPTH`], and nothing indexes off a char boundary.

/// Deepest nesting of parentheses and decoder calls followed.
const MAX_DEPTH: u8 = 8;
/// Most bytes of written HTML kept per script.
pub(super) const MAX_WRITTEN: usize = 64 * 1024;
/// Bytes before a redirect searched for what guards it.
const GUARD_WINDOW: usize = 600;
/// Characters of code kept around a redirect.
const CODE_CHARS: usize = 200;
/// Most redirects read from one script.
const MAX_REDIRECTS: usize = 8;
/// Search-engine and crawler names a cloaking script tests the referrer or user agent for
/// (`bot` is matched as a word apart, see [`guarded`]).
const SPIDERS: &[&str] = &[
    "baidu", "sogou", "so.com", "sm.cn", "google", "bing", "spider",
];

/// A script navigation found in the text.
#[derive(Debug, PartialEq)]
pub(super) struct Jump {
    /// The target as written (string literals joined).
    pub target: String,
    /// Guarded by the referrer, the user agent or a spider name.
    pub conditional: bool,
    /// The code around it, whitespace collapsed.
    pub code: String,
}

/// Everything the script's `document.write`/`writeln` calls write, joined in order.
pub(super) fn written(js: &str) -> String {
    let mut out = String::new();
    let mut done = 0;
    for (at, m) in js.match_indices("document.write") {
        if at < done {
            continue; // a call written by an outer call's string
        }
        let mut i = at + m.len();
        if js[i..].starts_with("ln") {
            i += 2;
        }
        i = skip_ws(js, i);
        if js.as_bytes().get(i) != Some(&b'(') {
            continue;
        }
        done = args(js, i + 1, 0, &mut out);
        if out.len() >= MAX_WRITTEN {
            let keep = super::text::cut(&out, MAX_WRITTEN).len();
            out.truncate(keep);
            break;
        }
    }
    out
}

/// The navigations in the script: assignments to `location`/`location.href` (of `window`,
/// `top`, `self`, `parent`, `document`), `location.replace(…)`/`assign(…)`, also inside a
/// string given to `setTimeout`. `window.open` opens a new window and is not one.
pub(super) fn redirects(js: &str) -> Vec<Jump> {
    let b = js.as_bytes();
    let mut out = Vec::new();
    for (at, m) in js.match_indices("location") {
        if out.len() >= MAX_REDIRECTS {
            break;
        }
        if at > 0 && is_ident(b[at - 1]) {
            continue;
        }
        let mut i = at + m.len();
        if b.get(i).is_some_and(|&c| is_ident(c)) {
            continue;
        }
        i = skip_ws(js, i);
        let mut href = false;
        if js[i..].starts_with(".href") && !b.get(i + 5).is_some_and(|&c| is_ident(c)) {
            href = true;
            i = skip_ws(js, i + 5);
        }
        let mut target = String::new();
        if b.get(i) == Some(&b'=') && b.get(i + 1) != Some(&b'=') {
            expr(js, i + 1, 0, &mut target);
        } else if !href && (js[i..].starts_with(".replace") || js[i..].starts_with(".assign")) {
            let name = if js[i..].starts_with(".replace") {
                8
            } else {
                7
            };
            let j = skip_ws(js, i + name);
            if b.get(j) != Some(&b'(') {
                continue;
            }
            args(js, j + 1, 0, &mut target);
        } else {
            continue;
        }
        let target = target.trim();
        if target.is_empty() {
            continue;
        }
        out.push(Jump {
            target: target.to_owned(),
            conditional: guarded(js, at),
            code: around(js, at),
        });
    }
    out
}

/// The code before the navigation at `at` (within [`GUARD_WINDOW`] bytes, and the statement
/// itself) tests `document.referrer`, `navigator.userAgent` or a spider name.
fn guarded(js: &str, at: usize) -> bool {
    let start = floor(js, at.saturating_sub(GUARD_WINDOW));
    let end = floor(js, (at + 200).min(js.len()));
    let window = js[start..end].to_ascii_lowercase();
    window.contains("referrer")
        || window.contains("useragent")
        || SPIDERS.iter().any(|s| window.contains(s))
        || window.match_indices("bot").any(|(k, _)| {
            let wb = window.as_bytes();
            let before = k > 0 && wb[k - 1].is_ascii_alphabetic();
            let after = wb.get(k + 3).is_some_and(u8::is_ascii_alphabetic);
            !before && !after
        })
}

/// At most [`CODE_CHARS`] characters centred on `at`, whitespace collapsed.
fn around(js: &str, at: usize) -> String {
    let before: Vec<char> = js[..at].chars().rev().take(CODE_CHARS / 2).collect();
    let mut out = String::new();
    let mut space = false;
    let chars = before
        .into_iter()
        .rev()
        .chain(js[at..].chars().take(CODE_CHARS / 2));
    for c in chars {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// The largest char boundary at or before `i`.
fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$'
}

fn skip_ws(js: &str, mut i: usize) -> usize {
    let b = js.as_bytes();
    while b.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

/// Reads call arguments after `(`: expressions separated by commas, up to the closing `)`.
/// Appends their literal text to `out`; returns the index after `)` (or where reading stopped).
fn args(js: &str, mut i: usize, depth: u8, out: &mut String) -> usize {
    let b = js.as_bytes();
    loop {
        let j = skip_ws(js, expr(js, i, depth, out));
        match b.get(j) {
            Some(b',') => i = j + 1,
            Some(b')') => return j + 1,
            _ => return j,
        }
    }
}

/// Reads operands joined by `+`; appends their literal text; returns where it stopped.
fn expr(js: &str, mut i: usize, depth: u8, out: &mut String) -> usize {
    let b = js.as_bytes();
    loop {
        i = skip_ws(js, i);
        let j = skip_ws(js, operand(js, i, depth, out));
        if b.get(j) == Some(&b'+') && !matches!(b.get(j + 1), Some(b'+' | b'=')) {
            i = j + 1;
        } else {
            return j;
        }
    }
}

/// Reads one operand: a string literal, a parenthesised expression, a decoder call, or an
/// identifier/number/unknown call (which contributes nothing).
fn operand(js: &str, i: usize, depth: u8, out: &mut String) -> usize {
    let b = js.as_bytes();
    match b.get(i) {
        Some(&q @ (b'"' | b'\'' | b'`')) => literal(js, i + 1, q, false, out),
        // `setTimeout("location.href=\"…\"")`: a string inside a string.
        Some(b'\\') if matches!(b.get(i + 1), Some(b'"' | b'\'')) => {
            literal(js, i + 2, b[i + 1], true, out)
        }
        Some(b'(') if depth < MAX_DEPTH => {
            let j = expr(js, i + 1, depth + 1, out);
            if b.get(j) == Some(&b')') { j + 1 } else { j }
        }
        Some(&c) if c.is_ascii_alphabetic() || c == b'_' || c == b'$' => {
            let mut end = i;
            while b.get(end).is_some_and(|&c| is_ident(c) || c == b'.') {
                end += 1;
            }
            let name = &js[i..end];
            let j = skip_ws(js, end);
            if b.get(j) != Some(&b'(') || depth >= MAX_DEPTH {
                return end;
            }
            let mut inner = String::new();
            let k = args(js, j + 1, depth + 1, &mut inner);
            let last = name.rsplit('.').next().unwrap_or(name);
            match last {
                "unescape" => out.push_str(&unescape(&inner)),
                "decodeURIComponent" | "decodeURI" => out.push_str(&decode_uri(&inner)),
                // `String(…)`, `String.fromCharCode` is not read (numbers only).
                "String" => out.push_str(&inner),
                _ => {}
            }
            k
        }
        Some(c) if c.is_ascii_digit() => {
            let mut end = i;
            while b
                .get(end)
                .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'.')
            {
                end += 1;
            }
            end
        }
        _ => i,
    }
}

/// Reads a string literal body after its opening quote `q` (escaped `\q` when `escaped`);
/// appends its value; returns the index after the closing quote (or the end of input).
fn literal(js: &str, mut i: usize, q: u8, escaped: bool, out: &mut String) -> usize {
    let b = js.as_bytes();
    while i < b.len() {
        let c = b[i];
        if escaped && c == b'\\' && b.get(i + 1) == Some(&q) {
            return i + 2;
        }
        if !escaped && c == q {
            return i + 1;
        }
        if c == b'\\' {
            let Some(next) = js[i + 1..].chars().next() else {
                return b.len();
            };
            i += 1 + next.len_utf8();
            match next {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' | '\n' | '\r' => {}
                'x' => {
                    if let Some(ch) = hex_char(js, i, 2) {
                        out.push(ch);
                        i += 2;
                    }
                }
                'u' if b.get(i) == Some(&b'{') => {
                    let close = js[i..].find('}').map_or(b.len(), |e| i + e);
                    if let Some(ch) = u32::from_str_radix(&js[i + 1..close], 16)
                        .ok()
                        .and_then(char::from_u32)
                    {
                        out.push(ch);
                    }
                    i = (close + 1).min(b.len());
                }
                'u' => {
                    if let Some(ch) = hex_char(js, i, 4) {
                        out.push(ch);
                        i += 4;
                    }
                }
                other => out.push(other),
            }
            continue;
        }
        let Some(ch) = js[i..].chars().next() else {
            break;
        };
        out.push(ch);
        i += ch.len_utf8();
    }
    b.len()
}

/// The character of the `n` hex digits at `i`, if they are there.
fn hex_char(js: &str, i: usize, n: usize) -> Option<char> {
    let digits = js.get(i..i + n)?;
    if !digits.bytes().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    char::from_u32(u32::from_str_radix(digits, 16).ok()?)
}

/// JavaScript's `unescape`: `%XX` is a Latin-1 code point and `%uXXXX` a UTF-16 unit.
pub(super) fn unescape(s: &str) -> String {
    let mut units: Vec<u16> = Vec::with_capacity(s.len());
    let mut i = 0;
    let b = s.as_bytes();
    while i < b.len() {
        if b[i] == b'%' {
            if b.get(i + 1) == Some(&b'u')
                && let Some(v) = s.get(i + 2..i + 6).and_then(hex_u32)
            {
                units.push(v as u16);
                i += 6;
                continue;
            }
            if let Some(v) = s.get(i + 1..i + 3).and_then(hex_u32) {
                units.push(v as u16);
                i += 3;
                continue;
            }
        }
        let Some(ch) = s[i..].chars().next() else {
            break;
        };
        let mut buf = [0u16; 2];
        units.extend_from_slice(ch.encode_utf16(&mut buf));
        i += ch.len_utf8();
    }
    String::from_utf16_lossy(&units)
}

/// `decodeURIComponent`: `%XX` bytes read as UTF-8 (invalid sequences become U+FFFD).
fn decode_uri(s: &str) -> String {
    let mut bytes = Vec::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = s.get(i + 1..i + 3).and_then(hex_u32)
        {
            bytes.push(v as u8);
            i += 3;
            continue;
        }
        bytes.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn hex_u32(h: &str) -> Option<u32> {
    h.bytes()
        .all(|c| c.is_ascii_hexdigit())
        .then(|| u32::from_str_radix(h, 16).ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_joins_literals_escapes_and_decoders() {
        assert_eq!(
            written(r#"document.write('<a href="http://x.com/">' + "推广" + '<\/a>');"#),
            r#"<a href="http://x.com/">推广</a>"#
        );
        assert_eq!(
            written(r#"document.write(unescape("%3Ca%20href%3D%22http%3A//x.com/%22%3E"));"#),
            r#"<a href="http://x.com/">"#
        );
        assert_eq!(
            written(r#"document.writeln("<p class=\"a\">" + url + "\x3c/p>")"#),
            r#"<p class="a"></p>"#
        );
        assert_eq!(
            written("document.write(decodeURIComponent('%E4%B8%AD'))"),
            "中"
        );
        assert_eq!(written("document.write(%u4E2D"), "");
        assert_eq!(unescape("%u4E2D%41"), "中A");
        assert_eq!(written("var w = document.writeable;"), "");
    }

    #[test]
    fn redirects_assignments_replace_and_timeouts_but_not_window_open() {
        let one = |js: &str| {
            redirects(js)
                .into_iter()
                .next()
                .map(|j| (j.target, j.conditional))
        };
        assert_eq!(
            one(
                r#"var s=document.referrer;if(s.indexOf("baidu")>0){window.location.href="http://www.am-jinsha88.com/";}"#
            ),
            Some(("http://www.am-jinsha88.com/".into(), true))
        );
        assert_eq!(
            one("location.replace('/new/')"),
            Some(("/new/".into(), false))
        );
        assert_eq!(
            one(r#"setTimeout("location.href='http://a.cn/'", 3000)"#),
            Some(("http://a.cn/".into(), false))
        );
        assert_eq!(
            one(r#"setTimeout("top.location = \"/b/\"", 0)"#),
            Some(("/b/".into(), false))
        );
        assert_eq!(one("window.open('http://a.cn/')"), None);
        assert_eq!(one("if (location.href == 'x') {}"), None);
        assert_eq!(one("var u = location.href.replace('#', '')"), None);
        assert_eq!(one("location.href = url;"), None);
        assert_eq!(one("window.mylocation = 'x'"), None);
        assert_eq!(
            one("if(/Android|iPhone/i.test(navigator.userAgent)){location.href='/m/'}"),
            Some(("/m/".into(), true))
        );
        assert_eq!(
            one("var bottom = 1; location = '/c/'"),
            Some(("/c/".into(), false))
        );
    }

    #[test]
    fn hostile_script_text_neither_panics_nor_loops() {
        let deep = "document.write(".repeat(5_000) + "'x'";
        assert!(written(&deep).len() <= 1);
        let parens = format!("document.write({}'y'", "(".repeat(10_000));
        let _ = written(&parens);
        for s in [
            "location=",
            "location.replace(",
            "document.write('\\",
            "document.write(\\\"",
            "location=\\u{",
        ] {
            let _ = written(s);
            let _ = redirects(s);
        }
    }
}
