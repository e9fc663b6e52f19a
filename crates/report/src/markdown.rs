//! Markdown writer. Charts are referenced as files the caller writes next to the Markdown file.

use crate::doc::{Block, ChartKind, Inline, Table, linkable};
use crate::model::{Bulletin, PeriodInfo, SiteScore};
use crate::text;

/// Where the Markdown bulletin expects the pass-rate chart ([`crate::chart_pass_rate_svg`]),
/// relative to the Markdown file.
pub const CHART_PASS_RATE_PATH: &str = "charts/pass-rate.svg";
/// Where the Markdown bulletin expects the score-band chart ([`crate::chart_score_bands_svg`]),
/// relative to the Markdown file.
pub const CHART_SCORE_BANDS_PATH: &str = "charts/score-bands.svg";

/// The bulletin as Markdown (GitHub-flavoured tables). The caller writes the two charts to
/// [`CHART_PASS_RATE_PATH`] and [`CHART_SCORE_BANDS_PATH`] beside the file.
pub fn bulletin_markdown(b: &Bulletin) -> String {
    render(&crate::bulletin::build(b))
}

/// One site's 检查情况表 as Markdown.
pub fn site_sheet_markdown(s: &SiteScore, period: &PeriodInfo) -> String {
    render(&crate::sheet::build(s, period))
}

/// Escapes Markdown syntax in running text (also `|`, so text is safe inside table cells, and
/// `<`/`>` so no raw HTML gets through).
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // A leading "-" or "+" would start a list and "=" a setext heading; "12." an ordered list
    // (its dot is escaped below).
    if s.starts_with(['-', '+', '=']) {
        out.push('\\');
    }
    let list_dot = s
        .find('.')
        .filter(|&i| i > 0 && s[..i].bytes().all(|b| b.is_ascii_digit()));
    let s = match list_dot {
        Some(i) => {
            out.push_str(&s[..i]);
            out.push_str("\\.");
            &s[i + 1..]
        }
        None => s,
    };
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '&' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

fn escape_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '"' => out.push_str("%22"),
            '|' => out.push_str("%7C"),
            '\\' => out.push_str("%5C"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn inlines(parts: &[Inline]) -> String {
    parts
        .iter()
        .map(|p| match p {
            Inline::Text(t) => escape(t),
            Inline::Link { text, url } if linkable(url) => {
                format!("[{}]({})", escape(text), escape_url(url))
            }
            Inline::Link { text, .. } => escape(text),
        })
        .collect()
}

fn table(t: &Table, out: &mut String) {
    let row = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    out.push_str(&row(t.header.iter().map(|h| escape(h)).collect()));
    out.push_str(&row(t.header.iter().map(|_| "---".to_owned()).collect()));
    for r in &t.rows {
        out.push_str(&row(r
            .iter()
            .map(|c| {
                if c.merged_up {
                    String::new()
                } else {
                    c.lines
                        .iter()
                        .map(|l| inlines(l))
                        .collect::<Vec<_>>()
                        .join("<br>")
                }
            })
            .collect()));
    }
    out.push('\n');
}

fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut first_title = true;
    for block in blocks {
        match block {
            Block::Title(t) => {
                let level = if std::mem::replace(&mut first_title, false) {
                    "#"
                } else {
                    "##"
                };
                out.push_str(&format!("{level} {}\n\n", escape(t)));
            }
            Block::Subtitle(t) | Block::Salutation(t) => {
                out.push_str(&format!("{}\n\n", escape(t)))
            }
            Block::Heading1(t) => out.push_str(&format!("## {}\n\n", escape(t))),
            Block::Heading2(t) => out.push_str(&format!("### {}\n\n", escape(t))),
            Block::Para(parts) => out.push_str(&format!("{}\n\n", inlines(parts))),
            Block::AttachmentList(items) => {
                let lines: Vec<String> = items
                    .iter()
                    .enumerate()
                    .map(|(i, it)| {
                        format!("{}{}", if i == 0 { "附件：" } else { "　　　" }, escape(it))
                    })
                    .collect();
                out.push_str(&format!("{}\n\n", lines.join("  \n")));
            }
            Block::Signature { issuer, date } => {
                out.push_str(&format!("{}  \n{}\n\n", escape(issuer), escape(date)));
            }
            Block::PageBreak => out.push_str("---\n\n"),
            Block::AttachmentLabel(t) => out.push_str(&format!("**{}**\n\n", escape(t))),
            Block::Table(t) => table(t, &mut out),
            Block::Chart(kind) => {
                let (alt, path) = match kind {
                    ChartKind::PassRate => (text::CHART_PASS_RATE, CHART_PASS_RATE_PATH),
                    ChartKind::ScoreBands => (text::CHART_SCORE_BANDS, CHART_SCORE_BANDS_PATH),
                };
                out.push_str(&format!("![{alt}]({path})\n\n"));
            }
            Block::Note(t) => out.push_str(&format!("{}\n\n", escape(t))),
        }
    }
    out
}
