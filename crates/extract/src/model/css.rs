//! What one CSS declaration block says about visibility (an inline `style`, or a rule of an
//! embedded `<style>`: [`super::sheet`] applies those), and the byte scanning both share.
//!
//! Only the properties that hide are read: `display`, `visibility`, `font-size`, off-screen
//! positioning (`position` with `left`/`top`/`right`, `text-indent`), `width`/`height` with
//! `overflow`, `color` against `background`. Values are read as real pages write them; a value
//! we cannot read counts as not hiding.

use std::borrow::Cow;

use super::suspect::Hiding;

/// An sRGB colour.
pub(super) type Rgb = [u8; 3];

/// `left`/`top`/`right` at or below this (px), with absolute or fixed position: off-screen.
const OFFSCREEN_PX: f32 = -500.0;
/// `text-indent` at or below this (px): text pushed off-screen.
const INDENT_PX: f32 = -999.0;
/// A declared value and its `!important` flag.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Decl {
    /// `true` when the declaration hides (`display:none`, `visibility:hidden`, `font-size:0`),
    /// `false` when it declares a visible value.
    pub hides: bool,
    /// Declared `!important`.
    pub important: bool,
}

/// What one declaration block says about visibility.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Decls {
    /// `display`.
    pub display: Option<Decl>,
    /// `visibility` (`hidden`/`collapse` hide, `visible` shows).
    pub visibility: Option<Decl>,
    /// `font-size` (1px or less hides).
    pub font: Option<Decl>,
    /// Absolutely positioned far off-screen, or text pushed out by `text-indent`.
    pub offscreen: bool,
    /// Zero width or height, or 1px or less with `overflow:hidden`.
    pub zero_size: bool,
    /// Width or height of 3px or less (a tiny `<marquee>`).
    pub tiny_box: bool,
    /// `color`.
    pub color: Option<Rgb>,
    /// `background-color`, or the colour in the `background` shorthand.
    pub background: Option<Rgb>,
}

impl Decls {
    /// Reads a declaration block (`color:#fff; display : none !important`); unknown
    /// properties and malformed declarations are ignored.
    pub fn parse(block: &str) -> Decls {
        match comment(block) {
            Some(_) => Decls::read(&strip_comments(block)),
            None => Decls::read(block),
        }
    }

    /// [`Decls::parse`] of a block without comments.
    fn read(block: &str) -> Decls {
        let mut d = Decls::default();
        let mut positioned = false;
        let mut far = false;
        let mut clipped = false;
        let mut smallest: Option<f32> = None;
        // One byte scan (no searcher per declaration: a page may carry thousands of rules).
        let b = block.as_bytes();
        let mut start = 0;
        let mut colon = None;
        let mut j = 0;
        while j <= b.len() {
            j = find_any(b, j, *b":;{}");
            if b.get(j) == Some(&b':') {
                if colon.is_none() {
                    colon = Some(j);
                }
                j += 1;
                continue;
            }
            let decl = (start, colon.take());
            start = j + 1;
            let end = j;
            j += 1;
            let (from, Some(at)) = decl else {
                continue;
            };
            // Most declarations (margins, fonts, borders) are none of ours: look the name up
            // before touching the value.
            let Some(prop) = Prop::of(block[from..at].trim_ascii()) else {
                continue;
            };
            let value = &block[at + 1..end];
            let (value, important) = match value.find('!') {
                Some(at) => (
                    value[..at].trim(),
                    value[at + 1..].trim().eq_ignore_ascii_case("important"),
                ),
                None => (value.trim(), false),
            };
            let set = |hides: bool| Some(Decl { hides, important });
            match prop {
                Prop::Display => d.display = set(value.eq_ignore_ascii_case("none")),
                Prop::Visibility => {
                    if value.eq_ignore_ascii_case("hidden")
                        || value.eq_ignore_ascii_case("collapse")
                    {
                        d.visibility = set(true);
                    } else if value.eq_ignore_ascii_case("visible") {
                        d.visibility = set(false);
                    }
                }
                Prop::FontSize => {
                    if let Some(px) = px(value) {
                        d.font = set(px <= 1.0);
                    } else if !value.is_empty() {
                        // `small`, `120%`, `inherit`: readable.
                        d.font = set(false);
                    }
                }
                Prop::Position => {
                    positioned = value.eq_ignore_ascii_case("absolute")
                        || value.eq_ignore_ascii_case("fixed");
                }
                Prop::Edge => far |= px(value).is_some_and(|v| v <= OFFSCREEN_PX),
                Prop::TextIndent => d.offscreen |= px(value).is_some_and(|v| v <= INDENT_PX),
                Prop::Size => {
                    if let Some(v) = px(value) {
                        d.zero_size |= v <= 0.0;
                        d.tiny_box |= v <= 3.0;
                        smallest = Some(smallest.map_or(v, |s| s.min(v)));
                    }
                }
                Prop::Overflow => clipped = value.eq_ignore_ascii_case("hidden"),
                Prop::Color => d.color = colour(value),
                Prop::BackgroundColor => d.background = colour(value),
                Prop::Background => d.background = words(value).find_map(colour),
            }
        }
        d.offscreen |= positioned && far;
        d.zero_size |= clipped && smallest.is_some_and(|v| v <= 1.0);
        d
    }

    /// How this block alone hides its element, the strongest reason first.
    pub fn hiding(&self) -> Option<Hiding> {
        let hides = |d: Option<Decl>| d.is_some_and(|d| d.hides);
        if hides(self.display) {
            Some(Hiding::DisplayNone)
        } else if hides(self.visibility) {
            Some(Hiding::VisibilityHidden)
        } else if self.offscreen {
            Some(Hiding::Offscreen)
        } else if self.zero_size {
            Some(Hiding::ZeroSize)
        } else if hides(self.font) {
            Some(Hiding::FontSizeZero)
        } else if self.color.is_some() && self.color == self.background {
            Some(Hiding::SameColour)
        } else {
            None
        }
    }

    /// The block declares a visible `display`, `visibility` or `font-size` (it may undo a
    /// hiding rule).
    pub fn shows(&self) -> bool {
        [self.display, self.visibility, self.font]
            .iter()
            .any(|d| d.is_some_and(|d| !d.hides))
    }
}

/// The properties [`Decls::parse`] reads.
#[derive(Clone, Copy)]
enum Prop {
    Display,
    Visibility,
    FontSize,
    Position,
    /// `left`, `top`, `right`.
    Edge,
    TextIndent,
    /// `width`, `height`.
    Size,
    Overflow,
    Color,
    BackgroundColor,
    Background,
}

impl Prop {
    /// The property named `name` (ASCII case-insensitive), if it is one of ours.
    fn of(name: &str) -> Option<Prop> {
        let n = name.as_bytes();
        let mut buf = [0u8; 16];
        if n.len() > buf.len() {
            return None;
        }
        for (d, s) in buf.iter_mut().zip(n) {
            *d = s.to_ascii_lowercase();
        }
        Some(match &buf[..n.len()] {
            b"display" => Prop::Display,
            b"visibility" => Prop::Visibility,
            b"font-size" => Prop::FontSize,
            b"position" => Prop::Position,
            b"left" | b"top" | b"right" => Prop::Edge,
            b"text-indent" => Prop::TextIndent,
            b"width" | b"height" => Prop::Size,
            b"overflow" => Prop::Overflow,
            b"color" => Prop::Color,
            b"background-color" => Prop::BackgroundColor,
            b"background" => Prop::Background,
            _ => return None,
        })
    }
}

/// Colour names pages use to hide text (the CSS basic set and a few more).
const NAMED: &[(&str, Rgb)] = &[
    ("white", [255, 255, 255]),
    ("black", [0, 0, 0]),
    ("red", [255, 0, 0]),
    ("lime", [0, 255, 0]),
    ("green", [0, 128, 0]),
    ("blue", [0, 0, 255]),
    ("yellow", [255, 255, 0]),
    ("gray", [128, 128, 128]),
    ("grey", [128, 128, 128]),
    ("silver", [192, 192, 192]),
    ("maroon", [128, 0, 0]),
    ("navy", [0, 0, 128]),
    ("orange", [255, 165, 0]),
    ("purple", [128, 0, 128]),
];

/// A length in CSS pixels (`-9999px`, `0`, `1.5em` as 16px per em, `12pt`); `None` for
/// percentages, keywords and garbage (zero in any unit is zero).
pub(super) fn px(value: &str) -> Option<f32> {
    let v = value.trim();
    let end = v
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+')))
        .unwrap_or(v.len());
    let n: f32 = v[..end].parse().ok()?;
    let unit = v[end..].trim();
    let scale = if unit.is_empty() || unit.eq_ignore_ascii_case("px") {
        1.0
    } else if unit.eq_ignore_ascii_case("em") || unit.eq_ignore_ascii_case("rem") {
        16.0
    } else if unit.eq_ignore_ascii_case("pt") {
        4.0 / 3.0
    } else if n == 0.0 {
        1.0
    } else {
        return None;
    };
    n.is_finite().then_some(n * scale)
}

/// A colour value: `#rgb`, `#rrggbb` (and their alpha forms), `rgb()`/`rgba()`, or a common
/// name. `None` for `transparent`, a fully transparent colour, or anything else.
pub(super) fn colour(value: &str) -> Option<Rgb> {
    let v = value.trim();
    if let Some(hex) = v.strip_prefix('#') {
        let digit = |i: usize| u8::from_str_radix(hex.get(i..i + 1)?, 16).ok();
        let pair = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        return match hex.len() {
            3 | 4 => Some([digit(0)? * 17, digit(1)? * 17, digit(2)? * 17]),
            6 | 8 => Some([pair(0)?, pair(2)?, pair(4)?]),
            _ => None,
        };
    }
    let b = v.as_bytes();
    let function = (b.len() > 4 && b[..4].eq_ignore_ascii_case(b"rgba"))
        .then_some(4)
        .or((b.len() > 3 && b[..3].eq_ignore_ascii_case(b"rgb")).then_some(3));
    if let Some(name_len) = function {
        let args = v[name_len..].trim_start().strip_prefix('(')?;
        let args = args.trim_end().trim_end_matches(')');
        let mut parts = args.split([',', ' ', '/']).filter(|p| !p.is_empty());
        let channel = |p: Option<&str>| -> Option<u8> {
            let p = p?;
            let n = match p.strip_suffix('%') {
                Some(pc) => pc.parse::<f32>().ok()? * 2.55,
                None => p.parse::<f32>().ok()?,
            };
            Some(n.round().clamp(0.0, 255.0) as u8)
        };
        let rgb = [
            channel(parts.next())?,
            channel(parts.next())?,
            channel(parts.next())?,
        ];
        if let Some(alpha) = parts.next()
            && alpha.trim_end_matches('%').parse::<f32>().ok()? == 0.0
        {
            return None;
        }
        return Some(rgb);
    }
    NAMED
        .iter()
        .find(|(name, _)| v.eq_ignore_ascii_case(name))
        .map(|&(_, rgb)| rgb)
}

/// The space-separated words of a value, a parenthesised group (`rgb(1, 2, 3)`) kept whole.
fn words(value: &str) -> impl Iterator<Item = &str> {
    let mut depth = 0usize;
    value
        .split(move |c: char| {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ => {}
            }
            depth == 0 && c.is_ascii_whitespace()
        })
        .filter(|w| !w.is_empty())
}

/// `css` without `/* comments */` (borrowed when it has none).
fn strip_comments(css: &str) -> Cow<'_, str> {
    let Some(first) = comment(css) else {
        return Cow::Borrowed(css);
    };
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    let mut at = first;
    loop {
        out.push_str(&rest[..at]);
        out.push(' ');
        let body = &rest[at + 2..];
        rest = body.find("*/").map_or("", |e| &body[e + 2..]);
        match comment(rest) {
            Some(next) => at = next,
            None => break,
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Where the first `/*` in `css` starts (`find("/*")` is a two-way search, several times
/// slower on a large sheet without comments; base64 images put a `/` every few bytes).
fn comment(css: &str) -> Option<usize> {
    let b = css.as_bytes();
    let mut from = 0;
    loop {
        let at = find_any(b, from, *b"////");
        if at >= b.len() {
            return None;
        }
        if b.get(at + 1) == Some(&b'*') {
            return Some(at);
        }
        from = at + 1;
    }
}

/// The index of the first byte of `b` from `i` on that is one of `set`, or `b.len()`.
///
/// Eight bytes at a time (SWAR: a byte equal to a target makes a zero byte in `word ^ target`,
/// and `(x - 0x01…) & !x & 0x80…` marks the first zero byte exactly). Style sheets and their
/// declarations are scanned with it: a saved page may carry 200 KB of CSS.
#[inline]
pub(super) fn find_any(b: &[u8], mut i: usize, set: [u8; 4]) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let targets = set.map(|c| LO * u64::from(c));
    while i + 8 <= b.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&b[i..i + 8]);
        let w = u64::from_le_bytes(word);
        let mut hit = 0;
        for t in targets {
            let x = w ^ t;
            hit |= x.wrapping_sub(LO) & !x & HI;
        }
        if hit != 0 {
            return i + (hit.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !set.contains(&b[i]) {
        i += 1;
    }
    i.min(b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_that_hide() {
        let h = |s: &str| Decls::parse(s).hiding();
        assert_eq!(h("display: none"), Some(Hiding::DisplayNone));
        assert_eq!(
            h("VISIBILITY:hidden!important"),
            Some(Hiding::VisibilityHidden)
        );
        assert_eq!(
            h("position:absolute;left:-9999px;top:-9999px"),
            Some(Hiding::Offscreen)
        );
        assert_eq!(h("left:-9999px"), None, "not positioned");
        assert_eq!(h("text-indent:-9999em"), Some(Hiding::Offscreen));
        assert_eq!(h("width:0;height:0"), Some(Hiding::ZeroSize));
        assert_eq!(h("height:1px;overflow:hidden"), Some(Hiding::ZeroSize));
        assert_eq!(h("height:1px"), None);
        assert_eq!(h("font-size:0"), Some(Hiding::FontSizeZero));
        assert_eq!(h("font-size:0.5px"), Some(Hiding::FontSizeZero));
        assert_eq!(h("font-size:12px"), None);
        assert_eq!(
            h("color:#fff;background:#FFFFFF url(a.png) no-repeat"),
            Some(Hiding::SameColour)
        );
        assert_eq!(
            h("color:white;background-color:rgb(255, 255, 255)"),
            Some(Hiding::SameColour)
        );
        assert_eq!(h("color:#fff;background:#000"), None);
        assert_eq!(
            h("background:url(data:image/png;base64,xx); display:block"),
            None
        );
    }

    #[test]
    fn find_any_agrees_with_a_plain_scan() {
        let text = "a:b;c{d}e 中文: x;;{{}}abcdefghijklmnop:qrstuvwxyz;".as_bytes();
        for set in [*b":;{}", *b"{}{}", *b"{;}}", *b"zzzz"] {
            for from in 0..=text.len() {
                let plain = (from..text.len())
                    .find(|&i| set.contains(&text[i]))
                    .unwrap_or(text.len());
                assert_eq!(find_any(text, from, set), plain, "{set:?} from {from}");
            }
        }
    }

    #[test]
    fn colours_normalise() {
        for c in [
            "#fff",
            "#FFFFFF",
            "white",
            "rgb(255,255,255)",
            "rgba(255, 255, 255, 1)",
            "#ffff",
        ] {
            assert_eq!(colour(c), Some([255, 255, 255]), "{c}");
        }
        assert_eq!(colour("transparent"), None);
        assert_eq!(colour("rgba(0,0,0,0)"), None);
        assert_eq!(colour("#ggg"), None);
    }
}
