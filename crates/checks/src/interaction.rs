//! Interaction (V5 互动回应差): is there a consultation channel, are messages answered within
//! three months, and within the configured number of working days.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde_json::json;
use xunwang_core::{CalendarError, FindingKind, Severity, WorkCalendar};
use xunwang_extract::{FormPurpose, Stamp};

use crate::index::SiteIndex;
use crate::keys::page_key;
use crate::site::{PageRecord, Sink, Tallies};
use crate::{Config, text};

/// One message, merged from its board rows and its detail page.
#[derive(Default)]
struct Message {
    title: String,
    url: String,
    posted: Option<Stamp>,
    replied: Option<Stamp>,
    /// `None`: nothing says whether it was answered.
    answered: Option<bool>,
}

/// Judges V5.1 (channel) and V5.2 (unanswered), plus slow replies.
pub(crate) fn judge(
    index: &SiteIndex<'_>,
    config: &Config,
    today: NaiveDate,
    calendar: &WorkCalendar,
    sink: &mut Sink,
    tallies: &mut Tallies,
) {
    let rules = &config.interaction;
    tallies.has_channel = has_channel(index.pages, config);
    if !tallies.has_channel {
        sink.push(
            FindingKind::InteractionNoChannel,
            Severity::Veto,
            index.home_url,
            text::NO_CHANNEL.to_owned(),
            vec![("pages_read", json!(index.pages.len()))],
        );
    }

    let messages = collect(index.pages, config);
    let lookback = config.windows.interaction_lookback.start(today);
    let window = config.windows.unanswered;
    let window_label = window.label_zh();
    let overdue_before = window.start(today);
    let mut without_date = 0u32;
    let mut state_unknown = 0u32;
    let mut uncovered: BTreeMap<i32, u32> = BTreeMap::new();
    let mut other_errors: BTreeMap<String, u32> = BTreeMap::new();

    for m in messages.values() {
        tallies.messages += 1;
        let Some(posted) = m.posted.map(|s| s.date) else {
            without_date += 1;
            continue;
        };
        // V5.2 "监测时间点前1年内": older messages are outside the window.
        if posted < lookback {
            continue;
        }
        let Some(answered) = m.answered else {
            state_unknown += 1;
            continue;
        };
        let replied = m.replied.map(|s| s.date);
        let mut facts = vec![
            ("title", json!(m.title)),
            ("message_url", json!(m.url)),
            ("posted", json!(posted.to_string())),
            (
                "replied",
                json!(replied.map_or_else(|| text::NOT_REPLIED.to_owned(), |d| d.to_string())),
            ),
            ("window", json!(window.to_string())),
            ("now", json!(today.to_string())),
        ];
        // V5.2: not answered within the window — still unanswered, or answered too late.
        let overdue = match (answered, replied) {
            (false, _) => (posted < overdue_before)
                .then(|| text::unanswered(&m.title, posted, today, &window_label)),
            (true, Some(r)) if r > window.end(posted) => {
                Some(text::replied_late(&m.title, posted, r, &window_label))
            }
            (true, _) => None,
        };
        if let Some(summary) = overdue {
            tallies.unanswered_messages += 1;
            sink.push(
                FindingKind::InteractionUnanswered,
                Severity::Veto,
                &m.url,
                summary,
                facts,
            );
            continue;
        }
        let (true, Some(replied)) = (answered, replied) else {
            continue;
        };
        match calendar.working_days_between(posted, replied) {
            Ok(days) if days > rules.reply_working_days => {
                tallies.slow_replies += 1;
                let summary =
                    text::slow_reply(&m.title, posted, replied, days, rules.reply_working_days);
                facts.push(("working_days", json!(days)));
                facts.push(("limit_working_days", json!(rules.reply_working_days)));
                facts.push(("calendar", json!(text::CALENDAR)));
                sink.push(
                    FindingKind::InteractionSlowReply,
                    Severity::Warning,
                    &m.url,
                    summary,
                    facts,
                );
            }
            Ok(_) => {}
            Err(CalendarError::UnknownYear { date }) => {
                *uncovered.entry(date.year()).or_default() += 1;
            }
            Err(other) => *other_errors.entry(other.to_string()).or_default() += 1,
        }
    }

    if without_date > 0 {
        sink.note(text::note_messages_without_date(without_date));
    }
    if state_unknown > 0 {
        sink.note(text::note_messages_state_unknown(state_unknown));
    }
    for (year, n) in uncovered {
        sink.note(text::note_calendar_uncovered(n, year));
    }
    for (error, n) in other_errors {
        sink.note(text::note_calendar_error(n, &error));
    }
}

/// V5.1: a board, a message form, or a nav link / block heading naming a consultation channel,
/// none of them in a 信访/纪检举报 channel.
fn has_channel(pages: &[PageRecord], config: &Config) -> bool {
    let rules = &config.interaction;
    let excluded = |t: &str| {
        rules
            .channel_exclusions
            .iter()
            .any(|x| !x.is_empty() && t.contains(x.as_str()))
    };
    let names_channel = |t: &str| {
        rules
            .channel_keywords
            .iter()
            .any(|k| !k.is_empty() && t.contains(k.as_str()))
            && !excluded(t)
    };
    pages.iter().any(|p| {
        let m = &p.model;
        let special_page = excluded(&section_label(p, true));
        let page_channel = !special_page
            && (!m.board.is_empty() || m.forms.iter().any(|f| f.purpose == FormPurpose::Message));
        page_channel
            || m.nav.iter().any(|l| names_channel(&l.text))
            || m.blocks.iter().any(|b| names_channel(&b.heading))
    })
}

/// The words naming the section a page is in: its column, breadcrumb, and (for list pages)
/// its heading and title. A message detail page's title is the message's, so it is left out.
fn section_label(page: &PageRecord, with_title: bool) -> String {
    let m = &page.model;
    let mut parts: Vec<&str> = Vec::new();
    parts.extend(m.meta_column.as_deref());
    parts.extend(m.column.as_deref());
    let crumbs = m.breadcrumb.len().saturating_sub(usize::from(!with_title));
    parts.extend(m.breadcrumb.iter().take(crumbs).map(|c| c.text.as_str()));
    if with_title {
        parts.extend(m.heading.as_deref());
        parts.extend(page.title.as_deref());
    }
    parts.join(" ")
}

/// Messages of consultation columns, by page key of their detail URL: board rows merged, then
/// the detail page's fields preferred. Columns of 在线访谈、调查征集、网上信访、纪检举报 are left
/// out (V5.2).
fn collect(pages: &[PageRecord], config: &Config) -> BTreeMap<String, Message> {
    let exclusions = &config.interaction.message_exclusions;
    let excluded = |label: &str| {
        exclusions
            .iter()
            .any(|x| !x.is_empty() && label.contains(x.as_str()))
    };
    let mut messages: BTreeMap<String, Message> = BTreeMap::new();
    for page in pages {
        if page.model.board.is_empty() || excluded(&section_label(page, true)) {
            continue;
        }
        for row in &page.model.board {
            let m = messages.entry(page_key(&row.url)).or_default();
            if m.title.trim().is_empty() {
                m.title = row.title.trim().to_owned();
            }
            if m.url.is_empty() {
                m.url = row.url.clone();
            }
            m.posted = m.posted.or(row.posted);
            m.replied = m.replied.or(row.replied);
            let row_answered = row.answered.or(row.replied.map(|_| true));
            m.answered = m.answered.or(row_answered);
        }
    }
    for page in pages {
        let Some(detail) = &page.model.message else {
            continue;
        };
        if excluded(&section_label(page, false)) {
            continue;
        }
        let m = messages.entry(page_key(&page.url)).or_default();
        if !detail.title.trim().is_empty() {
            m.title = detail.title.trim().to_owned();
        }
        m.url = page.url.clone();
        m.posted = detail.posted.or(m.posted);
        m.replied = detail.replied.or(m.replied);
        m.answered = Some(detail.answered);
    }
    messages
}
