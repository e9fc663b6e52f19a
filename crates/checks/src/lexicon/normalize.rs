//! Text folding for the lexicon matcher, with a map back to the original bytes.
//!
//! Spam injected into government pages dodges word lists with full-width letters, traditional
//! characters, invisible characters and separators between characters (`澳 门 金 沙`,
//! `澳.门.金.沙`; spec/indicators.md §0.1). [`Normalized`] undoes those, one pass, left to right:
//!
//! - full-width ASCII (U+FF01–FF5E) becomes ASCII, the ideographic space U+3000 and the
//!   no-break space U+00A0 become a space, and ASCII letters are lower-cased;
//! - traditional characters become simplified ones, character by character
//!   ([`super::t2s`]: OpenCC's one-to-one pairs; ambiguous characters stay as written);
//! - zero-width and joiner characters (U+200B–200F, U+2060–2064, U+FEFF, the soft hyphen
//!   U+00AD, U+180E, U+034F and variation selectors) are dropped;
//! - a run of at most three separators *between two CJK ideographs* is dropped:
//!   horizontal whitespace and the symbols `. * - _ | / \ ~ ^ + = · • ° ・ ‧` (full-width
//!   forms included, as they become ASCII first). Line breaks and sentence punctuation
//!   (`，。、；：！？「」“”（）…`) are never bridged: joining across them makes words that the
//!   page does not contain (`社会性。交通` must not become `社会性交通`);
//! - a literal character reference left in the text (`&nbsp;`, `&amp;`, `&#x6FB3;`, `&#28595;`,
//!   a handful of names) is decoded once. The HTML parser decodes references already; this
//!   catches double-escaped pages and costs one comparison per ASCII byte, since only `&`
//!   starts the slow path. References without the closing `;` are left as written.
//!
//! Offsets: the folded text differs from the original in length (a full-width letter is three
//! bytes and becomes one; a dropped character leaves nothing), so [`Normalized`] keeps a list of
//! segment starts `(normalized byte, original byte)`. Inside a segment whose two sides have the
//! same length, bytes correspond one to one (unchanged text, lower-casing, and same-length
//! traditional → simplified); any other segment is one unit (a folded character, a decoded
//! reference) that maps as a whole. Unchanged text adds no segments, so the map stays small.
//!
//! Speed: ASCII bytes that need nothing are skipped in place and copied in bulk; characters
//! below U+3400 are never looked up in a table; the characters that make up nearly all of
//! Chinese text take inline paths: U+4E00–U+9FFF one array index into the traditional →
//! simplified table, full-width ASCII (the `，：（）` of Chinese text) a subtraction, CJK
//! punctuation (`、。《》`) nothing. Everything else (and a separator right after an ideograph)
//! goes through one general path. `tests/lexicon_bench.rs` measures it.

use std::ops::Range;

use super::t2s;

/// The longest run of separators dropped between two ideographs, in characters (invisible
/// characters inside the run are not counted).
pub(crate) const MAX_BRIDGE: usize = 3;

/// Text prepared for matching, with a map back to the original.
///
/// ```
/// use xunwang_checks::Normalized;
///
/// let original = "欢迎访问澳 門.金\u{200B}沙，ＷＷＷ";
/// let norm = Normalized::new(original);
/// assert_eq!(norm.text, "欢迎访问澳门金沙,www");
/// let at = norm.text.find("澳门金沙").unwrap();
/// let orig = norm.original(at..at + "澳门金沙".len());
/// assert_eq!(&original[orig], "澳 門.金\u{200B}沙");
/// ```
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    /// The folded text that terms are matched against.
    pub text: String,
    /// Segment starts `(normalized byte, original byte)`, both non-decreasing, ending with
    /// `(text.len(), original.len())`; see the module documentation.
    map: Vec<(usize, usize)>,
}

impl Normalized {
    /// Folds `original` (see the module documentation for what changes).
    pub fn new(original: &str) -> Normalized {
        let mut norm = Normalized::default();
        norm.reset(original);
        norm
    }

    /// Re-fills this buffer from `original`, reusing allocations (hot path).
    pub fn reset(&mut self, original: &str) {
        self.text.clear();
        self.map.clear();
        self.text.reserve(original.len());
        fold(original, &mut self.text, &mut self.map);
    }

    /// The byte range in the original text that produced normalized bytes `norm`.
    ///
    /// Ranges on character boundaries of [`Normalized::text`] (every match is) map to
    /// character boundaries of the original; positions past the end are clamped. A range that
    /// starts or ends inside a folded unit widens to the whole unit.
    pub fn original(&self, norm: Range<usize>) -> Range<usize> {
        let start = self.locate_start(norm.start);
        if norm.end <= norm.start {
            return start..start;
        }
        start..self.locate_end(norm.end).max(start)
    }

    /// Length of the original text.
    fn original_len(&self) -> usize {
        self.map.last().map_or(0, |&(_, o)| o)
    }

    /// Index of the segment holding normalized byte `pos` (`pos < text.len()`).
    fn segment(&self, pos: usize) -> usize {
        // `map[0]` starts at 0, so at least one segment has `n <= pos`.
        self.map.partition_point(|&(n, _)| n <= pos) - 1
    }

    /// The segment at `index` and whether it maps byte for byte.
    fn span(&self, index: usize) -> ((usize, usize), (usize, usize), bool) {
        let here = self.map[index];
        // The last segment is the end marker, whose norm start is `text.len()`, so a segment
        // holding a byte always has a successor.
        let next = self.map[index + 1];
        let same = next.0 - here.0 == next.1 - here.1;
        (here, next, same)
    }

    fn locate_start(&self, pos: usize) -> usize {
        if pos >= self.text.len() {
            return self.original_len();
        }
        let (here, _, same) = self.span(self.segment(pos));
        if same {
            here.1 + (pos - here.0)
        } else {
            here.1
        }
    }

    fn locate_end(&self, pos: usize) -> usize {
        let pos = pos.min(self.text.len());
        if pos == 0 {
            return self.map.first().map_or(0, |&(_, o)| o);
        }
        let (here, next, same) = self.span(self.segment(pos - 1));
        if same {
            here.1 + (pos - here.0)
        } else {
            next.1
        }
    }
}

/// What folding does to one character.
enum Fold {
    /// Dropped (invisible).
    Drop,
    /// Replaced by (or kept as) this character.
    Char(char),
}

/// Zero-width, joiner and other invisible characters dropped everywhere.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{E0100}'..='\u{E01EF}'
    )
}

/// The folded form of one character (not yet knowing its neighbours).
#[inline]
fn fold_char(c: char) -> Fold {
    match c {
        'A'..='Z' => Fold::Char(c.to_ascii_lowercase()),
        '\u{0}'..='\u{7F}' => Fold::Char(c),
        '\u{FF01}'..='\u{FF5E}' => {
            // U+FF01–FF5E are U+0021–007E shifted by 0xFEE0.
            let ascii = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            Fold::Char(ascii.to_ascii_lowercase())
        }
        '\u{3000}' | '\u{00A0}' => Fold::Char(' '),
        _ if is_invisible(c) => Fold::Drop,
        '\u{3400}'.. => Fold::Char(t2s::simplify(c).unwrap_or(c)),
        _ => Fold::Char(c),
    }
}

/// CJK ideographs: the characters between which separators are dropped.
#[inline]
pub(crate) fn is_ideograph(c: char) -> bool {
    matches!(
        c,
        '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{3134F}'
    )
}

/// Separators dropped between ideographs (checked on the folded character, so full-width
/// forms are covered by their ASCII counterparts).
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\u{0B}'
            | '\u{0C}'
            | '.'
            | '*'
            | '-'
            | '_'
            | '|'
            | '/'
            | '\\'
            | '~'
            | '^'
            | '+'
            | '='
            | '\u{00B0}' // °
            | '\u{00B7}' // ·
            | '\u{2000}'
            ..='\u{200A}' // en quad … hair space
            | '\u{2022}' // •
            | '\u{2027}' // ‧
            | '\u{202F}'
            | '\u{205F}'
            | '\u{2219}' // ∙
            | '\u{22C5}' // ⋅
            | '\u{30FB}' // ・
            | '\u{FE52}' // ﹒
            | '\u{FF65}' // ･
    )
}

/// ASCII bytes that can be separators (see [`is_separator`]).
#[inline]
fn is_ascii_separator(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t'
            | 0x0B
            | 0x0C
            | b'.'
            | b'*'
            | b'-'
            | b'_'
            | b'|'
            | b'/'
            | b'\\'
            | b'~'
            | b'^'
            | b'+'
            | b'='
    )
}

/// Named references decoded when left literally in the text.
const NAMED_REFERENCES: &[(&str, char)] = &[
    ("nbsp", '\u{00A0}'),
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("zwnj", '\u{200C}'),
    ("zwj", '\u{200D}'),
    ("shy", '\u{00AD}'),
    ("middot", '\u{00B7}'),
    ("bull", '\u{2022}'),
    ("deg", '\u{00B0}'),
    ("ldquo", '\u{201C}'),
    ("rdquo", '\u{201D}'),
];

/// Longest reference decoded, `&` and `;` included (`&#x10FFFF;`, `&thinsp;`).
const MAX_REFERENCE: usize = 10;

/// The character reference starting at `src[at]` (an `&`) and its end, if it is one we decode.
fn reference(src: &str, at: usize) -> Option<(char, usize)> {
    let bytes = src.as_bytes();
    let limit = (at + MAX_REFERENCE).min(bytes.len());
    let semi = at + 1 + bytes[at + 1..limit].iter().position(|&b| b == b';')?;
    let body = &src[at + 1..semi];
    let c = if let Some(number) = body.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse::<u32>().ok()?,
        };
        // `from_str_radix` accepts a sign; a reference does not.
        if number.starts_with(['+', '-']) || code == 0 {
            return None;
        }
        char::from_u32(code)?
    } else {
        NAMED_REFERENCES.iter().find(|(name, _)| *name == body)?.1
    };
    Some((c, semi + 1))
}

/// The next unit of `src` at `at`: a character or a decoded reference, its end, and whether
/// the source bytes are that character's own UTF-8 (false for a reference).
#[inline]
fn unit(src: &str, at: usize) -> (char, usize, bool) {
    if src.as_bytes()[at] == b'&'
        && let Some((c, end)) = reference(src, at)
    {
        return (c, end, false);
    }
    // `at` is a char boundary of a non-empty remainder.
    let c = src[at..].chars().next().unwrap_or('\u{FFFD}');
    (c, at + c.len_utf8(), true)
}

/// Where a bridge of separators that starts at `from` (after one separator already counted)
/// reaches the next ideograph, if it does within [`MAX_BRIDGE`] separators.
fn bridge_end(src: &str, mut from: usize) -> Option<usize> {
    let mut separators = 1;
    while from < src.len() {
        let (c, end, _) = unit(src, from);
        match fold_char(c) {
            Fold::Drop => {}
            Fold::Char(c) if is_ideograph(c) => return Some(from),
            Fold::Char(c) if is_separator(c) && separators < MAX_BRIDGE => separators += 1,
            Fold::Char(_) => return None,
        }
        from = end;
    }
    None
}

/// The folded text being written.
struct Out<'a> {
    src: &'a str,
    text: &'a mut String,
    map: &'a mut Vec<(usize, usize)>,
    /// Start of the source bytes not yet copied (they are copied unchanged).
    pending: usize,
}

impl Out<'_> {
    /// Copies the unchanged source bytes up to `upto`.
    #[inline]
    fn flush(&mut self, upto: usize) {
        self.text.push_str(&self.src[self.pending..upto]);
        self.pending = upto;
    }

    /// Starts a segment at the current output position and original byte `orig`.
    #[inline]
    fn mark(&mut self, orig: usize) {
        let here = (self.text.len(), orig);
        if self.map.last() != Some(&here) {
            self.map.push(here);
        }
    }

    /// Writes `c` for the source bytes `at..end`.
    #[inline]
    fn replace(&mut self, at: usize, end: usize, c: char) {
        self.flush(at);
        if c.len_utf8() == end - at {
            // Same length: stays inside the current byte-for-byte segment.
            self.text.push(c);
        } else {
            self.mark(at);
            self.text.push(c);
            self.mark(end);
        }
        self.pending = end;
    }

    /// Drops the source bytes `at..end`.
    #[inline]
    fn drop(&mut self, at: usize, end: usize) {
        self.flush(at);
        self.mark(at);
        self.mark(end);
        self.pending = end;
    }
}

/// Folds `src` into `text`, recording segment starts in `map` (both empty on entry).
fn fold(src: &str, text: &mut String, map: &mut Vec<(usize, usize)>) {
    let bytes = src.as_bytes();
    let table = t2s::table();
    let mut out = Out {
        src,
        text,
        map,
        pending: 0,
    };
    out.map.push((0, 0));
    // Whether the last character written is an ideograph (invisible characters in between
    // do not count), i.e. whether a separator here may start a bridge.
    let mut after_ideograph = false;
    let mut i = 0;
    // `src` is valid UTF-8, so a lead byte is always followed by its continuation bytes: the
    // `bytes[i + 1]`, `bytes[i + 2]` below are in bounds.
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_uppercase() {
                out.replace(i, i + 1, char::from(b.to_ascii_lowercase()));
            } else if b == b'&' || (after_ideograph && is_ascii_separator(b)) {
                i = general(&mut out, i, &mut after_ideograph);
                continue;
            }
            after_ideograph = false;
            i += 1;
            continue;
        }
        match b {
            // E4–E9 lead U+4000–U+9FFF: the common CJK path, one array index.
            0xE4..=0xE9 => {
                let code = three_byte(b, bytes[i + 1], bytes[i + 2]);
                if code >= 0x4E00 {
                    if let Some(c) = table.dense_entry(code) {
                        out.replace(i, i + 3, c);
                    }
                    after_ideograph = true;
                    i += 3;
                    continue;
                }
            }
            // EF BC / EF BD lead U+FF00–U+FF7F: full-width ASCII, as common as the commas
            // and brackets of Chinese text.
            0xEF if bytes[i + 1] & 0xFE == 0xBC => {
                let code = three_byte(b, bytes[i + 1], bytes[i + 2]);
                if (0xFF01..=0xFF5E).contains(&code) {
                    // U+FF01–FF5E are U+0021–007E shifted by 0xFEE0.
                    let ascii = ((code - 0xFEE0) as u8).to_ascii_lowercase();
                    if !(after_ideograph && is_ascii_separator(ascii)) {
                        out.replace(i, i + 3, char::from(ascii));
                        after_ideograph = false;
                        i += 3;
                        continue;
                    }
                }
            }
            // E3 80 81–BF: CJK punctuation U+3001–U+303F (、。「」《》…), kept as written and
            // never bridged. U+3000, the ideographic space, takes the general path.
            0xE3 if bytes[i + 1] == 0x80 && bytes[i + 2] != 0x80 => {
                after_ideograph = false;
                i += 3;
                continue;
            }
            _ => {}
        }
        i = general(&mut out, i, &mut after_ideograph);
    }
    out.flush(bytes.len());
    out.mark(bytes.len());
}

/// The code point of a three-byte UTF-8 sequence.
#[inline]
fn three_byte(b0: u8, b1: u8, b2: u8) -> u32 {
    (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F)
}

/// The slow path for the unit at `at`; returns where the next unit starts.
fn general(out: &mut Out<'_>, at: usize, after_ideograph: &mut bool) -> usize {
    let (c, end, natural) = unit(out.src, at);
    match fold_char(c) {
        Fold::Drop => {
            out.drop(at, end);
            end
        }
        Fold::Char(folded) => {
            if *after_ideograph
                && is_separator(folded)
                && let Some(resume) = bridge_end(out.src, end)
            {
                out.drop(at, resume);
                return resume;
            }
            if !natural || folded != c {
                out.replace(at, end, folded);
            }
            *after_ideograph = is_ideograph(folded);
            end
        }
    }
}

#[cfg(test)]
#[path = "normalize_tests.rs"]
mod tests;
