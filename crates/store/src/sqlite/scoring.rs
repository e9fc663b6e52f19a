//! The SQLite implementation of [`ScoreStore`].

use chrono::{DateTime, FixedOffset};
use sqlx::Row;

use crate::codec::{parse_opt_time, parse_time, time_text};
use crate::error::StoreError;
use crate::model::{Run, SiteId};
use crate::scoring::{ManualRecord, ScoreStore, ScorecardRecord, SiteFlags, SiteRow};
use crate::sqlite::{SqliteStore, rows};

const ADD_MANUAL: &str = "\
INSERT INTO manual_inputs (site_id, period, kind, body, entered_by, entered_at)
VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";

const REVOKE_MANUAL: &str = "\
UPDATE manual_inputs SET revoked_by = $2, revoked_at = $3
WHERE id = $1 AND revoked_at IS NULL";

const MANUAL_INPUTS: &str = "\
SELECT id, site_id, period, kind, body, entered_by, entered_at, revoked_by, revoked_at
FROM manual_inputs WHERE site_id = $1 AND period = $2 ORDER BY id";

const SET_FLAGS: &str = "\
INSERT INTO site_flags (site_id, kind, no_external_service) VALUES ($1, $2, $3)
ON CONFLICT (site_id) DO UPDATE SET kind = excluded.kind,
    no_external_service = excluded.no_external_service";

const FLAGS: &str = "SELECT kind, no_external_service FROM site_flags WHERE site_id = $1";

const SAVE_SCORECARD: &str = "\
INSERT INTO scorecards (site_id, period, pack, verdict, score, card, scored_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (site_id, period, pack) DO UPDATE SET verdict = excluded.verdict,
    score = excluded.score, card = excluded.card, scored_at = excluded.scored_at";

const SCORECARDS: &str = "\
SELECT c.site_id, s.home, c.period, c.pack, c.verdict, c.score, c.card, c.scored_at
FROM scorecards c JOIN sites s ON s.id = c.site_id
WHERE c.period = $1 AND c.pack = $2 ORDER BY c.site_id";

const SITES: &str = "SELECT id, home, name FROM sites ORDER BY id";

const FINISHED_RUNS: &str = "\
SELECT id, site_id, started_at, finished_at, status, stats FROM runs
WHERE site_id = $1 AND status = 'finished' ORDER BY id";

impl ScoreStore for SqliteStore {
    async fn add_manual(
        &self,
        site: SiteId,
        period: &str,
        kind: &str,
        body: &str,
        by: &str,
        at: DateTime<FixedOffset>,
    ) -> Result<i64, StoreError> {
        sqlx::query_scalar(ADD_MANUAL)
            .bind(site)
            .bind(period)
            .bind(kind)
            .bind(body)
            .bind(by)
            .bind(time_text(&at))
            .fetch_one(&self.writer)
            .await
            .map_err(StoreError::query("add_manual"))
    }

    async fn revoke_manual(
        &self,
        id: i64,
        by: &str,
        at: DateTime<FixedOffset>,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(REVOKE_MANUAL)
            .bind(id)
            .bind(by)
            .bind(time_text(&at))
            .execute(&self.writer)
            .await
            .map_err(StoreError::query("revoke_manual"))?;
        Ok(done.rows_affected() == 1)
    }

    async fn manual_inputs(
        &self,
        site: SiteId,
        period: &str,
    ) -> Result<Vec<ManualRecord>, StoreError> {
        const OP: &str = "manual_inputs";
        let all = sqlx::query(MANUAL_INPUTS)
            .bind(site)
            .bind(period)
            .fetch_all(&self.reader)
            .await
            .map_err(StoreError::query(OP))?;
        all.iter()
            .map(|r| {
                let get = |c: &'static str| -> Result<String, StoreError> {
                    r.try_get(c).map_err(StoreError::query(OP))
                };
                let revoked_by: Option<String> =
                    r.try_get("revoked_by").map_err(StoreError::query(OP))?;
                let revoked_at: Option<String> =
                    r.try_get("revoked_at").map_err(StoreError::query(OP))?;
                let revoked_at =
                    parse_opt_time(OP, "manual_inputs.revoked_at", revoked_at.as_deref())?;
                Ok(ManualRecord {
                    id: r.try_get("id").map_err(StoreError::query(OP))?,
                    site: r.try_get("site_id").map_err(StoreError::query(OP))?,
                    period: get("period")?,
                    kind: get("kind")?,
                    body: get("body")?,
                    entered_by: get("entered_by")?,
                    entered_at: parse_time(OP, "manual_inputs.entered_at", &get("entered_at")?)?,
                    revoked: revoked_by.zip(revoked_at),
                })
            })
            .collect()
    }

    async fn set_site_flags(&self, site: SiteId, flags: &SiteFlags) -> Result<(), StoreError> {
        sqlx::query(SET_FLAGS)
            .bind(site)
            .bind(flags.kind.as_deref())
            .bind(flags.no_external_service)
            .execute(&self.writer)
            .await
            .map_err(StoreError::query("set_site_flags"))?;
        Ok(())
    }

    async fn site_flags(&self, site: SiteId) -> Result<SiteFlags, StoreError> {
        const OP: &str = "site_flags";
        let row = sqlx::query(FLAGS)
            .bind(site)
            .fetch_optional(&self.reader)
            .await
            .map_err(StoreError::query(OP))?;
        match row {
            None => Ok(SiteFlags::default()),
            Some(r) => Ok(SiteFlags {
                kind: r.try_get("kind").map_err(StoreError::query(OP))?,
                no_external_service: r
                    .try_get("no_external_service")
                    .map_err(StoreError::query(OP))?,
            }),
        }
    }

    async fn save_scorecard(
        &self,
        site: SiteId,
        period: &str,
        pack: &str,
        verdict: &str,
        score: Option<f64>,
        card: &str,
        at: DateTime<FixedOffset>,
    ) -> Result<(), StoreError> {
        sqlx::query(SAVE_SCORECARD)
            .bind(site)
            .bind(period)
            .bind(pack)
            .bind(verdict)
            .bind(score)
            .bind(card)
            .bind(time_text(&at))
            .execute(&self.writer)
            .await
            .map_err(StoreError::query("save_scorecard"))?;
        Ok(())
    }

    async fn scorecards(
        &self,
        period: &str,
        pack: &str,
    ) -> Result<Vec<ScorecardRecord>, StoreError> {
        const OP: &str = "scorecards";
        let all = sqlx::query(SCORECARDS)
            .bind(period)
            .bind(pack)
            .fetch_all(&self.reader)
            .await
            .map_err(StoreError::query(OP))?;
        all.iter()
            .map(|r| {
                let scored_at: String = r.try_get("scored_at").map_err(StoreError::query(OP))?;
                Ok(ScorecardRecord {
                    site: r.try_get("site_id").map_err(StoreError::query(OP))?,
                    home: r.try_get("home").map_err(StoreError::query(OP))?,
                    period: r.try_get("period").map_err(StoreError::query(OP))?,
                    pack: r.try_get("pack").map_err(StoreError::query(OP))?,
                    verdict: r.try_get("verdict").map_err(StoreError::query(OP))?,
                    score: r.try_get("score").map_err(StoreError::query(OP))?,
                    card: r.try_get("card").map_err(StoreError::query(OP))?,
                    scored_at: parse_time(OP, "scorecards.scored_at", &scored_at)?,
                })
            })
            .collect()
    }

    async fn sites(&self) -> Result<Vec<SiteRow>, StoreError> {
        const OP: &str = "sites";
        let all = sqlx::query(SITES)
            .fetch_all(&self.reader)
            .await
            .map_err(StoreError::query(OP))?;
        all.iter()
            .map(|r| {
                Ok(SiteRow {
                    id: r.try_get("id").map_err(StoreError::query(OP))?,
                    home: r.try_get("home").map_err(StoreError::query(OP))?,
                    name: r.try_get("name").map_err(StoreError::query(OP))?,
                })
            })
            .collect()
    }

    async fn finished_runs(&self, site: SiteId) -> Result<Vec<Run>, StoreError> {
        const OP: &str = "finished_runs";
        let all = sqlx::query(FINISHED_RUNS)
            .bind(site)
            .fetch_all(&self.reader)
            .await
            .map_err(StoreError::query(OP))?;
        all.iter().map(|r| rows::run(OP, r)).collect()
    }
}
