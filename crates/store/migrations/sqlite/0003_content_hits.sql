-- What the content checks found on one fetched URL (a page, an attachment, an external
-- target): JSON written by the engine, replaced whenever the URL is fetched again in the run,
-- so a resumed run reports the hits of the pages fetched before the interruption.
CREATE TABLE hits (
    run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    url     TEXT NOT NULL,
    seq     INTEGER NOT NULL,
    body    TEXT NOT NULL,
    PRIMARY KEY (run_id, url, seq)
);
