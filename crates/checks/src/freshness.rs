//! Freshness: stale, long-unupdated and empty columns (V4) and the home page (V3).

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use serde_json::{Value, json};
use xunwang_core::{FindingKind, Severity};

use crate::columns::{ColumnInfo, item_source, judged_on_freshness};
use crate::config::Window;
use crate::index::SiteIndex;
use crate::site::{Column, ColumnClass, NewestItem, Sink, Tallies};
use crate::{Config, text};

/// Judges every leaf column (and every parent with items of its own): `column.empty`,
/// `column.stale`, `column.long_unupdated`; counts them in `tallies`.
pub(crate) fn judge_columns(
    columns: &[ColumnInfo],
    config: &Config,
    today: NaiveDate,
    sink: &mut Sink,
    tallies: &mut Tallies,
) {
    for info in columns {
        let c = &info.column;
        // A channel page that only leads to its sub-columns is judged through them.
        if !c.children.is_empty() && c.items == 0 {
            continue;
        }
        if c.items == 0 {
            judge_without_items(info, config, today, sink, tallies);
            continue;
        }
        if !judged_on_freshness(c.class, c.level) {
            continue;
        }
        let Some(newest) = &c.newest else {
            sink.note(text::note_undated(&c.name, c.items, &c.url));
            continue;
        };
        let (window, kind, severity) = match c.class {
            ColumnClass::News => (
                config.windows.news,
                FindingKind::ColumnStale,
                Severity::Serious,
            ),
            ColumnClass::Notice | ColumnClass::Policy => (
                config.windows.notice,
                FindingKind::ColumnStale,
                Severity::Serious,
            ),
            ColumnClass::Periodic => (
                config.windows.periodic,
                FindingKind::ColumnLongUnupdated,
                Severity::Warning,
            ),
            ColumnClass::Static | ColumnClass::Interaction | ColumnClass::Other => continue,
        };
        if window.contains(newest.date, today) {
            continue;
        }
        match kind {
            FindingKind::ColumnLongUnupdated => tallies.long_unupdated_columns += 1,
            _ => tallies.stale_columns += 1,
        }
        let summary = text::column_outdated(&c.name, c.class, c.level, newest, &window.label_zh());
        let mut facts = column_facts(c);
        facts.push(("window", json!(window.to_string())));
        facts.push(("window_start", json!(window.start(today).to_string())));
        facts.push(("now", json!(today.to_string())));
        sink.push(kind, severity, &c.url, summary, facts);
    }
}

/// Visible characters below which a column page that shows no list is a navigation shell
/// (noted for a person to look at); above it, a short page such as a 领导信息 page naming four
/// people is content, and nothing is said.
const SHELL_MAX_TEXT_LEN: usize = 10;

/// A column without items: empty (空白栏目, V4.3) when it shows an empty list or a
/// placeholder and almost no text; a navigation shell (no list, no text) is only noted.
fn judge_without_items(
    info: &ColumnInfo,
    config: &Config,
    today: NaiveDate,
    sink: &mut Sink,
    tallies: &mut Tallies,
) {
    let c = &info.column;
    let shows_list = c.placeholder.is_some() || info.list_container;
    if info.text_len < config.columns.empty_max_text_len {
        if shows_list && info.script_list {
            // The list may be filled by a script we do not run: say so rather than call a
            // column empty that a visitor's browser shows full.
            sink.note(text::note_script_list(&c.name, &c.url));
        } else if shows_list {
            tallies.empty_columns += 1;
            let mut facts = column_facts(c);
            facts.push(("main_text_len", json!(info.text_len)));
            facts.push(("now", json!(today.to_string())));
            if let Some(p) = &c.placeholder {
                facts.push(("placeholder", json!(p)));
            }
            let summary = text::column_empty(&c.name, c.placeholder.as_deref());
            sink.push(
                FindingKind::ColumnEmpty,
                Severity::Serious,
                &c.url,
                summary,
                facts,
            );
        } else if info.text_len < SHELL_MAX_TEXT_LEN {
            sink.note(text::note_navigation_shell(&c.name, &c.url));
        }
    } else if judged_on_freshness(c.class, c.level) {
        sink.note(text::note_no_items(&c.name, &c.url));
    }
}

/// The facts every column finding carries.
fn column_facts(c: &Column) -> Vec<(&'static str, Value)> {
    let mut facts = vec![
        ("column", json!(c.name)),
        ("column_url", json!(c.url)),
        ("class", json!(c.class)),
        ("level", json!(c.level)),
        ("items", json!(c.items)),
        ("dated_items", json!(c.dated_items)),
        ("list_pages", json!(c.list_pages)),
    ];
    if let Some(n) = &c.newest {
        facts.extend(newest_facts(n));
    }
    facts
}

/// The facts of a newest item.
fn newest_facts(n: &NewestItem) -> [(&'static str, Value); 5] {
    [
        ("newest_title", json!(n.title)),
        ("newest_url", json!(n.url)),
        ("newest_date", json!(n.date.to_string())),
        ("date_source", json!(n.source)),
        ("newest_seen_on", json!(n.seen_on)),
    ]
}

/// Judges the home page (V3); returns whether it is stale.
///
/// Only dated items of the home page's list and blocks count (2015 rule: "未注明信息发布时间的
/// 视为不更新"), so a header date (`今天是…`) can never make a home page fresh. A home page with
/// no dated item but with navigation is a navigation-only home page: it is stale only if none
/// of its first-level columns and their sub-columns has a dated item within the window (V3,
/// second sentence).
pub(crate) fn judge_home(
    index: &SiteIndex<'_>,
    columns: &[ColumnInfo],
    config: &Config,
    today: NaiveDate,
    sink: &mut Sink,
    tallies: &mut Tallies,
) -> bool {
    let Some(home) = index.home else {
        sink.note(text::note_no_home_freshness(index.home_url));
        return false;
    };
    let window = config.windows.home;
    let m = &home.model;
    let mut newest: Option<NewestItem> = None;
    let mut dated = 0u32;
    let mut undated = 0u32;
    let items = m.list.iter().map(|i| (i, &home.url)).chain(
        m.blocks
            .iter()
            .flat_map(|b| b.items.iter().map(|i| (i, &home.url))),
    );
    for (item, seen_on) in items {
        let Some(date) = item.date else {
            undated += 1;
            continue;
        };
        dated += 1;
        if NewestItem::beats(date, &item.url, newest.as_ref()) {
            newest = Some(NewestItem {
                title: item.title.trim().to_owned(),
                url: item.url.clone(),
                date,
                source: item_source(item).to_owned(),
                seen_on: seen_on.clone(),
            });
        }
    }

    if let Some(n) = newest {
        tallies.home_newest = Some(n.date);
        if window.contains(n.date, today) {
            return false;
        }
        let summary = text::home_stale(Some(&n), &window.label_zh());
        let mut facts = vec![("basis", json!("home")), ("dated_items", json!(dated))];
        facts.extend(newest_facts(&n));
        push_home(index, sink, window, today, summary, facts);
        return true;
    }

    if m.nav.is_empty() {
        if undated == 0 {
            // Nothing was read from the page at all (a script-drawn page?): not a veto on
            // an absence of evidence.
            sink.note(text::note_home_blank(index.home_url));
            return false;
        }
        let summary = text::home_stale(None, &window.label_zh());
        let facts = vec![
            ("basis", json!("home")),
            ("dated_items", json!(0)),
            ("undated_items", json!(undated)),
        ];
        push_home(index, sink, window, today, summary, facts);
        return true;
    }

    // Navigation-only home page: judge its first-level columns and their sub-columns.
    let by_url: HashMap<&str, &ColumnInfo> =
        columns.iter().map(|c| (c.column.url.as_str(), c)).collect();
    let roots: Vec<&ColumnInfo> = columns.iter().filter(|c| c.column.level == 1).collect();
    if roots.is_empty() {
        sink.note(text::note_navigation_home_without_columns(index.home_url));
        return false;
    }
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut stack: Vec<&ColumnInfo> = roots.clone();
    let mut newest: Option<&NewestItem> = None;
    let mut items = 0u32;
    while let Some(c) = stack.pop() {
        if !seen.insert(c.column.url.as_str()) {
            continue;
        }
        items += c.column.items;
        if let Some(n) = &c.column.newest
            && NewestItem::beats(n.date, &n.url, newest)
        {
            newest = Some(n);
        }
        stack.extend(
            c.column
                .children
                .iter()
                .filter_map(|u| by_url.get(u.as_str()).copied()),
        );
    }
    tallies.home_newest = newest.map(|n| n.date);
    if newest.is_some_and(|n| window.contains(n.date, today)) {
        return false;
    }
    if items == 0 || (newest.is_none() && m.script_list) {
        // Not one item was read below the navigation (lists drawn by scripts, or columns
        // not crawled): not a veto on an absence of evidence. Undated items, by contrast,
        // count as not updated (the 2015 rule) and are judged below.
        sink.note(text::note_home_nothing_read(index.home_url, seen.len()));
        return false;
    }
    let summary = text::home_stale_navigation(roots.len(), newest, &window.label_zh());
    let mut facts = vec![
        ("basis", json!("first_level_columns")),
        ("first_level_columns", json!(roots.len())),
        ("columns_judged", json!(seen.len())),
    ];
    if let Some(n) = newest {
        facts.extend(newest_facts(n));
    }
    push_home(index, sink, window, today, summary, facts);
    true
}

/// Pushes the `home.stale` finding.
fn push_home(
    index: &SiteIndex<'_>,
    sink: &mut Sink,
    window: Window,
    today: NaiveDate,
    summary: String,
    mut facts: Vec<(&'static str, Value)>,
) {
    facts.push(("window", json!(window.to_string())));
    facts.push(("window_start", json!(window.start(today).to_string())));
    facts.push(("now", json!(today.to_string())));
    sink.push(
        FindingKind::HomeStale,
        Severity::Veto,
        index.home_url,
        summary,
        facts,
    );
}
