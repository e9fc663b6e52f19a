//! Word lists and the matcher behind the content checks: injected gambling and porn spam on
//! hijacked pages (spec/indicators.md §0.1), advertising, abolished institution names and
//! known 错别字 / 固定表述 errors (§4.10), and an office's own names.
//!
//! Text is folded first ([`Normalized`]: full-width → ASCII, lower case, traditional →
//! simplified, invisible characters and separators between ideographs dropped); every term is
//! folded the same way, and all terms are matched with one Aho–Corasick automaton
//! (`aho-corasick`, leftmost-longest), non-overlapping. This module only finds words: whether a
//! page is spam (how many weak words, in what context) is the caller's judgement.
//!
//! ```
//! use xunwang_checks::{Lexicon, Normalized};
//!
//! let lexicon = Lexicon::default();
//! let original = "欢迎访问ＵｅｄＢｅｔ体育，澳 門 金 沙";
//! let text = Normalized::new(original);
//! let found: Vec<_> = lexicon.scan(&text).iter().map(|m| &original[m.orig.clone()]).collect();
//! assert_eq!(found, ["ＵｅｄＢｅｔ", "澳 門 金 沙"]);
//! // 投注 is a weak gambling word, but 体育彩票投注 is allowed and swallows it.
//! assert!(lexicon.scan(&Normalized::new("体育彩票投注站")).is_empty());
//! ```
//!
//! # Matching rules
//!
//! - Leftmost-longest, non-overlapping, on the folded text. [`Category::Allow`] terms take
//!   part in matching (so `成人教育` swallows the `成人…` term inside it) but are not returned.
//! - A term that starts (ends) with an ASCII letter or digit matches only where the folded
//!   character before (after) it is not an ASCII letter or digit: `anal` is not found in
//!   `analysis`, `sb` not in `sbj`, `av` not in `java`. Mixed terms (`365bet体育`, `www性色av`)
//!   are held to this at their Latin edges only.
//! - A term made only of ASCII characters never matches inside a URL-like token: the longest
//!   run of printable ASCII around the match (at most 256 bytes each way) that
//!   contains `://`, `www.`, `/`, `@` or a domain-like `.xx` (a dot between a letter or digit
//!   and two letters). So `adult` in `http://adult-edu.example.cn/` is not a match.
//! - When the longest term at a position is rejected by those rules, a shorter term at the same
//!   position is tried before moving on.
//!
//! How: the automaton is built for *anchored* search (a DFA while it takes at most 64 MiB,
//! else a contiguous NFA). The scan walks the folded text one character at a time and starts
//! an anchored walk only where a term can start: the character is the first character of some
//! term (a bit set over the BMP) and, for terms of two or more characters, the pair of this
//! and the next character begins one (a hashed bit set). On Chinese text this beats one
//! unanchored pass, whose DFA moves through thousands of states that do not stay in cache
//! (`tests/lexicon_bench.rs` prints both), and it gives leftmost-longest over the
//! *acceptable* matches directly.
//!
//! # Data format
//!
//! The shipped lists are TOML files under `crates/checks/rules/lexicon/`, embedded in the
//! binary ([`Lexicon::default`]); an office's own lists (its names, its former officials) use
//! the same format through [`parse_terms_toml`]. A plain word list (one term a line) can be read
//! with [`parse_word_list`].
//!
//! ```toml
//! # What the list is, where its words come from, and the strength policy.
//! category = "gambling"        # default category of the groups below
//! source = "spec/indicators.md §0.1"   # default source, copied into every term
//! current = []                 # optional: current forms that no wrong form may be part of
//!                              # (documentation, checked by tests; not used for matching)
//!
//! [[terms]]                    # a group of words sharing category and strength
//! strength = "strong"          # required: "strong" or "weak"
//! words = ["365bet", "澳门金沙"]
//! # category = "allow"         # optional, overrides the file's category
//! # correct = "…"              # optional, copied into every word's `correct`
//! # source = "…"               # optional, overrides the file's source
//!
//! [[pairs]]                    # one wrong form and its correct / current form
//! wrong = "中国入民"
//! right = "中国人民"
//! # strength = "weak"          # optional, default "strong"
//! # category = "typo"          # optional, overrides the file's category
//! # source = "…"               # optional
//! ```
//!
//! Categories: `gambling`, `porn`, `ad`, `outdated`, `typo`, `name`, `former`, `enforcement`,
//! `allow` (see [`Category`]). Unknown keys are errors, so a misspelt key is not silently
//! ignored. Two terms that fold to the same text are one term for the matcher
//! ([`Lexicon::new`] says which is kept).

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind, StartKind};
use serde::{Deserialize, Serialize};

mod normalize;
mod t2s;

pub use normalize::Normalized;

/// Bytes looked at on each side of a match when deciding whether it sits in a URL-like token.
pub(crate) const URL_CONTEXT: usize = 256;

/// The DFA is used while it takes at most this many bytes; a larger automaton falls back to a
/// contiguous NFA (slower per byte, much smaller).
const DFA_MAX_BYTES: usize = 64 << 20;

/// The shipped lists, as `(file name, contents)`; every file under `rules/lexicon`.
pub(crate) const SHIPPED: &[(&str, &str)] = &[
    (
        "gambling.toml",
        include_str!("../../rules/lexicon/gambling.toml"),
    ),
    ("porn.toml", include_str!("../../rules/lexicon/porn.toml")),
    ("ad.toml", include_str!("../../rules/lexicon/ad.toml")),
    (
        "enforcement.toml",
        include_str!("../../rules/lexicon/enforcement.toml"),
    ),
    ("allow.toml", include_str!("../../rules/lexicon/allow.toml")),
    (
        "outdated.toml",
        include_str!("../../rules/lexicon/outdated.toml"),
    ),
    ("typos.toml", include_str!("../../rules/lexicon/typos.toml")),
    ("names.toml", include_str!("../../rules/lexicon/names.toml")),
    (
        "former.toml",
        include_str!("../../rules/lexicon/former.toml"),
    ),
];

/// What a term is evidence of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Gambling spam: betting brands, solicitation, gambling topic words.
    Gambling,
    /// Porn spam.
    Porn,
    /// Advertising (fake invoices, loans, SEO services…).
    Ad,
    /// The name of an abolished institution; `correct` names the current one.
    Outdated,
    /// A known 错别字 or wrong fixed expression; `correct` is the right form.
    Typo,
    /// An office's own name or fixed spelling (lists come from the office's rules).
    Name,
    /// A former official (lists come from the office's rules); `correct` may carry a note.
    Former,
    /// Law-enforcement context (打击, 查处…): a crackdown report, not spam.
    Enforcement,
    /// A benign phrase that contains a listed term (成人教育); matched, never reported.
    Allow,
}

/// How much one match says on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    /// Enough alone: on a government page it can only be what its category says.
    Strong,
    /// A topic word: evidence only together with others.
    Weak,
}

/// One entry of a word list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// The term as written in the list (matching uses its folded form).
    pub text: String,
    /// What it is evidence of.
    pub category: Category,
    /// Whether one match is enough.
    pub strength: Strength,
    /// For outdated names, typos, names and former officials: the correct or current form,
    /// or a note.
    pub correct: Option<String>,
    /// Where the term comes from (the list's source).
    pub source: Option<String>,
}

/// One term found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermMatch<'a> {
    /// The term found.
    pub term: &'a Term,
    /// Where, in bytes of [`Normalized::text`].
    pub norm: Range<usize>,
    /// Where, in bytes of the original text (the spelling actually used on the page).
    pub orig: Range<usize>,
}

/// Why a word list could not be read or compiled.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LexiconError {
    /// The list is not valid TOML or not in the expected shape; the message names the line
    /// and column (and the unknown key, if any).
    // Not a `#[source]`: the message already carries it, and a chain printer would repeat it.
    #[error("词表格式错误：{0}")]
    Toml(toml::de::Error),
    /// A `[[terms]]` or `[[pairs]]` entry has no category and the file sets none.
    #[error("词表第 {line} 行：词条组未指定类别（category），文件开头也未指定")]
    MissingCategory {
        /// 1-based line of the entry.
        line: usize,
    },
    /// An empty word in a list.
    #[error("词表第 {line} 行：有空词条")]
    EmptyWord {
        /// 1-based line of the word.
        line: usize,
    },
    /// A term that folds to nothing (only spaces or invisible characters).
    #[error("词条 {term:?}（{category:?}）规整后为空")]
    EmptyTerm {
        /// The term as given.
        term: String,
        /// Its category.
        category: Category,
    },
    /// The automaton could not be built (too many or too long terms).
    #[error("词表无法编译：{0}")]
    Build(#[from] aho_corasick::BuildError),
}

/// What the matcher needs to know about one pattern, beside its term.
#[derive(Clone, Copy, Debug)]
struct Edges {
    /// Starts with an ASCII letter or digit.
    latin_start: bool,
    /// Ends with an ASCII letter or digit.
    latin_end: bool,
    /// Only ASCII characters.
    pure_latin: bool,
}

/// A compiled set of terms.
#[derive(Clone, Debug)]
pub struct Lexicon {
    /// Pattern `i` of the automaton is the folded form of `terms[i]`.
    terms: Vec<Term>,
    edges: Vec<Edges>,
    /// Folded pattern → pattern index, to try shorter terms when the longest is rejected.
    by_pattern: HashMap<Box<[u8]>, usize>,
    /// Where a match can start.
    starts: Starts,
    engine: Engine,
}

/// The anchored automaton: a DFA while it is small enough, else a contiguous NFA.
#[derive(Clone, Debug)]
enum Engine {
    Dfa(DFA),
    Nfa(NFA),
}

/// Where a match can start: a cheap two-level filter run before the automaton.
///
/// A position is a candidate when its character is the first character of some pattern and
/// either a pattern is that one character or the pair (this character, next character) is
/// the start of some pattern (a hashed bit set, so a few false candidates get through).
#[derive(Clone, Debug)]
struct Starts {
    /// First characters of the patterns, a bit per BMP code point.
    first: Vec<u64>,
    /// One-character patterns, a bit per BMP code point.
    single: Vec<u64>,
    /// Hashes of the first two characters of the longer patterns.
    pairs: Vec<u64>,
    /// Some pattern starts outside the BMP: every such character is a candidate.
    astral: bool,
}

/// Bits of the pair hash (a 32 KiB table).
const PAIR_BITS: u32 = 18;

fn set_bit(bits: &mut [u64], index: u32) {
    bits[(index / 64) as usize] |= 1 << (index % 64);
}

#[inline]
fn get_bit(bits: &[u64], index: u32) -> bool {
    bits[(index / 64) as usize] & (1 << (index % 64)) != 0
}

#[inline]
fn pair_hash(first: u32, second: u32) -> u32 {
    (first.wrapping_mul(0x9E37_79B1) ^ second.wrapping_mul(0x85EB_CA77)) >> (32 - PAIR_BITS)
}

/// The code point of the character at `hay[at]` and its length in bytes. `hay` is a `str`'s
/// bytes, so a lead byte is followed by its continuation bytes.
#[inline(always)]
fn decode(hay: &[u8], at: usize) -> (u32, usize) {
    let b = hay[at];
    if b < 0x80 {
        return (u32::from(b), 1);
    }
    let cont = |i: usize| u32::from(hay[at + i] & 0x3F);
    if (0xE0..0xF0).contains(&b) {
        return ((u32::from(b & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3);
    }
    if b < 0xE0 {
        return ((u32::from(b & 0x1F) << 6) | cont(1), 2);
    }
    (
        (u32::from(b & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
        4,
    )
}

impl Starts {
    fn new<'p>(patterns: impl Iterator<Item = &'p str>) -> Starts {
        let mut starts = Starts {
            first: vec![0; 0x10000 / 64],
            single: vec![0; 0x10000 / 64],
            pairs: vec![0; (1 << PAIR_BITS) / 64],
            astral: false,
        };
        for pattern in patterns {
            let mut chars = pattern.chars().map(u32::from);
            let Some(first) = chars.next() else { continue };
            if first >= 0x10000 {
                starts.astral = true;
                continue;
            }
            set_bit(&mut starts.first, first);
            match chars.next() {
                None => set_bit(&mut starts.single, first),
                Some(second) => set_bit(&mut starts.pairs, pair_hash(first, second)),
            }
        }
        starts
    }

    /// Whether a match may start at `hay[at]`, and the length of the character there.
    #[inline(always)]
    fn check(&self, hay: &[u8], at: usize) -> (bool, usize) {
        let (code, len) = decode(hay, at);
        if code >= 0x10000 {
            return (self.astral, len);
        }
        if !get_bit(&self.first, code) {
            return (false, len);
        }
        if get_bit(&self.single, code) {
            return (true, len);
        }
        let next = at + len;
        let hit = next < hay.len() && {
            let (second, _) = decode(hay, next);
            get_bit(&self.pairs, pair_hash(code, second))
        };
        (hit, len)
    }
}

impl Lexicon {
    /// Compiles `terms`. Each term is folded as text is ([`Normalized`]); terms that fold to
    /// the same text are kept once, preferring an `Allow` term, then a strong one, then the
    /// first given. Fails on a term that folds to nothing.
    pub fn new(terms: Vec<Term>) -> Result<Lexicon, LexiconError> {
        let mut kept: Vec<Term> = Vec::with_capacity(terms.len());
        let mut patterns: Vec<String> = Vec::with_capacity(terms.len());
        let mut index: HashMap<String, usize> = HashMap::with_capacity(terms.len());
        let mut folded = Normalized::default();
        for term in terms {
            folded.reset(&term.text);
            let pattern = folded.text.trim();
            if pattern.is_empty() {
                return Err(LexiconError::EmptyTerm {
                    term: term.text,
                    category: term.category,
                });
            }
            match index.get(pattern) {
                Some(&i) => {
                    if rank(&term) > rank(&kept[i]) {
                        kept[i] = term;
                    }
                }
                None => {
                    index.insert(pattern.to_owned(), kept.len());
                    patterns.push(pattern.to_owned());
                    kept.push(term);
                }
            }
        }
        let edges = patterns.iter().map(|p| edges(p)).collect();
        let by_pattern = patterns
            .iter()
            .enumerate()
            .map(|(i, p)| (p.as_bytes().into(), i))
            .collect();
        let starts = Starts::new(patterns.iter().map(String::as_str));
        let engine = build(&patterns)?;
        Ok(Lexicon {
            terms: kept,
            edges,
            by_pattern,
            starts,
            engine,
        })
    }

    /// The terms, after folding duplicates away (allow terms included).
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// Matches in `text`, leftmost-longest and non-overlapping, by the rules in the module
    /// documentation. `Allow` terms are matched but not returned.
    pub fn scan<'a>(&'a self, text: &Normalized) -> Vec<TermMatch<'a>> {
        let hay = text.text.as_bytes();
        let mut found = Vec::new();
        let mut pos = 0;
        while pos < hay.len() {
            let (candidate, len) = self.starts.check(hay, pos);
            if candidate && let Some((pattern, end)) = self.longest_at(hay, pos) {
                let term = &self.terms[pattern];
                if term.category != Category::Allow {
                    found.push(TermMatch {
                        term,
                        norm: pos..end,
                        orig: text.original(pos..end),
                    });
                }
                pos = end;
            } else {
                pos += len;
            }
        }
        found
    }

    /// The longest acceptable pattern that starts at `start`: its index and end.
    fn longest_at(&self, hay: &[u8], start: usize) -> Option<(usize, usize)> {
        let longest = match &self.engine {
            Engine::Dfa(dfa) => longest_anchored(dfa, hay, start),
            Engine::Nfa(nfa) => longest_anchored(nfa, hay, start),
        }?;
        if self.accepts(hay, longest.0, start, longest.1) {
            Some(longest)
        } else {
            self.shorter(hay, start, longest.1)
        }
    }

    /// Whether pattern `pattern` found at `start..end` passes the Latin edge and URL rules.
    fn accepts(&self, hay: &[u8], pattern: usize, start: usize, end: usize) -> bool {
        let edges = self.edges[pattern];
        if edges.latin_start && start > 0 && hay[start - 1].is_ascii_alphanumeric() {
            return false;
        }
        if edges.latin_end && end < hay.len() && hay[end].is_ascii_alphanumeric() {
            return false;
        }
        !(edges.pure_latin && in_url_token(hay, start, end))
    }

    /// The longest acceptable pattern that starts at `start` and ends before `end`.
    fn shorter(&self, hay: &[u8], start: usize, end: usize) -> Option<(usize, usize)> {
        (start + 1..end)
            .rev()
            .filter(|&cut| !is_continuation(hay[cut]))
            .find_map(|cut| {
                let pattern = *self.by_pattern.get(&hay[start..cut])?;
                self.accepts(hay, pattern, start, cut)
                    .then_some((pattern, cut))
            })
    }
}

impl Default for Lexicon {
    /// The shipped lists: every file under `crates/checks/rules/lexicon`, embedded.
    fn default() -> Lexicon {
        let mut terms = Vec::new();
        for (name, src) in SHIPPED {
            // A unit test parses every shipped file, so this cannot fail in a tested build.
            terms.extend(parse_terms_toml(src).unwrap_or_else(|e| panic!("{name}: {e}")));
        }
        Lexicon::new(terms).expect("the shipped lexicon compiles (unit-tested)")
    }
}

/// Which of two terms with the same folded text is kept (higher wins; ties keep the first).
fn rank(term: &Term) -> u8 {
    match (term.category, term.strength) {
        (Category::Allow, _) => 2,
        (_, Strength::Strong) => 1,
        (_, Strength::Weak) => 0,
    }
}

fn edges(pattern: &str) -> Edges {
    let bytes = pattern.as_bytes();
    Edges {
        latin_start: bytes.first().is_some_and(u8::is_ascii_alphanumeric),
        latin_end: bytes.last().is_some_and(u8::is_ascii_alphanumeric),
        pure_latin: pattern.is_ascii(),
    }
}

/// Compiles the patterns for anchored leftmost-longest search.
fn build(patterns: &[String]) -> Result<Engine, aho_corasick::BuildError> {
    let dfa = DFA::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Anchored)
        .build(patterns)?;
    if dfa.memory_usage() <= DFA_MAX_BYTES {
        return Ok(Engine::Dfa(dfa));
    }
    let nfa = NFA::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)?;
    Ok(Engine::Nfa(nfa))
}

/// The longest pattern that matches `hay` exactly from `start`: its index and end.
fn longest_anchored<A: Automaton>(aut: &A, hay: &[u8], start: usize) -> Option<(usize, usize)> {
    let mut sid = aut.start_state(Anchored::Yes).ok()?;
    let mut longest = None;
    for (at, &byte) in hay.iter().enumerate().skip(start) {
        sid = aut.next_state(Anchored::Yes, sid, byte);
        if aut.is_dead(sid) {
            break;
        }
        if aut.is_match(sid) {
            let end = at + 1;
            // A state may also carry patterns that end here but start later; keep the one
            // that starts at `start`.
            longest = (0..aut.match_len(sid))
                .map(|i| aut.match_pattern(sid, i))
                .find(|&p| aut.pattern_len(p) == end - start)
                .map(|p| (p.as_usize(), end))
                .or(longest);
        }
    }
    longest
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// Whether `start..end` lies in a URL-like token (see the module documentation).
fn in_url_token(hay: &[u8], start: usize, end: usize) -> bool {
    let token_byte = |b: u8| b.is_ascii_graphic();
    let floor = start.saturating_sub(URL_CONTEXT);
    let mut left = start;
    while left > floor && token_byte(hay[left - 1]) {
        left -= 1;
    }
    let ceiling = (end + URL_CONTEXT).min(hay.len());
    let mut right = end;
    while right < ceiling && token_byte(hay[right]) {
        right += 1;
    }
    let token = &hay[left..right];
    let has = |needle: &[u8]| token.windows(needle.len()).any(|w| w == needle);
    if token.contains(&b'/') || token.contains(&b'@') || has(b"://") || has(b"www.") {
        return true;
    }
    // A domain-like part: `x.ab` (letter or digit, dot, two letters).
    token.windows(4).any(|w| {
        w[0].is_ascii_alphanumeric()
            && w[1] == b'.'
            && w[2].is_ascii_alphabetic()
            && w[3].is_ascii_alphabetic()
    })
}

/// Reads a word list in the TOML format of the module documentation.
pub fn parse_terms_toml(src: &str) -> Result<Vec<Term>, LexiconError> {
    let file: File = toml::from_str(src).map_err(LexiconError::Toml)?;
    let line_of = |offset: usize| src[..offset.min(src.len())].matches('\n').count() + 1;
    let mut terms = Vec::new();
    for group in &file.terms {
        let line = line_of(group.span().start);
        let group = group.get_ref();
        let category = group
            .category
            .or(file.category)
            .ok_or(LexiconError::MissingCategory { line })?;
        let source = group.source.as_ref().or(file.source.as_ref());
        for word in &group.words {
            let text = word.get_ref().trim();
            if text.is_empty() {
                return Err(LexiconError::EmptyWord {
                    line: line_of(word.span().start),
                });
            }
            terms.push(Term {
                text: text.to_owned(),
                category,
                strength: group.strength,
                correct: group.correct.clone(),
                source: source.cloned(),
            });
        }
    }
    for pair in &file.pairs {
        let line = line_of(pair.span().start);
        let pair = pair.get_ref();
        let category = pair
            .category
            .or(file.category)
            .ok_or(LexiconError::MissingCategory { line })?;
        let text = pair.wrong.trim();
        if text.is_empty() {
            return Err(LexiconError::EmptyWord { line });
        }
        terms.push(Term {
            text: text.to_owned(),
            category,
            strength: pair.strength.unwrap_or(Strength::Strong),
            correct: Some(pair.right.trim().to_owned()),
            source: pair.source.as_ref().or(file.source.as_ref()).cloned(),
        });
    }
    Ok(terms)
}

/// Reads a plain word list: one term a line, lines starting with `#` and blank lines skipped,
/// surrounding whitespace trimmed, repeated terms kept once.
pub fn parse_word_list(
    src: &str,
    category: Category,
    strength: Strength,
    source: Option<&str>,
) -> Vec<Term> {
    let mut seen = std::collections::HashSet::new();
    src.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter(|line| seen.insert(*line))
        .map(|line| Term {
            text: line.to_owned(),
            category,
            strength,
            correct: None,
            source: source.map(str::to_owned),
        })
        .collect()
}

/// A word-list file (see the module documentation).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    category: Option<Category>,
    source: Option<String>,
    /// Documentation for tests only; see the module documentation.
    #[serde(default)]
    #[allow(dead_code)] // read by the tests through `toml`, kept here so the key is allowed
    current: Vec<String>,
    #[serde(default)]
    terms: Vec<toml::Spanned<Group>>,
    #[serde(default)]
    pairs: Vec<toml::Spanned<Pair>>,
}

/// A `[[terms]]` entry.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    category: Option<Category>,
    strength: Strength,
    words: Vec<toml::Spanned<String>>,
    correct: Option<String>,
    source: Option<String>,
}

/// A `[[pairs]]` entry.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Pair {
    category: Option<Category>,
    strength: Option<Strength>,
    wrong: String,
    right: String,
    source: Option<String>,
}

#[cfg(test)]
#[path = "mod_tests.rs"]
mod tests;
