-- xunwang store, SQLite schema v4: scoring a period (issue 6).
--
-- Manual inputs of inspectors (manual vetoes and deductions, bonus ticks, dismissed findings)
-- are kept with who and when; revoking one keeps the row (audit trail). Scorecards are stored
-- per site, period and pack, and replaced when the period is re-scored. `card` is the
-- scorecard as JSON (the rules crate's format); the store does not read it.

CREATE TABLE manual_inputs (
    id          INTEGER PRIMARY KEY,
    site_id     INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    period      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    body        TEXT NOT NULL,
    entered_by  TEXT NOT NULL,
    entered_at  TEXT NOT NULL,
    revoked_by  TEXT,
    revoked_at  TEXT
);
CREATE INDEX manual_inputs_site_period ON manual_inputs (site_id, period);

-- Site facts scoring needs that no crawl can see: the kind (portal or department) when the
-- inspector sets it, and whether a 国务院部门 portal has no external services (75 × 4/3).
CREATE TABLE site_flags (
    site_id             INTEGER PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
    kind                TEXT,
    no_external_service BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE scorecards (
    site_id    INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    period     TEXT NOT NULL,
    pack       TEXT NOT NULL,
    verdict    TEXT NOT NULL,
    score      REAL,
    card       TEXT NOT NULL,
    scored_at  TEXT NOT NULL,
    PRIMARY KEY (site_id, period, pack)
);
