//! Unmasked personal numbers in page and attachment text: 公民身份号码, mobile numbers and bank
//! card numbers published without 模糊处理 (spec/indicators.md "个人隐私": "个人身份证号、手机号、
//! 银行卡号未进行模糊处理", 汉台 2022 Q2; "未做去标识化处理", 云浮 2022 Q2). 《个人信息保护法》
//! 第二十八条 counts 金融账户 among sensitive personal information.
//!
//! Inspectors act on every report, so the scanner is built for precision: a number is reported
//! only when it is, on its own, a well-formed value of its kind. A 统一社会信用代码, 文号, 项目代码,
//! 邮编, landline, order or serial number, and an already-masked value (`420102********1234`,
//! `138****5678`, `6222 **** **** ***1234`) never come out: masks break the digit run, so what is
//! left is too short to be anything.
//!
//! # Tokens
//!
//! The text is scanned once for runs of ASCII digits (the caller folds full-width digits to
//! ASCII first). A candidate is a whole run, never a slice of a longer one, and
//! - touches no ASCII letter or digit on either side (`A13812345678`, `420102…1234B`): those are
//!   alphanumeric codes;
//! - is not part of a decimal, dotted or hyphenated token (`13812345678.50`, `v1.…`, `XM-…`,
//!   `…-01`); a landline `027-87654321` therefore never yields a mobile;
//! - is not followed by a unit or `号` ([`NOT_PERSONAL_AFTER`]: `15000000000元`, `…号`) nor
//!   preceded by `第` or a currency sign ([`NOT_PERSONAL_BEFORE`]);
//! - is not preceded, within [`LABEL_WINDOW`] characters on the same line (a line break or `。`
//!   ends the window), by a label of a non-personal number ([`NOT_PERSONAL_LABELS`]: `编号`,
//!   `文号`, `代码`, `订单`, `邮编`…) unless a personal label ([`ID_LABELS`], [`PHONE_LABELS`],
//!   [`CARD_LABELS`], [`ACCOUNT_LABELS`]) ends nearer to it. This holds for all three kinds.
//!
//! Runs separated by spaces are separate tokens (xlsx rows flattened with spaces stay
//! readable). Written-with-separators forms are recognised only as a whole group sequence joined
//! by one kind of single separator (` ` or `-`) and not continued on either side: `138 1234 5678`,
//! `138-1234-5678` (mobile), `6222 0212 3456 7890 128` (card: groups of four, the last one to
//! four digits; Amex `3782 822463 10005`).
//!
//! # 公民身份号码 (GB 11643-1999)
//!
//! 18 characters `\d{17}[\dXx]`: a 6-digit address code whose first two digits are a
//! province-level code of GB/T 2260 (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71 台湾, 81 香港,
//! 82 澳门), the birth date `YYYYMMDD` (a real calendar date, year 1900–2099), a 3-digit sequence
//! and the ISO 7064:1983 MOD 11-2 check character (weights 2^(17−i) mod 11, check
//! `10X98765432`). A random 18-digit number passes about 1 time in 44 000 (0.34 × 0.02 × 0.037
//! × 1/11); a 文号 or 编号 that happens to pass is caught by the label rule instead.
//!
//! The 15-digit form of GB 11643-1989 (6-digit address + `YYMMDD` + 3-digit sequence, no check
//! digit) is validated the same way but, having no check digit, is reported only when an
//! [`ID_LABELS`] label (`身份证`…) is the nearest label within [`REQUIRED_LABEL_WINDOW`].
//!
//! # Mobile numbers
//!
//! `1[3-9]\d{9}` (the 13x–19x number blocks of 工业和信息化部《电信网编号计划》), optionally after the
//! country code `+86`/`86`/`0086` written directly before it or with one space or dash; the hit
//! covers the national number only (with its separators when grouped).
//!
//! # Bank card numbers (ISO/IEC 7812-1, JR/T 0008 银行卡发卡行标识代码及卡号)
//!
//! Luhn-valid (ISO/IEC 7812-1 annex B), never a valid 18-digit 公民身份号码, and a plausible
//! issuer prefix:
//! - domestic, reported on their own: UnionPay `62` (16–19 digits) and the older non-`62`
//!   debit BINs of the large banks in [`DOMESTIC_BINS`] (taken from the UnionPay BIN table
//!   compiled in hexindai/bcbc `data/bin.csv`, each with its exact card length);
//! - international, reported only when a card label ([`CARD_LABELS`]: `卡号`, `银行卡`…) is the
//!   nearest label within [`REQUIRED_LABEL_WINDOW`]: Visa `4` (16), Mastercard `51`–`55` and
//!   `2221`–`2720` (16), JCB `3528`–`3589` (16), Amex `34`/`37` (15). Their first digits coincide
//!   with province codes (`41`–`46`, `51`–`54`, `34`, `35`, `37`), so region-prefixed codes and
//!   corporate accounts (`账号：4200…`) pass Luhn one time in ten and would otherwise be reported.
//!
//! # Cost
//!
//! One pass over the bytes; label windows and validation run only for runs of a plausible
//! length, and a group sequence is read at most five groups of at most six digits deep, so the
//! scan is linear in the text.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;

/// The kind of a personal number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonalKind {
    /// A 公民身份号码 (resident ID number, GB 11643-1999; also the 15-digit form when labelled).
    IdNumber,
    /// A mainland mobile number.
    Mobile,
    /// A bank card number.
    BankCard,
}

/// One unmasked personal number found by [`find_personal`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonalHit {
    /// What the number is.
    pub kind: PersonalKind,
    /// Byte range of the value in the scanned text.
    pub range: Range<usize>,
    /// The value masked for evidence (ID: first 6 + 8 `*` + last 4; mobile: 3 + `****` + 4;
    /// card: first 4 + `*`s + last 4) — the raw value never leaves this function except via
    /// `range`.
    pub masked: String,
    /// Up to 24 characters either side, whitespace collapsed, with every personal number in it
    /// masked (also others than this hit).
    pub snippet: String,
}

/// Characters of context kept on either side of a hit in [`PersonalHit::snippet`].
pub(crate) const SNIPPET_CHARS: usize = 24;

/// How many characters before a number (on the same line) a label is taken to name it.
pub(crate) const LABEL_WINDOW: usize = 8;

/// How many characters before a number a label is looked for when the number is reported only
/// with one (15-digit ID, international card).
pub(crate) const REQUIRED_LABEL_WINDOW: usize = 16;

/// Labels of numbers that belong to a thing, not a person: found within [`LABEL_WINDOW`] before
/// a number (and nearer than any personal label), they mean the number is not reported.
/// 编号/文号/代码 (统一社会信用代码, 项目代码)/编码/订单/单号 (快递单号)/流水/批次/批号/证书号/
/// 许可证/备案号/邮编/注册号/登记号/合同号/序列号/准考证/发票/条码/案号/凭证号.
pub(crate) const NOT_PERSONAL_LABELS: &[&str] = &[
    "编号",
    "文号",
    "代码",
    "编码",
    "订单",
    "单号",
    "流水",
    "批次",
    "批号",
    "证书号",
    "许可证",
    "备案号",
    "邮编",
    "注册号",
    "登记号",
    "合同号",
    "序列号",
    "准考证",
    "发票",
    "条码",
    "案号",
    "凭证号",
];

/// Labels naming a 公民身份号码; required for the 15-digit form.
pub(crate) const ID_LABELS: &[&str] = &["身份证", "证件号", "公民身份"];

/// Labels naming a phone number.
pub(crate) const PHONE_LABELS: &[&str] = &["手机", "电话", "联系"];

/// Labels naming a card; one of them is required for an international (non-UnionPay) BIN.
pub(crate) const CARD_LABELS: &[&str] = &["卡号", "银行卡", "信用卡", "借记卡", "储蓄卡"];

/// Labels naming an account: personal enough to override [`NOT_PERSONAL_LABELS`], not enough
/// for an international BIN (a corporate account is an 账号 too).
pub(crate) const ACCOUNT_LABELS: &[&str] = &["账号", "帐号", "账户", "帐户", "开户", "收款"];

/// Characters that, right before a number, make it a serial or an amount (第…号, ¥…).
pub(crate) const NOT_PERSONAL_BEFORE: &[char] = &['第', '¥', '￥', '$', '№'];

/// Characters that, right after a number (spaces allowed between), make it a quantity or a
/// serial: units, `%`, `号`.
pub(crate) const NOT_PERSONAL_AFTER: &[char] = &[
    '元', '万', '亿', '千', '百', '%', '％', '‰', '号', '吨', '亩', '米', '个', '人', '次', '户',
    '件', '台', '套', '股', '倍', '年', '月', '日', '岁', '天', '克', '斤', '册', '页', '条', '位',
    '名',
];

/// Non-`62` debit card BINs of the large domestic banks, with their card length (hexindai/bcbc
/// `data/bin.csv`, the public UnionPay BIN table).
pub(crate) const DOMESTIC_BINS: &[(&str, usize)] = &[
    ("95588", 19),  // 工商银行 灵通卡
    ("95595", 19),  // 农业银行 金穗卡
    ("95596", 19),  // 农业银行
    ("95597", 19),  // 农业银行
    ("95598", 19),  // 农业银行
    ("95599", 19),  // 农业银行
    ("601427", 19), // 农业银行
    ("601382", 19), // 中国银行 长城电子借记卡
    ("456351", 19), // 中国银行 借记卡
    ("436742", 19), // 建设银行 龙卡储蓄卡
    ("955100", 19), // 邮政储蓄银行
    ("95555", 16),  // 招商银行 一卡通
    ("601428", 17), // 交通银行 太平洋借记卡
    ("405512", 17), // 交通银行 太平洋借记卡
];

/// Single separators a grouped number may be written with.
const GROUP_SEPARATORS: [u8; 2] = [b' ', b'-'];
/// The longest group pattern (`4-4-4-4-3`) has five groups.
const MAX_GROUPS: usize = 5;
/// The longest group in any pattern (Amex `4-6-5`).
const MAX_GROUP_LEN: usize = 6;

/// GB 11643-1999 check-character weights, 2^(17−i) mod 11.
const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// GB 11643-1999 check character for each weighted sum mod 11.
const ID_CHECK: &[u8; 11] = b"10X98765432";

/// Every unmasked personal number in `text`, in text order, without overlaps.
///
/// ```
/// use xunwang_checks::{PersonalKind, find_personal};
///
/// let hits = find_personal("联系人：张三，身份证号：11010519491231002X，电话：138****5678。");
/// assert_eq!(hits.len(), 1);
/// assert_eq!(hits[0].kind, PersonalKind::IdNumber);
/// assert_eq!(hits[0].masked, "110105********002X");
/// ```
pub fn find_personal(text: &str) -> Vec<PersonalHit> {
    let spans = scan(text);
    let masks: Vec<String> = spans
        .iter()
        .map(|(kind, r)| mask_personal(*kind, &text[r.clone()]))
        .collect();
    let snippets: Vec<String> = (0..spans.len())
        .map(|k| snippet(text, &spans, &masks, k))
        .collect();
    spans
        .into_iter()
        .zip(masks)
        .zip(snippets)
        .map(|(((kind, range), masked), snippet)| PersonalHit {
            kind,
            range,
            masked,
            snippet,
        })
        .collect()
}

/// `value` masked as evidence may show it: ID first 6 + `*`s + last 4 (18 → 8 `*`), mobile
/// first 3 + `****` + last 4 (a `+86`/`0086` prefix is dropped), card first 4 + `*`s + last 4.
/// Separators are dropped; a value too short to keep both ends is masked entirely.
pub fn mask_personal(kind: PersonalKind, value: &str) -> String {
    // ASCII only, so byte `i` is character `i`.
    let kept: Vec<u8> = value.bytes().filter(u8::is_ascii_alphanumeric).collect();
    let cc = match kept.len() {
        13 if kind == PersonalKind::Mobile && kept.starts_with(b"86") => 2,
        15 if kind == PersonalKind::Mobile && kept.starts_with(b"0086") => 4,
        _ => 0,
    };
    let kept = &kept[cc..];
    let (front, back) = match kind {
        PersonalKind::IdNumber => (6, 4),
        PersonalKind::Mobile => (3, 4),
        PersonalKind::BankCard => (4, 4),
    };
    let n = kept.len();
    if n <= front + back {
        return "*".repeat(n);
    }
    let mut out = String::with_capacity(n);
    out.extend(kept[..front].iter().map(|&b| char::from(b)));
    out.extend(std::iter::repeat_n('*', n - front - back));
    out.extend(kept[n - back..].iter().map(|&b| char::from(b)));
    out
}

/// The kinds and ranges of all hits, in order.
fn scan(text: &str) -> Vec<(PersonalKind, Range<usize>)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(skip) = b[i..].iter().position(u8::is_ascii_digit) {
        i += skip;
        let e = run_end(b, i);
        match grouped(text, i, e).or_else(|| compact(text, i, e)) {
            Some((kind, r)) => {
                i = r.end.max(e);
                out.push((kind, r));
            }
            None => i = e,
        }
    }
    out
}

/// The end of the ASCII digit run starting at `s`.
fn run_end(b: &[u8], s: usize) -> usize {
    b[s..]
        .iter()
        .position(|c| !c.is_ascii_digit())
        .map_or(b.len(), |n| s + n)
}

/// A number written in one digit run `s..e` (plus a trailing `X` for an ID).
fn compact(text: &str, s: usize, e: usize) -> Option<(PersonalKind, Range<usize>)> {
    use PersonalKind::*;
    let b = text.as_bytes();
    let n = e - s;
    if !(11..=19).contains(&n) {
        return None;
    }
    let d = &b[s..e];
    if n == 17 && matches!(b.get(e), Some(b'X' | b'x')) {
        // 17 digits and a letter: an ID or an alphanumeric code, nothing else.
        let end = e + 1;
        let ok = token_end_ok(text, end)
            && token_start_ok(text, s)
            && id18_valid(&b[s..end])
            && !excluded(text, s);
        return ok.then_some((IdNumber, s..end));
    }
    if !token_end_ok(text, e) {
        return None;
    }
    let start_ok = token_start_ok(text, s);
    match n {
        11 => (is_mobile(d) && (start_ok || country_code_before(b, s)) && !excluded(text, s))
            .then_some((Mobile, s..e)),
        13 if d.starts_with(b"86") => {
            (start_ok && is_mobile(&d[2..]) && !excluded(text, s)).then_some((Mobile, s + 2..e))
        }
        18 if id18_valid(d) => (start_ok && !excluded(text, s)).then_some((IdNumber, s..e)),
        15 if id15_valid(d) && start_ok && labelled(text, s, Label::Id) => Some((IdNumber, s..e)),
        15 if d.starts_with(b"0086") => {
            (start_ok && is_mobile(&d[4..]) && !excluded(text, s)).then_some((Mobile, s + 4..e))
        }
        15..=19 => (start_ok && card_ok(text, s, d)).then_some((BankCard, s..e)),
        _ => None,
    }
}

/// A number written in groups (`138 1234 5678`, `6222-0212-3456-7890-128`) starting with the
/// digit run `s..e`; `None` when the runs there do not form a whole group pattern.
fn grouped(text: &str, s: usize, e: usize) -> Option<(PersonalKind, Range<usize>)> {
    let b = text.as_bytes();
    if !matches!(e - s, 3 | 4) {
        return None;
    }
    let sep = *b.get(e)?;
    if !GROUP_SEPARATORS.contains(&sep) || !b.get(e + 1).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    // `1 138 1234 5678`: the sequence goes on to the left (only a country code may).
    let after_digits = s >= 2 && b[s - 1] == sep && b[s - 2].is_ascii_digit();
    if after_digits && !country_code_before(b, s) {
        return None;
    }
    let mut lens = [0usize; MAX_GROUPS];
    let mut n = 0;
    let mut digits = [0u8; MAX_GROUPS * MAX_GROUP_LEN];
    let mut len = 0;
    let (mut gs, mut ge) = (s, e);
    loop {
        if n == MAX_GROUPS || ge - gs > MAX_GROUP_LEN {
            return None;
        }
        lens[n] = ge - gs;
        n += 1;
        digits[len..len + (ge - gs)].copy_from_slice(&b[gs..ge]);
        len += ge - gs;
        if b.get(ge) == Some(&sep) && b.get(ge + 1).is_some_and(u8::is_ascii_digit) {
            gs = ge + 1;
            // Read at most one digit past the longest group, so a long run is not read once
            // per group sequence that ends on it.
            ge = gs
                + b[gs..]
                    .iter()
                    .take(MAX_GROUP_LEN + 1)
                    .take_while(|c| c.is_ascii_digit())
                    .count();
        } else {
            break;
        }
    }
    let kind = match &lens[..n] {
        [3, 4, 4] => PersonalKind::Mobile,
        [4, 4, 4, 4] | [4, 4, 4, 4, 1..=3] | [4, 6, 5] => PersonalKind::BankCard,
        _ => return None,
    };
    let d = &digits[..len];
    // Not continued by another kind of separator either (`138 1234 5678-9`, `… 5678 9`).
    let continued = b.get(ge).is_some_and(|c| GROUP_SEPARATORS.contains(c))
        && b.get(ge + 1).is_some_and(u8::is_ascii_digit);
    if continued || !token_end_ok(text, ge) {
        return None;
    }
    let cc = kind == PersonalKind::Mobile && country_code_before(b, s);
    if !cc && (after_digits || !token_start_ok(text, s)) {
        return None;
    }
    let ok = match kind {
        PersonalKind::Mobile => is_mobile(d) && !excluded(text, s),
        _ => !id18_valid(d) && card_ok(text, s, d),
    };
    ok.then_some((kind, s..ge))
}

/// Whether the token may start at `s`: no letter or digit, dotted or hyphenated code, serial
/// or currency sign right before it.
fn token_start_ok(text: &str, s: usize) -> bool {
    let b = text.as_bytes();
    let Some(c) = text[..s].chars().next_back() else {
        return true;
    };
    if c.is_ascii_alphanumeric() || NOT_PERSONAL_BEFORE.contains(&c) {
        return false;
    }
    !(matches!(c, '.' | '-') && s >= 2 && b[s - 2].is_ascii_alphanumeric())
}

/// Whether the token may end at `e`: no letter or digit, dotted or hyphenated continuation,
/// unit or `号` right after it.
fn token_end_ok(text: &str, e: usize) -> bool {
    let b = text.as_bytes();
    let Some(c) = text[e..].chars().next() else {
        return true;
    };
    if c.is_ascii_alphanumeric()
        || (matches!(c, '.' | '-') && b.get(e + 1).is_some_and(u8::is_ascii_alphanumeric))
    {
        return false;
    }
    let next = text[e..].trim_start_matches(' ').chars().next();
    !next.is_some_and(|c| NOT_PERSONAL_AFTER.contains(&c))
}

/// Whether `86`/`0086` (after `+` or a non-alphanumeric) and one space or dash come right
/// before `s`.
fn country_code_before(b: &[u8], s: usize) -> bool {
    if s < 3 || !GROUP_SEPARATORS.contains(&b[s - 1]) {
        return false;
    }
    let ce = s - 1;
    let mut cs = ce;
    while cs > 0 && ce - cs < 4 && b[cs - 1].is_ascii_digit() {
        cs -= 1;
    }
    matches!(&b[cs..ce], b"86" | b"0086") && (cs == 0 || !b[cs - 1].is_ascii_alphanumeric())
}

/// What a label says about the number after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    NotPersonal,
    Id,
    Phone,
    Card,
    Account,
}

/// The label ending nearest to `s` within `chars` characters before it on the same line.
fn nearest_label(text: &str, s: usize, chars: usize) -> Option<Label> {
    let mut start = s;
    for (n, (i, c)) in text[..s].char_indices().rev().enumerate() {
        if n == chars || matches!(c, '\n' | '\r' | '。') {
            break;
        }
        start = i;
    }
    let window = &text[start..s];
    // Nearest first: walk back over the window and look up the labels ending in each
    // character (one map lookup per character rather than a search per label).
    window.char_indices().rev().find_map(|(i, c)| {
        let before = &window[..i + c.len_utf8()];
        LABELS_BY_LAST_CHAR
            .get(&c)?
            .iter()
            .find(|(l, _)| before.ends_with(l))
            .map(|(_, label)| *label)
    })
}

/// Every label with what it says, by its last character, non-personal ones first.
static LABELS_BY_LAST_CHAR: LazyLock<HashMap<char, Vec<(&str, Label)>>> = LazyLock::new(|| {
    let lists = [
        (NOT_PERSONAL_LABELS, Label::NotPersonal),
        (ID_LABELS, Label::Id),
        (PHONE_LABELS, Label::Phone),
        (CARD_LABELS, Label::Card),
        (ACCOUNT_LABELS, Label::Account),
    ];
    let mut map: HashMap<char, Vec<(&str, Label)>> = HashMap::new();
    for (list, label) in lists {
        for l in list {
            if let Some(last) = l.chars().next_back() {
                map.entry(last).or_default().push((l, label));
            }
        }
    }
    map
});

/// Whether a non-personal label names the number at `s`.
fn excluded(text: &str, s: usize) -> bool {
    nearest_label(text, s, LABEL_WINDOW) == Some(Label::NotPersonal)
}

/// Whether the nearest label before `s` is of kind `want`.
fn labelled(text: &str, s: usize, want: Label) -> bool {
    nearest_label(text, s, REQUIRED_LABEL_WINDOW) == Some(want)
}

/// The decimal value of ASCII digits.
fn num(d: &[u8]) -> u32 {
    d.iter().fold(0, |n, c| n * 10 + u32::from(c - b'0'))
}

/// GB/T 2260 province-level codes.
fn province_ok(d: &[u8]) -> bool {
    matches!(
        num(&d[..2]),
        11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81 | 82
    )
}

fn date_ok(year: u32, month: u32, day: u32) -> bool {
    (1900..=2099).contains(&year) && NaiveDate::from_ymd_opt(year as i32, month, day).is_some()
}

/// An 18-character 公民身份号码 (GB 11643-1999).
fn id18_valid(d: &[u8]) -> bool {
    if d.len() != 18 || !d[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = d[..17]
        .iter()
        .zip(ID_WEIGHTS)
        .map(|(c, w)| u32::from(c - b'0') * w)
        .sum();
    province_ok(d)
        && date_ok(num(&d[6..10]), num(&d[10..12]), num(&d[12..14]))
        && ID_CHECK[(sum % 11) as usize] == d[17].to_ascii_uppercase()
}

/// A 15-digit 公民身份号码 (GB 11643-1989: address, `YYMMDD`, sequence).
fn id15_valid(d: &[u8]) -> bool {
    d.len() == 15
        && province_ok(d)
        && date_ok(1900 + num(&d[6..8]), num(&d[8..10]), num(&d[10..12]))
}

fn is_mobile(d: &[u8]) -> bool {
    d.len() == 11 && d[0] == b'1' && (b'3'..=b'9').contains(&d[1])
}

/// Luhn (ISO/IEC 7812-1 annex B).
fn luhn(d: &[u8]) -> bool {
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, c)| {
            let v = u32::from(c - b'0');
            match (i % 2, v * 2) {
                (0, _) => v,
                (_, x) if x > 9 => x - 9,
                (_, x) => x,
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Where a card's issuer prefix comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bin {
    /// UnionPay `62` or a domestic debit BIN: reported on its own.
    Domestic,
    /// Visa, Mastercard, JCB, Amex: reported only with a card label.
    International,
}

fn card_bin(d: &[u8]) -> Option<Bin> {
    let n = d.len();
    if (d.starts_with(b"62") && (16..=19).contains(&n))
        || DOMESTIC_BINS
            .iter()
            .any(|(p, len)| n == *len && d.starts_with(p.as_bytes()))
    {
        return Some(Bin::Domestic);
    }
    let (p2, p4) = (num(&d[..2]), num(&d[..4]));
    let international = match n {
        16 => {
            d[0] == b'4'
                || (51..=55).contains(&p2)
                || (2221..=2720).contains(&p4)
                || (3528..=3589).contains(&p4)
        }
        15 => p2 == 34 || p2 == 37,
        _ => false,
    };
    international.then_some(Bin::International)
}

/// Whether the digits `d` (16–19, or 15 for Amex) starting at `s` are a card to report.
fn card_ok(text: &str, s: usize, d: &[u8]) -> bool {
    let Some(bin) = card_bin(d) else {
        return false;
    };
    luhn(d) && !excluded(text, s) && (bin == Bin::Domestic || labelled(text, s, Label::Card))
}

/// The context of hit `k`: [`SNIPPET_CHARS`] either side, widened so no hit is cut, every hit
/// masked, whitespace collapsed.
fn snippet(
    text: &str,
    spans: &[(PersonalKind, Range<usize>)],
    masks: &[String],
    k: usize,
) -> String {
    let r = &spans[k].1;
    let mut from = text[..r.start]
        .char_indices()
        .rev()
        .nth(SNIPPET_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let mut to = text[r.end..]
        .char_indices()
        .nth(SNIPPET_CHARS)
        .map_or(text.len(), |(i, _)| r.end + i);
    let mut lo = k;
    while lo > 0 && spans[lo - 1].1.end > from {
        lo -= 1;
        from = from.min(spans[lo].1.start);
    }
    let mut hi = k;
    while hi + 1 < spans.len() && spans[hi + 1].1.start < to {
        hi += 1;
        to = to.max(spans[hi].1.end);
    }
    let mut out = String::with_capacity(to - from);
    let mut pos = from;
    for j in lo..=hi {
        push_collapsed(&mut out, &text[pos..spans[j].1.start]);
        out.push_str(&masks[j]);
        pos = spans[j].1.end;
    }
    push_collapsed(&mut out, &text[pos..to]);
    out.truncate(out.trim_end().len());
    out
}

/// Appends `s` with each run of whitespace as one space, none at the start of `out`.
fn push_collapsed(out: &mut String, s: &str) {
    for c in s.chars() {
        if !c.is_whitespace() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
}

#[cfg(test)]
#[path = "privacy_tests.rs"]
mod tests;
