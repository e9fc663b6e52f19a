//! HTML character references (`&amp;`, `&#38;`, `&#x26;`).
//!
//! lol_html hands attribute values and text through undecoded ("The value may have HTML/XML
//! entities"), so we decode them here, following the WHATWG tokenizer
//! (<https://html.spec.whatwg.org/multipage/parsing.html#character-reference-state>):
//!
//! - numeric references, with the Windows-1252 remapping of 0x80–0x9F and U+FFFD for invalid
//!   code points;
//! - named references from the HTML 4 set (the Latin-1, symbol and special entities; those cover
//!   what real pages use); an unknown name is left as written;
//! - the legacy names that may omit the `;` (`&amp`, `&copy`, the Latin-1 letters…) are decoded
//!   without it, **except in attribute values when the next character is alphanumeric or `=`**,
//!   so that `?a=1&copy=2` in an `href` stays a query string.

use std::borrow::Cow;

/// Names of U+00A0..=U+00FF in order; all of them are legacy (may omit the `;`).
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

/// Legacy names outside the Latin-1 block that may omit the `;`.
fn legacy_ascii(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "COPY" => '©',
        "REG" => '®',
        _ => return None,
    })
}

/// A name that may be written without `;`.
fn legacy(name: &str) -> Option<char> {
    legacy_ascii(name).or_else(|| {
        LATIN1
            .iter()
            .position(|n| *n == name)
            .and_then(|i| char::from_u32(0xA0 + i as u32))
    })
}

/// Any known name (used when the reference ends with `;`).
fn named(name: &str) -> Option<char> {
    if let Some(c) = legacy(name) {
        return Some(c);
    }
    Some(match name {
        "apos" => '\'',
        "OElig" => 'Œ',
        "oelig" => 'œ',
        "Scaron" => 'Š',
        "scaron" => 'š',
        "Yuml" => 'Ÿ',
        "fnof" => 'ƒ',
        "circ" => 'ˆ',
        "tilde" => '˜',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "zwnj" => '\u{200C}',
        "zwj" => '\u{200D}',
        "lrm" => '\u{200E}',
        "rlm" => '\u{200F}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "dagger" => '†',
        "Dagger" => '‡',
        "bull" => '•',
        "hellip" => '…',
        "permil" => '‰',
        "prime" => '′',
        "Prime" => '″',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "oline" => '‾',
        "frasl" => '⁄',
        "euro" => '€',
        "image" => 'ℑ',
        "weierp" => '℘',
        "real" => 'ℜ',
        "trade" => '™',
        "alefsym" => 'ℵ',
        "larr" => '←',
        "uarr" => '↑',
        "rarr" => '→',
        "darr" => '↓',
        "harr" => '↔',
        "crarr" => '↵',
        "lArr" => '⇐',
        "uArr" => '⇑',
        "rArr" => '⇒',
        "dArr" => '⇓',
        "hArr" => '⇔',
        "forall" => '∀',
        "part" => '∂',
        "exist" => '∃',
        "empty" => '∅',
        "nabla" => '∇',
        "isin" => '∈',
        "notin" => '∉',
        "ni" => '∋',
        "prod" => '∏',
        "sum" => '∑',
        "minus" => '−',
        "lowast" => '∗',
        "radic" => '√',
        "prop" => '∝',
        "infin" => '∞',
        "ang" => '∠',
        "and" => '∧',
        "or" => '∨',
        "cap" => '∩',
        "cup" => '∪',
        "int" => '∫',
        "there4" => '∴',
        "sim" => '∼',
        "cong" => '≅',
        "asymp" => '≈',
        "ne" => '≠',
        "equiv" => '≡',
        "le" => '≤',
        "ge" => '≥',
        "sub" => '⊂',
        "sup" => '⊃',
        "nsub" => '⊄',
        "sube" => '⊆',
        "supe" => '⊇',
        "oplus" => '⊕',
        "otimes" => '⊗',
        "perp" => '⊥',
        "sdot" => '⋅',
        "lceil" => '⌈',
        "rceil" => '⌉',
        "lfloor" => '⌊',
        "rfloor" => '⌋',
        "lang" => '〈',
        "rang" => '〉',
        "loz" => '◊',
        "spades" => '♠',
        "clubs" => '♣',
        "hearts" => '♥',
        "diams" => '♦',
        "Alpha" => 'Α',
        "Beta" => 'Β',
        "Gamma" => 'Γ',
        "Delta" => 'Δ',
        "Epsilon" => 'Ε',
        "Zeta" => 'Ζ',
        "Eta" => 'Η',
        "Theta" => 'Θ',
        "Iota" => 'Ι',
        "Kappa" => 'Κ',
        "Lambda" => 'Λ',
        "Mu" => 'Μ',
        "Nu" => 'Ν',
        "Xi" => 'Ξ',
        "Omicron" => 'Ο',
        "Pi" => 'Π',
        "Rho" => 'Ρ',
        "Sigma" => 'Σ',
        "Tau" => 'Τ',
        "Upsilon" => 'Υ',
        "Phi" => 'Φ',
        "Chi" => 'Χ',
        "Psi" => 'Ψ',
        "Omega" => 'Ω',
        "alpha" => 'α',
        "beta" => 'β',
        "gamma" => 'γ',
        "delta" => 'δ',
        "epsilon" => 'ε',
        "zeta" => 'ζ',
        "eta" => 'η',
        "theta" => 'θ',
        "iota" => 'ι',
        "kappa" => 'κ',
        "lambda" => 'λ',
        "mu" => 'μ',
        "nu" => 'ν',
        "xi" => 'ξ',
        "omicron" => 'ο',
        "pi" => 'π',
        "rho" => 'ρ',
        "sigmaf" => 'ς',
        "sigma" => 'σ',
        "tau" => 'τ',
        "upsilon" => 'υ',
        "phi" => 'φ',
        "chi" => 'χ',
        "psi" => 'ψ',
        "omega" => 'ω',
        "thetasym" => 'ϑ',
        "upsih" => 'ϒ',
        "piv" => 'ϖ',
        _ => return None,
    })
}

/// Windows-1252 meanings of numeric references 0x80..=0x9F (WHATWG "numeric character
/// reference end state"); `None` keeps the code point.
fn c1_remap(n: u32) -> Option<char> {
    Some(match n {
        0x80 => '€',
        0x82 => '‚',
        0x83 => 'ƒ',
        0x84 => '„',
        0x85 => '…',
        0x86 => '†',
        0x87 => '‡',
        0x88 => 'ˆ',
        0x89 => '‰',
        0x8A => 'Š',
        0x8B => '‹',
        0x8C => 'Œ',
        0x8E => 'Ž',
        0x91 => '‘',
        0x92 => '’',
        0x93 => '“',
        0x94 => '”',
        0x95 => '•',
        0x96 => '–',
        0x97 => '—',
        0x98 => '˜',
        0x99 => '™',
        0x9A => 'š',
        0x9B => '›',
        0x9C => 'œ',
        0x9E => 'ž',
        0x9F => 'Ÿ',
        _ => return None,
    })
}

/// Longest name we look up; longer alphanumeric runs cannot be references we know.
const MAX_NAME: usize = 32;

/// Decodes the reference starting just after an `&`; returns the character and the number of
/// bytes of `rest` it consumed, or `None` when the `&` is literal.
fn reference(rest: &str, in_attribute: bool) -> Option<(char, usize)> {
    let bytes = rest.as_bytes();
    if bytes.first() == Some(&b'#') {
        let (radix, start) = match bytes.get(1) {
            Some(b'x' | b'X') => (16, 2),
            _ => (10, 1),
        };
        let digits = bytes[start..]
            .iter()
            .take_while(|b| (**b as char).is_digit(radix))
            .count();
        if digits == 0 {
            return None;
        }
        let mut end = start + digits;
        let value = u32::from_str_radix(&rest[start..end], radix).unwrap_or(u32::MAX);
        if bytes.get(end) == Some(&b';') {
            end += 1;
        }
        let c = match value {
            0 => '\u{FFFD}',
            0x80..=0x9F => {
                c1_remap(value).unwrap_or_else(|| char::from_u32(value).unwrap_or('\u{FFFD}'))
            }
            v => char::from_u32(v).unwrap_or('\u{FFFD}'),
        };
        return Some((c, end));
    }
    let len = bytes
        .iter()
        .take(MAX_NAME + 1)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if len == 0 || len > MAX_NAME {
        return None;
    }
    let name = &rest[..len];
    if bytes.get(len) == Some(&b';')
        && let Some(c) = named(name)
    {
        return Some((c, len + 1));
    }
    // Legacy references without `;`: the longest known prefix wins (`&notit` → `¬it`).
    for end in (2..=len).rev() {
        if let Some(c) = legacy(&name[..end]) {
            let next = bytes.get(end).copied();
            if in_attribute && next.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'=') {
                return None;
            }
            return Some((c, end));
        }
    }
    None
}

/// Calls `f` with every character of `s` after decoding character references.
pub(crate) fn for_each_decoded(s: &str, in_attribute: bool, mut f: impl FnMut(char)) {
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        rest[..i].chars().for_each(&mut f);
        let after = &rest[i + 1..];
        match reference(after, in_attribute) {
            Some((c, used)) => {
                f(c);
                rest = &after[used..];
            }
            None => {
                f('&');
                rest = after;
            }
        }
    }
    rest.chars().for_each(f);
}

/// Decodes character references in `s` (attribute rules when `in_attribute`).
pub(crate) fn decode(s: &str, in_attribute: bool) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for_each_decoded(s, in_attribute, |c| out.push(c));
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn named_numeric_and_hex_references_are_decoded() {
        assert_eq!(
            decode("a&amp;b&#38;c&#x26;d&lt;&uuml;&mdash;", true),
            "a&b&c&d<ü—"
        );
    }

    #[test]
    fn query_string_lookalikes_stay_literal_in_attributes() {
        assert_eq!(decode("/?a=1&copy=2&reg=3&x", true), "/?a=1&copy=2&reg=3&x");
        assert_eq!(decode("/?q=&uuml;", true), "/?q=ü");
        assert_eq!(decode("/stalter&sohn", true), "/stalter&sohn");
    }

    #[test]
    fn legacy_references_without_semicolon_decode_in_text() {
        assert_eq!(decode("&copy 2023 &notit;", false), "© 2023 ¬it;");
    }

    #[test]
    fn unknown_and_broken_references_are_left_as_written() {
        assert_eq!(
            decode("&bogus; & &#; &#xZ; &", true),
            "&bogus; & &#; &#xZ; &"
        );
    }

    #[test]
    fn invalid_code_points_become_replacement_characters() {
        assert_eq!(
            decode("&#0;&#xD800;&#99999999999;&#x80;", false),
            "\u{FFFD}\u{FFFD}\u{FFFD}€"
        );
    }
}
