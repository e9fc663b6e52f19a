//! Character-level traditional → simplified folding for the matcher.
//!
//! The table is data, `rules/t2s.txt` (OpenCC `TSCharacters`, one-to-one pairs only; its
//! header names the version and licence). It is built once into a dense array over the two
//! CJK blocks where nearly all keys live (Extension A and the Unified Ideographs, U+3400–U+9FFF),
//! so the hot path is an index, not a hash; the few keys elsewhere (supplementary planes) and
//! the values outside the BMP go to a small map consulted only for those.

use std::collections::HashMap;
use std::sync::LazyLock;

/// The embedded table (see the file header for source and licence).
const T2S_TXT: &str = include_str!("../../rules/t2s.txt");

/// First code point covered by the dense table (CJK Extension A).
const DENSE_START: u32 = 0x3400;
/// One past the last code point covered by the dense table (end of CJK Unified Ideographs).
const DENSE_END: u32 = 0xA000;
/// Dense-table value: no mapping.
const NONE: u16 = 0;
/// Dense-table value: the simplified form lies outside the BMP, look in the map.
const OUTSIDE_BMP: u16 = 0xFFFF;

/// The folding table (see the module documentation).
pub(crate) struct Table {
    dense: Vec<u16>,
    other: HashMap<char, char>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| build(T2S_TXT));

fn build(src: &str) -> Table {
    let mut dense = vec![NONE; (DENSE_END - DENSE_START) as usize];
    let mut other = HashMap::new();
    for line in src.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut chars = line.chars();
        let (Some(from), Some(' '), Some(to), None) =
            (chars.next(), chars.next(), chars.next(), chars.next())
        else {
            // The table is ours and a unit test checks every line; a malformed line is
            // skipped rather than taking the process down.
            debug_assert!(false, "malformed t2s line: {line:?}");
            continue;
        };
        let code = from as u32;
        if (DENSE_START..DENSE_END).contains(&code) {
            let slot = &mut dense[(code - DENSE_START) as usize];
            match u16::try_from(to as u32) {
                Ok(bmp) if bmp != NONE && bmp != OUTSIDE_BMP => *slot = bmp,
                _ => {
                    *slot = OUTSIDE_BMP;
                    other.insert(from, to);
                }
            }
        } else {
            other.insert(from, to);
        }
    }
    Table { dense, other }
}

/// The table, built on first use.
#[inline]
pub(crate) fn table() -> &'static Table {
    &TABLE
}

/// The simplified form of `c`, or `None` when `c` has none (already simplified, not Chinese,
/// or ambiguous).
#[inline]
pub(crate) fn simplify(c: char) -> Option<char> {
    table().simplify(c)
}

impl Table {
    /// The simplified form of `c` (see [`simplify`]). Characters below U+3400 are answered
    /// without a lookup.
    #[inline]
    pub(crate) fn simplify(&self, c: char) -> Option<char> {
        let code = c as u32;
        if (DENSE_START..DENSE_END).contains(&code) {
            self.dense_entry(code)
        } else if code >= 0xF900 {
            self.other.get(&c).copied()
        } else {
            None
        }
    }

    /// [`Table::simplify`] for a code point known to be in U+3400–U+9FFF.
    #[inline]
    pub(crate) fn dense_entry(&self, code: u32) -> Option<char> {
        match self.dense[(code - DENSE_START) as usize] {
            NONE => None,
            OUTSIDE_BMP => char::from_u32(code).and_then(|c| self.other.get(&c).copied()),
            // Every stored value came from a `char`, so this cannot fail.
            bmp => char::from_u32(u32::from(bmp)),
        }
    }
}

#[cfg(test)]
#[path = "t2s_tests.rs"]
mod tests;
