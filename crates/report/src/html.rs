//! HTML writer: one self-contained page (inline CSS, inline SVG charts), print-friendly A4.

use std::fmt::Write as _;

use crate::chart::{chart_pass_rate_svg, chart_score_bands_svg, xml_escape};
use crate::doc::{Align, Block, ChartKind, Inline, Table, linkable};
use crate::model::{Bulletin, Overall, PeriodInfo, SiteScore};

const CSS: &str = r#"
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
html { background: #f3f3f3; }
body { font-family: "仿宋_GB2312", "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif;
  font-size: 16pt; line-height: 28.95pt; color: #111; background: #fff; max-width: 156mm; margin: 0 auto; padding: 20mm 26mm 20mm 28mm; }
h1, h1.title { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "宋体", "SimSun", "Noto Serif CJK SC", serif;
  font-weight: normal; font-size: 22pt; line-height: 35pt; text-align: center; margin: 0 0 28.95pt; }
.subtitle { text-align: center; font-family: "楷体_GB2312", "KaiTi", "楷体", "STKaiti", serif; margin-top: -28pt; }
h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-weight: normal;
  font-size: 16pt; margin: 0; text-indent: 2em; }
h3 { font-family: "楷体_GB2312", "KaiTi", "楷体", "STKaiti", "Noto Serif CJK SC", serif; font-weight: normal;
  font-size: 16pt; margin: 0; text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.salutation, p.attachments { text-indent: 0; }
p.attachments { margin-top: 28.95pt; padding-left: 2em; }
p.signature { text-align: right; text-indent: 0; margin-top: 28.95pt; padding-right: 2em; }
.label { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; margin-bottom: 28.95pt; }
.note { font-size: 12pt; line-height: 20pt; text-indent: 0; color: #333; }
table { border-collapse: collapse; width: 100%; font-size: 12pt; line-height: 1.45; margin: 6pt 0 18pt; table-layout: fixed; }
th, td { border: 1px solid #000; padding: 3pt 5pt; vertical-align: middle; word-break: break-all; }
th { background: #d9d9d9; font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; }
td.c { text-align: center; }
a { color: #1f4e9a; }
figure { margin: 12pt 0; text-align: center; }
figure svg { max-width: 100%; height: auto; }
hr.page { border: 0; border-top: 1px dashed #999; margin: 28pt 0; }
@media print {
  html, body { background: #fff; }
  body { max-width: none; padding: 0; }
  hr.page { border: 0; margin: 0; break-after: page; }
  figure, tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// The bulletin as one self-contained HTML page with both charts inline.
pub fn bulletin_html(b: &Bulletin) -> String {
    page(
        &b.title,
        &crate::bulletin::build(b),
        Some((&b.overall, &b.sites)),
    )
}

/// One site's 检查情况表 as one self-contained HTML page.
pub fn site_sheet_html(s: &SiteScore, period: &PeriodInfo) -> String {
    let blocks = crate::sheet::build(s, period);
    page(
        &format!("{}{}", s.name, crate::text::SHEET_TITLE_SUFFIX),
        &blocks,
        None,
    )
}

fn inlines(parts: &[Inline]) -> String {
    parts
        .iter()
        .map(|p| match p {
            Inline::Text(t) => xml_escape(t),
            Inline::Link { text, url } if linkable(url) => {
                format!("<a href=\"{}\">{}</a>", xml_escape(url), xml_escape(text))
            }
            Inline::Link { text, .. } => xml_escape(text),
        })
        .collect()
}

fn table(t: &Table, out: &mut String) {
    let total: u32 = t.widths.iter().sum::<u32>().max(1);
    out.push_str("<table>\n<colgroup>");
    for w in &t.widths {
        let _ = write!(
            out,
            "<col style=\"width:{:.1}%\">",
            f64::from(*w) * 100.0 / f64::from(total)
        );
    }
    out.push_str("</colgroup>\n<thead><tr>");
    for h in &t.header {
        let _ = write!(out, "<th>{}</th>", xml_escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (ri, row) in t.rows.iter().enumerate() {
        out.push_str("<tr>");
        for (ci, c) in row.iter().enumerate() {
            if c.merged_up {
                continue;
            }
            // Span the rows this cell absorbs.
            let span = 1 + t.rows[ri + 1..]
                .iter()
                .take_while(|r| r.get(ci).is_some_and(|c| c.merged_up))
                .count();
            let rowspan = if span > 1 {
                format!(" rowspan=\"{span}\"")
            } else {
                String::new()
            };
            let class = if c.align == Align::Center {
                " class=\"c\""
            } else {
                ""
            };
            let body = c
                .lines
                .iter()
                .map(|l| inlines(l))
                .collect::<Vec<_>>()
                .join("<br>");
            let _ = write!(out, "<td{class}{rowspan}>{body}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn page(title: &str, blocks: &[Block], charts: Option<(&Overall, &[SiteScore])>) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        xml_escape(title)
    );
    for block in blocks {
        match block {
            Block::Title(t) => {
                let _ = writeln!(out, "<h1 class=\"title\">{}</h1>", xml_escape(t));
            }
            Block::Subtitle(t) => {
                let _ = writeln!(out, "<p class=\"subtitle\">{}</p>", xml_escape(t));
            }
            Block::Salutation(t) => {
                let _ = writeln!(out, "<p class=\"salutation\">{}</p>", xml_escape(t));
            }
            Block::Heading1(t) => {
                let _ = writeln!(out, "<h2>{}</h2>", xml_escape(t));
            }
            Block::Heading2(t) => {
                let _ = writeln!(out, "<h3>{}</h3>", xml_escape(t));
            }
            Block::Para(parts) => {
                let _ = writeln!(out, "<p>{}</p>", inlines(parts));
            }
            Block::AttachmentList(items) => {
                let lines: Vec<String> = items
                    .iter()
                    .enumerate()
                    .map(|(i, it)| {
                        format!(
                            "{}{}",
                            if i == 0 { "附件：" } else { "　　　" },
                            xml_escape(it)
                        )
                    })
                    .collect();
                let _ = writeln!(out, "<p class=\"attachments\">{}</p>", lines.join("<br>"));
            }
            Block::Signature { issuer, date } => {
                let _ = writeln!(
                    out,
                    "<p class=\"signature\">{}<br>{}</p>",
                    xml_escape(issuer),
                    xml_escape(date)
                );
            }
            Block::PageBreak => out.push_str("<hr class=\"page\">\n"),
            Block::AttachmentLabel(t) => {
                let _ = writeln!(out, "<p class=\"salutation label\">{}</p>", xml_escape(t));
            }
            Block::Table(t) => table(t, &mut out),
            Block::Chart(kind) => {
                if let Some((overall, sites)) = charts {
                    let svg = match kind {
                        ChartKind::PassRate => chart_pass_rate_svg(overall),
                        ChartKind::ScoreBands => chart_score_bands_svg(sites),
                    };
                    let _ = writeln!(out, "<figure>\n{svg}</figure>");
                }
            }
            Block::Note(t) => {
                let _ = writeln!(out, "<p class=\"note\">{}</p>", xml_escape(t));
            }
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}
