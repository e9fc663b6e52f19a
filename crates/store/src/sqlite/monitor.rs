//! The SQLite implementation of [`MonitorStore`].

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use sqlx::Row;

use crate::codec::{from_u64, time_text, to_json, to_u16, to_u32, to_u64};
use crate::error::StoreError;
use crate::model::SiteId;
use crate::monitor::{
    DateChange, MonitorPage, MonitorStore, PolitenessOverride, PollDelta, PollHistory, PollRecord,
    PolledItem, ProbeCounts, ProbeOutcome, ProbeRecord, RegisteredSite, RegistryEntry, SeenItem,
    SiteKind,
};
use crate::sql;
use crate::sqlite::SqliteStore;

const DAY_MS: i64 = 86_400_000;

const UPSERT_REGISTRY: &str = "\
INSERT INTO site_registry (site_id, site_code, kind, organizer, region, parent, aliases,
                           politeness, imported_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (site_id) DO UPDATE SET
    site_code = excluded.site_code, kind = excluded.kind, organizer = excluded.organizer,
    region = excluded.region, parent = excluded.parent, aliases = excluded.aliases,
    politeness = excluded.politeness, imported_at = excluded.imported_at";

const REGISTERED: &str = "\
SELECT s.id, s.home, s.name, r.site_code, r.kind, r.organizer, r.region, r.parent, r.aliases,
       r.politeness
FROM site_registry r JOIN sites s ON s.id = r.site_id ORDER BY s.home";

const INSERT_PROBE: &str = "\
INSERT INTO probes (site_id, due_ms, attempt, at_ms, outcome, status, latency_ms, bytes, error)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (site_id, due_ms, attempt) DO NOTHING";

const PROBE_DAYS: &str = "\
SELECT site_id, (due_ms + $3) / 86400000 AS day, outcome, attempt, COUNT(*) AS n
FROM probes WHERE due_ms >= $1 AND due_ms < $2
GROUP BY site_id, day, outcome, attempt";

const SITE_PROBE_DAYS: &str = "\
SELECT site_id, (due_ms + $3) / 86400000 AS day, outcome, attempt, COUNT(*) AS n
FROM probes WHERE site_id = $4 AND due_ms >= $1 AND due_ms < $2
GROUP BY site_id, day, outcome, attempt";

impl SqliteStore {
    fn stored_outcome(op: &'static str, s: &str) -> Result<ProbeOutcome, StoreError> {
        ProbeOutcome::parse(s).ok_or_else(|| StoreError::corrupt(op, "outcome", s))
    }
}

/// Like `StoreError::query`, but `Copy`, for functions that map many errors.
fn query_err(op: &'static str) -> impl Fn(sqlx::Error) -> StoreError + Copy {
    move |e| StoreError::Query {
        op,
        source: Box::new(e),
    }
}

fn parse_date(op: &'static str, s: Option<String>) -> Result<Option<NaiveDate>, StoreError> {
    s.map(|s| {
        NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| StoreError::corrupt(op, "date", &s))
    })
    .transpose()
}

fn probe_row(op: &'static str, r: &sqlx::sqlite::SqliteRow) -> Result<ProbeRecord, StoreError> {
    let q = query_err(op);
    let outcome: String = r.try_get("outcome").map_err(q)?;
    let status: Option<i64> = r.try_get("status").map_err(q)?;
    let attempt: i64 = r.try_get("attempt").map_err(q)?;
    Ok(ProbeRecord {
        due_ms: r.try_get("due_ms").map_err(q)?,
        attempt: u8::try_from(attempt).map_err(|_| StoreError::corrupt(op, "attempt", ""))?,
        at_ms: r.try_get("at_ms").map_err(q)?,
        outcome: SqliteStore::stored_outcome(op, &outcome)?,
        status: status.map(|s| to_u16(op, "status", s)).transpose()?,
        latency_ms: to_u32(op, "latency_ms", r.try_get("latency_ms").map_err(q)?)?,
        bytes: to_u64(op, "bytes", r.try_get("bytes").map_err(q)?)?,
        error: r.try_get("error").map_err(q)?,
    })
}

/// Whether a change from `old` to `new` is only a different year inferred for the same
/// month-day (`[07-11]` read across a year boundary): not a change made by the site.
fn year_inference_only(old: NaiveDate, new: NaiveDate, sources: [Option<&str>; 2]) -> bool {
    use chrono::Datelike;
    sources.contains(&Some("month_day")) && old.month() == new.month() && old.day() == new.day()
}

impl MonitorStore for SqliteStore {
    async fn register_sites(
        &self,
        entries: &[RegistryEntry],
        at: DateTime<FixedOffset>,
    ) -> Result<Vec<SiteId>, StoreError> {
        const OP: &str = "register_sites";
        let mut tx = self.begin(OP).await?;
        let mut ids = Vec::with_capacity(entries.len());
        for e in entries {
            let id: SiteId = sqlx::query_scalar(sql::UPSERT_SITE)
                .bind(&e.home)
                .bind(e.name.as_deref())
                .fetch_one(&mut *tx)
                .await
                .map_err(StoreError::query(OP))?;
            sqlx::query(UPSERT_REGISTRY)
                .bind(id)
                .bind(e.site_code.as_deref())
                .bind(e.kind.map(SiteKind::as_str))
                .bind(e.organizer.as_deref())
                .bind(e.region.as_deref())
                .bind(e.parent.as_deref())
                .bind(to_json(OP, "aliases", &e.aliases)?)
                .bind(to_json(OP, "politeness", &e.politeness)?)
                .bind(time_text(&at))
                .execute(&mut *tx)
                .await
                .map_err(StoreError::query(OP))?;
            ids.push(id);
        }
        tx.commit().await.map_err(StoreError::query(OP))?;
        Ok(ids)
    }

    async fn registered_sites(&self) -> Result<Vec<RegisteredSite>, StoreError> {
        const OP: &str = "registered_sites";
        let rows = sqlx::query(REGISTERED)
            .fetch_all(&self.reader)
            .await
            .map_err(StoreError::query(OP))?;
        let q = query_err(OP);
        rows.iter()
            .map(|r| {
                let kind: Option<String> = r.try_get("kind").map_err(q)?;
                let aliases: String = r.try_get("aliases").map_err(q)?;
                let politeness: String = r.try_get("politeness").map_err(q)?;
                Ok(RegisteredSite {
                    id: r.try_get("id").map_err(q)?,
                    entry: RegistryEntry {
                        home: r.try_get("home").map_err(q)?,
                        name: r.try_get("name").map_err(q)?,
                        site_code: r.try_get("site_code").map_err(q)?,
                        kind: kind
                            .map(|k| {
                                SiteKind::parse(&k)
                                    .ok_or_else(|| StoreError::corrupt(OP, "kind", &k))
                            })
                            .transpose()?,
                        organizer: r.try_get("organizer").map_err(q)?,
                        region: r.try_get("region").map_err(q)?,
                        parent: r.try_get("parent").map_err(q)?,
                        aliases: crate::codec::from_json(OP, "aliases", &aliases)?,
                        politeness: crate::codec::from_json::<PolitenessOverride>(
                            OP,
                            "politeness",
                            &politeness,
                        )?,
                    },
                })
            })
            .collect()
    }

    async fn all_sites(&self) -> Result<Vec<(SiteId, String, Option<String>)>, StoreError> {
        sqlx::query_as("SELECT id, home, name FROM sites ORDER BY home")
            .fetch_all(&self.reader)
            .await
            .map_err(StoreError::query("all_sites"))
    }

    async fn record_probes(&self, probes: &[(SiteId, ProbeRecord)]) -> Result<u32, StoreError> {
        const OP: &str = "record_probes";
        if probes.is_empty() {
            return Ok(0);
        }
        let mut tx = self.begin(OP).await?;
        let mut new = 0;
        for (site, p) in probes {
            let done = sqlx::query(INSERT_PROBE)
                .bind(site)
                .bind(p.due_ms)
                .bind(i64::from(p.attempt))
                .bind(p.at_ms)
                .bind(p.outcome.as_str())
                .bind(p.status.map(i64::from))
                .bind(i64::from(p.latency_ms))
                .bind(from_u64(p.bytes))
                .bind(p.error.as_deref())
                .execute(&mut *tx)
                .await
                .map_err(StoreError::query(OP))?;
            new += done.rows_affected() as u32;
        }
        tx.commit().await.map_err(StoreError::query(OP))?;
        Ok(new)
    }

    async fn last_probe_slots(&self) -> Result<Vec<(SiteId, i64)>, StoreError> {
        sqlx::query_as("SELECT site_id, MAX(due_ms) FROM probes GROUP BY site_id")
            .fetch_all(&self.reader)
            .await
            .map_err(StoreError::query("last_probe_slots"))
    }

    async fn probes(
        &self,
        site: SiteId,
        from_ms: i64,
        to_ms: i64,
    ) -> Result<Vec<ProbeRecord>, StoreError> {
        const OP: &str = "probes";
        let rows = sqlx::query(
            "SELECT due_ms, attempt, at_ms, outcome, status, latency_ms, bytes, error FROM probes
             WHERE site_id = $1 AND due_ms >= $2 AND due_ms < $3 ORDER BY due_ms, attempt",
        )
        .bind(site)
        .bind(from_ms)
        .bind(to_ms)
        .fetch_all(&self.reader)
        .await
        .map_err(StoreError::query(OP))?;
        rows.iter().map(|r| probe_row(OP, r)).collect()
    }

    async fn probe_counts(
        &self,
        site: Option<SiteId>,
        from_ms: i64,
        to_ms: i64,
        utc_offset_secs: i32,
    ) -> Result<Vec<(SiteId, ProbeCounts)>, StoreError> {
        const OP: &str = "probe_counts";
        let sql = if site.is_some() {
            SITE_PROBE_DAYS
        } else {
            PROBE_DAYS
        };
        let mut q = sqlx::query_as(sql)
            .bind(from_ms)
            .bind(to_ms)
            .bind(i64::from(utc_offset_secs) * 1000);
        if let Some(site) = site {
            q = q.bind(site);
        }
        let rows: Vec<(SiteId, i64, String, i64, i64)> = q
            .fetch_all(&self.reader)
            .await
            .map_err(StoreError::query(OP))?;
        // Per site: the counts, counted probes per day, failures per outcome.
        type Tally = (ProbeCounts, BTreeMap<i64, u32>, BTreeMap<String, u32>);
        let mut by_site: BTreeMap<SiteId, Tally> = BTreeMap::new();
        for (site, day, outcome, attempt, n) in rows {
            let outcome = SqliteStore::stored_outcome(OP, &outcome)?;
            let n = to_u32(OP, "count", n)?;
            let (c, days, by) = by_site.entry(site).or_default();
            if attempt > 0 {
                if outcome.is_failure() {
                    c.confirmed += n;
                }
                continue;
            }
            if outcome == ProbeOutcome::Blocked {
                c.blocked += n;
                continue;
            }
            c.probes += n;
            *days.entry(day).or_default() += n;
            if outcome.is_failure() {
                c.failures += n;
                *by.entry(outcome.as_str().to_owned()).or_default() += n;
            }
        }
        Ok(by_site
            .into_iter()
            .map(|(site, (mut c, days, by))| {
                c.days = days.len() as u32;
                c.min_per_day = days.values().copied().min().unwrap_or(0);
                c.by_outcome = by.into_iter().collect();
                (site, c)
            })
            .collect())
    }

    async fn prune_monitor(&self, before_ms: i64) -> Result<u64, StoreError> {
        const OP: &str = "prune_monitor";
        let mut tx = self.begin(OP).await?;
        let a = sqlx::query("DELETE FROM probes WHERE due_ms < $1")
            .bind(before_ms)
            .execute(&mut *tx)
            .await
            .map_err(StoreError::query(OP))?;
        let b = sqlx::query("DELETE FROM polls WHERE due_ms < $1")
            .bind(before_ms)
            .execute(&mut *tx)
            .await
            .map_err(StoreError::query(OP))?;
        tx.commit().await.map_err(StoreError::query(OP))?;
        Ok(a.rows_affected() + b.rows_affected())
    }

    async fn monitor_pages(&self, site: SiteId) -> Result<Vec<MonitorPage>, StoreError> {
        type Row = (
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT url, role, name, class, etag, last_modified FROM monitor_pages
                 WHERE site_id = $1 AND active ORDER BY role DESC, url",
        )
        .bind(site)
        .fetch_all(&self.reader)
        .await
        .map_err(StoreError::query("monitor_pages"))?;
        Ok(rows
            .into_iter()
            .map(
                |(url, role, name, class, etag, last_modified)| MonitorPage {
                    url,
                    role,
                    name,
                    class,
                    etag,
                    last_modified,
                },
            )
            .collect())
    }

    async fn set_monitor_pages(
        &self,
        site: SiteId,
        home: &str,
        columns: &[MonitorPage],
    ) -> Result<(), StoreError> {
        const OP: &str = "set_monitor_pages";
        const UPSERT: &str = "\
INSERT INTO monitor_pages (site_id, url, role, name, class, active) VALUES ($1, $2, $3, $4, $5, TRUE)
ON CONFLICT (site_id, url) DO UPDATE SET role = excluded.role, name = excluded.name,
    class = excluded.class, active = TRUE";
        let mut tx = self.begin(OP).await?;
        sqlx::query("UPDATE monitor_pages SET active = FALSE WHERE site_id = $1")
            .bind(site)
            .execute(&mut *tx)
            .await
            .map_err(StoreError::query(OP))?;
        let home_page = MonitorPage {
            url: home.to_owned(),
            role: "home".into(),
            name: None,
            class: None,
            etag: None,
            last_modified: None,
        };
        for p in std::iter::once(&home_page).chain(columns.iter().filter(|c| c.url != home)) {
            sqlx::query(UPSERT)
                .bind(site)
                .bind(&p.url)
                .bind(&p.role)
                .bind(p.name.as_deref())
                .bind(p.class.as_deref())
                .execute(&mut *tx)
                .await
                .map_err(StoreError::query(OP))?;
        }
        tx.commit().await.map_err(StoreError::query(OP))
    }

    async fn record_poll(
        &self,
        site: SiteId,
        poll: &PollRecord,
        items: &[PolledItem],
        validators: (Option<&str>, Option<&str>),
    ) -> Result<PollDelta, StoreError> {
        const OP: &str = "record_poll";
        let q = query_err(OP);
        let mut tx = self.begin(OP).await?;
        let inserted = sqlx::query(
            "INSERT INTO polls (site_id, url, due_ms, at_ms, outcome, status, not_modified, items,
                                new_items)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 0)
             ON CONFLICT (site_id, url, due_ms) DO NOTHING",
        )
        .bind(site)
        .bind(&poll.url)
        .bind(poll.due_ms)
        .bind(poll.at_ms)
        .bind(poll.outcome.as_str())
        .bind(poll.status.map(i64::from))
        .bind(poll.not_modified)
        .execute(&mut *tx)
        .await
        .map_err(q)?;
        if inserted.rows_affected() == 0 {
            return Ok(PollDelta::default());
        }
        let mut delta = PollDelta {
            recorded: true,
            ..PollDelta::default()
        };
        let read = poll.outcome == ProbeOutcome::Ok && !poll.not_modified;
        if read {
            let earlier: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM polls WHERE site_id = $1 AND url = $2 AND outcome = 'ok'
                 AND NOT not_modified AND due_ms <> $3",
            )
            .bind(site)
            .bind(&poll.url)
            .bind(poll.due_ms)
            .fetch_one(&mut *tx)
            .await
            .map_err(q)?;
            let baseline = earlier == 0;
            for item in items {
                let date = item.date.map(|d| d.format("%Y-%m-%d").to_string());
                let old: Option<(Option<String>, Option<String>)> = sqlx::query_as(
                    "SELECT date, date_source FROM poll_items
                     WHERE site_id = $1 AND page_url = $2 AND item_url = $3",
                )
                .bind(site)
                .bind(&poll.url)
                .bind(&item.url)
                .fetch_optional(&mut *tx)
                .await
                .map_err(q)?;
                let Some((old_date, old_source)) = old else {
                    sqlx::query(
                        "INSERT INTO poll_items (site_id, page_url, item_url, title, first_seen_ms,
                             last_seen_ms, first_date, date, date_source, baseline)
                         VALUES ($1, $2, $3, $4, $5, $5, $6, $6, $7, $8)",
                    )
                    .bind(site)
                    .bind(&poll.url)
                    .bind(&item.url)
                    .bind(&item.title)
                    .bind(poll.at_ms)
                    .bind(date.as_deref())
                    .bind(item.date_source.as_deref())
                    .bind(baseline)
                    .execute(&mut *tx)
                    .await
                    .map_err(q)?;
                    if !baseline {
                        delta.new_items += 1;
                    }
                    continue;
                };
                let old_date = parse_date(OP, old_date)?;
                if let (Some(old), Some(new)) = (old_date, item.date)
                    && old != new
                    && !year_inference_only(
                        old,
                        new,
                        [old_source.as_deref(), item.date_source.as_deref()],
                    )
                {
                    let change = sqlx::query(
                        "INSERT INTO date_changes (site_id, item_url, old_date, new_date, page_url,
                             title, seen_ms)
                         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
                    )
                    .bind(site)
                    .bind(&item.url)
                    .bind(old.format("%Y-%m-%d").to_string())
                    .bind(new.format("%Y-%m-%d").to_string())
                    .bind(&poll.url)
                    .bind(&item.title)
                    .bind(poll.at_ms)
                    .execute(&mut *tx)
                    .await
                    .map_err(q)?;
                    delta.date_changes += change.rows_affected() as u32;
                }
                sqlx::query(
                    "UPDATE poll_items SET last_seen_ms = $4, title = $5,
                         date = COALESCE($6, date), date_source = COALESCE($7, date_source)
                     WHERE site_id = $1 AND page_url = $2 AND item_url = $3",
                )
                .bind(site)
                .bind(&poll.url)
                .bind(&item.url)
                .bind(poll.at_ms)
                .bind(&item.title)
                .bind(date.as_deref())
                .bind(item.date_source.as_deref())
                .execute(&mut *tx)
                .await
                .map_err(q)?;
            }
            sqlx::query(
                "UPDATE polls SET items = $4, new_items = $5
                 WHERE site_id = $1 AND url = $2 AND due_ms = $3",
            )
            .bind(site)
            .bind(&poll.url)
            .bind(poll.due_ms)
            .bind(items.len() as i64)
            .bind(i64::from(delta.new_items))
            .execute(&mut *tx)
            .await
            .map_err(q)?;
            sqlx::query(
                "UPDATE monitor_pages SET etag = $3, last_modified = $4
                 WHERE site_id = $1 AND url = $2",
            )
            .bind(site)
            .bind(&poll.url)
            .bind(validators.0)
            .bind(validators.1)
            .execute(&mut *tx)
            .await
            .map_err(q)?;
        }
        tx.commit().await.map_err(q)?;
        Ok(delta)
    }

    async fn last_poll_slots(&self) -> Result<Vec<(SiteId, i64)>, StoreError> {
        sqlx::query_as("SELECT site_id, MAX(due_ms) FROM polls GROUP BY site_id")
            .fetch_all(&self.reader)
            .await
            .map_err(StoreError::query("last_poll_slots"))
    }

    async fn poll_history(
        &self,
        site: SiteId,
        url: &str,
        from_ms: i64,
        to_ms: i64,
        utc_offset_secs: i32,
    ) -> Result<PollHistory, StoreError> {
        const OP: &str = "poll_history";
        let first: Option<i64> = sqlx::query_scalar(
            "SELECT MIN(at_ms) FROM polls WHERE site_id = $1 AND url = $2 AND outcome = 'ok'",
        )
        .bind(site)
        .bind(url)
        .fetch_one(&self.reader)
        .await
        .map_err(StoreError::query(OP))?;
        let times: Vec<i64> = sqlx::query_scalar(
            "SELECT at_ms FROM polls WHERE site_id = $1 AND url = $2 AND outcome = 'ok'
             AND at_ms >= $3 AND at_ms < $4 ORDER BY at_ms",
        )
        .bind(site)
        .bind(url)
        .bind(from_ms)
        .bind(to_ms)
        .fetch_all(&self.reader)
        .await
        .map_err(StoreError::query(OP))?;
        let offset = i64::from(utc_offset_secs) * 1000;
        let mut days: Vec<i64> = times
            .iter()
            .map(|t| (t + offset).div_euclid(DAY_MS))
            .collect();
        days.dedup();
        Ok(PollHistory {
            first_ok_ms: first,
            polls: times.len() as u32,
            days: days.len() as u32,
            last_ok_ms: times.last().copied(),
        })
    }

    async fn items_first_seen(
        &self,
        site: SiteId,
        page_url: &str,
        from_ms: i64,
        to_ms: i64,
    ) -> Result<Vec<SeenItem>, StoreError> {
        const OP: &str = "items_first_seen";
        let rows: Vec<(String, String, i64, Option<String>, bool)> = sqlx::query_as(
            "SELECT item_url, title, first_seen_ms, first_date, baseline FROM poll_items
             WHERE site_id = $1 AND page_url = $2 AND first_seen_ms >= $3 AND first_seen_ms < $4
             ORDER BY first_seen_ms, item_url",
        )
        .bind(site)
        .bind(page_url)
        .bind(from_ms)
        .bind(to_ms)
        .fetch_all(&self.reader)
        .await
        .map_err(StoreError::query(OP))?;
        rows.into_iter()
            .map(|(url, title, first_seen_ms, date, baseline)| {
                Ok(SeenItem {
                    page_url: page_url.to_owned(),
                    url,
                    title,
                    first_seen_ms,
                    date: parse_date(OP, date)?,
                    baseline,
                })
            })
            .collect()
    }

    async fn date_changes(
        &self,
        site: SiteId,
        from_ms: i64,
        to_ms: i64,
    ) -> Result<Vec<DateChange>, StoreError> {
        const OP: &str = "date_changes";
        let rows: Vec<(String, String, String, String, String, i64)> = sqlx::query_as(
            "SELECT item_url, title, page_url, old_date, new_date, seen_ms FROM date_changes
             WHERE site_id = $1 AND seen_ms >= $2 AND seen_ms < $3 ORDER BY seen_ms, item_url",
        )
        .bind(site)
        .bind(from_ms)
        .bind(to_ms)
        .fetch_all(&self.reader)
        .await
        .map_err(StoreError::query(OP))?;
        rows.into_iter()
            .map(|(item_url, title, page_url, old, new, seen_ms)| {
                Ok(DateChange {
                    item_url,
                    title,
                    page_url,
                    old_date: parse_date(OP, Some(old))?.unwrap_or_default(),
                    new_date: parse_date(OP, Some(new))?.unwrap_or_default(),
                    seen_ms,
                })
            })
            .collect()
    }

    async fn start_session(&self, at_ms: i64) -> Result<i64, StoreError> {
        sqlx::query_scalar(
            "INSERT INTO monitor_sessions (started_ms, beat_ms) VALUES ($1, $1) RETURNING id",
        )
        .bind(at_ms)
        .fetch_one(&self.writer)
        .await
        .map_err(StoreError::query("start_session"))
    }

    async fn beat_session(
        &self,
        session: i64,
        at_ms: i64,
        stopped: bool,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE monitor_sessions SET beat_ms = $2,
                 stopped_ms = CASE WHEN $3 THEN $2 ELSE stopped_ms END
             WHERE id = $1",
        )
        .bind(session)
        .bind(at_ms)
        .bind(stopped)
        .execute(&self.writer)
        .await
        .map_err(StoreError::query("beat_session"))?;
        Ok(())
    }

    async fn database_bytes(&self) -> Result<u64, StoreError> {
        const OP: &str = "database_bytes";
        let pages: i64 = sqlx::query_scalar("PRAGMA page_count")
            .fetch_one(&self.reader)
            .await
            .map_err(StoreError::query(OP))?;
        let size: i64 = sqlx::query_scalar("PRAGMA page_size")
            .fetch_one(&self.reader)
            .await
            .map_err(StoreError::query(OP))?;
        Ok(u64::try_from(pages.saturating_mul(size)).unwrap_or(0))
    }
}
