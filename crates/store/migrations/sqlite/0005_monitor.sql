-- xunwang store, SQLite schema v5: the site registry and the monitor's measurements
-- (availability probes, home-page and column polls, dated items seen, date changes).
--
-- Append-only: never edit a migration that has shipped.
--
-- Volume rule: 14,000 sites probed 48 times a day is 672,000 probe rows a day, so the probe
-- table stores times as integer Unix milliseconds (not RFC 3339 text, as the inspection tables
-- do), has no rowid, and is pruned past the retention the daemon is given.

-- What the registry knows about a site beyond `sites (home, name)`: one row per registered
-- site, keyed by the same id inspections use. `aliases` and `politeness` are JSON text.
CREATE TABLE site_registry (
    site_id      INTEGER PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
    site_code    TEXT,
    kind         TEXT CHECK (kind IN ('portal', 'department')),
    organizer    TEXT,
    region       TEXT,
    parent       TEXT,
    aliases      TEXT NOT NULL DEFAULT '[]',
    politeness   TEXT NOT NULL DEFAULT '{}',
    imported_at  TEXT NOT NULL
);

-- One availability probe of a site's home page. `due_ms` is the scheduled slot (deterministic
-- from the site and the cadence, so a restarted daemon finds the same slots); `attempt` 0 is
-- the scheduled probe that the V2 ratio counts, 1 the confirmation re-probe after a failure.
-- `outcome`: ok, timeout, dns, connect, tls, http, blocked (the server refused a robot: 401,
-- 403, 412, 429, WAF; not counted), other.
CREATE TABLE probes (
    site_id     INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    due_ms      INTEGER NOT NULL,
    attempt     INTEGER NOT NULL,
    at_ms       INTEGER NOT NULL,
    outcome     TEXT NOT NULL,
    status      INTEGER,
    latency_ms  INTEGER NOT NULL,
    bytes       INTEGER NOT NULL,
    error       TEXT,
    PRIMARY KEY (site_id, due_ms, attempt)
) WITHOUT ROWID;

-- The pages the monitor polls for freshness: the home page and the columns read from its
-- navigation, with the conditional-GET validators of the last answer.
CREATE TABLE monitor_pages (
    site_id        INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    url            TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('home', 'column')),
    name           TEXT,
    class          TEXT,
    active         BOOLEAN NOT NULL DEFAULT TRUE,
    etag           TEXT,
    last_modified  TEXT,
    PRIMARY KEY (site_id, url)
) WITHOUT ROWID;

-- One poll of one page. `outcome` as for probes; `not_modified` for a 304.
CREATE TABLE polls (
    site_id       INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    url           TEXT NOT NULL,
    due_ms        INTEGER NOT NULL,
    at_ms         INTEGER NOT NULL,
    outcome       TEXT NOT NULL,
    status        INTEGER,
    not_modified  BOOLEAN NOT NULL,
    items         INTEGER NOT NULL,
    new_items     INTEGER NOT NULL,
    PRIMARY KEY (site_id, url, due_ms)
) WITHOUT ROWID;

-- Every list item seen on a polled page: when it first and last appeared, its date then and
-- now. `baseline` marks items already there at the page's first poll (their arrival time is
-- unknown, so they never count as new).
CREATE TABLE poll_items (
    site_id        INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    page_url       TEXT NOT NULL,
    item_url       TEXT NOT NULL,
    title          TEXT NOT NULL,
    first_seen_ms  INTEGER NOT NULL,
    last_seen_ms   INTEGER NOT NULL,
    first_date     TEXT,
    date           TEXT,
    date_source    TEXT,
    baseline       BOOLEAN NOT NULL,
    PRIMARY KEY (site_id, page_url, item_url)
) WITHOUT ROWID;
CREATE INDEX poll_items_new ON poll_items (site_id, page_url, first_seen_ms);

-- An item whose date changed between two polls (伪造发稿日期 signal, V1.5), once per change.
CREATE TABLE date_changes (
    site_id   INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    item_url  TEXT NOT NULL,
    old_date  TEXT NOT NULL,
    new_date  TEXT NOT NULL,
    page_url  TEXT NOT NULL,
    title     TEXT NOT NULL,
    seen_ms   INTEGER NOT NULL,
    PRIMARY KEY (site_id, item_url, old_date, new_date)
) WITHOUT ROWID;

-- When a monitor daemon ran (start, last heartbeat, clean stop): explains gaps in the probes.
CREATE TABLE monitor_sessions (
    id          INTEGER PRIMARY KEY,
    started_ms  INTEGER NOT NULL,
    beat_ms     INTEGER NOT NULL,
    stopped_ms  INTEGER
);
