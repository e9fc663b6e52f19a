//! A tiny document model between the report data and the output formats.
//!
//! The bulletin and the 检查情况表 are first laid out as a list of [`Block`]s (the words, in
//! order); the DOCX, Markdown and HTML writers only decide how each block looks. That is what
//! keeps the three formats saying the same thing.

/// A piece of running text: plain or a link.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Inline {
    /// Plain text.
    Text(String),
    /// A hyperlink; `text` is shown (usually the URL itself).
    Link { text: String, url: String },
}

impl Inline {
    pub(crate) fn text(s: impl Into<String>) -> Self {
        Inline::Text(s.into())
    }

    pub(crate) fn link(url: impl Into<String>) -> Self {
        let url = url.into();
        Inline::Link {
            text: url.clone(),
            url,
        }
    }
}

/// Horizontal alignment of a table cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
}

/// One table cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cell {
    /// Lines of the cell; each line is a run of inlines.
    pub lines: Vec<Vec<Inline>>,
    pub align: Align,
    /// The cell continues the one above (vertically merged in DOCX, left blank elsewhere).
    pub merged_up: bool,
}

impl Cell {
    pub(crate) fn new(s: impl Into<String>) -> Self {
        Cell {
            lines: vec![vec![Inline::text(s)]],
            align: Align::Left,
            merged_up: false,
        }
    }

    pub(crate) fn center(s: impl Into<String>) -> Self {
        Cell {
            align: Align::Center,
            ..Cell::new(s)
        }
    }

    pub(crate) fn lines(lines: Vec<Vec<Inline>>) -> Self {
        Cell {
            lines,
            align: Align::Left,
            merged_up: false,
        }
    }
}

/// A table: relative column widths, a header row and body rows.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    /// Relative widths (any unit; the writers scale them to the text width).
    pub widths: Vec<u32>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Which chart a [`Block::Chart`] stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChartKind {
    PassRate,
    ScoreBands,
}

/// One block of a document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    /// The document title (centred, 小标宋 二号).
    Title(String),
    /// A centred line under the title (e.g. the period of a 检查情况表).
    Subtitle(String),
    /// 主送机关 line: flush left, no indent.
    Salutation(String),
    /// "一、总体情况" (黑体).
    Heading1(String),
    /// "（一）空白栏目" (楷体).
    Heading2(String),
    /// A body paragraph (first-line indent 2 characters).
    Para(Vec<Inline>),
    /// "附件：1．…" list after the body (hanging indent).
    AttachmentList(Vec<String>),
    /// 发文机关署名 and 成文日期, right-aligned.
    Signature { issuer: String, date: String },
    /// Starts a new page (DOCX) or a horizontal rule (HTML/Markdown).
    PageBreak,
    /// "附件1" label at the top of an attachment (黑体, flush left).
    AttachmentLabel(String),
    /// A table.
    Table(Table),
    /// A chart (HTML/Markdown only; DOCX skips it).
    Chart(ChartKind),
    /// Small print: caveats and legends.
    Note(String),
}

/// Whether a URL may become a live link: only http(s). Anything else (`javascript:`, `data:`,
/// relative paths) is shown as text.
pub(crate) fn linkable(url: &str) -> bool {
    let lower = url
        .trim_start()
        .get(..8)
        .unwrap_or(url)
        .to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}
