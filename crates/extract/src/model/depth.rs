//! A guard against deeply nested pages.
//!
//! html5ever checks "has an element in scope" by walking its stack of open elements, once for
//! most block start tags, so a page nested 100,000 deep costs about 10^10 steps (minutes; 10,000
//! deep already takes 0.15 s in a release build). Real pages nest a few dozen deep. [`depth_cut`]
//! estimates the stack with a light tag scan and cuts the page where it would pass
//! [`MAX_DEPTH`]; the model is then read from the part before.
//!
//! The estimate follows the HTML rules that keep sloppy real pages shallow: an end tag closes
//! everything opened after its start tag (`</p>` closes an unclosed `<font>`), `<li>`, `<td>`,
//! `<tr>`, `<p>`… close their open predecessor, and block tags close an open `<p>`. Comments and
//! raw-text elements (`script`, `style`, `textarea`, `title`) are skipped.

/// Deepest nesting of open elements read.
pub(super) const MAX_DEPTH: usize = 1_000;
/// How far down the stack a start or end tag looks for the element it closes.
const SEARCH: usize = 64;

/// Void elements: never open.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "basefont", "bgsound", "frame", "keygen", "image", "isindex", "spacer",
];

/// Elements whose start tag closes an open sibling of the same family, and the elements that
/// bound the search (an open `ul` protects an outer `li`).
fn family(tag: &str) -> Option<(&'static [&'static str], &'static [&'static str])> {
    Some(match tag {
        "li" => (&["li"], &["ul", "ol", "menu", "table", "div"]),
        "dt" | "dd" => (&["dt", "dd"], &["dl", "table", "div"]),
        "td" | "th" => (&["td", "th"], &["tr", "table"]),
        "tr" => (&["tr", "td", "th"], &["table", "tbody", "thead", "tfoot"]),
        "tbody" | "thead" | "tfoot" => (&["tbody", "thead", "tfoot", "tr", "td", "th"], &["table"]),
        "option" => (&["option"], &["select", "datalist", "optgroup"]),
        "optgroup" => (&["optgroup", "option"], &["select"]),
        _ => return None,
    })
}

/// `html` cut where the estimated nesting of open elements passes [`MAX_DEPTH`].
pub(super) fn depth_cut(html: &str) -> &str {
    let b = html.as_bytes();
    let mut stack: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(k) = b[i..].iter().position(|&c| c == b'<') {
        let at = i + k;
        if b[at..].starts_with(b"<!--") {
            i = find(b, at + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = b.get(at + 1) == Some(&b'/');
        let start = at + 1 + usize::from(closing);
        let len = b[start..]
            .iter()
            .take(16)
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if len == 0 || !b[start].is_ascii_alphabetic() {
            i = at + 1;
            continue;
        }
        let name = html[start..start + len].to_ascii_lowercase();
        let gt = b[start + len..]
            .iter()
            .position(|&c| c == b'>')
            .map(|p| start + len + p);
        i = gt.map_or(b.len(), |g| g + 1);
        if closing {
            if let Some(pos) = find_open(&stack, &[name.as_str()], &[]) {
                stack.truncate(pos);
            }
            continue;
        }
        if matches!(
            name.as_str(),
            "script" | "style" | "textarea" | "title" | "xmp" | "plaintext"
        ) {
            let end_tag = format!("</{name}");
            i = find_ci(b, i, end_tag.as_bytes()).unwrap_or(b.len());
            continue;
        }
        let self_closed = gt.is_some_and(|g| b[g - 1] == b'/');
        if VOID.contains(&name.as_str()) || matches!(name.as_str(), "html" | "head" | "body") {
            continue;
        }
        if crate::page::CLOSES_P.contains(&name.as_str())
            && let Some(pos) =
                find_open(&stack, &["p"], &["table", "td", "th", "button", "caption"])
        {
            stack.truncate(pos);
        }
        if let Some((peers, bounds)) = family(&name)
            && let Some(pos) = find_open(&stack, peers, bounds)
        {
            stack.truncate(pos);
        }
        if self_closed {
            continue;
        }
        stack.push(name);
        if stack.len() > MAX_DEPTH {
            return &html[..at];
        }
    }
    html
}

/// The position of the nearest open element named in `names`, searching at most [`SEARCH`]
/// entries down and stopping at one named in `bounds`.
fn find_open(stack: &[String], names: &[&str], bounds: &[&str]) -> Option<usize> {
    for (pos, open) in stack.iter().enumerate().rev().take(SEARCH) {
        if names.contains(&open.as_str()) {
            return Some(pos);
        }
        if bounds.contains(&open.as_str()) {
            return None;
        }
    }
    None
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn find_ci(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}
