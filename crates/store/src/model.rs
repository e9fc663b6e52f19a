//! The records the store keeps: sites, runs, frontier rows, pages, target verdicts.

use chrono::{DateTime, FixedOffset};
use xunwang_core::{Hop, LinkVerdict, Occurrence};

/// Database id of a site.
pub type SiteId = i64;

/// Database id of an inspection run.
pub type RunId = i64;

/// Where a run stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunStatus {
    /// Started and not finished: a crash leaves a run in this state, and `inspect` resumes it.
    Running,
    /// Finished normally.
    Finished,
    /// Given up (the engine decided the run cannot complete).
    Failed,
}

impl RunStatus {
    /// The text stored in the `status` column.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            RunStatus::Running => "running",
            RunStatus::Finished => "finished",
            RunStatus::Failed => "failed",
        }
    }

    /// Parses the stored text.
    pub(crate) fn parse(s: &str) -> Option<RunStatus> {
        match s {
            "running" => Some(RunStatus::Running),
            "finished" => Some(RunStatus::Finished),
            "failed" => Some(RunStatus::Failed),
            _ => None,
        }
    }
}

/// One inspection run of one site.
#[derive(Clone, Debug)]
pub struct Run {
    /// Its id.
    pub id: RunId,
    /// The site inspected.
    pub site: SiteId,
    /// When it started.
    pub started_at: DateTime<FixedOffset>,
    /// When it finished or failed; `None` while running.
    pub finished_at: Option<DateTime<FixedOffset>>,
    /// Where it stands.
    pub status: RunStatus,
    /// The engine's statistics, as JSON, once finished.
    pub stats: Option<String>,
}

/// What a frontier URL is fetched for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    /// A page of the site: fetched, parsed, its links followed.
    Page,
    /// A target that is only checked (external link, image, download), never parsed.
    Check,
}

impl EntryKind {
    /// The text stored in the `kind` column.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            EntryKind::Page => "page",
            EntryKind::Check => "check",
        }
    }

    /// Parses the stored text.
    pub(crate) fn parse(s: &str) -> Option<EntryKind> {
        match s {
            "page" => Some(EntryKind::Page),
            "check" => Some(EntryKind::Check),
            _ => None,
        }
    }
}

/// One URL of a run's frontier.
#[derive(Clone, Debug, PartialEq)]
pub struct FrontierRow {
    /// The URL, as the engine normalised it (unique per run).
    pub url: String,
    /// Link depth from the home page (0 for the home page).
    pub depth: u32,
    /// Page or check-only.
    pub kind: EntryKind,
    /// True once its [`Commit`] is stored.
    pub done: bool,
}

/// What was learnt about a fetched page.
#[derive(Clone, Debug, PartialEq)]
pub struct PageRecord {
    /// The URL requested.
    pub url: String,
    /// The URL after redirects.
    pub final_url: String,
    /// Final HTTP status, if an answer came.
    pub status: Option<u16>,
    /// `Content-Type` of the answer.
    pub content_type: Option<String>,
    /// Body size in bytes.
    pub bytes: u64,
    /// Time to fetch, in milliseconds.
    pub elapsed_ms: u64,
    /// Content hash (for change detection across runs).
    pub hash: Option<String>,
    /// The page title.
    pub title: Option<String>,
    /// The character set the body was decoded with.
    pub charset: Option<String>,
    /// `ETag` header.
    pub etag: Option<String>,
    /// `Last-Modified` header, verbatim.
    pub last_modified: Option<String>,
    /// When it was fetched.
    pub fetched_at: DateTime<FixedOffset>,
    /// What the checks read from the page, as JSON written by the engine (the store does not
    /// interpret it); `None` for pages that were not parsed (not HTML, off-site, failed).
    pub model: Option<String>,
}

/// The verdict on one unique target URL in one run.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetRecord {
    /// The target URL (unique per run).
    pub url: String,
    /// Ok, Broken or Indeterminate, with the reason.
    pub verdict: LinkVerdict,
    /// Final HTTP status, if an answer came.
    pub status: Option<u16>,
    /// Redirects followed.
    pub redirects: Vec<Hop>,
    /// How many requests it took.
    pub attempts: u32,
    /// When the verdict was reached.
    pub checked_at: DateTime<FixedOffset>,
}

/// Everything learnt from fetching one frontier URL, committed atomically.
#[derive(Clone, Debug)]
pub struct Commit {
    /// The verdict on the fetched URL itself; its frontier row is marked done.
    pub target: TargetRecord,
    /// The page record, when the URL was a page that was downloaded.
    pub page: Option<PageRecord>,
    /// URLs discovered on the page, to add to the frontier (duplicates are ignored).
    pub discovered: Vec<FrontierRow>,
    /// Where targets are linked from: `(target url, occurrence)`. Kept only while the target
    /// is not known to be Ok in this run.
    pub occurrences: Vec<(String, Occurrence)>,
    /// What the content checks found on the fetched URL, one JSON document each (the engine
    /// owns the format). They replace the URL's earlier hits in the run.
    pub hits: Vec<String>,
}
