//! Hand-drawn SVG bar charts (no plotting crate): plain shapes and text, CJK font stack, so
//! they render the same in a browser, LibreOffice and rsvg.

use std::fmt::Write as _;

use crate::bulletin::{ScoreBand, bands};
use crate::model::{Overall, SiteScore, percent};
use crate::text;

const FONT: &str = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC','WenQuanYi Micro Hei',SimHei,sans-serif";
const BLUE: &str = "#2F5597";
const RED: &str = "#C0392B";
const GREY: &str = "#E7E6E6";
const INK: &str = "#333333";
const GRID: &str = "#BFBFBF";

/// XML-escapes text for SVG/HTML content and attribute values.
pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Characters XML 1.0 forbids.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn open(w: u32, h: u32, title: &str) -> String {
    let t = xml_escape(title);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{t}\" font-family=\"{FONT}\">\n\
         <title>{t}</title>\n\
         <rect width=\"{w}\" height=\"{h}\" fill=\"#FFFFFF\"/>\n\
         <text x=\"{}\" y=\"28\" text-anchor=\"middle\" font-size=\"17\" font-weight=\"bold\" fill=\"{INK}\">{t}</text>\n",
        w / 2
    )
}

/// Horizontal bars of the pass rates of sites and (when any was checked) accounts, 0–100 %,
/// each labelled "96.6%（85/88）".
pub fn chart_pass_rate_svg(o: &Overall) -> String {
    let mut rows = vec![(text::SITES_WORD, o.sites_passed, o.sites_checked)];
    if o.accounts_checked > 0 {
        rows.push((text::ACCOUNTS_WORD, o.accounts_passed, o.accounts_checked));
    }
    let (w, x0, bar_w, row_h) = (600u32, 120u32, 330u32, 46u32);
    let top = 52u32;
    let h = top + row_h * rows.len() as u32 + 40;
    let mut s = open(w, h, text::CHART_PASS_RATE);
    let axis_y = top + row_h * rows.len() as u32;
    for pct in (0..=100).step_by(20) {
        let x = x0 + bar_w * pct / 100;
        let _ = write!(
            s,
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{axis_y}\" stroke=\"{GRID}\" stroke-width=\"1\" stroke-dasharray=\"3,3\"/>\n\
             <text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{INK}\">{pct}%</text>\n",
            top - 6,
            axis_y + 18
        );
    }
    for (i, (label, passed, checked)) in rows.iter().enumerate() {
        let y = top + row_h * i as u32 + 8;
        let filled = if *checked == 0 {
            0
        } else {
            (u64::from(bar_w) * u64::from(*passed) / u64::from(*checked)) as u32
        };
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"14\" fill=\"{INK}\">{}</text>\n\
             <rect x=\"{x0}\" y=\"{y}\" width=\"{bar_w}\" height=\"24\" fill=\"{GREY}\"/>\n\
             <rect x=\"{x0}\" y=\"{y}\" width=\"{filled}\" height=\"24\" fill=\"{BLUE}\"/>\n\
             <text x=\"{}\" y=\"{}\" font-size=\"14\" fill=\"{INK}\">{}（{passed}/{checked}）</text>\n",
            x0 - 10,
            y + 17,
            xml_escape(label),
            x0 + bar_w + 8,
            y + 17,
            xml_escape(&percent(*passed, *checked)),
        );
    }
    s.push_str("</svg>\n");
    s
}

/// Vertical bars: number of sites per score band (110 分及以上 … 不合格), 不合格 in red.
pub fn chart_score_bands_svg(sites: &[SiteScore]) -> String {
    let data: Vec<(ScoreBand, usize)> = bands(sites)
        .into_iter()
        .filter(|(b, v)| *b != ScoreBand::Unscored || !v.is_empty())
        .map(|(b, v)| (b, v.len()))
        .collect();
    let (w, h) = (600u32, 300u32);
    let (left, right, top, bottom) = (56u32, 20u32, 52u32, 250u32);
    let max = data.iter().map(|d| d.1).max().unwrap_or(0);
    let (y_max, step) = nice_axis(max);
    let plot_h = bottom - top;
    let mut s = open(w, h, text::CHART_SCORE_BANDS);
    let mut v = 0;
    while v <= y_max {
        let y = bottom - (plot_h as usize * v / y_max) as u32;
        let _ = write!(
            s,
            "<line x1=\"{left}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{GRID}\" stroke-width=\"1\"{}/>\n\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\" fill=\"{INK}\">{v}</text>\n",
            w - right,
            if v == 0 {
                ""
            } else {
                " stroke-dasharray=\"3,3\""
            },
            left - 8,
            y + 4
        );
        v += step;
    }
    let _ = writeln!(
        s,
        "<text x=\"16\" y=\"{}\" font-size=\"12\" fill=\"{INK}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {})\">{}</text>",
        (top + bottom) / 2,
        (top + bottom) / 2,
        xml_escape(text::COL_BAND_COUNT)
    );
    let slot = (w - left - right) / data.len().max(1) as u32;
    let bar = slot * 3 / 5;
    for (i, (band, n)) in data.iter().enumerate() {
        let x = left + slot * i as u32 + (slot - bar) / 2;
        let bh = (plot_h as usize * n / y_max) as u32;
        let y = bottom - bh;
        let fill = if *band == ScoreBand::Fail { RED } else { BLUE };
        let cx = x + bar / 2;
        let _ = write!(
            s,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{bar}\" height=\"{bh}\" fill=\"{fill}\"/>\n\
             <text x=\"{cx}\" y=\"{}\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\" fill=\"{INK}\">{n}</text>\n\
             <text x=\"{cx}\" y=\"{}\" text-anchor=\"middle\" font-size=\"13\" fill=\"{INK}\">{}</text>\n",
            y.saturating_sub(6),
            bottom + 22,
            xml_escape(band.label_zh())
        );
    }
    s.push_str("</svg>\n");
    s
}

/// A y-axis top and tick step with 2–6 integer ticks covering `max`.
fn nice_axis(max: usize) -> (usize, usize) {
    if max == 0 {
        return (1, 1);
    }
    let step = [
        1usize, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000,
    ]
    .into_iter()
    .find(|s| max.div_ceil(*s) <= 5)
    .unwrap_or_else(|| max.div_ceil(5));
    (max.div_ceil(step) * step, step)
}
