-- xunwang store, SQLite schema v1.
--
-- Append-only: never edit a migration that has shipped; add 0002_… instead.
-- The PostgreSQL twin lives in migrations/postgres/ with the same tables and columns.
--
-- Size rule (DESIGN.md "Storage"): no link edges. Each unique target has one verdict row per
-- run; occurrences (source page, element, attribute, text) are kept only while the target is
-- not Ok. Timestamps are RFC 3339 text with the original offset. JSON is text.

CREATE TABLE sites (
    id    INTEGER PRIMARY KEY,
    home  TEXT NOT NULL UNIQUE,
    name  TEXT
);

CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    site_id     INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    status      TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed')),
    stats       TEXT
);
CREATE INDEX runs_site_status ON runs (site_id, status, id);

-- The crawl frontier of one run; `id` keeps insertion order for resume.
CREATE TABLE frontier (
    id      INTEGER PRIMARY KEY,
    run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    url     TEXT NOT NULL,
    depth   INTEGER NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('page', 'check')),
    done    BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (run_id, url)
);

-- One verdict per unique target per run. `outcome` is the verdict label ('ok', 'broken',
-- 'indeterminate') so queries need not parse the JSON; `verdict` (JSON) is NULL when Ok and
-- `redirects` (JSON) is NULL when there were none, since most targets are both.
CREATE TABLE targets (
    id          INTEGER PRIMARY KEY,
    run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    url         TEXT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN ('ok', 'broken', 'indeterminate')),
    verdict     TEXT,
    status      INTEGER,
    redirects   TEXT,
    attempts    INTEGER NOT NULL,
    checked_at  TEXT NOT NULL,
    UNIQUE (run_id, url)
);

-- Fetched pages (HTML and other documents that were downloaded and parsed). `final_url` is
-- NULL when no redirect changed the URL.
CREATE TABLE pages (
    id             INTEGER PRIMARY KEY,
    run_id         INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    url            TEXT NOT NULL,
    final_url      TEXT,
    status         INTEGER,
    content_type   TEXT,
    bytes          INTEGER NOT NULL,
    elapsed_ms     INTEGER NOT NULL,
    hash           TEXT,
    title          TEXT,
    charset        TEXT,
    etag           TEXT,
    last_modified  TEXT,
    fetched_at     TEXT NOT NULL,
    UNIQUE (run_id, url)
);

-- Where non-Ok targets are linked from. The primary key doubles as the index used to delete
-- a target's occurrences when it turns out Ok; WITHOUT ROWID stores each row once.
CREATE TABLE occurrences (
    run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    target_url  TEXT NOT NULL,
    page        TEXT NOT NULL,
    element     TEXT NOT NULL,
    attribute   TEXT NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (run_id, target_url, page, element, attribute, text)
) WITHOUT ROWID;

-- One problem on one site across runs, identified by its fingerprint.
CREATE TABLE findings (
    id           INTEGER PRIMARY KEY,
    site_id      INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    fingerprint  TEXT NOT NULL,
    kind         TEXT NOT NULL,
    site         TEXT NOT NULL,
    url          TEXT NOT NULL,
    first_seen   TEXT NOT NULL,
    last_seen    TEXT NOT NULL,
    UNIQUE (site_id, fingerprint)
);

-- Which run saw which finding, with what it looked like in that run.
CREATE TABLE finding_runs (
    run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    finding_id  INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
    severity    TEXT NOT NULL,
    evidence    TEXT NOT NULL,
    seen_at     TEXT NOT NULL,
    PRIMARY KEY (run_id, finding_id)
) WITHOUT ROWID;
CREATE INDEX finding_runs_finding ON finding_runs (finding_id);
