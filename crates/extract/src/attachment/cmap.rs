//! PDF CMaps: the `ToUnicode` map from character codes to text (ISO 32000-1 9.10.3) and the
//! code-space ranges that say how many bytes each code takes (9.7.6.2).
//!
//! Our own small parser rather than lopdf's: lopdf 0.47 expands every `bfrange` into a
//! reverse map code by code, so one hostile line `<00000000> <FFFFFFFF> <0000>` would take
//! minutes. Ranges are kept as ranges here.

use std::collections::HashMap;

/// At most this many `bfchar` entries and `bfrange` lines are kept (real maps have thousands).
const MAX_ENTRIES: usize = 1 << 18;

/// A parsed CMap: code-space ranges and, for a `ToUnicode` map, the text of each code.
#[derive(Debug, Default)]
pub(crate) struct CMap {
    /// `(low, high)` byte strings of equal length, from `begincodespacerange`.
    codespace: Vec<(Vec<u8>, Vec<u8>)>,
    /// `bfchar`: (code length, code) → text.
    chars: HashMap<(u8, u32), String>,
    /// `bfrange`, sorted by (length, low).
    ranges: Vec<Range>,
}

#[derive(Debug)]
struct Range {
    len: u8,
    low: u32,
    high: u32,
    target: Target,
}

#[derive(Debug)]
enum Target {
    /// UTF-16 units; the last one is incremented by `code - low`.
    Offset(Vec<u16>),
    /// One UTF-16 string per code from `low` on.
    Array(Vec<Vec<u16>>),
}

impl CMap {
    /// Parses CMap stream content; anything it does not understand is skipped.
    pub(crate) fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut tokens = Tokens { data, pos: 0 };
        let mut entries = 0usize;
        while let Some(token) = tokens.next() {
            let Token::Word(word) = token else { continue };
            match word {
                b"begincodespacerange" => loop {
                    match (tokens.next(), tokens.next()) {
                        (Some(Token::Hex(low)), Some(Token::Hex(high)))
                            if low.len() == high.len() && (1..=4).contains(&low.len()) =>
                        {
                            cmap.codespace.push((low, high));
                        }
                        _ => break,
                    }
                },
                b"beginbfchar" => {
                    while let (Some(Token::Hex(code)), Some(Token::Hex(dst))) =
                        (tokens.next(), tokens.next())
                    {
                        entries += 1;
                        if entries > MAX_ENTRIES {
                            break;
                        }
                        if let Some((len, code)) = code_value(&code) {
                            cmap.chars
                                .insert((len, code), utf16_text(&utf16_units(&dst)));
                        }
                    }
                }
                b"beginbfrange" => {
                    while let (Some(Token::Hex(low)), Some(Token::Hex(high))) =
                        (tokens.next(), tokens.next())
                    {
                        let target = match tokens.next() {
                            Some(Token::Hex(dst)) => Target::Offset(utf16_units(&dst)),
                            Some(Token::ArrayOpen) => {
                                let mut items = Vec::new();
                                while let Some(Token::Hex(dst)) = tokens.next() {
                                    if items.len() < MAX_ENTRIES {
                                        items.push(utf16_units(&dst));
                                    }
                                }
                                Target::Array(items)
                            }
                            _ => break,
                        };
                        entries += 1;
                        if entries > MAX_ENTRIES {
                            break;
                        }
                        if let (Some((len, low)), Some((_, high))) =
                            (code_value(&low), code_value(&high))
                            && low <= high
                        {
                            cmap.ranges.push(Range {
                                len,
                                low,
                                high,
                                target,
                            });
                        }
                    }
                }
                _ => {}
            }
        }
        cmap.ranges.sort_by_key(|r| (r.len, r.low));
        cmap
    }

    /// True when the map defines no text at all (a code-space-only or empty map).
    pub(crate) fn has_text(&self) -> bool {
        !self.chars.is_empty() || !self.ranges.is_empty()
    }

    /// The length of the code at the start of `bytes` by the code-space ranges, if one matches.
    pub(crate) fn code_len(&self, bytes: &[u8]) -> Option<usize> {
        (1..=4.min(bytes.len())).find(|&n| {
            self.codespace.iter().any(|(low, high)| {
                low.len() == n
                    && bytes[..n]
                        .iter()
                        .zip(low.iter().zip(high))
                        .all(|(b, (l, h))| (l..=h).contains(&b))
            })
        })
    }

    /// Whether code-space ranges were given.
    pub(crate) fn has_codespace(&self) -> bool {
        !self.codespace.is_empty()
    }

    /// The text of a code of `len` bytes.
    pub(crate) fn text(&self, len: usize, code: u32) -> Option<String> {
        let len = u8::try_from(len).ok()?;
        if let Some(text) = self.chars.get(&(len, code)) {
            return Some(text.clone());
        }
        let at = self
            .ranges
            .partition_point(|r| (r.len, r.low) <= (len, code));
        let range = self.ranges[..at].last()?;
        if range.len != len || code > range.high {
            return None;
        }
        let offset = code - range.low;
        match &range.target {
            Target::Offset(units) => {
                let mut units = units.clone();
                let last = units.last_mut()?;
                *last = last.wrapping_add(offset as u16);
                Some(utf16_text(&units))
            }
            Target::Array(items) => items.get(offset as usize).map(|u| utf16_text(u)),
        }
    }
}

/// A code's byte length and value (big-endian), for codes of 1 to 4 bytes.
pub(crate) fn code_value(bytes: &[u8]) -> Option<(u8, u32)> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    let value = bytes.iter().fold(0u32, |v, b| (v << 8) | u32::from(*b));
    Some((bytes.len() as u8, value))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
        .collect()
}

/// UTF-16 to text; NUL (used by some producers for "no text") is dropped.
fn utf16_text(units: &[u16]) -> String {
    String::from_utf16_lossy(units).replace('\0', "")
}

enum Token<'a> {
    Hex(Vec<u8>),
    ArrayOpen,
    ArrayClose,
    Word(&'a [u8]),
    Other,
}

/// The few PostScript tokens a CMap uses.
struct Tokens<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let data = self.data;
        loop {
            let b = *data.get(self.pos)?;
            if b.is_ascii_whitespace() || b == 0 {
                self.pos += 1;
            } else if b == b'%' {
                while data
                    .get(self.pos)
                    .is_some_and(|&b| b != b'\n' && b != b'\r')
                {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
        let start = self.pos;
        let b = data[start];
        self.pos += 1;
        Some(match b {
            b'[' => Token::ArrayOpen,
            b']' => Token::ArrayClose,
            b'<' if data.get(self.pos) == Some(&b'<') => {
                self.pos += 1;
                Token::Other
            }
            b'<' => {
                let mut nibbles = Vec::new();
                while let Some(&c) = data.get(self.pos) {
                    self.pos += 1;
                    if c == b'>' {
                        break;
                    }
                    if let Some(n) = (c as char).to_digit(16) {
                        nibbles.push(n as u8);
                    }
                }
                // An odd last digit is followed by 0 (ISO 32000-1 7.3.4.3).
                if nibbles.len() % 2 == 1 {
                    nibbles.push(0);
                }
                Token::Hex(nibbles.chunks(2).map(|p| (p[0] << 4) | p[1]).collect())
            }
            b'(' => {
                // Literal strings are not used in ToUnicode maps; skip with nesting.
                let mut depth = 1;
                while let Some(&c) = data.get(self.pos) {
                    self.pos += 1;
                    match c {
                        b'\\' => self.pos += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                Token::Other
            }
            _ => {
                while data
                    .get(self.pos)
                    .is_some_and(|&c| !c.is_ascii_whitespace() && !b"[]<>()/%{}".contains(&c))
                {
                    self.pos += 1;
                }
                if b == b'/' {
                    // A name (`/CMapName`): not needed.
                    Token::Other
                } else {
                    Token::Word(&data[start..self.pos])
                }
            }
        })
    }
}
